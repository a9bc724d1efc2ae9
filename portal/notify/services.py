"""Queue notifications in the caller's transaction (nothing is sent on rollback)."""

from __future__ import annotations

from sqlalchemy import select

from portal.auth.models import Role, StaffUser
from portal.extensions import db
from portal.notify.models import OutboxMessage


def enqueue(*, template: str, recipient: str, dedupe_key: str, locale: str = "en",
            **params) -> OutboxMessage | None:
    if db.session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)):
        return None
    message = OutboxMessage(
        template=template, recipient=recipient, dedupe_key=dedupe_key, locale=locale, params=params,
    )
    db.session.add(message)
    return message


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
