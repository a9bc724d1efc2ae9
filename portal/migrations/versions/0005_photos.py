"""photos attached to customer messages; the language of each customer message

Revision ID: 0005_photos
Revises: 4618cb76da3b
"""
import sqlalchemy as sa
from alembic import op

import portal.core.database

revision = "0005_photos"
down_revision = "4618cb76da3b"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("storage_key", sa.String(length=64), nullable=False),
        sa.Column("content_type", sa.String(length=32), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("created_at", portal.core.database.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["message_id"], ["messages.id"], name=op.f("fk_photos_message_id_messages")),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name=op.f("fk_photos_ticket_id_tickets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_photos")),
        sa.UniqueConstraint("storage_key", name=op.f("uq_photos_storage_key")),
    )
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_photos_message_id"), ["message_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_photos_ticket_id"), ["ticket_id"], unique=False)
    op.create_table(
        "message_languages",
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("locale", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["message_id"], ["messages.id"],
                                name=op.f("fk_message_languages_message_id_messages")),
        sa.PrimaryKeyConstraint("message_id", name=op.f("pk_message_languages")),
    )
    # Photos are part of what the customer wrote: the database refuses deletes and edits.
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb, name in (("DELETE", "no_delete"), ("UPDATE", "no_update")):
            op.execute(
                f"CREATE TRIGGER IF NOT EXISTS trg_photos_{name} BEFORE {verb} ON photos "
                "BEGIN SELECT RAISE(ABORT, 'photos are never deleted or edited'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION portal_refuse_photo_change() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '% on photos is not allowed', TG_OP; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER trg_photos_no_change BEFORE UPDATE OR DELETE ON photos "
            "FOR EACH ROW EXECUTE FUNCTION portal_refuse_photo_change()"
        )


def downgrade():
    op.drop_table("message_languages")
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_photos_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_photos_message_id"))
    op.drop_table("photos")
