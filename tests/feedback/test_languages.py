"""Four languages: complete catalogues, the choice of language, RTL, local digits and dates."""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portal.web.locale import LOCALE_COOKIE
from tests.helpers import csrf_from, login

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "portal" / "translations"
TRANSLATED = ("fa", "hy", "ro")
PLACEHOLDER = re.compile(r"%\(\w+\)s")


@pytest.fixture(scope="module")
def source_ids(tmp_path_factory):
    """Every string marked in the code and templates now (not the committed .pot)."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run([
        str(Path(sys.executable).with_name("pybabel")), "extract", "-F", "babel.cfg",
        "-k", "_l", "-k", "lazy_gettext", "--ignore-dirs=.* node_modules __pycache__",
        "-o", str(pot), ".",
    ], cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as f:
        return {m.id for m in read_po(f) if m.id}


@pytest.mark.parametrize("locale", TRANSLATED)
def test_catalogue_translates_every_marked_string(locale, source_ids):
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f)
    translated = {m.id: _forms(m.string) for m in catalog
                  if m.id and all(_forms(m.string)) and "fuzzy" not in m.flags}
    missing = sorted(map(str, source_ids - set(translated)))
    assert not missing, f"{locale}: untranslated {missing}"
    for msgid, forms in translated.items():
        expected = sorted(PLACEHOLDER.findall(_forms(msgid)[-1]))
        for text in forms:
            assert sorted(PLACEHOLDER.findall(text)) == expected, msgid


def _forms(value) -> tuple:
    """A message's text as a tuple: one entry, or one per plural form."""
    return tuple(value) if isinstance(value, tuple | list) else (value,)


@pytest.mark.parametrize("locale", TRANSLATED)
def test_compiled_catalogue_matches_the_po_file(locale):
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f)
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = [m.id for m in catalog if m.id and not isinstance(m.id, tuple)
             and compiled.gettext(m.id) != m.string]
    # Plural entries are stored per form index.
    stale += [m.id for m in catalog if isinstance(m.id, tuple)
              and [compiled._catalog.get((m.id[0], i)) for i in range(len(m.string))] != list(m.string)]
    assert not stale, f"{locale}: run `make translations` ({stale[:3]})"


def test_romanian_uses_comma_below_letters():
    text = (TRANSLATIONS / "ro" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert "ș" in text and "ț" in text
    assert not set("şţŞŢ") & set(text), "cedilla forms instead of ș ț"


def test_order_locale_chooses_the_language_and_direction(client, factory):
    _, token = factory.order(locale="fa_IR")
    page = client.get(f"/o/{token}", follow_redirects=True)
    assert '<html lang="fa" dir="rtl">' in page.text
    assert "خصوصی به ما بگویید" in page.text
    # Order numbers stay left-to-right inside the Persian sentence.
    assert re.search(r'<bdi dir="ltr">T-\d+</bdi>', page.text)


def test_accept_language_is_used_when_the_order_has_no_locale(client, factory):
    _, token = factory.order(locale=None)
    page = client.get(f"/o/{token}", follow_redirects=True,
                      headers={"Accept-Language": "ro-RO,ro;q=0.9,en;q=0.5"})
    assert '<html lang="ro" dir="ltr">' in page.text
    assert "Spuneți-ne în privat" in page.text


def test_switcher_choice_wins_and_is_remembered_in_a_new_session(app, client, factory):
    _, token = factory.order(locale="fa")
    page = client.get(f"/o/{token}", follow_redirects=True)
    # The form route works as well as the links (for clients that post).
    response = client.post("/language", data={
        "csrf_token": csrf_from(page.text), "locale": "hy", "next": "/order"})
    assert response.status_code == 303 and response.headers["Location"] == "/order"
    cookie = response.headers.getlist("Set-Cookie")
    assert any(c.startswith(f"{LOCALE_COOKIE}=hy") and "HttpOnly" in c for c in cookie)
    assert '<html lang="hy" dir="ltr">' in client.get("/order").text

    # A later visit (new session, say a new scan) keeps the choice over the order's locale.
    later = app.test_client()
    later.set_cookie(LOCALE_COOKIE, "hy")
    assert "Պատմեք միայն մեզ" in later.get(f"/o/{token}", follow_redirects=True).text


def test_switcher_links_need_no_form_token_and_return_to_the_page(client, factory):
    _, token = factory.order(locale="en")
    page = client.get(f"/o/{token}", follow_redirects=True).text
    link = re.search(r'href="(/language/fa\?next=[^"]+)"', page).group(1)
    assert link == "/language/fa?next=/order"
    response = client.get(link)
    assert response.status_code == 303 and response.headers["Location"] == "/order"
    assert '<html lang="fa" dir="rtl">' in client.get("/order").text
    # An unknown language changes nothing.
    client.get("/language/de?next=/order")
    assert '<html lang="fa" dir="rtl">' in client.get("/order").text


def test_pages_with_the_switcher_are_identical_between_requests(client):
    """No per-request token in the switcher: e.g. two 404 pages are byte-for-byte the same."""
    first = client.get("/o/not-a-token").text
    second = client.get("/o/also-not-a-token").text
    assert first == second


def test_switcher_refuses_open_redirects(client, factory):
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.get("/language/ro", query_string={"next": target})
        assert response.headers["Location"] == "/"


def test_persian_pages_use_persian_digits_and_the_solar_hijri_calendar(client, factory):
    order, token = factory.order(locale="fa")
    ticket = factory.ticket(order, locale="fa")
    client.get(f"/o/{token}")
    page = client.get(f"/ticket/{ticket.id}").text
    stamp = re.search(r"<time datetime=\"[^\"]+\">([^<]+)</time>", page).group(1)
    assert re.search(r"[۰-۹]", stamp) and not re.search(r"[0-9]", stamp)
    months = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر",
              "دی", "بهمن", "اسفند")
    assert any(m in stamp for m in months), stamp


