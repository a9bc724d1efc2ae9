"""staff members choose the language of their pages and emails

Revision ID: 0009_staff_locale
Revises: 0008_delivery_modified_at
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_staff_locale"
down_revision = "0008_delivery_modified_at"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("staff_users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locale", sa.String(length=16), nullable=False, server_default="en"))


def downgrade():
    with op.batch_alter_table("staff_users", schema=None) as batch_op:
        batch_op.drop_column("locale")
