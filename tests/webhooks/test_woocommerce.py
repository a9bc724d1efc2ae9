"""POST /webhooks/woocommerce: ping, HMAC, dedupe, locale from a meta key or the country."""

import pytest
from sqlalchemy import func, select

from portal.orders.models import Order
from portal.webhooks.models import WebhookDelivery

from .conftest import body_of, woo_headers
from .payloads import woocommerce_order


def post(client, body, headers):
    return client.post("/webhooks/woocommerce", data=body, headers=headers)


def counts(db):
    db.session.expire_all()
    return (db.session.scalar(select(func.count(Order.id))),
            db.session.scalar(select(func.count(WebhookDelivery.id))))


def test_the_creation_ping_gets_200_and_stores_nothing(client, db):
    response = client.post("/webhooks/woocommerce", data="webhook_id=12",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and response.json == {"status": "pong"}
    assert counts(db) == (0, 0)


def test_a_signed_order_is_created(client, db):
    body = body_of(woocommerce_order())
    response = post(client, body, woo_headers(body))
    assert response.status_code == 200 and response.json == {"status": "created"}
    order = db.session.scalar(select(Order))
    assert (order.number, order.source, order.external_id) == ("727", "woocommerce", "727")
    assert (order.customer_name, order.email, order.phone) == ("Ioana Popescu", "ioana@example.com",
                                                               "+40 21 555 0100")
    assert (order.locale, order.country) == ("ro", "RO")
    assert order.items == [{"name": "Woo Single #1", "qty": 2, "sku": "WS-1"},
                           {"name": "Ship Your Idea &ndash; Color: Black", "qty": 1}]
    assert order.ordered_at.isoformat() == "2026-03-22T14:28:02+00:00"


def test_bad_signature_is_401_and_stores_nothing(client, db):
    body = body_of(woocommerce_order())
    headers = woo_headers(body, secret="not-the-secret")
    assert post(client, body, headers).status_code == 401
    headers.pop("X-WC-Webhook-Signature")
    assert post(client, body, headers).status_code == 401
    assert counts(db) == (0, 0)


def test_retries_with_a_new_delivery_id_are_still_one_event(client, db):
    body = body_of(woocommerce_order())
    assert post(client, body, woo_headers(body, delivery="d-1")).json["status"] == "created"
    retry = post(client, body, woo_headers(body, delivery="d-2"))
    assert retry.json == {"status": "duplicate"}
    changed = body_of(woocommerce_order(date_modified_gmt="2026-03-23T08:00:00",
                                        billing={**woocommerce_order()["billing"],
                                                 "phone": "+40 21 555 0199"}))
    update = post(client, changed, woo_headers(changed, topic="order.updated", delivery="d-3"))
    assert update.json == {"status": "updated"}
    assert counts(db) == (1, 2)
    assert db.session.scalar(select(Order.phone)) == "+40 21 555 0199"


def test_locale_comes_from_the_configured_meta_key_or_else_the_country(app, client, db):
    app.config["WOOCOMMERCE_LOCALE_META_KEY"] = "pll_language"
    armenian = body_of(woocommerce_order(
        id=801, number="801", meta_data=[{"id": 1, "key": "pll_language", "value": "hy"}]))
    post(client, armenian, woo_headers(armenian, delivery="a"))
    by_country = body_of(woocommerce_order(
        id=802, number="802", meta_data=[{"id": 2, "key": "wpml_language", "value": "en"}],
        shipping={**woocommerce_order()["shipping"], "country": "IR"}))
    post(client, by_country, woo_headers(by_country, delivery="b"))
    locales = dict(db.session.execute(select(Order.number, Order.locale)).all())
    assert locales == {"801": "hy", "802": "fa"}


def test_a_ping_shaped_body_cannot_smuggle_an_order(client, db):
    response = client.post("/webhooks/woocommerce", data="webhook_id=12&number=1",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 401
    assert counts(db) == (0, 0)


def test_a_language_meta_that_is_no_language_tag_is_left_out(client, db):
    body = body_of(woocommerce_order(meta_data=[{"id": 1, "key": "wpml_language", "value": "Română"}]))
    response = post(client, body, woo_headers(body))
    assert response.status_code == 200
    assert response.json == {"status": "created", "fields_left_out": ["locale"]}
    assert db.session.scalar(select(Order.locale)) == "ro"  # from the country, RO


@pytest.mark.parametrize("meta_data", [5, "x", [{"key": ["a"], "value": 1}], [None, 3]])
def test_meta_data_of_an_unexpected_shape_is_no_error(client, db, meta_data):
    body = body_of(woocommerce_order(meta_data=meta_data))
    response = post(client, body, woo_headers(body))
    assert response.status_code == 200 and response.json == {"status": "created"}
    assert db.session.scalar(select(Order.locale)) == "ro"  # from the country, RO


def test_an_older_modification_after_a_newer_one_is_stale(client, db):
    newer = body_of(woocommerce_order(date_modified_gmt="2026-03-23T08:00:00",
                                      billing={**woocommerce_order()["billing"], "phone": "+40 21 555 0199"}))
    older = body_of(woocommerce_order())
    assert post(client, newer, woo_headers(newer, topic="order.updated", delivery="d-1")).json == {
        "status": "created"}
    assert post(client, older, woo_headers(older, delivery="d-2")).json == {"status": "stale"}
    assert db.session.scalar(select(Order.phone)) == "+40 21 555 0199"
    assert post(client, older, woo_headers(older, delivery="d-3")).json == {"status": "duplicate"}


def test_line_items_with_quantity_zero_are_skipped(client, db):
    lines = woocommerce_order()["line_items"]
    body = body_of(woocommerce_order(line_items=[{**lines[0], "quantity": 0}, lines[1]]))
    assert post(client, body, woo_headers(body)).json == {"status": "created"}
    assert db.session.scalar(select(Order.items)) == [{"name": "Ship Your Idea &ndash; Color: Black", "qty": 1}]
