"""The customer's short session: which order and tickets this browser may see.

A scan or a secret link is traded for these session entries, then the browser
is sent to a token-free URL. Entries expire after CUSTOMER_SESSION_HOURS. Only
ids live here; the orders and tickets rooms load the rows and apply the rule
(`orders.customer`, `tickets.customer`).
"""

from __future__ import annotations

import time

from flask import current_app, session


def _fresh(bound_at) -> bool:
    ttl = current_app.config["CUSTOMER_SESSION_HOURS"] * 3600
    return isinstance(bound_at, int | float) and time.time() - bound_at < ttl


def bind_order_id(order_id: int) -> None:
    session["order_id"] = order_id
    session["order_bound_at"] = int(time.time())


def bound_order_id() -> int | None:
    """The order this browser may see (None when unbound or expired)."""
    if not _fresh(session.get("order_bound_at")):
        return None
    return session.get("order_id")


def bind_ticket_id(ticket_id: int) -> None:
    allowed = [t for t in session.get("ticket_ids", []) if t != ticket_id][-19:]
    session["ticket_ids"] = [*allowed, ticket_id]
    session["tickets_bound_at"] = int(time.time())


def may_see_ticket(ticket_id: int, order_id: int) -> bool:
    """Object-level rule: the ticket's secret link was used here, or its order is bound."""
    via_link = ticket_id in session.get("ticket_ids", []) and _fresh(session.get("tickets_bound_at"))
    return via_link or bound_order_id() == order_id


def remember_link(ticket_id: int, secret: str) -> None:
    links = dict(session.get("ticket_links", {}))
    links[str(ticket_id)] = secret
    session["ticket_links"] = dict(list(links.items())[-5:])


def remembered_link(ticket_id: int) -> str | None:
    return session.get("ticket_links", {}).get(str(ticket_id))


# Review-link impressions this browser already had recorded today: the order page skips the
# lookup for them (it is the product's hot path). 16 hex digits tell recent ones apart.
_SEEN = "review_links_recorded"


def impression_seen(key: str) -> bool:
    return key[:16] in session.get(_SEEN, ())


def remember_impression(key: str) -> None:
    short = key[:16]
    session[_SEEN] = [*[k for k in session.get(_SEEN, ()) if k != short][-7:], short]
