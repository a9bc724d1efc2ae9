"""The app's wiring: extensions, request rules, template helpers, every room's pages.

`create_app` calls `init_extensions` and `register_blueprints`; nothing else in
the portal attaches itself to the app. The extension points are all here:
the outbox's subscription to tickets' history, the template helpers the rooms
offer, and each room's blueprints. (Each room's background tasks are listed
for the consumer in `cli.TASK_MODULES`.)
"""

from __future__ import annotations

from flask import Flask, g, request
from flask_babel import get_locale
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import (
    cli,
    models,  # noqa: F401  (every table in the metadata, the append-only guard)
)
from portal.api.views import bp as api
from portal.auth.services import load_for_session
from portal.auth.views import bp as auth
from portal.brand.views import bp as brand
from portal.compliance.views import bp as compliance
from portal.core import database, settings_cache
from portal.core.extensions import babel, csrf, db, login
from portal.core.languages import LANGUAGE_NAMES, direction
from portal.core.text import MESSAGE_MAX
from portal.feedback.views import bp as feedback
from portal.goodwill.customer_views import bp as goodwill_customer
from portal.goodwill.staff_views import bp as goodwill
from portal.hotline.views import bp as hotline
from portal.hotline.views import staff_bp as hotline_staff
from portal.notify import subscriptions
from portal.orders.code_views import bp as code
from portal.orders.import_views import bp as imports
from portal.photos.storage import init_store
from portal.photos.views import bp as photos
from portal.printing.sample_views import bp as card_sample
from portal.printing.views import bp as printing
from portal.queue.canned_views import bp as canned
from portal.queue.desk_views import bp as desk
from portal.queue.views import bp as queue
from portal.reviews.views import bp as reviews
from portal.routing.admin_views import bp as routing_admin
from portal.routing.categories import category_label
from portal.tickets.labels import status_label
from portal.web import ratelimit, security_headers
from portal.web.error_pages import register_error_handlers
from portal.web.formats import ltr, num, time_tag, when
from portal.web.locale import language_return_path, select_locale
from portal.web.log_redaction import install_redaction
from portal.webhooks.views import bp as webhooks

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
BLUEPRINTS = (feedback, auth, queue, desk, photos, compliance, goodwill, goodwill_customer, reviews,
              printing, card_sample, brand, hotline, hotline_staff, routing_admin, canned, code,
              imports, webhooks, api)


def init_extensions(app: Flask) -> None:
    db.init_app(app)
    csrf.init_app(app)
    ratelimit.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    security_headers.init_app(app)
    settings_cache.init_app(app)
    if app.config["PROXY_HOPS"]:
        # Rate limits and logs need the client's address, not the balancer's.
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    login.init_app(app)
    login.login_view = "auth.login"
    login.session_protection = "strong"
    login.user_loader(load_for_session)
    init_store(app)
    register_error_handlers(app)
    # The outbox listens to tickets' history: the one place where events become emails.
    subscriptions.connect()
    install_redaction()

    @app.before_request
    def _declare_write_intent():
        # SQLite: a request that may write takes the write lock when it begins.
        g._write_token = database.set_write_intent(request.method in UNSAFE_METHODS)

    @app.teardown_request
    def _reset_write_intent(exc):
        token = g.pop("_write_token", None)
        if token is not None:
            database.reset_write_intent(token)

    @app.after_request
    def _no_store_for_private_pages(response):
        if request.endpoint and not request.endpoint.startswith("static"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.jinja_env.filters.update(ltr=ltr, num=num, when=when, time_tag=time_tag)
    app.jinja_env.globals.update(status_label=status_label, category_label=category_label,
                                 message_max=MESSAGE_MAX, language_names=LANGUAGE_NAMES)

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
    """Every room's pages, and the `portal` commands."""
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    cli.register(app)
