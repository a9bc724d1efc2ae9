"""Offers: made by staff, approved above a role's limit, accepted or declined by the customer.

Goodwill is unconditional (P7): an offer's wording must pass the wording
classifier before it is saved, and again before it reaches the customer. Every
state change is one conditional UPDATE on the status, so two people clicking
at once cannot accept (or approve) the same offer twice. Each change appends an
audit event to the ticket.
"""

from __future__ import annotations

from flask_babel import force_locale, format_currency, format_percent
from sqlalchemy import func, select, update

from portal.auth.models import Role, StaffUser
from portal.core.database import utcnow
from portal.core.errors import Conflict, NotAllowed, ValidationFailed
from portal.core.extensions import db
from portal.goodwill import coupons
from portal.goodwill.catalogue import check_wording, limit_for
from portal.goodwill.models import Gesture, GestureKind, Offer, OfferStatus
from portal.tickets.history import record
from portal.tickets.models import AuthorKind, Message, Ticket

WORDING_MAX = 2000


def describe_value(kind: GestureKind, value: int, currency: str, locale: str) -> str:
    """The value as the customer reads it, in their language's conventions."""
    with force_locale(locale):
        if kind is GestureKind.PERCENT_COUPON:
            return format_percent(value / 100)
        if kind.is_money:
            return format_currency(value / 100, currency)
    return ""


def default_wording(gesture: Gesture, locale: str, value: int | None = None) -> str:
    text = gesture.wording.get(locale) or gesture.wording.get("en") or ""
    shown = describe_value(gesture.kind, gesture.value if value is None else value,
                           gesture.currency, locale)
    return text.replace("{value}", shown)


