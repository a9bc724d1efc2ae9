"""Staff login and logout (Flask-Login sessions, CSRF-protected forms)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from portal.auth.forms import LoginForm, LogoutForm
from portal.auth.services import authenticate
from portal.web import ratelimit

bp = Blueprint("auth", __name__, url_prefix="/staff")


@bp.route("/login", methods=["GET", "POST"])
@ratelimit.limit("RATE_LIMIT_LOGIN", methods=("POST",))
def login():
    if current_user.is_authenticated:
        return redirect(url_for("queue.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            target = request.args.get("next", "")
            if not target.startswith("/staff/") or target.startswith("//"):
                target = url_for("queue.index")
            return redirect(target, code=303)
        flash(_("Wrong email or password."), "error")
    return render_template("auth/login.html", form=form), (401 if form.is_submitted() else 200)


@bp.post("/logout")
def logout():
    if LogoutForm().validate_on_submit():
        logout_user()
    return redirect(url_for("auth.login"), code=303)
