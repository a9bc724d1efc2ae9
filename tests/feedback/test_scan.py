"""Scanning the card: token traded for a session, then a token-free page."""

import logging
import time

import pytest

from portal.core import tokens
from portal.orders import services as orders


def test_scan_redirects_303_to_a_token_free_page(client, factory):
    order, token = factory.order(number="A-100")
    response = client.get(f"/o/{token}")
    assert response.status_code == 303
    assert response.headers["Location"] == "/order"
    assert token not in response.headers["Location"]
    page = client.get("/order")
    assert page.status_code == 200
    assert "A-100" in page.text
    assert token not in page.text


def test_pages_never_send_a_referer_and_are_not_cached(client, factory):
    _, token = factory.order()
    response = client.get(f"/o/{token}")
    assert response.headers["Referrer-Policy"] == "no-referrer"
    page = client.get("/order")
    assert page.headers["Cache-Control"] == "no-store"
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("bad", ["x", "A" * 22, "../../etc/passwd", "A" * 21 + "!", tokens.new_token()])
def test_unknown_and_malformed_tokens_get_the_same_404(client, factory, bad):
    factory.order()
    unknown = client.get(f"/o/{tokens.new_token()}")
    response = client.get(f"/o/{bad}")
    assert response.status_code == 404
    assert response.text == unknown.text


def test_order_page_without_a_scan_is_404(client):
    assert client.get("/order").status_code == 404


def test_customer_session_expires(app, client, factory):
    _, token = factory.order()
    client.get(f"/o/{token}")
    with client.session_transaction() as session:
        session["order_bound_at"] -= app.config["CUSTOMER_SESSION_HOURS"] * 3600 + 1
    assert client.get("/order").status_code == 404


@pytest.mark.parametrize("stars", [1, 2, 3, 4, 5])
def test_review_links_are_shown_whatever_the_rating(client, factory, stars):
    _, token = factory.order()
    client.get(f"/o/{token}")
    before = client.get("/order").text
    assert "https://www.trustpilot.com/review/shop.example" in before
    from tests.helpers import csrf_from

    response = client.post("/order/rating", data={"stars": str(stars), "csrf_token": csrf_from(before)})
    assert response.status_code == 303
    after = client.get("/order").text
    assert "https://www.trustpilot.com/review/shop.example" in after
    assert "Tell us privately" in after
    assert f"you said {stars} of 5" in after


def test_rating_outside_one_to_five_is_refused(client, factory, db):
    order, token = factory.order()
    client.get(f"/o/{token}")
    from tests.helpers import csrf_from

    csrf = csrf_from(client.get("/order").text)
    client.post("/order/rating", data={"stars": "9", "csrf_token": csrf})
    assert orders.latest_rating(order) is None


def test_rating_without_csrf_is_refused(client, factory):
    order, token = factory.order()
    client.get(f"/o/{token}")
    assert client.post("/order/rating", data={"stars": "5"}).status_code == 400
    assert orders.latest_rating(order) is None


def test_tokens_never_reach_the_access_log(app, caplog, factory, live_server):
    import requests

    _, token = factory.order()
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        requests.get(f"{live_server.url}/o/{token}", allow_redirects=False, timeout=5)
        # The server logs the request line just after answering; give it a moment.
        deadline = time.monotonic() + 3
        while not caplog.records and time.monotonic() < deadline:
            time.sleep(0.02)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "/o/[redacted]" in text
    assert token not in text


def test_scan_is_rate_limited(app_config, factory):
    from portal import create_app

    limited = create_app({**app_config, "RATELIMIT_ENABLED": True, "RATE_LIMIT_SCAN": "3 per minute"})
    client = limited.test_client()
    responses = [client.get(f"/o/{tokens.new_token()}") for _ in range(5)]
    assert [r.status_code for r in responses] == [404, 404, 404, 429, 429]
    assert 1 <= int(responses[-1].headers["Retry-After"]) <= 60
    # Pages that need no limit are not counted against it.
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(("locale", "lang", "direction"),
                         [("fa-IR", "fa", "rtl"), ("hy", "hy", "ltr"), ("ro_RO", "ro", "ltr")])
def test_layout_follows_the_orders_locale(client, factory, locale, lang, direction):
    _, token = factory.order(locale=locale)
    client.get(f"/o/{token}")
    page = client.get("/order").text
    assert f'<html lang="{lang}" dir="{direction}">' in page
