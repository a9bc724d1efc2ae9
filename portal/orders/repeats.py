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

_TABLES = ("numbers", "external_ids")


def _repeat(number: str, external_id: str | None, numbers: dict[str, int],
            external_ids: dict[str, int]) -> str | None:
    """Why this order repeats one of the first listings given (key -> line), or None."""
    if number in numbers:
        return f"order {number} is listed more than once (first on line {numbers[number]})"
    if external_id and external_id in external_ids:
        return (f"order {number} has external id {external_id}, which the order on line "
                f"{external_ids[external_id]} has too")
    return None


class Repeats:
    def __init__(self):
        # This batch's order numbers and external ids, each with the line it is first on.
        self._batch: dict[str, dict[str, int]] = {table: {} for table in _TABLES}
        self._db: sqlite3.Connection | None = None
        self._stored = False  # this batch's keys are in the scratch file

    def in_batch(self, line: int, number: str, external_id: str | None) -> str | None:
        """Why this order is a repeat within the batch being read, or None (it is noted)."""
        if not number:
            return None  # refused anyway, as an order without a number
        numbers, external_ids = self._batch["numbers"], self._batch["external_ids"]
        repeat = _repeat(number, external_id, numbers, external_ids)
        if repeat:
            return repeat
        numbers[number] = line
        if external_id:
            external_ids[external_id] = line
        return None

    def _store(self, table: str) -> dict[str, int]:
        """Store this batch's keys; those an earlier batch had already, with their first line."""
        lines = self._batch[table]
        if not lines:
            return {}
        before = self._db.total_changes
        # One JSON object per batch: json_each inserts it faster than executemany binds rows.
        self._db.execute(f"INSERT OR IGNORE INTO {table} SELECT key, value FROM json_each(?)",  # noqa: S608 - a fixed name
                         (json.dumps(lines),))
        if self._db.total_changes - before == len(lines):
            return {}  # all new: the usual case, without a second look
        return dict(self._db.execute(f"SELECT key, line FROM {table} WHERE line < ? AND key IN "  # noqa: S608
                                     "(SELECT key FROM json_each(?))", (min(lines.values()), json.dumps(lines))))

    def drop_earlier(self, orders: list, rejected: list) -> list:
        """The batch's checked orders (line, rows, record) that no earlier batch listed; the
        others go to `rejected`. This batch's keys are stored for the batches after it."""
        if self._db is None:
            return orders
        numbers, external_ids = (self._store(table) for table in _TABLES)
        self._stored = True
        if not numbers and not external_ids:
            return orders
        kept = []
        for line, rows, record in orders:
            repeat = _repeat(record.number, record.external_id, numbers, external_ids)
            if repeat:
                rejected.append((line, repeat, rows))
            else:
                kept.append((line, rows, record))
        return kept

    def end_batch(self) -> None:
        if self._db is None:  # a second batch is coming: now the keys need a place
            self._db = sqlite3.connect("")  # "": a temporary file, deleted when closed
            for table in _TABLES:
                self._db.execute(f"CREATE TABLE {table} (key TEXT PRIMARY KEY, line INTEGER) WITHOUT ROWID")
        if not self._stored:
            for table in _TABLES:
                self._store(table)
        self._batch, self._stored = {table: {} for table in _TABLES}, False

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
