"""Numbers and dates in the customer's conventions.

Babel gives each locale its separators and date patterns. Persian readers also
expect Persian digits and, by default, the Solar Hijri calendar; FA_CALENDAR =
"gregorian" keeps Babel's Gregorian dates (still with Persian digits).
"""

from __future__ import annotations

import functools
from datetime import datetime

import jdatetime
from babel import numbers as babel_numbers
from flask import current_app
from flask_babel import format_datetime, format_decimal, get_locale, to_user_timezone
from markupsafe import Markup

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _locale() -> str:
    return str(get_locale() or "en")


def persian_digits(text: str) -> str:
    return text.translate(PERSIAN_DIGITS)


def num(value) -> str:
    """A number as the customer writes it (Persian digits in fa)."""
    locale = _locale()
    if isinstance(value, int):
        return _int_text(value, locale)  # the common case (stars, counts), cached
    text = format_decimal(value)
    return persian_digits(text) if locale == "fa" else text


@functools.lru_cache(maxsize=1024)
def _int_text(value: int, locale: str) -> str:
    text = babel_numbers.format_decimal(value, locale=locale)
    return persian_digits(text) if locale == "fa" else text


def when(value: datetime | None) -> str:
    """A moment, in the business time zone, in the customer's calendar and digits."""
    if value is None:
        return ""
    if _locale() != "fa":
        return format_datetime(value, "short")
    if current_app.config.get("FA_CALENDAR", "persian") == "gregorian":
        return persian_digits(format_datetime(value, "short"))
    local = to_user_timezone(value)
    solar = jdatetime.datetime.fromgregorian(datetime=local.replace(tzinfo=None), locale="fa_IR")
    return persian_digits(solar.strftime("%-d %B %Y، %H:%M"))


def time_tag(value: datetime | None) -> Markup:
    """<time> with a machine-readable UTC value and the customer-facing text."""
    if value is None:
        return Markup("")
    return Markup('<time datetime="{}">{}</time>').format(value.isoformat(), when(value))


def ltr(value) -> Markup:
    """Keep an order number or code left-to-right inside right-to-left text."""
    return Markup('<bdi dir="ltr">{}</bdi>').format(value)
