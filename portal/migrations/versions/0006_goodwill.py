"""goodwill gestures, review links and compliance evidence

Revision ID: 0006_goodwill
Revises: 4618cb76da3b
"""
import sqlalchemy as sa
from alembic import op

import portal.core.database

revision = "0006_goodwill"
down_revision = "4618cb76da3b"
branch_labels = None
depends_on = None

KINDS = ("percent_coupon", "fixed_coupon", "store_credit", "free_item", "free_shipping",
         "partial_refund", "full_refund", "letter")
STATUSES = ("pending_approval", "offered", "accepted", "declined", "rejected", "withdrawn")


def _kind():
    return sa.Enum(*KINDS, name="gesturekind", native_enum=False, length=24)


def upgrade():
    op.create_table(
        "review_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", portal.core.database.UTCDateTime(), nullable=False),
        sa.Column("updated_at", portal.core.database.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_links")),
        sa.UniqueConstraint("platform", "locale", name="uq_review_links_platform_locale"),
    )
    op.create_table(
        "compliance_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", portal.core.database.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["updated_by_id"], ["staff_users.id"],
                                name=op.f("fk_compliance_settings_updated_by_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compliance_settings")),
        sa.UniqueConstraint("key", name=op.f("uq_compliance_settings_key")),
    )
    op.create_table(
        "review_link_impressions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("page", sa.String(length=16), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("link_count", sa.Integer(), nullable=False),
        sa.Column("rating_stars", sa.Integer(), nullable=True),
        sa.Column("marketplace", sa.String(length=32), nullable=True),
        sa.Column("dedupe_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", portal.core.database.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"],
                                name=op.f("fk_review_link_impressions_order_id_orders")),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"],
                                name=op.f("fk_review_link_impressions_ticket_id_tickets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_link_impressions")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_review_link_impressions_dedupe_key")),
    )
    with op.batch_alter_table("review_link_impressions") as batch:
        batch.create_index(batch.f("ix_review_link_impressions_order_id"), ["order_id"])
        batch.create_index(batch.f("ix_review_link_impressions_created_at"), ["created_at"])

    op.create_table(
        "goodwill_gestures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", _kind(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("validity_days", sa.Integer(), nullable=False),
        sa.Column("wording", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", portal.core.database.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goodwill_gestures")),
        sa.UniqueConstraint("name", name=op.f("uq_goodwill_gestures_name")),
    )
    op.create_table(
        "goodwill_role_limits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gesture_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("max_value", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["gesture_id"], ["goodwill_gestures.id"],
                                name=op.f("fk_goodwill_role_limits_gesture_id_goodwill_gestures")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goodwill_role_limits")),
        sa.UniqueConstraint("gesture_id", "role", name="uq_goodwill_role_limits_gesture_role"),
    )
    op.create_table(
        "goodwill_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("gesture_id", sa.Integer(), nullable=False),
        sa.Column("kind", _kind(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("validity_days", sa.Integer(), nullable=False),
        sa.Column("wording", sa.Text(), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("wording_check", sa.JSON(), nullable=False),
        sa.Column("status", sa.Enum(*STATUSES, name="offerstatus", native_enum=False, length=24),
                  nullable=False),
        sa.Column("offered_by_id", sa.Integer(), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", portal.core.database.UTCDateTime(), nullable=True),
        sa.Column("approval_note", sa.String(length=500), nullable=True),
        sa.Column("sent_at", portal.core.database.UTCDateTime(), nullable=True),
        sa.Column("decided_at", portal.core.database.UTCDateTime(), nullable=True),
        sa.Column("executed_at", portal.core.database.UTCDateTime(), nullable=True),
        sa.Column("executed_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", portal.core.database.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"],
                                name=op.f("fk_goodwill_offers_ticket_id_tickets")),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"],
                                name=op.f("fk_goodwill_offers_order_id_orders")),
        sa.ForeignKeyConstraint(["gesture_id"], ["goodwill_gestures.id"],
                                name=op.f("fk_goodwill_offers_gesture_id_goodwill_gestures")),
        sa.ForeignKeyConstraint(["offered_by_id"], ["staff_users.id"],
                                name=op.f("fk_goodwill_offers_offered_by_id_staff_users")),
        sa.ForeignKeyConstraint(["approved_by_id"], ["staff_users.id"],
                                name=op.f("fk_goodwill_offers_approved_by_id_staff_users")),
        sa.ForeignKeyConstraint(["executed_by_id"], ["staff_users.id"],
                                name=op.f("fk_goodwill_offers_executed_by_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goodwill_offers")),
    )
    with op.batch_alter_table("goodwill_offers") as batch:
        batch.create_index(batch.f("ix_goodwill_offers_ticket_id"), ["ticket_id"])
        batch.create_index(batch.f("ix_goodwill_offers_order_id"), ["order_id"])
        batch.create_index(batch.f("ix_goodwill_offers_status"), ["status"])
    op.create_table(
        "goodwill_coupons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("code_nonce", sa.String(length=32), nullable=False),
        sa.Column("code_digest", sa.String(length=64), nullable=False),
        sa.Column("issued_at", portal.core.database.UTCDateTime(), nullable=False),
        sa.Column("expires_at", portal.core.database.UTCDateTime(), nullable=False),
        sa.Column("redeemed_at", portal.core.database.UTCDateTime(), nullable=True),
        sa.Column("redeemed_ref", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["offer_id"], ["goodwill_offers.id"],
                                name=op.f("fk_goodwill_coupons_offer_id_goodwill_offers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goodwill_coupons")),
        sa.UniqueConstraint("offer_id", name=op.f("uq_goodwill_coupons_offer_id")),
        sa.UniqueConstraint("code_digest", name=op.f("uq_goodwill_coupons_code_digest")),
    )


def downgrade():
    for table in ("goodwill_coupons", "goodwill_offers", "goodwill_role_limits",
                  "goodwill_gestures", "review_link_impressions", "compliance_settings",
                  "review_links"):
        op.drop_table(table)
