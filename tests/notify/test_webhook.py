"""The optional staff webhook: signed JSON through the same outbox, retried when the receiver is down."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from sqlalchemy import select, update

from portal.core.database import utcnow
from portal.notify.jobs import deliver_pending
from portal.notify.models import OutboxMessage
from portal.notify.webhook import SIGNATURE_HEADER, signature


class _Receiver(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((dict(self.headers), body))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver(app):
    _Receiver.received = []
    _Receiver.status = 200
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config.update(STAFF_WEBHOOK_URL=f"http://127.0.0.1:{server.server_port}/hook",
                      STAFF_WEBHOOK_SECRET="s3cret")
    yield _Receiver
    server.shutdown()


def test_new_ticket_is_posted_signed_and_without_customer_text(db, factory, receiver):
    ticket = factory.ticket(description="My private story about the parcel.")
    report = deliver_pending()
    assert report.sent == 1 and len(receiver.received) == 1
    headers, body = receiver.received[0]
    assert headers[SIGNATURE_HEADER] == signature("s3cret", body)
    data = json.loads(body)
    assert data["event"] == "staff_new_ticket" and data["ticket"] == ticket.ref
    assert data["link"].endswith(f"/staff/tickets/{ticket.id}")
    assert b"private story" not in body


def test_receiver_errors_are_retried_later(db, factory, receiver):
    receiver.status = 500
    factory.ticket()
    assert deliver_pending().failed == 1
    row = db.session.scalar(select(OutboxMessage).where(OutboxMessage.channel == "webhook"))
    assert row.status == "pending" and "500" in row.last_error
    receiver.status = 200
    db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert deliver_pending().sent == 1


def test_no_webhook_configured_queues_nothing(app, db, factory):
    app.config["STAFF_WEBHOOK_URL"] = None
    factory.ticket()
    assert db.session.scalar(select(OutboxMessage).where(OutboxMessage.channel == "webhook")) is None
