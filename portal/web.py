"""Wiring of the web layer: extensions, headers, locale, blueprints."""

from __future__ import annotations

from flask import Flask, g, has_request_context, request, session
from flask_babel import get_locale

from portal import database, ratelimit, security_headers, settings_cache
from portal.config import RTL_LOCALES
from portal.errors import register_error_handlers
from portal.extensions import babel, csrf, db, login
from portal.logging_redaction import install_redaction

LOCALE_COOKIE = "portal_lang"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

def select_locale() -> str:
    supported = ("en", "fa", "hy", "ro")
    if not has_request_context():
        return "en"
    # The switcher's choice wins: this visit's session, then the long-lived cookie.
    for chosen in (session.get("locale"), request.cookies.get(LOCALE_COOKIE)):
        if chosen in supported:
            return chosen
    order_locale = g.get("order_locale")
    if order_locale:
        short = order_locale.replace("_", "-").split("-")[0].lower()
        if short in supported:
            return short
    return request.accept_languages.best_match(supported) or "en"


def init_extensions(app: Flask) -> None:
    db.init_app(app)
    csrf.init_app(app)
    ratelimit.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    security_headers.init_app(app)
    settings_cache.init_app(app)
    if app.config["PROXY_HOPS"]:
        # Rate limits and logs need the client's address, not the balancer's.
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    login.init_app(app)
    login.login_view = "auth.login"
    login.session_protection = "strong"

    from portal.auth.services import load_for_session

    login.user_loader(load_for_session)
    from portal.photos.storage import init_store

    init_store(app)
    register_error_handlers(app)
    install_redaction()

    @app.before_request
    def _declare_write_intent():
        # SQLite: a request that may write takes the write lock when it begins.
        g._write_token = database.set_write_intent(request.method in UNSAFE_METHODS)

    @app.teardown_request
    def _reset_write_intent(exc):
        token = g.pop("_write_token", None)
        if token is not None:
            database._write_intent.reset(token)

    @app.after_request
    def _no_store_for_private_pages(response):
        if request.endpoint and not request.endpoint.startswith("static"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    from portal.feedback.formats import num, time_tag, when
    from portal.feedback.labels import category_label, ltr, status_label

    app.jinja_env.filters["ltr"] = ltr
    app.jinja_env.filters.update(num=num, when=when, time_tag=time_tag)
    app.jinja_env.globals.update(status_label=status_label, category_label=category_label)

    @app.context_processor
    def _layout_context():
        locale = str(get_locale() or "en")
        return {
            "current_locale": locale,
            "text_direction": "rtl" if locale in RTL_LOCALES else "ltr",
            "brand_name": app.config["BRAND_NAME"],
            "language_return_path": _language_return_path(),
        }


# Paths that carry a secret: never echoed back into a page.
_SECRET_ENDPOINTS = frozenset({"feedback.scan", "feedback.ticket_link"})


def _language_return_path() -> str:
    """Where the language switcher returns to: the current page, unless it is secret or an error."""
    if not has_request_context():  # emails and jobs render templates too
        return "/"
    if request.method != "GET" or request.endpoint in _SECRET_ENDPOINTS or request.routing_exception:
        return "/"
    return request.full_path.rstrip("?")


def register_blueprints(app: Flask) -> None:
    from portal import cli
    from portal.auth.views import bp as auth_bp
    from portal.feedback.views import bp as feedback_bp
    from portal.queue.views import bp as queue_bp

    app.register_blueprint(feedback_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(queue_bp)
    from portal.photos.views import bp as photos_bp

    app.register_blueprint(photos_bp)
    from portal.compliance.views import bp as compliance_bp
    from portal.goodwill.customer_views import bp as goodwill_customer_bp
    from portal.goodwill.staff_views import bp as goodwill_bp
    from portal.reviews.views import bp as reviews_bp

    for blueprint in (compliance_bp, goodwill_bp, goodwill_customer_bp, reviews_bp):
        app.register_blueprint(blueprint)
    from portal.brand.views import bp as brand_bp
    from portal.printing.views import bp as printing_bp

    app.register_blueprint(printing_bp)
    app.register_blueprint(brand_bp)
    from portal.hotline.views import bp as hotline_bp
    from portal.hotline.views import staff_bp as hotline_staff_bp
    from portal.routing.admin_views import bp as routing_admin_bp

    for blueprint in (hotline_bp, hotline_staff_bp, routing_admin_bp):
        app.register_blueprint(blueprint)
    from portal.api.views import bp as api_bp
    from portal.orders.code_views import bp as code_bp
    from portal.orders.import_views import bp as imports_bp
    from portal.webhooks.views import bp as webhooks_bp

    for blueprint in (code_bp, imports_bp, webhooks_bp, api_bp):
        app.register_blueprint(blueprint)
    cli.register(app)

    # Importing the models registers them with the metadata (and the guards).
    from portal import models  # noqa: F401
