from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class ClaimForm(FlaskForm):
    submit = SubmitField("Claim")


class ReplyForm(FlaskForm):
    version = HiddenField()
    body = TextAreaField("Reply to the customer", validators=[DataRequired(), Length(max=5000)])
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
