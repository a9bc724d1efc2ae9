"""Escalation (P3, P4): a ticket past its goal or limit is pushed to people.

Level 1 when the goal passes, level 2 when the limit passes; each level is
recorded once on the ticket, and the outbox then notifies the owner and the
leads. An unclaimed ticket is also offered to the next available person: someone active in the workspace in the last
minutes (else any active agent), with the fewest open tickets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select

from portal.auth.models import Role, StaffUser
from portal.core.extensions import db
from portal.queue.models import TicketPresence
from portal.tickets.history import record
from portal.tickets.models import Status, Ticket

AVAILABLE_WINDOW = timedelta(minutes=10)
BATCH = 500


@dataclass
class EscalationReport:
    escalated: list[tuple[int, int]] = field(default_factory=list)  # (ticket id, level)
    offered: list[tuple[int, int]] = field(default_factory=list)  # (ticket id, staff id)


def _open_load() -> dict[int, int]:
    rows = db.session.execute(
        select(Ticket.owner_id, func.count(Ticket.id))
        .where(Ticket.status == Status.OPEN, Ticket.owner_id.is_not(None))
        .group_by(Ticket.owner_id))
    return {owner: count for owner, count in rows}


def next_available(now: datetime, exclude: set[int]) -> StaffUser | None:
    staff = list(db.session.scalars(
        select(StaffUser).where(StaffUser.active, StaffUser.role == Role.AGENT).order_by(StaffUser.id)))
    if not staff:
        staff = list(db.session.scalars(select(StaffUser).where(StaffUser.active).order_by(StaffUser.id)))
    present = set(db.session.scalars(
        select(TicketPresence.staff_id).where(TicketPresence.seen_at >= now - AVAILABLE_WINDOW)))
    candidates = [s for s in staff if s.id not in exclude]
    if not candidates:
        return None
    load = _open_load()
    return min(candidates, key=lambda s: (s.id not in present, load.get(s.id, 0), s.id))


def run_escalations(now: datetime) -> EscalationReport:
    """One pass over unanswered tickets; the caller commits."""
    report = EscalationReport()
    due = db.session.scalars(
        select(Ticket).where(
            Ticket.status == Status.OPEN, Ticket.first_response_at.is_(None),
            or_(
                (Ticket.escalation_level < 1) & (Ticket.respond_goal_at <= now),
                (Ticket.escalation_level < 2) & (Ticket.respond_limit_at <= now),
            ),
        ).order_by(Ticket.respond_limit_at).limit(BATCH)
    ).all()
    for ticket in due:
        level = 2 if ticket.respond_limit_at <= now else 1
        ticket.escalation_level = level
        detail = {"level": level}
        if ticket.owner_id is None:
            exclude = {ticket.offered_to_id} if ticket.offered_to_id else set()
            person = next_available(now, exclude) or next_available(now, set())
            if person is not None:
                ticket.offered_to_id = person.id
                report.offered.append((ticket.id, person.id))
                detail["offered_to"] = person.id
        # The outbox hears of it and tells the owner, the leads and the person offered the ticket.
        record(ticket, "system_escalated", **detail)
        report.escalated.append((ticket.id, level))
    db.session.flush()
    return report
