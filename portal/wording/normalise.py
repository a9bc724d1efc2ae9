"""Text normalisation and tokens for the wording classifier.

Every transform here is specific to one script, so all of them can run on any
text: a Persian reply quoting an English word, or Romanian typed without
diacritics, is folded the same way as its lexicon. What each step is for:

- Persian/Arabic: Arabic yeh and kaf become Persian ی and ک, hamza carriers and
  alef variants fold to their base letter, harakat and tatweel are dropped, the
  zero-width non-joiner is removed (``می‌نویسید``, ``مینویسید`` and
  ``می نویسید`` all become one token), Persian and Arabic-Indic digits become
  ASCII digits.
- Armenian: the full stop ``։`` ends a sentence (so does ``:``, which people
  type for it); the question, exclamation and emphasis marks sit *inside* a
  word (``մի՛``, ``կջնջե՞ք``) and are removed; the ligature ``և`` becomes ``եւ``.
- Romanian: ş/ţ with cedilla and ș/ț with comma, and ă â î, all fold to plain
  letters, so text typed with or without diacritics matches the same entries.
- English: contractions are spelled out (``don't`` → ``do not``).
- Questions and colons do not end a sentence: "Happy? Review us." reads as
  one sentence whose first part is a condition, so each becomes the word
  ``qmark``, which the lexicons list as a condition (in Armenian a colon is
  the full stop people type, so there it still ends the sentence).
- Emoji: a run of stars (⭐⭐⭐⭐⭐) reads as "5 stars", smiling faces and a
  thumbs-up as ``happyface``, frowning ones as ``sadface``; a currency sign
  ($ € £ ֏ ﷼) as ``money``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

STEMMER_LANGUAGES = {"en": "english", "fa": "persian", "hy": "armenian", "ro": "romanian"}

# Invisible characters that change nothing a reader sees but split or glue words.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x200E, 0x200F, 0x061C,
     *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x0640],
    None,
)
_LETTERS = str.maketrans({
    "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ە": "ه", "ۀ": "ه", "ٱ": "ا",
    "‘": "'", "’": "'", "ʼ": "'", "′": "'", "`": "'",
    "։": ". ", "՝": ", ", "՞": "", "՜": "", "՛": "", "՚": "", "՟": "",
    "«": " ", "»": " ", "„": " ", "“": " ", "”": " ",
    "،": ", ", "؛": "; ", "؟": "? ",
    **{chr(0x06F0 + d): str(d) for d in range(10)},
    **{chr(0x0660 + d): str(d) for d in range(10)},
})
_CONTRACTIONS = [
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"\bi'm\b"), "i am"),
]
_SENTENCE_END = re.compile(r"[.!;]+(?=\s|$)|\n+")
# A web address is one word (its dots end no sentence): the rules only need to know it is a link.
_URL = re.compile(r"(?:https?://|www\.)[^\s]*[^\s.!?,;:)]"
                  r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|ro|am|ir|io|shop|store|co)\b(?:/[^\s]*[^\s.!?,;:)])?")
_ARMENIAN_COLON = re.compile(r"(?<!\d):+(?!\d)")
_QUESTION = re.compile(r"[?:]+")
_ARMENIAN_QUESTION = re.compile(r"([^\u0589.!?:;\n]*)\u055e([^\u0589.!?:;\n]*)")
# "As a thank-you for your review" is a reward, not a thank-you: read it as the exchange it is.
_THANK_YOU_FOR = re.compile(r"\bas (?:a )?thank[ -]?you for\b|\bas thanks for\b")
_STARS = re.compile(r"[\u2b50\u2605\U0001f31f](?:\s*[\u2b50\u2605\U0001f31f])*")
_HAPPY = re.compile("[\U0001f600-\U0001f60d\U0001f642\U0001f917\U0001f929\U0001f970\U0001f60a\U0001f44d"
                    "\u2764\U0001f496\U0001f495\U0001f499\U0001f49a\U0001f49b\U0001f64f\u263a]")
_CURRENCY = re.compile("[$€£¥₽\u058f\ufdfc]")  # a sum of money reads as "money": a benefit
_SAD = re.compile("[\U0001f61e-\U0001f62d\U0001f641\u2639\U0001f44e\U0001f620\U0001f621\U0001f614"
                  "\U0001f615\U0001f610\U0001f611]")
_WORD = re.compile(r"[^\W_]+")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
# Persian verb prefixes and plural/person suffixes written as separate words.
_FA_PREFIXES = frozenset({"می", "نمی"})
_FA_SUFFIXES = frozenset({"ها", "های", "هایی", "هایتان", "هایشان", "ای", "اید", "ایم", "ام", "اند"})


def fold(text: str) -> str:
    """Case, letter variants, diacritics and invisible characters folded away."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = _THANK_YOU_FOR.sub("in exchange for", text.translate(_INVISIBLE).translate(_LETTERS).casefold())
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return unicodedata.normalize("NFC", text)


