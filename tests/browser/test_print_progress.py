"""The batch page in a real browser: the progress bar follows the job, then the PDF appears."""

from __future__ import annotations

import pytest

from portal.printing.jobs import run_batch
from portal.printing.selection import Selection
from portal.printing.services import create_batch
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


def test_progress_bar_polls_and_the_download_appears(live_server, desktop, app, db,
                                                     factory, tmp_path):
    app.config["PRINT_STORAGE_DIR"] = str(tmp_path / "prints")
    lead = factory.staff("lead")
    made = [factory.order()[0] for _ in range(5)]
    batch = create_batch(Selection(numbers=[o.number for o in made]), "a4-8up")
    db.session.commit()
    batch_id = batch.id  # queued: no worker has taken it yet

    problems = []
    desktop.on("console", lambda msg: problems.append(msg.text) if msg.type == "error"
               and "Failed to load resource" not in msg.text else None)
    failed = []  # the browser's own favicon probe aside, every request must succeed
    desktop.on("response", lambda r: failed.append(r.url) if r.status >= 400
               and not r.url.endswith("/favicon.ico") else None)
    desktop.goto(f"{live_server.url}/staff/login")
    desktop.get_by_label("Email").fill(lead.email)
    desktop.get_by_label("Password").fill(PASSWORD)
    desktop.get_by_role("button", name="Log in").click()
    desktop.wait_for_url(f"{live_server.url}/staff/")
    desktop.goto(f"{live_server.url}/staff/print/{batch_id}")
    assert desktop.locator("[data-print-status]").inner_text() == "queued"
    assert not desktop.get_by_role("link", name="Download the PDF").is_visible()
    with desktop.expect_response(lambda r: r.url.endswith(f"/staff/print/{batch_id}/status")):
        pass  # the page polls the JSON status on its own

    assert run_batch(batch_id).status == "done"  # the worker does the job meanwhile

    link = desktop.get_by_role("link", name="Download the PDF")
    link.wait_for(state="visible", timeout=15000)
    assert desktop.locator("[data-print-status]").inner_text() == "done"
    assert desktop.locator("[data-print-progress]").get_attribute("value") == "100"
    assert problems == []  # no CSP violations, no script errors
    assert failed == []
