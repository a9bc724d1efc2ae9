"""Which language a customer wrote each message in, so staff see it (and its direction).

A side table rather than a column: messages are append-only and owned by the
tickets room; one row is added when the customer's message is created.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from portal.core.extensions import db
from portal.core.languages import RTL_LOCALES
from portal.tickets.models import Message


class MessageLanguage(db.Model):
    __tablename__ = "message_languages"

    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), primary_key=True)
    locale: Mapped[str] = mapped_column(String(16))

    message: Mapped[Message] = relationship(
        backref=backref("language", uselist=False, lazy="selectin", passive_deletes="all"),
    )

    @property
    def direction(self) -> str:
        return "rtl" if self.locale.split("_")[0].split("-")[0] in RTL_LOCALES else "ltr"


def remember_language(message: Message, locale: str) -> MessageLanguage:
    """Record the page language the customer wrote in. Flushes, never commits."""
    db.session.flush()  # the message needs its id
    row = MessageLanguage(message_id=message.id, locale=locale)
    db.session.add(row)
    db.session.flush()
    return row
