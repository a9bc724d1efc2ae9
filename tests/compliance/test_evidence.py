"""Every customer sees the review links whatever they rated, and the portal keeps the proof."""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from portal.compliance.models import ReviewLinkImpression
from portal.goodwill import offers
from portal.goodwill.catalogue import ensure_default_catalogue
from portal.tickets import services as tickets
from portal.wording import check
from portal.wording.marketplace import set_marketplace_mode
from tests.helpers import csrf_from, login

LINK = re.compile(r'<ul class="review-links">(.*?)</ul>', re.S)
ASSURANCE = ("Your honest review helps other customers. Asking us for help here never stops you "
             "from posting a review anywhere.")


def _links(html: str) -> list[str]:
    block = LINK.search(html)
    return re.findall(r'href="([^"]+)"', block.group(1)) if block else []


def _scan(app, factory, **fields):
    order, token = factory.order(**fields)
    client = app.test_client()
    client.get(f"/o/{token}")
    return client, order


def test_no_rating_decides_who_sees_the_review_links(app, db, factory):
    client, order = _scan(app, factory)
    baseline = _links(client.get("/order").text)
    assert baseline == [link["url"] for link in app.config["REVIEW_LINKS"]]
    for stars in range(1, 6):
        client, order = _scan(app, factory)
        page = client.get("/order")
        client.post("/order/rating", data={"stars": str(stars), "csrf_token": csrf_from(page.text)})
        after = client.get("/order").text
        assert _links(after) == baseline, f"{stars} stars changed the links"
        assert "never stops you from posting a review anywhere" in after
        rows = db.session.scalars(select(ReviewLinkImpression)
                                  .where(ReviewLinkImpression.order_id == order.id)).all()
        assert {r.rating_stars for r in rows} == {None, stars}  # before and after rating
        assert {r.link_count for r in rows} == {len(baseline)}


def test_the_links_are_shown_before_any_rating_is_asked(app, db, factory):
    client, _order = _scan(app, factory)
    html = client.get("/order").text
    assert _links(html)  # no rating given, links already there


def test_an_impression_is_recorded_once_per_day_per_page(app, db, factory):
    client, order = _scan(app, factory)
    client.get("/order")
    client.get("/order")
    ticket = factory.ticket(order)
    client.get(f"/ticket/{ticket.id}")
    pages = db.session.scalars(select(ReviewLinkImpression.page)
                               .where(ReviewLinkImpression.order_id == order.id)).all()
    assert sorted(pages) == ["order", "ticket"]


@pytest.mark.parametrize("locale", ["en", "fa", "hy", "ro"])
def test_every_language_says_private_help_never_stops_a_review(app, db, factory, locale):
    client, _order = _scan(app, factory, locale=locale)
    html = client.get("/order").text
    with force_locale(locale):
        sentence = _(ASSURANCE)
    assert sentence in html.replace("&#39;", "'")
    assert check(sentence, locale).allowed  # the page's own words pass the wording check


def test_marketplace_mode_shows_only_the_marketplaces_own_review_page(app, db, factory):
    app.config["REVIEW_LINKS"] = app.config["REVIEW_LINKS"] + [
        {"name": "Amazon", "url": "https://www.amazon.com/review/create-review?asin=B000"}]
    set_marketplace_mode("amazon", None)
    db.session.commit()
    client, order = _scan(app, factory)
    assert _links(client.get("/order").text) == ["https://www.amazon.com/review/create-review?asin=B000"]
    row = db.session.scalar(select(ReviewLinkImpression).where(ReviewLinkImpression.order_id == order.id))
    assert row.marketplace == "amazon"


def test_compliance_report_command_shows_links_and_offers(app, db, factory):
    client, order = _scan(app, factory)
    client.get("/order")
    ensure_default_catalogue()
    agent = factory.staff("agent")
    ticket = factory.ticket(order)
    tickets.claim_ticket(ticket.id, agent)
    from portal.goodwill.models import Gesture
    gesture = db.session.scalar(select(Gesture).where(Gesture.kind == "letter"))
    offers.make_offer(ticket, agent, gesture, 0, "Our founder would like to write to you.")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["compliance-report"])
    assert result.exit_code == 0, result.output
    assert "rating none:    1 impressions" in result.output
    assert "Our founder would like to write to you." in result.output
    assert "Conditional offers (tied to a review, or threatening): none" in result.output
    single = app.test_cli_runner().invoke(args=["compliance-report", "--order", order.number,
                                                "--format", "csv"])
    assert single.exit_code == 0 and single.output.startswith("kind,when,order")
    missing = app.test_cli_runner().invoke(args=["compliance-report", "--order", "NOPE"])
    assert missing.exit_code == 1 and "no order numbered NOPE" in missing.output


@pytest.mark.parametrize(("lang", "text", "code"), [
    ("en", "Delete your review and we will refund you.", 1),
    ("en", "Here is a 15% coupon for your next order.", 0),
    ("fa", "لطفا نظرتان را حذف کنید تا بازپرداخت کنیم.", 1),
    ("fa", "یک کد تخفیف ۱۵ درصدی برای خرید بعدی شما.", 0),
    ("hy", "Մի՛ գրեք կարծիք, եւ կստանաք զեղչ։", 1),
    ("hy", "Ահա 15% զեղչի կտրոն ձեր հաջորդ պատվերի համար։", 0),
    ("ro", "Stergeti recenzia si primiti o reducere.", 1),
    ("ro", "Vă oferim un cupon de 15% pentru următoarea comandă.", 0),
])
def test_check_wording_command_exits_1_when_it_refuses(app, lang, text, code):
    result = app.test_cli_runner().invoke(args=["check-wording", "--lang", lang, text])
    assert result.exit_code == code, result.output
    assert ("REFUSED" if code else "ACCEPTED") in result.output


def test_the_compliance_page_is_for_leads_and_admins(app, db, factory):
    agent_client, lead_client = app.test_client(), app.test_client()
    login(agent_client, factory.staff("agent"))
    login(lead_client, factory.staff("lead"))
    assert agent_client.get("/staff/compliance/").status_code == 403
    page = lead_client.get("/staff/compliance/")
    assert page.status_code == 200 and "Review links shown" in page.text
    checked = lead_client.post("/staff/compliance/", data={
        "w-lang": "ro", "w-text": "Dacă ștergeți recenzia, primiți un cupon.", "w-submit": "Check",
        "csrf_token": csrf_from(page.text)})
    # People words in the writer's language (Romanian here), never the rule's code.
    assert "Refused" in checked.text and "review_suppression" not in checked.text
    assert "Cere ștergerea, modificarea" in checked.text and "Ne pare rău că s-a întâmplat" in checked.text
    csv = lead_client.get("/staff/compliance/report.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    # Only admins switch the marketplace mode.
    denied = lead_client.post("/staff/compliance/marketplace",
                              data={"m-marketplace": "amazon", "csrf_token": csrf_from(page.text)})
    assert denied.status_code == 403