def _transition(offer: Offer, allowed: tuple[OfferStatus, ...], **values) -> bool:
    """Move the offer on only if nobody moved it meanwhile; True when this call won."""
    result = db.session.execute(
        update(Offer).where(Offer.id == offer.id, Offer.status.in_(allowed)).values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(offer)
    return result.rowcount == 1


def make_offer(ticket: Ticket, staff: StaffUser, gesture: Gesture, value: int,
               wording: str) -> Offer:
    """Offer a gesture on a ticket; above the staff member's limit it waits for approval."""
    if not gesture.active:
        raise ValidationFailed("this gesture is no longer in the catalogue")
    if ticket.owner_id != staff.id and not staff.is_lead:
        raise NotAllowed("only the ticket's owner or a lead can make an offer")
    if value < 0 or (gesture.kind is GestureKind.PERCENT_COUPON and not 0 < value <= 100):
        raise ValidationFailed("that value is not possible for this gesture")
    wording = (wording or "").strip()
    if not wording or len(wording) > WORDING_MAX:
        raise ValidationFailed(f"the offer needs a text for the customer (at most {WORDING_MAX} characters)")
    verdict = check_wording(wording, ticket.locale, "the offer text")
    within = value <= limit_for(gesture, staff.role)
    offer = Offer(
        ticket_id=ticket.id, order_id=ticket.order_id, gesture_id=gesture.id, kind=gesture.kind,
        value=value, currency=gesture.currency, validity_days=gesture.validity_days,
        wording=wording, locale=ticket.locale, wording_check=verdict.as_dict(),
        status=OfferStatus.OFFERED if within else OfferStatus.PENDING_APPROVAL,
        offered_by_id=staff.id,
    )
    db.session.add(offer)
    db.session.flush()
    if within:
        message = _deliver(offer, ticket, staff)
        record(ticket, "goodwill_offered", staff, offer_id=offer.id, kind=offer.kind.value,
               value=value, message_id=message.id)
    else:
        record(ticket, "goodwill_approval_requested", staff, offer_id=offer.id,
               kind=offer.kind.value, value=value)
    db.session.flush()
    return offer


def _deliver(offer: Offer, ticket: Ticket, author: StaffUser) -> Message:
    """The offer text joins the conversation (the event that records it names the message,
    so the customer is emailed like for any reply)."""
    offer.sent_at = utcnow()
    message = Message(ticket_id=ticket.id, author_kind=AuthorKind.STAFF, author_id=author.id,
                      body=offer.wording)
    db.session.add(message)
    db.session.flush()
    return message


def approve(offer: Offer, approver: StaffUser, note: str = "") -> Offer:
    if not approver.is_lead:
        raise NotAllowed("only leads and admins approve goodwill")
    if approver.id == offer.offered_by_id:
        raise NotAllowed("someone other than the person who made the offer must approve it")
    if offer.value > limit_for(offer.gesture, approver.role):
        raise NotAllowed("this is above your own limit; an admin must approve it")
    verdict = check_wording(offer.wording, offer.locale, "the offer text")
    now = utcnow()
    if not _transition(offer, (OfferStatus.PENDING_APPROVAL,), status=OfferStatus.OFFERED,
                       approved_by_id=approver.id, approved_at=now,
                       approval_note=(note or "")[:500], wording_check=verdict.as_dict()):
        raise Conflict(f"this offer is already {offer.status.value.replace('_', ' ')}")
    ticket = db.session.get(Ticket, offer.ticket_id)
    message = _deliver(offer, ticket, offer.offered_by)
    record(ticket, "goodwill_approved", approver, offer_id=offer.id, message_id=message.id)
    db.session.flush()
    return offer


def reject(offer: Offer, approver: StaffUser, note: str) -> Offer:
    if not approver.is_lead:
        raise NotAllowed("only leads and admins decide on approvals")
    if not (note or "").strip():
        raise ValidationFailed("say why, so the colleague can offer something else")
    if not _transition(offer, (OfferStatus.PENDING_APPROVAL,), status=OfferStatus.REJECTED,
                       approved_by_id=approver.id, approved_at=utcnow(), approval_note=note[:500]):
        raise Conflict(f"this offer is already {offer.status.value.replace('_', ' ')}")
    record(offer.ticket, "goodwill_rejected", approver, offer_id=offer.id)
    db.session.flush()
    return offer


def withdraw(offer: Offer, staff: StaffUser) -> Offer:
    if staff.id != offer.offered_by_id and not staff.is_lead:
        raise NotAllowed("only the person who made the offer or a lead can withdraw it")
    if not _transition(offer, (OfferStatus.PENDING_APPROVAL, OfferStatus.OFFERED),
                       status=OfferStatus.WITHDRAWN, decided_at=utcnow()):
        raise Conflict(f"this offer is already {offer.status.value.replace('_', ' ')}")
    record(offer.ticket, "goodwill_withdrawn", staff, offer_id=offer.id)
    db.session.flush()
    return offer


def accept(offer: Offer, key: str):
    """The customer accepts: once. Returns the coupon when the gesture issues one."""
    if not _transition(offer, (OfferStatus.OFFERED,), status=OfferStatus.ACCEPTED,
                       decided_at=utcnow()):
        if offer.status is OfferStatus.ACCEPTED:
            raise Conflict("you have already accepted this offer")
        raise Conflict("this offer is no longer open")
    record(offer.ticket, "goodwill_accepted", None, offer_id=offer.id)
    coupon = coupons.issue(offer, key) if offer.kind.issues_code else None
    db.session.flush()
    return coupon


def decline(offer: Offer) -> Offer:
    if not _transition(offer, (OfferStatus.OFFERED,), status=OfferStatus.DECLINED,
                       decided_at=utcnow()):
        raise Conflict("this offer is no longer open")
    record(offer.ticket, "goodwill_declined", None, offer_id=offer.id)
    db.session.flush()
    return offer


def mark_executed(offer: Offer, staff: StaffUser) -> Offer:
    """A refund or credit was carried out in the shop: record who and when, once."""
    if not offer.kind.needs_execution:
        raise ValidationFailed("only refunds and store credit are executed by hand")
    if offer.status is not OfferStatus.ACCEPTED:
        raise Conflict("the customer has not accepted this offer")
    result = db.session.execute(
        update(Offer).where(Offer.id == offer.id, Offer.executed_at.is_(None))
        .values(executed_at=utcnow(), executed_by_id=staff.id)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(offer)
    if result.rowcount != 1:
        raise Conflict("this was already recorded as done")
    record(offer.ticket, "goodwill_executed", staff, offer_id=offer.id)
    db.session.flush()
    return offer


def for_ticket(ticket_id: int, customer_view: bool = False) -> list[Offer]:
    query = select(Offer).where(Offer.ticket_id == ticket_id).order_by(Offer.id.desc())
    if customer_view:  # the customer never sees what was not sent to them
        query = query.where(Offer.sent_at.is_not(None))
    return list(db.session.scalars(query))


def pending_approvals() -> list[Offer]:
    return list(db.session.scalars(
        select(Offer).where(Offer.status == OfferStatus.PENDING_APPROVAL).order_by(Offer.id)
    ))


def pending_count() -> int:
    return db.session.scalar(
        select(func.count()).select_from(Offer).where(Offer.status == OfferStatus.PENDING_APPROVAL)
    )


def can_approve(offer: Offer, staff: StaffUser) -> bool:
    return (staff.is_lead and staff.id != offer.offered_by_id
            and (staff.role is Role.ADMIN or offer.value <= limit_for(offer.gesture, staff.role)))
