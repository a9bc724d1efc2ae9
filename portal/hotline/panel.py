"""The hotline panel of the order page (call now while open, or ask to be called back).

The order page's view asks for it (`hotline_panel()`); nothing is shown until
the shop has configured its business calendar.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_datetime
from flask_babel import get_locale

from portal.core.database import utcnow
from portal.core.extensions import db
from portal.core.phones import display_phone
from portal.core.settings_cache import cached
from portal.hotline import services as hotline
from portal.hotline.forms import CallbackForm
from portal.routing.calendar import stored_calendar, to_calendar
from portal.routing.models import Holiday
from portal.web.formats import persian_digits


@dataclass
class HotlinePanel:
    open_now: bool
    phone: str | None
    tel: str | None
    zone: str
    slots: list[tuple[str, str]]
    form: CallbackForm | None


@dataclass(frozen=True)
class _HotlineSettings:
    """Plain values from the stored calendar (cached: the order page is the hot path)."""

    phone: str | None
    timezone: str
    calendar: object
    slot_minutes: int


def _load_hotline_settings() -> _HotlineSettings | None:
    row = stored_calendar()
    if row is None:
        return None
    listed = set(db.session.scalars(db.select(Holiday.day)))
    return _HotlineSettings(phone=row.hotline_phone, timezone=row.timezone,
                            calendar=to_calendar(row, listed), slot_minutes=row.callback_slot_minutes or 30)


def calendar_and_slot_minutes():
    settings = cached("hotline", _load_hotline_settings)
    if settings is None:
        return None, None, 30
    return settings, settings.calendar, settings.slot_minutes


def _slot_label(start: datetime, end: datetime, zone) -> str:
    locale = str(get_locale() or "en")
    text = (format_datetime(start, "EEE d MMM, HH:mm", tzinfo=zone, locale=locale) + "–"
            + format_datetime(end, "HH:mm", tzinfo=zone, locale=locale))
    return persian_digits(text) if locale == "fa" else text


def slot_choices(calendar, slot_minutes) -> list[tuple[str, str]]:
    return [(start.isoformat(), _slot_label(start, end, calendar.zone))
            for start, end in hotline.offered_slots(calendar, utcnow(), slot_minutes)]


def hotline_panel() -> HotlinePanel | None:
    """For the order page; None (nothing shown) until a business calendar is configured."""
    row, calendar, slot_minutes = calendar_and_slot_minutes()
    if row is None:
        return None
    form = CallbackForm(submission_key=str(uuid.uuid4()))
    form.slot.choices = slot_choices(calendar, slot_minutes)
    phone = display_phone(row.phone) if row.phone else None
    return HotlinePanel(
        open_now=calendar.is_open(utcnow()), phone=phone,
        tel=f"tel:{row.phone}" if row.phone else None,
        zone=row.timezone, slots=form.slot.choices, form=form,
    )
