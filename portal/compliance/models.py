"""Evidence that the honest path was offered: the review links each customer page showed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.database import UTCDateTime, utcnow
from portal.core.extensions import db


class ReviewLinkImpression(db.Model):
    """The public review links a customer page showed for an order (the proof).

    One row per order, page, language, set of links, rating and day: enough to
    show that every customer saw the links whatever they rated, without a
    write on every page view.
    """

    __tablename__ = "review_link_impressions"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    page: Mapped[str] = mapped_column(String(16))
    locale: Mapped[str] = mapped_column(String(8))
    links: Mapped[list] = mapped_column(JSON, default=list)
    link_count: Mapped[int] = mapped_column(default=0)
    # The customer's latest rating when the links were shown: proves it decided nothing.
    rating_stars: Mapped[int | None]
    marketplace: Mapped[str | None] = mapped_column(String(32))
    dedupe_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
