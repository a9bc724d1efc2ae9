"""Shop settings read on every customer page, cached per app for a few seconds.

Review links, the marketplace switch and the business calendar change rarely,
and the order page after a scan is the product's hot path. A commit that
touches one of their tables clears this process's cache at once; other worker
processes see the change within SETTINGS_CACHE_SECONDS. Only plain values are
cached, never ORM objects (they would outlive their session).
"""

from __future__ import annotations

import threading

from cachetools import TTLCache
from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

EXTENSION = "portal_settings_cache"
WATCHED_TABLES = frozenset({"review_links", "compliance_settings", "business_calendars", "holidays"})
_MISSING = object()


class SettingsCache:
    def __init__(self, seconds: float):
        self._cache: TTLCache = TTLCache(maxsize=256, ttl=seconds) if seconds > 0 else None
        self._lock = threading.Lock()

    def get_or_load(self, key, loader):
        if self._cache is None:
            return loader()
        with self._lock:
            value = self._cache.get(key, _MISSING)
        if value is _MISSING:
            value = loader()
            with self._lock:
                self._cache[key] = value
        return value

    def clear(self) -> None:
        if self._cache is not None:
            with self._lock:
                self._cache.clear()


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = SettingsCache(app.config.get("SETTINGS_CACHE_SECONDS", 30))


def cached(key, loader):
    """`loader()` once per key per few seconds; its result must be plain data."""
    return current_app.extensions[EXTENSION].get_or_load(key, loader)


@event.listens_for(Session, "before_flush")
def _note_settings_changes(session, flush_context, instances):
    for obj in (*session.new, *session.dirty, *session.deleted):
        if getattr(obj, "__tablename__", None) in WATCHED_TABLES:
            session.info["settings_changed"] = True
            return


@event.listens_for(Session, "after_commit")
def _clear_after_settings_commit(session):
    if session.info.pop("settings_changed", False) and has_app_context():
        cache = current_app.extensions.get(EXTENSION)
        if cache is not None:
            cache.clear()
