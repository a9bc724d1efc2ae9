"""Turning an outbox row into an email, and sending it over SMTP (the loop is `notify.jobs`)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from portal.core.extensions import db
from portal.notify.models import OutboxMessage
from portal.tickets.lookup import mint_link
from portal.tickets.models import Ticket


def _subject(template: str, ticket: Ticket, params: dict) -> str:
    subjects = {
        "ticket_opened": _("We received your message (%(ref)s)", ref=ticket.ref),
        "staff_reply": _("A reply to your message (%(ref)s)", ref=ticket.ref),
        "confirm_request": _("Is your problem solved? (%(ref)s)", ref=ticket.ref),
        "staff_new_ticket": f"New ticket {ticket.ref}: {ticket.category.value}",
        "staff_assigned": f"Ticket {ticket.ref} was handed to you",
        "staff_reopened": f"Ticket {ticket.ref} was reopened by the customer",
        "reminder_waiting": _("We are still here for you (%(ref)s)", ref=ticket.ref),
        "confirm_reminder": _("Is your problem solved? (%(ref)s)", ref=ticket.ref),
        "staff_escalation": f"Ticket {ticket.ref} is past its response "
                            f"{'limit' if params.get('level') == 2 else 'goal'}",
        "staff_offered": f"Ticket {ticket.ref} needs an owner: can you take it?",
    }
    return subjects[template]


def render(message: OutboxMessage) -> EmailMessage:
    cfg = current_app.config
    ticket = db.session.get(Ticket, message.params["ticket_id"])
    context = {"ticket": ticket, "brand": cfg["BRAND_NAME"], "params": message.params}
    if message.template.startswith("staff_"):
        context["link"] = f"{cfg['BASE_URL']}/staff/tickets/{ticket.id}"
    else:
        # Minted now, not stored earlier: no secret rests in the outbox.
        context["link"] = f"{cfg['BASE_URL']}/t/{mint_link(ticket, 'email')}"
    with force_locale(message.locale):
        subject = _subject(message.template, ticket, message.params)
        body = render_template(f"email/{message.template}.txt", **context)
    email = EmailMessage()
    # EmailMessage refuses CR/LF in headers, so no customer field can inject one.
    email["From"] = formataddr((cfg["BRAND_NAME"], cfg["MAIL_SENDER"]))
    email["To"] = message.recipient
    email["Subject"] = subject
    email["Message-ID"] = make_msgid(idstring=f"outbox{message.id}")
    email.set_content(body)
    return email


def send(email: EmailMessage) -> None:
    cfg = current_app.config
    with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=15) as smtp:
        if cfg["MAIL_USE_STARTTLS"]:
            smtp.starttls()
        if cfg["MAIL_USERNAME"]:
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"] or "")
        smtp.send_message(email)
