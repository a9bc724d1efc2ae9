"""Orders listed more than once in one CSV file, wherever the second listing falls.

Rows of one order are consecutive; the same order number (or external id)
further down is a mistake in the file, refused with the line it was first
listed on, whether that first listing was valid or not: importing the later
one would otherwise overwrite the first, or a corrected first one later.
Keys of the batch being read are kept in a dict; keys of earlier batches go
to a private scratch SQLite file, so memory does not grow with the file.
"""

from __future__ import annotations

import json
import sqlite3


def _keys(number: str, external_id: str | None) -> list[str]:
    return [f"n:{number}", f"e:{external_id}"] if external_id else [f"n:{number}"]


def _reason(key: str, line: int, number: str) -> str:
    if key.startswith("n:"):
        return f"order {number} is listed more than once (first on line {line})"
    return f"order {number} has external id {key[2:]}, which the order on line {line} has too"


class Repeats:
    def __init__(self):
        self._batch: dict[str, int] = {}
        self._db: sqlite3.Connection | None = None

    def in_batch(self, line: int, number: str, external_id: str | None) -> str | None:
        """Why this order is a repeat within the batch being read, or None (it is noted)."""
        if not number:
            return None  # refused anyway, as an order without a number
        keys = _keys(number, external_id)
        for key in keys:
            if key in self._batch:
                return _reason(key, self._batch[key], number)
        for key in keys:
            self._batch[key] = line
        return None

    def drop_earlier(self, orders: list, rejected: list) -> list:
        """The batch's checked orders (line, rows, packed) that no earlier batch listed; the
        others go to `rejected`."""
        if self._db is None or not orders:
            return orders
        keys = [key for _, _, packed in orders for key in _keys(packed[0], packed[1])]
        first = dict(self._db.execute("SELECT key, line FROM seen WHERE key IN "
                                      "(SELECT value FROM json_each(?))", (json.dumps(keys),)))
        if not first:
            return orders
        kept = []
        for line, rows, packed in orders:
            earlier = [(first[key], key) for key in _keys(packed[0], packed[1]) if key in first]
            if earlier:
                first_line, key = min(earlier)
                rejected.append((line, _reason(key, first_line, packed[0]), rows))
            else:
                kept.append((line, rows, packed))
        return kept

    def end_batch(self) -> None:
        if self._db is None:
            self._db = sqlite3.connect("")  # "": a temporary file, deleted when closed
            self._db.execute("CREATE TABLE seen (key TEXT PRIMARY KEY, line INTEGER) WITHOUT ROWID")
        self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?)", self._batch.items())
        self._batch = {}

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
