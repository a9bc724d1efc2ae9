"""Orders through the API: validated inputs in, upsert per source, JSON out."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from portal.errors import ValidationFailed
from portal.extensions import db
from portal.orders.models import Order
from portal.orders.records import OrderRecord, clean_order, item
from portal.orders.upsert import Outcome, upsert_orders

DEFAULT_SOURCE = "api"


def to_record(data: dict) -> OrderRecord:
    raw = {k: v for k, v in data.items() if k not in {"items", "source"}}
    items = [item(i["name"], i.get("qty", 1), i.get("sku")) for i in data.get("items") or []]
    return clean_order(raw, items, tz="UTC")


def store_orders(inputs: list[dict], key: str) -> tuple[list[Outcome], list[dict]]:
    """Outcomes in input order, and the errors (index, message) that make the whole batch fail."""
    errors, by_source = [], defaultdict(list)
    for index, data in enumerate(inputs):
        try:
            by_source[data.get("source") or DEFAULT_SOURCE].append((index, to_record(data)))
        except ValidationFailed as exc:
            errors.append({"index": index, "path": f"/{index}", "message": str(exc)})
    if errors:
        return [], errors
    outcomes: list[Outcome | None] = [None] * len(inputs)
    for source, pairs in by_source.items():
        results = upsert_orders([r for _, r in pairs], source=source, key=key, return_ids=True)
        for (index, _), outcome in zip(pairs, results, strict=True):
            outcomes[index] = outcome
            if outcome.kind == "rejected":
                errors.append({"index": index, "path": f"/{index}", "message": outcome.reason})
    return outcomes, errors


def orders_by_id(ids: list[int]) -> dict[int, Order]:
    return {o.id: o for o in db.session.scalars(select(Order).where(Order.id.in_(ids)))}


def order_by_number(number: str) -> Order | None:
    return db.session.scalar(select(Order).where(Order.number == number))


def order_json(order: Order) -> dict:
    """The shop's own data back; never the scan token, its nonce or the typed code."""
    return {
        "number": order.number, "source": order.source, "external_id": order.external_id,
        "customer_name": order.customer_name, "email": order.email, "phone": order.phone,
        "locale": order.locale, "country": order.country,
        "ordered_at": order.ordered_at.isoformat() if order.ordered_at else None,
        "items": order.items, "created_at": order.created_at.isoformat(),
    }
