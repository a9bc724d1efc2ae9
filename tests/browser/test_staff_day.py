"""A day at the desk, in real browsers: a report arrives, the countdown runs, a claim,
a canned reply, a callback logged, and the customer confirms the resolution."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from portal.hotline.models import CallAttempt, CallbackRequest
from portal.queue import canned
from portal.routing import settings
from portal.tickets.models import ClosedReason, Status, Ticket
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


def _log_in(page, url, user):
    page.goto(f"{url}/staff/login")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{url}/staff/")


def test_staff_day(live_server, phone, desktop, db, factory):
    url = live_server.url
    settings.save_calendar("Europe/Bucharest", ["00:00-24:00"] * 7, None, "+40 21 312 3456", 30)
    canned.load_defaults()
    db.session.commit()
    order, token = factory.order(number="SHOP-77", customer_name="Ioana Popescu", phone=None, country="RO")
    agent = factory.staff(name="Radu Agent")

    # Morning: the desk is empty. Time is frozen so the countdown can be fast-forwarded.
    desktop.clock.install()
    _log_in(desktop, url, agent)
    expect(desktop.get_by_text("Nothing here.")).to_be_visible()

    # A report arrives from a customer's phone; she also asks to be called back.
    phone.goto(f"{url}/o/{token}")
    assert phone.get_by_role("link", name=re.compile("Call us")).get_attribute("href") == "tel:+40213123456"
    expect(phone.get_by_text("Europe/Bucharest")).to_be_visible()
    phone.get_by_role("link", name="Tell us privately").click()
    phone.get_by_label("Something arrived damaged").check()
    phone.get_by_label("Tell us what happened").fill("The vase arrived in pieces.")
    phone.get_by_role("button", name="Send to our team").click()
    phone.wait_for_url(re.compile(r"/report/done/\d+"))
    db.session.rollback()
    report = db.session.scalars(sa.select(Ticket).where(Ticket.order_id == order.id)).one()

    phone.goto(f"{url}/order")
    phone.get_by_label("Your phone number").fill("0721 234 567")
    phone.get_by_label("When should we call?").select_option(index=0)
    phone.get_by_role("button", name="Call me back").click()
    expect(phone.get_by_text("We will call you at the time you chose.")).to_be_visible()

    # The queue shows the report with a live countdown: green now, amber after the goal.
    desktop.reload()
    row = desktop.locator(f"tr[data-ticket='{report.id}']")
    countdown = row.locator("[data-countdown]")
    assert re.fullmatch(r"1[45] min to goal", countdown.inner_text().strip())
    assert "sla-green" in countdown.get_attribute("class")
    desktop.clock.fast_forward("16:00")
    expect(countdown).to_have_text(re.compile(r"^4\d min to limit$"))
    expect(countdown).to_have_class(re.compile(r"sla-amber"))

    # "?" shows the shortcuts; "j" selects the first row, Enter opens it; "c" claims.
    desktop.keyboard.press("?")
    expect(desktop.get_by_role("heading", name="Keyboard shortcuts")).to_be_visible()
    desktop.keyboard.press("Escape")
    expect(desktop.get_by_role("heading", name="Keyboard shortcuts")).to_be_hidden()
    desktop.keyboard.press("j")
    with desktop.expect_navigation():
        desktop.keyboard.press("Enter")
    assert re.search(r"/staff/tickets/\d+$", desktop.url)
    desktop.goto(f"{url}/staff/tickets/{report.id}")
    with desktop.expect_navigation():
        desktop.keyboard.press("c")
    expect(desktop.get_by_text("You own this ticket now.")).to_be_visible()
    expect(desktop.locator("#owner")).to_have_text("Radu Agent")

    # A canned reply, one keystroke away, with the customer's name and order filled in.
    desktop.keyboard.press("r")
    desktop.keyboard.press("Alt+1")
    desktop.keyboard.type(" A new vase ships today.")
    text = desktop.get_by_label("Reply to the customer").input_value()
    assert text.startswith("Dear Ioana, thank you for telling us about order SHOP-77")
    desktop.get_by_role("button", name="Send reply").click()
    expect(desktop.get_by_text("Reply sent to the customer.")).to_be_visible()
    expect(desktop.get_by_text(re.compile(r"answered in \d+ min"))).to_be_visible()

    # The callback: due in the Callbacks view, the call is logged on its ticket.
    desktop.goto(f"{url}/staff/?view=callbacks")
    db.session.rollback()
    callback = db.session.scalars(sa.select(CallbackRequest)).one()
    desktop.locator(f"tr[data-ticket='{callback.ticket_id}'] a").first.click()
    assert desktop.get_by_role("link", name="+40721234567").get_attribute("href") == "tel:+40721234567"
    desktop.get_by_label("Outcome").select_option(label="Reached the customer")
    desktop.get_by_label("What was said").fill("She prefers a refund for the shipping too.")
    desktop.get_by_role("button", name="Log the call").click()
    expect(desktop.get_by_text("Call logged.")).to_be_visible()

    # Back on the report: resolve, and the customer confirms from her phone.
    desktop.goto(f"{url}/staff/tickets/{report.id}")
    desktop.get_by_label("Closing message (optional)").fill("Refunded the shipping as well.")
    desktop.get_by_role("button", name="Mark resolved and ask the customer").click()
    expect(desktop.get_by_text("Marked resolved; the customer is asked to confirm.")).to_be_visible()

    phone.goto(f"{url}/ticket/{report.id}")
    expect(phone.get_by_text("Refunded the shipping as well.")).to_be_visible()
    phone.get_by_role("button", name="Yes, it is solved").click()
    expect(phone.get_by_text("We are glad it is solved")).to_be_visible()

    db.session.rollback()
    report = db.session.get(Ticket, report.id)
    assert report.status is Status.CLOSED and report.closed_reason == ClosedReason.CONFIRMED.value
    assert [e.action for e in report.events] == ["opened", "claimed", "replied", "replied", "resolved", "confirmed"]
    attempt = db.session.scalars(sa.select(CallAttempt)).one()
    assert attempt.outcome.value == "reached" and attempt.staff_id == agent.id
