"""First-response targets: a goal and a hard limit (P3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ResponseTargets:
    goal_at: datetime
    limit_at: datetime


def response_targets(opened_at: datetime, goal_minutes: int, limit_minutes: int) -> ResponseTargets:
    return ResponseTargets(
        goal_at=opened_at + timedelta(minutes=goal_minutes),
        limit_at=opened_at + timedelta(minutes=limit_minutes),
    )


def time_state(now: datetime, goal_at: datetime, limit_at: datetime) -> str:
    """green before the goal, amber between goal and limit, red past the limit."""
    if now < goal_at:
        return "green"
    if now < limit_at:
        return "amber"
    return "red"
