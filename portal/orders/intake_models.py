"""Records of orders coming in: CSV import runs (progress and report) and their rejected rows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.database import UTCDateTime, utcnow
from portal.core.extensions import db


class ImportRun(db.Model):
    """One upload of a CSV file: its mapping, its progress, its final counts.

    The page polls this row while the import runs; the importer updates it
    once per committed batch, so the figures are always what is really stored.
    """

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    # The upload in the import folder; cleared once the run is done (no second copy of personal data).
    stored_name: Mapped[str | None] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    encoding: Mapped[str] = mapped_column(String(16))
    delimiter: Mapped[str] = mapped_column(String(1))
    headers: Mapped[list] = mapped_column(JSON, default=list)
    mapping: Mapped[dict] = mapped_column(JSON, default=dict)
    valid_rows_only: Mapped[bool] = mapped_column(default=False)
    # uploaded -> checking -> writing -> done | refused | failed
    status: Mapped[str] = mapped_column(String(16), default="uploaded")
    bytes_done: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def finished(self) -> bool:
        return self.status in {"done", "refused", "failed"}

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        if not self.size_bytes:
            return 0
        # A strict run reads the file twice (check, then write); each pass is half the bar.
        passes = 1 if self.valid_rows_only else 2
        done = self.bytes_done + (self.size_bytes if self.status == "writing" and passes == 2 else 0)
        return min(99, int(100 * done / (self.size_bytes * passes)))


class ImportRejection(db.Model):
    """A row the import refused, with its line in the file and the reason; downloadable."""

    __tablename__ = "import_rejections"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_runs.id"), index=True)
    line: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(500))
    cells: Mapped[list] = mapped_column(JSON, default=list)
