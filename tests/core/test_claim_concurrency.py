"""Many people click "claim" at once, on a real multi-process server: one owner, no 500s."""

from __future__ import annotations

import multiprocessing
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from portal.tickets.models import AuditEvent, Ticket
from tests.conftest import TEST_KEYS
from tests.helpers import PASSWORD, csrf_from

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
CLAIMERS = 12


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def gunicorn(database_url, tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "PORTAL_DATABASE_URL": str(database_url),
        "PORTAL_SECRET_KEY": TEST_KEYS["SECRET_KEY"],
        "PORTAL_TOKEN_KEY": TEST_KEYS["TOKEN_KEY"],
        "PORTAL_RATELIMIT_ENABLED": "false",
        "PORTAL_JOBS_DB": str(tmp_path / "jobs.db"),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "4", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            requests.get(f"{url}/staff/login", timeout=5)
            break
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("gunicorn did not start: " + proc.stdout.read().decode())
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def _claim(url, email, ticket_id, barrier, results):
    session = requests.Session()
    page = session.get(f"{url}/staff/login", timeout=10)
    session.post(f"{url}/staff/login", data={"email": email, "password": PASSWORD,
                                              "csrf_token": csrf_from(page.text)}, timeout=10)
    csrf = csrf_from(session.get(f"{url}/staff/tickets/{ticket_id}", timeout=10).text)
    barrier.wait(timeout=30)
    response = session.post(f"{url}/staff/tickets/{ticket_id}/claim", data={"csrf_token": csrf}, timeout=30)
    results.put((email, response.status_code, response.text))


def test_many_processes_claiming_one_ticket_make_exactly_one_owner(db, factory, gunicorn):
    ticket = factory.ticket()
    staff = [factory.staff(name=f"Claimer {i}") for i in range(CLAIMERS)]
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(CLAIMERS), ctx.Queue()
    procs = [ctx.Process(target=_claim, args=(gunicorn, s.email, ticket.id, barrier, results)) for s in staff]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=10)

    assert all(status == 200 for _, status, _ in outcomes), [o[:2] for o in outcomes]
    winners = [email for email, _, text in outcomes if "You own this ticket now." in text]
    assert len(winners) == 1
    db.session.rollback()
    owner = db.session.get(Ticket, ticket.id).owner
    assert owner.email == winners[0]
    losers = [text for email, _, text in outcomes if email != winners[0]]
    assert all(f"{owner.name} already owns this ticket" in text for text in losers)
    claims = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
        AuditEvent.ticket_id == ticket.id, AuditEvent.action == "claimed"))
    assert claims == 1
