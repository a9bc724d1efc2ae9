"""Admin page for the brand settings, and a sample card to check the wording."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from portal.auth.models import Role
from portal.brand import services
from portal.brand.forms import LANGUAGES, BrandForm
from portal.core.errors import DomainError
from portal.core.extensions import db
from portal.printing.layouts import LAYOUTS, get_layout
from portal.printing.template import FilledCard, fallback_url, render_filled

bp = Blueprint("brand", __name__, url_prefix="/staff/brand")


@bp.before_request
@login_required
def _admins_only():
    if current_user.role != Role.ADMIN:
        abort(403)


def _fill(form: BrandForm) -> None:
    settings = services.current()
    look = services.look(settings)
    form.name.data = look.name
    form.primary_colour.data = look.primary_colour
    form.accent_colour.data = look.accent_colour
    saved = (settings.card_words if settings else None) or {}
    for locale in LANGUAGES:
        words = services.words_for(settings, locale).as_dict()
        for field in form.word_fields(locale):
            name = field.name.split("_", 1)[1]
            field.data = (saved.get(locale) or {}).get(name) or words[name]


@bp.route("/", methods=["GET", "POST"])
def settings():
    form = BrandForm()
    if request.method == "GET":
        _fill(form)
    elif form.validate_on_submit():
        upload = form.logo.data
        try:
            services.update_brand(
                name=form.name.data, primary_colour=form.primary_colour.data,
                accent_colour=form.accent_colour.data, words=form.words(),
                logo=upload.read() if upload else None, remove_logo=form.remove_logo.data,
                staff_id=current_user.id,
            )
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            return render_template("brand/settings.html", form=form, languages=LANGUAGES,
                                   layouts=LAYOUTS), 422
        flash("Brand settings saved.", "success")
        return redirect(url_for("brand.settings"), code=303)
    else:
        return render_template("brand/settings.html", form=form, languages=LANGUAGES,
                               layouts=LAYOUTS), 400
    return render_template("brand/settings.html", form=form, languages=LANGUAGES, layouts=LAYOUTS)


@bp.get("/sample.pdf")
def sample():
    """One sample card with a made-up order, in the chosen language and layout."""
    locale = request.args.get("locale", "en")
    if locale not in LANGUAGES:
        abort(404)
    try:
        layout = get_layout(request.args.get("layout", "a6"))
    except ValueError:
        abort(404)
    settings = services.current()
    base = current_app.config["BASE_URL"]
    card = FilledCard(url=f"{base}/o/SAMPLE-NOT-A-REAL-TOKEN", code="SAMP-LE00", number="SAMPLE-1001")
    pdf = render_filled(layout, locale, services.look(settings), services.words_for(settings, locale),
                        fallback_url(current_app.config), [card])
    return Response(pdf, mimetype="application/pdf")
