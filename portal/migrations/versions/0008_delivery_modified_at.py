"""webhook deliveries keep the platform's modification time of the order

A delivery older than one already applied to the same order (a replay, or
Shopify delivering out of order) is then recorded as stale and changes
nothing. Deliveries received before this revision have no time (NULL): they
never make a later one stale.

Revision ID: 0008_delivery_modified_at
Revises: 0007_merge_rooms
"""
import sqlalchemy as sa
from alembic import op

import portal.core.database

revision = "0008_delivery_modified_at"
down_revision = "0007_merge_rooms"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("modified_at", portal.core.database.UTCDateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.drop_column("modified_at")
