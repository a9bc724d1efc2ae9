"""The optional staff webhook for chat tools: a JSON POST signed with HMAC-SHA256.

The body names the event and the ticket and links to the staff page; it never
carries what the customer wrote, so a chat channel leaks nothing private.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.request

from flask import current_app

from portal.core.extensions import db
from portal.notify.models import OutboxMessage
from portal.tickets.models import Ticket

SIGNATURE_HEADER = "X-Portal-Signature"
TEXTS = {
    "staff_new_ticket": "New ticket {ref} ({category})",
    "staff_escalation": "Ticket {ref} is past its response {what}",
}


class WebhookError(Exception):
    """The chat tool refused or could not be reached; the outbox retries."""


def payload(message: OutboxMessage) -> dict:
    ticket = db.session.get(Ticket, message.params["ticket_id"])
    text = TEXTS.get(message.template, "{ref}").format(
        ref=ticket.ref, category=ticket.category.value,
        what="limit" if message.params.get("level") == 2 else "goal")
    return {
        "event": message.template, "ticket": ticket.ref, "text": text,
        "link": f"{current_app.config['BASE_URL']}/staff/tickets/{ticket.id}",
        "outbox_id": message.id,  # lets the receiver drop a duplicate delivery
    }


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post(data: dict) -> None:
    cfg = current_app.config
    body = json.dumps(data, ensure_ascii=False).encode()
    url = cfg["STAFF_WEBHOOK_URL"]
    if not url.startswith(("https://", "http://")):
        raise WebhookError("the webhook URL must be http(s)")
    request = urllib.request.Request(url, data=body, method="POST")  # noqa: S310 (scheme checked)
    request.add_header("Content-Type", "application/json")
    if cfg.get("STAFF_WEBHOOK_SECRET"):
        request.add_header(SIGNATURE_HEADER, signature(cfg["STAFF_WEBHOOK_SECRET"], body))
    try:
        # The scheme is checked above: only http(s), never file: or custom schemes.
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            if response.status >= 300:
                raise WebhookError(f"webhook answered {response.status}")
    except urllib.error.URLError as exc:
        raise WebhookError(str(exc)) from exc
