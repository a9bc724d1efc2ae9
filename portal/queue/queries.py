"""Read models for the queue page: the views a helpdesk user expects, filters and search.

Each view is one indexed query with a row limit, so the page costs the same
with a thousand tickets or a hundred thousand (see bench/queue_page.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from portal.core.database import utcnow
from portal.core.extensions import db
from portal.hotline.models import CallbackRequest, CallbackStatus
from portal.orders.models import Order
from portal.routing.categories import Category
from portal.tickets.models import Status, Ticket

VIEWS = {
    "unassigned": "Unassigned",
    "mine": "Mine",
    "callbacks": "Callbacks due",
    "breaching": "Breaching soon",
    "waiting": "Waiting on the customer",
    "resolved": "Resolved, awaiting confirmation",
    "open": "Open",
    "all": "All",
}
DEFAULT_VIEW = "unassigned"
BREACHING_WINDOW = timedelta(minutes=15)
CALLBACK_WINDOW = timedelta(minutes=30)
PAGE = 50
_REF = re.compile(r"^\s*t-?0*(\d{1,9})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Filters:
    queue_id: int | None = None
    category: str | None = None
    locale: str | None = None
    search: str | None = None

    @classmethod
    def from_args(cls, args) -> Filters:
        queue_id = args.get("queue", type=int)
        category = args.get("category") or None
        if category not in {c.value for c in Category}:
            category = None
        locale = (args.get("locale") or "").strip()[:16] or None
        search = (args.get("q") or "").strip()[:120] or None
        return cls(queue_id=queue_id, category=category, locale=locale, search=search)


def _view(stmt, view: str, staff_id: int, now: datetime):
    unanswered_first = (Ticket.first_response_at.is_not(None),)
    if view == "unassigned":
        return stmt.where(Ticket.status == Status.OPEN, Ticket.owner_id.is_(None)).order_by(
            Ticket.priority.desc(), Ticket.respond_goal_at, Ticket.id)
    if view == "mine":
        return stmt.where(Ticket.owner_id == staff_id, Ticket.status == Status.OPEN).order_by(
            *unanswered_first, Ticket.respond_goal_at, Ticket.id)
    if view == "breaching":
        return stmt.where(Ticket.status == Status.OPEN, Ticket.first_response_at.is_(None),
                          Ticket.respond_limit_at <= now + BREACHING_WINDOW).order_by(
            Ticket.respond_goal_at, Ticket.id)
    if view == "waiting":
        return stmt.where(Ticket.status == Status.WAITING_CUSTOMER).order_by(Ticket.waiting_since)
    if view == "resolved":
        return stmt.where(Ticket.status == Status.RESOLVED).order_by(Ticket.waiting_since)
    if view == "open":
        return stmt.where(Ticket.status == Status.OPEN).order_by(
            *unanswered_first, Ticket.respond_goal_at, Ticket.id)
    if view == "callbacks":
        return stmt.join(CallbackRequest, CallbackRequest.ticket_id == Ticket.id).where(
            CallbackRequest.status == CallbackStatus.PENDING,
            CallbackRequest.slot_start <= now + CALLBACK_WINDOW,
        ).order_by(CallbackRequest.slot_start)
    return stmt.order_by(Ticket.id.desc())


def _search(stmt, text: str):
    """A ticket reference, an order number or a contact email: exact matches use indexes."""
    if "@" in text:
        return stmt.where(func.lower(Ticket.contact_email) == text.lower())
    by_order = Ticket.order_id.in_(select(Order.id).where(Order.number == text).scalar_subquery())
    ref = _REF.match(text)
    if ref:  # "T-000123" is a ticket reference, unless an order is numbered like that
        return stmt.where(or_(Ticket.id == int(ref.group(1)), by_order))
    return stmt.where(by_order)


def queue(view: str, staff_id: int, filters: Filters | None = None, now: datetime | None = None,
          limit: int = PAGE) -> list[Ticket]:
    now = now or utcnow()
    filters = filters or Filters()
    stmt = select(Ticket).options(joinedload(Ticket.owner), joinedload(Ticket.order),
                                  joinedload(Ticket.queue))
    if filters.search:
        stmt = _search(stmt, filters.search)
        view = view if view != DEFAULT_VIEW else "all"
    stmt = _view(stmt, view, staff_id, now)
    if filters.queue_id:
        stmt = stmt.where(Ticket.queue_id == filters.queue_id)
    if filters.category:
        stmt = stmt.where(Ticket.category == Category(filters.category))
    if filters.locale:
        stmt = stmt.where(Ticket.locale == filters.locale)
    return list(db.session.scalars(stmt.limit(limit)).unique())


def pending_callbacks(ticket_ids: list[int]) -> dict[int, CallbackRequest]:
    if not ticket_ids:
        return {}
    rows = db.session.scalars(select(CallbackRequest).where(
        CallbackRequest.ticket_id.in_(ticket_ids), CallbackRequest.status == CallbackStatus.PENDING))
    return {c.ticket_id: c for c in rows}
