"""Assembling the print-ready PDF with pikepdf (qpdf).

The card artwork of each locale is one form XObject, stored once and drawn
on every page by name; crop or cut marks are one shared content stream; each
page adds only its own small stamp stream. So the file grows by a couple of
kilobytes per card, and writing it is qpdf's work, not Python's.
"""

from __future__ import annotations

import io

import pikepdf
from fontTools import subset
from fontTools.ttLib import TTFont
from pikepdf import Array, Dictionary, Name

from portal.printing.fetcher import PRINT_ROOT
from portal.printing.layouts import MM, Layout

STAMP_FONT = PRINT_ROOT / "fonts" / "NotoSansMono-Regular.ttf"
FONT_NAME = "PRTSTP+NotoSansMono-Regular"


def _subset_font() -> bytes:
    font = TTFont(str(STAMP_FONT))
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]  # keep the copyright and licence records in the subset
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=range(32, 127))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    data = _subset_font()
    file = pikepdf.Stream(pdf, data)
    file.Length1 = len(data)
    descriptor = Dictionary(
        Type=Name.FontDescriptor, FontName=Name("/" + FONT_NAME), Flags=33,
        FontBBox=Array([-616, -389, 1800, 1229]), ItalicAngle=0, Ascent=1069, Descent=-293,
        CapHeight=714, StemV=80, FontFile2=pdf.make_indirect(file),
    )
    return pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/" + FONT_NAME),
        FirstChar=32, LastChar=126, Widths=Array([600] * 95), Encoding=Name.WinAnsiEncoding,
        FontDescriptor=pdf.make_indirect(descriptor),
    ))


def marks_ops(layout: Layout) -> bytes:
    """Crop marks outside the bleed (single cards) or cut marks in the gutters (sheets)."""
    if layout.single:
        offset, length = layout.bleed + layout.mark_offset, layout.mark_len
    else:
        offset, length = 1.0, max(1.0, min(3.0, layout.gutter / 2 - 1.5))
    lines = []
    for x, y in layout.card_origins():
        for cx, dx in ((x, -1), (x + layout.card_w, 1)):
            for cy, dy in ((y, -1), (y + layout.card_h, 1)):
                # One horizontal and one vertical stroke per corner, pointing away from the card.
                lines.append((cx + dx * offset, cy, cx + dx * (offset + length), cy))
                lines.append((cx, cy + dy * offset, cx, cy + dy * (offset + length)))
    ops = ["q 0.25 w 0 0 0 1 K"]
    ops += [f"{a * MM:.2f} {b * MM:.2f} m {c * MM:.2f} {d * MM:.2f} l S" for a, b, c, d in lines]
    ops.append("Q")
    return "\n".join(ops).encode()


class CardPdfWriter:
    """Collects pages for one layout; frames are WeasyPrint PDFs keyed by XObject name."""

    def __init__(self, layout: Layout, frames: dict[str, bytes], extra: dict[str, bytes] = None):
        self.layout = layout
        self.pdf = pikepdf.Pdf.new()
        self._sources = []  # kept open: qpdf copies stream data lazily at save time
        xobjects = Dictionary()
        for name, data in {**frames, **(extra or {})}.items():
            source = pikepdf.Pdf.open(io.BytesIO(data))
            self._sources.append(source)
            for index, page in enumerate(source.pages):
                key = name if len(source.pages) == 1 else f"{name}_{index}"
                xobjects[Name("/" + key)] = self.pdf.copy_foreign(page.as_form_xobject())
        self.resources = self.pdf.make_indirect(
            Dictionary(XObject=xobjects, Font=Dictionary(F1=_font(self.pdf)))
        )
        self.marks = self.pdf.make_indirect(pikepdf.Stream(self.pdf, marks_ops(layout)))
        w, h = layout.page_w * MM, layout.page_h * MM
        self.media_box = Array([0, 0, w, h])
        self.boxes = {}
        if layout.single:
            (x, y), = layout.card_origins()
            b = layout.bleed
            self.boxes["/TrimBox"] = Array(
                [x * MM, y * MM, (x + layout.card_w) * MM, (y + layout.card_h) * MM])
            self.boxes["/BleedBox"] = Array(
                [(x - b) * MM, (y - b) * MM, (x + layout.card_w + b) * MM,
                 (y + layout.card_h + b) * MM])

    def add_page(self, compressed_content: bytes) -> None:
        stream = pikepdf.Stream(self.pdf, b"")
        stream.write(compressed_content, filter=Name.FlateDecode)
        page = Dictionary(
            Type=Name.Page, MediaBox=self.media_box, Resources=self.resources,
            Contents=Array([self.marks, self.pdf.make_indirect(stream)]), **self.boxes,
        )
        self.pdf.pages.append(pikepdf.Page(page))

    def save(self, path) -> None:
        self.pdf.docinfo[Name.Producer] = "feedback portal (WeasyPrint, pikepdf)"
        self.pdf.save(
            path, compress_streams=True, recompress_flate=False,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
        for source in self._sources:
            source.close()
