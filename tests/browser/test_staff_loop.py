"""The staff loop in a real browser: log in, claim, reply, note, hand over, resolve."""

import re

import pytest

from portal.tickets.models import Status
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


def _log_in(page, url, user):
    page.goto(f"{url}/staff/login")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{url}/staff/")


def test_staff_claim_reply_hand_over_and_resolve(live_server, desktop, browser, db, factory):
    ticket = factory.ticket(description="The scarf has a hole.")
    agent = factory.staff(name="Ani Agent")
    lead = factory.staff(role="lead", name="Lena Lead")

    _log_in(desktop, live_server.url, agent)
    row = desktop.locator(f"tr[data-ticket='{ticket.id}']")
    assert row.locator(".sla").inner_text().strip().endswith("min to goal")
    row.get_by_role("button", name="Claim").click()
    desktop.wait_for_url(f"{live_server.url}/staff/tickets/{ticket.id}")
    assert desktop.get_by_text("You own this ticket now.").is_visible()
    assert desktop.locator("#owner").inner_text() == "Ani Agent"
    assert desktop.get_by_text("The scarf has a hole.").is_visible()

    desktop.get_by_label("Reply to the customer").fill("So sorry, a new scarf ships today.")
    desktop.get_by_role("button", name="Send reply").click()
    assert desktop.get_by_text("Reply sent to the customer.").is_visible()
    assert desktop.get_by_text(re.compile(r"answered in \d+ min")).is_visible()

    desktop.get_by_label("Internal note (never shown to the customer)").fill("Batch 7 again.")
    desktop.get_by_role("button", name="Add note").click()
    assert desktop.locator(".msg-internal").get_by_text("Batch 7 again.").is_visible()

    desktop.get_by_label("Hand over to").select_option(label="Lena Lead (lead)")
    desktop.get_by_label("Note for your colleague").fill("Lena, please confirm the refund.")
    desktop.get_by_role("button", name="Hand over").click()
    assert desktop.locator("#owner").inner_text() == "Lena Lead"
    # The former owner no longer sees the reply and resolve forms.
    assert desktop.get_by_role("button", name="Send reply").count() == 0

    lead_page = browser.new_context().new_page()
    _log_in(lead_page, live_server.url, lead)
    lead_page.goto(f"{live_server.url}/staff/tickets/{ticket.id}")
    lead_page.get_by_role("button", name="Mark resolved and ask the customer").click()
    assert lead_page.get_by_text("Marked resolved; the customer is asked to confirm.").is_visible()
    lead_page.context.close()

    db.session.rollback()
    db.session.refresh(ticket)
    assert ticket.status is Status.RESOLVED
    assert [e.action for e in ticket.events] == ["opened", "claimed", "replied", "noted", "handed_over", "resolved"]
