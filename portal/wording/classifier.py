"""The wording classifier: refuses texts that tie anything to a review, or threaten.

A text is split into sentences. In each sentence, the lexicon of its language
(plus the English one, because replies mix in English words) finds concepts:
a review, a benefit, a condition, asking to remove, change or delay a review,
a prohibition on posting, a threat, a positive sentiment, an invitation to
post, an assurance that nothing depends on it, an off-marketplace site. The
rules below combine concepts of one sentence into reasons; any reason refuses.
Every reason names the rule, says why in plain words, and quotes the phrases
that triggered it, so the writer can fix the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import lru_cache
from importlib import import_module

from portal.core.languages import SUPPORTED_LOCALES
from portal.wording.normalise import Token, fold, sentences, tokens

# Every language the portal speaks has a lexicon here (lexicon_<code>.py).
LANGUAGES = SUPPORTED_LOCALES
MAX_GAP = 2  # tokens allowed between the words of one phrase

SUPPRESSION = {"REMOVE": "remove", "CHANGE": "change", "DELAY": "delay or divert",
               "PROHIBIT": "not post"}


@dataclass(frozen=True)
class Reason:
    code: str
    message: str
    sentence: str
    evidence: tuple[str, ...]

    def __str__(self) -> str:
        quoted = ", ".join(f'"{e}"' for e in self.evidence)
        return f"[{self.code}] {self.message} (found: {quoted}) in: \"{self.sentence}\""


@dataclass
class Verdict:
    lang: str
    reasons: list[Reason] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.reasons

    @property
    def refused(self) -> bool:
        return bool(self.reasons)

    def explain(self) -> str:
        if self.allowed:
            return f"ACCEPTED ({self.lang}): nothing ties a benefit to a review and nothing threatens."
        lines = [f"REFUSED ({self.lang}): {len(self.reasons)} reason(s)"]
        lines += [f"  - {reason}" for reason in self.reasons]
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {"lang": self.lang, "allowed": self.allowed,
                "reasons": [{"code": r.code, "message": r.message, "sentence": r.sentence,
                             "evidence": list(r.evidence)} for r in self.reasons]}


@dataclass(frozen=True)
class _Word:
    glob: str | None
    stem: str | None
    folded: str


@lru_cache(maxsize=8)
def _lexicon(lang: str) -> dict[str, list[tuple[str, tuple[_Word, ...]]]]:
    """The language's concepts, each phrase folded and stemmed like the text."""
    concepts = import_module(f"portal.wording.lexicon_{lang}").CONCEPTS
    compiled: dict[str, list[tuple[str, tuple[_Word, ...]]]] = {}
    for concept, phrases in concepts.items():
        entries = []
        for phrase in phrases:
            words = []
            for raw in fold(phrase).replace(",", " ").split():
                if "*" in raw:
                    words.append(_Word(glob=raw, stem=None, folded=raw))
                elif raw.endswith("="):  # exact form only: its stem is shared with other words
                    words.append(_Word(glob=raw[:-1], stem=None, folded=raw[:-1]))
                else:
                    words.append(_Word(glob=None, stem=tokens(raw, lang)[0].stem, folded=raw))
            entries.append((phrase, tuple(words)))
        compiled[concept] = entries
    return compiled


def _word_matches(word: _Word, token: Token) -> bool:
    if word.glob is not None:
        return fnmatchcase(token.surface, word.glob)
    return token.surface == word.folded or token.stem == word.stem


def _find(words: tuple[_Word, ...], toks: list[Token], gap: int) -> list[tuple[int, int]]:
    """Spans (start, end) where the phrase occurs, its words at most `gap` tokens apart."""
    spans = []
    for start, token in enumerate(toks):
        if not _word_matches(words[0], token):
            continue
        position, ok = start, True
        for word in words[1:]:
            for nxt in range(position + 1, min(len(toks), position + 2 + gap)):
                if _word_matches(word, toks[nxt]):
                    position = nxt
                    break
            else:
                ok = False
                break
        if ok:
            spans.append((start, position + 1))
    return spans


