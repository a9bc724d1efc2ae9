"""Which language a page speaks: the visitor's choice, else their order's, else the browser's."""

from __future__ import annotations

from flask import g, has_request_context, request, session

from portal.core.languages import SUPPORTED_LOCALES

LOCALE_COOKIE = "portal_lang"


def use_order_locale(locale: str | None) -> None:
    """The page shows an order or ticket: speak its language unless the visitor chose one."""
    g.order_locale = locale


def select_locale() -> str:
    if not has_request_context():
        return "en"
    # The switcher's choice wins: this visit's session, then the long-lived cookie.
    for chosen in (session.get("locale"), request.cookies.get(LOCALE_COOKIE)):
        if chosen in SUPPORTED_LOCALES:
            return chosen
    order_locale = g.get("order_locale")
    if order_locale:
        short = order_locale.replace("_", "-").split("-")[0].lower()
        if short in SUPPORTED_LOCALES:
            return short
    return request.accept_languages.best_match(SUPPORTED_LOCALES) or "en"


# Paths that carry a secret: never echoed back into a page.
_SECRET_ENDPOINTS = frozenset({"feedback.scan", "feedback.ticket_link"})


def language_return_path() -> str:
    """Where the language switcher returns to: the current page, unless it is secret or an error."""
    if not has_request_context():  # emails and jobs render templates too
        return "/"
    if request.method != "GET" or request.endpoint in _SECRET_ENDPOINTS or request.routing_exception:
        return "/"
    return request.full_path.rstrip("?")
