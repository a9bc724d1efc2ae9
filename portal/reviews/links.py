"""Public review links. Shown to every customer, whatever they rated.

The links come from the shop owner's table (`services.links_for`), per platform
and language; without any stored link, from the REVIEW_LINKS configuration. In
marketplace mode only the marketplace's own review pages are shown. Nothing
here knows the customer or their rating, by design.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import get_locale

from portal.reviews.services import allowed_in_marketplace, links_for
from portal.wording.marketplace import marketplace_mode


def review_links(locale: str | None = None) -> list[dict]:
    locale = locale or str(get_locale() or "en")
    marketplace = marketplace_mode()
    stored = links_for(locale, marketplace)
    if stored is not None:
        return stored
    links = []
    for entry in current_app.config["REVIEW_LINKS"]:
        url = str(entry.get("url", ""))
        if url.startswith("https://") and allowed_in_marketplace(url, marketplace):
            links.append({"platform": str(entry.get("platform", entry.get("name", ""))).lower(),
                          "name": str(entry.get("name", url)), "url": url})
    return links
