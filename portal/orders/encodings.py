"""Which text encoding an orders CSV is in, and its lines as text.

Spreadsheets save CSV in many ways. UTF-8 (with or without the BOM Excel
adds) is tried first over the whole file, in chunks, so memory stays flat;
UTF-16 with a BOM (Excel's "Unicode text") is read too. A file that is not
all UTF-8 is Windows-1252, or a mix of both (rows pasted from elsewhere):
such a file is read line by line, each line as UTF-8 where it is valid UTF-8
and plausible, else as Windows-1252, so neither half garbles the other.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator

from portal.core.errors import ValidationFailed

_CHUNK = 1 << 20
# An encoding name with this suffix: lines of UTF-8 and lines of Windows-1252 (see above).
MIXED = "+cp1252"
# What a capital É Ê or Ë followed by a symbol (NESCAFÉ®, ROSÉ») in Windows-1252 reads as
# in UTF-8: IPA letters and modifiers, which no shop's order has. Such a line is not UTF-8.
_ACCIDENTAL = re.compile("[\u0240-\u02ff]")
_ACCIDENTAL_LEAD = re.compile(rb"[\xc9-\xcb]")


# Files people upload by mistake, by their first bytes (their "magic numbers").
_NOT_CSV = ((b"PK\x03\x04", "a spreadsheet workbook (or another zip file)"),
            (b"\xd0\xcf\x11\xe0", "a spreadsheet workbook"), (b"%PDF-", "a PDF document"),
            (b"\x89PNG", "an image"), (b"\xff\xd8\xff", "an image"), (b"GIF8", "an image"))


class ImportRefused(ValidationFailed):
    """The file as a whole cannot be imported (nothing was written because of it)."""


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


def _utf8_line(line: bytes) -> str | None:
    """The line as text if it is UTF-8 (and not Windows-1252 that looks like it), else None."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if _ACCIDENTAL.search(text) else text


def _mixed_line(line: bytes) -> str:
    """A line of a mixed file: UTF-8 where it is, else Windows-1252."""
    if line.isascii():
        return line.decode("ascii")
    text = _utf8_line(line)
    return text if text is not None else line.decode("cp1252", errors="replace")


def _has_accidental(raw) -> bool:
    """In a valid UTF-8 file: whether any character is one of _ACCIDENTAL (their first byte,
    C9 to CB, starts nothing else in UTF-8)."""
    raw.seek(0)
    return any(_ACCIDENTAL_LEAD.search(chunk) for chunk in iter(lambda: raw.read(_CHUNK), b""))


def _has_utf8_lines(raw) -> bool:
    raw.seek(0)
    return any(not line.isascii() and _utf8_line(line) is not None for line in raw)


def detect_encoding(path: str) -> str:
    with open(path, "rb") as raw:
        head = raw.read(4096)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            if _decodes(raw, "utf-16"):
                return "utf-16"
            raise ImportRefused("The file starts as UTF-16 text but is not; save it as CSV UTF-8.")
        if not head.strip(codecs.BOM_UTF8 + b" \r\n\t"):
            raise ImportRefused("The file is empty.")
        kind = next((kind for magic, kind in _NOT_CSV if head.startswith(magic)), None)
        if kind:
            raise ImportRefused(f"This is not a CSV text file but {kind}. "
                                "Save the orders as CSV UTF-8 and upload that.")
        if b"\x00" in head:
            raise ImportRefused("This is not a CSV text file (it holds binary data, or UTF-16 "
                                "text without a byte order mark). Save it as CSV UTF-8 and "
                                "upload that.")
        bom = head.startswith(codecs.BOM_UTF8)
        if _decodes(raw, "utf-8"):
            # Valid UTF-8 throughout, unless some line is Windows-1252 that happens to be.
            return ("utf-8-sig" if bom else "utf-8") + (MIXED if _has_accidental(raw) else "")
        if bom or _has_utf8_lines(raw):
            return ("utf-8-sig" if bom else "utf-8") + MIXED
        if _decodes(raw, "cp1252"):
            return "cp1252"
    raise ImportRefused("The file is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8.")


class _MixedLines:
    """Text lines of a mixed file, decoded one by one (lines end at LF, CRLF included)."""

    def __init__(self, raw, bom: bool):
        self._raw, self._bom = raw, bom

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._raw)
        if self._bom:
            line, self._bom = line.removeprefix(codecs.BOM_UTF8), False
        return _mixed_line(line)

    def close(self) -> None:
        self._raw.close()


def text_lines(raw, encoding: str):
    """An open binary file as text lines for the csv module, line ends kept; closing the
    result closes the file."""
    if encoding.endswith(MIXED):
        return _MixedLines(raw, bom=encoding.startswith("utf-8-sig"))
    return io.TextIOWrapper(raw, encoding=encoding, newline="")


def head_text(path: str, encoding: str, size: int = 65536) -> str:
    """The file's first `size` bytes as text: enough to see its header, however long its lines."""
    with open(path, "rb") as raw:
        head = raw.read(size)
    if encoding.endswith(MIXED):
        return "".join(map(_mixed_line, head.removeprefix(codecs.BOM_UTF8).splitlines(keepends=True)))
    return head.decode(encoding, errors="ignore")  # the last character may be cut in two
