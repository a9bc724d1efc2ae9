"""Importing an orders CSV: stream, check, then write in batches.

All or nothing by default: a first pass reads the whole file and plans every
row against the database without writing; if any row would be rejected (or
the file cannot be read to the end) nothing is written and the report lists
every rejected row. Only then does the second pass write what the first one
planned (spill.py), without reading the file again, committing per batch so
the embedded SQLite never holds its write lock for long and the progress
figures are real. With `valid_rows_only` there is a single pass
that writes the good rows and reports the others.

A crash in the middle of the write pass leaves the batches committed so far;
running the same import again finishes it, because re-importing is a no-op
for rows already stored. Reading and checking the rows is `reading.py`.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from portal.orders import reading, spill, upsert
from portal.orders.csv_source import NO_ROWS, ImportRefused
from portal.orders.reading import Batch

# Rows per lookup and per commit. Large batches keep the number of commits low: each one
# rewrites many pages of the token-digest indexes, whose keys are random.
BATCH = 10_000


@dataclass
class ImportResult:
    status: str = "done"  # done | refused | failed
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    message: str | None = None

    def count(self, kind: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)


@dataclass
class ImportHooks:
    """What the caller wants to hear about. `batch_done` is where the caller commits."""

    reject: Callable[[int, str, list], None] = lambda line, reason, rows: None
    progress: Callable[[str, int], None] = lambda phase, position: None
    batch_done: Callable[[str], None] = lambda phase: None


def _orders(batch: Batch, result: ImportResult, rejects: list) -> list[tuple]:
    """Count the batch's rejected orders into `rejects`; the others as (line, rows, record)."""
    result.rejected += len(batch.rejected)
    rejects.extend(batch.rejected)
    return batch.orders


def _report(hooks: ImportHooks, rejects: list) -> None:
    """One batch's rejected orders, those of the reader and of the database, in line order."""
    for line, reason, rows in sorted(rejects, key=lambda r: r[0]):
        hooks.reject(line, reason, rows)


def _plan(orders, outcomes) -> tuple[list, list]:
    """What the write pass will do: orders to create and to update, each as (line, record);
    orders already stored exactly so need no second look."""
    creates, updates = [], []
    for (line, _, record), outcome in zip(orders, outcomes, strict=True):
        if outcome.kind == "created":
            creates.append((line, record))
        elif outcome.kind == "updated":
            updates.append((line, record))
    return creates, updates


def _apply(orders, *, key, source_name, write, result: ImportResult, rejects: list) -> list:
    outcomes = upsert.upsert_orders([o[2] for o in orders], source=source_name, key=key, write=write)
    for (line, rows, *_), outcome in zip(orders, outcomes, strict=True):
        result.count(outcome.kind)
        if outcome.kind == "rejected":
            rejects.append((line, outcome.reason, rows))
    return outcomes


def _batch_finished(hooks: ImportHooks, phase: str, position: int) -> None:
    hooks.progress(phase, position)
    hooks.batch_done(phase)


def _counted(result: ImportResult) -> int:
    return result.created + result.updated + result.unchanged + result.rejected


def _no_rows() -> ImportResult:
    return ImportResult(status="refused", message=NO_ROWS)


def run_import(path: str, *, encoding: str, delimiter: str, mapping: dict[str, int], key: str,
               valid_rows_only: bool = False, source_name: str = "csv", tz: str = "UTC",
               hooks: ImportHooks | None = None) -> ImportResult:
    hooks = hooks or ImportHooks()
    apply = functools.partial(_apply, key=key, source_name=source_name)
    size = os.path.getsize(path)
    batches = functools.partial(reading.read_batches, path, encoding, delimiter, mapping, tz, BATCH)
    result = ImportResult()
    if valid_rows_only:
        try:
            for batch in batches():
                rejects: list = []
                apply(_orders(batch, result, rejects), write=True, result=result, rejects=rejects)
                _report(hooks, rejects)
                _batch_finished(hooks, "writing", batch.position)
        except ImportRefused as exc:
            result.status = "failed"
            result.message = f"{exc} The rows before it were imported."
        return result if _counted(result) or result.status != "done" else _no_rows()
    # The check pass keeps the orders it would create or update in an anonymous temporary
    # file (one marshal record per batch), so the write pass does not parse the CSV again.
    date_text = upsert.stored_date_text()
    with tempfile.TemporaryFile() as spill_file:
        check = ImportResult()
        try:
            for batch in batches():
                rejects = []
                orders = _orders(batch, check, rejects)
                outcomes = apply(orders, write=False, result=check, rejects=rejects)
                _report(hooks, rejects)
                spill.write(spill_file, *_plan(orders, outcomes), key, date_text)
                _batch_finished(hooks, "checking", batch.position)
        except ImportRefused as exc:
            return ImportResult(status="refused", message=f"{exc} Nothing was imported.")
        if not _counted(check):
            return _no_rows()
        if check.rejected:
            check.status = "refused"
            check.message = (f"{check.rejected} order(s) cannot be imported, so nothing was "
                             "imported. Fix them, or choose to import only the valid rows.")
            return check
        result.unchanged = check.unchanged
        spilled = spill_file.tell()
        stored = date_text is not None
        for lines, rows, updates, position in spill.read(spill_file, stored):
            rejects = []
            if updates:
                apply([(line, [], record) for line, record in updates], write=True,
                      result=result, rejects=rejects)
            if rows and not upsert.insert_planned(rows, source=source_name, dates_stored=stored):
                # Another writer stored one of these orders since the check: plan them again.
                apply([(line, [], spill.record(row, stored)) for line, row in zip(lines, rows, strict=True)],
                      write=True, result=result, rejects=rejects)
            else:
                result.created += len(rows)
            _report(hooks, rejects)
            _batch_finished(hooks, "writing", size * position // max(spilled, 1))
    return result
