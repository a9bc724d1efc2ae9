"""The outbox worker: render, send over SMTP, retry with back-off.

Each message is claimed with a conditional UPDATE, so two workers never send
the same row. A failed send is retried later; the outage is only recorded.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select, update

from portal.core.database import utcnow, write_intent
from portal.core.extensions import db
from portal.notify import webhook
from portal.notify.models import OutboxMessage
from portal.tickets.models import Ticket

MAX_ATTEMPTS = 12
SENDING_TIMEOUT = timedelta(minutes=10)


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


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
    from portal.tickets.services import mint_link  # the link is minted now, not stored earlier

    cfg = current_app.config
    ticket = db.session.get(Ticket, message.params["ticket_id"])
    context = {"ticket": ticket, "brand": cfg["BRAND_NAME"], "params": message.params}
    if message.template.startswith("staff_"):
        context["link"] = f"{cfg['BASE_URL']}/staff/tickets/{ticket.id}"
    else:
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


def _send(email: EmailMessage) -> None:
    cfg = current_app.config
    with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=15) as smtp:
        if cfg["MAIL_USE_STARTTLS"]:
            smtp.starttls()
        if cfg["MAIL_USERNAME"]:
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"] or "")
        smtp.send_message(email)


def _claim(message_id: int) -> bool:
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == "pending")
        .values(status="sending", attempts=OutboxMessage.attempts + 1, next_attempt_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def _failed(message_id: int, exc: Exception, report: DeliveryReport, *, permanent: bool) -> None:
    db.session.rollback()  # drops the link minted for this attempt
    message = db.session.get(OutboxMessage, message_id, populate_existing=True)
    delay = timedelta(minutes=min(2 ** message.attempts, 60))
    message.status = "failed" if permanent or message.attempts >= MAX_ATTEMPTS else "pending"
    message.next_attempt_at = utcnow() + delay
    message.last_error = f"{type(exc).__name__}: {exc}"[:500]
    report.failed += 1
    report.errors.append(message.last_error)


def deliver_pending(limit: int = 100) -> DeliveryReport:
    """Send what is due. Commits per message: one failure never undoes another's send."""
    report = DeliveryReport()
    channels = [name for name, configured in (
        ("email", current_app.config["MAIL_SERVER"]),
        ("webhook", current_app.config.get("STAFF_WEBHOOK_URL"))) if configured]
    if not channels:
        return report
    now = utcnow()
    with write_intent():
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == "sending", OutboxMessage.next_attempt_at < now - SENDING_TIMEOUT)
            .values(status="pending")
        )
        db.session.commit()
        due = db.session.scalars(
            select(OutboxMessage.id)
            .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now,
                   OutboxMessage.channel.in_(channels))
            .order_by(OutboxMessage.id).limit(limit)
        ).all()
        for message_id in due:
            if not _claim(message_id):
                continue
            message = db.session.get(OutboxMessage, message_id, populate_existing=True)
            try:
                if message.channel == "webhook":
                    webhook.post(webhook.payload(message))
                else:
                    _send(render(message))
            except (smtplib.SMTPException, OSError, webhook.WebhookError) as exc:
                _failed(message_id, exc, report, permanent=False)
            except ValueError as exc:
                # A message that cannot be built (a CR/LF in an address) never will be: stop.
                _failed(message_id, exc, report, permanent=True)
            else:
                message.status = "sent"
                message.sent_at = utcnow()
                report.sent += 1
            db.session.commit()
    return report
