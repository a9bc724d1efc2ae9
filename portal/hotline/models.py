"""Callback requests and the call attempts staff log against them."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.auth.models import StaffUser
from portal.core.append_only import KEEP_ROWS, KEEP_ROWS_AS_WRITTEN
from portal.core.database import UTCDateTime, utcnow
from portal.core.extensions import db
from portal.tickets.models import Ticket


def _enum(cls, name):
    return Enum(cls, name=name, native_enum=False, length=16,
                values_callable=lambda e: [m.value for m in e])


class CallbackStatus(enum.StrEnum):
    PENDING = "pending"
    DONE = "done"
    GAVE_UP = "gave_up"


class CallOutcome(enum.StrEnum):
    REACHED = "reached"
    NO_ANSWER = "no_answer"
    WRONG_NUMBER = "wrong_number"
    RESOLVED = "resolved"


class CallbackRequest(db.Model):
    """A customer asked to be called in a slot; the ticket carries the conversation."""

    __tablename__ = "callback_requests"
    __kept__ = KEEP_ROWS
    __table_args__ = (Index("ix_callback_requests_due", "status", "slot_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    phone_e164: Mapped[str] = mapped_column(String(20))
    slot_start: Mapped[datetime] = mapped_column(UTCDateTime())
    slot_end: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[CallbackStatus] = mapped_column(
        _enum(CallbackStatus, "callbackstatus"), default=CallbackStatus.PENDING)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    ticket: Mapped[Ticket] = relationship()
    attempts: Mapped[list[CallAttempt]] = relationship(
        back_populates="callback", order_by="CallAttempt.id")


class CallAttempt(db.Model):
    __tablename__ = "call_attempts"
    __kept__ = KEEP_ROWS_AS_WRITTEN

    id: Mapped[int] = mapped_column(primary_key=True)
    callback_id: Mapped[int] = mapped_column(ForeignKey("callback_requests.id"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    outcome: Mapped[CallOutcome] = mapped_column(_enum(CallOutcome, "calloutcome"))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    callback: Mapped[CallbackRequest] = relationship(back_populates="attempts")
    staff: Mapped[StaffUser] = relationship()
