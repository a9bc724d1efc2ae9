"""Goodwill through the pages: staff offer from the ticket, the customer accepts once."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import select

from portal.goodwill import offers
from portal.goodwill.models import Gesture, Offer, OfferStatus
from tests.helpers import csrf_from, login


def _staff(app, user):
    client = app.test_client()
    login(client, user)
    return client


def _customer(app, ticket):
    client = app.test_client()
    client.get(f"/o/{ticket.scan_token}")
    return client


def _offer(client, ticket, gesture, value, wording=""):
    page = client.get(f"/staff/tickets/{ticket.id}")
    assert 'id="goodwill"' in page.text
    return client.post(f"/staff/goodwill/tickets/{ticket.id}/offer", data={
        "gesture": str(gesture.id), "value": str(value), "wording": wording,
        "csrf_token": csrf_from(page.text)}, follow_redirects=True)


def test_offer_accept_and_the_code_appears_once_accepted(app, db, gestures, owned_ticket, agent):
    staff = _staff(app, agent)
    response = _offer(staff, owned_ticket, gestures["percent_coupon"], 10)
    assert "Offer sent to the customer." in response.text
    customer = _customer(app, owned_ticket)
    page = customer.get(f"/ticket/{owned_ticket.id}").text
    assert "Our offer to you" in page and "10%" in page
    assert "does not depend on any review" in page
    offer = db.session.scalar(select(Offer))
    form = {"accept": "Accept", "csrf_token": csrf_from(page)}
    accepted = customer.post(f"/ticket/{owned_ticket.id}/offers/{offer.id}", data=form,
                             follow_redirects=True)
    code = re.search(r'class="coupon-code"><bdi dir="ltr">(GW-[0-9A-Z-]+)</bdi>', accepted.text)
    assert code, accepted.text
    again = customer.post(f"/ticket/{owned_ticket.id}/offers/{offer.id}", data=form,
                          follow_redirects=True)
    assert "You have already accepted this offer." in again.text
    assert code.group(1) in again.text  # shown again, derived, never stored


def test_a_refused_wording_is_explained_and_nothing_reaches_the_customer(
        app, db, gestures, owned_ticket, agent):
    staff = _staff(app, agent)
    response = _offer(staff, owned_ticket, gestures["percent_coupon"], 10,
                      "10% off if you change your review to five stars.")
    assert "was refused" in response.text and "review" in response.text
    assert db.session.scalar(select(Offer)) is None


def test_above_the_limit_the_lead_approves_from_the_approvals_page(
        app, db, gestures, owned_ticket, agent, lead):
    _offer(_staff(app, agent), owned_ticket, gestures["percent_coupon"], 40, "40% off, sorry.")
    customer = _customer(app, owned_ticket)
    assert "Our offer to you" not in customer.get(f"/ticket/{owned_ticket.id}").text
    lead_client = _staff(app, lead)
    page = lead_client.get("/staff/goodwill/approvals")
    assert "40% off, sorry." in page.text
    assert 'Approvals <strong class="sla sla-amber">1</strong>' in page.text  # visible in the nav
    offer = db.session.scalar(select(Offer))
    lead_client.post(f"/staff/goodwill/offers/{offer.id}/approve",
                     data={"note": "", "csrf_token": csrf_from(page.text)})
    db.session.refresh(offer)
    assert offer.status is OfferStatus.OFFERED
    assert "40% off, sorry." in customer.get(f"/ticket/{owned_ticket.id}").text


def test_another_customer_cannot_touch_the_offer(app, db, gestures, owned_ticket, agent, factory):
    _offer(_staff(app, agent), owned_ticket, gestures["letter"], 0, "May we write to you?")
    offer = db.session.scalar(select(Offer))
    other_order, token = factory.order()
    other = app.test_client()
    page = other.get(f"/o/{token}", follow_redirects=True)
    response = other.post(f"/ticket/{owned_ticket.id}/offers/{offer.id}",
                          data={"accept": "Accept", "csrf_token": csrf_from(page.text)})
    assert response.status_code == 404
    db.session.refresh(offer)
    assert offer.status is OfferStatus.OFFERED


def test_ledger_csv_is_formula_safe(app, db, gestures, factory, agent, lead):
    from portal.tickets import services as tickets

    order, _token = factory.order(customer_name="=HYPERLINK(\"http://evil.example\")")
    ticket = factory.ticket(order)
    tickets.claim_ticket(ticket.id, agent)
    db.session.commit()
    staff = _staff(app, agent)
    page = staff.get(f"/staff/tickets/{ticket.id}")
    staff.post(f"/staff/goodwill/tickets/{ticket.id}/offer", data={
        "gesture": str(gestures["letter"].id), "value": "0", "wording": "+ a personal letter for you",
        "csrf_token": csrf_from(page.text)})
    assert staff.get("/staff/goodwill/ledger.csv").status_code == 403  # leads and admins only
    body = _staff(app, lead).get("/staff/goodwill/ledger.csv").text
    row = next(r for r in csv.DictReader(io.StringIO(body)))
    assert row["customer"].startswith("'=HYPERLINK")
    assert row["wording"] == "'+ a personal letter for you"
    assert row["offered_by"] == agent.name and row["status"] == "offered"


def test_the_catalogue_is_for_admins_and_checks_every_wording(app, db, factory):
    assert _staff(app, factory.staff("lead")).get("/staff/goodwill/catalogue").status_code == 403
    admin = _staff(app, factory.staff("admin"))
    page = admin.get("/staff/goodwill/catalogue")
    data = {"kind": "fixed_coupon", "name": "Five off", "value": "5.00", "currency": "EUR",
            "validity_days": "60", "agent_limit": "5", "lead_limit": "20", "active": "y",
            "wording_en": "Please accept {value} off, with our apologies.",
            "wording_hy": "Եթե ջնջեք կարծիքը, կստանաք {value} զեղչ։",
            "csrf_token": csrf_from(page.text)}
    refused = admin.post("/staff/goodwill/catalogue", data=data)
    assert "the hy wording (hy) was refused" in refused.text
    data["wording_hy"] = "Խնդրում ենք ընդունել {value} զեղչ՝ մեր ներողությամբ։"
    admin.post("/staff/goodwill/catalogue", data=data)
    gesture = db.session.scalar(select(Gesture).where(Gesture.name == "Five off"))
    assert gesture.value == 500 and {lim.role: lim.max_value for lim in gesture.limits} == {"agent": 500, "lead": 2000}


OFFER_TEXT = {
    "en": "We would like to send you a handwritten apology.",
    "fa": "می‌خواهیم یک نامهٔ عذرخواهی دست‌نویس برایتان بفرستیم.",
    "hy": "Ցանկանում ենք ձեզ ուղարկել ձեռագիր ներողության նամակ։",
    "ro": "Dorim să vă trimitem o scrisoare de scuze scrisă de mână.",
}
UNCONDITIONAL = ("This is for your lost time. It asks nothing in return, and it does not depend on "
                 "any review you post, change or do not post.")


@pytest.mark.parametrize("locale", sorted(OFFER_TEXT))
def test_every_language_says_the_offer_is_unconditional(app, db, gestures, factory, agent, locale):
    from flask_babel import force_locale
    from flask_babel import gettext as _

    from portal.tickets import services as tickets
    from portal.wording import check

    order, token = factory.order(locale=locale)
    ticket = factory.ticket(order, locale=locale)
    tickets.claim_ticket(ticket.id, agent)
    offers.make_offer(ticket, agent, gestures["letter"], 0, OFFER_TEXT[locale])
    db.session.commit()
    customer = app.test_client()
    customer.get(f"/o/{token}")
    page = customer.get(f"/ticket/{ticket.id}").text
    with force_locale(locale):
        sentence = _(UNCONDITIONAL)
    assert OFFER_TEXT[locale] in page
    assert sentence in page.replace("&#39;", "'")
    assert check(sentence, locale).allowed
