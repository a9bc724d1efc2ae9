"""Every customer page, in English (LTR) and Persian (RTL), through axe-core in Chromium.

axe-core comes from npm (package.json at the project root, installed by `make`'s
install step with `npm ci`). Each page must have zero WCAG 2.x A/AA violations,
fit a 320 px wide screen, and load nothing from another origin.
Set PORTAL_SCREENSHOTS=docs/screenshots to (re)write the 375 px screenshots.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.tickets import services as tickets
from portal.tickets.models import Ticket
from portal.web.locale import LOCALE_COOKIE

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RESULTS = ROOT / "test-artifacts" / "axe-results.json"


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `npm ci` (or `make test`) at the project root")
    return AXE.read_text()


@pytest.fixture(scope="module")
def axe_log():
    results: dict = {}
    yield results
    RESULTS.parent.mkdir(exist_ok=True)
    previous = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    RESULTS.write_text(json.dumps({**previous, **results}, indent=1, ensure_ascii=False))


def run_axe(page, axe_source) -> list[dict]:
    # evaluate() runs through the DevTools protocol, so the page's strict CSP stays on.
    page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def _customer_pages(app, live_server, page, db, factory):
    """Walk a customer's whole path in the browser, yielding (name, url) at each page."""
    order, token = factory.order(number="SHOP-7781", email="lale@example.com")
    staff = factory.staff(name="Nora Support")
    _open_the_hotline(db)
    base = live_server.url
    yield "home", f"{base}/"
    page.goto(f"{base}/o/{token}")
    yield "order", page.url
    page.goto(f"{base}/report")
    yield "report", page.url
    page.locator("button[type=submit].button, input[type=submit].button").last.click()
    page.wait_for_load_state()
    assert page.locator(".field-error").count() >= 2  # the errors are on the page axe checks
    yield "report-errors", None
    page.goto(f"{base}/report")
    page.locator("input[name=category]").first.check()
    page.locator("textarea[name=description]").fill("The teapot lid is missing.")
    page.locator("input[type=file]").set_input_files(files=[{
        "name": "lid.png", "mimeType": "image/png", "buffer": _small_png()}])
    page.locator("form[action='/report'] [type=submit]").click()
    page.wait_for_url("**/report/done/*")
    yield "confirmation", page.url
    db.session.rollback()
    ticket = db.session.scalars(sa.select(Ticket).where(Ticket.order_id == order.id)).one()
    tickets.claim_ticket(ticket.id, staff)
    tickets.staff_reply(ticket, staff, "Sorry! A new lid is on its way.")
    _offer_a_gesture(db, ticket, staff)
    tickets.resolve(ticket, staff)
    db.session.commit()
    yield "ticket", f"{base}/ticket/{ticket.id}"
    yield "error", f"{base}/o/not-a-real-token"
    # Pages colleagues add to the customer's path are checked as soon as they exist.
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    for name, path in (("code", "/code"), ("callback", "/hotline/callback")):
        if path in rules:
            yield name, f"{base}{path}"


def _open_the_hotline(db) -> None:
    """Business hours and a phone, so the order page shows the hotline panel and the
    callback page exists (when the hotline room is installed)."""
    try:
        from portal.routing import settings
    except ImportError:
        return
    settings.save_calendar("Europe/Bucharest", ["00:00-24:00"] * 7, None, "+40 21 312 3456", 30)
    db.session.commit()


def _offer_a_gesture(db, ticket, staff) -> None:
    """The ticket page with a goodwill offer on it, when the goodwill room is installed."""
    try:
        from portal.goodwill import offers
        from portal.goodwill.catalogue import ensure_default_catalogue
        from portal.goodwill.models import Gesture, GestureKind
    except ImportError:
        return
    ensure_default_catalogue()
    letter = db.session.scalars(sa.select(Gesture).where(Gesture.kind == GestureKind.LETTER)).first()
    offers.make_offer(ticket, staff, letter, 0, "We would like to send you a handwritten apology.")


def _small_png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 90), (180, 60, 40)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize("locale", ["en", "fa", "hy", "ro"])
def test_customer_pages_pass_axe_fit_320px_and_stay_first_party(
    app, browser, live_server, db, factory, axe_source, axe_log, locale
):
    context = browser.new_context(viewport={"width": 320, "height": 700}, is_mobile=True,
                                  has_touch=True, locale="en-GB")
    context.add_cookies([{"name": LOCALE_COOKIE, "value": locale, "url": live_server.url}])
    page = context.new_page()
    foreign = []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else foreign.append(r.url))
    failures = {}
    try:
        for name, url in _customer_pages(app, live_server, page, db, factory):
            if url:
                page.goto(url)
            assert page.locator("html").get_attribute("lang") == locale
            assert page.locator("html").get_attribute("dir") == ("rtl" if locale == "fa" else "ltr")
            violations = run_axe(page, axe_source)
            axe_log[f"{name}/{locale}"] = {"violations": len(violations), "details": violations}
            if violations:
                failures[name] = violations
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{name} ({locale}) is {width}px wide at 320px"
    finally:
        context.close()
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)
    assert foreign == []


def test_the_axe_harness_reports_real_violations(browser, live_server, axe_source):
    """Guards the check above: a page with an unlabelled field and low contrast must fail."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.evaluate("""() => {
        const input = document.createElement('input');
        input.type = 'text';
        document.querySelector('main').append(input);
        const p = document.createElement('p');
        p.textContent = 'faint'; p.style.color = '#eee';
        document.querySelector('main').append(p);
    }""")
    ids = {v["id"] for v in run_axe(page, axe_source)}
    context.close()
    assert {"label", "color-contrast"} <= ids
