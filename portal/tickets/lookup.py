"""Ticket look-ups for the customer pages, and secret links to a ticket (only digests stored)."""

from __future__ import annotations

from sqlalchemy import select

from portal.core import tokens
from portal.core.extensions import db
from portal.orders.models import Order
from portal.tickets.models import Message, Ticket, TicketLink


def mint_link(ticket: Ticket, channel: str) -> str:
    """A new secret link to the ticket page; only its digest is kept."""
    secret = tokens.new_token()
    db.session.add(TicketLink(ticket=ticket, secret_digest=tokens.digest(secret), channel=channel))
    db.session.flush()
    return secret


def find_by_secret(secret: str) -> Ticket | None:
    if not tokens.well_formed(secret):
        return None
    link = db.session.scalar(
        select(TicketLink).where(TicketLink.secret_digest == tokens.digest(secret))
    )
    if link is None or not tokens.matches(secret, link.secret_digest):
        return None
    return link.ticket


def for_order(order: Order) -> list[Ticket]:
    return list(db.session.scalars(
        select(Ticket).where(Ticket.order_id == order.id).order_by(Ticket.id.desc())
    ))


def customer_messages(ticket: Ticket) -> list[Message]:
    return list(db.session.scalars(
        select(Message).where(Message.ticket_id == ticket.id, Message.internal.is_(False))
        .order_by(Message.id)
    ))
