"""Hotline pages: the customer's "call us / call me back" panel and the staff call log."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_datetime
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core.database import utcnow
from portal.core.errors import DomainError
from portal.core.extensions import db
from portal.core.phones import display_phone
from portal.core.settings_cache import cached
from portal.feedback import access
from portal.hotline import services as hotline
from portal.hotline.forms import CallbackForm, CallLogForm
from portal.hotline.models import CallbackRequest
from portal.routing.calendar import stored_calendar, to_calendar
from portal.routing.models import Holiday
from portal.web.formats import persian_digits

bp = Blueprint("hotline", __name__)
staff_bp = Blueprint("hotline_staff", __name__, url_prefix="/staff/hotline")


@dataclass
class HotlinePanel:
    open_now: bool
    phone: str | None
    tel: str | None
    zone: str
    slots: list[tuple[str, str]]
    form: CallbackForm | None


@dataclass(frozen=True)
class _HotlineSettings:
    """Plain values from the stored calendar (cached: the order page is the hot path)."""

    phone: str | None
    timezone: str
    calendar: object
    slot_minutes: int


def _load_hotline_settings() -> _HotlineSettings | None:
    row = stored_calendar()
    if row is None:
        return None
    listed = set(db.session.scalars(db.select(Holiday.day)))
    return _HotlineSettings(phone=row.hotline_phone, timezone=row.timezone,
                            calendar=to_calendar(row, listed), slot_minutes=row.callback_slot_minutes or 30)


def _calendar_and_slot_minutes():
    settings = cached("hotline", _load_hotline_settings)
    if settings is None:
        return None, None, 30
    return settings, settings.calendar, settings.slot_minutes


def _slot_label(start: datetime, end: datetime, zone) -> str:
    locale = str(get_locale() or "en")
    text = (format_datetime(start, "EEE d MMM, HH:mm", tzinfo=zone, locale=locale) + "–"
            + format_datetime(end, "HH:mm", tzinfo=zone, locale=locale))
    return persian_digits(text) if locale == "fa" else text


def _slot_choices(calendar, slot_minutes) -> list[tuple[str, str]]:
    return [(start.isoformat(), _slot_label(start, end, calendar.zone))
            for start, end in hotline.offered_slots(calendar, utcnow(), slot_minutes)]


def hotline_panel() -> HotlinePanel | None:
    """For the order page; None (nothing shown) until a business calendar is configured."""
    row, calendar, slot_minutes = _calendar_and_slot_minutes()
    if row is None:
        return None
    form = CallbackForm(submission_key=str(uuid.uuid4()))
    form.slot.choices = _slot_choices(calendar, slot_minutes)
    phone = display_phone(row.phone) if row.phone else None
    return HotlinePanel(
        open_now=calendar.is_open(utcnow()), phone=phone,
        tel=f"tel:{row.phone}" if row.phone else None,
        zone=row.timezone, slots=form.slot.choices, form=form,
    )


@bp.app_context_processor
def _panel():
    return {"hotline_panel": hotline_panel}


@bp.route("/hotline/callback", methods=["GET", "POST"])
def callback():
    order = access.require_order()
    row, calendar, slot_minutes = _calendar_and_slot_minutes()
    if row is None:
        abort(404)
    form = CallbackForm(region=order.country)
    form.slot.choices = _slot_choices(calendar, slot_minutes)
    if request.method == "GET":
        form.submission_key.data = str(uuid.uuid4())
        form.phone.data = order.phone
    if form.validate_on_submit():
        try:
            result, _created = hotline.request_callback(
                order, submission_key=form.submission_key.data, phone=form.phone.data,
                slot_start=datetime.fromisoformat(form.slot.data), note=form.note.data,
                locale=str(get_locale() or "en"), calendar=calendar, slot_minutes=slot_minutes,
                goal_minutes=current_app.config["SLA_GOAL_MINUTES"],
                limit_minutes=current_app.config["SLA_LIMIT_MINUTES"],
            )
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            form.slot.errors = [*form.slot.errors, _("This time is no longer free; please choose another.")]
            current_app.logger.info("callback refused: %s", exc)
        else:
            access.bind_ticket(result.ticket)
            flash(_("Thank you. We will call you at the time you chose."), "success")
            return redirect(url_for("feedback.ticket_page", ticket_id=result.ticket_id), code=303)
    return render_template("hotline/callback.html", form=form, zone=row.timezone,
                           order=order), (400 if form.errors else 200)


@staff_bp.before_request
@login_required
def _staff_only():
    """Every staff hotline route needs a logged-in, active staff member."""


@staff_bp.post("/callbacks/<int:callback_id>/calls")
def log_call(callback_id: int):
    callback = db.session.get(CallbackRequest, callback_id)
    if callback is None:
        abort(404)
    form = CallLogForm()
    target = url_for("queue.ticket", ticket_id=callback.ticket_id)
    if not form.validate_on_submit():
        flash("Choose the outcome of the call.", "error")
        return redirect(target, code=303)
    try:
        hotline.log_call(callback, current_user, form.outcome.data, form.note.data)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        flash("Call logged.", "success")
    return redirect(target, code=303)
