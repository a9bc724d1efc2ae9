"""Benchmark: the scan (token -> 303 -> order page) under gunicorn, against a bare page.

Both apps run under gunicorn with the same worker count on 127.0.0.1, on the
same SQLite file with the same orders, and serve the same HTML bytes: the bare
one is a plain Flask + sqlite3 + Jinja app (bench/bare_app.py) whose template
is the portal's rendered order page. Rounds alternate ours/bare; the median
round counts. Prints a table, then (last line) one JSON object.

    python bench/scan_page.py [--orders 2000] [--seconds 8] [--users 6] [--workers 2] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from loadgen import run_load  # noqa: E402

KEYS = {"PORTAL_SECRET_KEY": "bench-secret-" + "s" * 40, "PORTAL_TOKEN_KEY": "bench-token-" + "t" * 40}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(folder: Path, count: int) -> tuple[str, list[str], str]:
    """Migrate a fresh SQLite database, add orders; return its URL, tokens and a rendered page."""
    os.environ.update(KEYS)
    from portal import create_app
    from portal.core.database import write_intent
    from portal.core.extensions import db
    from portal.core.migrating import upgrade_to_heads
    from portal.orders import services as orders

    url = f"sqlite:///{folder / 'bench.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
    tokens = []
    with app.app_context(), write_intent():
        upgrade_to_heads()
        for i in range(count):
            order = orders.create_order(key=app.config["TOKEN_KEY"], number=f"B-{i:06d}", locale="en")
            tokens.append(orders.scan_token(order, app.config["TOKEN_KEY"]))
        db.session.commit()
        number = "B-000000"
    client = app.test_client()
    client.get(f"/o/{tokens[0]}")
    html = client.get("/order").text
    # The bare template is the portal's own page, with the order number as its only variable.
    template = html.replace("{", "&#123;").replace(number, "{{ number }}")
    return url, tokens, template


def serve(args: list[str], env: dict, cwd: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--log-level", "warning", *args],
        cwd=cwd, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/order", timeout=2)
            return proc
        except requests.RequestException:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start: " + proc.stderr.read().decode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--users", type=int, default=6)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    opts = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url, tokens, template = prepare(folder, opts.orders)
        (folder / "page.html").write_text(template, encoding="utf-8")
        ours_port, bare_port = _free_port(), _free_port()
        workers = ["--workers", str(opts.workers)]
        ours = serve([*workers, "wsgi:app"], {
            **KEYS, "PORTAL_DATABASE_URL": url, "PORTAL_JOBS_DB": str(folder / "jobs.db"),
            # Limiter on, with a ceiling the benchmark never reaches: its cost is measured.
            "PORTAL_RATE_LIMIT_SCAN": "100000000 per minute",
        }, ROOT, ours_port)
        bare = serve([*workers, "bare_app:app"], {
            "BARE_DB": url.removeprefix("sqlite:///"), "BARE_TEMPLATE": str(folder / "page.html"),
        }, ROOT / "bench", bare_port)
        try:
            ours_size = len(requests.Session().get(f"http://127.0.0.1:{ours_port}/o/{tokens[0]}").content)
            bare_size = len(requests.Session().get(f"http://127.0.0.1:{bare_port}/o/{tokens[0]}").content)
            run_load(ours_port, tokens, opts.users, 1)  # warm-up
            run_load(bare_port, tokens, opts.users, 1)
            rounds = {"ours": [], "bare": []}
            for _ in range(opts.rounds):
                rounds["ours"].append(run_load(ours_port, tokens, opts.users, opts.seconds))
                rounds["bare"].append(run_load(bare_port, tokens, opts.users, opts.seconds))
        finally:
            ours.terminate()
            bare.terminate()
            ours.wait()
            bare.wait()

    def median_round(results):
        return sorted(results, key=lambda r: r["scans_per_s"])[len(results) // 2]

    ours_r, bare_r = median_round(rounds["ours"]), median_round(rounds["bare"])
    ratio = round(ours_r["scans_per_s"] / bare_r["scans_per_s"], 3)
    print(f"{'':6} {'scans/s':>9} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'page bytes':>11}")
    for name, r, size in (("ours", ours_r, ours_size), ("bare", bare_r, bare_size)):
        print(f"{name:6} {r['scans_per_s']:9} {r['requests_per_s']:9} {r['p50_ms']:8} {r['p99_ms']:8} "
              f"{r['errors']:7} {size:11}")
    print(f"ratio ours/bare throughput: {ratio} (target >= 0.70); rounds: "
          f"ours {[r['scans_per_s'] for r in rounds['ours']]}, bare {[r['scans_per_s'] for r in rounds['bare']]}")
    print(json.dumps({
        "benchmark": "scan_page", "workers": opts.workers, "users": opts.users, "seconds": opts.seconds,
        "rounds": opts.rounds, "ours": ours_r, "bare": bare_r, "page_bytes": {"ours": ours_size, "bare": bare_size},
        "throughput_ratio": ratio, "median_of_rounds": statistics.median([r["scans_per_s"] for r in rounds["ours"]]),
    }))


if __name__ == "__main__":
    main()
