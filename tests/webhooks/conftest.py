"""Webhook fixtures: configured secrets and a signed-post helper."""

import json

import pytest

from portal.webhooks.signatures import sign

SHOPIFY_SECRET = "shpss_test_" + "s" * 32
WOO_SECRET = "woo-test-" + "w" * 32


@pytest.fixture(autouse=True)
def webhook_secrets(app):
    app.config.update(SHOPIFY_WEBHOOK_SECRET=SHOPIFY_SECRET, WOOCOMMERCE_WEBHOOK_SECRET=WOO_SECRET)


def shopify_headers(body: bytes, *, topic="orders/create", event_id="evt-1", secret=SHOPIFY_SECRET):
    return {
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-Sha256": sign(secret, body),
        "X-Shopify-Shop-Domain": "shop-example.myshopify.com",
        "X-Shopify-API-Version": "2025-01",
        "X-Shopify-Webhook-Id": f"wh-{event_id}",
        "X-Shopify-Event-Id": event_id,
        "X-Shopify-Triggered-At": "2026-03-14T05:45:03Z",
        "Content-Type": "application/json",
    }


def woo_headers(body: bytes, *, topic="order.created", delivery="d-1", secret=WOO_SECRET):
    return {
        "X-WC-Webhook-Source": "https://shop.example/",
        "X-WC-Webhook-Topic": topic,
        "X-WC-Webhook-Resource": "order",
        "X-WC-Webhook-Event": topic.split(".")[1],
        "X-WC-Webhook-Signature": sign(secret, body),
        "X-WC-Webhook-ID": "12",
        "X-WC-Webhook-Delivery-ID": delivery,
        "Content-Type": "application/json",
    }


def body_of(payload: dict) -> bytes:
    return json.dumps(payload).encode()
