"""Admin page: the compliance report, its CSV, the marketplace mode, a wording tester."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.auth.guards import requires, staff_only
from portal.auth.models import Role
from portal.compliance import report
from portal.compliance.forms import MarketplaceForm, WordingForm
from portal.web.unit_of_work import attempt
from portal.wording import check_text
from portal.wording import marketplace as settings

bp = Blueprint("compliance", __name__, url_prefix="/staff/compliance")


staff_only(bp, Role.LEAD)


def _day(name: str) -> datetime | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        return datetime.strptime(raw, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        flash(f"{name}: use a date like 2026-11-23", "error")
        return None


def _report():
    order = request.args.get("order", "").strip() or None
    try:
        return report.build(_day("since"), _day("until"), order)
    except LookupError as exc:
        flash(str(exc), "error")
        return report.build(_day("since"), _day("until"))


@bp.route("/", methods=["GET", "POST"])
def index():
    wording_form = WordingForm(prefix="w")
    verdict = None
    if wording_form.submit.data and wording_form.validate_on_submit():
        verdict = check_text(wording_form.text.data, wording_form.lang.data)
    market_form = MarketplaceForm(prefix="m", marketplace=settings.marketplace_mode() or "")
    return render_template("compliance/index.html", report=_report(), verdict=verdict,
                           wording_form=wording_form, market_form=market_form,
                           is_admin=current_user.is_admin, args=request.args)


@bp.post("/marketplace")
@requires(Role.ADMIN)
def marketplace():
    form = MarketplaceForm(prefix="m")
    if form.validate_on_submit():
        with attempt(success="Marketplace mode saved."):
            settings.set_marketplace_mode(form.marketplace.data, current_user.id)
    return redirect(url_for("compliance.index"), code=303)


@bp.get("/report.csv")
def report_csv():
    return Response(report.as_csv(_report()), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=compliance-report.csv",
        "X-Content-Type-Options": "nosniff"})
