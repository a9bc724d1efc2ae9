"""Which events in a ticket's history put a message in the outbox.

The tickets, goodwill and workspace rooms only record what happened
(`tickets.history.record`); this table says who is told about it. The
messages are queued in the same transaction as the event, so nothing is sent
for a change that rolled back. `connect` is called once by the app wiring.
"""

from __future__ import annotations

from portal.auth.models import StaffUser
from portal.core.extensions import db
from portal.notify import services as notify
from portal.tickets import history
from portal.tickets.models import AuditEvent, Ticket


def _opened(ticket: Ticket, event: AuditEvent) -> None:
    if ticket.contact_email:
        notify.enqueue_customer_email(ticket, "ticket_opened")
    notify.enqueue_staff_new_ticket(ticket)


def _staff_message(ticket: Ticket, event: AuditEvent) -> None:
    """A reply, or a goodwill offer joining the conversation: the customer is emailed it."""
    message_id = event.detail.get("message_id")
    if ticket.contact_email and message_id:
        notify.enqueue_customer_email(ticket, "staff_reply", message_id=message_id)


def _handed_over(ticket: Ticket, event: AuditEvent) -> None:
    notify.enqueue_staff_assignment(ticket, db.session.get(StaffUser, event.detail["to_id"]))


def _resolved(ticket: Ticket, event: AuditEvent) -> None:
    if ticket.contact_email:
        notify.enqueue_customer_email(ticket, "confirm_request", resolved_at=ticket.resolved_at.isoformat())


def _reopened(ticket: Ticket, event: AuditEvent) -> None:
    notify.enqueue_staff_reopened(ticket)


def _reminded(ticket: Ticket, event: AuditEvent) -> None:
    notify.enqueue_customer_reminder(ticket, event.detail["kind"], event.detail["number"])


def _escalated(ticket: Ticket, event: AuditEvent) -> None:
    level = event.detail["level"]
    notify.enqueue_escalation(ticket, level)
    offered_to = event.detail.get("offered_to")
    if offered_to:
        notify.enqueue_staff_offer(ticket, db.session.get(StaffUser, offered_to), level)


ON_EVENT = {
    "opened": _opened,
    "replied": _staff_message,
    "goodwill_offered": _staff_message,
    "goodwill_approved": _staff_message,
    "handed_over": _handed_over,
    "resolved": _resolved,
    "reopened": _reopened,
    "system_reminded": _reminded,
    "system_escalated": _escalated,
}


def _on_recorded(event: AuditEvent, *, ticket: Ticket, **_) -> None:
    handler = ON_EVENT.get(event.action)
    if handler is not None:
        handler(ticket, event)


def connect() -> None:
    """Listen to every ticket's history (idempotent: connecting twice changes nothing)."""
    history.recorded.connect(_on_recorded, weak=False)
