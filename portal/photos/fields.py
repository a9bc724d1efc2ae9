"""The photo picker used by the report form and the customer's reply form."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms.validators import ValidationError

from portal.photos.validation import PhotoRefused, check_name, prepare_photo
from portal.web.formats import num


def _chosen(field) -> list:
    # Browsers send one empty part when no file was picked.
    return [f for f in (field.data or []) if f and getattr(f, "filename", None)]


def validate_photos(form, field) -> None:
    """Check every chosen file by its content; keep the cleaned photos on the field."""
    cfg = current_app.config
    files = _chosen(field)
    field.prepared = []
    if len(files) > cfg["PHOTOS_PER_MESSAGE"]:
        limit = num(cfg["PHOTOS_PER_MESSAGE"])
        raise ValidationError(_l("You can add up to %(n)s photos.", n=limit))
    for upload in files:
        try:
            check_name(upload.filename)
            field.prepared.append(prepare_photo(
                upload.stream, max_bytes=cfg["PHOTO_MAX_BYTES"],
                max_pixels=cfg["PHOTO_MAX_PIXELS"], max_side=cfg["PHOTO_MAX_SIDE"],
            ))
        except PhotoRefused as exc:
            raise ValidationError(str(exc)) from exc


def photo_field() -> MultipleFileField:
    return MultipleFileField(_l("Photos (optional)"), validators=[validate_photos])
