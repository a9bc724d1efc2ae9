"""One shape for an incoming order, whatever the channel (CSV, webhook, API).

Every channel turns its input into raw strings and hands them to
`clean_order`, which checks lengths and shapes and raises InvalidField (a
ValidationFailed naming the field) with a message a shop person can act on.
Text is kept verbatim (markup and spreadsheet formulas included): it is
escaped on every page and neutralised in every export, never "fixed" on the
way in.

Channels whose sender cannot fix its input (shop webhooks) use
`clean_order_leniently`: an optional field that does not validate is left
out instead of refusing the whole order.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from portal.core.errors import ValidationFailed

LIMITS = {
    "number": 64, "external_id": 128, "customer_name": 200, "email": 254, "phone": 40,
    "locale": 16, "country": 2, "ordered_at": 40, "items": 4000,
}
ITEM_NAME_MAX = 200
ITEM_SKU_MAX = 64
ITEMS_MAX = 200
TOO_MANY_ITEMS = f"an order can list at most {ITEMS_MAX} items"
# A shape check, not full validation: cheap enough for 100,000 rows, and catches columns mixed up.
_EMAIL = re.compile(r"\A[^@\s]{1,64}@[^@\s]+\.[^@\s]+\Z")
# An extension ("ext 12", "ext. 12", "x12", "#12") may follow the number itself.
_PHONE = re.compile(r"\A(?=.*\d)[0-9+()\-. /]{3,40}(?:(?:ext\.?|x|#)\s*\d{1,6})?\Z", re.IGNORECASE)
_LOCALE = re.compile(r"\A[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}\Z")
_COUNTRY = re.compile(r"\A[A-Za-z]{2}\Z")
# Matched against a stripped entry, so the name needs no lazy match against trailing space.
_ITEM = re.compile(r"(\d{1,4})\s*[x×*]\s+(.+)", re.IGNORECASE)
# Languages the customer pages speak, guessed from a shipping country when no locale is given.
COUNTRY_LOCALES = {"IR": "fa", "AF": "fa", "TJ": "fa", "AM": "hy", "RO": "ro", "MD": "ro"}
# Tried in turn when the date is not ISO 8601 (the common case, parsed first).
_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%d.%m.%Y", "%d.%m.%Y %H:%M",
                 "%d.%m.%Y %H:%M:%S")
# Fields that say which order this is: without them valid there is nothing to store.
IDENTIFYING = frozenset({"number", "external_id"})


class InvalidField(ValidationFailed):
    """One field of an order does not validate; `field` names it (a key of LIMITS)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class OrderRecord(NamedTuple):
    """A checked order. A named tuple: the importer builds 100,000 of them per file."""

    number: str
    external_id: str | None = None
    customer_name: str | None = None
    email: str | None = None
    phone: str | None = None
    locale: str | None = None
    country: str | None = None
    ordered_at: datetime | None = None
    items: list | tuple = ()


def _text(raw: dict, name: str, label: str) -> str | None:
    value = raw.get(name)
    if not value:
        return None
    value = value.strip() if value.__class__ is str else str(value).strip()
    if not value:
        return None
    if len(value) > LIMITS[name]:
        raise InvalidField(name, f"{label} is longer than {LIMITS[name]} characters")
    return value


def parse_datetime(value: str, tz: str = "UTC") -> datetime:
    """ISO 8601, Shopify's "2024-01-15 10:23:45 -0500", a bare date, or a day-first date with
    dots as European spreadsheets write it ("15.01.2024 10:23"); no offset means `tz`.
    Dates with slashes are refused: 01/02/2024 is January or February depending on who typed it."""
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
        for fmt in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(text, fmt)
                break
            except ValueError:
                pass
    if parsed is None:
        raise InvalidField(
            "ordered_at",
            f"order date {text!r} is not a date; use YYYY-MM-DD or YYYY-MM-DD HH:MM (or DD.MM.YYYY)"
        )
    if isinstance(parsed, date) and not isinstance(parsed, datetime):
        parsed = datetime(parsed.year, parsed.month, parsed.day)
    if parsed.tzinfo is None:
        if tz == "UTC":
            return parsed.replace(tzinfo=UTC)
        parsed = parsed.replace(tzinfo=ZoneInfo(tz))
    return parsed.astimezone(UTC)


