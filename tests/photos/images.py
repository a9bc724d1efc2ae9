"""Images made on the spot for the photo tests (nothing downloaded)."""

from __future__ import annotations

import io

from PIL import Image

GPS_IFD = 0x8825


def jpeg_with_gps(size=(3000, 2000)) -> bytes:
    image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 1  # Orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (52.0, 22.0, 0.0)
    gps[3] = "E"
    gps[4] = (4.0, 53.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=70)
    return out.getvalue()


def png(size=(64, 48), mode="RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (10, 120, 200, 128) if mode == "RGBA" else 0).save(out, "PNG")
    return out.getvalue()


def noisy_png(side: int) -> bytes:
    """Incompressible pixels, so the file is large."""
    import os

    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, "PNG")
    return out.getvalue()


def bomb_png(side: int) -> bytes:
    """A tiny file that decodes to side x side pixels (mode 1 compresses to almost nothing)."""
    out = io.BytesIO()
    Image.new("1", (side, side), 0).save(out, "PNG", optimize=True)
    return out.getvalue()


SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
       b'<script>alert(1)</script></svg>')
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
