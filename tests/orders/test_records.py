"""Checking one incoming order: dates in UTC, phone shapes, named refusals, lenient cleaning."""

from datetime import UTC, datetime

import pytest

from portal.core.errors import ValidationFailed
from portal.orders.records import ITEMS_MAX, InvalidField, clean_order, clean_order_leniently, item, parse_datetime


@pytest.mark.parametrize(("text", "tz", "expected"), [
    ("2026-01-05", "UTC", datetime(2026, 1, 5, tzinfo=UTC)),
    ("2026-01-05 10:30", "UTC", datetime(2026, 1, 5, 10, 30, tzinfo=UTC)),
    ("2026-07-05 10:30", "Europe/Bucharest", datetime(2026, 7, 5, 7, 30, tzinfo=UTC)),  # summer, +3
    ("2026-01-05 10:30", "Asia/Tehran", datetime(2026, 1, 5, 7, 0, tzinfo=UTC)),  # +3:30
    ("2026-03-14T09:15:02+03:30", "Europe/Bucharest", datetime(2026, 3, 14, 5, 45, 2, tzinfo=UTC)),
    ("2024-01-15 10:23:45 -0500", "UTC", datetime(2024, 1, 15, 15, 23, 45, tzinfo=UTC)),
    # Day first with dots, as a European spreadsheet writes it.
    ("15.01.2024", "UTC", datetime(2024, 1, 15, tzinfo=UTC)),
    ("05.07.2026 10:30", "Europe/Bucharest", datetime(2026, 7, 5, 7, 30, tzinfo=UTC)),
    ("15.01.2024 10:23:45", "UTC", datetime(2024, 1, 15, 10, 23, 45, tzinfo=UTC)),
])
def test_order_dates_are_stored_in_utc(text, tz, expected):
    parsed = parse_datetime(text, tz)
    assert parsed == expected and parsed.utcoffset().total_seconds() == 0


def test_an_order_date_that_is_no_date_is_refused_with_the_format_to_use():
    for ambiguous in ("05/01/2026", "31.02.2026", "2026.01.05"):
        with pytest.raises(ValidationFailed, match="use YYYY-MM-DD"):
            parse_datetime(ambiguous)


def test_clean_order_builds_the_record_field_by_field():
    record = clean_order({"number": " A-1 ", "external_id": "77", "customer_name": "Jane",
                          "email": "j@example.com", "phone": "+40 21 000", "country": "ro",
                          "ordered_at": "2026-01-05", "items": "2 x Mug; Tea"})
    assert record == ("A-1", "77", "Jane", "j@example.com", "+40 21 000", "ro", "RO",
                      datetime(2026, 1, 5, tzinfo=UTC), [{"name": "Mug", "qty": 2}, {"name": "Tea", "qty": 1}])


@pytest.mark.parametrize("phone", ["555-0100 ext 12", "555-0100 ext. 12", "+1 (555) 0100 x12",
                                   "555 0100 X 7", "555-0100 #12", "+40 21 555 0100"])
def test_phone_numbers_may_carry_an_extension(phone):
    assert clean_order({"number": "1", "phone": phone}).phone == phone


@pytest.mark.parametrize("phone", ["call me", "ext 12", "555-0100 ext", "555-0100 ext 12 or 13",
                                   "555-0100 extension 12"])
def test_phone_numbers_still_refuse_text(phone):
    with pytest.raises(InvalidField, match="phone") as refused:
        clean_order({"number": "1", "phone": phone})
    assert refused.value.field == "phone"


@pytest.mark.parametrize(("raw", "field"), [
    ({"number": ""}, "number"),
    ({"number": "1", "email": "nope"}, "email"),
    ({"number": "1", "locale": "Română"}, "locale"),
    ({"number": "1", "country": "Romania"}, "country"),
    ({"number": "1", "ordered_at": "yesterday"}, "ordered_at"),
    ({"number": "1", "customer_name": "x" * 201}, "customer_name"),
    ({"number": "1", "external_id": "x" * 129}, "external_id"),
    ({"number": "1", "items": "2 x " + "m" * 201}, "items"),
])
def test_a_refused_field_is_named(raw, field):
    with pytest.raises(InvalidField) as refused:
        clean_order(raw)
    assert refused.value.field == field


def test_leniently_an_optional_field_that_does_not_validate_is_left_out():
    record, left_out = clean_order_leniently(
        {"number": "9001", "email": "jon@", "phone": "call me", "locale": "Română", "country": "RO",
         "customer_name": "Jon"},
        [item("Mug")] * (ITEMS_MAX + 1))
    assert (record.number, record.customer_name, record.email, record.phone) == ("9001", "Jon", None, None)
    assert record.locale == "ro"  # guessed from the country, as when no locale is given
    assert len(record.items) == ITEMS_MAX
    assert set(left_out) == {"email", "phone", "locale", "items"}
    assert "Română" in left_out["locale"]


@pytest.mark.parametrize("raw", [{"number": ""}, {"number": "1", "external_id": "x" * 129}])
def test_leniently_the_order_still_needs_a_valid_number_and_external_id(raw):
    with pytest.raises(InvalidField):
        clean_order_leniently(raw)
