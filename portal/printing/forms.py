"""Forms of the printing pages (CSRF through Flask-WTF)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, TextAreaField
from wtforms.validators import Length, Optional

from portal.printing.layouts import DEFAULT_LAYOUT, LAYOUTS


class NewBatchForm(FlaskForm):
    unprinted = BooleanField("Only orders not printed yet", default=True)
    since = DateField("Ordered from", validators=[Optional()])
    until = DateField("Ordered until", validators=[Optional()])
    numbers = TextAreaField("Order numbers (hand-picked or one to reprint)",
                            validators=[Optional(), Length(max=200_000)])
    layout = SelectField("Layout", choices=[(k, v.label) for k, v in LAYOUTS.items()],
                         default=DEFAULT_LAYOUT)


class BatchActionForm(FlaskForm):
    """Cancel and retry carry nothing but the CSRF token."""
