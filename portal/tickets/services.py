"""Ticket lifecycle: open, claim, reply, note, hand over, resolve, confirm, reopen.

Services change rows and flush; the caller (view, CLI, job) commits once.
Every state change appends an event to the ticket's history (`history.record`);
the outbox hears of those events and emails whoever should know.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from portal.auth.models import StaffUser
from portal.core.database import utcnow
from portal.core.errors import Conflict, NotAllowed, ValidationFailed
from portal.core.extensions import db
from portal.core.text import MESSAGE_MAX
from portal.orders.models import Order
from portal.routing import rules as routing
from portal.routing.calendar import load_calendar
from portal.routing.categories import Category
from portal.routing.targets import response_targets
from portal.tickets.history import bump, record
from portal.tickets.models import AuthorKind, ClosedReason, ContactPreference, Message, MessageLanguage, Status, Ticket


class AlreadyOwned(Conflict):
    def __init__(self, owner: StaffUser):
        super().__init__(f"{owner.name} already owns this ticket")
        self.owner = owner


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationFailed("the message is empty")
    if len(body) > MESSAGE_MAX:
        raise ValidationFailed(f"the message is longer than {MESSAGE_MAX} characters")
    return body


def open_ticket(
    order: Order,
    *,
    submission_key: str,
    category: str,
    description: str,
    contact_preference: str,
    contact_email: str | None,
    contact_phone: str | None,
    locale: str,
    goal_minutes: int,
    limit_minutes: int,
    queue_key: str | None = None,
    targets_from=None,
) -> tuple[Ticket, bool]:
    """Open a ticket for a report; a resubmission of the same form returns the first one.

    Routing rules choose the queue, unless `queue_key` names one (the hotline's callbacks);
    `targets_from` starts the response clock later than now (a chosen callback slot).
    """
    existing = _by_submission(order.id, submission_key)
    if existing:
        return existing, False
    try:
        category_value = Category(category)
        preference = ContactPreference(contact_preference)
    except ValueError as exc:
        raise ValidationFailed(str(exc)) from exc
    body = _clean_body(description)
    if preference is ContactPreference.EMAIL and not (contact_email or order.email):
        raise ValidationFailed("an email address is needed to answer by email")
    if preference is ContactPreference.PHONE and not (contact_phone or order.phone):
        raise ValidationFailed("a phone number is needed to call you")
    now = utcnow()
    # goal/limit minutes are the defaults; a routing rule or its queue may set others.
    if queue_key:
        decision = routing.direct(queue_key, goal_minutes, limit_minutes)
    else:
        decision = routing.decide(routing.describe(order, category_value.value, body, locale),
                                  goal_minutes, limit_minutes)
    targets = response_targets(max(now, targets_from or now), decision.goal_minutes,
                               decision.limit_minutes, load_calendar())
    ticket = Ticket(
        order=order, submission_key=submission_key, category=category_value,
        contact_preference=preference, contact_email=contact_email or order.email,
        contact_phone=contact_phone or order.phone, locale=locale, status=Status.OPEN,
        created_at=now, respond_goal_at=targets.goal_at, respond_limit_at=targets.limit_at,
        queue=decision.queue, routing_rule_id=decision.rule.id if decision.rule else None,
        routing_reason=decision.reason, priority=decision.priority,
    )
    try:
        # A savepoint: a concurrent duplicate loses on the unique key, not the whole request.
        with db.session.begin_nested():
            db.session.add(ticket)
            db.session.flush()
    except IntegrityError:
        existing = _by_submission(order.id, submission_key)
        if existing is None:
            raise
        return existing, False
    first = Message(ticket=ticket, author_kind=AuthorKind.CUSTOMER, body=body)
    db.session.add(first)
    remember_language(first, locale)
    # The routing decision is part of the opening record: "why did this land here?"
    record(ticket, "opened", category=category_value.value,
           queue=decision.queue.key if decision.queue else None,
           rule_id=decision.rule.id if decision.rule else None, reason=decision.reason,
           goal_minutes=decision.goal_minutes, limit_minutes=decision.limit_minutes)
    db.session.flush()
    return ticket, True


def _by_submission(order_id: int, submission_key: str) -> Ticket | None:
    return db.session.scalar(
        select(Ticket).where(Ticket.order_id == order_id, Ticket.submission_key == submission_key)
    )


def claim_ticket(ticket_id: int, staff: StaffUser) -> Ticket:
    """Make `staff` the one owner, atomically: one conditional UPDATE decides."""
    now = utcnow()
    result = db.session.execute(
        update(Ticket)
        .where(Ticket.id == ticket_id, Ticket.owner_id.is_(None))
        .values(owner_id=staff.id, claimed_at=now, version=Ticket.version + 1)
        .execution_options(synchronize_session=False)
    )
    ticket = db.session.get(Ticket, ticket_id, populate_existing=True)
    if ticket is None:
        raise ValidationFailed("no such ticket")
    if result.rowcount != 1:
        if ticket.owner_id == staff.id:
            return ticket
        raise AlreadyOwned(ticket.owner)
    record(ticket, "claimed", staff)
    db.session.flush()
    return ticket


def require_owner(ticket: Ticket, staff: StaffUser) -> None:
    """Only the owner acts on a ticket; nobody owns it yet, `staff` claims it by acting."""
    if ticket.owner_id is None:
        claim_ticket(ticket.id, staff)
    elif ticket.owner_id != staff.id:
        raise AlreadyOwned(ticket.owner)


def staff_reply(ticket: Ticket, staff: StaffUser, body: str) -> Message:
    body = _clean_body(body)
    require_owner(ticket, staff)
    now = utcnow()
    message = Message(ticket=ticket, author_kind=AuthorKind.STAFF, author_id=staff.id, body=body)
    db.session.add(message)
    first = ticket.first_response_at is None
    if first:
        ticket.first_response_at = now
    if ticket.status is Status.OPEN:
        ticket.status = Status.WAITING_CUSTOMER
    if ticket.status is Status.WAITING_CUSTOMER:
        # The follow-up clock restarts with every answer.
        ticket.waiting_since = now
        ticket.reminders_sent = 0
    bump(ticket)
    db.session.flush()  # the message's id goes into the history
    record(ticket, "replied", staff, first_response=first, message_id=message.id)
    db.session.flush()
    return message


def add_note(ticket: Ticket, staff: StaffUser, body: str) -> Message:
    note = Message(
        ticket=ticket, author_kind=AuthorKind.STAFF, author_id=staff.id, internal=True,
        body=_clean_body(body),
    )
    db.session.add(note)
    record(ticket, "noted", staff)
    db.session.flush()
    return note


def hand_over(ticket: Ticket, staff: StaffUser, to: StaffUser, note: str) -> Ticket:
    """Give the ticket to a colleague, explicitly and with a note (P4)."""
    if ticket.owner_id != staff.id and not staff.is_lead:
        raise NotAllowed("only the owner or a lead can hand this ticket over")
    if not to.active:
        raise ValidationFailed(f"{to.name} is not an active staff member")
    if to.id == ticket.owner_id:
        raise ValidationFailed(f"{to.name} already owns this ticket")
    note = _clean_body(note)
    previous = ticket.owner_id
    result = db.session.execute(
        update(Ticket)
        .where(Ticket.id == ticket.id, Ticket.owner_id.is_(previous) if previous is None
               else Ticket.owner_id == previous)
        .values(owner_id=to.id, claimed_at=utcnow(), version=Ticket.version + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(ticket)
    if result.rowcount != 1:
        raise Conflict("the ticket changed hands meanwhile; reload and try again")
    db.session.add(Message(
        ticket=ticket, author_kind=AuthorKind.STAFF, author_id=staff.id, internal=True,
        body=f"Handed over to {to.name}: {note}",
    ))
    record(ticket, "handed_over", staff, from_id=previous, to_id=to.id)
    db.session.flush()
    return ticket


def resolve(ticket: Ticket, staff: StaffUser, message: str | None = None) -> Ticket:
    """Staff think it is solved: ask the customer to confirm (P8)."""
    if ticket.status in (Status.RESOLVED, Status.CLOSED):
        raise Conflict("this ticket is already resolved")
    require_owner(ticket, staff)
    if message and message.strip():
        staff_reply(ticket, staff, message)
    if ticket.first_response_at is None:
        raise ValidationFailed("reply to the customer before marking the ticket resolved")
    ticket.status = Status.RESOLVED
    ticket.resolved_at = ticket.waiting_since = utcnow()
    ticket.reminders_sent = 0
    bump(ticket)
    record(ticket, "resolved", staff)
    db.session.flush()
    return ticket


def confirm(ticket: Ticket, solved: bool, comment: str | None = None) -> Ticket:
    """The customer's answer to "is it solved?": yes closes, no reopens."""
    if ticket.status is not Status.RESOLVED:
        raise Conflict("this ticket is not waiting for your confirmation")
    if comment and comment.strip():
        db.session.add(Message(ticket=ticket, author_kind=AuthorKind.CUSTOMER, body=_clean_body(comment)))
    ticket.waiting_since = None
    if solved:
        ticket.status = Status.CLOSED
        ticket.closed_at = utcnow()
        ticket.closed_reason = ClosedReason.CONFIRMED.value
        record(ticket, "confirmed")
    else:
        ticket.status = Status.OPEN
        ticket.resolved_at = None
        # Counted: after enough refusals a final offer becomes possible (P11).
        ticket.refused_resolutions = (ticket.refused_resolutions or 0) + 1
        record(ticket, "reopened", reason="customer said not solved",
               refused_resolutions=ticket.refused_resolutions)
    bump(ticket)
    db.session.flush()
    return ticket


def customer_reply(ticket: Ticket, body: str, locale: str | None = None) -> Message:
    """A customer message always puts the ticket back in front of staff.

    `locale` is the language of the page they wrote on, kept so staff see it.
    """
    message = Message(ticket=ticket, author_kind=AuthorKind.CUSTOMER, body=_clean_body(body))
    db.session.add(message)
    if locale:
        remember_language(message, locale)
    if ticket.status in (Status.RESOLVED, Status.CLOSED):
        record(ticket, "reopened", reason="customer replied", closed_reason=ticket.closed_reason)
        ticket.resolved_at = None
        ticket.closed_at = None
        ticket.closed_reason = None
    record(ticket, "customer_replied")
    ticket.status = Status.OPEN
    ticket.waiting_since = None
    bump(ticket)
    db.session.flush()
    return message


def remember_language(message: Message, locale: str) -> MessageLanguage:
    """Record the page language the customer wrote in. Flushes, never commits."""
    db.session.flush()  # the message needs its id
    row = MessageLanguage(message_id=message.id, locale=locale)
    db.session.add(row)
    db.session.flush()
    return row
