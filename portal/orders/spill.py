"""The check pass's orders, kept on disk for the write pass, and made ready for it.

The check pass writes one marshal record per batch: the orders it would create
or update, packed (reading.pack). The write pass reads them back in order;
for a large import a worker process reads them and draws each batch's tokens
and encodes its items as JSON while the importer writes the batch before.
"""

from __future__ import annotations

import json
import marshal
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

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
    """Per batch: the packed orders, their token values and items JSON, and bytes read."""
    for orders, position in _read(path):
        drawn = new_token_values(key, len(orders))
        # json.dumps is what the JSON column itself would use, so the stored text is the same.
        items = [json.dumps(packed[-1]) for _, packed in orders]
        yield orders, drawn, items, position


def prepared_batches(path: str, key: str, in_worker: bool) -> Iterator[tuple]:
    if in_worker:
        return worker.stream(_prepared, (path, key), "import writer")
    return _prepared(path, key)
