"""Follow-up reminders, auto-close "resolved, unconfirmed", refused resolutions and the final offer."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.core.errors import NotAllowed
from portal.notify.models import OutboxMessage
from portal.tickets import services as tickets
from portal.tickets.final_offer import final_offer_allowed, make_final_offer
from portal.tickets.followup import FollowUpPolicy, run_follow_ups
from portal.tickets.models import ClosedReason, Status

POLICY = FollowUpPolicy(quiet_reminder_hours=(24, 72), confirm_reminder_hours=(48,), auto_close_after_hours=168)


def _outbox(db, template):
    return db.session.scalars(select(OutboxMessage).where(OutboxMessage.template == template)).all()


def _answered(db, factory, email="quiet@example.com"):
    ticket = factory.ticket(contact_email=email)
    agent = factory.staff()
    tickets.staff_reply(ticket, agent, "Could you send a photo of the label?")
    db.session.commit()
    return ticket, agent


def test_quiet_customer_gets_reminders_at_24_and_72_hours_once_each(db, factory):
    ticket, _ = _answered(db, factory)
    start = ticket.waiting_since
    assert run_follow_ups(start + timedelta(hours=23), POLICY).reminded == []
    assert run_follow_ups(start + timedelta(hours=25), POLICY).reminded == [ticket.id]
    assert run_follow_ups(start + timedelta(hours=30), POLICY).reminded == []  # not twice
    assert run_follow_ups(start + timedelta(hours=73), POLICY).reminded == [ticket.id]
    assert run_follow_ups(start + timedelta(hours=500), POLICY).reminded == []  # only two
    db.session.commit()
    assert [m.params["number"] for m in _outbox(db, "reminder_waiting")] == [1, 2]
    assert ticket.status is Status.WAITING_CUSTOMER  # waiting is never closed by the clock


def test_a_new_answer_restarts_the_reminders(db, factory):
    ticket, agent = _answered(db, factory)
    run_follow_ups(ticket.waiting_since + timedelta(hours=25), POLICY)
    tickets.customer_reply(ticket, "Here it is.")
    tickets.staff_reply(ticket, agent, "Thanks, sending a new one.")
    db.session.commit()
    assert ticket.reminders_sent == 0
    assert run_follow_ups(ticket.waiting_since + timedelta(hours=25), POLICY).reminded == [ticket.id]


def test_unconfirmed_resolution_is_reminded_then_auto_closed_and_counted_apart(db, factory):
    ticket, agent = _answered(db, factory)
    tickets.resolve(ticket, agent)
    db.session.commit()
    t0 = ticket.resolved_at
    assert run_follow_ups(t0 + timedelta(hours=49), POLICY).reminded == [ticket.id]
    assert run_follow_ups(t0 + timedelta(hours=100), POLICY).auto_closed == []
    report = run_follow_ups(t0 + timedelta(hours=169), POLICY)
    db.session.commit()
    assert report.auto_closed == [ticket.id]
    assert ticket.status is Status.CLOSED and ticket.closed_reason == ClosedReason.UNCONFIRMED.value
    assert [e.action for e in ticket.events][-2:] == ["system_reminded", "system_auto_closed"]
    assert len(_outbox(db, "confirm_reminder")) == 1
    # A customer reply always reopens, whatever closed it.
    tickets.customer_reply(ticket, "Actually the lid still does not fit.")
    db.session.commit()
    assert ticket.status is Status.OPEN and ticket.closed_reason is None


def test_refused_resolutions_open_the_final_offer(db, factory):
    ticket, agent = _answered(db, factory)
    for _ in range(2):
        assert not final_offer_allowed(ticket, after=2)
        with pytest.raises(NotAllowed):
            make_final_offer(ticket, agent, "Last offer", after=2)
        tickets.resolve(ticket, agent)
        tickets.confirm(ticket, solved=False, comment="Still broken.")
        db.session.commit()
    assert ticket.refused_resolutions == 2 and final_offer_allowed(ticket, after=2)
    make_final_offer(ticket, agent, "We can refund in full or send a third one.", after=2)
    db.session.commit()
    assert ticket.status is Status.CLOSED and ticket.closed_reason == ClosedReason.FINAL_OFFER.value
    assert ticket.events[-1].action == "final_offer" and ticket.events[-1].actor_id == agent.id
    assert ticket.messages[-1].body == "We can refund in full or send a third one."
    # The customer can still answer; the whole conversation is kept.
    tickets.customer_reply(ticket, "Refund please.")
    db.session.commit()
    assert ticket.status is Status.OPEN
    assert [m.body for m in ticket.messages][-4:] == [
        "Still broken.", "Still broken.", "We can refund in full or send a third one.", "Refund please."]


def test_final_offer_through_the_desk(app, client, db, factory):
    from tests.helpers import csrf_from, login

    ticket, agent = _answered(db, factory)
    login(client, agent)
    page = client.get(f"/staff/tickets/{ticket.id}").text
    assert "Final offer" not in page
    for _ in range(2):
        tickets.resolve(ticket, agent)
        tickets.confirm(ticket, solved=False)
    db.session.commit()
    page = client.get(f"/staff/tickets/{ticket.id}").text
    assert "Make the final offer and close politely" in page and "Test," in page  # the template is filled
    client.post(f"/staff/tickets/{ticket.id}/final-offer", data={"csrf_token": csrf_from(page), "body": "Last offer."})
    db.session.refresh(ticket)
    assert ticket.closed_reason == "final_offer"
