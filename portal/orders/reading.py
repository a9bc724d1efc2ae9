"""Reading and checking an orders CSV: rows grouped into orders, in batches.

Parsing, grouping and checking rows needs no database; the importer matches
each batch against the database afterwards. Consecutive rows with the same
order number are one order (Shopify writes one row per line item, with the
order's fields on the first); their items add up, and values that contradict
each other refuse the order. The same order listed again further down is
refused, in whichever batch it falls (repeats.py).
"""

from __future__ import annotations

import contextlib
import operator
import re
from collections.abc import Iterator
from typing import NamedTuple

from portal.core.errors import ValidationFailed
from portal.core.spreadsheet import restore
from portal.orders.csv_source import FIELDS, CsvSource, ImportRefused, fallback_columns
from portal.orders.records import ITEMS_MAX, TOO_MANY_ITEMS, clean_order, item
from portal.orders.repeats import Repeats

ORDER_FIELDS = ("number", "external_id", "customer_name", "email", "phone", "locale", "country",
                "ordered_at", "items")
_LINE = operator.itemgetter(0)
_DIGITS = re.compile(r"\D")


class Batch(NamedTuple):
    position: int  # bytes of the file read so far
    orders: list  # checked: (line, raw rows, OrderRecord)
    rejected: list  # (line, reason, raw rows)


class _Group:
    """One order's rows. A plain class with slots: an import makes one per order."""

    __slots__ = ("line", "number", "rows", "count", "raw", "items", "error", "item_cells",
                 "cells_differ")

    def __init__(self, line: int, number: str, raw: dict, cells: list):
        self.line, self.number, self.raw = line, number, raw
        self.rows, self.count, self.items, self.error = [cells], 1, [], None
        self.item_cells, self.cells_differ = None, False

    def add_row(self, line: int, values: dict, cells: list) -> None:
        """A further row of this order: it fills the fields left empty, adds its items cell,
        and must not contradict a value already given. The report keeps the first rows."""
        self.count += 1
        if len(self.rows) <= ITEMS_MAX:
            self.rows.append(cells)
        for name, value in values.items():
            value = value.strip()
            if not value:
                continue
            if name == "items":
                self._add_items(line, value)
                continue
            kept = (self.raw.get(name) or "").strip()
            if not kept:
                self.raw[name] = value
            elif _same(name, kept, value) or self.error is not None:
                continue
            else:
                self.error = (f"line {line}: the rows of order {self.number} disagree on "
                              f"{FIELDS[name].lower()} ({kept!r}, then {value!r})")

    def _add_items(self, line: int, cell: str) -> None:
        if self.item_cells is None:
            first = (self.raw.get("items") or "").strip()
            self.item_cells = [first] if first else []
        cells = self.item_cells
        if len(cells) > ITEMS_MAX:  # each cell has an item at least: too many already
            self.error = self.error or f"line {line}: {TOO_MANY_ITEMS}"
            return
        self.cells_differ = self.cells_differ or bool(cells) and cell.casefold() != cells[0].casefold()
        cells.append(cell)

    def add_item(self, line: int, name: str, qty: str, sku: str | None) -> None:
        """A line-item row (Shopify's layout); quantity 0 is a line removed from the order."""
        qty = qty.strip()
        if qty and not qty.strip("0"):
            return
        if len(self.items) >= ITEMS_MAX:
            self.error = f"line {line}: {TOO_MANY_ITEMS}"
            return
        try:
            self.items.append(item(name, qty or 1, sku))
        except ValidationFailed as exc:
            self.error = f"line {line}: {exc}"

    def fields(self) -> dict:
        """The order's raw fields. Each row's items cell adds its items, unless every row
        has the very same cell: that is the order's whole list, repeated on each row."""
        if self.item_cells:
            self.raw["items"] = "\n".join(self.item_cells) if self.cells_differ else self.item_cells[0]
        return self.raw

    def reason(self, reason: str) -> str:
        """A rejection's reason, saying so when the report cannot list all of the rows."""
        if self.count > len(self.rows):
            return f"{reason} (the first {len(self.rows)} of its {self.count} rows are listed)"
        return reason


