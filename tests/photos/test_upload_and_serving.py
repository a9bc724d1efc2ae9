"""Photos through the real forms: report, reply, refusals, access checks, never deleted."""

import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image

from portal.core.errors import NotAllowed
from portal.photos.models import Photo
from portal.tickets.models import Ticket
from tests.helpers import csrf_from, login, submission_key_from

from .images import HTML, SVG, jpeg_with_gps, noisy_png, png


def _report_form(client, factory):
    order, token = factory.order()
    client.get(f"/o/{token}")
    page = client.get("/report")
    return order, {
        "csrf_token": csrf_from(page.text), "submission_key": submission_key_from(page.text),
        "category": "damaged", "description": "The mug is cracked.",
        "contact_preference": "reply_here",
    }


def _file(data: bytes, name: str, content_type="image/jpeg"):
    return (io.BytesIO(data), name, content_type)


def _photos(db, order_id=None):
    stmt = sa.select(Photo).order_by(Photo.id)
    if order_id is not None:
        stmt = stmt.join(Ticket).where(Ticket.order_id == order_id)
    return db.session.scalars(stmt).all()


def test_report_with_photos_stores_clean_copies_outside_static(app, client, db, factory):
    order, form = _report_form(client, factory)
    response = client.post("/report", data={
        **form,
        "photos": [_file(jpeg_with_gps(), "IMG_1.jpg"), _file(png(), "shot.png", "image/png")],
    }, content_type="multipart/form-data")
    assert response.status_code == 303
    rows = _photos(db, order.id)
    assert len(rows) == 2
    ticket = rows[0].ticket
    assert {r.message_id for r in rows} == {ticket.messages[0].id}
    root = Path(app.config["PHOTO_STORAGE_DIR"])
    stored = root / rows[0].storage_key[:2] / rows[0].storage_key
    assert stored.is_file()
    assert "static" not in stored.resolve().parts
    assert "IMG_1" not in rows[0].storage_key
    image = Image.open(stored)
    assert image.format == "JPEG" and max(image.size) == 2048 and len(image.getexif()) == 0

    page = client.get(f"/ticket/{ticket.id}")
    assert f'/photos/{rows[0].id}' in page.text
    served = client.get(f"/photos/{rows[0].id}")
    assert served.status_code == 200
    assert served.mimetype == "image/jpeg"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Content-Disposition"] == f'inline; filename="photo-{rows[0].id}.jpg"'
    assert "sandbox" in served.headers["Content-Security-Policy"]
    assert served.data == stored.read_bytes()


def test_the_same_submission_twice_stores_photos_once(client, db, factory):
    order, form = _report_form(client, factory)
    for _ in range(2):
        client.post("/report", data={**form, "photos": [_file(png(), "a.png", "image/png")]},
                    content_type="multipart/form-data")
    assert len(_photos(db, order.id)) == 1


