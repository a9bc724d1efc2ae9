"""Importing an orders CSV: stream, group, check, then write in batches.

All or nothing by default: a first pass reads the whole file and plans every
row against the database without writing; if any row would be rejected (or
the file cannot be read to the end) nothing is written and the report lists
every rejected row. Only then does the second pass write, committing per
batch so the embedded SQLite never holds its write lock for long and the
progress figures are real. With `valid_rows_only` there is a single pass
that writes the good rows and reports the others.

A crash in the middle of the write pass leaves the batches committed so far;
running the same import again finishes it, because re-importing is a no-op
for rows already stored.

Consecutive rows with the same order number are one order (Shopify writes
one row per line item, with the order's fields on the first).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import operator
import marshal
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from portal.database import bulk_writes
from portal.errors import ValidationFailed
from portal.orders.csv_source import CsvSource, ImportRefused
from portal.orders.records import ITEMS_MAX, OrderRecord, clean_order, item
from portal.orders.upsert import upsert_orders

# Rows per lookup and per commit. Large batches keep the number of commits low: each one
# rewrites most pages of the token-digest indexes (see database.bulk_writes).
BATCH = 10_000
ORDER_FIELDS = ("number", "external_id", "customer_name", "email", "phone", "locale", "country",
                "ordered_at", "items")


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


class _Group:
    """One order's rows. A plain class with slots: an import makes one per order."""

    __slots__ = ("line", "number", "rows", "raw", "items", "error")

    def __init__(self, line: int, number: str, raw: dict, cells: list):
        self.line, self.number, self.raw = line, number, raw
        self.rows, self.items, self.error = [cells], [], None


def _groups(source: CsvSource, mapping: dict[str, int]):
    """Orders from consecutive rows; each group carries its raw rows for the rejection report."""
    order_columns = [(f, i) for f, i in mapping.items() if f in ORDER_FIELDS]
    number_i = mapping["number"]
    names = [f for f, _ in order_columns]
    # itemgetter returns a tuple only for two or more indexes: the number's index pads the
    # list, and zip below stops at the last name.
    values_of = operator.itemgetter(*[i for _, i in order_columns], number_i)
    name_i, qty_i, sku_i = (mapping.get(f) for f in ("item_name", "item_quantity", "item_sku"))
    current: _Group | None = None
    width = max(mapping.values()) + 1
    for line, cells in source.rows():
        if len(cells) < width:  # spreadsheets drop trailing empty cells
            cells = cells + [""] * (width - len(cells))
        number = cells[number_i].strip()
        if current is None or not number or number != current.number:
            if current is not None:
                yield current
            current = _Group(line, number, dict(zip(names, values_of(cells))), cells)
        else:
            for name, index in order_columns:
                if not current.raw.get(name):
                    current.raw[name] = cells[index]
            if len(current.rows) <= ITEMS_MAX:
                current.rows.append(cells)
        if name_i is not None and cells[name_i].strip() and current.error is None:
            try:
                current.items.append(item(cells[name_i], (qty_i is not None and cells[qty_i]) or 1,
                                          sku_i is not None and cells[sku_i] or None))
            except ValidationFailed as exc:
                current.error = f"line {line}: {exc}"
    if current is not None:
        yield current


def _valid_batches(source: CsvSource, mapping, tz, result: ImportResult, hooks: ImportHooks):
    """Batches of (line, rows, record); invalid orders are counted and reported on the way."""
    batch: list[tuple[int, list, OrderRecord]] = []
    try:
        for group in _groups(source, mapping):
            try:
                if group.error:
                    raise ValidationFailed(group.error)
                record = clean_order(group.raw, group.items, tz)
            except ValidationFailed as exc:
                result.count("rejected")
                hooks.reject(group.line, str(exc), group.rows)
                continue
            batch.append((group.line, group.rows, record))
            if len(batch) >= BATCH:
                yield batch
                batch = []
    except ImportRefused:
        yield batch  # the good rows read before the unreadable line
        raise
    yield batch


def _apply(batch, *, key, source_name, write, hooks, result: ImportResult) -> list:
    outcomes = upsert_orders([r for _, _, r in batch], source=source_name, key=key, write=write)
    for (line, rows, _), outcome in zip(batch, outcomes, strict=True):
        result.count(outcome.kind)
        if outcome.kind == "rejected":
            hooks.reject(line, outcome.reason, rows)
    return outcomes


