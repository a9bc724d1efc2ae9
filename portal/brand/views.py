"""Admin page for the brand settings (its sample cards are printed by `printing.sample_views`)."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from portal.auth.guards import staff_only
from portal.auth.models import Role
from portal.brand import services
from portal.brand.forms import LANGUAGES, BrandForm
from portal.web.unit_of_work import attempt

bp = Blueprint("brand", __name__, url_prefix="/staff/brand")


staff_only(bp, Role.ADMIN)


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
        with attempt(success="Brand settings saved.") as outcome:
            services.update_brand(
                name=form.name.data, primary_colour=form.primary_colour.data,
                accent_colour=form.accent_colour.data, words=form.words(),
                logo=upload.read() if upload else None, remove_logo=form.remove_logo.data,
                staff_id=current_user.id,
            )
        if outcome.ok:
            return redirect(url_for("brand.settings"), code=303)
        return render_template("brand/settings.html", form=form, languages=LANGUAGES), 422
    else:
        return render_template("brand/settings.html", form=form, languages=LANGUAGES), 400
    return render_template("brand/settings.html", form=form, languages=LANGUAGES)
