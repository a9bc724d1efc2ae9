"""Concepts found in a sentence, with their places: what the rules reason about.

A lexicon (``lexicon_<lang>.py``) lists phrases per concept. A word of a
phrase matches a token by its Snowball stem ("removing" matches "remove"), as
a glob on the folded token when it holds ``*``, or as that exact form only
when it ends in ``=`` (Persian and Armenian words, and idioms to mask, always
match as written). The words of a phrase may be up to two tokens apart
("do *not* ever post"; three for particle verbs, none around "instead"); a phrase of one word matches one token.

Matching runs in three passes, so that a phrase which only looks like a
concept cannot be read as one:

1. MASK: idioms ("change your mind", "free of charge", "thank you for
   leaving") are taken out of the sentence;
2. ASSURANCE: statements that nothing depends on a review ("whether or not",
   "never stops you from posting") are noted, then taken out too, so their
   "not … posting" is not read as a prohibition;
3. every other concept is found on what is left, each hit keeping its token
   span, so a rule can ask whether two concepts stand near each other
   (a sentiment inside a condition, an action next to its object).
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module

from portal.wording.normalise import Token, phrase_words, tokens

MAX_GAP = 2  # tokens allowed between the words of one phrase ("do *not* ever post")
# Particle verbs reach further ("take the Instagram story down"); a negation or "instead" must stand
# right by its word, or "nu este în regulă" (it is not right) would read as "nu în" (not on).
GAPS = {"REMOVE": 3, "CHANGE": 3, "EXCLUSIVE": 0}
PASSES = ("MASK", "ASSURANCE")  # matched first, and their tokens taken out
# Persian and Armenian entries are written in the forms they match (or as globs): their Snowball
# stems cut too deep for a checker (Persian دادگاه "court" and دادیم "we gave" share a stem).
EXACT_LANGUAGES = frozenset({"fa", "hy"})


@dataclass(frozen=True)
class _Word:
    pattern: re.Pattern | None  # a glob, or a form that must match as written
    stem: str | None
    folded: str

    def matches(self, token: Token) -> bool:
        if self.pattern is not None:
            return self.pattern.fullmatch(token.surface) is not None
        return token.surface == self.folded or token.stem == self.stem


@dataclass
class _Lexicon:
    """A language's phrases per concept, indexed by how their first word can match a token."""

    phrases: dict[str, list[tuple[_Word, ...]]]
    by_surface: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    by_stem: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    by_prefix: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # globs, by what precedes "*"
    _globbed: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def candidates(self, token: Token) -> list[tuple[str, int]]:
        """(concept, phrase number) of the phrases whose first word may match `token`."""
        found = self.by_surface.get(token.surface, []) + self.by_stem.get(token.stem, [])
        return found + self._globs(token)

    def _globs(self, token: Token) -> list[tuple[str, int]]:
        surface = token.surface
        if surface not in self._globbed:
            keys = [k for n in range(len(surface) + 1) for k in self.by_prefix.get(surface[:n], [])]
            self._globbed[surface] = [(c, i) for c, i in keys if self.phrases[c][i][0].matches(token)]
        return self._globbed[surface]


@dataclass(frozen=True)
class Hit:
    text: str  # the words as they stand in the sentence (folded)
    start: int  # token span in the sentence
    end: int


@dataclass
class Clause:
    """One sentence and the concepts found in it; the rules' view of the text."""

    text: str
    lang: str = "en"  # the text's language: where an object stands from its verb depends on it
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)  # the tokens, folded

    def has(self, *concepts: str) -> bool:
        """Any of the concepts is present."""
        return any(self.hits.get(c) for c in concepts)

    def near(self, first: str | tuple[str, ...], second: str | tuple[str, ...], before: int,
             after: int | None = None) -> bool:
        """A hit of `second` starts at most `before` tokens before, or `after` tokens after, one of `first`."""
        after = before if after is None else after
        for a in self._all(first):
            for b in self._all(second):
                if a is b:
                    continue
                if a.start - before <= b.start <= a.end - 1 + after or b.start <= a.start < b.end:
                    return True
        return False

    def followed(self, first: str | tuple[str, ...], second: str | tuple[str, ...], within: int) -> bool:
        """A hit of `second` starts after one of `first`, at most `within` tokens after its end."""
        return any(a.end <= b.start <= a.end + within
                   for a in self._all(first) for b in self._all(second))

    def evidence(self, *concepts: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.text for c in concepts for h in self.hits.get(c, [])))

    def _all(self, concepts: str | tuple[str, ...]) -> list[Hit]:
        names = (concepts,) if isinstance(concepts, str) else concepts
        return [h for name in names for h in self.hits.get(name, [])]


