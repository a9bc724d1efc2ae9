"""The customer's ticket page: conversation, replies, "is it solved?", and the emailed link."""

import re

import sqlalchemy as sa

from portal.notify.jobs import deliver_pending
from portal.tickets import services as tickets
from portal.tickets.models import AuditEvent, Status
from tests.helpers import csrf_from


def _customer_on_ticket(app, factory, **order_fields):
    order, token = factory.order(**order_fields)
    ticket = factory.ticket(order)
    client = app.test_client()
    client.get(f"/o/{token}")
    return client, ticket


def test_internal_notes_never_reach_the_customer(app, db, factory):
    client, ticket = _customer_on_ticket(app, factory)
    staff = factory.staff(name="Omid")
    tickets.add_note(ticket, staff, "Customer seems upset; check the carrier first.")
    tickets.staff_reply(ticket, staff, "We are so sorry. A replacement ships today.")
    db.session.commit()
    page = client.get(f"/ticket/{ticket.id}").text
    assert "A replacement ships today." in page
    assert "check the carrier" not in page
    assert "Omid is handling your request." in page


def test_customer_reply_puts_the_ticket_back_in_front_of_staff(app, db, factory):
    client, ticket = _customer_on_ticket(app, factory)
    staff = factory.staff()
    tickets.staff_reply(ticket, staff, "Could you send a photo?")
    db.session.commit()
    assert ticket.status is Status.WAITING_CUSTOMER
    page = client.get(f"/ticket/{ticket.id}")
    response = client.post(f"/ticket/{ticket.id}/reply",
                           data={"body": "Here it is.", "csrf_token": csrf_from(page.text)})
    assert response.status_code == 303
    db.session.refresh(ticket)
    assert ticket.status is Status.OPEN
    assert ticket.messages[-1].body == "Here it is."


def _resolved(app, db, factory):
    client, ticket = _customer_on_ticket(app, factory)
    staff = factory.staff()
    tickets.staff_reply(ticket, staff, "Refund sent.")
    tickets.resolve(ticket, staff)
    db.session.commit()
    return client, ticket


def test_yes_closes_the_ticket(app, db, factory):
    client, ticket = _resolved(app, db, factory)
    page = client.get(f"/ticket/{ticket.id}")
    assert "Is your problem solved?" in page.text
    client.post(f"/ticket/{ticket.id}/confirm", data={"solved": "Yes", "csrf_token": csrf_from(page.text)})
    db.session.refresh(ticket)
    assert ticket.status is Status.CLOSED and ticket.closed_at is not None
    actions = db.session.scalars(sa.select(AuditEvent.action).where(AuditEvent.ticket_id == ticket.id)).all()
    assert actions[-1] == "confirmed"


def test_no_reopens_the_ticket_and_keeps_the_comment(app, db, factory):
    client, ticket = _resolved(app, db, factory)
    page = client.get(f"/ticket/{ticket.id}")
    client.post(f"/ticket/{ticket.id}/confirm", data={
        "not_solved": "No", "comment": "The refund never arrived.", "csrf_token": csrf_from(page.text)})
    db.session.refresh(ticket)
    assert ticket.status is Status.OPEN and ticket.resolved_at is None
    assert ticket.messages[-1].body == "The refund never arrived."
    assert ticket.events[-1].action == "reopened"


def test_a_reply_after_closing_reopens(app, db, factory):
    client, ticket = _resolved(app, db, factory)
    tickets.confirm(ticket, solved=True)
    db.session.commit()
    page = client.get(f"/ticket/{ticket.id}")
    client.post(f"/ticket/{ticket.id}/reply", data={"body": "It broke again.", "csrf_token": csrf_from(page.text)})
    db.session.refresh(ticket)
    assert ticket.status is Status.OPEN
    assert "reopened" in [e.action for e in ticket.events]


def test_confirming_a_ticket_that_is_not_resolved_is_refused(app, db, factory):
    client, ticket = _customer_on_ticket(app, factory)
    page = client.get(f"/ticket/{ticket.id}")
    response = client.post(f"/ticket/{ticket.id}/confirm", data={"solved": "Yes", "csrf_token": csrf_from(page.text)},
                           follow_redirects=True)
    assert "not waiting for your confirmation" in response.text
    db.session.refresh(ticket)
    assert ticket.status is Status.OPEN


def test_the_ticket_link_is_emailed_over_smtp_and_works(app, db, factory, smtp_sink):
    order, _ = factory.order(email="mina@example.com")
    factory.ticket(order, contact_email="mina@example.com")
    report = deliver_pending()
    assert report.sent >= 1 and report.failed == 0
    [mail] = smtp_sink.to("mina@example.com")
    assert "We received your message" in mail["Subject"]
    link = re.search(r"http://portal\.test(/t/[A-Za-z0-9_-]{22})", mail.get_content()).group(1)
    other = app.test_client()
    assert other.get(link).status_code == 303


def test_mail_that_fails_is_retried_later_not_lost(app, db, factory, smtp_sink):
    order, _ = factory.order(email="arev@example.com")
    factory.ticket(order, contact_email="arev@example.com")
    smtp_sink.stop()
    down = deliver_pending()
    assert down.sent == 0 and down.failed == 1
    from portal.notify.models import OutboxMessage

    message = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.recipient == "arev@example.com")).one()
    assert message.status == "pending" and message.attempts == 1
    smtp_sink.start()
    message.next_attempt_at = message.created_at  # due again now
    db.session.commit()
    up = deliver_pending()
    assert up.sent == 1
    assert len(smtp_sink.to("arev@example.com")) == 1
