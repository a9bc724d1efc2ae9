"""Phone numbers: parsed and normalised to E.164 with the `phonenumbers` library.

A number written without a country code is read in the order's country
(e.g. 0912 345 6789 in IR, 077 123456 in AM, 0721 234 567 in RO).
"""

from __future__ import annotations

import phonenumbers

from portal.core.errors import ValidationFailed


def normalise_phone(raw: str, region: str | None = None) -> str:
    text = (raw or "").strip()
    if not text:
        raise ValidationFailed("a phone number is needed")
    try:
        number = phonenumbers.parse(text, (region or "").upper() or None)
    except phonenumbers.NumberParseException as exc:
        raise ValidationFailed(
            "this does not look like a phone number; include the country code, e.g. +40 721 234 567"
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationFailed("this phone number is not valid; please check the digits")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """International format for people: +98 912 345 6789."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
