"""Read models for the queue page."""

from __future__ import annotations

from sqlalchemy import case, select
from sqlalchemy.orm import joinedload

from portal.extensions import db
from portal.tickets.models import Status, Ticket

VIEWS = {
    "open": "Open",
    "unassigned": "Unassigned",
    "mine": "Mine",
    "waiting": "Waiting on the customer",
    "resolved": "Resolved, awaiting confirmation",
    "closed": "Closed",
}


def queue(view: str, staff_id: int, limit: int = 100) -> list[Ticket]:
    """Unanswered tickets first, soonest goal first; then the rest by age."""
    stmt = select(Ticket).options(joinedload(Ticket.owner), joinedload(Ticket.order))
    if view == "unassigned":
        stmt = stmt.where(Ticket.owner_id.is_(None), Ticket.status == Status.OPEN)
    elif view == "mine":
        stmt = stmt.where(Ticket.owner_id == staff_id, Ticket.status != Status.CLOSED)
    elif view == "waiting":
        stmt = stmt.where(Ticket.status == Status.WAITING_CUSTOMER)
    elif view == "resolved":
        stmt = stmt.where(Ticket.status == Status.RESOLVED)
    elif view == "closed":
        stmt = stmt.where(Ticket.status == Status.CLOSED)
    else:
        stmt = stmt.where(Ticket.status == Status.OPEN)
    unanswered_first = case((Ticket.first_response_at.is_(None), 0), else_=1)
    stmt = stmt.order_by(unanswered_first, Ticket.respond_goal_at, Ticket.id).limit(limit)
    return list(db.session.scalars(stmt).unique())
