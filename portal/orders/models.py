from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.append_only import KEEP_ROWS_AS_WRITTEN
from portal.core.database import UTCDateTime, utcnow
from portal.core.extensions import db


class Order(db.Model):
    __tablename__ = "orders"
    __table_args__ = (UniqueConstraint("source", "external_id", name="uq_orders_source_external"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(String(32), default="manual")
    external_id: Mapped[str | None] = mapped_column(String(128))
    customer_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    locale: Mapped[str | None] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(2))
    items: Mapped[list] = mapped_column(JSON, default=list)
    ordered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Scan token = f(TOKEN_KEY, token_nonce); only its digest is stored.
    token_nonce: Mapped[str] = mapped_column(String(32))
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    # The short typed fallback printed under the QR code, derived like the token.
    code_digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    ratings: Mapped[list[Rating]] = relationship(back_populates="order")

    @property
    def first_name(self) -> str:
        return (self.customer_name or "").split(" ")[0]


class Rating(db.Model):
    """A customer's one-tap answer to "how did it go?". Kept, never overwritten."""

    __tablename__ = "ratings"
    __kept__ = KEEP_ROWS_AS_WRITTEN

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(db.ForeignKey("orders.id"), index=True)
    stars: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    order: Mapped[Order] = relationship(back_populates="ratings")