def _same(name: str, kept: str, value: str) -> bool:
    """Whether two rows give one value: case aside, and for phones the digits alone."""
    if name == "phone":
        return _DIGITS.sub("", kept) == _DIGITS.sub("", value)
    return kept.casefold() == value.casefold()


def _groups(source: CsvSource, mapping: dict[str, int]):
    """Orders from consecutive rows; each group carries its raw rows for the rejection report."""
    order_columns = [(f, i) for f, i in mapping.items() if f in ORDER_FIELDS]
    number_i = mapping["number"]
    names = [f for f, _ in order_columns]
    # itemgetter returns a tuple only for two or more indexes: the number's index pads the
    # list, and zip below stops at the last name.
    values_of = operator.itemgetter(*[i for _, i in order_columns], number_i)
    fallbacks = list(fallback_columns(source.headers, mapping).items())
    name_i, qty_i, sku_i = (mapping.get(f) for f in ("item_name", "item_quantity", "item_sku"))
    current: _Group | None = None
    width = max([*mapping.values(), *(i for _, columns in fallbacks for i in columns)]) + 1
    rows = source.rows()
    try:
        for line, cells in rows:
            if len(cells) < width:  # spreadsheets drop trailing empty cells
                cells = cells + [""] * (width - len(cells))
            values = dict(zip(names, values_of(cells), strict=False))
            for name, columns in fallbacks:
                if not values.get(name, "").strip():
                    values[name] = next((cells[i] for i in columns if cells[i].strip()), "")
            joined = "\0".join(values.values())  # one look at the whole row, most have no '
            if joined[:1] == "'" or "\0'" in joined:
                for name, value in values.items():
                    if value[:1] == "'":  # maybe a cell our own export guarded, read back
                        values[name] = restore(value)
            number = values["number"].strip()
            if current is None or not number or number != current.number:
                if current is not None:
                    yield current
                current = _Group(line, number, values, cells)
            else:
                current.add_row(line, values, cells)
            if name_i is not None and cells[name_i].strip() and current.error is None:
                current.add_item(line, restore(cells[name_i]), qty_i is not None and cells[qty_i] or "",
                                 sku_i is not None and restore(cells[sku_i]) or None)
    except ImportRefused:
        # The order read so far is whole: the line that cannot be read is not part of it.
        if current is not None:
            yield current
        raise
    if current is not None:
        yield current


def read_batches(path: str, encoding: str, delimiter: str, mapping: dict[str, int], tz: str,
                 batch_size: int) -> Iterator[Batch]:
    """The file's orders in batches; raises ImportRefused after the rows before an unreadable line."""
    orders: list = []
    rejected: list = []
    repeats = Repeats()

    def batch() -> Batch:
        checked = repeats.drop_earlier(orders, rejected)
        rejected.sort(key=_LINE)
        return Batch(source.position, checked, rejected)

    with CsvSource(path, encoding, delimiter) as source, contextlib.closing(repeats):
        try:
            for group in _groups(source, mapping):
                try:
                    # Noted even when the order is invalid: a later listing is still a repeat.
                    repeat = repeats.in_batch(group.line, group.number,
                                              (group.raw.get("external_id") or "").strip())
                    if repeat or group.error:
                        raise ValidationFailed(repeat or group.error)
                    orders.append((group.line, group.rows, clean_order(group.fields(), group.items, tz)))
                except ValidationFailed as exc:
                    rejected.append((group.line, group.reason(str(exc)), group.rows))
                # Rejected orders count too: a file of bad rows must not pile up in memory.
                if len(orders) + len(rejected) >= batch_size:
                    yield batch()
                    repeats.end_batch()
                    orders, rejected = [], []
        except ImportRefused:
            yield batch()  # the rows before the line that cannot be read
            raise
        yield batch()
