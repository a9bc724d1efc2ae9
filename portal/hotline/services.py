"""Callback requests ("call me back") and the call attempts staff log against them.

A callback is a ticket in the hotline queue plus the slot the customer chose;
the slot must be one the calendar offers. A call that resolves the problem
resolves the ticket, which then asks the customer to confirm like any other.
"""

from __future__ import annotations

from datetime import datetime

from portal.auth.models import StaffUser
from portal.core.database import utcnow
from portal.core.errors import Conflict, ValidationFailed
from portal.core.extensions import db
from portal.core.phones import display_phone, normalise_phone
from portal.hotline.models import CallAttempt, CallbackRequest, CallbackStatus, CallOutcome
from portal.orders.models import Order
from portal.routing.business_hours import Calendar
from portal.routing.rules import HOTLINE_QUEUE_KEY
from portal.tickets import services as tickets
from portal.tickets.history import bump, record
from portal.tickets.models import AuthorKind, Message, Status, Ticket

SLOTS_OFFERED = 16
NOTE_MAX = 2000


def offered_slots(calendar: Calendar, now: datetime, slot_minutes: int) -> list[tuple[datetime, datetime]]:
    return calendar.slots(now, slot_minutes, SLOTS_OFFERED)


def request_callback(
    order: Order, *, submission_key: str, phone: str, slot_start: datetime, note: str | None,
    locale: str, calendar: Calendar, slot_minutes: int, goal_minutes: int, limit_minutes: int,
    now: datetime | None = None,
) -> tuple[CallbackRequest, bool]:
    """Open the callback's ticket and record the slot; a resubmission returns the first one."""
    now = now or utcnow()
    e164 = normalise_phone(phone, order.country)
    slots = dict(offered_slots(calendar, now, slot_minutes))
    if slot_start not in slots:
        raise ValidationFailed("this time slot is no longer available; please choose another")
    body = (note or "").strip() or f"Please call me back on {display_phone(e164)}."
    ticket, created = tickets.open_ticket(
        order, submission_key=submission_key, category="other", description=body,
        contact_preference="phone", contact_email=None, contact_phone=e164, locale=locale,
        goal_minutes=goal_minutes, limit_minutes=limit_minutes, queue_key=HOTLINE_QUEUE_KEY,
        targets_from=slot_start,
    )
    if not created:
        existing = db.session.scalar(
            db.select(CallbackRequest).where(CallbackRequest.ticket_id == ticket.id))
        if existing is not None:
            return existing, False
    callback = CallbackRequest(ticket=ticket, phone_e164=e164, slot_start=slot_start,
                               slot_end=slots[slot_start])
    db.session.add(callback)
    record(ticket, "callback_requested", slot_start=slot_start.isoformat())
    db.session.flush()
    return callback, True


def log_call(callback: CallbackRequest, staff: StaffUser, outcome: str, note: str | None) -> CallAttempt:
    """Record one call; the owner (or whoever claims by calling) logs it."""
    try:
        outcome_value = CallOutcome(outcome)
    except ValueError as exc:
        raise ValidationFailed(f"an outcome is one of: {', '.join(o.value for o in CallOutcome)}") from exc
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationFailed(f"the note is longer than {NOTE_MAX} characters")
    if callback.status is not CallbackStatus.PENDING:
        raise Conflict("this callback is already finished")
    ticket: Ticket = callback.ticket
    tickets.require_owner(ticket, staff)
    attempt = CallAttempt(callback=callback, staff_id=staff.id, outcome=outcome_value, note=note or None)
    db.session.add(attempt)
    summary = f"Call: {outcome_value.value.replace('_', ' ')}" + (f". {note}" if note else "")
    db.session.add(Message(ticket=ticket, author_kind=AuthorKind.STAFF, author_id=staff.id,
                           internal=True, body=summary))
    now = utcnow()
    if outcome_value in (CallOutcome.REACHED, CallOutcome.RESOLVED):
        # Speaking to the customer is a first response, like a written reply.
        if ticket.first_response_at is None:
            ticket.first_response_at = now
        callback.status = CallbackStatus.DONE
        if ticket.status is Status.OPEN:
            ticket.status = Status.WAITING_CUSTOMER
            ticket.waiting_since = now
    elif outcome_value is CallOutcome.WRONG_NUMBER:
        callback.status = CallbackStatus.GAVE_UP
    bump(ticket)
    record(ticket, "call_logged", staff, outcome=outcome_value.value, callback_id=callback.id)
    db.session.flush()
    if outcome_value is CallOutcome.RESOLVED:
        tickets.resolve(ticket, staff)
    return attempt


def callback_for(ticket: Ticket) -> CallbackRequest | None:
    return db.session.scalar(
        db.select(CallbackRequest).where(CallbackRequest.ticket_id == ticket.id)
        .order_by(CallbackRequest.id.desc()).limit(1))
