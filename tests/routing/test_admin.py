"""The routing admin page: admins only, every change through a CSRF-checked form."""

from sqlalchemy import select

from portal.routing.models import BusinessCalendar, Holiday, Queue, RoutingRule
from tests.helpers import csrf_from, login


def test_agents_and_leads_are_refused(client, factory):
    login(client, factory.staff("lead"))
    assert client.get("/staff/admin/routing/").status_code == 403


def test_admin_sets_up_queues_rules_hours_and_holidays(client, db, factory):
    login(client, factory.staff("admin"))
    page = client.get("/staff/admin/routing/")
    assert page.status_code == 200 and "Nothing saved yet" in page.text
    csrf = csrf_from(page.text)

    client.post("/staff/admin/routing/queues", data={
        "csrf_token": csrf, "key": "vip", "name": "VIP", "goal_minutes": 5, "limit_minutes": 20})
    vip = db.session.scalar(select(Queue).where(Queue.key == "vip"))
    assert vip.goal_minutes == 5

    client.post("/staff/admin/routing/rules", data={
        "csrf_token": csrf, "name": "Damaged to VIP", "categories": ["damaged", "quality"],
        "queue_id": vip.id, "priority": 1, "repeat_customer": "", "locale": ""})
    rule = db.session.scalar(select(RoutingRule))
    assert rule.category == "damaged,quality" and rule.queue_id == vip.id

    bad = client.post("/staff/admin/routing/calendar", data={
        "csrf_token": csrf, "timezone": "Asia/Tehran", "day0": "17:00-09:00", "callback_slot_minutes": 30},
        follow_redirects=True)
    assert "Monday: the range ends before it starts" in bad.text
    assert db.session.scalar(select(BusinessCalendar)) is None  # nothing half-saved

    unknown = client.post("/staff/admin/routing/calendar", data={
        "csrf_token": csrf, "timezone": "Mars/Olympus", "day0": "09:00-17:00",
        "callback_slot_minutes": 30}, follow_redirects=True)
    assert "unknown time zone" in unknown.text

    week = {f"day{n}": "09:00-17:00" for n in (5, 6, 0, 1, 2)} | {"day3": "09:00-13:00", "day4": ""}
    client.post("/staff/admin/routing/calendar", data={
        "csrf_token": csrf, "timezone": "Asia/Tehran", "hotline_phone": "021 1234 5678",
        "holiday_country": "ir", "callback_slot_minutes": 30, **week})
    calendar = db.session.scalar(select(BusinessCalendar))
    assert calendar.timezone == "Asia/Tehran" and "4" not in calendar.schedule  # Friday closed
    assert calendar.schedule["3"] == [["09:00", "13:00"]]
    assert calendar.holiday_country == "IR"

    bad_phone = client.post("/staff/admin/routing/calendar", data={
        "csrf_token": csrf, "timezone": "Asia/Tehran", "hotline_phone": "12", "callback_slot_minutes": 30,
        **week}, follow_redirects=True)
    assert "phone number" in bad_phone.text

    client.post("/staff/admin/routing/holidays", data={"csrf_token": csrf, "day": "2026-03-21", "name": "Nowruz"})
    assert db.session.scalar(select(Holiday)).name == "Nowruz"
    assert "Nowruz" in client.get("/staff/admin/routing/").text


def test_admin_routing_forms_need_csrf(client, db, factory):
    login(client, factory.staff("admin"))
    response = client.post("/staff/admin/routing/queues", data={"key": "x", "name": "x"})
    assert response.status_code == 400
    assert db.session.scalar(select(Queue)) is None


def test_admin_adds_a_canned_reply_and_loads_defaults(client, db, factory):
    from portal.queue.models import CannedReply

    login(client, factory.staff("admin"))
    csrf = csrf_from(client.get("/staff/admin/routing/").text)
    client.post("/staff/admin/canned-replies/", data={
        "csrf_token": csrf, "locale": "hy", "step": "thank", "title": "Merci", "body": "Շնորհակալ ենք, {first_name}"})
    assert db.session.scalar(select(CannedReply)).body == "Շնորհակալ ենք, {first_name}"
    assert "Merci" in client.get("/staff/admin/canned-replies/").text
    client.post("/staff/admin/routing/defaults", data={"csrf_token": csrf})
    client.post("/staff/admin/canned-replies/defaults", data={"csrf_token": csrf})
    assert db.session.scalar(select(Queue).where(Queue.key == "hotline")).is_hotline
    assert len(db.session.scalars(select(CannedReply)).all()) == 21


def test_workspace_cli_commands(app, db, factory):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["workspace-defaults"])
    assert result.exit_code == 0 and "20 canned replies" in result.output
    factory.ticket()
    result = runner.invoke(args=["workspace-tick"])
    assert result.exit_code == 0 and "escalated 0" in result.output
