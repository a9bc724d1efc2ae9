"""Reading and changing the brand settings. Services flush; the caller commits."""

from __future__ import annotations

import io
import re

from flask import current_app
from sqlalchemy import select

from portal.brand.card_words import DEFAULT_WORDS, CardWords, check_words
from portal.brand.look import BrandLook
from portal.brand.models import BrandSettings
from portal.core.database import utcnow
from portal.core.errors import ValidationFailed
from portal.core.extensions import db
from portal.wording import ensure_allowed
from portal.wording.marketplace import marketplace_mode

COLOUR = re.compile(r"\A#[0-9a-fA-F]{6}\Z")
LOGO_MAX_BYTES = 512 * 1024
LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}


def current() -> BrandSettings | None:
    return db.session.scalar(select(BrandSettings).order_by(BrandSettings.id).limit(1))


def words_for(settings: BrandSettings | None, locale: str) -> CardWords:
    """The brand's wording for a language, falling back field by field to the defaults."""
    default = DEFAULT_WORDS.get(locale, DEFAULT_WORDS["en"])
    saved = ((settings.card_words if settings else None) or {}).get(locale) or {}
    merged = {**default.as_dict(), **{k: v for k, v in saved.items() if v}}
    return CardWords(**merged)


def all_words(settings: BrandSettings | None) -> dict[str, CardWords]:
    return {locale: words_for(settings, locale) for locale in DEFAULT_WORDS}


def look(settings: BrandSettings | None) -> BrandLook:
    if settings is None:
        return BrandLook(name=current_app.config["BRAND_NAME"])
    logo = (settings.logo, settings.logo_mime) if settings.logo else None
    return BrandLook(settings.name, settings.primary_colour, settings.accent_colour, logo)


def check_logo(data: bytes) -> str:
    """The logo's MIME type, if it is a real PNG or JPEG of a sensible size."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > LOGO_MAX_BYTES:
        raise ValidationFailed("the logo may be at most 512 KB")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationFailed("the logo must be a PNG or JPEG image") from exc
    if kind not in LOGO_TYPES:
        raise ValidationFailed("the logo must be a PNG or JPEG image")
    return LOGO_TYPES[kind]


def update_brand(*, name: str, primary_colour: str, accent_colour: str,
                 words: dict[str, dict[str, str]], logo: bytes | None = None,
                 remove_logo: bool = False, staff_id: int | None = None) -> BrandSettings:
    """Save the settings; refuses non-compliant card wording with the reason."""
    name = (name or "").strip()
    if not name or len(name) > 80:
        raise ValidationFailed("the brand name is required (at most 80 characters)")
    ensure_allowed(name, "en", "the brand name")  # printed on every card, in every language
    for colour in (primary_colour, accent_colour):
        if not COLOUR.match(colour or ""):
            raise ValidationFailed("colours are written as #rrggbb")
    cleaned = {}
    for locale, fields in words.items():
        if locale not in DEFAULT_WORDS:
            raise ValidationFailed(f"unsupported card language {locale!r}")
        cleaned[locale] = {k: (v or "").strip() for k, v in fields.items()}
    settings = current() or BrandSettings(card_words={})
    probe = BrandSettings(card_words=cleaned)
    for locale in cleaned:
        check_words(locale, words_for(probe, locale), marketplace_mode())
    if logo:
        settings.logo_mime = check_logo(logo)
        settings.logo = logo
    elif remove_logo:
        settings.logo, settings.logo_mime = None, None
    settings.name = name
    settings.primary_colour = primary_colour.lower()
    settings.accent_colour = accent_colour.lower()
    settings.card_words = cleaned
    settings.updated_by_id = staff_id
    settings.updated_at = utcnow()
    db.session.add(settings)
    db.session.flush()
    return settings
