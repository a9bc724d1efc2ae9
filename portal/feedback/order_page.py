"""The order page's data in one round trip: the product's hot path after a scan."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import bindparam, select

from portal.core.extensions import db
from portal.orders.models import Order, Rating
from portal.tickets.models import Ticket


@dataclass(frozen=True)
class OrderPage:
    order: Order
    stars: int | None
    has_tickets: bool


@functools.cache
def _statement():
    # Built once: constructing and keying this statement cost more than running it.
    latest = (select(Rating.stars).where(Rating.order_id == Order.id)
              .order_by(Rating.id.desc()).limit(1).scalar_subquery())
    any_ticket = select(Ticket.id).where(Ticket.order_id == Order.id).exists()
    return select(Order, latest, any_ticket).where(Order.id == bindparam("order_id"))


def load_order_page(order_id: int) -> OrderPage | None:
    """The order, its latest rating and whether it has tickets."""
    row = db.session.execute(_statement(), {"order_id": order_id}).first()
    if row is None:
        return None
    return OrderPage(order=row[0], stars=row[1], has_tickets=bool(row[2]))
