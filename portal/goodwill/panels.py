"""What the ticket pages show of goodwill: the customer's offers, and the staff panel.

The pages that show them ask for them (the customer's ticket page, the staff
ticket desk); nothing is computed for pages that do not.
"""

from __future__ import annotations

from flask import current_app

from portal.auth.models import StaffUser
from portal.goodwill import catalogue, coupons, offers
from portal.goodwill.amounts import to_typed
from portal.goodwill.forms import ActionForm, CustomerChoiceForm, DecisionForm, OfferForm
from portal.goodwill.models import OfferStatus
from portal.tickets.models import Ticket


def customer_offers(ticket: Ticket) -> list[dict]:
    """The offers sent to the customer, each with its code once accepted and a form while open."""
    key = current_app.config["TOKEN_KEY"]
    out = []
    for offer in offers.for_ticket(ticket.id, customer_view=True):
        is_open = offer.status is OfferStatus.OFFERED
        out.append({"offer": offer, "coupon": offer.coupon, "open": is_open,
                    "code": coupons.code_for(offer.coupon, key) if offer.coupon else None,
                    "form": CustomerChoiceForm() if is_open else None})
    return out


def staff_panel(ticket: Ticket, staff: StaffUser) -> dict:
    """The ticket's offers, the catalogue to offer from, and what `staff` may decide."""
    form = OfferForm()
    gestures = catalogue.active_gestures()
    form.gesture.choices = [(g.id, g.name) for g in gestures]
    return {
        "form": form, "gestures": gestures, "offers": offers.for_ticket(ticket.id),
        "defaults": {g.id: offers.default_wording(g, ticket.locale) for g in gestures},
        "typed": {g.id: to_typed(g.kind, g.value) for g in gestures},
        "action_form": ActionForm(), "decision_form": DecisionForm(),
        "can_approve": lambda o: offers.can_approve(o, staff),
    }
