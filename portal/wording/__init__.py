"""The one wording checker: every text that reaches a customer or a card passes through it.

It refuses what ties anything to a public review, or threatens, in every
language the portal speaks. Callers use ``check(text, lang, marketplace=…)``
(pure, no database) or ``check_text(text, lang)``, which applies the shop's
marketplace mode (needs an app context). Both return a Verdict: ``.allowed``,
``.reasons`` (each with ``code``, ``message``, ``sentence``, ``evidence``) and
``.explain()``. The marketplace mode lives here too, because it changes what
the checker refuses.
"""

from portal.wording.classifier import LANGUAGES, Reason, Verdict, check
from portal.wording.marketplace import marketplace_mode


def check_text(text: str, lang: str) -> Verdict:
    """Like `check`, with the marketplace mode the shop has switched on."""
    return check(text, lang, marketplace=marketplace_mode())


__all__ = ["LANGUAGES", "Reason", "Verdict", "check", "check_text"]