def parse_items(text: str) -> list[dict]:
    """An items cell: entries separated by ";" or new lines, each "2 x Mug" or just "Mug"."""
    items = []
    for part in text.replace("\n", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        match = _ITEM.fullmatch(part)
        qty, name = (int(match.group(1)), match.group(2)) if match else (1, part)
        if len(name) > ITEM_NAME_MAX:
            raise InvalidField("items", f"item name is longer than {ITEM_NAME_MAX} characters")
        items.append({"name": name, "qty": qty})
    return items


def item(name, qty=1, sku=None) -> dict:
    name = str(name or "").strip()
    if not name:
        raise InvalidField("items", "an item has no name")
    if len(name) > ITEM_NAME_MAX:
        raise InvalidField("items", f"item name is longer than {ITEM_NAME_MAX} characters")
    try:
        qty = int(str(qty).strip() or 1)
    except ValueError:
        raise InvalidField("items", f"item quantity {qty!r} is not a whole number") from None
    if not 0 < qty < 100_000:
        raise InvalidField("items", "item quantity must be between 1 and 99999")
    entry = {"name": name, "qty": qty}
    sku = str(sku or "").strip()
    if sku:
        if len(sku) > ITEM_SKU_MAX:
            raise InvalidField("items", f"item SKU is longer than {ITEM_SKU_MAX} characters")
        entry["sku"] = sku
    return entry


def normalise_locale(value: str | None) -> str | None:
    if not value:
        return None
    if not _LOCALE.match(value):
        raise InvalidField("locale", f"locale {value!r} is not a language tag such as en, fa or ro-RO")
    return value.replace("_", "-")


def clean_order(raw: dict, items: list | None = None, tz: str = "UTC") -> OrderRecord:
    """Check one order's raw fields; `items` are already-built item dicts (line-item columns)."""
    number = _text(raw, "number", "order number")
    if not number:
        raise InvalidField("number", "order number is missing")
    email = _text(raw, "email", "email")
    if email and not _EMAIL.match(email):
        raise InvalidField("email", f"email {email!r} is not an email address")
    phone = _text(raw, "phone", "phone")
    if phone and not _PHONE.match(phone):
        raise InvalidField("phone", f"phone {phone!r} has characters a phone number cannot have")
    country = raw.get("country")
    country = str(country).strip().upper() if country else None
    if country and not _COUNTRY.match(country):
        raise InvalidField("country", f"country {country!r} must be a two-letter code such as GB or RO")
    locale = normalise_locale(_text(raw, "locale", "locale"))
    if locale is None and country:
        locale = COUNTRY_LOCALES.get(country)
    when = _text(raw, "ordered_at", "order date")
    all_items = list(items or [])
    items_text = _text(raw, "items", "items")
    if items_text:
        all_items.extend(parse_items(items_text))
    if len(all_items) > ITEMS_MAX:
        raise InvalidField("items", TOO_MANY_ITEMS)
    # Positional: keyword construction of a named tuple costs more, 100,000 times a file.
    return OrderRecord(number, _text(raw, "external_id", "external id"),
                       _text(raw, "customer_name", "customer name"), email, phone, locale,
                       country or None, parse_datetime(when, tz) if when else None, all_items)


def clean_order_leniently(raw: dict, items: list | None = None,
                          tz: str = "UTC") -> tuple[OrderRecord, dict[str, str]]:
    """Like clean_order, but an optional field that does not validate is left out (a list
    too long for ITEMS_MAX keeps its first items) instead of refusing the order. Returns
    the record and, per field left out, the reason. The number and external id still
    have to be valid: they say which order this is.
    """
    raw, items, left_out = dict(raw), list(items or []), {}
    while True:
        try:
            return clean_order(raw, items, tz), left_out
        except InvalidField as exc:
            if exc.field in IDENTIFYING or exc.field in left_out:
                raise
            left_out[exc.field] = str(exc)
            raw.pop(exc.field, None)
            if exc.field == "items":
                items = items[:ITEMS_MAX]
