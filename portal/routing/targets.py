"""First-response targets: a goal and a hard limit (P3), counted in business hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from portal.routing.business_hours import Calendar


@dataclass(frozen=True)
class ResponseTargets:
    goal_at: datetime
    limit_at: datetime


def response_targets(opened_at: datetime, goal_minutes: int, limit_minutes: int,
                     calendar: Calendar | None = None) -> ResponseTargets:
    """Without a calendar every minute counts; with one, only open minutes do."""
    if calendar is None:
        return ResponseTargets(
            goal_at=opened_at + timedelta(minutes=goal_minutes),
            limit_at=opened_at + timedelta(minutes=limit_minutes),
        )
    return ResponseTargets(
        goal_at=calendar.add_business_minutes(opened_at, goal_minutes),
        limit_at=calendar.add_business_minutes(opened_at, limit_minutes),
    )


def time_state(now: datetime, goal_at: datetime, limit_at: datetime) -> str:
    """green before the goal, amber between goal and limit, red past the limit."""
    if now < goal_at:
        return "green"
    if now < limit_at:
        return "amber"
    return "red"
