"""<base>/code: the typed fallback binds the order like a scan, and is rate-limited."""

import re

import pytest

from portal.orders import services as orders

from ..helpers import csrf_from


def typed(client, code):
    page = client.get("/code")
    return client.post("/code", data={"csrf_token": csrf_from(page.text), "code": code})


def code_for(app, order):
    return orders.short_code(order, app.config["TOKEN_KEY"])


def lookalike(code: str) -> str:
    """How a customer might type it: small letters, a dash, O for 0 and I for 1."""
    spaced = f"{code[:4]}-{code[4:]}".lower()
    return spaced.replace("0", "O").replace("1", "i")


def test_a_typed_code_opens_the_order_like_a_scan(app, client, factory):
    order, _ = factory.order(number="K-1")
    response = typed(client, " " + lookalike(code_for(app, order)) + " ")
    assert response.status_code == 303
    assert response.headers["Location"] == "/order"
    page = client.get("/order")
    assert page.status_code == 200 and "K-1" in page.text


def error_of(html: str) -> str:
    match = re.search(r'<p class="field-error"[^>]*>(.*?)</p>', html, re.S)
    assert match, "no error on the page"
    return match.group(1)


@pytest.mark.parametrize("bad", ["ZZZZZZZZ", "short", "!!!!????", "x" * 200])
def test_wrong_and_malformed_codes_get_the_same_clear_error(client, factory, bad):
    factory.order()
    unknown = typed(client, "ZZZZ-ZZZZ")
    response = typed(client, bad)
    assert response.status_code == 400
    assert "This code does not match an order" in error_of(response.text)
    assert error_of(response.text) == error_of(unknown.text)
    assert client.get("/order").status_code == 404


@pytest.mark.parametrize("lang,words", [("ro", "Acest cod nu corespunde niciunei comenzi"),
                                        ("fa", "این کد با هیچ سفارشی جور نیست")])
def test_the_error_is_translated(client, factory, lang, words):
    client.set_cookie("portal_lang", lang)
    response = typed(client, "ZZZZZZZZ")
    assert response.status_code == 400
    assert words in error_of(response.text)


def test_the_code_page_is_rate_limited(app, client, factory):
    app.config.update(RATELIMIT_ENABLED=True, RATE_LIMIT_CODE="3 per minute")
    order, _ = factory.order()
    statuses = [typed(client, "ZZZZZZZZ").status_code for _ in range(3)]
    assert statuses == [400, 400, 400]
    # Even the right code waits once the limit is reached.
    assert typed(client, code_for(app, order)).status_code == 429


def test_the_code_form_needs_its_csrf_token(client, factory):
    factory.order()
    assert client.post("/code", data={"code": "ZZZZZZZZ"}).status_code == 400