@lru_cache(maxsize=16)
def _lexicon(lang: str) -> _Lexicon:
    """The language's concepts (and the shared ones), each phrase folded and stemmed like the text."""
    concepts: dict[str, list[str]] = {}
    for module in (f"portal.wording.lexicon_{lang}", "portal.wording.lexicon_shared"):
        for concept, phrases in import_module(module).CONCEPTS.items():
            concepts.setdefault(concept, []).extend(phrases)
    lexicon = _Lexicon({})
    for concept, phrases in concepts.items():
        entries = lexicon.phrases.setdefault(concept, [])
        for phrase in phrases:
            words = tuple(_word(raw, lang, exact=concept == "MASK") for raw in phrase_words(phrase))
            first, key = words[0], (concept, len(entries))
            entries.append(words)
            if first.pattern is None:
                lexicon.by_surface.setdefault(first.folded, []).append(key)
                lexicon.by_stem.setdefault(first.stem, []).append(key)
            elif "*" in first.folded:
                lexicon.by_prefix.setdefault(first.folded.split("*")[0], []).append(key)
            else:
                lexicon.by_surface.setdefault(first.folded, []).append(key)
    return lexicon


def _word(raw: str, lang: str, exact: bool) -> _Word:
    if "*" in raw:
        return _Word(re.compile(fnmatch.translate(raw)), None, raw)
    if raw.endswith("="):
        raw, exact = raw[:-1], True
    if exact or lang in EXACT_LANGUAGES:
        return _Word(re.compile(re.escape(raw)), None, raw)
    return _Word(None, tokens(raw, lang)[0].stem, raw)


def _extend(words: tuple[_Word, ...], toks: list[Token | None], start: int, gap: int) -> int | None:
    """Where the phrase that starts at `start` ends, its words at most `gap` live tokens apart."""
    position = start
    for word in words[1:]:
        skipped, nxt = 0, position + 1
        while nxt < len(toks) and skipped <= gap:
            if toks[nxt] is None:  # a masked token is not a word of this sentence
                return None
            if word.matches(toks[nxt]):
                break
            skipped, nxt = skipped + 1, nxt + 1
        if nxt >= len(toks) or skipped > gap:
            return None
        position = nxt
    return position + 1


def _spans(lexicon: _Lexicon, toks: list[Token | None], only: str | None,
           gap: int | None) -> dict[str, list[tuple[int, int]]]:
    """Concept → spans of its phrases in the live tokens: `only` one concept, or all but the passes."""
    found: dict[str, list[tuple[int, int]]] = {}
    for start, token in enumerate(toks):
        if token is None:
            continue
        for concept, number in lexicon.candidates(token):
            if (concept != only) if only else (concept in PASSES):
                continue
            words = lexicon.phrases[concept][number]
            allowed = GAPS.get(concept, MAX_GAP) if gap is None else gap
            end = _extend(words, toks, start, allowed if len(words) > 1 else 0)
            if end is not None and (start, end) not in found.setdefault(concept, []):
                found[concept].append((start, end))
    return found


def read(sentence: str, langs: tuple[str, ...]) -> Clause:
    """The concepts of one folded sentence, by the lexicons of `langs` (hits merged)."""
    clause = Clause(sentence, langs[0])
    for lang in langs:
        lexicon = _lexicon(lang)
        toks: list[Token | None] = list(tokens(sentence, lang, stem=lang not in EXACT_LANGUAGES))
        surfaces = [t.surface for t in toks]
        clause.words = surfaces
        for concept in PASSES:
            gap = 0 if concept == "MASK" else MAX_GAP  # an idiom is masked only as written
            spans = _spans(lexicon, toks, concept, gap).get(concept, [])
            for start, end in spans:
                if concept != "MASK":
                    _add(clause, concept, Hit(" ".join(surfaces[start:end]), start, end))
            for start, end in spans:
                toks[start:end] = [None] * (end - start)
        for concept, spans in _spans(lexicon, toks, None, None).items():
            for start, end in spans:
                _add(clause, concept, Hit(" ".join(surfaces[start:end]), start, end))
    return clause


def _add(clause: Clause, concept: str, hit: Hit) -> None:
    hits = clause.hits.setdefault(concept, [])
    if all((h.start, h.end) != (hit.start, hit.end) for h in hits):
        hits.append(hit)
