"""Time arithmetic in business hours: pure functions, no database.

A calendar is a weekly schedule in the business's time zone plus closed days
(holidays). Intervals are turned into UTC instants day by day, so a day with a
daylight-saving change is as long as it really is, and "the weekend" is simply
whichever weekdays have no hours (Friday in Iran, Saturday and Sunday elsewhere).
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MAX_DAYS_AHEAD = 400  # a calendar with no open hour in a year is a configuration error

Interval = tuple[time, time | None]  # None as the end means midnight at the end of the day


def parse_hours(text: str) -> list[Interval]:
    """ "09:00-13:00, 14:00-18:00" -> intervals; "" -> closed. "24:00" ends at midnight."""
    out: list[Interval] = []
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            start_text, end_text = (p.strip() for p in part.split("-"))
            start = time.fromisoformat(start_text)
            end = None if end_text in ("24:00", "00:00") else time.fromisoformat(end_text)
        except ValueError as exc:
            raise ValueError(f"not a range of hours like 09:00-17:00: {part!r}") from exc
        if end is not None and end <= start:
            raise ValueError(f"the range ends before it starts: {part!r}")
        out.append((start, end))
    out.sort(key=lambda iv: iv[0])
    for (_, end), (next_start, _) in zip(out, out[1:], strict=False):
        if end is None or end > next_start:
            raise ValueError("ranges of hours overlap")
    return out


def format_hours(intervals: list[Interval]) -> str:
    return ", ".join(f"{s:%H:%M}-{'24:00' if e is None else format(e, '%H:%M')}" for s, e in intervals)


@dataclass(frozen=True)
class Calendar:
    zone: ZoneInfo
    # Monday is 0. A weekday missing here is closed all day.
    weekly: dict[int, list[Interval]] = field(default_factory=dict)
    closed_days: Container[date] = frozenset()
    always_open: bool = False

    @classmethod
    def around_the_clock(cls, zone: str = "UTC") -> Calendar:
        return cls(zone=ZoneInfo(zone), always_open=True)

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.zone)

    def intervals_on(self, day: date) -> list[tuple[datetime, datetime]]:
        """The open intervals of one local day, as UTC instants."""
        if self.always_open:
            start = datetime.combine(day, time(0), tzinfo=self.zone)
            end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=self.zone)
            return [(start.astimezone(UTC), end.astimezone(UTC))]
        if day in self.closed_days:
            return []
        out = []
        for start_t, end_t in self.weekly.get(day.weekday(), []):
            start = datetime.combine(day, start_t, tzinfo=self.zone)
            end = (datetime.combine(day + timedelta(days=1), time(0), tzinfo=self.zone) if end_t is None
                   else datetime.combine(day, end_t, tzinfo=self.zone))
            start_utc, end_utc = start.astimezone(UTC), end.astimezone(UTC)
            if end_utc > start_utc:
                out.append((start_utc, end_utc))
        return out

    def _intervals_from(self, at: datetime) -> Iterator[tuple[datetime, datetime]]:
        day = self.local(at).date() - timedelta(days=1)  # yesterday's night shift may still run
        for _ in range(MAX_DAYS_AHEAD):
            for start, end in self.intervals_on(day):
                if end > at:
                    yield max(start, at), end
            day += timedelta(days=1)

    def is_open(self, at: datetime) -> bool:
        for start, _end in self._intervals_from(at):
            return start <= at
        return False

    def add_business_minutes(self, start: datetime, minutes: float) -> datetime:
        """The instant when `minutes` of open time have passed since `start`."""
        if self.always_open:
            return start + timedelta(minutes=minutes)
        remaining = timedelta(minutes=minutes)
        last_end = start
        for begin, end in self._intervals_from(start):
            span = end - begin
            if remaining <= span:
                return begin + remaining
            remaining -= span
            last_end = end
        raise ValueError(f"no business hours within {MAX_DAYS_AHEAD} days after {last_end:%Y-%m-%d}")

    def business_minutes_between(self, start: datetime, end: datetime) -> float:
        """Open minutes from `start` to `end` (negative when `end` is earlier)."""
        if end < start:
            return -self.business_minutes_between(end, start)
        if self.always_open:
            return (end - start).total_seconds() / 60
        total = timedelta()
        for begin, finish in self._intervals_from(start):
            if begin >= end:
                break
            total += min(finish, end) - begin
        return total.total_seconds() / 60

    def slots(self, after: datetime, slot_minutes: int, count: int) -> list[tuple[datetime, datetime]]:
        """The next `count` whole slots inside open hours, aligned to the slot length locally."""
        out: list[tuple[datetime, datetime]] = []
        step = timedelta(minutes=slot_minutes)
        for begin, end in self._intervals_from(after):
            local = self.local(begin)
            # Align to the slot grid of the local hour (09:00, 09:30, ...).
            minute_of_day = local.hour * 60 + local.minute + (1 if local.second or local.microsecond else 0)
            pad = (-minute_of_day) % slot_minutes
            cursor = (local.replace(second=0, microsecond=0) + timedelta(minutes=pad)).astimezone(UTC)
            while cursor + step <= end:
                out.append((cursor, cursor + step))
                if len(out) == count:
                    return out
                cursor += step
        return out
