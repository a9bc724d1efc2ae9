"""One unit of work, one commit, owned by the entry point (a request, a CLI command, a job).

Services change rows and flush; they never commit. The entry point wraps its
calls in `unit_of_work()`, which declares the intent to write (SQLite then
takes its write lock when the transaction begins) and commits once at the end,
or rolls everything back if anything failed. Web views use
`portal.web.unit_of_work`, which adds what a page needs (a flash, a status);
commands use `command_unit`, which turns a refusal into the command's error.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TypeVar

import click
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.core.database import write_intent
from portal.core.errors import Conflict, DomainError
from portal.core.extensions import db

T = TypeVar("T")


@contextlib.contextmanager
def unit_of_work() -> Iterator[Session]:
    """Commit what the block did, once; on any exception roll it all back and re-raise."""
    with write_intent():
        try:
            yield db.session
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise


@contextlib.contextmanager
def command_unit() -> Iterator[Session]:
    """`unit_of_work` for a `portal` command: a refusal becomes the command's error message."""
    try:
        with unit_of_work() as session:
            yield session
    except DomainError as exc:
        raise click.ClickException(str(exc)) from exc


def commit_retrying(session: Session, unit: Callable[[], tuple[bool, T]], attempts: int = 3) -> T:
    """Run one unit of work and commit it, for requests that may race each other.

    `unit` changes rows, flushes and returns (keep, value); with keep False (a refusal)
    it is rolled back instead. When a concurrent transaction committed the same rows
    first, the unique constraints raise IntegrityError: roll back and run the unit
    again, which now sees those rows and decides as a later request would. Raises
    Conflict after `attempts` such tries.
    """
    for _attempt in range(attempts):
        try:
            keep, value = unit()
            if keep:
                session.commit()
            else:
                session.rollback()
            return value
        except IntegrityError:
            session.rollback()
    raise Conflict(f"gave up after {attempts} conflicting attempts")
