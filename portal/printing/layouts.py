"""Page layouts a print shop or an office printer accepts.

Single-card layouts put one trimmed card per page with bleed and a slug for
crop marks, and declare TrimBox/BleedBox so a shop's imposition software
finds the card. N-up layouts tile cards on A4 or US Letter with gutters and
cut marks at each card's corners. Sizes are in millimetres; the PDF side
converts to points.
"""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4  # PDF points per millimetre


@dataclass(frozen=True)
class Slot:
    """A rectangle in PDF points, origin at the lower left of the card page."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Layout:
    name: str
    label: str
    page_w: float  # mm; for single cards this is computed from the card
    page_h: float
    card_w: float
    card_h: float
    bleed: float = 0.0
    cols: int = 1
    rows: int = 1
    gutter: float = 0.0
    mark_len: float = 5.0
    mark_offset: float = 2.0  # gap between the trim corner and a mark

    @property
    def per_page(self) -> int:
        return self.cols * self.rows

    @property
    def single(self) -> bool:
        return self.per_page == 1

    @property
    def shape(self) -> str:
        """The card template adapts to the card's proportions."""
        return "wide" if self.card_w > self.card_h else "tall"

    def card_origins(self) -> list[tuple[float, float]]:
        """Lower-left trim corner of each card slot, in mm from the page's lower left.

        Filled row by row from the top, left to right: the order a person cuts
        and stacks them in.
        """
        grid_w = self.cols * self.card_w + (self.cols - 1) * self.gutter
        grid_h = self.rows * self.card_h + (self.rows - 1) * self.gutter
        left = (self.page_w - grid_w) / 2
        top = (self.page_h + grid_h) / 2
        origins = []
        for row in range(self.rows):
            for col in range(self.cols):
                x = left + col * (self.card_w + self.gutter)
                y = top - (row + 1) * self.card_h - row * self.gutter
                origins.append((x, y))
        return origins


def _single(name: str, label: str, w: float, h: float, bleed: float = 3.0) -> Layout:
    slug = bleed + 2.0 + 5.0 + 3.0  # bleed, gap, mark, a little air
    return Layout(name, label, w + 2 * slug, h + 2 * slug, w, h, bleed=bleed)


A4 = (210.0, 297.0)
LETTER = (215.9, 279.4)

LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        _single("a6", "A6 single cards (105 × 148 mm), bleed and crop marks", 105.0, 148.0),
        _single("4x6", "4 × 6 in single cards, bleed and crop marks", 101.6, 152.4),
        _single("card", "Business-card size (85 × 55 mm), bleed and crop marks", 85.0, 55.0),
        Layout("a4-8up", "A4 sheet, 8 business-size cards, cut marks", *A4, 85.0, 55.0,
               cols=2, rows=4, gutter=8.0),
        Layout("letter-8up", "US Letter sheet, 8 business-size cards, cut marks", *LETTER,
               85.0, 55.0, cols=2, rows=4, gutter=8.0),
        Layout("a4-4up", "A4 sheet, 4 tall cards (90 × 128 mm), cut marks", *A4, 90.0, 128.0,
               cols=2, rows=2, gutter=10.0),
        Layout("letter-4up", "US Letter sheet, 4 tall cards (90 × 120 mm), cut marks", *LETTER,
               90.0, 120.0, cols=2, rows=2, gutter=10.0),
    )
}
DEFAULT_LAYOUT = "a4-8up"


def get_layout(name: str) -> Layout:
    try:
        return LAYOUTS[name]
    except KeyError:
        raise ValueError(
            f"unknown layout {name!r}; choose one of: {', '.join(LAYOUTS)}"
        ) from None
