"""Romanian lexicon of the wording checker (see lexicon_en for the format, rules.py for the concepts).

Entries may be written with diacritics; the normaliser folds them (and the
old cedilla forms ş ţ) on both sides, so text typed without diacritics
matches. Hyphenated clitics are separate words ("spuneți-ne" is "spuneti
ne"). "În schimbul" (in exchange for) shares its stem with "schimba"
(change), and "câștigăm" (we earn) with "câștigați" (you win), so those are
listed by exact forms. "Vă mulțumim" must not read as "mulțumit"
(satisfied), so satisfaction is a glob on the adjective only.
"""

CONCEPTS = {
    "MASK": [
        "nu ezitați", "nu ezita", "nu vă sfiiți", "abia așteptăm", "vă răzgândiți",
        "te răzgândești",
        "ne ajută să ne îmbunătățim", "să ne îmbunătățim", "vom evalua", "evaluăm",
        "evaluarea cererii",
        "în evaluare", "vă mulțumim pentru recenzie", "mulțumim pentru recenzie",
        "prin poștă", "oficiul poștal", "bună ziua", "o zi bună",
        "în stare bună",
        "nicio problemă", "linkurile de recenzie", "link urile de recenzie", "linkurile de mai jos",
        "cu drag", "mai departe", "ne pare rău",
    ],
    "ASSURANCE": [
        "sau nu",
        "opțional*", "puteți edita", "puteți șterge",
        "indiferent", "oricare ar fi", "liber să", "liberi să", "nu depinde", "nu vă împiedică",
        "nu te împiedică", "fără condiții", "necondiționat*", "nu are legătură",
        "nu este condiționat*",
        "alegerea dvs", "alegerea dumneavoastră", "alegerea voastră", "decizia dvs",
        "decizia dumneavoastră",
        "oricând doriți", "nu afectează", "nicio legătură", "nu este obligatori*", "nu trebuie să",
        "în orice caz", "puteți oricând", "fără nicio condiție", "fără obligați*", "dreptul dvs",
        "dreptul dumneavoastră", "nu influențează", "nu contează dacă", "fie că",
        "nu este nevoie de nicio recenzie",
        "nu e nevoie de nicio recenzie", "fără să fie nevoie de recenzie", "nu oferim nimic",
        "nu așteptăm nimic", "nimic în schimb", "nu vă cerem nimic",
    ],
    "CONTENT": [
        "recenzi*", "review*", "evaluar*", "rating*", "stele", "stea", "steluț*", "părere*",
        "păreri*",
        "testimonial*", "blog*", "postare*", "postări*", "comentari*", "story", "videoclip*",
        "clip*", "video",
        "calificativ*", "notă", "nota",
    ],
    "FEEDBACK": ["feedback*", "opini*", "experienț*", "plânger*", "reclamați*", "impresi*"],
    "PUBLIC": [
        "online", "internet", "public*", "rețele sociale", "rețelele sociale", "rețea socială",
        "social media", "pe net", "forum*", "oriunde", "tuturor", "lumii",
    ],
    "OWNSITE": [
        "site ul nostru", "siteul nostru", "magazinul nostru", "pagina noastră",
        "site ul magazinului"
    ],
    "SHOP_DIRECT": ["direct de la noi", "direct pe site", "comandați direct", "cumpărați direct"],
    "POST": [
        "publica*", "publicați", "posta*", "postați", "încărca*", "evaluați", "evalue*", "evalua*",
        "publicare", "urca*"
    ],
    "SAY": ["scrie*", "lăsa*", "lăsați", "lăsați ne", "împărtăși*", "dați", "spuneți", "spune",
            "povestiți", "oferiți", "puneți", "menționa*", "acordați", "acorda"],
    "PROHIBIT": [
        "nu public*", "nu posta*", "nu mai posta*", "abțineți*", "abține*", "evita* public*",
        "evita* posta*", "evita* recenzi*", "să nu public*", "să nu posta*", "nu evaluați",
        "nu faceți public",
        "păstrați între noi", "rămână între noi", "fără să public*", "fără să posta*",
        "fără recenzi*", "nicio recenzie", "nu lăsați recenzi*", "nu scrieți recenzi*",
    ],
    "PROHIBIT_SAY": [
        "nu scrie*", "nu lăsa*", "nu dați", "nu spune*", "nu împărtăși*", "nu pe google",
        "nu online",
        "nu public", "nu pe facebook", "nu menționa*", "nu acordați", "nu e nevoie să",
        "nu este nevoie să",
        "evitați", "nu povestiți", "nu pe internet", "între noi",
    ],
    "REMOVE": [
        "șterge*", "ștergeți", "șters*", "elimin*", "retrage*", "retrag*", "scoate*", "scoateți",
        "dați jos", "ascunde*", "dispar*", "anulați recenzi*", "renunța* la recenzi*",
    ],
    "CHANGE": [
        "modific*", "schimbați", "schimba=", "schimbe=", "schimbare=", "schimbat=", "editați",
        "edita",
        "editare", "actualiz*", "revizui*", "reconsidera*", "ajusta*", "măriți", "mări", "creșteți",
        "crește", "ridicați", "îmbunătăți*", "corecta*", "mai multe stele", "reformula*",
        "îndulci*",
        "coborâți", "reveniți asupra", "adăugați stele", "adăugați o stea",
    ],
    "DELAY": [
        "așteptați", "să așteptați", "amân*", "înainte de", "înainte să", "până când", "până ce",
        "până",
        "deocamdată", "pentru moment", "mai târziu", "nu încă", "încă nu", "lăsați ne timp",
        "dați ne o șansă", "stați", "grăbiți",
    ],
    "EXCLUSIVE": ["în loc de", "în loc să", "în locul", "nu pe", "nu în"],
    "BENEFIT": [
        "rambursa*", "ramburs*", "banii înapoi", "cupon*", "voucher*", "reducere*", "reduceri",
        "credit*",
        "cadou*", "gratuit*", "gratis", "compensa*", "despăgubir*", "bonus*", "recompens*",
        "transport gratuit", "livrare gratuită", "prioritate", "prioritar*", "puncte", "bani",
        "banii",
        "înlocui*", "produs nou", "premiu", "premii", "tombol*", "extragere", "ofertă specială",
        "mostr*",
        "discount*", "plătim", "plăti", "lei", "euro", "eur", "ron", "dolari", "returnăm",
        "restituim", "restitui*", "înapoiem", "retur gratuit",
    ],
    "CONDITION": [
        "dacă", "daca", "doar dacă", "numai dacă", "cu condiția", "după ce", "odată ce",
        "de îndată ce",
        "atâta timp cât", "condiționat*", "când", "cine", "cei care", "clienții care", "oricine",
        "în cazul în care",
        "care lasă", "care scriu", "care postează", "imediat ce", "care ne evaluează",
        "care evaluează",
    ],
    "LINK": [
        "în schimbul", "în schimb", "și primiți", "și primești", "și vă", "și noi", "și vom",
        "pentru a primi",
        "pentru a obține", "ca să primiți", "ca să primești", "primiți", "primești", "veți primi",
        "vă oferim", "vă trimitem", "vă dăm", "câștigați=", "castigati=", "câștigă=",
        "pentru o recenzie",
        "pentru recenzie", "pentru fiecare recenzie", "pentru recenzii", "pentru evaluare",
        "care lasă", "care scriu", "care postează", "pentru a debloca", "apoi", "iar noi",
        "vom returna",
        "vă vom", "depinde de", "primește", "primesc", "obțineți", "obține",
        "pentru un cod", "ca să intrați", "intrați în", "vă aduce", "aduce", "au transport",
        "pentru reducere", "pentru cupon", "pentru voucher", "pentru cadou", "pentru bani",
    ],
    "POSITIVE": [
        "zâmb*",
        "pozitiv*", "excelent*", "mulțumit*", "încântat*", "fericit*", "favorabil*", "bun", "bună",
        "bune", "grozav*", "minunat*", "perfect*", "v a plăcut", "plăcut", "satisfăcut*", "super",
        "top", "laude", "lăud*", "iubit", "adorat",
    ],
    "NEGATIVE": [
        "nemulțumit*", "nu sunteți mulțumit*", "nu ești mulțumit*", "nu ați fost mulțumit*",
        "problem*",
        "în neregulă", "greșit*", "rău", "proast*", "negativ*", "dezamăgit*", "neplăcut*",
        "plângere", "reclamație",
        "nu v a plăcut", "deteriorat*", "stricat*", "altfel", "dacă nu", "în caz contrar",
        "nu e bine",
        "nu este bine", "nu merge", "lipsă", "întârzi*", "supărat*",
    ],
    "NEUTRAL": [
        "bună sau rea", "pozitivă sau negativă", "pozitive sau negative", "bune sau rele",
        "negativă sau pozitivă", "sau nu", "oricare ar fi", "orice părere", "orice recenzie",
        "bună ori rea", "pozitivă ori negativă",
    ],
    "GATE": [
        "clienții mulțumiți", "clienți mulțumiți", "clienții fericiți", "clienți fericiți",
        "cumpărătorii mulțumiți", "cumpărători mulțumiți", "doar clienții mulțumiți",
        "doar recenzii pozitive", "numai recenzii pozitive", "doar pozitive", "doar cei mulțumiți",
        "numai cei mulțumiți",
    ],
    "STARS": [
        "5 stele", "cinci stele", "patru stele", "4 stele", "nota maximă", "nota 10",
        "punctaj maxim",
              "calificativ maxim"],
    "INVITE": [
        "ar fi minunat*", "ar fi super", "ar fi grozav*",
        "ne ar face plăcere", "am aprecia", "v am fi recunoscători", "nu uitați",
        "ar însemna mult",
               "ne ar bucura"],
    "ASPIRE": [
        "câștigăm=", "castigam=", "să câștigăm", "merităm", "meritam=", "obiectiv*", "scopul"
    ],
    "CONTACT": [
        "la suport", "suportul", "suport",
        "contactați ne", "contactați", "scrieți ne", "spuneți ne", "anunțați ne", "sunați ne",
        "trimiteți ne", "răspundeți aici", "luați legătura", "echipa de suport",
        "serviciul clienți",
        "ne scrieți", "să ne contactați", "ne contactați", "ne spuneți", "veniți la noi", "apelați",
        "ne anunțați", "ne sunați",
    ],
    "FIRST": ["mai întâi", "întâi", "în primul rând", "înainte"],
    "THREAT": [
        "în judecată", "instanț*", "proces=", "un proces", "acțiune în justiție", "măsuri legale",
        "avocații noștri",
        "calomni*", "defăim*", "penal*", "veți regreta", "răspundere legală", "știm unde locuiți",
        "gândiți vă bine", "vă raportăm", "plângere penală",
        "acționăm în justiție",
    ],
    "THREAT_WEAK": [
        "poliți*", "avocat*", "consecinț*", "lista neagră", "blocăm*", "bloca*", "amend*",
        "penalit*",
        "taxă", "garanți*", "suspend*", "juridic*", "legal*", "anulăm",
    ],
    "CONTRACT": [
        "sunteți de acord", "vă angajați", "contract*", "termen*", "condiții*", "interzis*",
        "interzice*",
        "nu este permis", "nu aveți voie", "încălca*", "clauz*", "prin cumpărare", "prin achiziți*",
        "nu aveți dreptul", "acord*", "supusă", "supus", "nepublicare",
    ],
    "WE": ["noi", "am", "vom", "echipa noastră", "o să"],
    "THANKS": ["mulțumim pentru", "vă mulțumim", "mulțumesc pentru"],
    "REQUEST": [
        "vă rugăm", "te rog", "va rog", "vă rog", "ați putea", "puteți să", "v am fi recunoscători"
    ],
    "CONTRAST": ["dar", "însă", "totuși", "ci"],
}
