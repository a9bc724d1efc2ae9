"""The review-link form."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from portal.reviews.services import LOCALES


class ReviewLinkForm(FlaskForm):
    platform = StringField("Platform (e.g. google, trustpilot, amazon)",
                           validators=[DataRequired(), Length(max=40)])
    locale = SelectField("Language", choices=[(code, "every language" if code == "*" else code)
                                              for code in LOCALES])
    name = StringField("Name shown to customers", validators=[DataRequired(), Length(max=80)])
    url = StringField("Review page (https://...)", validators=[DataRequired(), Length(max=500)])
    position = IntegerField("Order on the page", default=0, validators=[Optional(), NumberRange(0, 99)])
    active = BooleanField("Shown", default=True)
    submit = SubmitField("Save link")
