"""The gesture catalogue and the limits per staff role (admin-edited)."""

from __future__ import annotations

from sqlalchemy import select

from portal.auth.models import Role
from portal.core.errors import Conflict, ValidationFailed
from portal.core.extensions import db
from portal.core.languages import SUPPORTED_LOCALES
from portal.goodwill.models import Gesture, GestureKind, RoleLimit
from portal.wording import WordingRefused, ensure_allowed

LANGUAGES = SUPPORTED_LOCALES
UNLIMITED = 10**12

__all__ = ["WordingRefused"]  # the one checker's refusal, raised by check_wording


def check_wording(text: str, lang: str, where: str = "the wording"):
    """The one wording checker's verdict (shop's marketplace mode); WordingRefused when refused."""
    return ensure_allowed(text, lang, where)


def _validate(kind: GestureKind, value: int, validity_days: int, currency: str) -> None:
    if value < 0:
        raise ValidationFailed("the value cannot be negative")
    if kind is GestureKind.PERCENT_COUPON and not 0 < value <= 100:
        raise ValidationFailed("a percentage coupon is between 1 and 100 percent")
    if not 1 <= validity_days <= 3650:
        raise ValidationFailed("validity is 1 to 3650 days")
    if len(currency) != 3 or not currency.isalpha():
        raise ValidationFailed("currency is a three-letter code such as EUR")


def save_gesture(*, kind: str, name: str, value: int, currency: str = "EUR",
                 validity_days: int = 90, wording: dict[str, str] | None = None,
                 limits: dict[str, int] | None = None, active: bool = True,
                 gesture: Gesture | None = None) -> Gesture:
    """Create (or, given `gesture`, update) a catalogue entry; every wording is checked."""
    try:
        kind_value = GestureKind(kind)
    except ValueError as exc:
        raise ValidationFailed(f"kind must be one of: {', '.join(k.value for k in GestureKind)}") from exc
    name = (name or "").strip()
    if not name or len(name) > 80:
        raise ValidationFailed("a gesture needs a name (at most 80 characters)")
    currency = (currency or "EUR").strip().upper()
    _validate(kind_value, value, validity_days, currency)
    texts = {lang: text.strip() for lang, text in (wording or {}).items() if text and text.strip()}
    for lang, text in texts.items():
        if lang not in LANGUAGES:
            raise ValidationFailed(f"unsupported language {lang}")
        check_wording(text, lang, f"the {lang} wording")
    clash = db.session.scalar(select(Gesture.id).where(Gesture.name == name))
    if clash and (gesture is None or clash != gesture.id):
        raise Conflict(f"a gesture named {name!r} already exists")
    if gesture is None:
        gesture = Gesture()
        db.session.add(gesture)
    gesture.kind, gesture.name, gesture.value = kind_value, name, value
    gesture.currency, gesture.validity_days, gesture.wording = currency, validity_days, texts
    gesture.active = active
    db.session.flush()
    for role, max_value in (limits or {}).items():
        set_limit(gesture, role, max_value)
    return gesture


def set_limit(gesture: Gesture, role: str, max_value: int) -> RoleLimit:
    if role not in (Role.AGENT.value, Role.LEAD.value):
        raise ValidationFailed("limits are set for agents and leads; admins approve anything")
    if max_value < 0:
        raise ValidationFailed("a limit cannot be negative")
    row = db.session.scalar(select(RoleLimit).where(RoleLimit.gesture_id == gesture.id,
                                                    RoleLimit.role == role))
    if row is None:
        row = RoleLimit(gesture_id=gesture.id, role=role)
        db.session.add(row)
    row.max_value = max_value
    db.session.flush()
    return row


def limit_for(gesture: Gesture, role: Role | str) -> int:
    """What `role` may offer without approval. No row means: everything needs approval."""
    role = Role(role)
    if role is Role.ADMIN:
        return UNLIMITED
    value = db.session.scalar(select(RoleLimit.max_value).where(
        RoleLimit.gesture_id == gesture.id, RoleLimit.role == role.value))
    return value or 0


def active_gestures() -> list[Gesture]:
    return list(db.session.scalars(select(Gesture).where(Gesture.active).order_by(Gesture.name)))


def all_gestures() -> list[Gesture]:
    return list(db.session.scalars(select(Gesture).order_by(Gesture.active.desc(), Gesture.name)))


DEFAULTS = [
    ("percent_coupon", "Coupon, percent off", 15, {"agent": 15, "lead": 50}, {
        "en": "We are sorry for the trouble. Please accept {value} off your next order, "
              "with our thanks for your patience.",
        "fa": "بابت این مشکل متأسفیم. لطفاً {value} تخفیف برای سفارش بعدی‌تان را به پاس صبوری‌تان بپذیرید.",
        "hy": "Ներողություն ենք խնդրում անհարմարության համար։ Խնդրում ենք ընդունել {value} զեղչ "
              "ձեր հաջորդ պատվերի համար՝ որպես շնորհակալություն ձեր համբերության համար։",
        "ro": "Ne pare rău pentru neplăcere. Vă rugăm să acceptați o reducere de {value} "
              "la următoarea comandă, cu mulțumiri pentru răbdare.",
    }),
    ("free_shipping", "Free shipping on the next order", 0, {"agent": 0, "lead": 0}, {
        "en": "We are sorry for the delay. Your next order ships free, with our apologies.",
        "ro": "Ne pare rău pentru întârziere. Următoarea comandă vă este livrată gratuit.",
    }),
    ("partial_refund", "Partial refund", 1000, {"agent": 1000, "lead": 5000}, {
        "en": "We are sorry. We will refund {value} to your original payment method.",
        "ro": "Ne pare rău. Vă rambursăm {value} pe metoda de plată inițială.",
    }),
    ("letter", "Personal letter from the founder", 0, {"agent": 0, "lead": 0}, {
        "en": "Our founder would like to write to you personally to apologise.",
    }),
]


def ensure_default_catalogue() -> list[Gesture]:
    """A starting catalogue (demo and first run); existing names are left alone."""
    made = []
    for kind, name, value, limits, wording in DEFAULTS:
        if db.session.scalar(select(Gesture.id).where(Gesture.name == name)) is None:
            made.append(save_gesture(kind=kind, name=name, value=value, wording=wording,
                                     limits=limits))
    return made
