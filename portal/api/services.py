"""Orders through the API: validated inputs in, upsert per source, JSON out.

The API is strict where webhooks are lenient: the caller can fix its input,
so any field that does not validate refuses the request, with the place of
each problem as a JSON pointer into the request body.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from portal.core.errors import ValidationFailed
from portal.core.extensions import db
from portal.orders.models import Order
from portal.orders.records import InvalidField, OrderRecord, clean_order, item
from portal.orders.upsert import Outcome, upsert_orders

DEFAULT_SOURCE = "api"
# Checked orders, grouped by source: (index in the request, record).
Checked = dict[str, list[tuple[int, OrderRecord]]]


def to_record(data: dict) -> OrderRecord:
    raw = {k: v for k, v in data.items() if k not in {"items", "source"}}
    items = [item(i["name"], i.get("qty", 1), i.get("sku")) for i in data.get("items") or []]
    return clean_order(raw, items, tz="UTC")


def _pointer(batch: bool, index: int, field: str | None) -> str:
    """Where a problem is in the request body, written like the schema's error paths."""
    parts = (["orders", str(index)] if batch else []) + ([field] if field else [])
    return "/" + "/".join(parts)


def _error(batch: bool, index: int, field: str | None, message: str) -> dict:
    return {"index": index, "path": _pointer(batch, index, field), "message": message}


def check_orders(inputs: list[dict], *, batch: bool) -> tuple[Checked, list[dict]]:
    """The orders as records by source, and the errors that refuse the whole request."""
    errors, by_source = [], defaultdict(list)
    first_by_number: dict[str, int] = {}
    first_by_external: dict[tuple[str, str], int] = {}
    for index, data in enumerate(inputs):
        try:
            record = to_record(data)
        except ValidationFailed as exc:
            field = exc.field if isinstance(exc, InvalidField) else None
            errors.append(_error(batch, index, field, str(exc)))
            continue
        source = data.get("source") or DEFAULT_SOURCE
        # Order numbers are unique across sources; external ids within one source.
        earlier = first_by_number.setdefault(record.number, index)
        field = "number"
        if earlier == index and record.external_id:
            earlier = first_by_external.setdefault((source, record.external_id), index)
            field = "external_id"
        if earlier != index:
            errors.append(_error(batch, index, field, "the same order appears twice in the batch, "
                                                      f"at indexes {earlier} and {index}"))
            continue
        by_source[source].append((index, record))
    return by_source, errors


def store_orders(checked: Checked, count: int, key: str, *,
                 batch: bool) -> tuple[list[Outcome], list[dict]]:
    """Outcomes in request order, and the errors (an order number taken by another order)
    that make the whole request fail. Flushes; never commits."""
    errors = []
    outcomes: list[Outcome | None] = [None] * count
    for source, pairs in checked.items():
        results = upsert_orders([r for _, r in pairs], source=source, key=key, return_ids=True)
        for (index, _), outcome in zip(pairs, results, strict=True):
            outcomes[index] = outcome
            if outcome.kind == "rejected":
                errors.append(_error(batch, index, "number", outcome.reason))
    return outcomes, sorted(errors, key=lambda e: e["index"])


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
