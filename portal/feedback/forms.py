from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import UUID, DataRequired, Email, Length, Optional, ValidationError

from portal.core.text import MESSAGE_MAX
from portal.photos.fields import photo_field
from portal.routing.categories import Category
from portal.tickets.models import ContactPreference

CATEGORY_CHOICES = [
    (Category.DAMAGED.value, _l("Something arrived damaged")),
    (Category.MISSING_ITEM.value, _l("An item is missing")),
    (Category.WRONG_ITEM.value, _l("I received the wrong item")),
    (Category.LATE.value, _l("It arrived late")),
    (Category.QUALITY.value, _l("The quality is not what I expected")),
    (Category.OTHER.value, _l("Something else")),
]
CONTACT_CHOICES = [
    (ContactPreference.REPLY_HERE.value, _l("Reply here, on this page")),
    (ContactPreference.EMAIL.value, _l("By email")),
    (ContactPreference.PHONE.value, _l("By phone")),
]
STAR_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class RatingForm(FlaskForm):
    stars = RadioField(_l("How did it go?"), choices=STAR_CHOICES, validators=[DataRequired()])
    submit = SubmitField(_l("Send rating"))


class ReportForm(FlaskForm):
    submission_key = HiddenField(validators=[DataRequired(), UUID()])
    category = RadioField(_l("What went wrong?"), choices=CATEGORY_CHOICES,
                          validators=[DataRequired(message=_l("Please choose what went wrong."))])
    description = TextAreaField(
        _l("Tell us what happened"),
        validators=[DataRequired(message=_l("Please tell us what happened.")),
                    Length(max=MESSAGE_MAX, message=_l("Please keep it under %(max)d characters."))],
    )
    contact_preference = RadioField(
        _l("How should we reach you?"), choices=CONTACT_CHOICES,
        default=ContactPreference.REPLY_HERE.value, validators=[DataRequired()],
    )
    email = StringField(_l("Email"), validators=[
        Optional(), Email(message=_l("This email address does not look right.")), Length(max=254)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(min=5, max=40)])
    photos = photo_field()
    submit = SubmitField(_l("Send to our team"))

    def __init__(self, *args, order_has_email=False, order_has_phone=False, **kwargs):
        super().__init__(*args, **kwargs)
        self._order_has_email = order_has_email
        self._order_has_phone = order_has_phone

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        # Cross-field rules run after the per-field ones (Optional() would skip them).
        preference = self.contact_preference.data
        if preference == ContactPreference.EMAIL.value and not (self.email.data or self._order_has_email):
            self.email.errors = [*self.email.errors, _l("Please give an email address so we can answer by email.")]
            ok = False
        if preference == ContactPreference.PHONE.value and not (self.phone.data or self._order_has_phone):
            self.phone.errors = [*self.phone.errors, _l("Please give a phone number so we can call you.")]
            ok = False
        return ok

    def validate_phone(self, field):
        if field.data and not all(c.isdigit() or c in "+-() ." for c in field.data):
            raise ValidationError(_l("A phone number has only digits, spaces and + - ( )."))


class CustomerReplyForm(FlaskForm):
    body = TextAreaField(_l("Your message"), validators=[
        DataRequired(message=_l("Please write a message.")), Length(max=MESSAGE_MAX)])
    photos = photo_field()
    submit = SubmitField(_l("Send"))


class ConfirmForm(FlaskForm):
    comment = TextAreaField(_l("Anything to add? (optional)"), validators=[Optional(), Length(max=MESSAGE_MAX)])
    solved = SubmitField(_l("Yes, it is solved"))
    not_solved = SubmitField(_l("No, not yet"))


class LocaleForm(FlaskForm):
    locale = HiddenField(validators=[DataRequired()])
