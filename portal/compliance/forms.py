"""Forms of the compliance page."""

from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.core.text import MESSAGE_MAX
from portal.wording.classifier import LANGUAGES
from portal.wording.marketplace import MARKETPLACES


class MarketplaceForm(FlaskForm):
    marketplace = SelectField("Marketplace mode", choices=[("", "Off (independent shop)")]
                              + [(m, m.capitalize()) for m in MARKETPLACES])
    submit = SubmitField("Save")


class WordingForm(FlaskForm):
    lang = SelectField("Language", choices=[(code, code) for code in LANGUAGES])
    text = TextAreaField("Text to check", validators=[DataRequired(), Length(max=MESSAGE_MAX)])
    submit = SubmitField("Check")
