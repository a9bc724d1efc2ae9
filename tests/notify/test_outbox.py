"""The outbox: written with the change, delivered over real SMTP with retries, never twice."""

from datetime import timedelta

from sqlalchemy import select, update

from portal.core.database import utcnow
from portal.notify.jobs import deliver_pending
from portal.notify.models import OutboxMessage
from portal.tickets import services as tickets


def _make_due(db):
    db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()


def test_nothing_is_queued_or_sent_for_a_change_that_rolled_back(db, factory, smtp_sink):
    ticket = factory.ticket(contact_email="buyer@example.com")
    deliver_pending()
    before = len(smtp_sink.inbox)
    tickets.staff_reply(ticket, factory.staff(), "A reply that never happened.")
    db.session.rollback()
    assert db.session.scalar(select(OutboxMessage).where(OutboxMessage.template == "staff_reply")) is None
    assert deliver_pending().sent == 0 and len(smtp_sink.inbox) == before


def test_mail_server_down_then_back_loses_nothing_and_sends_once(db, factory, smtp_sink):
    lead = factory.staff("lead")
    ticket = factory.ticket(contact_email="buyer@example.com")
    agent = factory.staff()
    tickets.staff_reply(ticket, agent, "Here is what we will do.")
    db.session.commit()

    smtp_sink.stop()
    down = deliver_pending()
    assert down.sent == 0 and down.failed == 3
    rows = db.session.scalars(select(OutboxMessage)).all()
    assert {r.status for r in rows} == {"pending"} and all(r.attempts == 1 for r in rows)
    assert all(r.last_error and r.next_attempt_at > utcnow() for r in rows)  # backed off
    assert deliver_pending().failed == 0  # not due yet: no hammering of a dead server

    smtp_sink.start()
    _make_due(db)
    up = deliver_pending()
    assert up.sent == 3
    assert [m["Subject"] for m in smtp_sink.to("buyer@example.com")] == [
        f"We received your message ({ticket.ref})", f"A reply to your message ({ticket.ref})"]
    assert len(smtp_sink.to(lead.email)) == 1
    _make_due(db)
    assert deliver_pending().sent == 0  # sent ones stay sent
    assert len(smtp_sink.inbox) == 3


def test_duplicates_are_suppressed_by_the_dedupe_key(db, factory, smtp_sink):
    from portal.notify import services as notify

    ticket = factory.ticket(contact_email="buyer@example.com")
    assert notify.enqueue_customer_email(ticket, "ticket_opened") is None  # same cause, same key
    db.session.commit()
    deliver_pending()
    assert len(smtp_sink.to("buyer@example.com")) == 1


def test_header_injection_through_customer_fields_is_impossible(db, factory, smtp_sink):
    order, _ = factory.order(number="N-1\r\nBcc: victim@example.com", customer_name="Eve\nX-Evil: 1")
    ticket = factory.ticket(order=order, contact_email="buyer@example.com")
    ticket.contact_email = "buyer@example.com\r\nBcc: victim@example.com"
    tickets.staff_reply(ticket, factory.staff(), "Hello")
    db.session.commit()
    report = deliver_pending()
    for message in smtp_sink.inbox:
        assert message["Bcc"] is None and message["X-Evil"] is None
    assert not smtp_sink.to("victim@example.com")
    assert report.failed >= 1  # the poisoned address is refused, not sent somewhere else


def test_escalation_and_reminder_emails_render(db, factory, smtp_sink):
    from portal.notify import services as notify
    from portal.tickets.followup import FollowUpPolicy, run_follow_ups

    lead = factory.staff("lead")
    ticket = factory.ticket(contact_email="buyer@example.com")
    notify.enqueue_escalation(ticket, 2)
    tickets.staff_reply(ticket, factory.staff(), "Answer")
    run_follow_ups(ticket.waiting_since + timedelta(hours=25), FollowUpPolicy())
    db.session.commit()
    deliver_pending()
    subjects = {m["Subject"] for m in smtp_sink.inbox}
    assert f"Ticket {ticket.ref} is past its response limit" in subjects
    assert f"We are still here for you ({ticket.ref})" in subjects
    body = smtp_sink.to(lead.email)[-1].get_content()
    assert "past its limit" in body and f"/staff/tickets/{ticket.id}" in body


def test_outbox_job_delivers(app, db, factory, smtp_sink):
    from portal.notify import tasks

    factory.ticket(contact_email="buyer@example.com")
    tasks.deliver_outbox.call_local()
    assert len(smtp_sink.to("buyer@example.com")) == 1