def _concepts(sentence: str, lang: str) -> dict[str, list[str]]:
    """Concept → phrases as they appear in the sentence, for one lexicon."""
    lexicon = _lexicon(lang)
    toks = tokens(sentence, lang)
    masked: set[int] = set()
    for _phrase, words in lexicon.get("MASK", []):
        for start, end in _find(words, toks, 0):
            masked.update(range(start, end))
    toks = [t for i, t in enumerate(toks) if i not in masked]
    found: dict[str, list[str]] = {}
    for concept, entries in lexicon.items():
        if concept == "MASK":
            continue
        for _phrase, words in entries:
            gap = MAX_GAP if len(words) > 1 else 0
            for start, end in _find(words, toks, gap):
                text = " ".join(t.surface for t in toks[start:end])
                if text not in found.setdefault(concept, []):
                    found[concept].append(text)
    return found


def _merge(*maps: dict[str, list[str]]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for mapping in maps:
        for concept, hits in mapping.items():
            merged.setdefault(concept, []).extend(h for h in hits if h not in merged[concept])
    return merged


def _rules(found: dict[str, list[str]], sentence: str, marketplace: str | None) -> list[Reason]:
    has = found.__contains__

    def ev(*concepts: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(hit for c in concepts for hit in found.get(c, [])))

    reasons = []
    if has("THREAT"):
        reasons.append(Reason("threat", "The text threatens the customer (legal steps, police, "
                              "consequences). Wording must invite, never threaten.",
                              sentence, ev("THREAT")))
    suppress = [c for c in SUPPRESSION if has(c)]
    if has("REVIEW") and suppress and (has("BENEFIT") or not has("ASSURANCE")):
        what = " / ".join(SUPPRESSION[c] for c in suppress)
        tied = " next to a benefit" if has("BENEFIT") else ""
        reasons.append(Reason("review_suppression", f"The text asks the customer to {what} a "
                              f"review{tied}. Customers may post any review, any time.",
                              sentence, ev("REVIEW", *suppress, "BENEFIT")))
    if (has("BENEFIT") and has("REVIEW") and (has("CONDITION") or has("INVITE"))
            and not has("ASSURANCE") and not suppress):
        reasons.append(Reason("benefit_for_review", "The text ties a benefit to a review. Goodwill "
                              "is unconditional: leave reviews out of an offer.",
                              sentence, ev("BENEFIT", "REVIEW", "CONDITION", "INVITE")))
    if has("BENEFIT") and has("REVIEW") and has("POSITIVE"):
        reasons.append(Reason("sentiment_incentive", "The text ties a benefit to a positive "
                              "review (forbidden by 16 CFR 465 and every review platform).",
                              sentence, ev("BENEFIT", "REVIEW", "POSITIVE")))
    if (has("REVIEW") and has("INVITE") and has("CONDITION") and has("POSITIVE")
            and not has("BENEFIT")):
        reasons.append(Reason("review_gating", "The text invites only satisfied customers to "
                              "review (review gating). Invite everyone, or no one.",
                              sentence, ev("CONDITION", "POSITIVE", "INVITE", "REVIEW")))
    if marketplace and has("REVIEW") and has("OFFSITE"):
        reasons.append(Reason("offsite_redirect", f"Marketplace mode ({marketplace}): the text "
                              "sends customers to review somewhere other than the marketplace.",
                              sentence, ev("OFFSITE", "REVIEW")))
    return reasons


def check(text: str, lang: str, *, marketplace: str | None = None) -> Verdict:
    """Classify `text` written in `lang` (en, fa, hy, ro). Pure: no database, no app.

    `marketplace` (e.g. "amazon") adds the marketplace rules. Use
    `portal.wording.check_text` to apply the shop's current setting.
    """
    lang = (lang or "").replace("_", "-").split("-")[0].lower()
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    verdict = Verdict(lang=lang)
    lexicons = (lang,) if lang == "en" else (lang, "en")
    for sentence in sentences(text):
        found = _merge(*(_concepts(sentence, lex) for lex in lexicons))
        verdict.reasons.extend(_rules(found, sentence, marketplace))
    return verdict
