"""Benchmark: the staff queue page with 100,000 tickets against the same page with 1,000.

Builds two fresh databases by the real migrations, bulk-inserts orders and
tickets with SQL (a realistic mix: most closed, a few hundred to a few
thousand open, unassigned, waiting, resolved), logs a staff member in, and
times the queue page in-process (server time: routing, queries, template),
per view. The default view (Unassigned) is the headline figure.
Prints a table, then (last line) one JSON object.

    python bench/queue_page.py [--small 1000] [--large 100000] [--requests 200] [--database sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PORTAL_JOBS_IMMEDIATE", "1")

KEYS = {"SECRET_KEY": "bench-secret-" + "s" * 40, "TOKEN_KEY": "bench-token-" + "t" * 40}
VIEWS = ["unassigned", "mine", "breaching", "waiting", "all"]
PASSWORD = "bench password 123"
PG_ADMIN = os.environ.get("PORTAL_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
BATCH = 5000


def _database(kind: str, folder: Path, name: str):
    if kind == "sqlite":
        return f"sqlite:///{folder / (name + '.db')}", None
    db_name = f"portal_bench_{name}_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{db_name}"')

    def drop():
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        admin.dispose()

    return PG_ADMIN.rsplit("/", 1)[0] + f"/{db_name}", drop


WORKING_SET = 600  # tickets not yet closed: a shop's open work does not grow with its history


def _status(index: int) -> str:
    if index >= WORKING_SET:
        return "closed"
    return ("open", "waiting_customer", "resolved")[index % 3]


def fill(app, count: int, agents: list[int]) -> None:
    """Orders and tickets in batches of plain INSERTs (Core executemany)."""
    from portal.core.extensions import db
    from portal.orders.models import Order
    from portal.tickets.models import Ticket

    rng = random.Random(count)
    now = datetime.now(UTC)
    categories = ["damaged", "missing_item", "wrong_item", "late", "quality", "other"]
    with db.engine.begin() as conn:
        for start in range(0, count, BATCH):
            n = min(BATCH, count - start)
            orders = [{
                "number": f"B-{i:07d}", "source": "bench", "items": [], "locale": "en",
                "customer_name": f"Customer {i}", "email": f"c{i}@example.com",
                "token_nonce": uuid.uuid4().hex, "token_digest": uuid.uuid4().hex + uuid.uuid4().hex,
                "code_digest": uuid.uuid4().hex + uuid.uuid4().hex, "created_at": now,
            } for i in range(start, start + n)]
            conn.execute(sa.insert(Order.__table__), orders)
            first_id = conn.execute(
                sa.select(sa.func.min(Order.id)).where(Order.number == orders[0]["number"])).scalar()
            tickets = []
            for k in range(n):
                created = now - timedelta(minutes=rng.randint(0, 60 * 24 * 365))
                status = _status(start + k)
                answered = status != "open" or rng.random() < 0.3
                owner = rng.choice(agents) if (answered or rng.random() < 0.5) else None
                tickets.append({
                    "order_id": first_id + k, "submission_key": str(uuid.uuid4()),
                    "category": rng.choice(categories), "contact_preference": "reply_here",
                    "locale": rng.choice(["en", "fa", "hy", "ro"]), "status": status,
                    "owner_id": owner, "created_at": created,
                    "respond_goal_at": created + timedelta(minutes=15),
                    "respond_limit_at": created + timedelta(minutes=60),
                    "first_response_at": (created + timedelta(minutes=rng.randint(1, 50))
                                          if answered else None),
                    "waiting_since": (created + timedelta(hours=1)
                                      if status in ("waiting_customer", "resolved") else None),
                    "resolved_at": created + timedelta(hours=1) if status == "resolved" else None,
                    "closed_at": created + timedelta(hours=2) if status == "closed" else None,
                    "version": 1, "priority": 0, "escalation_level": 0, "reminders_sent": 0,
                    "refused_resolutions": 0,
                })
            conn.execute(sa.insert(Ticket.__table__), tickets)
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
    else:
        with db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")


def build(kind: str, folder: Path, count: int):
    """A migrated, filled database and a logged-in client; returns (client, cleanup, figures)."""
    from portal import create_app
    from portal.auth.services import create_staff
    from portal.core.database import write_intent
    from portal.core.extensions import db
    from portal.core.migrating import upgrade_to_heads

    url, drop = _database(kind, folder, f"t{count}")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False, **KEYS})
    try:
        with app.app_context():
            with write_intent():
                upgrade_to_heads()
                staff = [create_staff(f"agent{i}@example.com", f"Agent {i}", "agent", PASSWORD) for i in range(8)]
                agent_ids = [s.id for s in staff]  # flushed ids, read before the commit
                db.session.commit()
                db.session.remove()
            started = time.perf_counter()
            fill(app, count, agent_ids)
            fill_seconds = time.perf_counter() - started
            db.session.remove()
        client = app.test_client()
        page = client.get("/staff/login").text
        csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        client.post("/staff/login", data={"email": "agent0@example.com", "password": PASSWORD, "csrf_token": csrf})
    except BaseException:
        if drop:
            drop()
        raise

    def cleanup():
        with app.app_context():
            db.engine.dispose()
        if drop:
            drop()

    return client, cleanup, {"tickets": count, "fill_seconds": round(fill_seconds, 1)}


def _timed(client, path: str, n: int, into: list[float]) -> int:
    for _ in range(n):
        t0 = time.perf_counter()
        response = client.get(path)
        into.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
    return response.text.count("<tr data-ticket=")


def _summary(times: list[float], rows: int) -> dict:
    times = sorted(times)
    return {"p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 2), "rows": rows}


def measure(clients: dict, requests: int) -> dict:
    """Per view, small and large alternate in chunks so machine noise hits both alike."""
    out = {name: {} for name in clients}
    for view in VIEWS:
        path = f"/staff/?view={view}"
        times = {name: [] for name in clients}
        rows = {}
        for client in clients.values():
            _timed(client, path, 10, [])  # warm caches and the connection pool
        for _ in range(0, requests, 20):
            for name, client in clients.items():
                rows[name] = _timed(client, path, 20, times[name])
        for name in clients:
            out[name][view] = _summary(times[name], rows[name])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small_client, small_cleanup, small = build(args.database, Path(tmp), args.small)
        large_client, large_cleanup, large = build(args.database, Path(tmp), args.large)
        try:
            figures = measure({"small": small_client, "large": large_client}, args.requests)
        finally:
            small_cleanup()
            large_cleanup()
        small.update(figures["small"])
        large.update(figures["large"])
    heads = ("p50 small", "p95 small", "p50 large", "p95 large", "ratio p95")
    print(f"{'view':<12} " + " ".join(f"{h:>10}" for h in heads) + "  rows")
    for view in VIEWS:
        s, lg = small[view], large[view]
        print(f"{view:<12} {s['p50_ms']:>10} {s['p95_ms']:>10} {lg['p50_ms']:>10} {lg['p95_ms']:>10} "
              f"{lg['p95_ms'] / s['p95_ms']:>10.2f}  {s['rows']}/{lg['rows']}")
    head_s, head_l = small["unassigned"], large["unassigned"]
    result = {
        "database": args.database, "view": "unassigned (default)",
        "tickets_small": args.small, "tickets_large": args.large, "requests": args.requests,
        "p50_ms_small": head_s["p50_ms"], "p95_ms_small": head_s["p95_ms"],
        "p50_ms_large": head_l["p50_ms"], "p95_ms_large": head_l["p95_ms"],
        "ratio_p95": round(head_l["p95_ms"] / head_s["p95_ms"], 2),
        "ratio_p50": round(head_l["p50_ms"] / head_s["p50_ms"], 2),
        "worst_view_p95_ms_large": max(large[v]["p95_ms"] for v in VIEWS),
        "fill_seconds_large": large["fill_seconds"],
        "target_p95_ms": 50, "target_ratio": 1.5,
    }
    result["meets_targets"] = result["p95_ms_large"] <= 50 and result["ratio_p95"] <= 1.5
    print(json.dumps(result))


if __name__ == "__main__":
    main()
