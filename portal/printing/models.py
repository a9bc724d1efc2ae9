"""Print batches, and which orders each batch printed.

An order is marked printed by its row in print_batch_orders: it counts once
its batch is queued, running or done, so two batches never pick the same
"not yet printed" order; a failed or cancelled batch frees its orders until
it is retried.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.database import UTCDateTime, utcnow
from portal.core.extensions import db

QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"
HOLDS_ORDERS = (QUEUED, RUNNING, DONE)  # states in which a batch's orders count as printed
FINISHED = (DONE, FAILED, CANCELLED)


class PrintBatch(db.Model):
    __tablename__ = "print_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default=QUEUED, index=True)
    layout: Mapped[str] = mapped_column(String(32))
    # What was asked for, for the record and the page (criteria, not order data).
    selection: Mapped[dict] = mapped_column(JSON, default=dict)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done_count: Mapped[int] = mapped_column(Integer, default=0)
    pages: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    error: Mapped[str | None] = mapped_column(Text)
    file_key: Mapped[str | None] = mapped_column(String(200))
    file_size: Mapped[int | None] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Updated with every progress step: a running batch whose heartbeat stops
    # (the worker died) can be retried.
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def percent(self) -> int:
        return int(100 * self.done_count / self.total) if self.total else 0


class PrintBatchOrder(db.Model):
    __tablename__ = "print_batch_orders"

    batch_id: Mapped[int] = mapped_column(ForeignKey("print_batches.id"), primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)
