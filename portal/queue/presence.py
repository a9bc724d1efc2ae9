"""Who else is on a ticket: a heartbeat row per (ticket, staff), fresh for a minute.

So two people do not each assume the other is replying (P4): the desk shows
"X is viewing" or "X is replying", refreshed by a small script.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from portal.auth.models import StaffUser
from portal.core.extensions import db
from portal.queue.models import TicketPresence

FRESH = timedelta(seconds=60)
STATES = ("viewing", "replying")


@dataclass(frozen=True)
class Colleague:
    name: str
    state: str


def beat(ticket_id: int, staff_id: int, state: str, now: datetime) -> None:
    """Record that `staff_id` is on the ticket now; one UPDATE, an INSERT the first time."""
    state = state if state in STATES else "viewing"
    result = db.session.execute(
        update(TicketPresence)
        .where(TicketPresence.ticket_id == ticket_id, TicketPresence.staff_id == staff_id)
        .values(state=state, seen_at=now)
        .execution_options(synchronize_session=False))
    if result.rowcount:
        return
    try:
        with db.session.begin_nested():
            db.session.add(TicketPresence(ticket_id=ticket_id, staff_id=staff_id, state=state, seen_at=now))
    except IntegrityError:
        pass  # a parallel first beat of the same person won; that is the same fact


def others(ticket_id: int, staff_id: int, now: datetime) -> list[Colleague]:
    rows = db.session.execute(
        select(StaffUser.name, TicketPresence.state)
        .join(StaffUser, StaffUser.id == TicketPresence.staff_id)
        .where(TicketPresence.ticket_id == ticket_id, TicketPresence.staff_id != staff_id,
               TicketPresence.seen_at >= now - FRESH)
        .order_by(StaffUser.name))
    return [Colleague(name=name, state=state) for name, state in rows]
