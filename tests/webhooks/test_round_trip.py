"""A webhook round trip over real HTTP (threaded server): good, bad, replayed."""

import requests
from sqlalchemy import func, select

from portal.orders.models import Order

from .conftest import body_of, shopify_headers, woo_headers
from .payloads import shopify_order, woocommerce_order


def test_round_trip_over_http(live_server, db):
    seen = []
    for platform, payload, headers in (
        ("shopify", shopify_order(), shopify_headers),
        ("woocommerce", woocommerce_order(), woo_headers),
    ):
        url = f"{live_server.url}/webhooks/{platform}"
        body = body_of(payload)
        good = requests.post(url, data=body, headers=headers(body), timeout=10)
        bad = requests.post(url, data=body, headers=headers(body, secret="wrong"), timeout=10)
        replay = requests.post(url, data=body, headers=headers(body), timeout=10)
        seen += [(platform, "good", good.status_code, good.json()["status"]),
                 (platform, "bad", bad.status_code, bad.json()["status"]),
                 (platform, "replay", replay.status_code, replay.json()["status"])]
    print("\n" + "\n".join(" ".join(map(str, row)) for row in seen))
    assert seen == [
        ("shopify", "good", 200, "created"), ("shopify", "bad", 401, "unauthorized"),
        ("shopify", "replay", 200, "duplicate"),
        ("woocommerce", "good", 200, "created"), ("woocommerce", "bad", 401, "unauthorized"),
        ("woocommerce", "replay", 200, "duplicate"),
    ]
    db.session.rollback()
    assert db.session.scalar(select(func.count(Order.id))) == 2
