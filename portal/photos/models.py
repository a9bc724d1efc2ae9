"""A photo attached to a customer's message. Rows are never deleted (P10)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, event
from sqlalchemy.orm import Mapped, Session, backref, mapped_column, relationship

from portal.core.database import UTCDateTime, utcnow
from portal.core.errors import NotAllowed
from portal.core.extensions import db
from portal.tickets.models import Message, Ticket


class Photo(db.Model):
    __tablename__ = "photos"

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
    # A backref keeps the tickets room untouched while messages list their photos.
    message: Mapped[Message] = relationship(
        backref=backref("photos", order_by="Photo.id", passive_deletes="all", lazy="selectin"),
    )


@event.listens_for(Session, "before_flush")
def _photos_are_kept(session, flush_context, instances):
    for obj in session.deleted:
        if isinstance(obj, Photo):
            raise NotAllowed("photos are never deleted")
    for obj in session.dirty:
        if isinstance(obj, Photo) and session.is_modified(obj):
            raise NotAllowed("photos are never edited")
