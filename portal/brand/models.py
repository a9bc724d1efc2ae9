"""The brand's settings: one row, edited by admins, read by the card printer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.database import UTCDateTime, utcnow
from portal.core.extensions import db


class BrandSettings(db.Model):
    __tablename__ = "brand_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    primary_colour: Mapped[str] = mapped_column(String(7), default="#1f4e79")
    accent_colour: Mapped[str] = mapped_column(String(7), default="#f0a500")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_mime: Mapped[str | None] = mapped_column(String(32))
    # {locale: {headline, invitation, scan, or_type, code_label, order_label}}
    card_words: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
