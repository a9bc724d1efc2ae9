"""The goodwill ledger: every offer, to whom, by whom, approved by whom, cost, outcome.

The CSV export is formula-safe: a cell that a spreadsheet would run as a
formula (starting with = + - @, a tab or a carriage return) is prefixed with
an apostrophe, so it is shown as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.core.database import utcnow
from portal.core.extensions import db
from portal.core.spreadsheet import neutralise
from portal.goodwill.models import Offer
from portal.orders.models import Order
from portal.tickets.models import Ticket

COLUMNS = [
    "offer_id", "created_at", "ticket", "order", "customer", "gesture", "kind", "value", "currency",
    "cost", "status", "offered_by", "approved_by", "approved_at", "sent_at", "decided_at",
    "coupon", "executed_at", "wording", "wording_check",
]
def _when(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value else ""


def _coupon_state(offer: Offer) -> str:
    coupon = offer.coupon
    if coupon is None:
        return ""
    if coupon.redeemed_at:
        return f"redeemed {_when(coupon.redeemed_at)}"
    return "expired" if coupon.expires_at <= utcnow() else f"issued, valid until {coupon.expires_at:%Y-%m-%d}"


def offers_between(since: datetime | None = None, until: datetime | None = None,
                   order_id: int | None = None) -> list[Offer]:
    query = select(Offer).options(
        selectinload(Offer.coupon), selectinload(Offer.offered_by), selectinload(Offer.approved_by),
        selectinload(Offer.gesture),
    ).order_by(Offer.id)
    if since:
        query = query.where(Offer.created_at >= since)
    if until:
        query = query.where(Offer.created_at < until)
    if order_id:
        query = query.where(Offer.order_id == order_id)
    return list(db.session.scalars(query))


def rows(offers: Iterable[Offer]) -> Iterator[dict]:
    for offer in offers:
        ticket = db.session.get(Ticket, offer.ticket_id)
        order = db.session.get(Order, offer.order_id)
        cost = offer.cost_minor
        yield {
            "offer_id": offer.id, "created_at": _when(offer.created_at), "ticket": ticket.ref,
            "order": order.number, "customer": order.customer_name or "",
            "gesture": offer.gesture.name, "kind": offer.kind.value, "value": offer.value,
            "currency": offer.currency, "cost": "" if cost is None else f"{cost / 100:.2f}",
            "status": offer.status.value, "offered_by": offer.offered_by.name,
            "approved_by": offer.approved_by.name if offer.approved_by else "",
            "approved_at": _when(offer.approved_at), "sent_at": _when(offer.sent_at),
            "decided_at": _when(offer.decided_at), "coupon": _coupon_state(offer),
            "executed_at": _when(offer.executed_at), "wording": offer.wording,
            "wording_check": "passed" if offer.wording_check.get("allowed") else "not checked",
        }


def to_csv(data: Iterable[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in data:
        writer.writerow([neutralise(row[c]) for c in COLUMNS])
    return out.getvalue()
