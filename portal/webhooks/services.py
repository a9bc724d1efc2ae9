"""Receiving one verified order delivery: dedupe by delivery id, then upsert.

The delivery row and the order change are written in one transaction, so a
retry either finds the delivery (a no-op) or redoes the whole thing. The
work is a few indexed queries, so the platform gets its answer well inside
its timeout without a queue.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.orders.records import OrderRecord
from portal.orders.upsert import upsert_order
from portal.webhooks.models import WebhookDelivery


def already_received(source: str, delivery_id: str) -> bool:
    return db.session.scalar(select(WebhookDelivery.id).where(
        WebhookDelivery.source == source, WebhookDelivery.delivery_id == delivery_id)) is not None


def receive_order(*, source: str, delivery_id: str, topic: str, record: OrderRecord, key: str) -> str:
    """Store the order (created/updated/unchanged) or say why not (rejected: reason)."""
    outcome = upsert_order(record, source=source, key=key)
    if outcome.kind == "rejected":
        return f"rejected: {outcome.reason}"
    db.session.add(WebhookDelivery(source=source, delivery_id=delivery_id[:128], topic=topic[:64],
                                   outcome=outcome.kind, order_id=outcome.order_id))
    db.session.flush()
    return outcome.kind
