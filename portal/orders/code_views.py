"""<base>/code: the typed fallback when the camera cannot read the card's QR code.

The code is 8 characters of Crockford base32 (40 bits, no I, L, O or U), so
the page is rate-limited per address. A matching code binds the order to the
session exactly as a scan does and redirects to the same token-free page:
it shows nothing a scan would not. Malformed and unknown codes get the same
answer, so the page says nothing about which codes exist.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired

from portal.orders import customer
from portal.orders import services as orders
from portal.web import ratelimit

bp = Blueprint("code", __name__)


class CodeForm(FlaskForm):
    code = StringField(_l("Code from your card"),
                       validators=[DataRequired(message=_l("Please type the code from your card."))])
    submit = SubmitField(_l("Open my order"))


@bp.route("/code", methods=["GET", "POST"])
@ratelimit.limit("RATE_LIMIT_CODE", methods=("POST",))
def enter_code():
    form = CodeForm()
    if form.validate_on_submit():
        # Anything longer than a code with generous separators is not a code.
        typed = (form.code.data or "")[:40]
        order = orders.find_by_code(typed)
        if order is not None:
            customer.bind_order(order)
            return redirect(url_for("feedback.order_page"), code=303)
        form.code.errors.append(
            _("This code does not match an order. Please check the code on your card and try again."))
    status = 400 if form.errors else 200
    return render_template("feedback/code.html", form=form), status
