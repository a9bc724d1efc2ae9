"""staff workspace: queues, routing rules, business calendar, hotline, flags, canned replies

Revision ID: 0003_workspace
Revises: 4618cb76da3b
"""
import sqlalchemy as sa
from alembic import op

import portal.core.database

revision = "0003_workspace"
down_revision = "4618cb76da3b"
branch_labels = None
depends_on = None

UTC = portal.core.database.UTCDateTime
APPEND_ONLY = {"message_flags": ("DELETE", "UPDATE"), "call_attempts": ("DELETE", "UPDATE"),
               "callback_requests": ("DELETE",)}


def upgrade():
    op.create_table(
        "queues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("goal_minutes", sa.Integer(), nullable=False),
        sa.Column("limit_minutes", sa.Integer(), nullable=False),
        sa.Column("is_hotline", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queues")),
        sa.UniqueConstraint("key", name=op.f("uq_queues_key")),
    )
    op.create_table(
        "routing_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("category", sa.String(length=200), nullable=True),
        sa.Column("max_rating", sa.Integer(), nullable=True),
        sa.Column("min_order_value", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("keywords", sa.String(length=500), nullable=True),
        sa.Column("repeat_customer", sa.Boolean(), nullable=True),
        sa.Column("locale", sa.String(length=16), nullable=True),
        sa.Column("queue_id", sa.Integer(), nullable=True),
        sa.Column("to_hotline", sa.Boolean(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("goal_minutes", sa.Integer(), nullable=True),
        sa.Column("limit_minutes", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC(), nullable=False),
        sa.ForeignKeyConstraint(["queue_id"], ["queues.id"], name=op.f("fk_routing_rules_queue_id_queues")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routing_rules")),
    )
    with op.batch_alter_table("routing_rules") as batch_op:
        batch_op.create_index(batch_op.f("ix_routing_rules_position"), ["position"], unique=False)
    op.create_table(
        "business_calendars",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("schedule", sa.JSON(), nullable=False),
        sa.Column("holiday_country", sa.String(length=2), nullable=True),
        sa.Column("hotline_phone", sa.String(length=40), nullable=True),
        sa.Column("callback_slot_minutes", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTC(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_calendars")),
    )
    op.create_table(
        "holidays",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holidays")),
        sa.UniqueConstraint("day", name=op.f("uq_holidays_day")),
    )
    with op.batch_alter_table("tickets") as batch_op:
        batch_op.add_column(sa.Column("queue_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("routing_rule_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("routing_reason", sa.String(length=200), nullable=True))
        for name in ("priority", "escalation_level", "reminders_sent", "refused_resolutions"):
            batch_op.add_column(sa.Column(name, sa.Integer(), server_default=sa.text("0"), nullable=False))
        batch_op.add_column(sa.Column("offered_to_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("waiting_since", UTC(), nullable=True))
        batch_op.add_column(sa.Column("closed_reason", sa.String(length=24), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_tickets_queue_id_queues"), "queues", ["queue_id"], ["id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_tickets_routing_rule_id_routing_rules"), "routing_rules", ["routing_rule_id"], ["id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_tickets_offered_to_id_staff_users"), "staff_users", ["offered_to_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_tickets_queue_id"), ["queue_id"], unique=False)
        batch_op.create_index("ix_tickets_owner_queue", ["status", "owner_id", "respond_goal_at"], unique=False)
        batch_op.create_index("ix_tickets_status_waiting", ["status", "waiting_since"], unique=False)
    op.create_table(
        "message_flags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("threat", "obscenity", "insult", name="flagkind", native_enum=False,
                                  length=24), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC(), nullable=False),
        sa.ForeignKeyConstraint(["message_id"], ["messages.id"], name=op.f("fk_message_flags_message_id_messages")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_users.id"], name=op.f("fk_message_flags_staff_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_flags")),
    )
    with op.batch_alter_table("message_flags") as batch_op:
        batch_op.create_index(batch_op.f("ix_message_flags_message_id"), ["message_id"], unique=False)
    op.create_table(
        "callback_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("phone_e164", sa.String(length=20), nullable=False),
        sa.Column("slot_start", UTC(), nullable=False),
        sa.Column("slot_end", UTC(), nullable=False),
        sa.Column("status", sa.Enum("pending", "done", "gave_up", name="callbackstatus", native_enum=False,
                                    length=16), nullable=False),
        sa.Column("created_at", UTC(), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name=op.f("fk_callback_requests_ticket_id_tickets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_callback_requests")),
    )
    with op.batch_alter_table("callback_requests") as batch_op:
        batch_op.create_index(batch_op.f("ix_callback_requests_ticket_id"), ["ticket_id"], unique=False)
        batch_op.create_index("ix_callback_requests_due", ["status", "slot_start"], unique=False)
    op.create_table(
        "call_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("callback_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.Enum("reached", "no_answer", "wrong_number", "resolved", name="calloutcome",
                                     native_enum=False, length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", UTC(), nullable=False),
        sa.ForeignKeyConstraint(["callback_id"], ["callback_requests.id"],
                                name=op.f("fk_call_attempts_callback_id_callback_requests")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_users.id"], name=op.f("fk_call_attempts_staff_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_attempts")),
    )
    with op.batch_alter_table("call_attempts") as batch_op:
        batch_op.create_index(batch_op.f("ix_call_attempts_callback_id"), ["callback_id"], unique=False)
    op.create_table(
        "canned_replies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("locale", sa.String(length=16), nullable=False),
        sa.Column("step", sa.Enum("thank", "apologise", "explain", "ask", "act", name="replystep",
                                  native_enum=False, length=16), nullable=False),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_canned_replies")),
        sa.UniqueConstraint("locale", "step", "title", name="uq_canned_replies_locale_step_title"),
    )
    with op.batch_alter_table("canned_replies") as batch_op:
        batch_op.create_index(batch_op.f("ix_canned_replies_locale"), ["locale"], unique=False)
    op.create_table(
        "ticket_presence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("seen_at", UTC(), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_presence_ticket_id_tickets")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_users.id"], name=op.f("fk_ticket_presence_staff_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_presence")),
        sa.UniqueConstraint("ticket_id", "staff_id", name="uq_ticket_presence_ticket_staff"),
    )
    _append_only_triggers()


def _append_only_triggers():
    # Flags and call logs are history: the database refuses to erase or rewrite them.
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table, verbs in APPEND_ONLY.items():
            for verb in verbs:
                op.execute(
                    f"CREATE TRIGGER IF NOT EXISTS trg_{table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} are history: {verb} refused'); END"
                )
    elif dialect == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION portal_refuse_workspace_change() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '% on % is not allowed', TG_OP, TG_TABLE_NAME; END; $$ LANGUAGE plpgsql"
        )
        for table, verbs in APPEND_ONLY.items():
            op.execute(
                f"CREATE TRIGGER trg_{table}_no_change BEFORE {' OR '.join(verbs)} ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION portal_refuse_workspace_change()"
            )


def downgrade():
    for table in ("ticket_presence", "canned_replies", "call_attempts", "callback_requests", "message_flags"):
        op.drop_table(table)
    with op.batch_alter_table("tickets") as batch_op:
        batch_op.drop_index("ix_tickets_status_waiting")
        batch_op.drop_index("ix_tickets_owner_queue")
        batch_op.drop_index(batch_op.f("ix_tickets_queue_id"))
        batch_op.drop_constraint(batch_op.f("fk_tickets_offered_to_id_staff_users"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_tickets_routing_rule_id_routing_rules"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_tickets_queue_id_queues"), type_="foreignkey")
        for name in ("closed_reason", "waiting_since", "offered_to_id", "refused_resolutions",
                     "reminders_sent", "escalation_level", "priority", "routing_reason",
                     "routing_rule_id", "queue_id"):
            batch_op.drop_column(name)
    for table in ("holidays", "business_calendars", "routing_rules", "queues"):
        op.drop_table(table)
