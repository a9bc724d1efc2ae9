"""Customer routes: accept or decline an offer shown on the ticket page.

Access is the ticket page's own check (its order bound to the session, or its
secret link used). Accepting twice, or from two tabs at once, issues one coupon.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, url_for
from flask_babel import gettext as _

from portal.core.errors import DomainError
from portal.core.extensions import db
from portal.feedback import access
from portal.goodwill import coupons, offers
from portal.goodwill.forms import CustomerChoiceForm
from portal.goodwill.models import Offer, OfferStatus

bp = Blueprint("goodwill_customer", __name__)


@bp.app_context_processor
def _customer_helpers():
    def goodwill_customer_offers(ticket) -> list[dict]:
        key = current_app.config["TOKEN_KEY"]
        out = []
        for offer in offers.for_ticket(ticket.id, customer_view=True):
            code = coupons.code_for(offer.coupon, key) if offer.coupon else None
            out.append({"offer": offer, "code": code, "coupon": offer.coupon,
                        "open": offer.status is OfferStatus.OFFERED})
        return out
    return {"goodwill_customer_offers": goodwill_customer_offers,
            "goodwill_choice_form": CustomerChoiceForm}


@bp.post("/ticket/<int:ticket_id>/offers/<int:offer_id>")
def choose(ticket_id: int, offer_id: int):
    ticket = access.require_ticket(ticket_id)
    offer = db.session.get(Offer, offer_id)
    if offer is None or offer.ticket_id != ticket.id or offer.sent_at is None:
        abort(404)
    form = CustomerChoiceForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        if form.accept.data:
            offers.accept(offer, current_app.config["TOKEN_KEY"])
            message = _("Thank you. Your offer is ready below.")
        else:
            offers.decline(offer)
            message = _("Understood. Nothing else changes: we are still here for you.")
        db.session.commit()
    except DomainError:
        db.session.rollback()
        db.session.refresh(offer)
        if offer.status is OfferStatus.ACCEPTED:
            flash(_("You have already accepted this offer."), "info")
        else:
            flash(_("This offer is no longer open."), "error")
    else:
        flash(message, "success")
    return redirect(url_for("feedback.ticket_page", ticket_id=ticket.id, _anchor="offers"), code=303)
