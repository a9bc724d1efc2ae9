"""A small closed-loop HTTP load generator for the scan benchmark (stdlib only).

Each virtual user repeats one "scan": GET /o/<token> (expects 303), then GET the
page it redirects to with the cookie it received. One new TCP connection per
request, as gunicorn's sync workers close them anyway.
"""

from __future__ import annotations

import http.client
import multiprocessing
import random
import time


def _get(host: str, port: int, path: str, cookie: str | None):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, response.getheader("Location"), response.getheader("Set-Cookie"), body


def _user(host, port, tokens, seconds, start_at, out):
    rng = random.Random()
    latencies, errors = [], 0
    while time.time() < start_at:
        time.sleep(0.001)
    end = start_at + seconds
    while time.time() < end:
        token = rng.choice(tokens)
        t0 = time.perf_counter()
        status, location, cookie, _ = _get(host, port, f"/o/{token}", None)
        if status != 303:
            errors += 1
            continue
        status, _, _, body = _get(host, port, location, cookie.split(";", 1)[0])
        if status != 200 or not body:
            errors += 1
            continue
        latencies.append(time.perf_counter() - t0)
    out.put((latencies, errors))


def run_load(port: int, tokens: list[str], users: int, seconds: float) -> dict:
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    start_at = time.time() + 0.5
    procs = [ctx.Process(target=_user, args=("127.0.0.1", port, tokens, seconds, start_at, out))
             for _ in range(users)]
    for p in procs:
        p.start()
    latencies, errors = [], 0
    for _ in procs:
        lat, err = out.get(timeout=seconds + 60)
        latencies.extend(lat)
        errors += err
    for p in procs:
        p.join()
    latencies.sort()

    def pct(q):
        return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000, 2) if latencies else None

    return {
        "scans": len(latencies),
        "errors": errors,
        "scans_per_s": round(len(latencies) / seconds, 1),
        "requests_per_s": round(2 * len(latencies) / seconds, 1),
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
    }
