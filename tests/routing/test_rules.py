"""Routing rules decide queue, priority and targets; the choice is recorded on the ticket."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from portal.orders.services import record_rating
from portal.routing import settings
from portal.routing.calendar import load_calendar
from portal.tickets.models import AuditEvent


def test_without_rules_or_queues_the_configured_targets_apply(factory):
    ticket = factory.ticket()
    assert ticket.queue is None and ticket.routing_rule_id is None
    assert (ticket.respond_goal_at - ticket.created_at) == timedelta(minutes=15)
    assert ticket.routing_reason == "no rule matched: default queue"


def test_first_matching_rule_wins_and_is_recorded(db, factory):
    vip = settings.add_queue("vip", "VIP", 5, 20)
    shipping = settings.add_queue("shipping", "Shipping", 15, 60)
    rule_vip = settings.add_rule(name="Big orders", min_order_value=Decimal(100), queue_id=vip.id, priority=2)
    settings.add_rule(name="Late", category="late,missing_item", queue_id=shipping.id)
    db.session.commit()

    small, _ = factory.order(items=[{"sku": "A", "qty": 1, "price": "20"}])
    late = factory.ticket(order=small, category="late")
    assert late.queue.key == "shipping" and late.priority == 0
    assert late.respond_limit_at - late.created_at == timedelta(minutes=60)

    big, _ = factory.order(items=[{"sku": "B", "qty": 3, "price": "40"}])
    big_late = factory.ticket(order=big, category="late")
    assert big_late.queue.key == "vip" and big_late.routing_rule_id == rule_vip.id and big_late.priority == 2
    assert big_late.respond_goal_at - big_late.created_at == timedelta(minutes=5)
    opened = db.session.scalars(db.select(AuditEvent).where(
        AuditEvent.ticket_id == big_late.id, AuditEvent.action == "opened")).one()
    assert opened.detail["rule_id"] == rule_vip.id and opened.detail["queue"] == "vip"

    settings.move_rule(rule_vip, +1)  # now "Late" is evaluated first
    db.session.commit()
    again = factory.ticket(order=big, category="late")
    assert again.queue.key == "shipping"


def test_rating_keyword_language_and_repeat_conditions(db, factory):
    q = {k: settings.add_queue(k, k, 15, 60) for k in ("unhappy", "safety", "persian", "regulars")}
    settings.add_rule(name="Safety", keywords="Burn, unsafe", queue_id=q["safety"].id)
    settings.add_rule(name="One star", max_rating=1, queue_id=q["unhappy"].id)
    settings.add_rule(name="Persian", locale="fa", queue_id=q["persian"].id)
    settings.add_rule(name="Regulars", repeat_customer=True, queue_id=q["regulars"].id)
    db.session.commit()

    order, _ = factory.order(email="once@example.com")
    assert factory.ticket(order=order, description="The kettle gave me a BURN").queue.key == "safety"
    record_rating(order, 1)
    db.session.commit()
    assert factory.ticket(order=order).queue.key == "unhappy"
    other, _ = factory.order(email="fa@example.com")
    assert factory.ticket(order=other, locale="fa").queue.key == "persian"
    factory.order(email="Repeat@example.com")
    second, _ = factory.order(email="repeat@example.com")
    assert factory.ticket(order=second).queue.key == "regulars"
    assert factory.ticket(order=other).queue is None  # nothing matches, no general queue


def test_targets_count_only_business_hours(db, factory, monkeypatch):
    settings.save_calendar("Asia/Tehran", ["09:00-17:00"] * 3 + ["09:00-13:00", "", "", "09:00-17:00"],
                           None, "+98 21 1234 5678", 30)
    db.session.commit()
    thursday_noon = datetime(2026, 11, 26, 12, 50, tzinfo=ZoneInfo("Asia/Tehran")).astimezone(UTC)
    monkeypatch.setattr("portal.tickets.services.utcnow", lambda: thursday_noon)
    ticket = factory.ticket()
    local = ZoneInfo("Asia/Tehran")
    # 10 minutes on Thursday; Friday closed; Saturday is not in the schedule either; Sunday 09:05.
    assert ticket.respond_goal_at.astimezone(local) == datetime(2026, 11, 29, 9, 5, tzinfo=local)


def test_holidays_listed_and_by_country(db, app):
    settings.save_calendar("Europe/Bucharest", ["09:00-17:00"] * 5 + ["", ""], "RO", None, 30)
    settings.add_holiday(date(2026, 11, 24), "Company day")
    db.session.commit()
    calendar = load_calendar()
    assert date(2026, 11, 24) in calendar.closed_days  # listed
    assert date(2026, 12, 1) in calendar.closed_days  # Romania's national day, from the library
    assert date(2026, 12, 2) not in calendar.closed_days
    assert calendar.intervals_on(date(2026, 12, 1)) == []


def test_load_defaults_is_idempotent(db):
    assert "4 rules" in settings.load_defaults()
    db.session.commit()
    assert settings.load_defaults() == []
