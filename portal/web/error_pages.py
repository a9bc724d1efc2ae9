"""HTTP error pages: a page for people, JSON for the programs that call /api/ and /webhooks/."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

# Programs, not people, call these: they get JSON, and messages about the request, not the card,
# in the shape of each one's other answers.
MACHINE_PATHS = ("/api/", "/webhooks/")
_CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          413: "too_large", 429: "too_many_requests", 500: "server_error"}


def _machine_answer(code: int, message: str) -> dict:
    if request.path.startswith("/webhooks/"):
        return {"status": _CODES.get(code, "error"), "error": message}
    return {"error": _CODES.get(code, "error"), "message": message}


def register_error_handlers(app: Flask) -> None:
    def page(code: int, title: str, message: str, machine_message: str | None = None):
        if request.path.startswith(MACHINE_PATHS):
            return _machine_answer(code, machine_message or message), code
        if request.accept_mimetypes.best == "application/json":
            return {"error": title, "message": message}, code
        return render_template("errors/error.html", code=code, title=title, message=message), code

    @app.errorhandler(400)
    def bad_request(e):
        return page(400, _("Bad request"), _("The request could not be understood."))

    @app.errorhandler(CSRFError)
    def csrf_failed(e):
        return page(
            400,
            _("Form expired"),
            _("This form has expired or was sent from elsewhere. Please go back, reload, and try again."),
        )

    @app.errorhandler(403)
    def forbidden(e):
        return page(403, _("Not allowed"), _("You do not have access to this page."))

    @app.errorhandler(404)
    def not_found(e):
        return page(
            404,
            _("Page not found"),
            _("This link is not valid. Please check the code on your card, or contact us."),
            f"There is nothing at {request.path}: check the address.",
        )

    @app.errorhandler(405)
    def wrong_method(e):
        allowed = [(k, v) for k, v in e.get_headers() if k == "Allow"] if hasattr(e, "get_headers") else []
        body, code = page(405, _("Not allowed here"), _("This page cannot be used that way."),
                          f"{request.method} is not allowed at {request.path}.")
        return body, code, allowed

    @app.errorhandler(413)
    def too_large(e):
        return page(413, _("Too large"), _("What you sent is too large."))

    @app.errorhandler(429)
    def too_many(e):
        body, code = page(429, _("Too many requests"), _("Please wait a minute and try again."))
        retry = [(k, v) for k, v in e.get_headers() if k == "Retry-After"] if hasattr(e, "get_headers") else []
        return body, code, retry or [("Retry-After", "60")]

    @app.errorhandler(500)
    def server_error(e):
        return page(500, _("Something went wrong"), _("Nothing you sent was lost. Please try again."))
