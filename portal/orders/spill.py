"""The check pass's plan, kept on disk for the write pass, and made ready for it.

The check pass writes one marshal record per batch: the orders it would create
and those it would update, packed (reading.pack). The write pass reads them
back in order; for a large import a worker process reads them, draws the new
orders' tokens and converts their values while the importer writes the batch
before, so writing a batch of new orders is one executemany.
"""

from __future__ import annotations

import json
import marshal
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from portal.orders import worker
from portal.orders.upsert import new_token_values


@contextmanager
def spill_file():
    """A private temporary file (a folder only this user can read), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="portal-import-") as folder:
        path = os.path.join(folder, "orders.spill")
        with open(path, "wb") as file:
            yield path, file


def write(file, packed: list) -> None:
    # Length-prefixed dumps: marshal.load on a file reads it in many tiny pieces.
    data = marshal.dumps(packed)
    file.write(len(data).to_bytes(8, "big"))
    file.write(data)


def _read(path: str) -> Iterator[tuple[list, int]]:
    with open(path, "rb") as file:
        while header := file.read(8):
            # Safe: the file is private and was written by this import.
            yield marshal.loads(file.read(int.from_bytes(header, "big"))), file.tell()  # noqa: S302


def _converters(dialect_name: str):
    """The order date's conversion a worker can do ahead: on SQLite, the text SQLite stores
    (the column type's own converter); other drivers take datetime objects, which marshal
    cannot carry, so the importer converts those itself."""
    if dialect_name != "sqlite":
        return None
    from sqlalchemy.dialects import sqlite

    from portal.orders.models import Order

    dialect = sqlite.dialect()
    return Order.__table__.c.ordered_at.type.dialect_impl(dialect).bind_processor(dialect)


def _prepared(path: str, key: str, dialect_name: str) -> Iterator[tuple]:
    """Per batch: planned creates and updates (line, packed), the creates as rows ready to
    insert (upsert.INSERTED order, tokens drawn), the columns converted ahead, bytes read."""
    to_stored = _converters(dialect_name)
    ready = ("items", "ordered_at") if to_stored else ("items",)
    for (creates, updates), position in _read(path):
        rows = []
        for (_, packed), drawn in zip(creates, new_token_values(key, len(creates)), strict=True):
            when = packed[7]
            if when and to_stored:
                when = to_stored(datetime.fromisoformat(when))
            # json.dumps is what the JSON column itself would use, so the stored text is the same.
            rows.append((*packed[:7], when, json.dumps(packed[8]), *drawn))
        yield creates, updates, rows, ready, position


def prepared_batches(path: str, key: str, dialect_name: str, in_worker: bool) -> Iterator[tuple]:
    produced = worker.stream(_prepared, (path, key, dialect_name), "import writer") if in_worker \
        else _prepared(path, key, dialect_name)
    for creates, updates, rows, ready, position in produced:
        if "ordered_at" not in ready:  # left as ISO text for this process to convert
            rows = [(*row[:7], datetime.fromisoformat(row[7]) if row[7] else None, *row[8:]) for row in rows]
        yield creates, updates, rows, tuple(ready), position
