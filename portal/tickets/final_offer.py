"""The final offer (P11): after repeated refused resolutions, one last polite, recorded offer.

The ticket closes as "final offer made". The customer can still reply, which
reopens it like any other ticket; nothing of the conversation is removed.
"""

from __future__ import annotations

from portal.auth.models import StaffUser
from portal.core.database import utcnow
from portal.core.errors import Conflict, NotAllowed
from portal.core.extensions import db
from portal.tickets.history import bump, record
from portal.tickets.models import ClosedReason, Status, Ticket
from portal.tickets.services import require_owner, staff_reply


def final_offer_allowed(ticket: Ticket, after: int) -> bool:
    return ticket.status is not Status.CLOSED and (ticket.refused_resolutions or 0) >= after


def make_final_offer(ticket: Ticket, staff: StaffUser, body: str, *, after: int) -> Ticket:
    """Send the offer as a reply and close the ticket politely, with a record of why."""
    if ticket.status is Status.CLOSED:
        raise Conflict("this ticket is already closed")
    if not final_offer_allowed(ticket, after):
        raise NotAllowed(
            f"a final offer is possible after {after} refused resolutions "
            f"(so far {ticket.refused_resolutions or 0})")
    require_owner(ticket, staff)
    message = staff_reply(ticket, staff, body)
    ticket.status = Status.CLOSED
    ticket.closed_at = utcnow()
    ticket.closed_reason = ClosedReason.FINAL_OFFER.value
    ticket.waiting_since = None
    bump(ticket)
    record(ticket, "final_offer", staff, message_id=message.id,
           refused_resolutions=ticket.refused_resolutions)
    db.session.flush()
    return ticket
