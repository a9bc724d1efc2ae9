"""Nothing a customer wrote is ever deleted (P10), enforced twice.

The ORM refuses to flush a delete of a ticket, message, audit event, rating or
secret link, and an edit of a message or audit event. The database refuses the
same with triggers, so raw SQL and other programs cannot do it either.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.core.errors import NotAllowed

NO_DELETE = ("tickets", "messages", "audit_events", "ratings", "ticket_links")
NO_UPDATE = ("messages", "audit_events", "ratings")
# Added by the workspace migration (which installs their triggers itself).
NO_DELETE_WORKSPACE = ("message_flags", "call_attempts", "callback_requests")
NO_UPDATE_WORKSPACE = ("message_flags", "call_attempts")


@event.listens_for(Session, "before_flush")
def _refuse_deletes_and_edits(session, flush_context, instances):
    for obj in session.deleted:
        if getattr(obj, "__tablename__", None) in NO_DELETE + NO_DELETE_WORKSPACE:
            raise NotAllowed(f"{obj.__tablename__} are never deleted")
    for obj in session.dirty:
        if (getattr(obj, "__tablename__", None) in NO_UPDATE + NO_UPDATE_WORKSPACE
                and session.is_modified(obj)):
            raise NotAllowed(f"{obj.__tablename__} are never edited")


def trigger_statements(dialect: str) -> list[str]:
    """DDL that makes the database itself refuse deletes and edits."""
    out: list[str] = []
    if dialect == "sqlite":
        for table in NO_DELETE:
            out.append(
                f"CREATE TRIGGER IF NOT EXISTS trg_{table}_no_delete BEFORE DELETE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} are never deleted'); END"
            )
        for table in NO_UPDATE:
            out.append(
                f"CREATE TRIGGER IF NOT EXISTS trg_{table}_no_update BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} are never edited'); END"
            )
    elif dialect == "postgresql":
        out.append(
            "CREATE OR REPLACE FUNCTION portal_refuse_change() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '% on % is not allowed', TG_OP, TG_TABLE_NAME; END; "
            "$$ LANGUAGE plpgsql"
        )
        for table in NO_DELETE:
            out.append(f"DROP TRIGGER IF EXISTS trg_{table}_no_delete ON {table}")
            out.append(
                f"CREATE TRIGGER trg_{table}_no_delete BEFORE DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION portal_refuse_change()"
            )
        for table in NO_UPDATE:
            out.append(f"DROP TRIGGER IF EXISTS trg_{table}_no_update ON {table}")
            out.append(
                f"CREATE TRIGGER trg_{table}_no_update BEFORE UPDATE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION portal_refuse_change()"
            )
    return out


def install_triggers(connection) -> None:
    for statement in trigger_statements(connection.dialect.name):
        connection.exec_driver_sql(statement)
