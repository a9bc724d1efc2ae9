"""The business calendar as stored (one row, holidays) turned into a `Calendar`."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays as public_holidays
from flask import current_app
from sqlalchemy import select

from portal.core.extensions import db
from portal.routing.business_hours import Calendar, parse_hours
from portal.routing.models import BusinessCalendar, Holiday

# Sensible defaults for a new calendar: Monday to Friday, 09:00-17:00.
DEFAULT_SCHEDULE = {str(d): [["09:00", "17:00"]] for d in range(5)}


class _ClosedDays:
    """Listed holidays plus, optionally, a country's public holidays (the `holidays` library)."""

    def __init__(self, listed: set[date], country: str | None):
        self.listed = listed
        self.country = None
        if country:
            try:
                self.country = public_holidays.country_holidays(country)
            except NotImplementedError:
                self.country = None

    def __contains__(self, day) -> bool:
        return day in self.listed or (self.country is not None and day in self.country)


def stored_calendar() -> BusinessCalendar | None:
    return db.session.scalar(select(BusinessCalendar).order_by(BusinessCalendar.id).limit(1))


def to_calendar(row: BusinessCalendar | None, listed: set[date] | None = None) -> Calendar:
    if row is None:
        # Nothing configured: every minute counts, in the configured zone.
        return Calendar.around_the_clock(current_app.config.get("BUSINESS_TIMEZONE", "UTC"))
    weekly = {}
    for key, ranges in (row.schedule or {}).items():
        text = ", ".join(f"{a}-{b}" for a, b in ranges)
        weekly[int(key)] = parse_hours(text)
    return Calendar(zone=zone(row.timezone), weekly=weekly,
                    closed_days=_ClosedDays(listed or set(), row.holiday_country))


def load_calendar() -> Calendar:
    row = stored_calendar()
    listed = set(db.session.scalars(select(Holiday.day))) if row else set()
    return to_calendar(row, listed)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone: {name}") from exc
