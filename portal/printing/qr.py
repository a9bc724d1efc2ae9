"""QR codes for cards: module matrices, PDF vector paths, and SVG.

Encoding is the slow step of printing (qrcode picks a version by trial and
scores eight masks: ~230 codes/s). Every scan URL of a batch has the same
length, so the version is fitted once and the mask is fixed: a valid code
that every decoder reads, at about ten times the speed.
"""

from __future__ import annotations

import functools

import qrcode
import qrcode.constants
from qrcode.image.svg import SvgPathImage

ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_M
QUIET_ZONE = 4  # modules; the minimum the QR standard asks for
FIXED_MASK = 2
# Each run reaches a little into the row below: anti-aliasing rasterisers (poppler, phone
# previews) otherwise leave faint seams between rows that can stop a decoder. Dark modules
# grow by 4% of a module downwards, far less than ordinary ink spread.
ROW_HEIGHT = 1.04


@functools.lru_cache(maxsize=32)
def version_for_length(length: int) -> int:
    probe = qrcode.QRCode(error_correction=ERROR_CORRECTION)
    probe.add_data("x" * length, optimize=0)
    probe.make(fit=True)
    return probe.version


def matrix(data: str) -> list[list[bool]]:
    """Modules of the code, without the quiet zone."""
    code = qrcode.QRCode(
        version=version_for_length(len(data.encode())),
        error_correction=ERROR_CORRECTION,
        mask_pattern=FIXED_MASK,
        border=0,
    )
    code.add_data(data, optimize=0)
    code.make(fit=False)
    return code.modules


def path_ops(modules: list[list[bool]]) -> str:
    """PDF rectangles for the dark modules, one per horizontal run, in module units.

    The caller sets a transform that maps module (0, 0) to the code's top left
    with y growing downwards.
    """
    ops = []
    append = ops.append
    for y, row in enumerate(modules):
        x, size = 0, len(row)
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                append(f"{start} {y} {x - start} {ROW_HEIGHT} re")
            else:
                x += 1
    append("f")
    return "\n".join(ops)


def svg(data: str) -> str:
    """An inline SVG of the code with its quiet zone, for WeasyPrint-rendered cards."""
    image = qrcode.make(
        data, image_factory=SvgPathImage, border=QUIET_ZONE,
        error_correction=ERROR_CORRECTION,
    )
    markup = image.to_string(encoding="unicode")
    return markup[markup.index("<svg"):]
