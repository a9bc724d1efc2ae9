"""Abuse flags: with a reason, folded away for colleagues, never deleted; the audit names the flagger."""

import pytest
import sqlalchemy as sa

from portal.core.errors import ValidationFailed
from portal.tickets.flags import flag_message
from portal.tickets.models import Message, MessageFlag
from tests.helpers import csrf_from, login


def test_flag_through_the_desk_folds_the_message_for_others(app, client, db, factory):
    ticket = factory.ticket(description="You are all idiots and I know where you live.")
    flagger = factory.staff(name="Fara Flagger")
    other = factory.staff(name="Oto Other")
    login(client, flagger)
    page = client.get(f"/staff/tickets/{ticket.id}").text
    message_id = ticket.messages[0].id
    missing = client.post(f"/staff/messages/{message_id}/flag",
                          data={"csrf_token": csrf_from(page), "kind": "threat", "reason": ""},
                          follow_redirects=True)
    assert "Please fill in the form" in missing.text
    client.post(f"/staff/messages/{message_id}/flag",
                data={"csrf_token": csrf_from(page), "kind": "threat", "reason": "Mentions our home addresses"})

    mine = client.get(f"/staff/tickets/{ticket.id}").text
    assert "Show flagged content" not in mine  # the flagger still sees it plainly
    assert "Flagged <strong>threat</strong> by Fara Flagger: Mentions our home addresses" in mine

    colleague = app.test_client()
    login(colleague, other)
    theirs = colleague.get(f"/staff/tickets/{ticket.id}").text
    assert "<summary>Show flagged content</summary>" in theirs
    # Behind the click, not gone.
    folded = theirs.split("<summary>Show flagged content</summary>")[1]
    assert "You are all idiots" in folded.split("</details>")[0]

    event = ticket.events[-1]
    db.session.refresh(ticket)
    event = ticket.events[-1]
    assert event.action == "flagged" and event.actor_id == flagger.id
    assert event.detail == {"message_id": message_id, "kind": "threat", "reason": "Mentions our home addresses"}
    assert db.session.get(Message, message_id).body.startswith("You are all idiots")


def test_flags_need_a_known_kind_and_a_reason(db, factory):
    ticket = factory.ticket()
    staff = factory.staff()
    with pytest.raises(ValidationFailed):
        flag_message(ticket.messages[0], staff, "spam", "because")
    with pytest.raises(ValidationFailed):
        flag_message(ticket.messages[0], staff, "insult", "   ")


def test_flags_cannot_be_erased(db, factory):
    ticket = factory.ticket()
    flag_message(ticket.messages[0], factory.staff(), "obscenity", "Swearing")
    db.session.commit()
    with pytest.raises(sa.exc.DatabaseError), db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM message_flags")
    with pytest.raises(sa.exc.DatabaseError), db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE message_flags SET reason = 'nothing'")
    assert db.session.scalar(sa.select(MessageFlag.reason)) == "Swearing"
