"""Time arithmetic in business hours: weekends, holidays, time zones, daylight saving."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from portal.routing.business_hours import Calendar, parse_hours

NINE_TO_FIVE = parse_hours("09:00-17:00")


def cal(zone: str, weekdays, hours=NINE_TO_FIVE, closed=()):
    return Calendar(zone=ZoneInfo(zone), weekly={d: hours for d in weekdays}, closed_days=frozenset(closed))


def local(zone: str, *args) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def test_minutes_inside_one_open_interval():
    c = cal("Europe/Bucharest", range(5))
    start = local("Europe/Bucharest", 2026, 11, 23, 10, 0)  # a Monday
    assert c.add_business_minutes(start, 15) == start + timedelta(minutes=15)


def test_report_after_closing_on_friday_counts_from_monday_morning():
    c = cal("Europe/Bucharest", range(5))  # Monday-Friday
    friday_evening = local("Europe/Bucharest", 2026, 11, 27, 16, 50)
    due = c.add_business_minutes(friday_evening, 60)
    assert due == local("Europe/Bucharest", 2026, 11, 30, 9, 50)  # 10 min Friday, 50 Monday


def test_iranian_weekend_is_friday_and_the_work_week_starts_on_saturday():
    # Saturday to Wednesday full days, Thursday half a day, Friday closed.
    weekly = {d: NINE_TO_FIVE for d in (5, 6, 0, 1, 2)}
    weekly[3] = parse_hours("09:00-13:00")
    c = Calendar(zone=ZoneInfo("Asia/Tehran"), weekly=weekly)
    thursday_noon = local("Asia/Tehran", 2026, 11, 26, 12, 30)
    due = c.add_business_minutes(thursday_noon, 60)
    # 30 minutes on Thursday, Friday closed, the other 30 on Saturday morning.
    assert due == local("Asia/Tehran", 2026, 11, 28, 9, 30)
    assert c.is_open(local("Asia/Tehran", 2026, 11, 28, 10, 0))  # Saturday is a working day
    assert not c.is_open(local("Asia/Tehran", 2026, 11, 27, 10, 0))  # Friday is not


def test_holiday_is_skipped():
    c = cal("Europe/Bucharest", range(5), closed={date(2026, 12, 1)})  # Romania's national day
    monday_late = local("Europe/Bucharest", 2026, 11, 30, 16, 30)
    assert c.add_business_minutes(monday_late, 60) == local("Europe/Bucharest", 2026, 12, 2, 9, 30)


def test_same_hours_in_another_time_zone_give_other_instants():
    start = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # 09:30 in Tehran, 08:00 in Bucharest
    tehran = cal("Asia/Tehran", range(7)).add_business_minutes(start, 15)
    bucharest = cal("Europe/Bucharest", range(7)).add_business_minutes(start, 15)
    assert tehran == start + timedelta(minutes=15)
    assert bucharest == datetime(2026, 11, 23, 7, 15, tzinfo=UTC)  # opens 09:00 local = 07:00 UTC


def test_spring_forward_night_shift_is_an_hour_shorter():
    # Bucharest moves clocks from 03:00 to 04:00 on 29 March 2026.
    c = cal("Europe/Bucharest", range(7), hours=parse_hours("00:00-06:00"))
    start = local("Europe/Bucharest", 2026, 3, 29, 0, 0)
    end = local("Europe/Bucharest", 2026, 3, 29, 6, 0)
    assert c.business_minutes_between(start, end) == 5 * 60
    assert c.add_business_minutes(start, 5 * 60) == end


def test_fall_back_night_shift_is_an_hour_longer():
    # ... and from 04:00 back to 03:00 on 25 October 2026.
    c = cal("Europe/Bucharest", range(7), hours=parse_hours("00:00-06:00"))
    start = local("Europe/Bucharest", 2026, 10, 25, 0, 0)
    end = local("Europe/Bucharest", 2026, 10, 25, 6, 0)
    assert c.business_minutes_between(start, end) == 7 * 60


def test_office_hours_across_dst_change_keep_the_local_opening_time():
    c = cal("Europe/Bucharest", range(5))
    friday = local("Europe/Bucharest", 2026, 3, 27, 16, 45)  # UTC+2 before the weekend
    due = c.add_business_minutes(friday, 30)
    assert due.astimezone(ZoneInfo("Europe/Bucharest")).time() == time(9, 15)  # Monday, UTC+3
    assert due == datetime(2026, 3, 30, 6, 15, tzinfo=UTC)


def test_overnight_hours_until_midnight_and_business_minutes_between():
    c = cal("UTC", range(7), hours=parse_hours("18:00-24:00"))
    start = datetime(2026, 1, 1, 23, 0, tzinfo=UTC)
    assert c.add_business_minutes(start, 90) == datetime(2026, 1, 2, 18, 30, tzinfo=UTC)
    assert c.business_minutes_between(start, datetime(2026, 1, 2, 18, 30, tzinfo=UTC)) == 90
    assert c.business_minutes_between(datetime(2026, 1, 2, 18, 30, tzinfo=UTC), start) == -90


def test_around_the_clock_counts_every_minute():
    c = Calendar.around_the_clock("Asia/Yerevan")
    start = datetime(2026, 6, 6, 3, 0, tzinfo=UTC)  # a Saturday night
    assert c.add_business_minutes(start, 60) == start + timedelta(hours=1)
    assert c.is_open(start)


def test_slots_are_aligned_and_inside_hours():
    c = cal("Asia/Yerevan", range(5))
    now = local("Asia/Yerevan", 2026, 11, 27, 16, 10)  # Friday 16:10
    slots = c.slots(now, 30, 4)
    zone = ZoneInfo("Asia/Yerevan")
    assert [s.astimezone(zone).strftime("%a %H:%M") for s, _ in slots] == [
        "Fri 16:30", "Mon 09:00", "Mon 09:30", "Mon 10:00"]
    assert all(e - s == timedelta(minutes=30) for s, e in slots)


def test_calendar_without_hours_refuses_to_compute():
    c = Calendar(zone=ZoneInfo("UTC"), weekly={})
    with pytest.raises(ValueError, match="no business hours"):
        c.add_business_minutes(datetime(2026, 1, 1, tzinfo=UTC), 15)


@pytest.mark.parametrize("text", ["9-17", "17:00-09:00", "09:00-12:00, 11:00-13:00", "nine to five"])
def test_bad_hours_are_refused(text):
    with pytest.raises(ValueError):
        parse_hours(text)
