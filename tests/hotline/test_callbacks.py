"""The hotline on the customer page, callback requests and the staff call log."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from portal.core.database import utcnow
from portal.hotline.models import CallAttempt, CallbackRequest, CallbackStatus
from portal.routing import settings
from portal.tickets.models import Status, Ticket
from tests.helpers import csrf_from, login

ALWAYS = ["00:00-24:00"] * 7


def _calendar(db, hours=ALWAYS, phone="+40 21 312 3456", zone="Europe/Bucharest"):
    settings.save_calendar(zone, hours, None, phone, 30)
    db.session.commit()


def _scan(client, factory, **order_fields):
    order, token = factory.order(**order_fields)
    client.get(f"/o/{token}")
    return order


def _first_slot(html: str) -> str:
    return re.search(r'<option value="([^"]+)"', html).group(1)


def test_no_panel_until_a_calendar_is_configured(client, factory):
    _scan(client, factory)
    page = client.get("/order")
    assert page.status_code == 200 and 'id="hotline"' not in page.text
    assert client.get("/hotline/callback").status_code == 404


def test_open_line_shows_a_tel_link_and_the_time_zone(client, db, factory):
    _calendar(db)
    _scan(client, factory)
    page = client.get("/order").text
    assert 'href="tel:+40213123456"' in page and "+40 21 312 3456" in page
    assert "Europe/Bucharest" in page


def test_closed_line_offers_only_a_callback_in_business_hours(client, db, factory):
    now = utcnow()
    today = now.date()
    _calendar(db, zone="UTC")
    settings.add_holiday(today, "Closed today")
    db.session.commit()
    _scan(client, factory)
    page = client.get("/order").text
    assert "tel:" not in page and "Our line is closed right now" in page
    first = datetime.fromisoformat(_first_slot(page))
    assert first.date() > today  # nothing offered on the holiday


def test_callback_request_opens_a_ticket_in_the_hotline_queue(client, db, factory):
    _calendar(db)
    order = _scan(client, factory, phone=None, country="RO")
    form = client.get("/hotline/callback")
    slot = _first_slot(form.text)
    data = {"csrf_token": csrf_from(form.text),
            "submission_key": re.search(r'name="submission_key" type="hidden" value="([^"]+)"', form.text).group(1),
            "phone": "0721 234 567", "slot": slot, "note": "About the teapot lid"}
    response = client.post("/hotline/callback", data=data)
    assert response.status_code == 303
    again = client.post("/hotline/callback", data=data)  # a double submit
    assert again.status_code == 303
    callbacks = db.session.scalars(select(CallbackRequest)).all()
    assert len(callbacks) == 1
    callback = callbacks[0]
    assert callback.phone_e164 == "+40721234567" and callback.slot_start.isoformat() == slot
    ticket = callback.ticket
    assert ticket.order_id == order.id and ticket.queue.key == "hotline" and ticket.queue.is_hotline
    assert ticket.contact_phone == "+40721234567" and ticket.messages[0].body == "About the teapot lid"
    assert ticket.respond_goal_at >= callback.slot_start  # the clock starts at the chosen slot
    page = client.get(response.headers["Location"])
    assert "We will call you at the time you chose" in page.text


def test_bad_phone_or_slot_keeps_what_was_typed(client, db, factory):
    _calendar(db)
    _scan(client, factory, phone=None, country="RO")
    form = client.get("/hotline/callback").text
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', form).group(1)
    bad = client.post("/hotline/callback", data={
        "csrf_token": csrf_from(form), "submission_key": key, "phone": "12",
        "slot": _first_slot(form), "note": "Please keep this text"})
    assert bad.status_code == 400 and "Please check the number" in bad.text
    assert "Please keep this text" in bad.text
    past = (datetime.now(UTC) - timedelta(hours=3)).replace(minute=0, second=0, microsecond=0)
    stale = client.post("/hotline/callback", data={
        "csrf_token": csrf_from(form), "submission_key": key, "phone": "0721 234 567",
        "slot": past.isoformat()})
    assert stale.status_code == 400
    assert db.session.scalar(select(CallbackRequest)) is None


def _callback(client, db, factory):
    _calendar(db)
    _scan(client, factory, phone=None, country="AM", email="anahit@example.com")
    form = client.get("/hotline/callback").text
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', form).group(1)
    client.post("/hotline/callback", data={"csrf_token": csrf_from(form), "submission_key": key,
                                           "phone": "077 123456", "slot": _first_slot(form)})
    return db.session.scalar(select(CallbackRequest))


def test_staff_log_attempts_and_a_resolving_call_closes_the_loop(app, client, db, factory):
    callback = _callback(client, db, factory)
    staff = app.test_client()
    agent = factory.staff(name="Hasmik Hotline")
    login(staff, agent)
    due = staff.get("/staff/?view=callbacks").text
    assert callback.ticket.ref in due and "call at" in due
    page = staff.get(f"/staff/tickets/{callback.ticket_id}").text
    assert "+37477123456" in page
    csrf = csrf_from(page)
    url = f"/staff/hotline/callbacks/{callback.id}/calls"
    staff.post(url, data={"csrf_token": csrf, "outcome": "no_answer"})
    db.session.refresh(callback)
    assert callback.status is CallbackStatus.PENDING and callback.ticket.owner_id == agent.id
    assert callback.ticket.first_response_at is None

    staff.post(url, data={"csrf_token": csrf, "outcome": "resolved", "note": "New lid posted."})
    db.session.refresh(callback)
    ticket = db.session.get(Ticket, callback.ticket_id, populate_existing=True)
    assert callback.status is CallbackStatus.DONE
    assert [a.outcome.value for a in db.session.scalars(select(CallAttempt).order_by(CallAttempt.id))] == [
        "no_answer", "resolved"]
    assert ticket.status is Status.RESOLVED and ticket.first_response_at is not None
    assert [e.action for e in ticket.events][-3:] == ["call_logged", "call_logged", "resolved"]
    assert "Call: resolved. New lid posted." in ticket.messages[-1].body and ticket.messages[-1].internal

    refused = staff.post(url, data={"csrf_token": csrf, "outcome": "reached"}, follow_redirects=True)
    assert "already finished" in refused.text
    # The customer confirms on the ticket page like for any ticket.
    confirm_page = client.get(f"/ticket/{ticket.id}")
    client.post(f"/ticket/{ticket.id}/confirm", data={"csrf_token": csrf_from(confirm_page.text), "solved": "1"})
    db.session.refresh(ticket)
    assert ticket.status is Status.CLOSED and ticket.closed_reason == "confirmed"


def test_call_log_needs_login_and_csrf(app, client, db, factory):
    callback = _callback(client, db, factory)
    anonymous = app.test_client()
    # Refused before anything else: no session, no CSRF token.
    url = f"/staff/hotline/callbacks/{callback.id}/calls"
    assert anonymous.post(url, data={"outcome": "reached"}).status_code == 400
    staff = app.test_client()
    login(staff, factory.staff())
    assert staff.post(f"/staff/hotline/callbacks/{callback.id}/calls", data={"outcome": "reached"}).status_code == 400
    assert db.session.scalar(select(CallAttempt)) is None
