"""Admin page for the canned replies the ticket desk offers (admins only)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from sqlalchemy import select

from portal.auth.guards import staff_only
from portal.auth.models import Role
from portal.core.extensions import db
from portal.queue import canned
from portal.queue.forms import CannedReplyForm
from portal.queue.models import CannedReply
from portal.routing.admin_forms import ActionForm
from portal.web.unit_of_work import attempt

bp = Blueprint("canned", __name__, url_prefix="/staff/admin/canned-replies")
staff_only(bp, Role.ADMIN)


@bp.get("/")
def index():
    replies = db.session.scalars(
        select(CannedReply).order_by(CannedReply.locale, CannedReply.position, CannedReply.id)).all()
    return render_template("admin/canned.html", canned_replies=replies,
                           canned_form=CannedReplyForm(formdata=None), action=ActionForm())


def _back():
    return redirect(url_for("canned.index"), code=303)


@bp.post("/")
def add():
    form = CannedReplyForm()
    if not form.validate_on_submit():
        flash("Please check the form: " + "; ".join(
            f"{name}: {', '.join(map(str, errs))}" for name, errs in form.errors.items()), "error")
        return _back()
    with attempt(success="Canned reply added."):
        canned.add_reply(form.locale.data, form.step.data, form.title.data, form.body.data)
    return _back()


@bp.post("/defaults")
def load_defaults():
    if ActionForm().validate_on_submit():
        with attempt(success="Default canned replies loaded (existing ones are kept)."):
            canned.load_defaults()
    return _back()
