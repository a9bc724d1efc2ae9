"""Goodwill for the demo: the catalogue, review links, and offers on the demo tickets."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from portal.auth.models import StaffUser
from portal.core.extensions import db
from portal.goodwill import offers
from portal.goodwill.catalogue import ensure_default_catalogue
from portal.goodwill.models import Gesture, GestureKind, Offer
from portal.reviews import services as reviews
from portal.tickets import services as tickets
from portal.tickets.models import Ticket

DEMO_LINKS = [
    ("google", "*", "Google", "https://g.page/r/demo-shop/review"),
    ("trustpilot", "*", "Trustpilot", "https://www.trustpilot.com/evaluate/demo-shop.example"),
    ("google", "fa", "گوگل", "https://g.page/r/demo-shop/review?hl=fa"),
]


def ensure_goodwill_demo() -> None:
    """Idempotent: an accepted coupon on the first demo ticket, one waiting for approval on the next."""
    ensure_default_catalogue()
    if not reviews.all_links():
        for platform, locale, name, url in DEMO_LINKS:
            reviews.add_link(platform=platform, locale=locale, name=name, url=url)
    agent = db.session.scalar(select(StaffUser).where(StaffUser.email == "agent@example.com"))
    demo_tickets = list(db.session.scalars(select(Ticket).order_by(Ticket.id).limit(2)))
    if agent is None or len(demo_tickets) < 2 or db.session.scalar(select(Offer.id).limit(1)):
        return
    coupon = db.session.scalar(select(Gesture).where(Gesture.kind == GestureKind.PERCENT_COUPON))
    for ticket, value in zip(demo_tickets, (15, 30), strict=True):
        if ticket.owner_id is None:
            tickets.claim_ticket(ticket.id, agent)
        offer = offers.make_offer(ticket, agent, coupon, value,
                                  offers.default_wording(coupon, ticket.locale, value))
        if value == 15:
            offers.accept(offer, current_app.config["TOKEN_KEY"])
