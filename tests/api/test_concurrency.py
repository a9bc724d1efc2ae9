"""The same orders posted by many clients at once, on a real threaded server: no 500s.

A shop backend that retries on a timeout can send one order twice while the
first request is still running; the second must see the first one's row.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import requests
from sqlalchemy import func, select

from portal.orders.models import Order

SENDERS = 12


def post_all_at_once(url: str, key: str, bodies: list) -> list[tuple[int, object]]:
    barrier = threading.Barrier(len(bodies))

    def send(body):
        barrier.wait(timeout=30)
        response = requests.post(url, json=body, headers={"Authorization": f"Bearer {key}"}, timeout=60)
        try:
            return response.status_code, response.json()
        except ValueError:
            return response.status_code, response.text[:200]

    with ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(send, bodies))


def test_one_order_posted_many_times_at_once_is_created_once(live_server, api_key, db):
    order = {"number": "API-9", "external_id": "e-9", "email": "ann@example.com"}
    answers = post_all_at_once(f"{live_server.url}/api/v1/orders", api_key, [order] * SENDERS)
    codes = sorted(code for code, _ in answers)
    assert codes == [200] * (SENDERS - 1) + [201], answers
    assert sorted(body["result"] for _, body in answers) == ["created"] + ["unchanged"] * (SENDERS - 1)
    db.session.rollback()
    assert db.session.scalar(select(func.count(Order.id))) == 1


def test_one_batch_posted_many_times_at_once_creates_each_order_once(live_server, api_key, db):
    batch = {"orders": [{"number": f"B-{n}", "external_id": f"b-{n}"} for n in range(20)]}
    answers = post_all_at_once(f"{live_server.url}/api/v1/orders", api_key, [batch] * SENDERS)
    assert all(code == 200 for code, _ in answers), answers
    results = [[r["result"] for r in body["results"]] for _, body in answers]
    assert sorted(results).count(["unchanged"] * 20) == SENDERS - 1
    assert ["created"] * 20 in results
    db.session.rollback()
    assert db.session.scalar(select(func.count(Order.id))) == 20
