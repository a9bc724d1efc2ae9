"""Fixtures: a real database (SQLite file or PostgreSQL), the app, clients, factories.

PORTAL_TEST_DATABASE=sqlite (default) or postgresql chooses the backend.
The schema is built once per run by the real migrations; each test then gets
a clean copy (SQLite: a copied file; PostgreSQL: truncated tables).
"""

from __future__ import annotations

import os
import shutil
import uuid

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

# Jobs run in the caller during tests; no consumer process is needed.
os.environ.setdefault("PORTAL_JOBS_IMMEDIATE", "1")

from portal import create_app
from portal.core.extensions import db as _db

from .helpers import Factory

BACKEND = os.environ.get("PORTAL_TEST_DATABASE", "sqlite")
PG_ADMIN_URL = os.environ.get(
    "PORTAL_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
TEST_KEYS = {"SECRET_KEY": "test-secret-" + "x" * 40, "TOKEN_KEY": "test-token-" + "y" * 40}


def pytest_report_header(config):
    return f"portal test database: {BACKEND}"


def _migrate(url: str) -> None:
    from portal.core.migrating import upgrade_to_heads

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, **TEST_KEYS})
    with app.app_context():
        upgrade_to_heads()
        _db.engine.dispose()


@pytest.fixture(scope="session")
def template_database(tmp_path_factory):
    if BACKEND == "postgresql":
        name = f"portal_test_{uuid.uuid4().hex[:10]}"
        admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
        _migrate(url)
        yield url
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
    else:
        path = tmp_path_factory.mktemp("db") / "template.db"
        url = f"sqlite:///{path}"
        _migrate(url)
        yield path


@pytest.fixture
def database_url(template_database, tmp_path):
    if BACKEND == "postgresql":
        yield template_database
        engine = sa.create_engine(template_database)
        with engine.begin() as conn:
            tables = ", ".join(
                f'"{t.name}"' for t in _db.metadata.sorted_tables if t.name != "alembic_version"
            )
            conn.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        engine.dispose()
    else:
        path = tmp_path / "portal.db"
        shutil.copyfile(template_database, path)
        yield f"sqlite:///{path}"


@pytest.fixture
def app_config(database_url, tmp_path):
    return {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "TESTING": True,
        "RATELIMIT_ENABLED": False,
        "BASE_URL": "http://portal.test",
        "PHOTO_STORAGE_DIR": str(tmp_path / "photos"),
        "REVIEW_LINKS": [
            {"name": "Trustpilot", "url": "https://www.trustpilot.com/review/shop.example"},
            {"name": "Google", "url": "https://g.page/r/shop-example/review"},
        ],
        **TEST_KEYS,
    }


class FreshContextClient(FlaskClient):
    """Each request gets its own app context, as in a real server.

    The test itself holds an app context; without this, requests would share
    its `g` (and so Flask-Login's cached user) and its database session.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        # End the test's own read transaction so it sees what the request wrote
        # (SQLite's WAL snapshots would otherwise hide it).
        _db.session.rollback()
        return response


@pytest.fixture
def app(app_config):
    app = create_app(app_config)
    app.test_client_class = FreshContextClient
    with app.app_context():
        yield app
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def factory(app):
    return Factory(app)


@pytest.fixture
def live_server(app):
    """The app served by a real threaded HTTP server on 127.0.0.1 (for browsers, clients)."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_port}"
    app.config["BASE_URL"] = server.url
    yield server
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def smtp_sink(app):
    """A real SMTP server on 127.0.0.1 that keeps what it receives."""
    from .smtp_sink import SmtpSink

    sink = SmtpSink()
    sink.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port)
    yield sink
    sink.stop()
