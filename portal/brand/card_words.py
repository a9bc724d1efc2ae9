"""Card wording: the brand's words per language, their defaults, and their check.

A card invites private feedback first; it never asks customers not to post
reviews, and never ties a reward to a rating or a review (docs/principles.md:
the line the product must never cross; 16 CFR 465, the Consumer Review
Fairness Act). The words go through the one wording checker (`portal.wording`)
with the shop's marketplace mode, when a brand saves them and again before
every print batch.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from portal.core.errors import ValidationFailed
from portal.wording import LANGUAGES, check

LIMITS = {"headline": 80, "invitation": 260, "scan": 90, "or_type": 120,
          "code_label": 30, "order_label": 30}


@dataclass(frozen=True)
class CardWords:
    headline: str
    invitation: str
    scan: str
    or_type: str  # must contain {site}: the typed fallback address goes there
    code_label: str
    order_label: str

    def as_dict(self) -> dict:
        return asdict(self)


DEFAULT_WORDS: dict[str, CardWords] = {
    "en": CardWords(
        "Thank you for your order!",
        "We want to earn five stars. If anything falls short, tell us first and we will "
        "make it right.",
        "Scan the code with your phone camera",
        "or open {site} and type your code",
        "Your code", "Order",
    ),
    "fa": CardWords(
        "از خرید شما سپاسگزاریم!",
        "می‌خواهیم پنج ستاره را به دست آوریم. اگر چیزی مطابق انتظارتان نبود، "
        "اول به ما بگویید تا درستش کنیم.",
        "کد را با دوربین گوشی خود اسکن کنید",
        "یا {site} را باز کنید و کد خود را وارد کنید",
        "کد شما", "سفارش",
    ),
    "hy": CardWords(
        "Շնորհակալություն Ձեր պատվերի համար։",
        "Մենք ուզում ենք վաստակել հինգ աստղ։ Եթե ինչ-որ բան այնպես չէ, նախ մեզ ասեք, "
        "և մենք կուղղենք։",
        "Սկանավորեք կոդը Ձեր հեռախոսի տեսախցիկով",
        "կամ բացեք {site} և մուտքագրեք Ձեր կոդը",
        "Ձեր կոդը", "Պատվեր",
    ),
    "ro": CardWords(
        "Vă mulțumim pentru comandă!",
        "Ne dorim să câștigăm cinci stele. Dacă ceva nu este în regulă, spuneți-ne mai întâi "
        "nouă și vom rezolva.",
        "Scanați codul cu camera telefonului",
        "sau deschideți {site} și introduceți codul",
        "Codul dvs.", "Comanda",
    ),
}

def problems(text: str, locale: str = "en", marketplace: str | None = None) -> list[str]:
    """Why this text may not go on a card (empty when it may): the one wording checker's verdict.

    Each entry is in the card's language: the rule, the phrases that triggered it, why, and a
    suggested rewrite.
    """
    language = locale if locale in LANGUAGES else "en"
    found: list[str] = []
    for reason in check(text, language, marketplace=marketplace).reasons:
        if (entry := reason.summary()) not in found:
            found.append(entry)
    return found


def check_words(locale: str, words: CardWords, marketplace: str | None = None) -> None:
    """Refuse wording that crosses the line or breaks the card; say exactly why.

    `marketplace` is the shop's marketplace mode: its rules apply to cards too.
    """
    errors = []
    for field in fields(CardWords):
        value = getattr(words, field.name)
        if not value.strip():
            errors.append(f"{locale} {field.name}: must not be empty")
        elif len(value) > LIMITS[field.name]:
            errors.append(f"{locale} {field.name}: at most {LIMITS[field.name]} characters")
        for reason in problems(value, locale, marketplace):
            errors.append(
                f"{locale} {field.name}: refused: {reason} A card invites private "
                "feedback first; it never discourages public reviews or ties anything to a rating."
            )
    if words.or_type.count("{site}") != 1:
        errors.append(f"{locale} or_type: must contain {{site}} once (the typed address)")
    if errors:
        raise ValidationFailed("; ".join(errors))
