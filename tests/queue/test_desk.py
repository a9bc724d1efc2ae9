"""The ticket desk: stale replies held, presence, canned replies, the audit view and export."""

import csv
import io
import re

from sqlalchemy import select

from portal.queue import canned
from portal.tickets import services as tickets
from portal.tickets.models import Message
from tests.helpers import csrf_from, login


def _version(html: str) -> str:
    return re.search(r'name="version" type="hidden" value="(\d+)"', html).group(1)


def test_reply_to_a_changed_ticket_is_held_with_the_draft_kept(client, db, factory):
    ticket = factory.ticket()
    agent = factory.staff()
    login(client, agent)
    page = client.get(f"/staff/tickets/{ticket.id}").text
    csrf, version = csrf_from(page), _version(page)

    tickets.customer_reply(ticket, "Also, the second cup is chipped.")  # meanwhile
    db.session.commit()
    held = client.post(f"/staff/tickets/{ticket.id}/reply",
                       data={"csrf_token": csrf, "version": version, "body": "Sorry about the mug."})
    assert held.status_code == 409
    assert "Your reply was NOT sent" in held.text and "Sorry about the mug." in held.text
    assert "the second cup is chipped" in held.text  # what changed is on the page
    assert held.text.count("Sorry about the mug.") == 1  # only in the reply box, not in the note box
    assert db.session.scalar(select(Message).where(Message.body == "Sorry about the mug.")) is None

    # Sent after reading: either with the fresh version or the explicit "send anyway".
    sent = client.post(f"/staff/tickets/{ticket.id}/reply", data={
        "csrf_token": csrf, "version": _version(held.text), "body": "Sorry about the mug and the cup."})
    assert sent.status_code == 303
    stale = _version(held.text)
    tickets.customer_reply(ticket, "Thanks!")
    db.session.commit()
    forced = client.post(f"/staff/tickets/{ticket.id}/reply", data={
        "csrf_token": csrf, "version": stale, "body": "You are welcome.", "send_anyway": "y"})
    assert forced.status_code == 303
    bodies = [m.body for m in db.session.scalars(select(Message).where(Message.ticket_id == ticket.id))]
    assert bodies[-3:] == ["Sorry about the mug and the cup.", "Thanks!", "You are welcome."]


def test_presence_heartbeat_shows_who_else_is_here(app, client, db, factory):
    ticket = factory.ticket()
    ani, radu = factory.staff(name="Ani"), factory.staff(name="Radu")
    login(client, ani)
    page = client.get(f"/staff/tickets/{ticket.id}").text
    headers = {"X-CSRFToken": csrf_from(page)}
    assert client.post(f"/staff/tickets/{ticket.id}/presence", json={"state": "replying"}).status_code == 400
    first = client.post(f"/staff/tickets/{ticket.id}/presence", json={"state": "replying"}, headers=headers)
    assert first.json == {"others": [], "version": ticket.version}

    other = app.test_client()
    login(other, radu)
    radu_page = other.get(f"/staff/tickets/{ticket.id}").text
    assert "Ani is replying this ticket" in radu_page
    seen = other.post(f"/staff/tickets/{ticket.id}/presence", json={"state": "bogus"},
                      headers={"X-CSRFToken": csrf_from(radu_page)}).json
    assert seen["others"] == [{"name": "Ani", "state": "replying"}]
    again = client.post(f"/staff/tickets/{ticket.id}/presence", json={}, headers=headers).json
    assert again["others"] == [{"name": "Radu", "state": "viewing"}]


def test_canned_replies_follow_the_language_and_fill_placeholders(client, db, factory):
    canned.load_defaults()
    db.session.commit()
    order, _ = factory.order(customer_name="Sara Ahmadi", number="IR-1001", locale="fa")
    ticket = factory.ticket(order=order, locale="fa")
    login(client, factory.staff(name="Arman"))
    page = client.get(f"/staff/tickets/{ticket.id}").text
    keys = re.findall(r'class="secondary canned-insert" data-key="(\d)" data-text="([^"]*)"', page)
    assert [k for k, _ in keys] == ["1", "2", "3", "4", "5"]
    assert "Sara" in keys[0][1] and "IR-1001" in keys[0][1]  # placeholders filled
    assert "عزیز" in keys[0][1] and "Arman" in keys[4][1]

    romanian = factory.ticket(locale="ro-RO")
    assert "Dragă" in client.get(f"/staff/tickets/{romanian.id}").text  # Romanian, from ro-RO


def test_placeholders_are_a_closed_set():
    text = canned.fill("{first_name} {order_number} {agent_name} {order.__class__} {0}",
                       first_name="Ana", order_number="N-1", agent_name="Ion")
    assert text == "Ana N-1 Ion {order.__class__} {0}"


def test_audit_view_and_formula_safe_csv_for_leads_only(app, client, db, factory):
    ticket = factory.ticket(description="=HYPERLINK(\"http://evil.example\",\"click\")")
    agent, lead = factory.staff(name="Agent"), factory.staff("lead", name="Lead")
    tickets.staff_reply(ticket, agent, "+1 for patience; @support will call.")
    db.session.commit()
    login(client, agent)
    assert client.get(f"/staff/tickets/{ticket.id}/audit").status_code == 403
    assert client.get(f"/staff/tickets/{ticket.id}/audit.csv").status_code == 403

    lead_client = app.test_client()
    login(lead_client, lead)
    assert "Full history of" in lead_client.get(f"/staff/tickets/{ticket.id}/audit").text
    export = lead_client.get(f"/staff/tickets/{ticket.id}/audit.csv")
    assert export.mimetype == "text/csv" and "attachment" in export.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(export.text)))
    details = [r["detail"] for r in rows]
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in details
    assert "'+1 for patience; @support will call." in details
    assert [r["action"] for r in rows if r["kind"] == "event"] == ["opened", "claimed", "replied"]
    assert not any(cell[:1] in "=+-@" for r in rows for cell in r.values() if cell)
