"""The wording checker: refuses texts that tie anything to a public review, steer it, or threaten.

A text is split into sentences. In each, the grammar (`grammar.read`) finds
the concepts of the text's language (plus English, because replies mix in
English words and platform names), and the rules (`rules.py`) decide from
them; any reason refuses. Every reason names the rule, says why, quotes the
phrases that triggered it and suggests a compliant rewrite, all in the
language of the text (`messages.py`), so the writer can fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.core.languages import SUPPORTED_LOCALES, base_language
from portal.wording import messages, rules
from portal.wording.grammar import read
from portal.wording.normalise import sentences

# Every language the portal speaks has a lexicon here (lexicon_<code>.py).
LANGUAGES = SUPPORTED_LOCALES


@dataclass(frozen=True)
class Reason:
    code: str  # one of rules.CODES; for programs, never shown to people
    title: str  # the rule, in the writer's language
    message: str  # why it is refused, in the writer's language
    sentence: str  # the offending sentence (folded)
    evidence: tuple[str, ...]  # the phrases that triggered it
    suggestion: str  # one compliant rewrite, in the writer's language
    lang: str = "en"

    def __str__(self) -> str:
        quoted = ", ".join(f'"{e}"' for e in self.evidence)
        return f"{self.title}. {self.message} ({quoted}) «{self.sentence}»"

    def summary(self, lang: str | None = None) -> str:
        """One line for a refusal message: the rule, the phrases and the rewrite, in the writer's language."""
        lang = lang or self.lang
        found = ", ".join(f"«{e}»" for e in self.evidence)
        return (f"{self.title} ({messages.say(messages.FOUND, lang)}: {found}). {self.message} "
                f"{messages.say(messages.TRY, lang)}: «{self.suggestion}»")


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

    @property
    def codes(self) -> list[str]:
        return list(dict.fromkeys(r.code for r in self.reasons))

    def explain(self) -> str:
        """The verdict in the writer's language: each reason, its evidence and a rewrite."""
        say = messages.say
        if self.allowed:
            return say(messages.SUMMARY_ACCEPTED, self.lang)
        lines = [say(messages.SUMMARY_REFUSED, self.lang, count=len(self.reasons))]
        for r in self.reasons:
            lines.append(f"- {r.title}: {r.message}")
            lines.append(f"  {say(messages.FOUND, self.lang)}: " + ", ".join(f"«{e}»" for e in r.evidence))
            lines.append(f"  {say(messages.IN_SENTENCE, self.lang)}: «{r.sentence}»")
            lines.append(f"  {say(messages.TRY, self.lang)}: {r.suggestion}")
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {"lang": self.lang, "allowed": self.allowed,
                "reasons": [{"code": r.code, "title": r.title, "message": r.message,
                             "sentence": r.sentence, "evidence": list(r.evidence),
                             "suggestion": r.suggestion} for r in self.reasons]}


def _reason(code: str, clause, concepts: tuple[str, ...], lang: str) -> Reason:
    evidence = clause.evidence(*concepts) or (clause.text,)
    return Reason(code, messages.say(messages.TITLES[code], lang), messages.say(messages.WHY[code], lang),
                  clause.text, tuple(e for e in evidence if e != "qmark"),
                  messages.say(messages.REWRITES[code], lang), lang)


def check(text: str, lang: str, *, marketplace: str | None = None) -> Verdict:
    """Classify `text` written in `lang` (en, fa, hy, ro). Pure: no database, no app.

    `marketplace` (e.g. "amazon") adds that marketplace's rules. Use
    `portal.wording.check_text` to apply the shop's current setting.
    """
    lang = base_language(lang)
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    verdict = Verdict(lang=lang)
    lexicons = (lang,) if lang == "en" else (lang, "en")
    previous = None
    for sentence in sentences(text, lang):
        clause = read(sentence, lexicons)
        for code, rule in rules.RULES.items():
            if concepts := rule(clause):
                verdict.reasons.append(_reason(code, clause, concepts, lang))
        if previous and "review_incentive" not in verdict.codes:
            if concepts := rules.praise_then_benefit(previous, clause):
                verdict.reasons.append(_reason("review_incentive", clause, concepts, lang))
        if previous and "review_suppression" not in verdict.codes:
            if concepts := rules.pronoun_suppression(previous, clause):
                verdict.reasons.append(_reason("review_suppression", clause, concepts, lang))
        previous = clause
        if marketplace and (concepts := rules.marketplace(clause, marketplace.lower())):
            verdict.reasons.append(_reason("marketplace", clause, concepts, lang))
    return verdict
