"""What each platform's order payload means in our terms (field layout from their docs).

Shopify (REST Order resource): `name` is the order name customers see
("#1001"), `id` the platform id, `customer_locale`, `shipping_address`
with `country_code`, `line_items` with `name`, `quantity`, `sku`.
WooCommerce (REST v3 order): `number`, `id`, `billing`/`shipping` with
`first_name`, `last_name`, `country`, `email`, `phone`, `meta_data` as
key/value pairs, `date_created_gmt` without an offset (UTC).
"""

from __future__ import annotations

from portal.errors import ValidationFailed
from portal.orders.records import OrderRecord, clean_order, item


def _joined(*parts) -> str | None:
    return " ".join(str(p).strip() for p in parts if p and str(p).strip()) or None


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _items(lines, name_keys: tuple[str, ...]) -> list[dict]:
    if not isinstance(lines, list):
        return []
    items = []
    for line in lines:
        line = _dict(line)
        name = next((line[k] for k in name_keys if line.get(k)), None)
        if name:
            items.append(item(name, line.get("quantity") or 1, line.get("sku")))
    return items


def shopify_order(payload) -> OrderRecord:
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
    return clean_order(raw, _items(payload.get("line_items"), ("name", "title")))


def woocommerce_order(payload, locale_meta_key: str) -> OrderRecord:
    payload = _dict(payload)
    billing = _dict(payload.get("billing"))
    shipping = _dict(payload.get("shipping"))
    meta = {m.get("key"): m.get("value") for m in payload.get("meta_data") or [] if isinstance(m, dict)}
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
    return clean_order(raw, _items(payload.get("line_items"), ("name",)), tz="UTC")


def woocommerce_event(payload) -> str | None:
    """WooCommerce mints a new delivery id per attempt; the order's modification time names the event."""
    payload = _dict(payload)
    if payload.get("id") and payload.get("date_modified_gmt"):
        return f"order-{payload['id']}-{payload['date_modified_gmt']}"
    return None
