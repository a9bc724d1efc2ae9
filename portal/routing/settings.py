"""Changing the routing configuration: queues, rules, the calendar, holidays, defaults.

Services flush; the admin view or the CLI commits.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from portal.core.database import utcnow
from portal.core.errors import Conflict, ValidationFailed
from portal.core.extensions import db
from portal.core.phones import normalise_phone
from portal.routing.business_hours import format_hours, parse_hours
from portal.routing.calendar import DEFAULT_SCHEDULE, stored_calendar, zone
from portal.routing.categories import Category
from portal.routing.models import BusinessCalendar, Holiday, Queue, RoutingRule
from portal.routing.rules import DEFAULT_QUEUE_KEY, HOTLINE_QUEUE_KEY

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _targets(goal: int, limit: int) -> None:
    if goal <= 0 or limit < goal:
        raise ValidationFailed("targets must satisfy 0 < goal <= limit (minutes)")


def add_queue(key: str, name: str, goal: int, limit: int, is_hotline: bool = False) -> Queue:
    key = (key or "").strip().lower()
    if not key.replace("_", "").replace("-", "").isalnum():
        raise ValidationFailed("a queue key is letters, digits, - and _")
    _targets(goal, limit)
    if db.session.scalar(select(Queue.id).where(Queue.key == key)):
        raise Conflict(f"a queue {key} already exists")
    queue = Queue(key=key, name=(name or key).strip()[:80], goal_minutes=goal, limit_minutes=limit,
                  is_hotline=is_hotline)
    db.session.add(queue)
    db.session.flush()
    return queue


def add_rule(**fields) -> RoutingRule:
    if not (fields.get("name") or "").strip():
        raise ValidationFailed("a rule needs a name")
    if not fields.get("queue_id") and not fields.get("to_hotline"):
        raise ValidationFailed("a rule sends reports to a queue or to the hotline")
    known = {c.value for c in Category}
    unknown = [c for c in (fields.get("category") or "").split(",") if c and c not in known]
    if unknown:
        raise ValidationFailed(f"unknown categories: {', '.join(unknown)}")
    goal, limit = fields.get("goal_minutes"), fields.get("limit_minutes")
    if goal or limit:
        _targets(goal or limit, limit or goal)
    last = db.session.scalar(select(func.max(RoutingRule.position))) or 0
    rule = RoutingRule(position=last + 10, **fields)
    db.session.add(rule)
    db.session.flush()
    return rule


def move_rule(rule: RoutingRule, direction: int) -> None:
    """Swap with the neighbour above (-1) or below (+1): evaluation order is the list order."""
    rules = list(db.session.scalars(select(RoutingRule).order_by(RoutingRule.position, RoutingRule.id)))
    i = rules.index(rule)
    j = i + direction
    if 0 <= j < len(rules):
        rules[i], rules[j] = rules[j], rules[i]
    for n, r in enumerate(rules):
        r.position = (n + 1) * 10
    db.session.flush()


def save_calendar(timezone: str, hours_by_day: list[str], holiday_country: str | None,
                  hotline_phone: str | None, slot_minutes: int) -> BusinessCalendar:
    try:
        zone(timezone)
    except ValueError as exc:
        raise ValidationFailed(str(exc)) from exc
    schedule = {}
    for day, text in enumerate(hours_by_day):
        try:
            ranges = parse_hours(text)
        except ValueError as exc:
            raise ValidationFailed(f"{WEEKDAYS[day]}: {exc}") from exc
        if ranges:
            schedule[str(day)] = [[a, b] for a, b in
                                  (part.split("-") for part in format_hours(ranges).split(", "))]
    if not schedule:
        raise ValidationFailed("at least one day needs opening hours")
    if slot_minutes not in (15, 20, 30, 60):
        raise ValidationFailed("a callback slot is 15, 20, 30 or 60 minutes")
    row = stored_calendar() or BusinessCalendar()
    row.timezone = timezone
    row.schedule = schedule
    row.holiday_country = (holiday_country or "").strip().upper() or None
    # A national number is read in the holiday country (the business's own country).
    row.hotline_phone = (normalise_phone(hotline_phone, row.holiday_country)
                         if (hotline_phone or "").strip() else None)
    row.callback_slot_minutes = slot_minutes
    row.updated_at = utcnow()
    db.session.add(row)
    db.session.flush()
    return row


def hours_by_day(row: BusinessCalendar | None) -> list[str]:
    schedule = row.schedule if row else DEFAULT_SCHEDULE
    return [", ".join(f"{a}-{b}" for a, b in schedule.get(str(d), [])) for d in range(7)]


def add_holiday(day: date, name: str) -> Holiday:
    if db.session.scalar(select(Holiday.id).where(Holiday.day == day)):
        raise Conflict(f"{day.isoformat()} is already a holiday")
    holiday = Holiday(day=day, name=(name or "Holiday").strip()[:120])
    db.session.add(holiday)
    db.session.flush()
    return holiday


def load_defaults() -> list[str]:
    """Sensible starting queues and rules; existing ones are kept. Returns what was added."""
    added = []
    queues = {
        DEFAULT_QUEUE_KEY: ("General", 15, 60, False), "shipping": ("Shipping", 15, 60, False),
        "quality": ("Quality", 15, 60, False), "vip": ("VIP", 10, 30, False),
        HOTLINE_QUEUE_KEY: ("Hotline callbacks", 10, 30, True),
    }
    by_key = {}
    for key, (name, goal, limit, hotline) in queues.items():
        queue = db.session.scalar(select(Queue).where(Queue.key == key))
        if queue is None:
            queue = add_queue(key, name, goal, limit, hotline)
            added.append(f"queue {key}")
        by_key[key] = queue
    if not db.session.scalar(select(func.count(RoutingRule.id))):
        add_rule(name="Big orders get the VIP desk", min_order_value=Decimal(200),
                 queue_id=by_key["vip"].id, priority=2)
        add_rule(name="Safety problems come first", keywords="unsafe, injured, burn, fire, allerg",
                 queue_id=by_key["quality"].id, priority=3)
        add_rule(name="Late or missing: shipping", category="late,missing_item",
                 queue_id=by_key["shipping"].id)
        add_rule(name="Damaged, wrong or poor quality: quality",
                 category="damaged,wrong_item,quality", queue_id=by_key["quality"].id)
        added.append("4 rules")
    return added
