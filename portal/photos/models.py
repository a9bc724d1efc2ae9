"""A photo attached to a customer's message. Rows are never deleted (P10)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.append_only import KEEP_ROWS_AS_WRITTEN
from portal.core.database import UTCDateTime, utcnow
from portal.core.extensions import db
from portal.tickets.models import Message, Ticket


class Photo(db.Model):
    __tablename__ = "photos"
    __kept__ = KEEP_ROWS_AS_WRITTEN

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    # Server-generated name in the store; the customer's file name is never kept.
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(32))
    width: Mapped[int]
    height: Mapped[int]
    size_bytes: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    ticket: Mapped[Ticket] = relationship()
    message: Mapped[Message] = relationship()