@pytest.mark.parametrize(("payload", "name", "message"), [
    (SVG, "cat.jpg", "not a photo we can read"),
    (HTML, "photo.png", "not a photo we can read"),
    (png(), "../../static/evil.png", "file name is not allowed"),
])
def test_refused_uploads_explain_why_next_to_the_field(client, db, factory, payload, name, message):
    order, form = _report_form(client, factory)
    response = client.post("/report", data={**form, "photos": [_file(payload, name)]},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert message in response.text
    assert 'id="photos-error" role="alert"' in response.text
    assert 'aria-describedby="photos-hint photos-error"' in response.text
    # What the customer typed is still there; nothing was stored.
    assert "The mug is cracked." in response.text
    count = sa.select(sa.func.count(Ticket.id)).where(Ticket.order_id == order.id)
    assert db.session.scalar(count) == 0
    assert _photos(db, order.id) == []


def test_too_many_photos_are_refused(app, client, db, factory):
    order, form = _report_form(client, factory)
    n = app.config["PHOTOS_PER_MESSAGE"] + 1
    files = [_file(png(), f"p{i}.png", "image/png") for i in range(n)]
    response = client.post("/report", data={**form, "photos": files},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert "up to 3 photos" in response.text


def test_oversized_photo_and_oversized_request(app, client, db, factory):
    app.config["PHOTO_MAX_BYTES"] = 200_000
    order, form = _report_form(client, factory)
    response = client.post("/report", data={**form, "photos": [_file(noisy_png(400), "big.png")]},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "too large" in response.text

    app.config["MAX_CONTENT_LENGTH"] = 300_000
    response = client.post("/report", data={**form, "photos": [_file(noisy_png(400), "big.png")]},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert "Photos can be up to" in response.text
    assert _photos(db, order.id) == []


def test_reply_with_a_photo(client, db, factory):
    order, token = factory.order()
    ticket = factory.ticket(order)
    client.get(f"/o/{token}")
    page = client.get(f"/ticket/{ticket.id}")
    response = client.post(f"/ticket/{ticket.id}/reply", data={
        "csrf_token": csrf_from(page.text), "body": "Here is the box.",
        "photos": [_file(jpeg_with_gps((800, 600)), "box.jpg")],
    }, content_type="multipart/form-data")
    assert response.status_code == 303
    rows = _photos(db, order.id)
    assert len(rows) == 1 and rows[0].message.body == "Here is the box."
    assert (rows[0].width, rows[0].height) == (800, 600)


def test_reply_with_a_refused_photo_says_why_and_keeps_nothing(client, db, factory):
    order, token = factory.order()
    ticket = factory.ticket(order)
    client.get(f"/o/{token}")
    page = client.get(f"/ticket/{ticket.id}")
    response = client.post(f"/ticket/{ticket.id}/reply", data={
        "csrf_token": csrf_from(page.text), "body": "See this.", "photos": [_file(SVG, "x.jpg")],
    }, content_type="multipart/form-data", follow_redirects=True)
    assert "not a photo we can read" in response.text
    assert _photos(db, order.id) == []


def test_photos_are_served_to_the_owner_session_and_staff_only(app, client, db, factory):
    order, form = _report_form(client, factory)
    client.post("/report", data={**form, "photos": [_file(png(), "a.png", "image/png")]},
                content_type="multipart/form-data")
    photo = _photos(db, order.id)[0]

    stranger = app.test_client()
    assert stranger.get(f"/photos/{photo.id}").status_code == 404
    # Another customer's bound order does not open it either.
    _, other_token = factory.order()
    stranger.get(f"/o/{other_token}")
    assert stranger.get(f"/photos/{photo.id}").status_code == 404
    assert stranger.get("/photos/999999").status_code == 404

    staff_client = app.test_client()
    login(staff_client, factory.staff())
    assert staff_client.get(f"/photos/{photo.id}").status_code == 200
    desk = staff_client.get(f"/staff/tickets/{photo.ticket_id}")
    assert f"/photos/{photo.id}" in desk.text


def test_photo_rows_are_never_deleted_or_edited(client, db, factory):
    order, form = _report_form(client, factory)
    client.post("/report", data={**form, "photos": [_file(png(), "a.png", "image/png")]},
                content_type="multipart/form-data")
    photo = _photos(db, order.id)[0]
    db.session.delete(photo)
    with pytest.raises(NotAllowed):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(sa.exc.DatabaseError):
        db.session.execute(sa.text("DELETE FROM photos"))
    db.session.rollback()
    with pytest.raises(sa.exc.DatabaseError):
        db.session.execute(sa.text("UPDATE photos SET width = 1"))
    db.session.rollback()
    assert len(_photos(db, order.id)) == 1


def test_good_photos_survive_a_correction_of_another_field(client, db, factory):
    order, form = _report_form(client, factory)
    first = client.post("/report", data={
        **form, "description": "", "photos": [_file(png(), "a.png", "image/png"),
                                               _file(jpeg_with_gps((900, 600)), "b.jpg")],
    }, content_type="multipart/form-data")
    assert first.status_code == 400
    assert "2 photos from your last try are kept." in first.text
    assert _photos(db, order.id) == []
    # The corrected form is sent without choosing the files again.
    done = client.post("/report", data={**form, "csrf_token": csrf_from(first.text)},
                       content_type="multipart/form-data")
    assert done.status_code == 303
    rows = _photos(db, order.id)
    assert [(r.width, r.height) for r in rows] == [(64, 48), (900, 600)]
    assert client.get(f"/photos/{rows[1].id}").status_code == 200


def test_kept_photos_belong_to_their_own_form(client, db, factory):
    order, form = _report_form(client, factory)
    client.post("/report", data={**form, "description": "", "photos": [_file(png(), "a.png", "image/png")]},
                content_type="multipart/form-data")
    # A different form (another submission key) in the same session does not pick them up.
    other = client.get("/report")
    response = client.post("/report", data={
        **form, "csrf_token": csrf_from(other.text), "submission_key": submission_key_from(other.text)},
        content_type="multipart/form-data")
    assert response.status_code == 303
    assert _photos(db, order.id) == []


def test_new_files_replace_kept_ones(client, db, factory):
    order, form = _report_form(client, factory)
    client.post("/report", data={**form, "description": "", "photos": [_file(png(), "a.png", "image/png")]},
                content_type="multipart/form-data")
    client.post("/report", data={**form, "photos": [_file(jpeg_with_gps((800, 600)), "b.jpg")]},
                content_type="multipart/form-data")
    assert [(r.width, r.height) for r in _photos(db, order.id)] == [(800, 600)]


def test_conversation_shows_small_copies_and_links_the_full_photo(app, client, db, factory):
    order, form = _report_form(client, factory)
    client.post("/report", data={**form, "photos": [_file(jpeg_with_gps((3000, 2000)), "a.jpg")]},
                content_type="multipart/form-data")
    photo = _photos(db, order.id)[0]
    page = client.get(f"/ticket/{photo.ticket_id}").text
    assert f'<a href="/photos/{photo.id}"><img src="/photos/{photo.id}/small"' in page
    small = client.get(f"/photos/{photo.id}/small")
    assert small.status_code == 200 and small.headers["X-Content-Type-Options"] == "nosniff"
    assert Image.open(io.BytesIO(small.data)).size == (480, 320)
    assert len(small.data) < len(client.get(f"/photos/{photo.id}").data)
    assert app.test_client().get(f"/photos/{photo.id}/small").status_code == 404


def test_reply_photos_survive_a_missing_message(client, db, factory):
    order, token = factory.order()
    ticket = factory.ticket(order)
    client.get(f"/o/{token}")
    page = client.get(f"/ticket/{ticket.id}")
    client.post(f"/ticket/{ticket.id}/reply", data={
        "csrf_token": csrf_from(page.text), "body": "", "photos": [_file(png(), "a.png", "image/png")],
    }, content_type="multipart/form-data")
    page = client.get(f"/ticket/{ticket.id}")
    assert "1 photo from your last try is kept." in page.text
    assert _photos(db, order.id) == []
    client.post(f"/ticket/{ticket.id}/reply", data={"csrf_token": csrf_from(page.text), "body": "Here."},
                content_type="multipart/form-data")
    rows = _photos(db, order.id)
    assert len(rows) == 1 and rows[0].message.body == "Here."
