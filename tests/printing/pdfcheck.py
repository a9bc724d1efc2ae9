"""Reading generated PDFs the way a person and a phone would: pixels and a real QR decoder."""

from __future__ import annotations

import subprocess
from pathlib import Path


def decode_qr(pdf: Path, out_dir: Path, dpi: int = 150) -> list[str]:
    """Rasterise every page with poppler and decode every QR code on it with zbar."""
    prefix = out_dir / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)],
                   check=True)
    found = []
    for image in sorted(out_dir.glob(pdf.stem + "-*.png")):
        run = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable",
                              str(image)], capture_output=True, text=True)
        found += [line for line in run.stdout.splitlines() if line]
    return found


def text_of(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def fonts_of(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
