"""The staff import pages: upload, preview and mapping, import, report, rejected rows."""

import csv
import io

import pytest
from sqlalchemy import func, select

from portal.orders.intake_models import ImportRun
from portal.orders.models import Order

from ..helpers import csrf_from, login


@pytest.fixture
def lead_client(client, factory):
    login(client, factory.staff(role="lead"))
    return client


def upload(client, content: bytes, name="orders.csv"):
    page = client.get("/staff/imports/")
    return client.post("/staff/imports/", data={
        "csrf_token": csrf_from(page.text), "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data")


def start(client, location, mode="all", **mapping):
    page = client.get(location)
    data = {"csrf_token": csrf_from(page.text), "mode": mode}
    for field, column in mapping.items():
        data[f"map_{field}"] = column
    # Unset selects keep what the page preselected.
    for name, value in _selected(page.text).items():
        data.setdefault(name, value)
    return client.post(f"{location}/start", data=data)


def _selected(html: str) -> dict:
    import re

    found = {}
    for select_name, body in re.findall(r'<select[^>]*name="(map_\w+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option selected value="(-?\d+)"|<option value="(-?\d+)" selected', body)
        found[select_name] = (chosen.group(1) or chosen.group(2)) if chosen else "-1"
    return found


def orders_count(db):
    return db.session.scalar(select(func.count(Order.id)))


def test_agents_and_strangers_cannot_import(client, factory):
    assert client.get("/staff/imports/").status_code in (302, 401)
    login(client, factory.staff(role="agent"))
    assert client.get("/staff/imports/").status_code == 403
    token = csrf_from(client.get("/staff/").text)
    assert client.post("/staff/imports/", data={"csrf_token": token}).status_code == 403


def test_upload_preview_import_and_report(lead_client, db, import_folder):
    content = ("Order Number;Client;E-mail\nP-1;<script>alert(1)</script>;p1@example.com\n"
               "P-2;Bob;p2@example.com\n").encode("utf-8-sig")
    response = upload(lead_client, content)
    assert response.status_code == 303
    location = response.headers["Location"]
    preview = lead_client.get(location)
    assert "utf-8-sig" in preview.text and "a semicolon" in preview.text
    assert "<script>alert(1)</script>" not in preview.text  # markup is shown as text
    assert "&lt;script&gt;" in preview.text
    assert _selected(preview.text)["map_number"] == "0"
    assert _selected(preview.text)["map_customer_name"] == "1"
    done = start(lead_client, location)
    assert done.status_code == 303
    report = lead_client.get(location)
    assert "Done" in report.text
    assert "Print the new orders' cards" in report.text  # the next step, offered
    run = db.session.scalar(select(ImportRun))
    assert (run.created, run.updated, run.unchanged, run.rejected, run.status) == (2, 0, 0, 0, "done")
    assert lead_client.get(f"{location}/progress").json["percent"] == 100
    # The upload is not kept once its orders are in.
    assert run.stored_name is None and list(import_folder.iterdir()) == []
    assert orders_count(db) == 2


def test_headers_that_are_not_recognised_are_mapped_by_hand(lead_client, db):
    location = upload(lead_client, b"Ref,Who\nM-1,Ann\n").headers["Location"]
    refused = start(lead_client, location)
    assert refused.status_code == 400
    assert "Choose the column that holds the order number." in refused.text
    # A column that is not in the file is named by the field's label, not the form's name.
    wrong = start(lead_client, location, number="7")
    assert wrong.status_code == 400
    assert "Order number (required): Not a valid choice" in wrong.text and "map_number:" not in wrong.text
    assert start(lead_client, location, number="0", customer_name="1").status_code == 303
    assert db.session.scalar(select(Order.customer_name).where(Order.number == "M-1")) == "Ann"


def test_invalid_rows_refuse_the_import_then_the_valid_rows_can_be_imported(lead_client, db):
    content = b'Order Number,Email\nV-1,ok@example.com\nV-2,"=cmd|\' /C calc\'!A0"\n'
    location = upload(lead_client, content).headers["Location"]
    start(lead_client, location)
    report = lead_client.get(location)
    assert "nothing was imported" in report.text and orders_count(db) == 0
    assert "Print the new orders' cards" not in report.text
    assert "is not an email address" in report.text
    download = lead_client.get(f"{location}/rejected.csv")
    assert download.headers["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(download.data.decode("utf-8-sig"))))
    assert rows[0] == ["line", "reason", "Order Number", "Email"]
    assert rows[1][0] == "3" and rows[1][3] == "'=cmd|' /C calc'!A0"
    # Start again with the same file, importing only the valid rows.
    again = lead_client.post(f"{location}/again", data={"csrf_token": csrf_from(report.text)})
    second = again.headers["Location"]
    assert second != location
    start(lead_client, second, mode="valid")
    assert orders_count(db) == 1
    assert "Rejected" in lead_client.get(second).text


def test_oversized_and_unreadable_uploads_are_refused_clearly(app, lead_client, db):
    app.config["IMPORT_MAX_BYTES"] = 1024
    too_big = upload(lead_client, b"Order Number\n" + b"X-1\n" * 400)
    assert too_big.status_code == 413
    assert "larger than" in too_big.text
    app.config["IMPORT_MAX_BYTES"] = 10 * 2**20
    binary = upload(lead_client, b"PK\x03\x04\x00\x00\x00workbook")
    assert binary.status_code == 400 and "Save the orders as CSV UTF-8" in binary.text
    # The rows the preview shows are read at upload: a broken quote there is said at once.
    broken = upload(lead_client, b'Order Number,Items\nP-1,Mug\nP-2,"Mug\nP-3,Mug\n')
    assert broken.status_code == 400 and "Line 3 opens a quote that is never closed" in broken.text
    header_only = upload(lead_client, b"Order Number,Email\n\n")
    assert header_only.status_code == 400
    assert "The file has no orders below its header line." in header_only.text
    assert db.session.scalar(select(func.count(ImportRun.id))) == 0


def test_a_run_cannot_be_started_twice(lead_client, db):
    location = upload(lead_client, b"Order Number\nT-1\n").headers["Location"]
    page = lead_client.get(location)
    token = csrf_from(page.text)
    data = {"csrf_token": token, "mode": "all", **_selected(page.text)}
    lead_client.post(f"{location}/start", data=data)
    lead_client.post(f"{location}/start", data=data)
    run = db.session.scalar(select(ImportRun))
    assert (run.created, run.status) == (1, "done")


def test_an_unexpected_error_marks_the_run_failed_with_advice(lead_client, db, monkeypatch):
    from portal.orders import import_runs

    location = upload(lead_client, b"Order Number\nU-1\n").headers["Location"]

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(import_runs, "execute_run", broken)
    start(lead_client, location)
    report = lead_client.get(location)
    assert "upload the file again to finish" in report.text
    assert db.session.scalar(select(ImportRun.status)) == "failed"


def test_a_mostly_utf8_file_with_stray_bytes_is_previewed_as_read(lead_client, db):
    content = "Order Number,Customer Name\nM-1,Zoë Brontë\n".encode() + "M-2,Ömer\n".encode("cp1252")
    preview = lead_client.get(upload(lead_client, content).headers["Location"])
    assert "utf-8+cp1252" in preview.text and "were read as Windows-1252" in preview.text
    assert "Zoë Brontë" in preview.text and "Ömer" in preview.text


def test_an_upload_shared_by_started_again_runs_goes_once_one_of_them_is_done(lead_client, db, import_folder):
    content = b"Order Number,Email\nS-1,ok@example.com\nS-2,bad\n"
    first = upload(lead_client, content).headers["Location"]
    start(lead_client, first)  # refused: one row is invalid
    report = lead_client.get(first)
    token = csrf_from(report.text)
    second = lead_client.post(f"{first}/again", data={"csrf_token": token}).headers["Location"]
    waiting = lead_client.post(f"{first}/again", data={"csrf_token": token}).headers["Location"]
    start(lead_client, second, mode="valid")
    assert list(import_folder.iterdir()) == []  # the file is deleted once its orders are in
    # The run that was still waiting ends with the reason; the refused one no longer offers
    # to start again.
    page = lead_client.get(waiting)
    assert page.status_code == 200
    assert f"Import #{second.rsplit('/', 1)[1]} of this file finished" in page.text
    assert "Start again with this file" not in lead_client.get(first).text
    again = lead_client.post(f"{first}/again", data={"csrf_token": token})
    assert again.status_code == 303 and again.headers["Location"].endswith("/staff/imports/")


def test_uploads_not_imported_within_a_week_are_deleted(lead_client, db, import_folder):
    from datetime import timedelta

    from portal.core.database import utcnow

    old = upload(lead_client, b"Order Number\nO-1\n").headers["Location"]
    run = db.session.scalar(select(ImportRun))
    run.created_at = utcnow() - timedelta(days=8)
    db.session.commit()
    upload(lead_client, b"Order Number\nO-2\n")
    assert len(list(import_folder.iterdir())) == 1  # only the new upload is kept
    page = lead_client.get(old)
    assert page.status_code == 200 and "Not imported within 7 days" in page.text


def test_an_upload_deleted_behind_the_portals_back_is_said_plainly(lead_client, db, import_folder):
    location = upload(lead_client, b"Order Number\nG-1\n").headers["Location"]
    for stored in import_folder.iterdir():
        stored.unlink()
    page = lead_client.get(location, follow_redirects=True)
    assert page.status_code == 200 and "no longer there; upload it again" in page.text
    assert db.session.scalar(select(ImportRun.status)) == "uploaded"  # a GET changes nothing
