"""Every QR code in a generated PDF decodes to its order's scan URL, in every layout."""

from __future__ import annotations

import pytest

from portal.orders import services as orders
from portal.printing.jobs import run_batch
from portal.printing.layouts import LAYOUTS
from portal.printing.selection import Selection
from portal.printing.services import create_batch
from portal.printing.storage import get_storage

from .pdfcheck import decode_qr, fonts_of, text_of

LOCALES = ["en", "fa", "hy", "ro", "fa-IR"]


def _print(app, db, numbers, layout, tmp_path):
    batch = create_batch(Selection(numbers=numbers), layout)
    db.session.commit()
    batch = run_batch(batch.id)
    assert batch.status == "done", batch.error
    pdf = tmp_path / f"{layout}.pdf"
    with get_storage(app).open(batch.file_key) as source:
        pdf.write_bytes(source.read())
    return batch, pdf


def _orders(app, factory, count, **fields):
    made = []
    for i in range(count):
        order, token = factory.order(locale=LOCALES[i % len(LOCALES)], **fields)
        made.append(order)
    key, base = app.config["TOKEN_KEY"], app.config["BASE_URL"]
    return made, {orders.scan_url(o, key, base) for o in made}


@pytest.mark.parametrize("layout", ["a4-8up", "letter-8up", "card", "a6", "4x6", "a4-4up",
                                    "letter-4up"])
def test_every_code_decodes_to_its_scan_url(app, db, factory, tmp_path, layout):
    per_page = LAYOUTS[layout].per_page
    made, urls = _orders(app, factory, per_page + 1)  # a full page and one more
    batch, pdf = _print(app, db, [o.number for o in made], layout, tmp_path)
    decoded = decode_qr(pdf, tmp_path, layout)
    assert sorted(decoded) == sorted(urls)
    assert batch.pages == 2 if per_page > 1 else batch.pages == len(made)
    text = text_of(pdf)
    key = app.config["TOKEN_KEY"]
    for order in made:
        assert order.number in text
        code = orders.short_code(order, key)
        assert f"{code[:4]}-{code[4:]}" in text


def test_persian_card_is_right_to_left_with_embedded_fonts(app, db, factory, tmp_path):
    order, token = factory.order(locale="fa", number="FA-7001")
    batch, pdf = _print(app, db, ["FA-7001"], "a6", tmp_path)
    assert decode_qr(pdf, tmp_path, "a6") == [orders.scan_url(order, app.config["TOKEN_KEY"],
                                                        app.config["BASE_URL"])]
    text = text_of(pdf)
    assert "FA-7001" in text  # the number stays left to right, in one piece
    assert "سفارش" in text
    fonts = fonts_of(pdf)
    assert "Card-Arabic" in fonts
    for line in fonts.splitlines()[2:]:
        assert " yes " in line, f"font not embedded: {line}"


def test_armenian_and_romanian_fonts_are_embedded(app, db, factory, tmp_path):
    factory.order(locale="hy", number="HY-1")
    factory.order(locale="ro", number="RO-1")
    batch, pdf = _print(app, db, ["HY-1", "RO-1"], "a4-8up", tmp_path)
    fonts = fonts_of(pdf)
    assert "Card-Armenian" in fonts and "Card-Sans" in fonts
    text = text_of(pdf)
    assert "Պատվեր" in text and "mulțumim" in text


def test_no_personal_data_on_the_card(app, db, factory, tmp_path):
    factory.order(number="PD-1", customer_name="Ada Lovelace", email="ada@example.com",
                  phone="+40712345678")
    batch, pdf = _print(app, db, ["PD-1"], "card", tmp_path)
    text = text_of(pdf)
    for private in ("Ada", "Lovelace", "ada@example.com", "+40712345678"):
        assert private not in text


def test_markup_and_non_latin_order_numbers_are_printed_as_text(app, db, factory, tmp_path):
    made = [factory.order(number=n)[0] for n in
            ['<b>X</b>&"1', "۱۲۳-سفارش", "Ո-42", '<img src="file:///etc/passwd">']]
    batch, pdf = _print(app, db, [o.number for o in made], "a4-8up", tmp_path)
    key, base = app.config["TOKEN_KEY"], app.config["BASE_URL"]
    assert sorted(decode_qr(pdf, tmp_path, "a4-8up")) == sorted(orders.scan_url(o, key, base) for o in made)
    text = text_of(pdf)
    assert '<b>X</b>&"1' in text
    assert '<img src="file:///etc/passwd">' in text
    assert "Ո-42" in text
    assert "root:" not in text
