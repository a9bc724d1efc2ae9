"""Recording photos: bytes to the store, a row per photo. Flushes, never commits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from sqlalchemy import select

from portal.core.extensions import db
from portal.photos.models import Photo
from portal.photos.storage import PhotoStore, new_key, thumb_key
from portal.photos.validation import OUTPUT_TYPE, PreparedPhoto
from portal.tickets.models import Message


@dataclass(frozen=True)
class StoredPhoto:
    """Bytes already in the store, not yet linked to a message."""

    key: str
    width: int
    height: int
    size_bytes: int
    content_type: str = OUTPUT_TYPE

    def as_dict(self) -> dict:
        return asdict(self)


def store_photos(photos: Iterable[PreparedPhoto], store: PhotoStore) -> list[StoredPhoto]:
    """Write cleaned photos (and their small copies) under new random names."""
    stored = []
    for prepared in photos:
        key = new_key()
        store.save(key, prepared.data)
        if prepared.thumb:
            store.save(thumb_key(key), prepared.thumb)
        stored.append(StoredPhoto(key, prepared.width, prepared.height, len(prepared.data),
                                  prepared.content_type))
    return stored


def record_photos(message: Message, photos: Iterable[StoredPhoto]) -> list[Photo]:
    """Link stored photos to the customer's message.

    The bytes are written before this: if the transaction then fails, an
    unreferenced file is left behind, never a row pointing at nothing.
    """
    db.session.flush()  # the message needs its id
    rows = [
        Photo(
            ticket_id=message.ticket_id, message_id=message.id, storage_key=p.key,
            content_type=p.content_type, width=p.width, height=p.height, size_bytes=p.size_bytes,
        )
        for p in photos
    ]
    db.session.add_all(rows)
    db.session.flush()
    return rows


def for_messages(message_ids: Iterable[int]) -> dict[int, list[Photo]]:
    """The photos of each message, in upload order (one query for a whole conversation)."""
    ids = list(message_ids)
    out: dict[int, list[Photo]] = {}
    if not ids:
        return out
    for photo in db.session.scalars(select(Photo).where(Photo.message_id.in_(ids)).order_by(Photo.id)):
        out.setdefault(photo.message_id, []).append(photo)
    return out
