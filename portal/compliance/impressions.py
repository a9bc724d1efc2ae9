"""The proof that review links were shown: one impression per order, page, rating and day.

`to_show` chooses the links a customer page shows and describes the impression
it makes; `is_recorded` and `record` are the read and the write. The customer
pages call them where they render the links (`feedback.evidence`), so what is
shown and what is proven cannot drift apart.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from flask_babel import get_locale
from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from portal.compliance.models import ReviewLinkImpression
from portal.core.database import utcnow
from portal.core.extensions import db
from portal.orders.models import Order
from portal.orders.services import latest_rating
from portal.reviews.links import review_links
from portal.tickets.models import Ticket
from portal.wording.marketplace import marketplace_mode

# Built once: the order page runs it on every view.
_BY_KEY = select(ReviewLinkImpression.id).where(ReviewLinkImpression.dedupe_key == bindparam("key"))


@dataclass(frozen=True)
class Impression:
    """Links a page is about to show, and what proves it (the rating only recorded, never used)."""

    order_id: int
    ticket_id: int | None
    page: str
    locale: str
    links: list[dict]
    rating_stars: int | None
    marketplace: str | None

    @property
    def key(self) -> str:
        day = utcnow().date().isoformat()
        blob = json.dumps([self.order_id, self.ticket_id, self.page, self.locale, self.links,
                           self.rating_stars, self.marketplace, day], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()


_UNKNOWN = object()


def to_show(page: str, *, order: Order | None = None, ticket: Ticket | None = None,
            stars=_UNKNOWN) -> Impression:
    """The review links for this page. `stars` (the latest rating) is recorded, never consulted."""
    locale = str(get_locale() or "en")
    order = order if order is not None else ticket.order
    if stars is _UNKNOWN:
        rating = latest_rating(order)
        stars = rating.stars if rating else None
    return Impression(order_id=order.id, ticket_id=ticket.id if ticket is not None else None, page=page,
                      locale=locale, links=review_links(locale), rating_stars=stars,
                      marketplace=marketplace_mode())


def is_recorded(impression: Impression, key: str | None = None) -> bool:
    return db.session.execute(_BY_KEY, {"key": key or impression.key}).first() is not None


def record(impression: Impression) -> ReviewLinkImpression | None:
    """Record that the links were shown; None when today's identical impression exists. Flushes."""
    key = impression.key
    if is_recorded(impression, key):
        return None
    row = ReviewLinkImpression(
        order_id=impression.order_id, ticket_id=impression.ticket_id, page=impression.page,
        locale=impression.locale, links=impression.links, link_count=len(impression.links),
        rating_stars=impression.rating_stars, marketplace=impression.marketplace, dedupe_key=key,
    )
    try:
        with db.session.begin_nested():  # a concurrent twin loses on the unique key, harmlessly
            db.session.add(row)
            db.session.flush()
    except IntegrityError:
        return None
    return row
