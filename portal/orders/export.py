"""CSV exports of an import's rejected rows that a spreadsheet cannot execute (see
portal.core.spreadsheet: formula-like cells get a leading apostrophe)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from portal.core.spreadsheet import neutralise

REJECT_COLUMNS = ["line", "reason"]


def safe_row(values: Iterable) -> list[str]:
    return [neutralise(v) for v in values]


def rejection_lines(line: int, reason: str, rows: list[list[str]]) -> Iterator[list[str]]:
    """The original rows of one rejected order, each prefixed with its line and the reason."""
    for cells in rows or [[]]:
        yield safe_row([line, reason, *cells])


def csv_text(rows: Iterable[list[str]]) -> Iterator[str]:
    """Stream rows as CSV text, one chunk per row (for a streamed download)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


class RejectsWriter:
    """Writes rejected rows to a file, created only when the first rejection comes."""

    def __init__(self, path: str, headers: list[str]):
        self.path = path
        self._headers = headers
        self._file = None
        self._writer = None

    def write(self, line: int, reason: str, rows: list[list[str]]) -> None:
        if self._writer is None:
            self._file = open(self.path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
            self._writer = csv.writer(self._file)
            self._writer.writerow(safe_row(REJECT_COLUMNS + list(self._headers)))
        self._writer.writerows(rejection_lines(line, reason, rows))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
