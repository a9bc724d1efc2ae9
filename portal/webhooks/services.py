"""Receiving one verified order delivery: dedupe by delivery id, skip stale ones, then upsert.

The delivery row and the order change are written in one transaction, so a
retry either finds the delivery (a no-op) or redoes the whole thing. The
work is a few indexed queries, so the platform gets its answer well inside
its timeout without a queue.

Platforms retry, replay and deliver out of order, so each delivery keeps the
platform's modification time of the order: one older than a delivery
already applied to the same order is recorded as "stale" and changes nothing.
"""

from __future__ import annotations

from sqlalchemy import func, select

from portal.core.extensions import db
from portal.orders.models import Order
from portal.orders.upsert import Outcome, upsert_order, upsert_orders
from portal.webhooks.models import WebhookDelivery
from portal.webhooks.platforms import PlatformOrder


def already_received(source: str, delivery_id: str) -> bool:
    return db.session.scalar(select(WebhookDelivery.id).where(
        WebhookDelivery.source == source, WebhookDelivery.delivery_id == delivery_id)) is not None


def _apply(order: PlatformOrder, source: str, key: str) -> Outcome:
    """Upsert the order unless a newer delivery from this platform was applied to it already."""
    if order.modified_at is not None:
        stored = upsert_orders([order.record], source=source, key=key, write=False)[0].order_id
        if stored is not None:
            # Lock the order row: a concurrent delivery of it waits for this one to commit,
            # then sees this one's time (PostgreSQL; SQLite writers queue anyway).
            db.session.execute(select(Order.id).where(Order.id == stored).with_for_update())
            newest = db.session.scalar(select(func.max(WebhookDelivery.modified_at)).where(
                WebhookDelivery.source == source, WebhookDelivery.order_id == stored))
            if newest is not None and order.modified_at < newest:
                return Outcome("stale", stored)
    return upsert_order(order.record, source=source, key=key)


def receive_order(*, source: str, delivery_id: str, topic: str, order: PlatformOrder, key: str) -> str:
    """What became of the delivery: created, updated, unchanged, stale, duplicate (a delivery
    id seen before), or "rejected: <reason>" with nothing written. Flushes; never commits."""
    if already_received(source, delivery_id):
        return "duplicate"
    outcome = _apply(order, source, key)
    if outcome.kind == "rejected":
        return f"rejected: {outcome.reason}"
    db.session.add(WebhookDelivery(source=source, delivery_id=delivery_id, topic=topic[:64],
                                   outcome=outcome.kind, order_id=outcome.order_id,
                                   modified_at=order.modified_at))
    db.session.flush()
    return outcome.kind
