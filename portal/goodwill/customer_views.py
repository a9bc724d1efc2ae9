"""Customer routes: accept or decline an offer shown on the ticket page.

Access is the ticket page's own check (its order bound to the session, or its
secret link used). Accepting twice, or from two tabs at once, issues one coupon.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, url_for
from flask_babel import gettext as _

from portal.core.extensions import db
from portal.goodwill import offers
from portal.goodwill.forms import CustomerChoiceForm
from portal.goodwill.models import Offer, OfferStatus
from portal.tickets import customer
from portal.web.unit_of_work import attempt

bp = Blueprint("goodwill_customer", __name__)


@bp.post("/ticket/<int:ticket_id>/offers/<int:offer_id>")
def choose(ticket_id: int, offer_id: int):
    ticket = customer.require_ticket(ticket_id)
    offer = db.session.get(Offer, offer_id)
    if offer is None or offer.ticket_id != ticket.id or offer.sent_at is None:
        abort(404)
    form = CustomerChoiceForm()
    if not form.validate_on_submit():
        abort(400)
    # The customer reads their own words for a refusal, not the service's.
    with attempt(flash_refusal=False) as outcome:
        if form.accept.data:
            offers.accept(offer, current_app.config["TOKEN_KEY"])
            message = _("Thank you. Your offer is ready below.")
        else:
            offers.decline(offer)
            message = _("Understood. Nothing else changes: we are still here for you.")
    if outcome.ok:
        flash(message, "success")
    else:
        db.session.refresh(offer)
        if offer.status is OfferStatus.ACCEPTED:
            flash(_("You have already accepted this offer."), "info")
        else:
            flash(_("This offer is no longer open."), "error")
    return redirect(url_for("feedback.ticket_page", ticket_id=ticket.id, _anchor="offers"), code=303)
