"""Escalation: goal passed, then limit passed; owner and leads told once; unclaimed ones offered."""

from datetime import timedelta

from sqlalchemy import select

from portal.core.database import utcnow
from portal.notify.models import OutboxMessage
from portal.queue import presence
from portal.queue.escalation import run_escalations
from portal.tickets import services as tickets


def _mail(db, template):
    return sorted((m.recipient, m.params.get("level")) for m in db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.template == template)))


def test_unclaimed_ticket_is_escalated_at_goal_and_limit_and_offered(db, factory):
    lead = factory.staff("lead")
    busy = factory.staff(name="Busy Agent")
    free = factory.staff(name="Free Agent")
    away = factory.staff(name="Away Agent")
    factory_ticket = factory.ticket()
    tickets.claim_ticket(factory.ticket().id, busy)  # busy already owns an open ticket
    ticket = factory_ticket
    now = utcnow()
    presence.beat(ticket.id, busy.id, "viewing", now)
    presence.beat(ticket.id, free.id, "viewing", now)
    db.session.commit()

    assert run_escalations(ticket.respond_goal_at - timedelta(seconds=1)).escalated == []
    report = run_escalations(ticket.respond_goal_at + timedelta(minutes=1))
    db.session.commit()
    assert (ticket.id, 1) in report.escalated
    # Present and least loaded wins over present-but-busy and over absent.
    assert ticket.offered_to_id == free.id and (ticket.id, free.id) in report.offered
    assert run_escalations(ticket.respond_goal_at + timedelta(minutes=2)).escalated == []  # once per level

    report = run_escalations(ticket.respond_limit_at + timedelta(minutes=1))
    db.session.commit()
    assert (ticket.id, 2) in report.escalated and ticket.escalation_level == 2
    assert ticket.offered_to_id != free.id  # the next person this time
    assert (lead.email, 1) in _mail(db, "staff_escalation") and (lead.email, 2) in _mail(db, "staff_escalation")
    assert (free.email, 1) in _mail(db, "staff_offered")
    assert [e.action for e in ticket.events].count("system_escalated") == 2
    assert away.id != free.id


def test_owned_ticket_escalation_tells_the_owner_and_answered_ones_are_left_alone(db, factory):
    lead = factory.staff("lead")
    owner = factory.staff()
    owned = factory.ticket()
    answered = factory.ticket()
    tickets.claim_ticket(owned.id, owner)
    tickets.staff_reply(answered, owner, "On it.")
    db.session.commit()
    report = run_escalations(owned.respond_limit_at + timedelta(minutes=1))
    db.session.commit()
    assert [t for t, _ in report.escalated] == [owned.id]
    assert owned.offered_to_id is None
    assert sorted(r for r, _ in _mail(db, "staff_escalation")) == sorted([lead.email, owner.email])


def test_escalation_job_runs_and_commits(app, db, factory):
    from portal.queue import tasks

    ticket = factory.ticket()
    ticket.respond_goal_at = ticket.respond_limit_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    tasks.check_escalations.call_local()
    db.session.rollback()
    db.session.refresh(ticket)
    assert ticket.escalation_level == 2