def _pack(line: int, record: OrderRecord) -> tuple:
    when = record.ordered_at.isoformat() if record.ordered_at else None
    return (line, record.number, record.external_id, record.customer_name, record.email,
            record.phone, record.locale, record.country, when, record.items)


def _unpack(packed: tuple) -> tuple[int, list, OrderRecord]:
    line, number, external_id, name, email, phone, locale, country, when, items = packed
    ordered_at = datetime.fromisoformat(when) if when else None
    return line, [], OrderRecord(number, external_id, name, email, phone, locale, country,
                                 ordered_at, items)


def _spill(file, packed: list) -> None:
    # Length-prefixed dumps: marshal.load on a file reads it in many tiny pieces.
    data = marshal.dumps(packed)
    file.write(len(data).to_bytes(8, "big"))
    file.write(data)


def _unspill(file) -> list:
    size = int.from_bytes(file.read(8), "big")
    # Safe: the file is anonymous and was written by this process, in this import.
    return marshal.loads(file.read(size))  # noqa: S302


def _write_from_csv(path, encoding, delimiter, mapping, tz, apply, hooks, result) -> None:
    with CsvSource(path, encoding, delimiter) as source:
        for batch in _valid_batches(source, mapping, tz, result, hooks):
            apply(batch, write=True, result=result)
            _batch_finished(hooks, "writing", source.position)


@contextlib.contextmanager
def _collect_per_batch():
    """Collect garbage once per batch instead of every few hundred allocations.

    An import allocates millions of short-lived, acyclic objects while a batch of
    them stays alive; the automatic collector would walk that batch (and promote it)
    over and over, a third of a 100,000-row import's time. `_batch_finished` runs
    the young generations after each batch, so anything cyclic is still freed.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _batch_finished(hooks: ImportHooks, phase: str, position: int) -> None:
    hooks.progress(phase, position)
    hooks.batch_done(phase)
    gc.collect(1)


def run_import(path: str, *, encoding: str, delimiter: str, mapping: dict[str, int], key: str,
               valid_rows_only: bool = False, source_name: str = "csv", tz: str = "UTC",
               hooks: ImportHooks | None = None) -> ImportResult:
    with _collect_per_batch(), bulk_writes():
        return _run(path, encoding=encoding, delimiter=delimiter, mapping=mapping, key=key,
                    valid_rows_only=valid_rows_only, source_name=source_name, tz=tz,
                    hooks=hooks or ImportHooks())


def _run(path, *, encoding, delimiter, mapping, key, valid_rows_only, source_name, tz,
         hooks: ImportHooks) -> ImportResult:
    apply = functools.partial(_apply, key=key, source_name=source_name, hooks=hooks)
    result = ImportResult()
    if valid_rows_only:
        try:
            _write_from_csv(path, encoding, delimiter, mapping, tz, apply, hooks, result)
        except ImportRefused as exc:
            result.status = "failed"
            result.message = f"{exc} The rows before it were imported."
        return result
    # The check pass keeps the orders it would create or update in an anonymous temporary
    # file (one marshal record per batch), so the write pass does not parse the CSV again.
    with tempfile.TemporaryFile() as spill:
        check = ImportResult()
        try:
            with CsvSource(path, encoding, delimiter) as source:
                for batch in _valid_batches(source, mapping, tz, check, hooks):
                    outcomes = apply(batch, write=False, result=check)
                    # Orders already stored exactly so need no second look.
                    _spill(spill, [_pack(line, record) for (line, _, record), outcome
                                   in zip(batch, outcomes, strict=True)
                                   if outcome.kind != "unchanged"])
                    _batch_finished(hooks, "checking", source.position)
                size = source.position
        except ImportRefused as exc:
            return ImportResult(status="refused", message=f"{exc} Nothing was imported.")
        if check.rejected:
            check.status = "refused"
            check.message = (f"{check.rejected} order(s) cannot be imported, so nothing was "
                             "imported. Fix them, or choose to import only the valid rows.")
            return check
        result.unchanged = check.unchanged
        spilled = spill.tell()
        spill.seek(0)
        while spill.tell() < spilled:
            apply([_unpack(p) for p in _unspill(spill)], write=True, result=result)
            _batch_finished(hooks, "writing", size * spill.tell() // max(spilled, 1))
    return result
