"""Hotline pages: the customer's "call us / call me back" panel and the staff call log."""

from __future__ import annotations

import uuid
from datetime import datetime

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth.guards import staff_only
from portal.auth.models import Role
from portal.core.extensions import db
from portal.hotline import services as hotline
from portal.hotline.forms import CallbackForm, CallLogForm
from portal.hotline.models import CallbackRequest
from portal.hotline.panel import calendar_and_slot_minutes, slot_choices
from portal.orders.customer import require_order
from portal.tickets.customer import bind_ticket
from portal.web.unit_of_work import attempt

bp = Blueprint("hotline", __name__)
staff_bp = Blueprint("hotline_staff", __name__, url_prefix="/staff/hotline")


@bp.route("/hotline/callback", methods=["GET", "POST"])
def callback():
    order = require_order()
    row, calendar, slot_minutes = calendar_and_slot_minutes()
    if row is None:
        abort(404)
    form = CallbackForm(region=order.country)
    form.slot.choices = slot_choices(calendar, slot_minutes)
    if request.method == "GET":
        form.submission_key.data = str(uuid.uuid4())
        form.phone.data = order.phone
    if form.validate_on_submit():
        # A refusal here is a slot taken meanwhile: said on the slot field, in the customer's words.
        with attempt(flash_refusal=False) as outcome:
            result, _created = hotline.request_callback(
                order, submission_key=form.submission_key.data, phone=form.phone.data,
                slot_start=datetime.fromisoformat(form.slot.data), note=form.note.data,
                locale=str(get_locale() or "en"), calendar=calendar, slot_minutes=slot_minutes,
                goal_minutes=current_app.config["SLA_GOAL_MINUTES"],
                limit_minutes=current_app.config["SLA_LIMIT_MINUTES"],
            )
        if not outcome.ok:
            form.slot.errors = [*form.slot.errors, _("This time is no longer free; please choose another.")]
            current_app.logger.info("callback refused: %s", outcome.error)
        else:
            bind_ticket(result.ticket)
            flash(_("Thank you. We will call you at the time you chose."), "success")
            return redirect(url_for("feedback.ticket_page", ticket_id=result.ticket_id), code=303)
    return render_template("hotline/callback.html", form=form, zone=row.timezone,
                           order=order), (400 if form.errors else 200)


staff_only(staff_bp, Role.AGENT)


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
    with attempt(success="Call logged."):
        hotline.log_call(callback, current_user, form.outcome.data, form.note.data)
    return redirect(target, code=303)
