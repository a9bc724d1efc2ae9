"""Review links: edit them, and choose the ones a page shows.

Which links a page shows depends on the language and the marketplace mode,
never on the customer or their rating: `links_for` takes neither.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy import select

from portal.core.database import utcnow
from portal.core.errors import Conflict, ValidationFailed
from portal.core.extensions import db
from portal.core.languages import SUPPORTED_LOCALES
from portal.core.settings_cache import cached
from portal.reviews.models import ANY_LOCALE, ReviewLink

LOCALES = (ANY_LOCALE, *SUPPORTED_LOCALES)
# The review pages a marketplace allows a seller to point to (its own).
MARKETPLACE_HOSTS = {
    "amazon": ("amazon.",), "ebay": ("ebay.",), "etsy": ("etsy.com",), "emag": ("emag.",),
}


def _clean(platform: str, locale: str, name: str, url: str) -> tuple[str, str, str, str]:
    platform = (platform or "").strip().lower()
    if not platform or len(platform) > 40 or not platform.replace("-", "").isalnum():
        raise ValidationFailed("platform: letters, digits and dashes, at most 40")
    locale = (locale or ANY_LOCALE).strip()
    if locale not in LOCALES:
        raise ValidationFailed(f"language must be one of: {', '.join(LOCALES)}")
    name = (name or "").strip()
    if not name or len(name) > 80:
        raise ValidationFailed("name is required (at most 80 characters)")
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc or len(url) > 500:
        raise ValidationFailed("the link must be an https:// address (at most 500 characters)")
    return platform, locale, name, url


def add_link(*, platform: str, locale: str, name: str, url: str, position: int = 0) -> ReviewLink:
    platform, locale, name, url = _clean(platform, locale, name, url)
    if db.session.scalar(select(ReviewLink.id).where(ReviewLink.platform == platform,
                                                     ReviewLink.locale == locale)):
        raise Conflict(f"there is already a {platform} link for language {locale}; edit it")
    link = ReviewLink(platform=platform, locale=locale, name=name, url=url, position=position)
    db.session.add(link)
    db.session.flush()
    return link


def update_link(link: ReviewLink, *, name: str, url: str, position: int, active: bool) -> ReviewLink:
    _, _, link.name, link.url = _clean(link.platform, link.locale, name, url)
    link.position = position
    link.active = active
    link.updated_at = utcnow()
    db.session.flush()
    return link


def all_links() -> list[ReviewLink]:
    return list(db.session.scalars(
        select(ReviewLink).order_by(ReviewLink.position, ReviewLink.platform, ReviewLink.locale)
    ))


def allowed_in_marketplace(url: str, marketplace: str | None) -> bool:
    if not marketplace:
        return True
    host = urlsplit(url).netloc.lower()
    return any(mark in host for mark in MARKETPLACE_HOSTS.get(marketplace, ()))


def links_for(locale: str | None, marketplace: str | None) -> list[dict] | None:
    """Active links for a language: its own per platform, else the platform's "*" link.

    None when no link is stored at all, so the caller can fall back to configuration.
    """
    found = cached(("review_links", locale, marketplace), lambda: _load_links(locale, marketplace))
    return None if found is None else [dict(link) for link in found]


def _load_links(locale: str | None, marketplace: str | None) -> list[dict] | None:
    rows = list(db.session.scalars(
        select(ReviewLink).where(ReviewLink.locale.in_([locale or "en", ANY_LOCALE]))
        .order_by(ReviewLink.position, ReviewLink.platform)
    ))
    if not rows and not db.session.scalar(select(ReviewLink.id).limit(1)):
        return None
    chosen: dict[str, ReviewLink] = {}
    for row in rows:
        if row.locale != ANY_LOCALE or row.platform not in chosen:
            chosen[row.platform] = row
    return [
        {"platform": r.platform, "name": r.name, "url": r.url}
        for r in sorted(chosen.values(), key=lambda r: (r.position, r.platform))
        if r.active and allowed_in_marketplace(r.url, marketplace)
    ]
