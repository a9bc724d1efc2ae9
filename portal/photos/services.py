"""Recording photos: bytes to the store, a row per photo. Flushes, never commits."""

from __future__ import annotations

from collections.abc import Iterable

from portal.extensions import db
from portal.photos.models import Photo
from portal.photos.storage import PhotoStore, new_key, thumb_key
from portal.photos.validation import PreparedPhoto
from portal.tickets.models import Message


def attach_photos(
    message: Message, photos: Iterable[PreparedPhoto], store: PhotoStore
) -> list[Photo]:
    """Store each prepared photo and link it to the customer's message.

    The bytes are written first: if the transaction then fails, an unreferenced
    file is left behind, never a row pointing at nothing.
    """
    db.session.flush()  # the message needs its id
    rows = []
    for prepared in photos:
        key = new_key()
        store.save(key, prepared.data)
        if prepared.thumb:
            store.save(thumb_key(key), prepared.thumb)
        row = Photo(
            # Ids, not the relationship: appending to message.photos would look like an
            # edit of the (append-only) message.
            ticket_id=message.ticket_id, message_id=message.id, storage_key=key,
            content_type=prepared.content_type, width=prepared.width, height=prepared.height,
            size_bytes=len(prepared.data),
        )
        db.session.add(row)
        rows.append(row)
    db.session.flush()
    return rows
