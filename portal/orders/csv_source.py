"""Reading an orders CSV as a stream: delimiter, headers and their mapping, rows.

The encoding is encodings.py's business. The delimiter is whichever of `,`
`;` or tab splits the header into the most columns. Quoted newlines are the csv
module's business (the file is opened with newline=""); quotes are read
strictly, so a quote left open is an error with its line, not rows lost.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from portal.core.errors import ValidationFailed

# ImportRefused and detect_encoding are part of this module's interface too.
from portal.orders.encodings import ImportRefused, detect_encoding, head_text, text_lines  # noqa: F401

FIELDS = {
    "number": "Order number",
    "external_id": "External id",
    "customer_name": "Customer name",
    "email": "Email",
    "phone": "Phone",
    "locale": "Language (locale)",
    "country": "Country code",
    "ordered_at": "Order date",
    "items": "Items (one cell)",
    "item_name": "Line item name (one row per item)",
    "item_quantity": "Line item quantity",
    "item_sku": "Line item SKU",
}
_SYNONYMS = {
    "number": ("order number", "order no", "order #", "order nr", "order", "number", "order name",
               "order ref", "order reference"),
    "external_id": ("external id", "id", "order id", "external order id"),
    "customer_name": ("customer name", "customer", "name", "full name", "billing name",
                      "shipping name", "client"),
    "email": ("email", "e mail", "email address", "customer email"),
    "phone": ("phone", "telephone", "phone number", "mobile", "billing phone", "shipping phone"),
    "locale": ("locale", "language", "lang", "customer locale"),
    "country": ("country", "country code", "shipping country", "billing country"),
    "ordered_at": ("order date", "date", "created at", "ordered at", "created", "purchase date"),
    "items": ("items", "products", "line items", "articles"),
    "item_name": ("lineitem name", "item name", "product name"),
    "item_quantity": ("lineitem quantity", "quantity", "qty"),
    "item_sku": ("lineitem sku", "sku"),
}
# Shopify's "Export orders" file: one row per line item, order fields on the first row.
# Where a field has several columns, the first is mapped and the others stand in, row by
# row, where it is empty (an order without a shipping address has only billing columns).
_SHOPIFY = {
    "number": ("name",), "external_id": ("id",),
    # The recipient's name first, as the Shopify webhook has it: they open the package.
    "customer_name": ("shipping name", "billing name"), "email": ("email",),
    "phone": ("phone", "shipping phone", "billing phone"),
    "country": ("shipping country", "billing country"), "ordered_at": ("created at",),
    "item_name": ("lineitem name",), "item_quantity": ("lineitem quantity",),
    "item_sku": ("lineitem sku",),
}
MAX_COLUMNS = 300
PREVIEW_ROWS = 5
NO_ROWS = "The file has no orders below its header line."


def _norm(header: str) -> str:
    return re.sub(r"[\s_\-]+", " ", header.strip().lower())


def sniff_delimiter(path: str, encoding: str) -> str:
    sample = head_text(path, encoding)
    best, width = ",", 0
    for candidate in (",", ";", "\t"):
        try:
            header = next(csv.reader(io.StringIO(sample), delimiter=candidate), [])
        except csv.Error:
            continue
        if len(header) > width:
            best, width = candidate, len(header)
    return best


def auto_mapping(headers: list[str]) -> dict[str, int]:
    """Field -> column index, from the headers alone (Shopify's export is recognised)."""
    normed = [_norm(h) for h in headers]
    table = _SHOPIFY if _is_shopify(normed) else _SYNONYMS
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for field, names in table.items():
        for name in names:
            if name in normed and normed.index(name) not in used:
                mapping[field] = normed.index(name)
                used.add(mapping[field])
                break
    # A file whose only key is "Order ID" uses it as the order number too.
    if "number" not in mapping and "external_id" in mapping:
        mapping["number"] = mapping["external_id"]
    return mapping


def _is_shopify(normed: list[str]) -> bool:
    return {"name", "lineitem name"} <= set(normed)


def fallback_columns(headers: list[str], mapping: dict[str, int]) -> dict[str, list[int]]:
    """Field -> the columns that stand in, in order, where a row leaves the mapped one empty
    (Shopify's export only, and only for fields mapped to one of its columns)."""
    normed = [_norm(h) for h in headers]
    if not _is_shopify(normed):
        return {}
    fallbacks = {}
    for field, names in _SHOPIFY.items():
        index = mapping.get(field)
        if index is None or normed[index] not in names:
            continue
        later = names[names.index(normed[index]) + 1:]
        columns = [normed.index(name) for name in later if name in normed]
        if columns:
            fallbacks[field] = columns
    return fallbacks


def check_mapping(mapping: dict, headers: list[str]) -> dict[str, int]:
    clean = {}
    for field, index in mapping.items():
        if field not in FIELDS:
            raise ValidationFailed(f"unknown field {field!r}")
        if index is None or int(index) < 0:
            continue
        if int(index) >= len(headers):
            raise ValidationFailed(f"column {index} does not exist in this file")
        clean[field] = int(index)
    if "number" not in clean:
        raise ValidationFailed("Choose the column that holds the order number.")
    return clean


def _unreadable(line: int, error: str) -> str:
    """What the csv module's error means for the person who made the file."""
    if error == "unexpected end of data":
        what = "opens a quote that is never closed, so the file cannot be read to its end"
    elif error.startswith("field larger than field limit"):
        what = (f"has a cell larger than {csv.field_size_limit() // 1024} KB: usually a quote "
                "opened there is never closed")
    elif "expected after" in error:
        what = ("has text after the closing quote of a cell (a cell is either all inside "
                "quotes or not quoted at all)")
    else:
        what = f"cannot be read: {error}"
    return f"Line {line} {what}. Check the quotes around that line."


class CsvSource:
    """The rows of one file, each with the line it starts on; `position` is bytes read so far."""

    def __init__(self, path: str, encoding: str, delimiter: str):
        self._raw = open(path, "rb")  # noqa: SIM115 - closed by close()
        self._text = text_lines(self._raw, encoding)
        # Strict: a quote left open is reported with its line instead of swallowing the rows
        # after it into one cell, and so is text after a closing quote.
        self._reader = csv.reader(self._text, delimiter=delimiter, strict=True)
        try:
            self.headers = next(self._reader)
        except StopIteration:
            self.close()
            raise ImportRefused("The file is empty.") from None
        except csv.Error as exc:
            self.close()
            raise ImportRefused(f"The header line cannot be read: {exc}.") from None
        if len(self.headers) > MAX_COLUMNS:
            self.close()
            raise ImportRefused(f"The file has more than {MAX_COLUMNS} columns.")

    @property
    def position(self) -> int:
        return self._raw.tell()

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        previous = self._reader.line_num
        while True:
            try:
                cells = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise ImportRefused(_unreadable(previous + 1, str(exc))) from None
            line, previous = previous + 1, self._reader.line_num
            if "".join(cells).strip():  # skip blank lines, including ",,,"
                yield line, cells

    def close(self) -> None:
        self._text.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def preview(path: str, encoding: str, delimiter: str, rows: int = PREVIEW_ROWS) -> tuple[list[str], list[list[str]]]:
    with CsvSource(path, encoding, delimiter) as source:
        sample = []
        for _, cells in source.rows():
            sample.append(cells)
            if len(sample) >= rows:
                break
        return source.headers, sample
