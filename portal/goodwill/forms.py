"""Goodwill forms (staff and customer). Every POST goes through one of these (CSRF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DecimalField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from portal.goodwill.models import GestureKind


class OfferForm(FlaskForm):
    gesture = SelectField("Gesture", coerce=int, validators=[DataRequired()])
    value = DecimalField("Value (percent, or amount in the gesture's currency)", places=2,
                         validators=[Optional(), NumberRange(min=0, max=1_000_000)])
    wording = TextAreaField("Text for the customer (checked: never tie it to a review)",
                            validators=[Optional(), Length(max=2000)])
    submit = SubmitField("Offer")


class DecisionForm(FlaskForm):
    note = TextAreaField("Note", validators=[Optional(), Length(max=500)])
    submit = SubmitField("Save")


class ActionForm(FlaskForm):
    """A button with nothing else to send (withdraw, mark done)."""

    submit = SubmitField("Go")


class CustomerChoiceForm(FlaskForm):
    accept = SubmitField(_l("Accept"))
    decline = SubmitField(_l("No, thank you"))


class GestureForm(FlaskForm):
    kind = SelectField("Kind", choices=[(k.value, k.value.replace("_", " ")) for k in GestureKind])
    name = StringField("Name", validators=[DataRequired(), Length(max=80)])
    value = DecimalField("Default value (percent, or amount)", places=2,
                         validators=[Optional(), NumberRange(min=0)])
    currency = StringField("Currency", default="EUR", validators=[DataRequired(), Length(min=3, max=3)])
    validity_days = IntegerField("Valid for (days)", default=90,
                                 validators=[DataRequired(), NumberRange(min=1, max=3650)])
    agent_limit = DecimalField("Agents may offer up to", places=2, validators=[Optional(), NumberRange(min=0)])
    lead_limit = DecimalField("Leads may offer up to", places=2, validators=[Optional(), NumberRange(min=0)])
    wording_en = TextAreaField("Wording (en)", validators=[Optional(), Length(max=2000)])
    wording_fa = TextAreaField("Wording (fa)", validators=[Optional(), Length(max=2000)])
    wording_hy = TextAreaField("Wording (hy)", validators=[Optional(), Length(max=2000)])
    wording_ro = TextAreaField("Wording (ro)", validators=[Optional(), Length(max=2000)])
    active = BooleanField("In the catalogue", default=True)
    submit = SubmitField("Save gesture")
