"""Romanian lexicon of the wording classifier (see lexicon_en for the format).

Entries may be written with diacritics; the normaliser folds them (and the
old cedilla forms ş ţ) on both sides. "În schimbul" (in exchange for) shares its stem with "schimba"
(change), so change is listed by exact forms. "Vă mulțumim" must not read as
"mulțumit" (satisfied), so satisfaction is a glob on the adjective only.
"""

CONCEPTS = {
    "MASK": ["nu ezitați", "nu ezita", "nu vă sfiiți", "abia așteptăm"],
    "REVIEW": [
        "recenzi*", "review*", "evaluare*", "evaluarea", "rating*", "stele", "stea", "părere*",
        "păreri*", "testimonial*",
    ],
    "BENEFIT": [
        "rambursa*", "ramburs*", "banii înapoi", "cupon*", "voucher*", "reducere*", "credit*",
        "cadou*", "gratuit*", "gratis", "compensa*", "despăgubir*", "bonus*", "recompens*",
    ],
    "CONDITION": [
        "dacă", "doar dacă", "numai dacă", "cu condiția", "în schimbul", "în schimb", "după ce",
        "odată ce", "de îndată ce", "atâta timp cât", "condiționat*",
    ],
    "REMOVE": ["șterg*", "elimin*", "retrage*", "retrag*", "scoate*", "dați jos"],
    "CHANGE": [
        "modific*", "schimbați", "schimba=", "schimbe=", "schimbare=", "schimbat=", "editați", "edita",
        "actualiz*", "măriți nota", "creșteți nota",
    ],
    "DELAY": [
        "așteptați", "să așteptați", "amân*", "înainte de", "înainte să", "în loc de", "în loc să",
        "până când", "până ce",
    ],
    "PROHIBIT": [
        "nu public*", "nu posta*", "nu scrie*", "nu lăsa*", "nu dați", "evitați", "abțineți*",
        "nu mai posta*",
    ],
    "THREAT": [
        "instanț*", "în judecată", "proces penal", "avocat*", "poliți*", "consecinț*", "calomni*",
        "defăim*", "lista neagră", "blocăm contul",
    ],
    "POSITIVE": [
        "pozitiv*", "excelent*", "5 stele", "cinci stele", "mulțumit*", "încântat*", "fericit*",
        "favorabil*", "bună recenzie", "recenzie bună",
    ],
    "INVITE": [
        "lăsați", "lăsa", "scrieți", "scrie", "publicați", "postați", "dați", "evaluați",
        "împărtășiți", "oferiți",
    ],
    "ASSURANCE": [
        "indiferent", "oricare ar fi", "liber să", "liberi să", "nu depinde", "nu vă împiedică",
        "nu te împiedică", "fără condiții", "necondiționat*", "nu are legătură",
    ],
    "OFFSITE": ["google", "trustpilot", "facebook", "http*", "www"],
}
