"""POST /webhooks/shopify: verified by HMAC, deduplicated, mapped from the Order resource."""

import json
import logging
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from portal.orders.models import Order
from portal.webhooks.models import WebhookDelivery

from .conftest import SHOPIFY_SECRET, body_of, shopify_headers
from .payloads import shopify_order


def counts(db):
    db.session.expire_all()
    return (db.session.scalar(select(func.count(Order.id))),
            db.session.scalar(select(func.count(WebhookDelivery.id))))


def post(client, body, headers):
    return client.post("/webhooks/shopify", data=body, headers=headers)


def test_a_signed_order_is_created_with_its_fields(client, db):
    body = body_of(shopify_order())
    response = post(client, body, shopify_headers(body))
    assert response.status_code == 200
    assert response.json == {"status": "created"}
    order = db.session.scalar(select(Order))
    assert (order.number, order.source, order.external_id) == ("#9999", "shopify", "820982911946154508")
    assert (order.customer_name, order.email, order.phone) == ("Sara Ahmadi", "sara@example.com",
                                                               "+98 21 5555 0100")
    assert (order.locale, order.country) == ("fa", "IR")
    assert order.ordered_at == datetime(2026, 3, 14, 5, 45, 2, tzinfo=UTC)
    assert order.items == [{"name": "Ceramic mug - Blue", "qty": 2, "sku": "MUG-01-BL"},
                           {"name": "Teapot", "qty": 1, "sku": "PT-02"}]
    assert order.token_digest and order.code_digest


@pytest.mark.parametrize("signature", [None, "", "bm90IGEgc2lnbmF0dXJl", "é"])
def test_bad_or_missing_signatures_get_401_and_store_nothing(client, db, signature):
    body = body_of(shopify_order())
    headers = shopify_headers(body)
    if signature is None:
        del headers["X-Shopify-Hmac-Sha256"]
    else:
        headers["X-Shopify-Hmac-Sha256"] = signature
    response = post(client, body, headers)
    assert response.status_code == 401
    assert counts(db) == (0, 0)


def test_a_body_changed_after_signing_is_refused(client, db):
    body = body_of(shopify_order())
    headers = shopify_headers(body)
    response = post(client, body.replace(b"Sara", b"Mallory"), headers)
    assert response.status_code == 401
    assert counts(db) == (0, 0)


def test_without_a_configured_secret_nothing_is_accepted(app, client, db):
    app.config["SHOPIFY_WEBHOOK_SECRET"] = None
    body = body_of(shopify_order())
    assert post(client, body, shopify_headers(body)).status_code == 401
    assert counts(db) == (0, 0)


def test_a_replayed_delivery_is_a_no_op(client, db):
    body = body_of(shopify_order())
    assert post(client, body, shopify_headers(body)).json["status"] == "created"
    replay = post(client, body, shopify_headers(body))
    assert replay.status_code == 200 and replay.json == {"status": "duplicate"}
    assert counts(db) == (1, 1)
    # Even an old event replayed after a newer update does not roll the order back.
    newer = body_of(shopify_order(email="sara.new@example.com"))
    assert post(client, newer, shopify_headers(newer, topic="orders/updated",
                                               event_id="evt-2")).json["status"] == "updated"
    assert post(client, body, shopify_headers(body)).json["status"] == "duplicate"
    assert db.session.scalar(select(Order.email)) == "sara.new@example.com"


def test_an_update_with_nothing_new_is_unchanged(client, db):
    body = body_of(shopify_order())
    post(client, body, shopify_headers(body))
    again = post(client, body, shopify_headers(body, topic="orders/updated", event_id="evt-3"))
    assert again.json == {"status": "unchanged"}
    assert counts(db) == (1, 2)


def test_other_topics_are_acknowledged_and_ignored(client, db):
    body = body_of({"id": 1})
    response = post(client, body, shopify_headers(body, topic="products/create"))
    assert response.status_code == 200 and response.json["status"] == "ignored"
    assert counts(db) == (0, 0)


def test_a_signed_but_unusable_payload_is_422_and_stores_nothing(client, db):
    body = body_of(shopify_order(name=None, order_number=None))
    response = post(client, body, shopify_headers(body))
    assert response.status_code == 422
    assert "name" in response.json["error"]
    not_json = b"{not json"
    assert post(client, not_json, shopify_headers(not_json)).status_code == 400
    assert counts(db) == (0, 0)


def test_the_secret_and_signature_never_reach_the_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    body = body_of(shopify_order())
    headers = shopify_headers(body)
    post(client, body, headers)
    post(client, body, {**headers, "X-Shopify-Hmac-Sha256": "AAAA"})
    assert SHOPIFY_SECRET not in caplog.text
    assert headers["X-Shopify-Hmac-Sha256"] not in caplog.text


def test_a_webhook_needs_no_csrf_token_but_oversized_bodies_are_refused_in_json(client, db):
    body = b'{"pad": "' + b"x" * (3 * 1024 * 1024) + b'"}'
    response = post(client, body, shopify_headers(body))
    assert response.status_code == 413 and response.mimetype == "application/json"
    assert response.json == {"status": "too_large",
                             "error": "the body is larger than 2 MB, the limit for one webhook delivery"}
    assert counts(db) == (0, 0)


def test_unknown_webhook_addresses_answer_in_json(client):
    response = client.post("/webhooks/magento", data=b"{}")
    assert response.status_code == 404 and response.mimetype == "application/json"
    # Shaped as every webhook answer: a status, and the error in words about the address.
    assert response.json == {"status": "not_found",
                             "error": "There is nothing at /webhooks/magento: check the address."}


