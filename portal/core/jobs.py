"""Background jobs and schedules (Huey).

Embedded default: a SQLite-backed queue in the instance folder, so nothing
extra has to run. With PORTAL_REDIS_URL set, Redis carries the queue.
PORTAL_JOBS_IMMEDIATE=1 runs each job at once in the caller (tests, demos).
Run the consumer with `portal worker`. Huey is not imported at app start:
code that enqueues imports its job module when it first needs it. Each domain
declares its Huey tasks and schedules in its `tasks` module (thin shells over
services and `jobs`); `portal.wiring.TASK_MODULES` lists them for the consumer.
"""

from __future__ import annotations

import functools
import os

from flask import current_app, has_app_context
from huey import RedisHuey, SqliteHuey

from portal.core.extensions import db
from portal.core.paths import PROJECT_ROOT
from portal.core.unit_of_work import unit_of_work


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


def serve_app(app) -> None:
    """The consumer process runs jobs for this app (`portal worker` calls it before consuming)."""
    global _worker_app
    _worker_app = app


def _app():
    if has_app_context():
        return current_app._get_current_object()
    if _worker_app is None:
        raise RuntimeError("no app for this job: the consumer must call serve_app(app) first")
    return _worker_app


def app_job(fn):
    """Run a job inside an app context as one unit of work (committed when it returns).

    A job that must commit in steps (a print batch's progress, each sent email)
    commits them itself; what is left is committed at the end.
    """

    @functools.wraps(fn)
    def run(*args, **kwargs):
        app = _app()
        with app.app_context():
            try:
                with unit_of_work():
                    return fn(*args, **kwargs)
            finally:
                db.session.remove()

    return run
