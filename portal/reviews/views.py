"""Shop owners (admins) edit the public review links, per platform and language."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for

from portal.auth.guards import staff_only
from portal.auth.models import Role
from portal.core.extensions import db
from portal.reviews import services
from portal.reviews.forms import ReviewLinkForm
from portal.reviews.models import ReviewLink
from portal.web.unit_of_work import attempt

bp = Blueprint("reviews", __name__, url_prefix="/staff/review-links")


staff_only(bp, Role.ADMIN)


@bp.route("/", methods=["GET", "POST"])
@bp.route("/<int:link_id>", methods=["GET", "POST"])
def index(link_id: int | None = None):
    link = db.session.get(ReviewLink, link_id) if link_id else None
    if link_id and link is None:
        abort(404)
    form = ReviewLinkForm(obj=link)
    if form.validate_on_submit():
        with attempt(success="Review link saved.") as outcome:
            if link is None:
                services.add_link(platform=form.platform.data, locale=form.locale.data,
                                  name=form.name.data, url=form.url.data,
                                  position=form.position.data or 0)
            else:
                services.update_link(link, name=form.name.data, url=form.url.data,
                                     position=form.position.data or 0, active=form.active.data)
        if outcome.ok:
            return redirect(url_for("reviews.index"), code=303)
    elif form.errors:
        flash("Please check the form: " + "; ".join(
            f"{name}: {', '.join(errs)}" for name, errs in form.errors.items()), "error")
    return render_template("reviews/index.html", form=form, link=link, links=services.all_links())
