"""A request's one commit, and the one way a refusal reaches the person who asked.

Views call services inside `attempt()`; at the end of the block everything is
committed once. A `DomainError` raised by a service rolls the whole request
back, is flashed to the person (unless the view says it will show the refusal
itself) and the view goes on to answer, reading `outcome.ok`:

    with attempt(success=_("Saved.")) as outcome:
        services.update_link(link, ...)
    if outcome.ok:
        return redirect(...)
    return render_template(...), 422

Any other exception rolls back and propagates to the error pages. A GET that
must record evidence (the review links it showed) does it in `write_on_get()`:
a short write transaction of its own, visible in the view that owns it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

from flask import flash

from portal.core.errors import DomainError
from portal.core.extensions import db
from portal.core.unit_of_work import unit_of_work


@dataclass
class Outcome:
    ok: bool = True
    error: DomainError | None = None


@contextlib.contextmanager
def attempt(success: str | None = None, *, flash_refusal: bool = True) -> Iterator[Outcome]:
    """Commit the block once; a refusal is rolled back, flashed and kept on the outcome."""
    outcome = Outcome()
    try:
        with unit_of_work():
            yield outcome
    except DomainError as exc:
        outcome.ok, outcome.error = False, exc
        if flash_refusal:
            flash(str(exc), "error")
        return
    if success:
        flash(success, "success")


@contextlib.contextmanager
def write_on_get() -> Iterator[None]:
    """A write inside a read-only page: end the read first, then take the write lock up front.

    Upgrading a SQLite read transaction to a write one fails under concurrent
    writers, so the page's read transaction is ended before this one begins.
    """
    db.session.commit()
    with unit_of_work():
        yield
