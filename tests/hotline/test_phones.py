"""Phone numbers are validated and normalised to E.164 (phonenumbers)."""

import pytest

from portal.core.errors import ValidationFailed
from portal.core.phones import display_phone, normalise_phone


@pytest.mark.parametrize(("raw", "region", "e164"), [
    ("0912 345 6789", "IR", "+989123456789"),  # Iranian mobile, national format
    ("+98 21 8888 7777", None, "+982188887777"),  # Tehran landline, international
    ("۰۹۱۲ ۳۴۵ ۶۷۸۹", "IR", "+989123456789"),  # written with Persian digits
    ("077 123456", "AM", "+37477123456"),  # Armenian mobile
    ("+374 10 123456", None, "+37410123456"),  # Yerevan landline
    ("0721 234 567", "RO", "+40721234567"),  # Romanian mobile
    ("+40 (21) 312 34 56", "GB", "+40213123456"),  # the country code wins over the region
])
def test_numbers_from_the_three_countries(raw, region, e164):
    assert normalise_phone(raw, region) == e164


@pytest.mark.parametrize(("raw", "region"), [
    ("", "RO"), ("12", "RO"), ("call me", None), ("0721 234 567", None), ("+40 721", None),
    ("+98 912 345 678 999", None),
])
def test_bad_numbers_are_refused_with_a_reason(raw, region):
    with pytest.raises(ValidationFailed):
        normalise_phone(raw, region)


def test_display_is_international():
    assert display_phone("+989123456789") == "+98 912 345 6789"
