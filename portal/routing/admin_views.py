"""Admin pages for routing: queues, ordered rules, business hours, holidays. Admins only."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from sqlalchemy import select

from portal.auth.guards import staff_only
from portal.auth.models import Role
from portal.core.extensions import db
from portal.routing import settings
from portal.routing.admin_forms import ActionForm, CalendarForm, HolidayForm, QueueForm, RuleForm
from portal.routing.calendar import stored_calendar
from portal.routing.models import Holiday, Queue, RoutingRule
from portal.web.unit_of_work import attempt

bp = Blueprint("routing_admin", __name__, url_prefix="/staff/admin/routing")


staff_only(bp, Role.ADMIN)


def _rule_form() -> RuleForm:
    form = RuleForm()
    queues = db.session.scalars(select(Queue).order_by(Queue.name))
    form.queue_id.choices = [(0, "—")] + [(q.id, q.name) for q in queues]
    return form


def _calendar_form() -> CalendarForm:
    row = stored_calendar()
    form = CalendarForm(
        timezone=row.timezone if row else "UTC", holiday_country=row.holiday_country if row else "",
        hotline_phone=row.hotline_phone if row else "",
        callback_slot_minutes=row.callback_slot_minutes if row else 30)
    for n, text in enumerate(settings.hours_by_day(row)):
        getattr(form, f"day{n}").data = getattr(form, f"day{n}").data if form.is_submitted() else text
    return form


@bp.get("/")
def index():
    return render_template(
        "admin/routing.html",
        queues=db.session.scalars(select(Queue).order_by(Queue.name)).all(),
        rules=db.session.scalars(select(RoutingRule).order_by(RoutingRule.position, RoutingRule.id)).all(),
        holidays=db.session.scalars(select(Holiday).order_by(Holiday.day)).all(),
        calendar=stored_calendar(), queue_form=QueueForm(formdata=None), rule_form=_rule_form(),
        calendar_form=_calendar_form(), holiday_form=HolidayForm(formdata=None), action=ActionForm(),
        weekdays=settings.WEEKDAYS,
    )


def _run(form, action, success: str):
    if not form.validate_on_submit():
        flash("Please check the form: " + "; ".join(
            f"{name}: {', '.join(map(str, errs))}" for name, errs in form.errors.items()), "error")
        return redirect(url_for("routing_admin.index"), code=303)
    with attempt(success=success):
        action()
    return redirect(url_for("routing_admin.index"), code=303)


@bp.post("/queues")
def add_queue():
    f = QueueForm()
    return _run(f, lambda: settings.add_queue(f.key.data, f.name.data, f.goal_minutes.data,
                                              f.limit_minutes.data, f.is_hotline.data), "Queue added.")


@bp.post("/rules")
def add_rule():
    f = _rule_form()
    repeat = {"yes": True, "no": False}.get(f.repeat_customer.data)
    return _run(f, lambda: settings.add_rule(
        name=f.name.data, category=",".join(f.categories.data) or None, max_rating=f.max_rating.data,
        min_order_value=f.min_order_value.data, keywords=(f.keywords.data or "").strip() or None,
        repeat_customer=repeat, locale=f.locale.data or None, queue_id=f.queue_id.data or None,
        to_hotline=f.to_hotline.data, priority=f.priority.data or 0,
        goal_minutes=f.goal_minutes.data, limit_minutes=f.limit_minutes.data), "Rule added at the end.")


def _rule(rule_id: int) -> RoutingRule:
    rule = db.session.get(RoutingRule, rule_id)
    if rule is None:
        abort(404)
    return rule


@bp.post("/rules/<int:rule_id>/move/<direction>")
def move_rule(rule_id: int, direction: str):
    rule = _rule(rule_id)
    return _run(ActionForm(), lambda: settings.move_rule(rule, -1 if direction == "up" else 1), "Rule moved.")


@bp.post("/rules/<int:rule_id>/toggle")
def toggle_rule(rule_id: int):
    rule = _rule(rule_id)

    def action():
        rule.active = not rule.active

    return _run(ActionForm(), action, "Rule switched.")


@bp.post("/calendar")
def save_calendar():
    f = CalendarForm()
    return _run(f, lambda: settings.save_calendar(
        f.timezone.data.strip(), [getattr(f, f"day{n}").data or "" for n in range(7)],
        f.holiday_country.data, f.hotline_phone.data, f.callback_slot_minutes.data), "Business hours saved.")


@bp.post("/holidays")
def add_holiday():
    f = HolidayForm()
    return _run(f, lambda: settings.add_holiday(f.day.data, f.name.data), "Holiday added.")


@bp.post("/defaults")
def load_defaults():
    return _run(ActionForm(), settings.load_defaults, "Default queues and rules loaded.")
