"""Routing: rules evaluated in order decide a report's queue, priority and targets.

The chosen rule is recorded on the ticket, so "why did this land here?" has
an answer. Without a matching rule a report goes to the default queue (if one
is marked with the key "general") with the configured targets.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select

from portal.core.extensions import db
from portal.orders.models import Order, Rating
from portal.routing.models import Queue, RoutingRule

DEFAULT_QUEUE_KEY = "general"
HOTLINE_QUEUE_KEY = "hotline"


@dataclass(frozen=True)
class Report:
    """What routing looks at; built from the report form and the order."""

    category: str
    description: str
    locale: str
    rating: int | None
    order_value: Decimal
    repeat_customer: bool


@dataclass(frozen=True)
class Decision:
    queue: Queue | None
    rule: RoutingRule | None
    to_hotline: bool
    priority: int
    goal_minutes: int
    limit_minutes: int
    reason: str


def order_value(order: Order) -> Decimal:
    total = Decimal(0)
    for item in order.items or []:
        try:
            price = Decimal(str(item.get("price") or item.get("unit_price") or 0))
            total += price * Decimal(str(item.get("qty") or item.get("quantity") or 1))
        except (InvalidOperation, AttributeError, TypeError):
            continue
    return total


def is_repeat_customer(order: Order) -> bool:
    if not order.email and not order.phone:
        return False
    conditions = []
    if order.email:
        conditions.append(func.lower(Order.email) == order.email.lower())
    if order.phone:
        conditions.append(Order.phone == order.phone)
    others = db.session.scalar(
        select(func.count(Order.id)).where(Order.id != order.id, db.or_(*conditions)))
    return bool(others)


def describe(order: Order, category: str, description: str, locale: str) -> Report:
    rating = db.session.scalar(
        select(Rating.stars).where(Rating.order_id == order.id).order_by(Rating.id.desc()).limit(1))
    return Report(category=category, description=description or "", locale=locale, rating=rating,
                  order_value=order_value(order), repeat_customer=is_repeat_customer(order))


def matches(rule: RoutingRule, report: Report) -> bool:
    if rule.category and report.category not in [c.strip() for c in rule.category.split(",")]:
        return False
    if rule.max_rating is not None and (report.rating is None or report.rating > rule.max_rating):
        return False
    if rule.min_order_value is not None and report.order_value < rule.min_order_value:
        return False
    if rule.repeat_customer is not None and report.repeat_customer != rule.repeat_customer:
        return False
    if rule.locale and report.locale.split("-")[0] != rule.locale:
        return False
    keywords = rule.keyword_list()
    if keywords:
        text = report.description.casefold()
        if not any(k in text for k in keywords):
            return False
    return True


def active_rules() -> list[RoutingRule]:
    return list(db.session.scalars(
        select(RoutingRule).where(RoutingRule.active).order_by(RoutingRule.position, RoutingRule.id)))


def queue_by_key(key: str) -> Queue | None:
    return db.session.scalar(select(Queue).where(Queue.key == key, Queue.active))


def decide(report: Report, goal_minutes: int, limit_minutes: int) -> Decision:
    """The first matching rule wins; its targets override its queue's, which override the defaults."""
    for rule in active_rules():
        if not matches(rule, report):
            continue
        queue = rule.queue
        if rule.to_hotline and queue is None:
            queue = queue_by_key(HOTLINE_QUEUE_KEY)
        goal = rule.goal_minutes or (queue.goal_minutes if queue else goal_minutes)
        limit = rule.limit_minutes or (queue.limit_minutes if queue else limit_minutes)
        return Decision(queue=queue, rule=rule, to_hotline=rule.to_hotline, priority=rule.priority,
                        goal_minutes=goal, limit_minutes=max(limit, goal),
                        reason=f"rule {rule.position}: {rule.name}"[:200])
    queue = queue_by_key(DEFAULT_QUEUE_KEY)
    return Decision(
        queue=queue, rule=None, to_hotline=False, priority=0,
        goal_minutes=queue.goal_minutes if queue else goal_minutes,
        limit_minutes=queue.limit_minutes if queue else limit_minutes,
        reason="no rule matched: default queue",
    )


def direct(queue_key: str, goal_minutes: int, limit_minutes: int) -> Decision:
    """No rules: straight to a named queue (created on first use, with the default targets)."""
    queue = db.session.scalar(select(Queue).where(Queue.key == queue_key))
    if queue is None:
        queue = Queue(key=queue_key, name=queue_key.capitalize(), goal_minutes=goal_minutes,
                      limit_minutes=limit_minutes, is_hotline=queue_key == HOTLINE_QUEUE_KEY)
        db.session.add(queue)
        db.session.flush()
    return Decision(queue=queue, rule=None, to_hotline=queue.is_hotline, priority=0,
                    goal_minutes=queue.goal_minutes, limit_minutes=queue.limit_minutes,
                    reason=f"sent straight to the {queue.key} queue")
