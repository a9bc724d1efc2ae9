"""The outbox worker: send what is due, retry with back-off.

Each message is claimed with a conditional UPDATE, so two workers never send
the same row. A failed send is retried later; the outage is only recorded.
It commits per message: one failure never undoes another's send.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from portal.core.database import utcnow, write_intent
from portal.core.extensions import db
from portal.notify import webhook
from portal.notify.delivery import render, send
from portal.notify.models import OutboxMessage

MAX_ATTEMPTS = 12
SENDING_TIMEOUT = timedelta(minutes=10)


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


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
                    send(render(message))
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