def _emoji(text: str) -> str:
    text = _STARS.sub(lambda m: f" {len(m.group().replace(' ', ''))} stars ", text)
    text = _CURRENCY.sub(" money ", text).replace("%", " percent ").replace("٪", " percent ")
    return _SAD.sub(" sadface ", _HAPPY.sub(" happyface ", text))


def sentences(text: str, lang: str = "en") -> list[str]:
    """Sentences of the folded text; the unit the rules look at.

    A sentence that ends in a question is joined to the next ("Loved it? Review us."): the
    question is the condition of what follows. An Armenian question mark sits on a word of the
    question (Հավանեցի՞ք); it becomes a ``qmark`` at the end of that sentence.
    """
    if lang == "hy":
        text = _ARMENIAN_QUESTION.sub(lambda m: f"{m.group(1)}{m.group(2)} ?", text or "")
    folded = _URL.sub(" weblink ", _emoji(fold(text)))
    if lang == "hy":
        folded = _ARMENIAN_COLON.sub(". ", folded)
    found: list[str] = []
    for part in _SENTENCE_END.split(folded):
        words = " ".join(_QUESTION.sub(" qmark ", part or "").split())
        if not words:
            continue
        if found and found[-1].endswith("qmark"):
            found[-1] = f"{found[-1]} {words}"
        else:
            found.append(words)
    return found


@dataclass(frozen=True)
class Token:
    surface: str  # as written in the sentence (folded)
    stem: str  # Snowball stem in the lexicon's language


@lru_cache(maxsize=8)
def _stemmer(lang: str):
    # Imported here: snowballstemmer loads every language's stemmer, and the pages
    # that import this package at app start never stem anything.
    import snowballstemmer

    return snowballstemmer.stemmer(STEMMER_LANGUAGES[lang])


@lru_cache(maxsize=20000)
def _stem(lang: str, word: str) -> str:
    return _stemmer(lang).stemWord(word)


def _join_persian(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        if out and word in _FA_SUFFIXES and _ARABIC_SCRIPT.match(out[-1]):
            out[-1] += word
        elif out and out[-1] in _FA_PREFIXES and _ARABIC_SCRIPT.match(word):
            out[-1] += word
        else:
            out.append(word)
    return out


_PHRASE_WORD = re.compile(r"[^\W_]+[*=]?|\*")


def phrase_words(phrase: str) -> list[str]:
    """A lexicon phrase cut into words exactly as a sentence is (its ``*`` and ``=`` kept)."""
    return _join_persian(_PHRASE_WORD.findall(fold(phrase)))


def tokens(folded_sentence: str, lang: str, stem: bool = True) -> list[Token]:
    """Words of an already folded sentence, stemmed with `lang`'s stemmer (or not: `stem` False)."""
    words = _join_persian(_WORD.findall(folded_sentence))
    stems = [_stem(lang, w) for w in words] if stem else words
    return [Token(w, s) for w, s in zip(words, stems, strict=True)]
