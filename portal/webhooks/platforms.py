"""What each platform's order payload means in our terms (field layout from their docs).

Shopify (REST Order resource): `name` is the order name customers see
("#1001"), `id` the platform id, `customer_locale`, `shipping_address`
with `country_code`, `line_items` with `name`, `quantity`, `sku`,
`updated_at` with an offset.
WooCommerce (REST v3 order): `number`, `id`, `billing`/`shipping` with
`first_name`, `last_name`, `country`, `email`, `phone`, `meta_data` as
key/value pairs, `date_created_gmt` and `date_modified_gmt` without an
offset (UTC).

The shop cannot correct what its platform sends, and a refused delivery is
retried until the platform disables the webhook: so an optional field that
does not validate is left out (and named), and only an order without a
usable number or id is refused.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from portal.core.errors import ValidationFailed
from portal.orders.records import InvalidField, OrderRecord, clean_order_leniently, item, parse_datetime


class PlatformOrder(NamedTuple):
    record: OrderRecord
    # When the platform last changed the order; None when the payload does not say.
    modified_at: datetime | None
    # Our names of the optional fields left out because they did not validate, sorted.
    ignored: tuple[str, ...] = ()


def _joined(*parts) -> str | None:
    return " ".join(str(p).strip() for p in parts if p and str(p).strip()) or None


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _items(lines, name_keys: tuple[str, ...]) -> tuple[list[dict], bool]:
    """The line items, and whether a line was left out because it did not validate."""
    if not isinstance(lines, list):
        return [], False
    items, dropped = [], False
    for line in lines:
        line = _dict(line)
        name = next((line[k] for k in name_keys if line.get(k)), None)
        # Shopify (API 2024-01 on) keeps `quantity` as ordered and gives what an order edit
        # left in `current_quantity`; quantity 0 is a line removed, not one of something.
        quantity = line.get("current_quantity", line.get("quantity"))
        if not name or quantity in (0, "0"):
            continue
        try:
            items.append(item(name, 1 if quantity is None else quantity, line.get("sku")))
        except InvalidField:
            dropped = True
    return items, dropped


def _modified_at(value) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parse_datetime(value)
    except ValidationFailed:
        return None


def _platform_order(raw: dict, lines: tuple[list[dict], bool], modified) -> PlatformOrder:
    """Dates without an offset are UTC on both platforms (their *_gmt fields)."""
    items, dropped_lines = lines
    record, left_out = clean_order_leniently(raw, items, tz="UTC")
    ignored = set(left_out) | ({"items"} if dropped_lines else set())
    return PlatformOrder(record, _modified_at(modified), tuple(sorted(ignored)))


def shopify_order(payload) -> PlatformOrder:
    payload = _dict(payload)
    customer = _dict(payload.get("customer"))
    shipping = _dict(payload.get("shipping_address"))
    billing = _dict(payload.get("billing_address"))
    number = payload.get("name") or payload.get("order_number")
    if not number:
        raise ValidationFailed("the order has neither a name nor an order_number")
    raw = {
        "number": str(number),
        "external_id": str(payload["id"]) if payload.get("id") else None,
        "customer_name": shipping.get("name") or billing.get("name")
        or _joined(customer.get("first_name"), customer.get("last_name")),
        "email": payload.get("email") or payload.get("contact_email") or customer.get("email"),
        "phone": payload.get("phone") or shipping.get("phone") or billing.get("phone")
        or customer.get("phone"),
        "locale": payload.get("customer_locale"),
        "country": shipping.get("country_code") or billing.get("country_code"),
        "ordered_at": payload.get("created_at"),
    }
    return _platform_order(raw, _items(payload.get("line_items"), ("name", "title")),
                           payload.get("updated_at"))


def woocommerce_order(payload, locale_meta_key: str) -> PlatformOrder:
    payload = _dict(payload)
    billing = _dict(payload.get("billing"))
    shipping = _dict(payload.get("shipping"))
    meta_data = payload.get("meta_data")
    meta = {m.get("key"): m.get("value") for m in (meta_data if isinstance(meta_data, list) else [])
            if isinstance(m, dict) and isinstance(m.get("key"), str)}
    locale = meta.get(locale_meta_key)
    number = payload.get("number") or payload.get("id")
    if not number:
        raise ValidationFailed("the order has neither a number nor an id")
    raw = {
        "number": str(number),
        "external_id": str(payload["id"]) if payload.get("id") else None,
        "customer_name": _joined(shipping.get("first_name"), shipping.get("last_name"))
        or _joined(billing.get("first_name"), billing.get("last_name")),
        "email": billing.get("email"),
        "phone": billing.get("phone") or shipping.get("phone"),
        # Without the meta key (WPML, Polylang...), clean_order guesses from the country.
        "locale": locale if isinstance(locale, str) else None,
        "country": shipping.get("country") or billing.get("country"),
        "ordered_at": payload.get("date_created_gmt"),
    }
    return _platform_order(raw, _items(payload.get("line_items"), ("name",)),
                           payload.get("date_modified_gmt"))


def woocommerce_event(payload) -> str | None:
    """WooCommerce mints a new delivery id per attempt; the order's modification time names the event."""
    payload = _dict(payload)
    if payload.get("id") and payload.get("date_modified_gmt"):
        return f"order-{payload['id']}-{payload['date_modified_gmt']}"
    return None
