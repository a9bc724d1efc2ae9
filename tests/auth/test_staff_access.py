"""Staff login, roles, and the staff side of the core loop over HTTP."""

import pytest
import sqlalchemy as sa

from portal.auth.models import StaffUser
from portal.tickets.models import Status
from tests.helpers import PASSWORD, csrf_from, login


def test_queue_needs_a_login(client):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]


def test_wrong_password_is_refused_and_passwords_are_hashed(client, db, factory):
    user = factory.staff()
    assert login(client, user, "wrong password!").status_code == 401
    assert client.get("/staff/").status_code == 302
    stored = db.session.scalar(sa.select(StaffUser.password_hash).where(StaffUser.id == user.id))
    assert PASSWORD not in stored and stored.startswith(("scrypt:", "pbkdf2:"))
    assert login(client, user).status_code == 303
    assert client.get("/staff/").status_code == 200


def test_deactivated_staff_lose_access(client, db, factory):
    user = factory.staff()
    login(client, user)
    user.active = False
    db.session.commit()
    assert client.get("/staff/").status_code == 302


def test_login_without_csrf_is_refused(client, factory):
    user = factory.staff()
    response = client.post("/staff/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400


def test_login_is_rate_limited(app_config, factory):
    from portal import create_app

    limited = create_app({**app_config, "RATELIMIT_ENABLED": True, "RATE_LIMIT_LOGIN": "3 per minute"})
    client = limited.test_client()
    user = factory.staff()
    codes = [login(client, user, "bad password").status_code for _ in range(4)]
    assert codes == [401, 401, 401, 429]


def test_open_redirect_after_login_is_refused(client, factory):
    user = factory.staff()
    page = client.get("/staff/login")
    response = client.post("/staff/login?next=//evil.example/", data={
        "email": user.email, "password": PASSWORD, "csrf_token": csrf_from(page.text)})
    assert response.headers["Location"] == "/staff/"


def test_claim_reply_note_hand_over_and_resolve(app, client, db, factory):
    ticket = factory.ticket(description="Crushed box.")
    agent = factory.staff(name="Ani Agent")
    colleague = factory.staff(name="Radu Colleague")
    login(client, agent)

    queue = client.get("/staff/")
    assert ticket.ref in queue.text
    page = client.get(f"/staff/tickets/{ticket.id}")
    assert "Crushed box." in page.text
    csrf = csrf_from(page.text)

    assert "You own this ticket now." in client.post(
        f"/staff/tickets/{ticket.id}/claim", data={"csrf_token": csrf}, follow_redirects=True).text
    client.post(f"/staff/tickets/{ticket.id}/reply", data={"csrf_token": csrf, "body": "So sorry! New one today."})
    client.post(f"/staff/tickets/{ticket.id}/note", data={"csrf_token": csrf, "body": "Carrier damage."})
    db.session.refresh(ticket)
    assert ticket.owner_id == agent.id
    assert ticket.first_response_at is not None and ticket.first_response_seconds >= 0
    assert ticket.status is Status.WAITING_CUSTOMER
    assert [m.internal for m in ticket.messages] == [False, False, True]

    client.post(f"/staff/tickets/{ticket.id}/hand-over",
                data={"csrf_token": csrf, "to": colleague.id, "note": "Please follow up tomorrow."})
    db.session.refresh(ticket)
    assert ticket.owner_id == colleague.id
    assert "Please follow up tomorrow." in ticket.messages[-1].body and ticket.messages[-1].internal

    # The former owner can no longer resolve; the new owner can.
    refused = client.post(f"/staff/tickets/{ticket.id}/resolve", data={"csrf_token": csrf}, follow_redirects=True)
    assert "Radu Colleague already owns this ticket" in refused.text
    other = app.test_client()
    login(other, colleague)
    csrf2 = csrf_from(other.get(f"/staff/tickets/{ticket.id}").text)
    other.post(f"/staff/tickets/{ticket.id}/resolve", data={"csrf_token": csrf2})
    db.session.refresh(ticket)
    assert ticket.status is Status.RESOLVED
    assert [e.action for e in ticket.events] == ["opened", "claimed", "replied", "noted", "handed_over", "resolved"]
    assert all(e.actor_id for e in ticket.events[1:])


def test_the_loser_of_a_claim_is_told_who_owns_it(app, client, db, factory):
    ticket = factory.ticket()
    first, second = factory.staff(name="First Person"), factory.staff(name="Second Person")
    login(client, first)
    csrf = csrf_from(client.get("/staff/").text)
    client.post(f"/staff/tickets/{ticket.id}/claim", data={"csrf_token": csrf})
    other = app.test_client()
    login(other, second)
    csrf2 = csrf_from(other.get("/staff/").text)
    response = other.post(f"/staff/tickets/{ticket.id}/claim", data={"csrf_token": csrf2}, follow_redirects=True)
    assert "First Person already owns this ticket" in response.text


def test_queue_is_sorted_by_time_left(app, client, db, factory):
    from datetime import timedelta

    from portal.core.database import utcnow

    late = factory.ticket()
    urgent = factory.ticket()
    late.respond_goal_at = utcnow() + timedelta(minutes=14)
    urgent.respond_goal_at = utcnow() - timedelta(minutes=5)
    db.session.commit()
    login(client, factory.staff())
    text = client.get("/staff/").text
    assert text.index(urgent.ref) < text.index(late.ref)


@pytest.mark.parametrize("role", ["agent", "lead", "admin"])
def test_create_staff_command_reads_the_password_from_stdin(app, db, role):
    result = app.test_cli_runner().invoke(
        args=["create-staff", "new@example.com", "--role", role, "--password-stdin"],
        input="a long enough password\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(StaffUser).where(StaffUser.email == "new@example.com"))
    assert user.role.value == role
    again = app.test_cli_runner().invoke(
        args=["create-staff", "new@example.com", "--role", role, "--password-stdin"], input="another password!\n")
    assert again.exit_code != 0 and "already exists" in again.output
    short = app.test_cli_runner().invoke(
        args=["create-staff", "x@example.com", "--role", role, "--password-stdin"], input="short\n")
    assert short.exit_code != 0 and "at least 10" in short.output
