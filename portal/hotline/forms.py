"""Forms of the hotline: the customer's callback request and the staff's call log."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import UUID, DataRequired, Length, Optional, ValidationError

from portal.core.errors import ValidationFailed
from portal.core.phones import normalise_phone
from portal.hotline.models import CallOutcome


class CallbackForm(FlaskForm):
    submission_key = HiddenField(validators=[DataRequired(), UUID()])
    phone = StringField(_l("Your phone number"), validators=[
        DataRequired(message=_l("Please give a phone number so we can call you.")), Length(max=40)])
    slot = SelectField(_l("When should we call?"), validators=[
        DataRequired(message=_l("Please choose a time."))])
    note = TextAreaField(_l("What is it about? (optional)"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Call me back"))

    def __init__(self, *args, region: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._region = region

    def validate_phone(self, field):
        try:
            normalise_phone(field.data, self._region)
        except ValidationFailed as exc:
            raise ValidationError(_l(
                "Please check the number; with the country code it always works, e.g. +40 721 234 567."
            )) from exc


OUTCOME_CHOICES = [
    (CallOutcome.REACHED.value, "Reached the customer"),
    (CallOutcome.NO_ANSWER.value, "No answer"),
    (CallOutcome.WRONG_NUMBER.value, "Wrong number"),
    (CallOutcome.RESOLVED.value, "Resolved on the phone"),
]


class CallLogForm(FlaskForm):
    outcome = SelectField("Outcome", choices=OUTCOME_CHOICES, validators=[DataRequired()])
    note = TextAreaField("What was said", validators=[Optional(), Length(max=2000)])
    submit = SubmitField("Log the call")
