"""A ticket's history: the one way any room writes it, and the one way other rooms hear of it.

Every change to a ticket appends an `AuditEvent` through `record` (append-only,
never edited). `bump` marks the ticket changed, so a form opened before the
change can tell it is stale. Rooms that react to what happens on a ticket (the
outbox sends emails, for example) connect to the `recorded` signal: it is sent
inside the same transaction, right after the event is added, so whatever a
receiver writes commits or rolls back together with the change itself.
"""

from __future__ import annotations

from blinker import Namespace

from portal.auth.models import StaffUser
from portal.core.extensions import db
from portal.tickets.models import AuditEvent, AuthorKind, Ticket

_signals = Namespace()
# Sent with the new AuditEvent as sender; receivers get its action, ticket, actor and detail.
recorded = _signals.signal("ticket-history-recorded")

# Actions whose name starts with this are the portal's own (reminders, escalations, auto-close).
SYSTEM_PREFIX = "system_"


def record(ticket: Ticket, action: str, actor: StaffUser | None = None, **detail) -> AuditEvent:
    """Append one event; a staff actor, else the customer, else (system_…) the portal itself."""
    kind = AuthorKind.STAFF if actor else AuthorKind.CUSTOMER
    if action.startswith(SYSTEM_PREFIX):
        kind = AuthorKind.SYSTEM
    event = AuditEvent(ticket=ticket, action=action, actor_kind=kind,
                       actor_id=actor.id if actor else None, detail=detail)
    db.session.add(event)
    recorded.send(event, ticket=ticket, actor=actor)
    return event


def bump(ticket: Ticket) -> None:
    """The ticket changed: a reply drafted against the old version is held, not sent blindly."""
    ticket.version = (ticket.version or 0) + 1
