"""Forms of the staff workspace (every POST carries a CSRF token)."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from portal.tickets.models import FlagKind


class ClaimForm(FlaskForm):
    submit = SubmitField("Claim")


class ReplyForm(FlaskForm):
    # The ticket's version when the page was opened: a reply to a changed ticket is held.
    version = HiddenField()
    body = TextAreaField("Reply to the customer", validators=[DataRequired(), Length(max=5000)])
    send_anyway = BooleanField("I have read what changed; send my reply anyway")
    submit = SubmitField("Send reply")


class NoteForm(FlaskForm):
    body = TextAreaField("Internal note (never shown to the customer)",
                         validators=[DataRequired(), Length(max=5000)])
    submit = SubmitField("Add note")


class HandOverForm(FlaskForm):
    to = SelectField("Hand over to", coerce=int, validators=[DataRequired()])
    note = TextAreaField("Note for your colleague", validators=[DataRequired(), Length(max=2000)])
    submit = SubmitField("Hand over")


class ResolveForm(FlaskForm):
    message = TextAreaField("Closing message (optional)", validators=[Optional(), Length(max=5000)])
    submit = SubmitField("Mark resolved and ask the customer")


class FlagForm(FlaskForm):
    kind = SelectField("Kind", choices=[(FlagKind.THREAT.value, "Threat"),
                                        (FlagKind.OBSCENITY.value, "Obscenity"),
                                        (FlagKind.INSULT.value, "Personal insult")],
                       validators=[DataRequired()])
    reason = TextAreaField("Why", validators=[DataRequired(), Length(max=500)])
    submit = SubmitField("Flag")


class FinalOfferForm(FlaskForm):
    body = TextAreaField("Final offer to the customer", validators=[DataRequired(), Length(max=5000)])
    submit = SubmitField("Make the final offer and close politely")
