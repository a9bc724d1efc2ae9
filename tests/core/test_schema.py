"""The migrations build exactly the models' schema, and history cannot be erased."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from portal.core.errors import NotAllowed
from portal.tickets.models import AuditEvent, Message


def test_migrations_match_the_models(app, db):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(app, db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_orm_refuses_to_delete_a_message(app, db, factory):
    ticket = factory.ticket()
    message = db.session.scalars(sa.select(Message).where(Message.ticket_id == ticket.id)).one()
    db.session.delete(message)
    with pytest.raises(NotAllowed):
        db.session.flush()
    db.session.rollback()


def test_orm_refuses_to_edit_history(app, db, factory):
    ticket = factory.ticket()
    event = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.ticket_id == ticket.id)).first()
    event.action = "nothing happened"
    with pytest.raises(NotAllowed):
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize("table", ["tickets", "messages", "audit_events"])
def test_database_refuses_raw_deletes(app, db, factory, table):
    factory.ticket()
    with pytest.raises(sa.exc.DatabaseError), db.engine.begin() as conn:
        conn.exec_driver_sql(f"DELETE FROM {table}")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() >= 1


def test_database_refuses_to_rewrite_a_message(app, db, factory):
    factory.ticket()
    with pytest.raises(sa.exc.DatabaseError), db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE messages SET body = 'rewritten'")
