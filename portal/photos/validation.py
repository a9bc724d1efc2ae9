"""Turn an uploaded file into safe image bytes, or refuse it with a clear reason.

The content decides, never the name or the browser's content type: Pillow must
recognise one of a few raster formats, the pixel count must stay under the
bomb limit before anything is decoded, and the result is re-encoded as a fresh
JPEG, which drops EXIF (GPS!), ICC tricks and anything appended to the file.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from portal.web.formats import num

# Formats phones produce (HEIC arrives as JPEG from browsers' file pickers).
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
OUTPUT_TYPE = "image/jpeg"


class PhotoRefused(ValueError):
    """The upload is not a photo we can take; str() is the customer-facing reason."""


# Conversation pages show small copies; the full photo opens on a tap.
THUMB_SIDE = 480


@dataclass(frozen=True)
class PreparedPhoto:
    data: bytes
    width: int
    height: int
    thumb: bytes = b""
    content_type: str = OUTPUT_TYPE


def check_name(filename: str | None) -> None:
    """Names are never used for storage, but a traversal attempt is refused outright."""
    name = filename or ""
    if "/" in name or "\\" in name or ".." in name or "\x00" in name:
        raise PhotoRefused(
            _l("This file name is not allowed. Please rename the photo and try again.")
        )


def prepare_photo(stream, *, max_bytes: int, max_pixels: int, max_side: int) -> PreparedPhoto:
    """Read at most max_bytes + 1 from stream and return a cleaned, resized JPEG."""
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise PhotoRefused(_l("This photo is too large. Please send one under %(mb)s MB.",
                              mb=num(max_bytes // (1024 * 1024))))
    if not raw:
        raise PhotoRefused(_l("This file is empty."))
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 1x and 2x its limit: make that a refusal too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(raw), formats=ACCEPTED_FORMATS)
            if image.width * image.height > max_pixels:
                raise PhotoRefused(_l("This image is too big to process."))
            image.load()
    except PhotoRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoRefused(_l("This image is too big to process.")) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise PhotoRefused(
            _l("This file is not a photo we can read. Please send a JPEG, PNG or WebP image.")
        ) from exc
    return _reencode(image, max_side)


def _reencode(image: Image.Image, max_side: int) -> PreparedPhoto:
    # Phones store rotation in EXIF; apply it before EXIF is dropped.
    image = ImageOps.exif_transpose(image)
    if getattr(image, "is_animated", False):
        image.seek(0)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    elif image.mode != "RGB":
        image = image.convert("RGB")
    image.thumbnail((max_side, max_side))
    small = image.copy()
    small.thumbnail((THUMB_SIDE, THUMB_SIDE))
    return PreparedPhoto(data=_jpeg(image), width=image.width, height=image.height,
                         thumb=_jpeg(small))


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # No exif=, no icc_profile=: the new file carries pixels only.
    image.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()
