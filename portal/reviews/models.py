"""A public review link: one platform, one language (or every language)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.database import UTCDateTime, utcnow
from portal.core.extensions import db

ANY_LOCALE = "*"


class ReviewLink(db.Model):
    __tablename__ = "review_links"
    __table_args__ = (UniqueConstraint("platform", "locale", name="uq_review_links_platform_locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(40))  # "google", "trustpilot", "amazon", ...
    # "*" serves every language that has no link of its own for this platform.
    locale: Mapped[str] = mapped_column(String(8), default=ANY_LOCALE)
    name: Mapped[str] = mapped_column(String(80))
    url: Mapped[str] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
