"""Reading generated PDFs the way a person and a phone would: pixels and a real QR decoder.

On N-up sheets each card is cropped out before decoding, as a phone sees one
cut card: zbar, given a whole sheet, sometimes pairs finder patterns of
neighbouring codes (same size, same rows) and then misses one of them.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image

from portal.printing.layouts import get_layout


def _zbar(image: Path) -> list[str]:
    run = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],
                         capture_output=True, text=True)
    return [line for line in run.stdout.splitlines() if line]


def decode_qr(pdf: Path, out_dir: Path, layout: str | None = None, dpi: int = 150) -> list[str]:
    """Rasterise every page with poppler and decode every QR code on it with zbar."""
    prefix = out_dir / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)],
                   check=True)
    sheet = get_layout(layout) if layout else None
    found = []
    for image in sorted(out_dir.glob(pdf.stem + "-*.png")):
        if sheet is None or sheet.single:
            found += _zbar(image)
            continue
        px = dpi / 25.4
        with Image.open(image) as page:
            for index, (x, y) in enumerate(sheet.card_origins()):
                top = sheet.page_h - y - sheet.card_h
                cell = page.crop((int(x * px), int(top * px), int((x + sheet.card_w) * px),
                                  int((top + sheet.card_h) * px)))
                cell_file = out_dir / f"{image.stem}-card{index}.png"
                cell.save(cell_file)
                found += _zbar(cell_file)
    return found


def text_of(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def fonts_of(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
