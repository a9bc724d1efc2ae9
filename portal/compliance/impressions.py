"""The proof that review links were shown: one impression per order, page, rating and day.

`record_impression` is the service (adds and flushes). `shown_review_links`
is the view-side helper the customer pages call where they render the links:
the links it returns are exactly the ones it records, so what is shown and
what is proven cannot drift apart. Customer pages are GETs that otherwise
never write; the helper commits its one row in its own short write
transaction, so SQLite takes the write lock up front instead of upgrading a
read transaction (which fails under concurrent writers).
"""

from __future__ import annotations

import hashlib
import json

from flask import session
from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from portal.compliance.models import ReviewLinkImpression
from portal.core.database import utcnow, write_intent
from portal.core.extensions import db

# Built once: the order page runs it on every view.
_BY_KEY = select(ReviewLinkImpression.id).where(ReviewLinkImpression.dedupe_key == bindparam("key"))


def _key(order_id: int, ticket_id: int | None, page: str, locale: str, links: list[dict],
         rating_stars: int | None, marketplace: str | None) -> str:
    day = utcnow().date().isoformat()
    blob = json.dumps([order_id, ticket_id, page, locale, links, rating_stars, marketplace, day],
                      sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def record_impression(*, order_id: int, ticket_id: int | None, page: str, locale: str,
                      links: list[dict], rating_stars: int | None,
                      marketplace: str | None) -> ReviewLinkImpression | None:
    """Record that `links` were shown; None when today's identical impression exists."""
    key = _key(order_id, ticket_id, page, locale, links, rating_stars, marketplace)
    if db.session.execute(_BY_KEY, {"key": key}).first():
        return None
    row = ReviewLinkImpression(
        order_id=order_id, ticket_id=ticket_id, page=page, locale=locale, links=links,
        link_count=len(links), rating_stars=rating_stars, marketplace=marketplace, dedupe_key=key,
    )
    try:
        with db.session.begin_nested():  # a concurrent twin loses on the unique key, harmlessly
            db.session.add(row)
            db.session.flush()
    except IntegrityError:
        return None
    return row


_UNKNOWN = object()


def shown_review_links(page: str, *, order=None, ticket=None, stars=_UNKNOWN) -> list[dict]:
    """View helper: the review links for this page, recorded as shown. Commits its own row.

    `stars` (the latest rating) is only recorded, never consulted to pick the links.
    """
    from flask_babel import get_locale

    from portal.compliance.settings import marketplace_mode
    from portal.feedback.review_links import review_links
    from portal.orders.services import latest_rating

    locale = str(get_locale() or "en")
    links = review_links(locale)
    order = order if order is not None else ticket.order
    if stars is _UNKNOWN:
        rating = latest_rating(order)
        stars = rating.stars if rating else None
    ids = (order.id, ticket.id if ticket is not None else None)
    marketplace = marketplace_mode()
    key = _key(ids[0], ids[1], page, locale, links, stars, marketplace)
    # This browser already had this exact impression recorded: skip the lookup (hot path).
    if key[:16] in session.get(_SEEN, ()):
        return links
    if db.session.execute(_BY_KEY, {"key": key}).first():
        _remember(key)
        return links
    db.session.commit()  # end the read transaction before taking the write lock
    with write_intent():
        record_impression(order_id=ids[0], ticket_id=ids[1], page=page, locale=locale, links=links,
                          rating_stars=stars, marketplace=marketplace)
        db.session.commit()
    _remember(key)
    return links


_SEEN = "review_links_recorded"


def _remember(key: str) -> None:
    from flask import has_request_context

    if has_request_context():
        short = key[:16]  # enough to tell this browser's recent impressions apart
        session[_SEEN] = [*[k for k in session.get(_SEEN, ()) if k != short][-7:], short]
