"""The customer's short session: which order and tickets this browser may see.

A scan or a secret link is traded for these session entries, then the browser
is sent to a token-free URL. Entries expire after CUSTOMER_SESSION_HOURS.
"""

from __future__ import annotations

import time

from flask import abort, current_app, g, session

from portal.core.extensions import db
from portal.orders.models import Order
from portal.tickets.models import Ticket


def _fresh(bound_at) -> bool:
    ttl = current_app.config["CUSTOMER_SESSION_HOURS"] * 3600
    return isinstance(bound_at, int | float) and time.time() - bound_at < ttl


def bind_order(order: Order) -> None:
    bind_order_id(order.id)


def bind_order_id(order_id: int) -> None:
    session["order_id"] = order_id
    session["order_bound_at"] = int(time.time())


def bind_ticket(ticket: Ticket) -> None:
    allowed = [t for t in session.get("ticket_ids", []) if t != ticket.id][-19:]
    session["ticket_ids"] = [*allowed, ticket.id]
    session["tickets_bound_at"] = int(time.time())


def current_order() -> Order | None:
    if not _fresh(session.get("order_bound_at")):
        return None
    order = db.session.get(Order, session.get("order_id") or 0)
    if order is not None:
        g.order_locale = order.locale
    return order


def bound_order_id() -> int | None:
    """The order this browser may see, without loading it (None when unbound or expired)."""
    if not _fresh(session.get("order_bound_at")):
        return None
    return session.get("order_id")


def require_order() -> Order:
    order = current_order()
    if order is None:
        abort(404)
    return order


def require_ticket(ticket_id: int) -> Ticket:
    """Object-level check: the ticket's order is bound, or its secret link was used."""
    ticket = db.session.get(Ticket, ticket_id)
    if ticket is None:
        abort(404)
    order = current_order()
    via_link = ticket.id in session.get("ticket_ids", []) and _fresh(session.get("tickets_bound_at"))
    if not via_link and (order is None or order.id != ticket.order_id):
        abort(404)
    g.order_locale = ticket.locale
    return ticket


def remember_link(ticket: Ticket, secret: str) -> None:
    links = dict(session.get("ticket_links", {}))
    links[str(ticket.id)] = secret
    session["ticket_links"] = dict(list(links.items())[-5:])


def remembered_link(ticket: Ticket) -> str | None:
    return session.get("ticket_links", {}).get(str(ticket.id))
