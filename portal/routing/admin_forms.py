"""Forms of the routing admin page."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from portal.core.languages import SUPPORTED_LOCALES
from portal.routing.categories import Category
from portal.routing.settings import WEEKDAYS


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""

    submit = SubmitField("Go")


class QueueForm(FlaskForm):
    key = StringField("Key", validators=[DataRequired(), Length(max=40)])
    name = StringField("Name", validators=[DataRequired(), Length(max=80)])
    goal_minutes = IntegerField("Goal (business minutes)", default=15, validators=[NumberRange(1, 10000)])
    limit_minutes = IntegerField("Limit (business minutes)", default=60, validators=[NumberRange(1, 10000)])
    is_hotline = BooleanField("Hotline queue")
    submit = SubmitField("Add queue")


class RuleForm(FlaskForm):
    name = StringField("Rule name", validators=[DataRequired(), Length(max=80)])
    categories = SelectMultipleField("Categories (none: any)", choices=[(c.value, c.value) for c in Category])
    max_rating = IntegerField("Rating at most", validators=[Optional(), NumberRange(1, 5)])
    min_order_value = DecimalField("Order value at least", validators=[Optional(), NumberRange(0)])
    keywords = StringField("Any of these words (comma-separated)", validators=[Optional(), Length(max=500)])
    repeat_customer = SelectField("Repeat customer", choices=[("", "any"), ("yes", "yes"), ("no", "no")])
    locale = SelectField("Language", choices=[("", "any"), *((c, c) for c in SUPPORTED_LOCALES)])
    queue_id = SelectField("Send to queue", coerce=int, validators=[Optional()])
    to_hotline = BooleanField("Send to the hotline")
    priority = IntegerField("Priority", default=0, validators=[NumberRange(0, 9)])
    goal_minutes = IntegerField("Goal override (minutes)", validators=[Optional(), NumberRange(1, 10000)])
    limit_minutes = IntegerField("Limit override (minutes)", validators=[Optional(), NumberRange(1, 10000)])
    submit = SubmitField("Add rule")


class CalendarForm(FlaskForm):
    timezone = StringField("Time zone (e.g. Asia/Tehran)", validators=[DataRequired(), Length(max=64)])
    holiday_country = StringField("Public holidays of (country code, optional)", validators=[Optional(), Length(max=2)])
    hotline_phone = StringField("Hotline number (international)", validators=[Optional(), Length(max=40)])
    callback_slot_minutes = SelectField("Callback slot", coerce=int, default=30,
                                        choices=[(m, f"{m} min") for m in (15, 20, 30, 60)])
    submit = SubmitField("Save hours")


for _n, _day in enumerate(WEEKDAYS):
    setattr(CalendarForm, f"day{_n}", StringField(f"{_day} (e.g. 09:00-17:00; empty: closed)",
                                                  validators=[Optional(), Length(max=100)]))


class HolidayForm(FlaskForm):
    day = DateField("Date", validators=[DataRequired()])
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    submit = SubmitField("Add holiday")
