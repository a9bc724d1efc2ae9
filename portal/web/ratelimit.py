"""Rate limits for the few routes that need them (scan, typed code, login, report).

Built on the `limits` library (memory by default, Redis or others by
PORTAL_RATELIMIT_STORAGE_URI). Only decorated routes pay for a check: the
scan page is the hottest path of the product, and a global per-request hook
measurably slowed it.
"""

from __future__ import annotations

import functools
import math
import time

from flask import Flask, current_app, request
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

EXTENSION = "portal_ratelimit"


def init_app(app: Flask) -> None:
    storage = storage_from_string(app.config["RATELIMIT_STORAGE_URI"])
    app.extensions[EXTENSION] = FixedWindowRateLimiter(storage)


@functools.lru_cache(maxsize=64)
def _parsed(text: str):
    return parse(text)


def limit(config_key: str, methods: tuple[str, ...] | None = None):
    """Limit a view per client address to the rate named by `config_key` (e.g. "30 per minute")."""

    def decorator(view):
        scope = view.__qualname__

        @functools.wraps(view)
        def limited(*args, **kwargs):
            app = current_app
            if app.config["RATELIMIT_ENABLED"] and (methods is None or request.method in methods):
                item = _parsed(app.config[config_key])
                limiter = app.extensions[EXTENSION]
                client = request.remote_addr or "unknown"
                if not limiter.hit(item, scope, client):
                    reset_at, _ = limiter.get_window_stats(item, scope, client)
                    raise TooManyRequests(retry_after=max(1, math.ceil(reset_at - time.time())))
            return view(*args, **kwargs)

        return limited

    return decorator