def test_gregorian_option_for_persian(app, client, factory):
    app.config["FA_CALENDAR"] = "gregorian"
    order, token = factory.order(locale="fa")
    ticket = factory.ticket(order, locale="fa")
    client.get(f"/o/{token}")
    stamp = re.search(r"<time datetime=\"([^\"]+)\">([^<]+)</time>", client.get(f"/ticket/{ticket.id}").text)
    year = stamp.group(1)[:4].translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert year in stamp.group(2)


def test_staff_see_the_language_and_direction_of_customer_messages(app, client, factory):
    order, _ = factory.order(locale="fa")
    ticket = factory.ticket(order, locale="fa", description="جعبه شکسته بود")
    login(client, factory.staff())
    desk = client.get(f"/staff/tickets/{ticket.id}").text
    assert 'lang="fa">جعبه شکسته بود' in desk
    assert "fa · rtl" in desk


def test_stylesheets_use_logical_properties_only():
    """Physical left/right would not mirror in Persian; inline-start/end do."""
    physical = re.compile(r"(margin|padding|border)-(left|right)\b|\b(left|right)\s*:|float\s*:\s*(left|right)"
                          r"|text-align\s*:\s*(left|right)")
    for sheet in (ROOT / "static" / "css").glob("*.css"):
        hits = [line for line in sheet.read_text().splitlines() if physical.search(line)]
        assert not hits, f"{sheet.name}: {hits}"


@pytest.mark.parametrize(("locale", "subject", "phrase"), [
    ("fa", "پیام شما را دریافت کردیم", "این پیوند شخصی است"),
    ("hy", "Ստացանք ձեր հաղորդագրությունը", "Այս հղումը անձնական է"),
    ("ro", "Am primit mesajul dumneavoastră", "Acest link este personal"),
])
def test_customer_emails_speak_the_reporters_language(client, factory, smtp_sink, locale, subject, phrase):
    from portal.notify.jobs import deliver_pending
    from tests.helpers import submission_key_from

    _, token = factory.order(locale=locale, email="shirin@example.com")
    client.get(f"/o/{token}")
    page = client.get("/report")
    response = client.post("/report", data={
        "csrf_token": csrf_from(page.text), "submission_key": submission_key_from(page.text),
        "category": "late", "description": "…", "contact_preference": "email", "email": ""})
    assert response.status_code == 303
    deliver_pending()
    mail = next(m for m in smtp_sink.inbox if m["To"] == "shirin@example.com")
    assert subject in mail["Subject"]
    assert phrase in mail.get_content()


def test_staff_see_the_language_each_customer_message_was_written_in(app, client, factory):
    order, token = factory.order(locale="fa")
    client.get(f"/o/{token}")
    page = client.get("/report")
    from tests.helpers import submission_key_from

    client.post("/report", data={
        "csrf_token": csrf_from(page.text), "submission_key": submission_key_from(page.text),
        "category": "late", "description": "خیلی دیر رسید", "contact_preference": "reply_here"})
    ticket_page = client.get("/order").text
    ticket_id = int(re.search(r'href="/ticket/(\d+)"', ticket_page).group(1))
    # The customer switches to Romanian and replies.
    client.get("/language/ro?next=/order")
    page = client.get(f"/ticket/{ticket_id}")
    client.post(f"/ticket/{ticket_id}/reply", data={"csrf_token": csrf_from(page.text), "body": "Încă aștept."})

    staff = app.test_client()
    login(staff, factory.staff())
    desk = staff.get(f"/staff/tickets/{ticket_id}").text
    assert 'lang="fa">خیلی دیر رسید' in desk and "fa · rtl" in desk
    assert 'lang="ro">Încă aștept.' in desk and "ro · ltr" in desk
