"""Compliance by construction: the wording classifier and the evidence it keeps.

Colleagues call ``portal.compliance.check(text, lang)`` (pure, no database)
or ``portal.compliance.check_text(text, lang)`` (applies the shop's marketplace
mode too). Both return a Verdict: ``.allowed``, ``.reasons`` (each with
``code``, ``message``, ``sentence``, ``evidence``) and ``.explain()``.
"""

from portal.compliance.classifier import LANGUAGES, Reason, Verdict, check


def check_text(text: str, lang: str) -> Verdict:
    """Like `check`, with the marketplace mode the shop has switched on (needs an app context)."""
    from portal.compliance.settings import marketplace_mode

    return check(text, lang, marketplace=marketplace_mode())


__all__ = ["LANGUAGES", "Reason", "Verdict", "check", "check_text"]
