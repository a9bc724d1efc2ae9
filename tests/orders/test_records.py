"""Order dates from any channel: offsets kept, no offset means the business time zone."""

from datetime import UTC, datetime

import pytest

from portal.errors import ValidationFailed
from portal.orders.records import clean_order, parse_datetime


@pytest.mark.parametrize(("text", "tz", "expected"), [
    ("2026-01-05", "UTC", datetime(2026, 1, 5, tzinfo=UTC)),
    ("2026-01-05 10:30", "UTC", datetime(2026, 1, 5, 10, 30, tzinfo=UTC)),
    ("2026-07-05 10:30", "Europe/Bucharest", datetime(2026, 7, 5, 7, 30, tzinfo=UTC)),  # summer, +3
    ("2026-01-05 10:30", "Asia/Tehran", datetime(2026, 1, 5, 7, 0, tzinfo=UTC)),  # +3:30
    ("2026-03-14T09:15:02+03:30", "Europe/Bucharest", datetime(2026, 3, 14, 5, 45, 2, tzinfo=UTC)),
    ("2024-01-15 10:23:45 -0500", "UTC", datetime(2024, 1, 15, 15, 23, 45, tzinfo=UTC)),
])
def test_order_dates_are_stored_in_utc(text, tz, expected):
    parsed = parse_datetime(text, tz)
    assert parsed == expected and parsed.utcoffset().total_seconds() == 0


def test_an_order_date_that_is_no_date_is_refused_with_the_format_to_use():
    with pytest.raises(ValidationFailed, match="use YYYY-MM-DD"):
        parse_datetime("05/01/2026")


def test_clean_order_builds_the_record_field_by_field():
    record = clean_order({"number": " A-1 ", "external_id": "77", "customer_name": "Jane",
                          "email": "j@example.com", "phone": "+40 21 000", "country": "ro",
                          "ordered_at": "2026-01-05", "items": "2 x Mug; Tea"})
    assert record == ("A-1", "77", "Jane", "j@example.com", "+40 21 000", "ro", "RO",
                      datetime(2026, 1, 5, tzinfo=UTC), [{"name": "Mug", "qty": 2}, {"name": "Tea", "qty": 1}])
