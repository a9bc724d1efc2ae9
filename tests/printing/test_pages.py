"""The staff pages and the CLI: progress as JSON, download when done, roles enforced."""

from __future__ import annotations

import re

import pytest

from portal.printing.models import PrintBatch

from ..helpers import csrf_from, login
from .pdfcheck import decode_qr


@pytest.fixture(autouse=True)
def _own_storage(app, tmp_path):
    app.config["PRINT_STORAGE_DIR"] = str(tmp_path / "prints")


def test_lead_prints_a_batch_and_downloads_the_pdf(app, db, client, factory, tmp_path):
    lead = factory.staff("lead")
    made = [factory.order(locale=loc)[0] for loc in ("en", "fa", "hy")]
    login(client, lead)
    page = client.get("/staff/print/")
    assert page.status_code == 200
    response = client.post("/staff/print/", data={
        "csrf_token": csrf_from(page.text), "unprinted": "y", "layout": "a4-8up", "numbers": "",
    })
    assert response.status_code == 303
    batch_url = response.headers["Location"]
    batch_page = client.get(batch_url)
    assert "data-status-url" in batch_page.text and "print.js" in batch_page.text
    assert "<script>" not in batch_page.text  # no inline scripts (CSP)
    batch_id = int(re.search(r"/staff/print/(\d+)", batch_url).group(1))
    status = client.get(f"/staff/print/{batch_id}/status").get_json()
    assert status["status"] == "done" and status["done"] == 3 and status["percent"] == 100
    download = client.get(status["download_url"])
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    pdf = tmp_path / "download.pdf"
    pdf.write_bytes(download.data)
    key, base = app.config["TOKEN_KEY"], app.config["BASE_URL"]
    from portal.orders.services import scan_url

    assert sorted(decode_qr(pdf, tmp_path, "a4-8up")) == sorted(scan_url(o, key, base) for o in made)


def test_bad_selection_is_explained_and_nothing_is_created(app, db, client, factory):
    login(client, factory.staff("lead"))
    page = client.get("/staff/print/")
    response = client.post("/staff/print/", data={
        "csrf_token": csrf_from(page.text), "layout": "card", "numbers": "NOPE-1"})
    assert response.status_code == 422
    assert "no order with number NOPE-1" in response.text
    assert db.session.query(PrintBatch).count() == 0


def test_agents_may_not_print_and_unknown_batches_are_404(app, db, client, factory):
    login(client, factory.staff("agent"))
    assert client.get("/staff/print/").status_code == 403
    assert client.get("/staff/brand/").status_code == 403
    client.post("/staff/logout", data={"csrf_token": csrf_from(client.get("/staff/").text)})
    login(client, factory.staff("lead"))
    assert client.get("/staff/print/999/status").status_code == 404
    assert client.get("/staff/print/999/download").status_code == 404
    assert client.get("/staff/brand/").status_code == 403  # brand settings are for admins


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get("/staff/print/")
    assert response.status_code in (302, 303) and "/staff/login" in response.headers["Location"]


def test_admin_saves_brand_wording_and_refusal_is_explained(app, db, client, factory):
    login(client, factory.staff("admin"))
    page = client.get("/staff/brand/")
    assert page.status_code == 200 and "Card wording" in page.text
    form = {"csrf_token": csrf_from(page.text), "name": "Rosewood", "primary_colour": "#224466",
            "accent_colour": "#ddaa00",
            "en_invitation": "Leave us a 5-star review and get a free gift card!"}
    refused = client.post("/staff/brand/", data=form)
    assert refused.status_code == 422
    assert "refused" in refused.text and "rating" in refused.text
    form["en_invitation"] = "Tell us first if anything is wrong; we will fix it."
    saved = client.post("/staff/brand/", data=form)
    assert saved.status_code == 303
    sample = client.get("/staff/brand/sample.pdf?locale=fa&layout=card")
    assert sample.status_code == 200 and sample.data.startswith(b"%PDF")


def test_cli_prints_with_a_progress_bar_and_writes_the_file(app, db, factory, tmp_path):
    made = [factory.order()[0] for _ in range(9)]
    out = tmp_path / "cards.pdf"
    result = app.test_cli_runner().invoke(args=[
        "print-cards", "--out", str(out), "--unprinted", "--layout", "letter-8up"])
    assert result.exit_code == 0, result.output
    assert "9 cards on 2 pages" in result.output
    assert len(decode_qr(out, tmp_path, "letter-8up")) == 9
    again = app.test_cli_runner().invoke(args=[
        "print-cards", "--out", str(tmp_path / "none.pdf"), "--unprinted"])
    assert again.exit_code != 0 and "no orders match" in again.output
    assert not (tmp_path / "none.pdf").exists()
    assert len(made) == 9
