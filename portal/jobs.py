"""Background jobs and schedules (Huey).

Embedded default: a SQLite-backed queue in the instance folder, so nothing
extra has to run. With PORTAL_REDIS_URL set, Redis carries the queue.
PORTAL_JOBS_IMMEDIATE=1 runs each job at once in the caller (tests, demos).
Run the consumer with `portal worker`. Huey is not imported at app start:
code that enqueues imports its job module when it first needs it.
"""

from __future__ import annotations

import functools
import os

from flask import current_app, has_app_context
from huey import RedisHuey, SqliteHuey

from portal.config import PROJECT_ROOT


def _make_huey():
    immediate = os.environ.get("PORTAL_JOBS_IMMEDIATE", "").lower() in {"1", "true", "yes"}
    redis_url = os.environ.get("PORTAL_REDIS_URL")
    if redis_url and not immediate:
        return RedisHuey("portal", url=redis_url)
    path = os.environ.get("PORTAL_JOBS_DB") or str(PROJECT_ROOT / "instance" / "jobs.db")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return SqliteHuey("portal", filename=path, immediate=immediate)


huey = _make_huey()
_worker_app = None


def _app():
    global _worker_app
    if has_app_context():
        return current_app._get_current_object()
    if _worker_app is None:
        from portal import create_app

        _worker_app = create_app()
    return _worker_app


def app_job(fn):
    """Run a job inside an app context as a writer; the job commits its own work."""
    from portal.database import write_intent
    from portal.extensions import db

    @functools.wraps(fn)
    def run(*args, **kwargs):
        app = _app()
        with app.app_context(), write_intent():
            try:
                return fn(*args, **kwargs)
            finally:
                db.session.remove()

    return run


# The tasks and the workspace's schedules register themselves with `huey` when
# imported; the app itself imports this module only when it first enqueues.
from portal.printing import jobs as _printing_jobs  # noqa: E402,F401
from portal.tickets import periodic  # noqa: E402,F401
