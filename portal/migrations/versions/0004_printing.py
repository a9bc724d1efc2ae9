"""print batches, their orders, and brand settings

Revision ID: 0004_printing
Revises: 4618cb76da3b
"""
import sqlalchemy as sa
from alembic import op

import portal.core.database

revision = "0004_printing"
down_revision = "4618cb76da3b"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "brand_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("primary_colour", sa.String(length=7), nullable=False),
        sa.Column("accent_colour", sa.String(length=7), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("logo_mime", sa.String(length=32), nullable=True),
        sa.Column("card_words", sa.JSON(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", portal.core.database.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["updated_by_id"], ["staff_users.id"],
                                name=op.f("fk_brand_settings_updated_by_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_brand_settings")),
    )
    op.create_table(
        "print_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("layout", sa.String(length=32), nullable=False),
        sa.Column("selection", sa.JSON(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done_count", sa.Integer(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("cancel_requested", sa.Boolean(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("file_key", sa.String(length=200), nullable=True),
        sa.Column("file_size", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", portal.core.database.UTCDateTime(), nullable=False),
        sa.Column("started_at", portal.core.database.UTCDateTime(), nullable=True),
        sa.Column("heartbeat_at", portal.core.database.UTCDateTime(), nullable=True),
        sa.Column("finished_at", portal.core.database.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["staff_users.id"],
                                name=op.f("fk_print_batches_created_by_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_batches")),
    )
    with op.batch_alter_table("print_batches") as batch_op:
        batch_op.create_index(batch_op.f("ix_print_batches_status"), ["status"], unique=False)
    op.create_table(
        "print_batch_orders",
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["print_batches.id"],
                                name=op.f("fk_print_batch_orders_batch_id_print_batches")),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"],
                                name=op.f("fk_print_batch_orders_order_id_orders")),
        sa.PrimaryKeyConstraint("batch_id", "order_id", name=op.f("pk_print_batch_orders")),
    )
    with op.batch_alter_table("print_batch_orders") as batch_op:
        batch_op.create_index(batch_op.f("ix_print_batch_orders_order_id"), ["order_id"],
                              unique=False)


def downgrade():
    op.drop_table("print_batch_orders")
    op.drop_table("print_batches")
    op.drop_table("brand_settings")
