"""Queue notifications in the caller's transaction (nothing is sent on rollback)."""

from __future__ import annotations

from flask import current_app, has_app_context
from sqlalchemy import select

from portal.auth.models import Role, StaffUser
from portal.core.extensions import db
from portal.notify.models import OutboxMessage


def enqueue(*, template: str, recipient: str, dedupe_key: str, locale: str = "en",
            channel: str = "email", **params) -> OutboxMessage | None:
    """Add a message to the outbox in the caller's transaction; a known dedupe key adds nothing."""
    if db.session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)):
        return None
    message = OutboxMessage(
        template=template, recipient=recipient, dedupe_key=dedupe_key, locale=locale, params=params,
        channel=channel,
    )
    db.session.add(message)
    return message


def enqueue_webhook(event: str, ticket, dedupe_key: str, **params) -> OutboxMessage | None:
    """A staff chat-tool notification, when a webhook is configured."""
    if not (has_app_context() and current_app.config.get("STAFF_WEBHOOK_URL")):
        return None
    return enqueue(template=event, recipient="webhook", channel="webhook",
                   dedupe_key=f"webhook:{dedupe_key}", ticket_id=ticket.id, **params)


def enqueue_customer_email(ticket, template: str, **params) -> OutboxMessage | None:
    suffix = params.get("message_id") or params.get("resolved_at") or ""
    return enqueue(
        template=template, recipient=ticket.contact_email, locale=ticket.locale,
        dedupe_key=f"{template}:{ticket.id}:{suffix}", ticket_id=ticket.id, **params,
    )


def _leads() -> list[StaffUser]:
    return list(db.session.scalars(
        select(StaffUser).where(StaffUser.active, StaffUser.role.in_([Role.LEAD, Role.ADMIN]))
    ))


def enqueue_staff_new_ticket(ticket) -> None:
    enqueue_webhook("staff_new_ticket", ticket, f"new:{ticket.id}")
    for lead in _leads():
        enqueue(template="staff_new_ticket", recipient=lead.email,
                dedupe_key=f"staff_new_ticket:{ticket.id}:{lead.id}", ticket_id=ticket.id)


def enqueue_staff_assignment(ticket, to: StaffUser) -> None:
    enqueue(template="staff_assigned", recipient=to.email,
            dedupe_key=f"staff_assigned:{ticket.id}:{ticket.version}:{to.id}", ticket_id=ticket.id)


def enqueue_staff_reopened(ticket) -> None:
    recipients = [ticket.owner] if ticket.owner else _leads()
    for staff in recipients:
        enqueue(template="staff_reopened", recipient=staff.email,
                dedupe_key=f"staff_reopened:{ticket.id}:{ticket.version}:{staff.id}",
                ticket_id=ticket.id)


def enqueue_escalation(ticket, level: int) -> None:
    """The goal (level 1) or the limit (level 2) has passed: tell the owner and the leads."""
    recipients = {s.id: s for s in _leads()}
    if ticket.owner is not None:
        recipients[ticket.owner.id] = ticket.owner
    for staff in recipients.values():
        enqueue(template="staff_escalation", recipient=staff.email, level=level,
                dedupe_key=f"staff_escalation:{ticket.id}:{level}:{staff.id}", ticket_id=ticket.id)
    enqueue_webhook("staff_escalation", ticket, f"escalation:{ticket.id}:{level}", level=level)


def enqueue_staff_offer(ticket, to: StaffUser, level: int) -> None:
    enqueue(template="staff_offered", recipient=to.email, level=level,
            dedupe_key=f"staff_offered:{ticket.id}:{level}:{to.id}", ticket_id=ticket.id)


def enqueue_customer_reminder(ticket, template: str, number: int) -> OutboxMessage | None:
    """A follow-up ("are you still there?" or "is it solved?"), once per waiting period and number."""
    if not ticket.contact_email:
        return None
    since = (ticket.waiting_since or ticket.resolved_at).isoformat()
    return enqueue(template=template, recipient=ticket.contact_email, locale=ticket.locale,
                   dedupe_key=f"{template}:{ticket.id}:{since}:{number}", ticket_id=ticket.id,
                   number=number)
