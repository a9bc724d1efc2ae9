"""Queues, routing rules and the business calendar (weekly hours, holidays, time zone)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.database import UTCDateTime, utcnow
from portal.core.extensions import db


class Queue(db.Model):
    """Where a ticket waits, with its own first-response goal and limit (P3)."""

    __tablename__ = "queues"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    goal_minutes: Mapped[int] = mapped_column(default=15)
    limit_minutes: Mapped[int] = mapped_column(default=60)
    # The hotline queue holds callback requests.
    is_hotline: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RoutingRule(db.Model):
    """One "if the report looks like this, send it there" line; evaluated by position."""

    __tablename__ = "routing_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(default=0, index=True)
    name: Mapped[str] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(default=True)
    # Conditions: a rule matches when every condition that is set holds.
    # One or more categories, comma-separated.
    category: Mapped[str | None] = mapped_column(String(200))
    max_rating: Mapped[int | None]
    min_order_value: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    keywords: Mapped[str | None] = mapped_column(String(500))
    repeat_customer: Mapped[bool | None]
    locale: Mapped[str | None] = mapped_column(String(16))
    # Outcome.
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id"))
    to_hotline: Mapped[bool] = mapped_column(default=False)
    priority: Mapped[int] = mapped_column(default=0)
    goal_minutes: Mapped[int | None]
    limit_minutes: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    queue: Mapped[Queue | None] = relationship()

    def keyword_list(self) -> list[str]:
        return [k.strip().casefold() for k in (self.keywords or "").split(",") if k.strip()]


class BusinessCalendar(db.Model):
    """The business's opening hours. One row; none means "always open" in the configured zone."""

    __tablename__ = "business_calendars"

    id: Mapped[int] = mapped_column(primary_key=True)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # {"0": [["09:00", "17:00"]], ...}: Monday is 0; a missing or empty day is closed.
    schedule: Mapped[dict] = mapped_column(JSON, default=dict)
    # Public holidays of this country (ISO code) count as closed, besides the listed ones.
    holiday_country: Mapped[str | None] = mapped_column(String(2))
    hotline_phone: Mapped[str | None] = mapped_column(String(40))
    callback_slot_minutes: Mapped[int] = mapped_column(default=30)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Holiday(db.Model):
    __tablename__ = "holidays"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    name: Mapped[str] = mapped_column(String(120))
