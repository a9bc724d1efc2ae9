"""Forms of the staff workspace (every POST carries a CSRF token)."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from portal.core.languages import SUPPORTED_LOCALES
from portal.core.text import MESSAGE_MAX
from portal.queue.models import ReplyStep
from portal.tickets.models import FlagKind


class ClaimForm(FlaskForm):
    submit = SubmitField("Claim")


class ReplyForm(FlaskForm):
    # The ticket's version when the page was opened: a reply to a changed ticket is held.
    version = HiddenField()
    body = TextAreaField("Reply to the customer", validators=[DataRequired(), Length(max=MESSAGE_MAX)])
    send_anyway = BooleanField("I have read what changed; send my reply anyway")
    submit = SubmitField("Send reply")


class NoteForm(FlaskForm):
    body = TextAreaField("Internal note (never shown to the customer)",
                         validators=[DataRequired(), Length(max=MESSAGE_MAX)])
    submit = SubmitField("Add note")


class HandOverForm(FlaskForm):
    to = SelectField("Hand over to", coerce=int, validators=[DataRequired()])
    note = TextAreaField("Note for your colleague", validators=[DataRequired(), Length(max=2000)])
    submit = SubmitField("Hand over")


class ResolveForm(FlaskForm):
    message = TextAreaField("Closing message (optional)", validators=[Optional(), Length(max=MESSAGE_MAX)])
    submit = SubmitField("Mark resolved and ask the customer")


class FlagForm(FlaskForm):
    kind = SelectField("Kind", choices=[(FlagKind.THREAT.value, "Threat"),
                                        (FlagKind.OBSCENITY.value, "Obscenity"),
                                        (FlagKind.INSULT.value, "Personal insult")],
                       validators=[DataRequired()])
    reason = TextAreaField("Why", validators=[DataRequired(), Length(max=500)])
    submit = SubmitField("Flag")


class FinalOfferForm(FlaskForm):
    body = TextAreaField("Final offer to the customer", validators=[DataRequired(), Length(max=MESSAGE_MAX)])
    submit = SubmitField("Make the final offer and close politely")


class CannedReplyForm(FlaskForm):
    locale = SelectField("Language", choices=[(c, c) for c in SUPPORTED_LOCALES])
    step = SelectField("Step", choices=[(s.value, s.value) for s in ReplyStep])
    title = StringField("Title", validators=[DataRequired(), Length(max=80)])
    body = TextAreaField("Text ({first_name}, {order_number}, {agent_name} are filled in)",
                         validators=[DataRequired(), Length(max=MESSAGE_MAX)])
    submit = SubmitField("Add canned reply")
