"""What differs per card, written as PDF content: the QR code, the code, the order number.

Runs in worker processes, so it touches neither the database nor secrets: it
gets finished URLs and codes and returns compressed content streams, one per
page. The identical card artwork is a form XObject drawn by name (``/C<n>``).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from portal.printing import qr
from portal.printing.layouts import Slot

FONT = "/F1"
ADVANCE = 0.6  # em: the stamp font is monospaced (Noto Sans Mono: 600/1000)
CAP_HEIGHT = 0.714
TEXT_RATIO = 0.7  # font size / slot height, as in print/card.css
PRINTABLE = frozenset(chr(c) for c in range(32, 127))


@dataclass(frozen=True)
class Geometry:
    """Where things go on every page of a batch: shared by all workers."""

    origins: tuple[tuple[float, float], ...]  # card XObject lower-left per position, pt
    slots: dict[str, dict[str, Slot]]  # per frame name (C0, C1, …): qr/code/number


# (position on the page, frame name, url, code, number, number XObject name or None)
Card = tuple[int, str, str, str, str, "str | None"]

_geometry: Geometry | None = None


def init_worker(geometry: Geometry) -> None:
    global _geometry
    _geometry = geometry


def stampable(text: str) -> bool:
    """Whether the stamp font can write it as it is (else WeasyPrint renders it)."""
    return bool(text) and set(text) <= PRINTABLE


def _literal(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _text(text: str, slot: Slot, ox: float, oy: float) -> str:
    size = slot.h * TEXT_RATIO
    width = len(text) * ADVANCE * size
    if width > slot.w - 2:
        size = (slot.w - 2) / (len(text) * ADVANCE)
        width = slot.w - 2
    x = ox + slot.x + (slot.w - width) / 2
    y = oy + slot.y + slot.h / 2 - CAP_HEIGHT * size / 2
    return f"BT {FONT} {size:.2f} Tf 0.1 g {x:.2f} {y:.2f} Td {_literal(text)} Tj ET"


def card_ops(card: Card, geometry: Geometry) -> str:
    position, frame, url, code, number, number_xobject = card
    ox, oy = geometry.origins[position]
    slots = geometry.slots[frame]
    box = slots["qr"]
    modules = qr.matrix(url)
    module = box.w / (len(modules) + 2 * qr.QUIET_ZONE)
    x0 = ox + box.x + qr.QUIET_ZONE * module
    top = oy + box.y + box.h - qr.QUIET_ZONE * module
    parts = [
        f"q 1 0 0 1 {ox:.3f} {oy:.3f} cm /{frame} Do Q",
        f"q 0 g {module:.4f} 0 0 {-module:.4f} {x0:.3f} {top:.3f} cm",
        qr.path_ops(modules),
        "Q",
        _text(code, slots["code"], ox, oy),
    ]
    if number_xobject:
        slot = slots["number"]
        parts.append(f"q 1 0 0 1 {ox + slot.x:.3f} {oy + slot.y:.3f} cm /{number_xobject} Do Q")
    else:
        parts.append(_text(number, slots["number"], ox, oy))
    return "\n".join(parts)


def page_content(cards: list[Card], geometry: Geometry | None = None) -> bytes:
    geometry = geometry or _geometry
    raw = "\n".join(card_ops(card, geometry) for card in cards).encode("latin-1")
    return zlib.compress(raw, 6)


def pages_content(pages: list[list[Card]]) -> list[bytes]:
    """A worker's unit of work: several pages, to keep inter-process traffic coarse."""
    return [page_content(cards) for cards in pages]
