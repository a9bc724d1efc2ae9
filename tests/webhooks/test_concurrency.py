"""Deliveries of one order arriving at the same moment, on a real threaded server: no 500s.

Shopify retries and sends orders/create and orders/updated close together, so
two requests for one new order race to insert it. The loser must see the
winner's row and answer like a later delivery would (duplicate, unchanged).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import requests
from sqlalchemy import func, select

from portal.orders.models import Order
from portal.webhooks.models import WebhookDelivery

from .conftest import body_of, shopify_headers, woo_headers
from .payloads import shopify_order, woocommerce_order

SENDERS = 12


def post_all_at_once(url: str, requests_to_send: list[tuple[bytes, dict]]) -> list[tuple[int, str]]:
    """Every request waits at a barrier, then all go out together."""
    barrier = threading.Barrier(len(requests_to_send))

    def send(body_and_headers):
        body, headers = body_and_headers
        barrier.wait(timeout=30)
        response = requests.post(url, data=body, headers=headers, timeout=60)
        try:
            return response.status_code, response.json().get("status")
        except ValueError:
            return response.status_code, response.text[:200]

    with ThreadPoolExecutor(len(requests_to_send)) as pool:
        return list(pool.map(send, requests_to_send))


def counts(db):
    db.session.rollback()
    return (db.session.scalar(select(func.count(Order.id))),
            db.session.scalar(select(func.count(WebhookDelivery.id))))


def test_one_delivery_sent_many_times_at_once_is_stored_once(live_server, db):
    body = body_of(shopify_order())
    answers = post_all_at_once(f"{live_server.url}/webhooks/shopify",
                               [(body, shopify_headers(body))] * SENDERS)
    assert sorted(answers) == [(200, "created")] + [(200, "duplicate")] * (SENDERS - 1)
    assert counts(db) == (1, 1)


def test_one_new_order_under_many_delivery_ids_at_once_is_created_once(live_server, db):
    body = body_of(shopify_order())
    answers = post_all_at_once(f"{live_server.url}/webhooks/shopify",
                               [(body, shopify_headers(body, event_id=f"evt-{n}")) for n in range(SENDERS)])
    assert sorted(answers) == [(200, "created")] + [(200, "unchanged")] * (SENDERS - 1)
    assert counts(db) == (1, SENDERS)


def test_woocommerce_deliveries_of_one_new_order_at_once(live_server, db):
    body = body_of(woocommerce_order())
    answers = post_all_at_once(f"{live_server.url}/webhooks/woocommerce",
                               [(body, woo_headers(body, delivery=f"d-{n}")) for n in range(SENDERS)])
    assert sorted(answers) == [(200, "created")] + [(200, "duplicate")] * (SENDERS - 1)
    assert counts(db) == (1, 1)


def test_an_older_and_a_newer_update_at_once_leave_the_newer_data(live_server, db):
    """Whichever commits first, the order ends with the content of the later modification."""
    url = f"{live_server.url}/webhooks/shopify"
    rounds = 8

    def version(n, email, updated_at):
        return body_of(shopify_order(id=1000 + n, name=f"#R{n}", email=email, updated_at=updated_at))

    for n in range(rounds):
        created = version(n, f"first{n}@example.com", "2026-03-14T09:10:00+03:30")
        requests.post(url, data=created, headers=shopify_headers(created, event_id=f"c-{n}"), timeout=30)
        older = version(n, f"old{n}@example.com", "2026-03-14T09:15:00+03:30")
        newer = version(n, f"new{n}@example.com", "2026-03-14T09:20:00+03:30")
        answers = post_all_at_once(url, [
            (older, shopify_headers(older, topic="orders/updated", event_id=f"old-{n}")),
            (newer, shopify_headers(newer, topic="orders/updated", event_id=f"new-{n}")),
        ])
        assert all(code == 200 for code, _ in answers), answers
    db.session.rollback()
    emails = dict(db.session.execute(select(Order.number, Order.email)).all())
    assert emails == {f"#R{n}": f"new{n}@example.com" for n in range(rounds)}


def test_a_creation_and_an_update_of_a_new_order_at_once_leave_the_update(live_server, db):
    url = f"{live_server.url}/webhooks/shopify"
    rounds = 4
    for n in range(rounds):
        created = body_of(shopify_order(id=2000 + n, name=f"#N{n}", email=f"old{n}@example.com",
                                        updated_at="2026-03-14T09:15:02+03:30"))
        updated = body_of(shopify_order(id=2000 + n, name=f"#N{n}", email=f"new{n}@example.com",
                                        updated_at="2026-03-14T09:20:00+03:30"))
        answers = post_all_at_once(url, [
            (created, shopify_headers(created, event_id=f"c-{n}")),
            (updated, shopify_headers(updated, topic="orders/updated", event_id=f"u-{n}")),
        ])
        assert all(code == 200 for code, _ in answers), answers
    db.session.rollback()
    emails = dict(db.session.execute(select(Order.number, Order.email)).all())
    assert emails == {f"#N{n}": f"new{n}@example.com" for n in range(rounds)}
