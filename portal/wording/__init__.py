"""The one wording checker: every text that reaches a customer or a card passes through it.

It refuses what ties anything to a public review, steers reviews by
sentiment, or threatens, in every language the portal speaks
(docs/wording-rules.md). Callers use:

- ``check(text, lang, marketplace=…)``: pure, no database; returns a Verdict
  (``.allowed``, ``.reasons`` — each with ``code``, ``title``, ``message``,
  ``sentence``, ``evidence``, ``suggestion`` in the writer's language — and
  ``.explain()``);
- ``check_text(text, lang)``: the same with the shop's marketplace mode
  (needs an app context);
- ``ensure_allowed(text, lang, where)``: ``check_text``, raising
  ``WordingRefused`` (a ValidationFailed, so a view's ``attempt()`` flashes
  it) with the reasons, the phrases and a rewrite.

The marketplace mode lives here too, because it changes what the checker
refuses.
"""

from portal.core.errors import ValidationFailed
from portal.wording.classifier import LANGUAGES, Reason, Verdict, check


def check_text(text: str, lang: str) -> Verdict:
    """Like `check`, with the marketplace mode the shop has switched on."""
    # Imported here: the settings need the database, and `portal check-wording` must start
    # without loading it.
    from portal.wording.marketplace import marketplace_mode

    return check(text, lang, marketplace=marketplace_mode())


class WordingRefused(ValidationFailed):
    """The checker refused a text; `verdict` says what, why and how to fix it."""

    def __init__(self, verdict: Verdict, where: str = "the wording"):
        reasons = "; ".join(reason.summary() for reason in verdict.reasons)
        super().__init__(f"{where} ({verdict.lang}) was refused: {reasons}")
        self.verdict = verdict


def ensure_allowed(text: str, lang: str, where: str = "the wording") -> Verdict:
    """The verdict on `text` under the shop's rules; raises WordingRefused when it is refused."""
    verdict = check_text(text, lang)
    if verdict.refused:
        raise WordingRefused(verdict, where)
    return verdict


__all__ = ["LANGUAGES", "Reason", "Verdict", "WordingRefused", "check", "check_text", "ensure_allowed"]
