"""Nothing a customer wrote is ever deleted, enforced twice.

A model says so where it is declared, with `__kept__`:

    __kept__ = KEEP_ROWS              # rows are never deleted
    __kept__ = KEEP_ROWS_AS_WRITTEN   # rows are never deleted nor edited

The ORM then refuses to flush such a delete or edit. Each room's migration also
installs database triggers for its tables, so raw SQL and other programs are
refused the same.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.core.errors import NotAllowed

KEEP_ROWS = frozenset({"delete"})
KEEP_ROWS_AS_WRITTEN = frozenset({"delete", "update"})


@event.listens_for(Session, "before_flush")
def _refuse_deletes_and_edits(session, flush_context, instances):
    for obj in session.deleted:
        if "delete" in getattr(obj, "__kept__", ()):
            raise NotAllowed(f"{obj.__tablename__} are never deleted")
    for obj in session.dirty:
        if "update" in getattr(obj, "__kept__", ()) and session.is_modified(obj):
            raise NotAllowed(f"{obj.__tablename__} are never edited")
