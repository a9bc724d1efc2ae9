"""The tickets a customer's browser may see: its bound order's, or one opened by its secret link."""

from __future__ import annotations

from flask import abort

from portal.core.extensions import db
from portal.tickets.models import Ticket
from portal.web import customer_session
from portal.web.locale import use_order_locale


def bind_ticket(ticket: Ticket) -> None:
    customer_session.bind_ticket_id(ticket.id)


def require_ticket(ticket_id: int) -> Ticket:
    """Object-level check; anything else is the same 404 as an unknown id."""
    ticket = db.session.get(Ticket, ticket_id)
    if ticket is None or not customer_session.may_see_ticket(ticket.id, ticket.order_id):
        abort(404)
    use_order_locale(ticket.locale)
    return ticket
