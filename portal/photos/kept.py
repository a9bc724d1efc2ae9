"""Photos kept across a report form that has to be corrected.

A file input cannot be refilled by the server, so good photos sent with a form
that failed for another reason are stored at once and remembered in the
customer's (signed) session, tied to that form's submission key. Sending the
corrected form links them; choosing new files replaces them.
"""

from __future__ import annotations

from flask import session

from portal.photos.services import StoredPhoto
from portal.photos.storage import valid_key

_SESSION_KEY = "kept_photos"


def keep(submission_key: str, photos: list[StoredPhoto]) -> None:
    session[_SESSION_KEY] = {"for": submission_key, "photos": [p.as_dict() for p in photos]}


def kept_for(submission_key: str | None) -> list[StoredPhoto]:
    entry = session.get(_SESSION_KEY) or {}
    if not submission_key or entry.get("for") != submission_key:
        return []
    try:
        photos = [StoredPhoto(**p) for p in entry.get("photos", [])]
    except TypeError:
        return []
    return [p for p in photos if valid_key(p.key)]


def forget() -> None:
    session.pop(_SESSION_KEY, None)
