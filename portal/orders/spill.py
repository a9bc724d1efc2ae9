"""The check pass's plan, kept in a temporary file for the write pass, ready to write.

The check pass writes one marshal record per batch: the new orders as rows
ready to insert (tokens drawn, items encoded as the JSON column would encode
them), with their lines, and the orders to update, packed (`pack`). The
write pass reads them back in order, so writing a batch of new orders is one
executemany and the CSV is not parsed twice.
"""

from __future__ import annotations

import json
import marshal
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from portal.orders.records import OrderRecord
from portal.orders.upsert import new_token_values


def pack(record: OrderRecord) -> tuple:
    """An order as plain tuples that marshal can carry, its date as ISO text."""
    when = record.ordered_at.isoformat() if record.ordered_at else None
    return (*record[:7], when, record.items)


def unpack(packed) -> OrderRecord:
    when = packed[7]
    return OrderRecord(*packed[:7], datetime.fromisoformat(when) if when else None, packed[8])


def write(file, creates: list, updates: list, key: str, date_text: Callable | None) -> None:
    """One batch of the plan: `creates` as (line, OrderRecord), `updates` as (line,
    OrderRecord). With `date_text` (upsert.stored_date_text) new orders' dates are kept as stored."""
    drawn = new_token_values(key, len(creates))
    # json.dumps is what the JSON column itself would use, so the stored text is the same.
    rows = [(*record[:7], _date(record.ordered_at, date_text), json.dumps(record.items), *values)
            for (_, record), values in zip(creates, drawn, strict=True)]
    # Length-prefixed dumps: marshal.load on a file reads it in many tiny pieces.
    data = marshal.dumps(([line for line, _ in creates], rows,
                          [(line, pack(record)) for line, record in updates]))
    file.write(len(data).to_bytes(8, "big"))
    file.write(data)


def _date(when: datetime | None, date_text: Callable | None) -> str | None:
    """Marshal carries text, not datetimes: as stored where that is text, else ISO 8601."""
    if when is None:
        return None
    return date_text(when) if date_text else when.isoformat()


def read(file, dates_stored: bool) -> Iterator[tuple[list, list, list, int]]:
    """Per batch, from the start of `file`: the new orders' lines and rows (upsert.INSERTED
    order), the updates as (line, OrderRecord), and how far into the file that is."""
    file.seek(0)
    while header := file.read(8):
        # Safe: the file is anonymous and was written by this import.
        lines, rows, updates = marshal.loads(file.read(int.from_bytes(header, "big")))  # noqa: S302
        if not dates_stored:  # ISO text: the driver takes datetime objects
            rows = [(*row[:7], datetime.fromisoformat(row[7]) if row[7] else None, *row[8:])
                    for row in rows]
        yield lines, rows, [(line, unpack(packed)) for line, packed in updates], file.tell()


def record(row: tuple, dates_stored: bool) -> OrderRecord:
    """A ready row as the order it was made from (to plan it again)."""
    when = row[7]
    if when and dates_stored:  # SQLite's text, naive UTC
        when = datetime.fromisoformat(when).replace(tzinfo=UTC)
    return OrderRecord(*row[:7], when, json.loads(row[8]))
