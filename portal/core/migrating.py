"""Flask-Migrate, bound to an app only when migrations are needed.

Importing Flask-Migrate imports Alembic, which costs a noticeable part of the
`portal` command's start-up, and most commands never migrate. So the app does
not bind it in `create_app`: the app's `db` command group (`MigrateCommands`)
binds it when one of its commands is looked up, under `portal db ...` and
`flask --app portal db ...` alike, and `portal demo`, the tests and the benches
call `upgrade_to_heads`.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app

from portal.core.extensions import db

MIGRATIONS = str(Path(__file__).resolve().parent.parent / "migrations")


def init_migrate(app: Flask):
    """Bind Flask-Migrate to ``app`` once (this also adds its `db` group to ``app.cli``).

    Returns ``app.extensions["migrate"]``, the configuration `migrations/env.py` reads.
    """
    if "migrate" not in app.extensions:
        from flask_migrate import Migrate

        Migrate(app, db, directory=MIGRATIONS, render_as_batch=True)
    return app.extensions["migrate"]


def migrate_commands(app: Flask) -> click.Group:
    """Flask-Migrate's `db` group, with Flask-Migrate bound to ``app``."""
    from flask_migrate.cli import db as db_group

    init_migrate(app)
    return db_group


class MigrateCommands(click.Group):
    """`db`: stands in for Flask-Migrate's group until it is run, then hands it over.

    Listed under the app's commands with its own help line, so `portal --help`
    imports nothing; running `db ...` (under `portal` or `flask --app portal`)
    builds the context from Flask-Migrate's real group, whose options and
    callback then apply as usual.
    """

    def __init__(self) -> None:
        super().__init__("db", help="Perform database migrations (Flask-Migrate).")

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        # Flask's command group has loaded the app and pushed its context by now.
        group = migrate_commands(current_app._get_current_object())
        return group.make_context(info_name, args, parent=parent, **extra)


def upgrade_to_heads() -> None:
    """Migrate the current app's database to the head of every branch (needs an app context)."""
    from flask_migrate import upgrade

    app = current_app._get_current_object()
    upgrade(directory=init_migrate(app).directory, revision="heads")
