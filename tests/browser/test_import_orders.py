"""The CSV import in a real browser: upload, preview, import with progress, report (CSP on)."""

import pytest
from sqlalchemy import func, select

from portal.orders.models import Order
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


def test_lead_imports_a_csv_and_reads_the_report(live_server, desktop, db, factory, tmp_path, app):
    app.config["IMPORT_STORAGE_DIR"] = str(tmp_path / "imports")
    lead = factory.staff(role="lead")
    errors = []
    desktop.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    csv_file = tmp_path / "orders.csv"
    csv_file.write_text("Order Number;Customer Name\n" + "".join(f"W-{n};Ann {n}\n" for n in range(300)))

    desktop.goto(f"{live_server.url}/staff/login")
    desktop.get_by_label("Email").fill(lead.email)
    desktop.get_by_label("Password").fill(PASSWORD)
    desktop.get_by_role("button", name="Log in").click()
    desktop.wait_for_url(f"{live_server.url}/staff/")

    desktop.goto(f"{live_server.url}/staff/imports/")
    desktop.get_by_label("CSV file").set_input_files(str(csv_file))
    desktop.get_by_role("button", name="Upload and preview").click()
    assert desktop.get_by_role("heading", name="Check the columns of orders.csv").is_visible()
    assert desktop.get_by_label("Order number (required)").input_value() == "0"
    desktop.get_by_role("button", name="Import").click()
    desktop.wait_for_selector("text=Done.")
    assert desktop.locator("dl.counts dd").first.inner_text() == "300"
    assert not [e for e in errors if "Content Security Policy" in e], errors
    # The report offers the next step: printing the new orders' cards.
    desktop.get_by_role("link", name="Print the new orders' cards").click()
    assert desktop.get_by_role("heading", name="Print insert cards").is_visible()
    assert desktop.get_by_label("Only orders not printed yet").is_checked()
    db.session.rollback()
    assert db.session.scalar(select(func.count(Order.id))) == 300