def versions(**changes):
    """orders/create for #9001, then orders/updated five minutes later with a new email."""
    first = body_of(shopify_order(id=9001, name="#9001", email="jon@example.com",
                                  updated_at="2026-03-14T09:15:02+03:30", **changes))
    second = body_of(shopify_order(id=9001, name="#9001", email="jon2@example.com",
                                   updated_at="2026-03-14T09:20:02+03:30", **changes))
    return first, second


def test_an_old_body_replayed_under_a_new_id_changes_nothing(client, db):
    first, second = versions()
    assert post(client, first, shopify_headers(first, event_id="e-1")).json == {"status": "created"}
    assert post(client, second, shopify_headers(second, topic="orders/updated",
                                                event_id="e-2")).json == {"status": "updated"}
    replay = post(client, first, shopify_headers(first, event_id="e-3"))
    assert replay.status_code == 200 and replay.json == {"status": "stale"}
    assert db.session.scalar(select(Order.email)) == "jon2@example.com"
    # The stale delivery is recorded too, so the platform's retries of it stay no-ops.
    assert post(client, first, shopify_headers(first, event_id="e-3")).json == {"status": "duplicate"}
    assert counts(db) == (1, 3)
    outcomes = db.session.execute(select(WebhookDelivery.delivery_id, WebhookDelivery.outcome,
                                         WebhookDelivery.modified_at).order_by(WebhookDelivery.id)).all()
    assert outcomes == [("e-1", "created", datetime(2026, 3, 14, 5, 45, 2, tzinfo=UTC)),
                        ("e-2", "updated", datetime(2026, 3, 14, 5, 50, 2, tzinfo=UTC)),
                        ("e-3", "stale", datetime(2026, 3, 14, 5, 45, 2, tzinfo=UTC))]


def test_deliveries_out_of_order_keep_the_newest(client, db):
    first, second = versions()
    assert post(client, second, shopify_headers(second, topic="orders/updated",
                                                event_id="e-2")).json == {"status": "created"}
    assert post(client, first, shopify_headers(first, event_id="e-1")).json == {"status": "stale"}
    assert db.session.scalar(select(Order.email)) == "jon2@example.com"


def test_a_delivery_as_new_as_the_last_one_is_still_applied(client, db):
    first, _ = versions()
    same_time = body_of({**json.loads(first), "email": "jon3@example.com"})
    post(client, first, shopify_headers(first, event_id="e-1"))
    assert post(client, first, shopify_headers(first, event_id="e-2")).json == {"status": "unchanged"}
    assert post(client, same_time, shopify_headers(same_time, event_id="e-3")).json == {"status": "updated"}
    assert db.session.scalar(select(Order.email)) == "jon3@example.com"


def test_an_optional_field_that_does_not_validate_is_left_out_not_the_order(client, db, caplog):
    body = body_of(shopify_order(phone="call me after five", email="not an address",
                                 customer_locale="Română"))
    response = post(client, body, shopify_headers(body))
    assert response.status_code == 200
    assert response.json == {"status": "created", "fields_left_out": ["email", "locale", "phone"]}
    order = db.session.scalar(select(Order))
    assert (order.number, order.phone, order.email, order.locale) == ("#9999", None, None, "fa")
    assert "#9999 stored without email, locale, phone" in caplog.text
    assert "call me after five" not in caplog.text  # the customer's data stays out of the logs


def test_a_phone_with_an_extension_is_kept(client, db):
    body = body_of(shopify_order(phone="555-0100 ext 12"))
    assert post(client, body, shopify_headers(body)).json == {"status": "created"}
    assert db.session.scalar(select(Order.phone)) == "555-0100 ext 12"


def test_removed_lines_are_skipped_and_a_missing_quantity_means_one(client, db):
    lines = shopify_order()["line_items"]
    body = body_of(shopify_order(line_items=[
        {**lines[0], "quantity": 0},
        {key: value for key, value in lines[1].items() if key != "quantity"},
        {**lines[0], "name": "Saucer", "quantity": 3},
        {**lines[0], "name": "Broken", "quantity": -2},
    ]))
    response = post(client, body, shopify_headers(body))
    assert response.json == {"status": "created", "fields_left_out": ["items"]}
    assert db.session.scalar(select(Order.items)) == [{"name": "Teapot", "qty": 1, "sku": "PT-02"},
                                                      {"name": "Saucer", "qty": 3, "sku": "MUG-01-BL"}]


def test_a_line_an_order_edit_removed_is_left_out_by_its_current_quantity(client, db):
    lines = shopify_order()["line_items"]
    body = body_of(shopify_order(line_items=[
        {**lines[0], "quantity": 2, "current_quantity": 0},  # removed after the order was placed
        {**lines[1], "quantity": 3, "current_quantity": 1},
    ]))
    assert post(client, body, shopify_headers(body)).json == {"status": "created"}
    assert db.session.scalar(select(Order.items)) == [{"name": "Teapot", "qty": 1, "sku": "PT-02"}]


def test_a_delivery_id_longer_than_the_column_is_still_recognised_when_replayed(client, db):
    body = body_of(shopify_order())
    headers = shopify_headers(body, event_id="e" * 300)
    assert post(client, body, headers).json == {"status": "created"}
    assert post(client, body, headers).json == {"status": "duplicate"}
    assert counts(db) == (1, 1)
