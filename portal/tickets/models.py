from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Enum, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.auth.models import StaffUser
from portal.core.append_only import KEEP_ROWS, KEEP_ROWS_AS_WRITTEN
from portal.core.database import UTCDateTime, utcnow
from portal.core.extensions import db
from portal.core.languages import direction
from portal.orders.models import Order
from portal.routing.categories import Category
from portal.routing.models import Queue


def _enum(cls):
    return Enum(cls, native_enum=False, length=24, values_callable=lambda e: [m.value for m in e])


class ContactPreference(enum.StrEnum):
    REPLY_HERE = "reply_here"
    EMAIL = "email"
    PHONE = "phone"


class Status(enum.StrEnum):
    OPEN = "open"  # waiting for staff
    WAITING_CUSTOMER = "waiting_customer"  # staff answered, ball with the customer
    RESOLVED = "resolved"  # staff think it is solved; asked the customer to confirm
    CLOSED = "closed"  # the customer confirmed, or see Ticket.closed_reason


class ClosedReason(enum.StrEnum):
    CONFIRMED = "confirmed"  # the customer said it is solved
    UNCONFIRMED = "resolved_unconfirmed"  # no answer to "is it solved?" after reminders
    FINAL_OFFER = "final_offer"  # a recorded last offer after refused resolutions (P11)


class Ticket(db.Model):
    __tablename__ = "tickets"
    __kept__ = KEEP_ROWS
    __table_args__ = (
        UniqueConstraint("order_id", "submission_key", name="uq_tickets_order_submission"),
        # The queue: unanswered first, by how soon the goal runs out.
        Index("ix_tickets_queue", "status", "first_response_at", "respond_goal_at"),
        # Unassigned and "mine" views: open tickets per owner, soonest goal first.
        Index("ix_tickets_owner_queue", "status", "owner_id", "respond_goal_at"),
        Index("ix_tickets_status_waiting", "status", "waiting_since"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    # Set by the report form when it is rendered; a resubmission carries the same key.
    submission_key: Mapped[str] = mapped_column(String(36))
    category: Mapped[Category] = mapped_column(_enum(Category))
    contact_preference: Mapped[ContactPreference] = mapped_column(_enum(ContactPreference))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    locale: Mapped[str] = mapped_column(String(16), default="en")
    status: Mapped[Status] = mapped_column(_enum(Status), default=Status.OPEN)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    respond_goal_at: Mapped[datetime] = mapped_column(UTCDateTime())
    respond_limit_at: Mapped[datetime] = mapped_column(UTCDateTime())
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Bumped on every change; lets a stale form be detected.
    version: Mapped[int] = mapped_column(default=1)
    # Routing: the queue it landed in and the rule that sent it there ("why here?").
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id"), index=True)
    routing_rule_id: Mapped[int | None] = mapped_column(ForeignKey("routing_rules.id"))
    routing_reason: Mapped[str | None] = mapped_column(String(200))
    priority: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    # 0 none, 1 goal passed, 2 limit passed: each level notifies once.
    escalation_level: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    offered_to_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # Follow-up: since when the ball is with the customer, and how often we reminded.
    waiting_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminders_sent: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    refused_resolutions: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    closed_reason: Mapped[str | None] = mapped_column(String(24))

    order: Mapped[Order] = relationship()
    owner: Mapped[StaffUser | None] = relationship(foreign_keys=[owner_id])
    offered_to: Mapped[StaffUser | None] = relationship(foreign_keys=[offered_to_id])
    queue: Mapped[Queue | None] = relationship()
    messages: Mapped[list[Message]] = relationship(
        back_populates="ticket", order_by="Message.id", passive_deletes="all"
    )
    events: Mapped[list[AuditEvent]] = relationship(
        back_populates="ticket", order_by="AuditEvent.id", passive_deletes="all"
    )

    @property
    def ref(self) -> str:
        return f"T-{self.id:06d}"

    @property
    def first_response_seconds(self) -> int | None:
        if self.first_response_at is None:
            return None
        return int((self.first_response_at - self.created_at).total_seconds())


class AuthorKind(enum.StrEnum):
    CUSTOMER = "customer"
    STAFF = "staff"
    SYSTEM = "system"


class Message(db.Model):
    """One entry of a conversation. Never updated, never deleted."""

    __tablename__ = "messages"
    __kept__ = KEEP_ROWS_AS_WRITTEN

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    author_kind: Mapped[AuthorKind] = mapped_column(_enum(AuthorKind))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # Internal notes are for staff only; the customer's pages never select them.
    internal: Mapped[bool] = mapped_column(default=False)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    ticket: Mapped[Ticket] = relationship(back_populates="messages")
    author: Mapped[StaffUser | None] = relationship()
    flags: Mapped[list[MessageFlag]] = relationship(order_by="MessageFlag.id", viewonly=True)
    # The page language a customer wrote in, so staff see it and its direction.
    language: Mapped[MessageLanguage | None] = relationship(
        back_populates="message", lazy="selectin", passive_deletes="all")


class MessageLanguage(db.Model):
    """A side table rather than a column: messages are append-only, and staff messages have none."""

    __tablename__ = "message_languages"

    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), primary_key=True)
    locale: Mapped[str] = mapped_column(String(16))

    message: Mapped[Message] = relationship(back_populates="language")

    @property
    def direction(self) -> str:
        return direction(self.locale)


class FlagKind(enum.StrEnum):
    THREAT = "threat"
    OBSCENITY = "obscenity"
    INSULT = "insult"


class MessageFlag(db.Model):
    """Staff marked a message as abusive (P11). The message stays; it is only folded away."""

    __tablename__ = "message_flags"
    __kept__ = KEEP_ROWS_AS_WRITTEN

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    kind: Mapped[FlagKind] = mapped_column(_enum(FlagKind))
    reason: Mapped[str] = mapped_column(String(500))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    staff: Mapped[StaffUser] = relationship()


class AuditEvent(db.Model):
    """Append-only history of a ticket: who did what, when."""

    __tablename__ = "audit_events"
    __kept__ = KEEP_ROWS_AS_WRITTEN

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    action: Mapped[str] = mapped_column(String(32))
    actor_kind: Mapped[AuthorKind] = mapped_column(_enum(AuthorKind))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    ticket: Mapped[Ticket] = relationship(back_populates="events")
    actor: Mapped[StaffUser | None] = relationship()


class TicketLink(db.Model):
    """A secret link to a ticket's page. One per channel it was given through."""

    __tablename__ = "ticket_links"
    __kept__ = KEEP_ROWS

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    secret_digest: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    ticket: Mapped[Ticket] = relationship()
