"""Card wording: the defaults per language, and the compliance line.

A card invites private feedback first; it never asks customers not to post
reviews, and never ties a reward to a rating or a review (PRINCIPLES: the
line the product must never cross; 16 CFR 465, the Consumer Review Fairness
Act). A minimal phrase check in en, fa, hy and ro, joined by the shared
wording classifier in portal.compliance where it exists; run when a brand
saves its wording and again before every print batch.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, fields

from portal.core.errors import ValidationFailed

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

_CLAUSE = r"[^.!?؟։]"
_REVIEW = r"(review|rating|stars?|recenzi|evaluar|stele|نظر|نقد|دیدگاه|امتیاز|ستاره|կարծիք|գնահատական|ակնարկ|աստղ)"
_REWARD = (r"(discount|coupon|voucher|gift|free|refund|reward|cashback|money back|"
           r"reducere|cadou|gratuit|cupon|rambursare|"
           r"تخفیف|هدیه|رایگان|جایزه|بازپرداخت|"
           r"զեղչ|նվեր|անվճար|պարգև|կուպոն)")
# Each pattern runs on folded text: lower case, no diacritics, ZWNJ as a space.
_REFUSED = [
    ("asks customers not to post reviews", re.compile(
        r"\b(do not|don't|dont|never|please don't|must not|not to)\b" + _CLAUSE + r"{0,40}"
        r"\b(post|leave|write|publish|share|submit|give)\b" + _CLAUSE + r"{0,30}" + _REVIEW)),
    ("asks customers to contact you instead of reviewing", re.compile(
        r"\b(instead of|rather than|in loc de|in loc sa)\b" + _CLAUSE + r"{0,40}" + _REVIEW)),
    ("asks customers to change or remove a review", re.compile(
        r"\b(remove|delete|change|edit|update|take down|sterge|modifica)\w*\s+(your|the|a|"
        r"any|recenzia)?\s*" + _REVIEW)),
    ("targets negative reviews", re.compile(
        r"\b(negative|bad|poor|low|1-star|one-star|negativ\w*|proast\w*)\s+" + _REVIEW)),
    ("asks customers not to post reviews", re.compile(
        r"\bnu\s+(lasati|scrieti|postati|publicati|dati)\b" + _CLAUSE + r"{0,40}" + _REVIEW)),
    ("ties a reward to a rating or review", re.compile(
        r"(\d|five|five-star|cinci|پنج|۵|հինգ)\s*-?\s*" + _REVIEW + _CLAUSE + r"{0,60}" + _REWARD)),
    ("ties a reward to a rating or review", re.compile(
        _REWARD + _CLAUSE + r"{0,60}\b(for|in exchange for|pentru|in schimbul)\b" + _CLAUSE
        + r"{0,30}" + _REVIEW)),
    ("ties a reward to a rating or review", re.compile(
        _REWARD + _CLAUSE + r"{0,40}(در ازای|برای|بابت)" + _CLAUSE + r"{0,20}" + _REVIEW)),
    ("asks customers not to post reviews", re.compile(
        r"(نظر|نقد|دیدگاه|امتیاز|ستاره)" + _CLAUSE + r"{0,30}"
        r"(ننویسید|نگذارید|ندهید|منتشر نکنید|ثبت نکنید|نفرستید)")),
    ("asks customers to contact you instead of reviewing", re.compile(
        r"به\s?جای" + _CLAUSE + r"{0,30}(نظر|نقد|دیدگاه|امتیاز)")),
    ("asks customers not to post reviews", re.compile(
        r"(^|\s)մի\s+(թողեք|գրեք|հրապարակեք|տեղադրեք|տվեք)")),
    ("asks customers to contact you instead of reviewing", re.compile(
        r"(կարծիք|գնահատական|ակնարկ)\w*" + _CLAUSE + r"{0,30}փոխարեն|փոխարեն" + _CLAUSE
        + r"{0,30}(կարծիք|գնահատական|ակնարկ)")),
    ("ties a reward to a rating or review", re.compile(
        _REWARD + r"\w*" + _CLAUSE + r"{0,40}(կարծիք|գնահատական|աստղ)")),
]


def fold(text: str) -> str:
    text = text.replace("\u200c", " ").replace("ي", "ی").replace("ك", "ک")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFKC", stripped).lower().replace("’", "'")


def _classifier_reasons(text: str, locale: str) -> list[str]:
    """The shared multilingual wording classifier (portal.compliance), when it is installed."""
    try:
        from portal.compliance import check
    except ImportError:
        return []
    language = locale if locale in ("en", "fa", "hy", "ro") else "en"
    return [reason.message for reason in check(text, language).reasons]


def problems(text: str, locale: str = "en") -> list[str]:
    """Why this text may not go on a card (empty when it may)."""
    folded = fold(text)
    found = _classifier_reasons(text, locale)
    for reason, pattern in _REFUSED:
        match = pattern.search(folded)
        if match and reason not in found:
            found.append(f"{reason} (“{match.group(0).strip()}”)")
    return found


def check_words(locale: str, words: CardWords) -> None:
    """Refuse wording that crosses the line or breaks the card; say exactly why."""
    errors = []
    for field in fields(CardWords):
        value = getattr(words, field.name)
        if not value.strip():
            errors.append(f"{locale} {field.name}: must not be empty")
        elif len(value) > LIMITS[field.name]:
            errors.append(f"{locale} {field.name}: at most {LIMITS[field.name]} characters")
        for reason in problems(value, locale):
            errors.append(
                f"{locale} {field.name}: refused, it {reason}. A card invites private "
                "feedback first; it never discourages public reviews or ties anything to a rating."
            )
    if words.or_type.count("{site}") != 1:
        errors.append(f"{locale} or_type: must contain {{site}} once (the typed address)")
    if errors:
        raise ValidationFailed("; ".join(errors))
