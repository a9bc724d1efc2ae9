"""What a refusal says, in the writer's language: the rule, why, and one compliant rewrite.

The checker runs without a Flask app (the command line, a print batch), so
the words are read straight from the project's gettext catalogues with the
standard library, in the language of the text being checked: staff who write
in Persian are answered in Persian. ``N_`` only marks a string for
`make translations`; `say` translates it.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

from portal.core.paths import PROJECT_ROOT

CATALOGUES = PROJECT_ROOT / "portal" / "translations"


def N_(message: str) -> str:  # noqa: N802 (the name gettext's tools look for)
    return message


TITLES = {
    "review_suppression": N_("Asks to remove, change, hold back or not publish a review"),
    "review_incentive": N_("Ties a benefit to a review"),
    "review_gating": N_("Steers reviews by sentiment (review gating)"),
    "threat": N_("Threatens the customer or forbids honest reviews"),
    "marketplace": N_("Breaks the marketplace's rules"),
}

WHY = {
    "review_suppression": N_(
        "Customers may post, keep or change any review, anywhere, at any time. A text may ask "
        "them to tell us first, but never to remove, edit, lower, delay or not publish what they "
        "write in public."),
    "review_incentive": N_(
        "Goodwill is unconditional. No refund, coupon, gift, replacement or priority may depend "
        "on writing, changing, removing or the sentiment of a review (16 CFR 465, the review "
        "platforms' rules)."),
    "review_gating": N_(
        "Every customer, satisfied or not, is invited to review in the same way. A text may not "
        "invite only happy customers, ask for positive reviews, or send unhappy customers to us "
        "instead of the public review pages."),
    "threat": N_(
        "Wording invites; it never threatens. No legal or other consequence for posting, and no "
        "terms that forbid honest reviews (Consumer Review Fairness Act)."),
    "marketplace": N_(
        "The shop sells under a marketplace's rules: no reviews or sales sent off the "
        "marketplace, and no request to contact the shop before reviewing."),
}

REWRITES = {
    "review_suppression": N_(
        "We are sorry this went wrong. Please reply here and we will put it right. What you post "
        "about us is always your choice."),
    "review_incentive": N_(
        "We are sorry for the trouble. Here is our gesture, with no conditions attached. Whether "
        "you review us or not is entirely up to you."),
    "review_gating": N_(
        "If anything is wrong, tell us here and we will fix it. Everyone is welcome to review us "
        "on the links below, whatever their experience."),
    "threat": N_(
        "We are sorry you are disappointed. We would like to understand what happened: please "
        "reply and we will do our best to help."),
    "marketplace": N_(
        "Thank you for your order. If anything is wrong, you can reach us through the "
        "marketplace's messages."),
}

SUMMARY_ACCEPTED = N_("Accepted: nothing ties a benefit to a review and nothing threatens.")
SUMMARY_REFUSED = N_("Refused: %(count)s reason(s).")
FOUND = N_("Found")
IN_SENTENCE = N_("In the sentence")
TRY = N_("Try instead")


@lru_cache(maxsize=8)
def _catalogue(lang: str) -> gettext.NullTranslations:
    return gettext.translation("messages", localedir=str(CATALOGUES), languages=[lang], fallback=True)


def say(message: str, lang: str, **values) -> str:
    """`message` in `lang` (the English text when there is no translation)."""
    text = _catalogue(lang).gettext(message)
    return text % values if values else text
