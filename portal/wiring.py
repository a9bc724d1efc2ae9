"""Wiring of the web layer: extensions, headers, locale, blueprints."""

from __future__ import annotations

from flask import Flask, g, request
from flask_babel import get_locale

from portal.core import database, settings_cache
from portal.core.extensions import babel, csrf, db, login
from portal.core.languages import direction
from portal.web import ratelimit, security_headers
from portal.web.error_pages import register_error_handlers
from portal.web.locale import language_return_path, select_locale
from portal.web.log_redaction import install_redaction

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Each domain's background tasks and schedules; the consumer (`portal worker`) imports them all.
JOB_MODULES = ("portal.printing.jobs", "portal.tickets.periodic")


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

    from portal.feedback.labels import category_label, ltr, status_label
    from portal.web.formats import num, time_tag, when

    app.jinja_env.filters["ltr"] = ltr
    app.jinja_env.filters.update(num=num, when=when, time_tag=time_tag)
    app.jinja_env.globals.update(status_label=status_label, category_label=category_label)

    @app.context_processor
    def _layout_context():
        locale = str(get_locale() or "en")
        return {
            "current_locale": locale,
            "text_direction": direction(locale),
            "brand_name": app.config["BRAND_NAME"],
            "language_return_path": language_return_path(),
        }


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


def import_job_modules() -> None:
    """Register every domain's tasks with the queue (the consumer needs all of them)."""
    import importlib

    for name in JOB_MODULES:
        importlib.import_module(name)
