"""Cells that spreadsheets open safely: what every CSV export writes, and what an import reads back.

A cell that begins with = + - @ (or a tab or carriage return) would be run as
a formula by spreadsheet programs. Every export prefixes such a cell with an
apostrophe, which spreadsheets show as text; data is stored verbatim and only
the export changes it. The CSV import drops that one apostrophe again, so a
file the portal exported (rejected rows, corrected by hand) imports as the
rows were first written.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def restore(text: str) -> str:
    """The cell as it was before `neutralise` (other text unchanged)."""
    return text[1:] if text[:1] == "'" and text[1:].startswith(FORMULA_START) else text
