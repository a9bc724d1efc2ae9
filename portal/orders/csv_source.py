"""Reading an orders CSV as a stream: encoding, delimiter, headers and their mapping.

Spreadsheets save CSV in many ways. UTF-8 (with or without the BOM Excel
adds) is tried first over the whole file, in chunks, so memory stays flat;
Windows-1252 is the fallback. A UTF-8 file with a few stray Windows-1252
bytes (a row pasted from elsewhere) is read as UTF-8, each stray byte as
Windows-1252, rather than garbling every other accent. UTF-16 with a BOM
(Excel's "Unicode text") is read too. The delimiter is whichever of `,` `;`
or tab splits the header into the most columns. Quoted newlines are the csv
module's business (the file is opened with newline=""); quotes are read
strictly, so a quote left open is an error with its line, not rows lost.
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
_CHUNK = 1 << 20
# An encoding name with this suffix: UTF-8 whose invalid bytes are each read as Windows-1252.
MIXED = "+cp1252"
_STRAY = "portal-cp1252"
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _stray_as_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    return error.object[error.start:error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error(_STRAY, _stray_as_cp1252)


def text_options(encoding: str) -> dict:
    """open()/TextIOWrapper arguments for an encoding name detect_encoding returned."""
    if encoding.endswith(MIXED):
        return {"encoding": encoding.removesuffix(MIXED), "errors": _STRAY}
    return {"encoding": encoding}


class ImportRefused(ValidationFailed):
    """The file as a whole cannot be imported (nothing was written because of it)."""


def _norm(header: str) -> str:
    return re.sub(r"[\s_\-]+", " ", header.strip().lower())


def _decodes(raw, encoding: str) -> bool:
    raw.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for chunk in iter(lambda: raw.read(_CHUNK), b""):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _has_utf8_characters(raw) -> bool:
    """Whether any valid multi-byte UTF-8 sequence occurs. Windows-1252 text forms one only
    by accident (a capital accented letter right before a curly quote, say), so a file that
    is not all UTF-8 but has them is UTF-8 with stray bytes. Reading such a file that way
    costs little even when the guess is wrong: every stray byte is still read as
    Windows-1252; only an accidental pair would be misread."""
    raw.seek(0)
    carry = b""
    for chunk in iter(lambda: raw.read(_CHUNK), b""):
        chunk = carry + chunk
        if _UTF8_SEQUENCE.search(chunk):
            return True
        # Keep the non-ASCII bytes at the end: a sequence may go on in the next chunk.
        carry = chunk[len(chunk.rstrip(_HIGH_BYTES)):][-3:]
    return False


def detect_encoding(path: str) -> str:
    with open(path, "rb") as raw:
        head = raw.read(4096)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            if _decodes(raw, "utf-16"):
                return "utf-16"
            raise ImportRefused("The file starts as UTF-16 text but is not; save it as CSV UTF-8.")
        if not head.strip(codecs.BOM_UTF8 + b" \r\n\t"):
            raise ImportRefused("The file is empty.")
        if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
            raise ImportRefused("This is not a CSV text file but a spreadsheet workbook. "
                                "Save it as CSV UTF-8 and upload that.")
        if b"\x00" in head:
            raise ImportRefused("This is not a CSV text file (it holds binary data, or UTF-16 "
                                "text without a byte order mark). Save it as CSV UTF-8 and "
                                "upload that.")
        bom = head.startswith(codecs.BOM_UTF8)
        if _decodes(raw, "utf-8"):
            return "utf-8-sig" if bom else "utf-8"
        if bom or _has_utf8_characters(raw):
            return ("utf-8-sig" if bom else "utf-8") + MIXED
        if _decodes(raw, "cp1252"):
            return "cp1252"
    raise ImportRefused("The file is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8.")


def sniff_delimiter(path: str, encoding: str) -> str:
    with open(path, newline="", **text_options(encoding)) as text:
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
        self._text = io.TextIOWrapper(self._raw, newline="", **text_options(encoding))
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
