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


def _prepared(path: str, key: str) -> Iterator[tuple]:
    """Per batch: planned creates and updates (line, packed), the creates as rows ready to
    insert (upsert.INSERTED order, tokens drawn, items as JSON text), bytes read."""
    for (creates, updates), position in _read(path):
        drawn = new_token_values(key, len(creates))
        # json.dumps is what the JSON column itself would use, so the stored text is the same.
        rows = [(*packed[:8], json.dumps(packed[8]), *values)
                for (_, packed), values in zip(creates, drawn, strict=True)]
        yield creates, updates, rows, position


def prepared_batches(path: str, key: str, in_worker: bool) -> Iterator[tuple]:
    """The write pass's batches: (creates, updates, rows, bytes read). The order date is
    converted here, in the importer's process: it is the lighter of the two sides."""
    produced = worker.stream(_prepared, (path, key), "import writer") if in_worker else _prepared(path, key)
    for creates, updates, rows, position in produced:
        rows = [(*row[:7], datetime.fromisoformat(row[7]) if row[7] else None, *row[8:]) for row in rows]
        yield creates, updates, rows, position
