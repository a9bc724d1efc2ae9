"""The customer pages' review links, recorded as shown (the compliance evidence).

A GET that writes: the one place the customer pages do, on purpose and in the
open. The impression is committed in its own short write transaction
(`write_on_get`), once per order, page, rating and day.
"""

from __future__ import annotations

from portal.compliance import impressions
from portal.web import customer_session
from portal.web.unit_of_work import write_on_get


def show_review_links(page: str, **which) -> list[dict]:
    """The links to render on `page` (for `order=` or `ticket=`), recorded as shown."""
    impression = impressions.to_show(page, **which)
    key = impression.key
    if not customer_session.impression_seen(key):
        if not impressions.is_recorded(impression, key):
            with write_on_get():
                impressions.record(impression)
        customer_session.remember_impression(key)
    return impression.links
