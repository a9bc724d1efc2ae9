"""Shop owners edit review links per platform and language; customers see them all."""

from __future__ import annotations

import pytest

from portal.core.errors import ValidationFailed
from portal.reviews import services
from portal.reviews.links import review_links
from tests.helpers import csrf_from, login


def _admin(app, factory):
    client = app.test_client()
    login(client, factory.staff("admin"))
    return client


def test_without_stored_links_the_configured_ones_are_shown(app, db):
    with app.test_request_context():
        assert [link["url"] for link in review_links("en")] == [
            link["url"] for link in app.config["REVIEW_LINKS"]]


def test_an_admin_adds_a_link_and_customers_see_it(app, db, factory):
    client = _admin(app, factory)
    page = client.get("/staff/review-links/")
    response = client.post("/staff/review-links/", data={
        "platform": "trustpilot", "locale": "*", "name": "Trustpilot",
        "url": "https://www.trustpilot.com/review/our-shop.example", "position": "1", "active": "y",
        "csrf_token": csrf_from(page.text)})
    assert response.status_code == 303
    order, token = factory.order()
    customer = app.test_client()
    customer.get(f"/o/{token}")
    html = customer.get("/order").text
    assert "https://www.trustpilot.com/review/our-shop.example" in html
    assert "g.page/r/shop-example" not in html  # the table replaces the configuration


def test_a_language_gets_its_own_link_and_others_keep_the_general_one(app, db):
    services.add_link(platform="google", locale="*", name="Google", url="https://g.page/r/shop/review")
    services.add_link(platform="google", locale="fa", name="گوگل", url="https://g.page/r/shop/review?hl=fa")
    services.add_link(platform="trustpilot", locale="*", name="Trustpilot", url="https://trustpilot.com/r/s")
    db.session.commit()
    fa = {link["url"] for link in services.links_for("fa", None)}
    en = {link["url"] for link in services.links_for("en", None)}
    assert fa == {"https://g.page/r/shop/review?hl=fa", "https://trustpilot.com/r/s"}
    assert en == {"https://g.page/r/shop/review", "https://trustpilot.com/r/s"}


def test_an_inactive_link_is_hidden_and_editing_keeps_it_https(app, db, factory):
    link = services.add_link(platform="yelp", locale="*", name="Yelp", url="https://yelp.com/biz/shop")
    services.update_link(link, name="Yelp", url=link.url, position=0, active=False)
    db.session.commit()
    assert services.links_for("en", None) == []
    with pytest.raises(ValidationFailed, match="https"):
        services.update_link(link, name="Yelp", url="http://yelp.com/x", position=0, active=True)
    with pytest.raises(ValidationFailed, match="https"):
        services.add_link(platform="x", locale="*", name="X", url="javascript:alert(1)")


def test_a_bad_link_is_refused_with_a_clear_message_on_the_page(app, db, factory):
    client = _admin(app, factory)
    page = client.get("/staff/review-links/")
    response = client.post("/staff/review-links/", data={
        "platform": "google", "locale": "en", "name": "Google", "url": "http://insecure.example",
        "position": "0", "csrf_token": csrf_from(page.text)})
    assert response.status_code == 200
    assert "https://" in response.text and "must be an https" in response.text
    assert services.all_links() == []


def test_only_admins_edit_review_links(app, db, factory):
    for role in ("agent", "lead"):
        client = app.test_client()
        login(client, factory.staff(role))
        assert client.get("/staff/review-links/").status_code == 403
