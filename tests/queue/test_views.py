"""Queue views, filters and search."""

from datetime import timedelta

from portal.core.database import utcnow
from portal.routing import settings
from portal.tickets import services as tickets
from tests.helpers import login


def _rows(html: str) -> list[str]:
    import re

    return re.findall(r'<tr data-ticket="\d+" data-href="[^"]+">\s*<td><a href="[^"]+">(T-\d+)</a>', html)


def test_each_view_shows_what_its_name_says(app, client, db, factory):
    me = factory.staff(name="Me")
    colleague = factory.staff(name="Colleague")
    unassigned = factory.ticket()
    breaching = factory.ticket()
    breaching.respond_limit_at = utcnow() + timedelta(minutes=5)
    mine = factory.ticket()
    tickets.claim_ticket(mine.id, me)
    theirs = factory.ticket()
    tickets.claim_ticket(theirs.id, colleague)
    waiting = factory.ticket()
    tickets.staff_reply(waiting, me, "Photo please?")
    resolved = factory.ticket()
    tickets.staff_reply(resolved, me, "Sent a new one.")
    tickets.resolve(resolved, me)
    db.session.commit()
    login(client, me)

    def view(name):
        return set(_rows(client.get(f"/staff/?view={name}").text))

    assert view("unassigned") == {unassigned.ref, breaching.ref}
    assert set(_rows(client.get("/staff/").text)) == {unassigned.ref, breaching.ref}  # the default
    assert view("mine") == {mine.ref}
    assert view("breaching") == {breaching.ref}
    assert view("waiting") == {waiting.ref}
    assert view("resolved") == {resolved.ref}
    assert view("all") == {t.ref for t in (unassigned, breaching, mine, theirs, waiting, resolved)}
    assert view("callbacks") == set()
    assert view("nonsense") == {unassigned.ref, breaching.ref}


def test_priority_from_routing_goes_first(client, db, factory):
    vip = settings.add_queue("vip", "VIP", 15, 60)
    settings.add_rule(name="Quality first", category="quality", queue_id=vip.id, priority=5)
    db.session.commit()
    plain = factory.ticket(category="late")
    urgent = factory.ticket(category="quality")
    login(client, factory.staff())
    page = client.get("/staff/").text
    assert _rows(page) == [urgent.ref, plain.ref] and "P5" in page


def test_filters_and_search(client, db, factory):
    settings.load_defaults()
    db.session.commit()
    late = factory.ticket(category="late", locale="fa", contact_email="Someone@Example.com")
    broken = factory.ticket(category="damaged")
    login(client, factory.staff())
    assert _rows(client.get("/staff/?view=all&category=late").text) == [late.ref]
    assert _rows(client.get("/staff/?view=all&locale=fa").text) == [late.ref]
    assert _rows(client.get(f"/staff/?view=all&queue={broken.queue_id}").text) == [broken.ref]
    assert _rows(client.get(f"/staff/?q={broken.ref.lower()}").text) == [broken.ref]
    assert _rows(client.get(f"/staff/?q={late.order.number}").text) == [late.ref]
    assert _rows(client.get("/staff/?q=someone@example.com").text) == [late.ref]
    assert _rows(client.get("/staff/?q=<script>").text) == []
    assert "&lt;script&gt;" in client.get("/staff/?q=<script>").text
    assert _rows(client.get("/staff/?view=all&category=bogus").text) == [broken.ref, late.ref]


def test_queue_page_carries_the_shortcut_legend_and_no_inline_script(client, factory):
    factory.ticket()
    login(client, factory.staff())
    page = client.get("/staff/")
    assert 'id="shortcuts"' in page.text and "/static/js/queue.js" in page.text
    assert "<script>" not in page.text and "onclick" not in page.text
    assert "'unsafe-inline'" not in page.headers.get("Content-Security-Policy", "script-src 'self'")
