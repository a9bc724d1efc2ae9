"""Follow-up (P8): remind a quiet customer; for "is it solved?" remind, then auto-close.

Auto-closed tickets are marked "resolved, unconfirmed", apart from confirmed
ones, so dashboards can count them separately. A customer reply always reopens.
Times here are plain hours: the customer's side of the clock has no business hours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from portal.core.extensions import db
from portal.tickets.history import bump, record
from portal.tickets.models import ClosedReason, Status, Ticket

BATCH = 500


def _hours(text) -> tuple[int, ...]:
    if isinstance(text, list | tuple):
        return tuple(int(h) for h in text)
    return tuple(int(h) for h in str(text or "").split(",") if h.strip())


@dataclass(frozen=True)
class FollowUpPolicy:
    quiet_reminder_hours: tuple[int, ...] = (24, 72)
    confirm_reminder_hours: tuple[int, ...] = (48,)
    auto_close_after_hours: int = 168

    @classmethod
    def from_config(cls, cfg) -> FollowUpPolicy:
        return cls(
            quiet_reminder_hours=_hours(cfg.get("FOLLOWUP_REMINDER_HOURS", "24,72")),
            confirm_reminder_hours=_hours(cfg.get("CONFIRM_REMINDER_HOURS", "48")),
            auto_close_after_hours=int(cfg.get("AUTO_CLOSE_UNCONFIRMED_HOURS", 168)),
        )


@dataclass
class FollowUpReport:
    reminded: list[int] = field(default_factory=list)
    auto_closed: list[int] = field(default_factory=list)


def _due(status: Status, before: datetime) -> list[Ticket]:
    return list(db.session.scalars(
        select(Ticket).where(Ticket.status == status, Ticket.waiting_since.is_not(None),
                             Ticket.waiting_since <= before)
        .order_by(Ticket.waiting_since).limit(BATCH)
    ))


def _remind(ticket: Ticket, template: str, report: FollowUpReport) -> None:
    number = (ticket.reminders_sent or 0) + 1
    ticket.reminders_sent = number
    # The outbox hears of the event and emails the reminder to whoever left an address.
    record(ticket, "system_reminded", kind=template, number=number, emailed=bool(ticket.contact_email))
    report.reminded.append(ticket.id)


def run_follow_ups(now: datetime, policy: FollowUpPolicy) -> FollowUpReport:
    """One pass; the caller commits. Safe to run often: each step happens once."""
    report = FollowUpReport()
    quiet = policy.quiet_reminder_hours
    if quiet:
        for ticket in _due(Status.WAITING_CUSTOMER, now - timedelta(hours=min(quiet))):
            n = ticket.reminders_sent or 0
            if n < len(quiet) and ticket.waiting_since + timedelta(hours=quiet[n]) <= now:
                _remind(ticket, "reminder_waiting", report)
    confirm = policy.confirm_reminder_hours
    earliest = min([*confirm, policy.auto_close_after_hours])
    for ticket in _due(Status.RESOLVED, now - timedelta(hours=earliest)):
        n = ticket.reminders_sent or 0
        if n < len(confirm):
            if ticket.waiting_since + timedelta(hours=confirm[n]) <= now:
                _remind(ticket, "confirm_reminder", report)
        elif ticket.waiting_since + timedelta(hours=policy.auto_close_after_hours) <= now:
            ticket.status = Status.CLOSED
            ticket.closed_at = now
            ticket.closed_reason = ClosedReason.UNCONFIRMED.value
            ticket.waiting_since = None
            bump(ticket)
            record(ticket, "system_auto_closed", reason="no answer to 'is it solved?'")
            report.auto_closed.append(ticket.id)
    db.session.flush()
    return report
