"""Safe response headers: a strict CSP (no inline code), no referrer, no framing.

The header set is computed once per app; the scan page is the hot path and a
per-response policy builder showed up in its profile.
"""

from __future__ import annotations

from flask import Flask

CSP = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self'",
    "script-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "object-src": "'none'",
}


def build_headers(production: bool) -> dict[str, str]:
    headers = {
        "Content-Security-Policy": "; ".join(f"{k} {v}" for k, v in CSP.items()),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), browsing-topics=()",
    }
    if production:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return headers


def init_app(app: Flask) -> None:
    headers = build_headers(app.config["PORTAL_ENV"] == "production")

    @app.after_request
    def _set_security_headers(response):
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response
