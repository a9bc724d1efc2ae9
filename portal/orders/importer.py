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

from collections.abc import Callable
from dataclasses import dataclass, field

from portal.errors import ValidationFailed
from portal.orders.csv_source import CsvSource, ImportRefused
from portal.orders.records import ITEMS_MAX, clean_order, item
from portal.orders.upsert import upsert_orders

BATCH = 1000
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


@dataclass
class _Group:
    line: int
    number: str
    rows: list = field(default_factory=list)
    raw: dict = field(default_factory=dict)
    items: list = field(default_factory=list)
    error: str | None = None


def _groups(source: CsvSource, mapping: dict[str, int]):
    """Orders from consecutive rows; each group carries its raw rows for the rejection report."""
    order_columns = [(f, i) for f, i in mapping.items() if f in ORDER_FIELDS]
    name_i, qty_i, sku_i = (mapping.get(f) for f in ("item_name", "item_quantity", "item_sku"))
    current: _Group | None = None
    for line, cells in source.rows():
        def cell(index):
            return cells[index] if index is not None and index < len(cells) else ""

        number = cell(mapping["number"]).strip()
        if current is None or not number or number != current.number:
            if current is not None:
                yield current
            current = _Group(line=line, number=number)
        if len(current.rows) < ITEMS_MAX + 1:
            current.rows.append(cells)
        for name, index in order_columns:
            if not current.raw.get(name):
                current.raw[name] = cell(index)
        if name_i is not None and cell(name_i).strip() and current.error is None:
            try:
                current.items.append(item(cell(name_i), cell(qty_i) or 1, cell(sku_i)))
            except ValidationFailed as exc:
                current.error = f"line {line}: {exc}"
    if current is not None:
        yield current


def _pass(path, encoding, delimiter, mapping, *, key, source_name, tz, write, hooks, phase,
          result: ImportResult) -> None:
    with CsvSource(path, encoding, delimiter) as source:
        batch: list[tuple[_Group, object]] = []

        def flush():
            outcomes = upsert_orders([r for _, r in batch], source=source_name, key=key, write=write)
            for (group, _), outcome in zip(batch, outcomes, strict=True):
                result.count(outcome.kind)
                if outcome.kind == "rejected":
                    hooks.reject(group.line, outcome.reason, group.rows)
            batch.clear()
            hooks.progress(phase, source.position)
            hooks.batch_done(phase)

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
                batch.append((group, record))
                if len(batch) >= BATCH:
                    flush()
        except ImportRefused:
            flush()  # keep the good rows read before the unreadable line
            raise
        flush()


def run_import(path: str, *, encoding: str, delimiter: str, mapping: dict[str, int], key: str,
               valid_rows_only: bool = False, source_name: str = "csv", tz: str = "UTC",
               hooks: ImportHooks | None = None) -> ImportResult:
    hooks = hooks or ImportHooks()
    common = dict(key=key, source_name=source_name, tz=tz, hooks=hooks)
    if not valid_rows_only:
        check = ImportResult()
        try:
            _pass(path, encoding, delimiter, mapping, write=False, phase="checking",
                  result=check, **common)
        except ImportRefused as exc:
            return ImportResult(status="refused", message=f"{exc} Nothing was imported.")
        if check.rejected:
            check.status = "refused"
            check.message = (f"{check.rejected} order(s) cannot be imported, so nothing was "
                             "imported. Fix them, or choose to import only the valid rows.")
            return check
    result = ImportResult()
    try:
        _pass(path, encoding, delimiter, mapping, write=True, phase="writing", result=result, **common)
    except ImportRefused as exc:
        result.status = "failed"
        result.message = f"{exc} The rows before it were imported."
    return result
