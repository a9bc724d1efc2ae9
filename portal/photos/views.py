"""Serving photos: only to a session bound to the ticket, or to logged-in staff."""

from __future__ import annotations

from flask import Blueprint, Response, abort
from flask_login import current_user

from portal.core.extensions import db
from portal.photos.models import Photo
from portal.photos.storage import current_store, thumb_key
from portal.tickets import customer

bp = Blueprint("photos", __name__)


@bp.get("/photos/<int:photo_id>")
@bp.get("/photos/<int:photo_id>/small", defaults={"small": True}, endpoint="thumbnail")
def photo(photo_id: int, small: bool = False):
    row = db.session.get(Photo, photo_id)
    if row is None:
        abort(404)
    if not current_user.is_authenticated:
        # Same rule as the ticket page: 404, so ids reveal nothing.
        customer.require_ticket(row.ticket_id)
    data = _load(row.storage_key, small)
    response = Response(data, mimetype=row.content_type)
    response.headers["Content-Disposition"] = f'inline; filename="photo-{row.id}.jpg"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    # A stray HTML payload could never run: nothing may load or execute from here.
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _load(key: str, small: bool) -> bytes:
    store = current_store()
    # A photo without a small copy falls back to the full one.
    for candidate in ([thumb_key(key)] if small else []) + [key]:
        try:
            return store.load(candidate)
        except FileNotFoundError:
            continue
    abort(404)
