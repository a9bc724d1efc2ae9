"""The brand settings form: fields per card language are generated from the wording fields."""

from __future__ import annotations

from dataclasses import fields

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from portal.brand.card_words import DEFAULT_WORDS, LIMITS, CardWords
from portal.core.languages import ENGLISH_NAMES, LANGUAGE_NAMES, SUPPORTED_LOCALES

WORD_FIELDS = [f.name for f in fields(CardWords)]
LANGUAGES = {code: LANGUAGE_NAMES[code] if code == "en" else f"{LANGUAGE_NAMES[code]} ({ENGLISH_NAMES[code]})"
             for code in SUPPORTED_LOCALES}
LABELS = {"headline": "Headline", "invitation": "Invitation", "scan": "Scan hint",
          "or_type": "Typed fallback (must contain {site})", "code_label": "Code label",
          "order_label": "Order label"}
_COLOUR = Regexp(r"^#[0-9a-fA-F]{6}$", message="Write colours as #rrggbb.")


class BrandForm(FlaskForm):
    name = StringField("Brand name", validators=[DataRequired(), Length(max=80)])
    primary_colour = StringField("Main colour", validators=[DataRequired(), _COLOUR])
    accent_colour = StringField("Accent colour", validators=[DataRequired(), _COLOUR])
    logo = FileField("Logo (PNG or JPEG, at most 512 KB)")
    remove_logo = BooleanField("Remove the logo")

    def word_fields(self, locale: str):
        return [getattr(self, f"{locale}_{name}") for name in WORD_FIELDS]

    def words(self) -> dict[str, dict[str, str]]:
        return {locale: {name: getattr(self, f"{locale}_{name}").data or ""
                         for name in WORD_FIELDS} for locale in DEFAULT_WORDS}


for _locale in DEFAULT_WORDS:
    for _name in WORD_FIELDS:
        _kind = TextAreaField if _name == "invitation" else StringField
        setattr(BrandForm, f"{_locale}_{_name}", _kind(
            LABELS[_name], validators=[Optional(), Length(max=LIMITS[_name])],
            render_kw={"dir": "auto", "lang": _locale}))
