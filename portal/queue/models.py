"""Workspace state: canned replies in the brand's voice, and who is looking at which ticket."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.database import UTCDateTime, utcnow
from portal.core.extensions import db


class ReplyStep(enum.StrEnum):
    """P6's order: thank, apologise, explain, ask how to help, act."""

    THANK = "thank"
    APOLOGISE = "apologise"
    EXPLAIN = "explain"
    ASK = "ask"
    ACT = "act"


class CannedReply(db.Model):
    __tablename__ = "canned_replies"
    __table_args__ = (UniqueConstraint("locale", "step", "title", name="uq_canned_replies_locale_step_title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    locale: Mapped[str] = mapped_column(String(16), index=True)
    step: Mapped[ReplyStep] = mapped_column(
        Enum(ReplyStep, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]))
    title: Mapped[str] = mapped_column(String(80))
    # Placeholders: {first_name}, {order_number}, {agent_name}.
    body: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class TicketPresence(db.Model):
    """A heartbeat per (ticket, staff): "viewing" or "replying", fresh for a minute."""

    __tablename__ = "ticket_presence"
    __table_args__ = (UniqueConstraint("ticket_id", "staff_id", name="uq_ticket_presence_ticket_staff"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    state: Mapped[str] = mapped_column(String(16), default="viewing")
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
