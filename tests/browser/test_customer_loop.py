"""The customer's whole loop in a real browser at phone width."""

import re

import pytest
import sqlalchemy as sa

from portal.tickets import services as tickets
from portal.tickets.models import Status, Ticket

pytestmark = pytest.mark.browser


def test_customer_scans_reports_and_confirms(live_server, phone, db, factory):
    order, token = factory.order(number="SHOP-42", email="jane@example.com")
    staff = factory.staff(name="Nora Support")

    phone.goto(f"{live_server.url}/o/{token}")
    # The token is gone from the address bar after the 303.
    assert phone.url == f"{live_server.url}/order"
    assert token not in phone.url
    assert "SHOP-42" in phone.locator("h1").inner_text()
    # Both paths are visible before any rating is given.
    assert phone.get_by_role("link", name="Tell us privately").is_visible()
    assert phone.get_by_role("link", name=re.compile("Review us on Trustpilot")).is_visible()

    # One tap on a star rates; review links stay, whatever the rating.
    phone.locator("label[for=stars-1]").click()  # one star
    phone.wait_for_url(re.compile(r"/order"))
    assert phone.get_by_text("Thank you for your rating.").is_visible()
    assert phone.get_by_role("link", name=re.compile("Review us on Trustpilot")).is_visible()

    phone.get_by_role("link", name="Tell us privately").click()
    phone.get_by_label("An item is missing").check()
    phone.get_by_label("Tell us what happened").fill("The teapot lid is missing.")
    phone.get_by_role("button", name="Send to our team").dblclick()
    phone.wait_for_url(re.compile(r"/report/done/\d+"))
    assert phone.get_by_text("within 15 minutes").is_visible()
    secret_link = phone.locator("#ticket-link").get_attribute("href")
    assert re.fullmatch(r"/t/[A-Za-z0-9_-]{22}", secret_link)

    # The double click made one ticket.
    db.session.rollback()  # end the test's read snapshot
    assert db.session.scalar(sa.select(sa.func.count(Ticket.id)).where(Ticket.order_id == order.id)) == 1
    ticket = db.session.scalars(sa.select(Ticket).where(Ticket.order_id == order.id)).one()

    # Staff answer and resolve (service layer here; the staff browser test covers the UI).
    tickets.claim_ticket(ticket.id, staff)
    tickets.staff_reply(ticket, staff, "Sorry! A new lid is on its way.")
    tickets.resolve(ticket, staff)
    db.session.commit()

    # The secret link works in a fresh browser context (e.g. opened from the email).
    other = phone.context.browser.new_context(viewport={"width": 375, "height": 740})
    page = other.new_page()
    page.goto(f"{live_server.url}{secret_link}")
    assert page.url == f"{live_server.url}/ticket/{ticket.id}"
    assert page.get_by_text("Nora Support is handling your request.").is_visible()
    assert page.get_by_text("Sorry! A new lid is on its way.").is_visible()
    page.get_by_role("button", name="Yes, it is solved").click()
    assert page.get_by_text("We are glad it is solved").is_visible()
    other.close()

    db.session.rollback()  # end the test's read snapshot
    assert db.session.get(Ticket, ticket.id).status is Status.CLOSED
