"""Reading an orders CSV as a stream: encoding, delimiter, headers and their mapping.

Spreadsheets save CSV in many ways. UTF-8 (with or without the BOM Excel
adds) is tried first over the whole file, in chunks, so memory stays flat;
Windows-1252 is the fallback. The delimiter is whichever of `,` `;` or tab
splits the header into the most columns. Quoted newlines are the csv
module's business (the file is opened with newline="").
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator

from portal.errors import ValidationFailed

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
_SHOPIFY = {
    "number": ("name",), "external_id": ("id",),
    "customer_name": ("billing name", "shipping name"), "email": ("email",),
    "phone": ("phone", "billing phone", "shipping phone"),
    "country": ("shipping country", "billing country"), "ordered_at": ("created at",),
    "item_name": ("lineitem name",), "item_quantity": ("lineitem quantity",),
    "item_sku": ("lineitem sku",),
}
MAX_COLUMNS = 300
_CHUNK = 1 << 20


class ImportRefused(ValidationFailed):
    """The file as a whole cannot be imported (nothing was written because of it)."""


def _norm(header: str) -> str:
    return re.sub(r"[\s_\-]+", " ", header.strip().lower())


def detect_encoding(path: str) -> str:
    with open(path, "rb") as raw:
        head = raw.read(4096)
        if not head.strip(codecs.BOM_UTF8 + b" \r\n\t"):
            raise ImportRefused("The file is empty.")
        if b"\x00" in head:
            raise ImportRefused("This is not a CSV text file (an Excel workbook?). "
                                "Save it as CSV and upload that.")
        for encoding in ("utf-8", "cp1252"):
            raw.seek(0)
            decoder = codecs.getincrementaldecoder(encoding)()
            try:
                for chunk in iter(lambda: raw.read(_CHUNK), b""):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                continue
            if encoding == "utf-8" and head.startswith(codecs.BOM_UTF8):
                return "utf-8-sig"
            return encoding
    raise ImportRefused("The file is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8.")


def sniff_delimiter(path: str, encoding: str) -> str:
    with open(path, encoding=encoding, newline="") as text:
        sample = text.read(65536)
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
    table = _SHOPIFY if {"name", "lineitem name"} <= set(normed) else _SYNONYMS
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


class CsvSource:
    """The rows of one file, each with the line it starts on; `position` is bytes read so far."""

    def __init__(self, path: str, encoding: str, delimiter: str):
        self._raw = open(path, "rb")  # noqa: SIM115 - closed by close()
        self._text = io.TextIOWrapper(self._raw, encoding=encoding, newline="")
        self._reader = csv.reader(self._text, delimiter=delimiter)
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
                # Usually an unclosed quote that swallowed the rest of the file.
                raise ImportRefused(f"Line {previous + 1} cannot be read: {exc}. Check the quotes "
                                    "around that line.") from None
            line, previous = previous + 1, self._reader.line_num
            if "".join(cells).strip():  # skip blank lines, including ",,,"
                yield line, cells

    def close(self) -> None:
        self._text.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def preview(path: str, encoding: str, delimiter: str, rows: int = 5) -> tuple[list[str], list[list[str]]]:
    with CsvSource(path, encoding, delimiter) as source:
        sample = []
        for _, cells in source.rows():
            sample.append(cells)
            if len(sample) >= rows:
                break
        return source.headers, sample
