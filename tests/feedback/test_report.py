"""Reporting a problem privately: validation, one ticket per submission, the secret link."""

import re

import pytest
import sqlalchemy as sa

from portal.notify.models import OutboxMessage
from portal.tickets.models import AuditEvent, Message, Status, Ticket
from tests.helpers import csrf_from, submission_key_from


def _open_form(client, factory, **order_fields):
    order, token = factory.order(**order_fields)
    client.get(f"/o/{token}")
    page = client.get("/report")
    assert page.status_code == 200
    return order, {"csrf_token": csrf_from(page.text), "submission_key": submission_key_from(page.text)}


def _count(db, model, **where):
    stmt = sa.select(sa.func.count()).select_from(model)
    for key, value in where.items():
        stmt = stmt.where(getattr(model, key) == value)
    return db.session.scalar(stmt)


def test_report_opens_a_ticket_with_message_audit_and_email(client, db, factory):
    order, form = _open_form(client, factory, email="jane@example.com")
    response = client.post("/report", data={
        **form, "category": "missing_item", "description": "The lid is missing.",
        "contact_preference": "email", "email": "",
    })
    assert response.status_code == 303
    assert re.fullmatch(r"/report/done/\d+", response.headers["Location"])
    ticket = db.session.scalars(sa.select(Ticket).where(Ticket.order_id == order.id)).one()
    assert ticket.status is Status.OPEN and ticket.owner_id is None
    assert ticket.contact_email == "jane@example.com"  # taken from the order when left empty
    assert (ticket.respond_goal_at - ticket.created_at).total_seconds() == 15 * 60
    assert (ticket.respond_limit_at - ticket.created_at).total_seconds() == 60 * 60
    assert [m.body for m in ticket.messages] == ["The lid is missing."]
    assert [e.action for e in ticket.events] == ["opened"]
    outbox = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.recipient == "jane@example.com")).all()
    assert [m.template for m in outbox] == ["ticket_opened"]

    done = client.get(response.headers["Location"])
    assert "within 15 minutes" in done.text
    link = re.search(r'href="(/t/[A-Za-z0-9_-]{22})"', done.text).group(1)
    assert ticket.ref in done.text
    # The raw secret is nowhere in the database.
    with db.engine.connect() as conn:
        dump = " ".join(str(v) for row in conn.execute(sa.text("SELECT * FROM ticket_links")) for v in row)
    assert link.split("/")[-1] not in dump


def test_secret_link_opens_the_ticket_in_another_browser(app, client, db, factory):
    _, form = _open_form(client, factory)
    response = client.post("/report", data={**form, "category": "late", "description": "Late.",
                                             "contact_preference": "reply_here"})
    link = re.search(r'href="(/t/[A-Za-z0-9_-]{22})"', client.get(response.headers["Location"]).text).group(1)
    other = app.test_client()
    redirect = other.get(link)
    assert redirect.status_code == 303
    assert re.fullmatch(r"/ticket/\d+", redirect.headers["Location"])
    assert "Late." in other.get(redirect.headers["Location"]).text
    assert other.get("/t/" + "A" * 22).status_code == 404


def test_submitting_twice_creates_one_ticket(client, db, factory):
    order, form = _open_form(client, factory)
    data = {**form, "category": "damaged", "description": "Broken.", "contact_preference": "reply_here"}
    first = client.post("/report", data=data)
    second = client.post("/report", data=data)
    assert first.headers["Location"] == second.headers["Location"]
    assert _count(db, Ticket, order_id=order.id) == 1
    assert _count(db, Message) == 1


def test_a_new_form_makes_a_new_ticket(client, db, factory):
    order, form = _open_form(client, factory)
    client.post("/report", data={**form, "category": "damaged", "description": "One.",
                                 "contact_preference": "reply_here"})
    page = client.get("/report")
    client.post("/report", data={"csrf_token": csrf_from(page.text), "submission_key": submission_key_from(page.text),
                                 "category": "late", "description": "Two.", "contact_preference": "reply_here"})
    assert _count(db, Ticket, order_id=order.id) == 2


@pytest.mark.parametrize(("fields", "error"), [
    ({"category": "", "description": "x"}, "Please choose what went wrong."),
    ({"category": "damaged", "description": ""}, "Please tell us what happened."),
    ({"category": "damaged", "description": "x" * 5001}, "under 5000 characters"),
    ({"category": "nonsense", "description": "x"}, "Not a valid choice"),
    ({"category": "damaged", "description": "x", "contact_preference": "phone", "phone": ""},
     "Please give a phone number"),
    ({"category": "damaged", "description": "x", "contact_preference": "email", "email": "not-an-email"},
     "does not look right"),
])
def test_invalid_reports_explain_and_store_nothing(client, db, factory, fields, error):
    _, form = _open_form(client, factory, email=None, phone=None)
    data = {**form, "contact_preference": "reply_here", **fields}
    response = client.post("/report", data=data)
    assert response.status_code == 400
    assert error in response.text
    assert 'aria-invalid="true"' in response.text or "role=\"alert\"" in response.text
    assert _count(db, Ticket) == 0


def test_report_without_csrf_is_refused(client, db, factory):
    _, form = _open_form(client, factory)
    response = client.post("/report", data={"submission_key": form["submission_key"], "category": "late",
                                            "description": "x", "contact_preference": "reply_here"})
    assert response.status_code == 400
    assert _count(db, Ticket) == 0


def test_markup_in_a_report_is_shown_as_text(client, db, factory):
    _, form = _open_form(client, factory)
    response = client.post("/report", data={**form, "category": "other", "contact_preference": "reply_here",
                                            "description": "<script>alert(1)</script>"})
    ticket_page = client.get(client.get(response.headers["Location"]).request.path.replace("report/done", "ticket"))
    assert "<script>alert(1)</script>" not in ticket_page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in ticket_page.text


def test_a_crash_mid_request_leaves_no_half_ticket(app, client, db, factory, monkeypatch):
    from portal.notify import services

    _, form = _open_form(client, factory)

    def boom(*args, **kwargs):
        raise RuntimeError("mail queue exploded")

    monkeypatch.setattr(services, "enqueue_staff_new_ticket", boom)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.post("/report", data={**form, "category": "late", "description": "x",
                                            "contact_preference": "reply_here"})
    assert response.status_code == 500
    db.session.rollback()
    assert _count(db, Ticket) == 0
    assert _count(db, Message) == 0
    assert _count(db, AuditEvent) == 0


def test_another_orders_session_cannot_see_the_ticket(app, client, db, factory):
    _, form = _open_form(client, factory)
    response = client.post("/report", data={**form, "category": "late", "description": "Private words.",
                                            "contact_preference": "reply_here"})
    ticket_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    stranger = app.test_client()
    _, token = factory.order()
    stranger.get(f"/o/{token}")
    assert stranger.get(f"/ticket/{ticket_id}").status_code == 404
    assert stranger.get(f"/report/done/{ticket_id}").status_code == 404
    assert "Private words." not in stranger.get(f"/ticket/{ticket_id}").text
