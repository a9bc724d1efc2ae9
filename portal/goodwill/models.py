"""Goodwill tables: the catalogue, limits per role, offers and their coupons."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.auth.models import StaffUser
from portal.core.database import UTCDateTime, utcnow
from portal.core.extensions import db
from portal.tickets.models import Ticket


def _enum(cls):
    return Enum(cls, native_enum=False, length=24, values_callable=lambda e: [m.value for m in e])


class GestureKind(enum.StrEnum):
    PERCENT_COUPON = "percent_coupon"  # value: percent
    FIXED_COUPON = "fixed_coupon"  # value: minor units (cents)
    STORE_CREDIT = "store_credit"
    FREE_ITEM = "free_item"
    FREE_SHIPPING = "free_shipping"
    PARTIAL_REFUND = "partial_refund"
    FULL_REFUND = "full_refund"
    LETTER = "letter"  # a personal letter: no value

    @property
    def issues_code(self) -> bool:
        return self in (GestureKind.PERCENT_COUPON, GestureKind.FIXED_COUPON,
                        GestureKind.FREE_ITEM, GestureKind.FREE_SHIPPING)

    @property
    def is_money(self) -> bool:
        return self in (GestureKind.FIXED_COUPON, GestureKind.STORE_CREDIT,
                        GestureKind.PARTIAL_REFUND, GestureKind.FULL_REFUND)

    @property
    def needs_execution(self) -> bool:
        """Refunds and credit are recorded here and carried out in the shop."""
        return self in (GestureKind.STORE_CREDIT, GestureKind.PARTIAL_REFUND, GestureKind.FULL_REFUND)


class OfferStatus(enum.StrEnum):
    PENDING_APPROVAL = "pending_approval"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REJECTED = "rejected"  # the approver said no; the customer never saw it
    WITHDRAWN = "withdrawn"


class Gesture(db.Model):
    __tablename__ = "goodwill_gestures"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[GestureKind] = mapped_column(_enum(GestureKind))
    name: Mapped[str] = mapped_column(String(80), unique=True)
    value: Mapped[int] = mapped_column(default=0)  # the default value offered
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    validity_days: Mapped[int] = mapped_column(default=90)
    # Default offer text per language; checked by the wording classifier when saved.
    wording: Mapped[dict] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    limits: Mapped[list[RoleLimit]] = relationship(back_populates="gesture", order_by="RoleLimit.role")


class RoleLimit(db.Model):
    """Up to `max_value` a role may offer on its own; above it, approval is needed."""

    __tablename__ = "goodwill_role_limits"
    __table_args__ = (UniqueConstraint("gesture_id", "role", name="uq_goodwill_role_limits_gesture_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    gesture_id: Mapped[int] = mapped_column(ForeignKey("goodwill_gestures.id"))
    role: Mapped[str] = mapped_column(String(16))
    max_value: Mapped[int] = mapped_column(default=0)

    gesture: Mapped[Gesture] = relationship(back_populates="limits")


class Offer(db.Model):
    __tablename__ = "goodwill_offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    gesture_id: Mapped[int] = mapped_column(ForeignKey("goodwill_gestures.id"))
    kind: Mapped[GestureKind] = mapped_column(_enum(GestureKind))
    value: Mapped[int] = mapped_column(default=0)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    validity_days: Mapped[int] = mapped_column(default=90)
    wording: Mapped[str] = mapped_column(Text)
    locale: Mapped[str] = mapped_column(String(8))
    # The classifier's verdict when the wording was accepted: part of the evidence.
    wording_check: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[OfferStatus] = mapped_column(_enum(OfferStatus), index=True)
    offered_by_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    approval_note: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    executed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    executed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    ticket: Mapped[Ticket] = relationship()
    gesture: Mapped[Gesture] = relationship()
    offered_by: Mapped[StaffUser] = relationship(foreign_keys=[offered_by_id])
    approved_by: Mapped[StaffUser | None] = relationship(foreign_keys=[approved_by_id])
    executed_by: Mapped[StaffUser | None] = relationship(foreign_keys=[executed_by_id])
    coupon: Mapped[Coupon | None] = relationship(back_populates="offer", uselist=False)

    @property
    def cost_minor(self) -> int | None:
        """What the gesture costs the shop, when known up front (money kinds)."""
        return self.value if self.kind.is_money or self.kind is GestureKind.FREE_ITEM else None


class Coupon(db.Model):
    """The code issued when an offer is accepted. Only a nonce and a digest are stored."""

    __tablename__ = "goodwill_coupons"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Unique: a second coupon for the same offer cannot exist, whoever clicks.
    offer_id: Mapped[int] = mapped_column(ForeignKey("goodwill_offers.id"), unique=True)
    code_nonce: Mapped[str] = mapped_column(String(32))
    code_digest: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    redeemed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    redeemed_ref: Mapped[str | None] = mapped_column(String(200))

    offer: Mapped[Offer] = relationship(back_populates="coupon")
