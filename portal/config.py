"""Configuration: safe defaults, overridden by PORTAL_* environment variables.

Only plain values live here. Anything that needs the app (engines, clients)
is built by the extensions from these values.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from portal.core.languages import SUPPORTED_LOCALES
from portal.core.paths import PROJECT_ROOT


class ConfigError(RuntimeError):
    """Raised when the configuration cannot run safely."""


def _env(name: str, default=None):
    return os.environ.get(f"PORTAL_{name}", default)


def _env_bool(name: str, default: bool) -> bool:
    raw = _env(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    raw = _env(name)
    return default if raw is None else int(raw)


def _read_or_none(path: Path) -> str | None:
    try:
        return path.read_text().strip() or None
    except OSError:
        return None


def load_config(instance_path: str, overrides: dict | None = None) -> dict:
    """Build the configuration mapping for one app instance."""
    instance = Path(instance_path)
    env = _env("ENV", "development")
    cfg: dict = {
        "PORTAL_ENV": env,
        "SQLALCHEMY_DATABASE_URI": _env("DATABASE_URL")
        or os.environ.get("DATABASE_URL")
        or f"sqlite:///{instance / 'portal.db'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SECRET_KEY": _env("SECRET_KEY") or _read_or_none(instance / "secret_key"),
        # Separate from SECRET_KEY so rotating sessions never breaks printed cards.
        "TOKEN_KEY": _env("TOKEN_KEY") or _read_or_none(instance / "token_key"),
        "BASE_URL": _env("BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        "BRAND_NAME": _env("BRAND_NAME", "Our shop"),
        "BUSINESS_TIMEZONE": _env("BUSINESS_TIMEZONE", "UTC"),
        "SLA_GOAL_MINUTES": _env_int("SLA_GOAL_MINUTES", 15),
        "SLA_LIMIT_MINUTES": _env_int("SLA_LIMIT_MINUTES", 60),
        "REVIEW_LINKS": json.loads(_env("REVIEW_LINKS", "[]")),
        "CUSTOMER_SESSION_HOURS": _env_int("CUSTOMER_SESSION_HOURS", 12),
        "MAIL_SERVER": _env("MAIL_SERVER"),
        "MAIL_PORT": _env_int("MAIL_PORT", 25),
        "MAIL_USE_STARTTLS": _env_bool("MAIL_USE_STARTTLS", False),
        "MAIL_USERNAME": _env("MAIL_USERNAME"),
        "MAIL_PASSWORD": _env("MAIL_PASSWORD"),
        "MAIL_SENDER": _env("MAIL_SENDER", "care@example.com"),
        "RATELIMIT_ENABLED": _env_bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": _env("RATELIMIT_STORAGE_URI", "memory://"),
        "RATE_LIMIT_SCAN": _env("RATE_LIMIT_SCAN", "30 per minute"),
        "RATE_LIMIT_LOGIN": _env("RATE_LIMIT_LOGIN", "10 per minute"),
        "RATE_LIMIT_REPORT": _env("RATE_LIMIT_REPORT", "20 per hour"),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": _env("BUSINESS_TIMEZONE", "UTC"),
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "portal" / "translations"),
        "SUPPORTED_LOCALES": SUPPORTED_LOCALES,
        "WTF_CSRF_TIME_LIMIT": None,  # tied to the session instead of a clock
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env == "production",
        "REMEMBER_COOKIE_SECURE": env == "production",
        # Room for a report with its photos; each photo is also checked on its own.
        # Behind a load balancer: how many proxies' X-Forwarded-* headers to trust (0 = none).
        "PROXY_HOPS": _env_int("PROXY_HOPS", 0),
        # How long another worker may serve old review links / calendar after an admin edit.
        "SETTINGS_CACHE_SECONDS": _env_int("SETTINGS_CACHE_SECONDS", 30),
        "MAX_CONTENT_LENGTH": _env_int("MAX_CONTENT_LENGTH", 40 * 1024 * 1024),
        "PHOTOS_PER_MESSAGE": _env_int("PHOTOS_PER_MESSAGE", 3),
        "PHOTO_MAX_BYTES": _env_int("PHOTO_MAX_BYTES", 12 * 1024 * 1024),
        "PHOTO_MAX_PIXELS": _env_int("PHOTO_MAX_PIXELS", 40_000_000),
        "PHOTO_MAX_SIDE": _env_int("PHOTO_MAX_SIDE", 2048),
        # Outside static/: photos are served only through the access-checked route.
        "PHOTO_STORAGE_DIR": _env("PHOTO_STORAGE_DIR"),
        # Persian dates: "persian" (Solar Hijri) or "gregorian"; digits are Persian either way.
        "FA_CALENDAR": _env("FA_CALENDAR", "persian"),
        # Insert cards: worker processes per batch, where PDFs are kept, the typed-code address.
        "PRINT_WORKERS": _env_int("PRINT_WORKERS", 2),
        "PRINT_STORAGE_DIR": _env("PRINT_STORAGE_DIR"),
        "CARD_FALLBACK_URL": _env("CARD_FALLBACK_URL"),
        # Staff workspace: follow-up policy, final offer, chat webhook.
        "FOLLOWUP_REMINDER_HOURS": _env("FOLLOWUP_REMINDER_HOURS", "24,72"),
        "CONFIRM_REMINDER_HOURS": _env("CONFIRM_REMINDER_HOURS", "48"),
        "AUTO_CLOSE_UNCONFIRMED_HOURS": _env_int("AUTO_CLOSE_UNCONFIRMED_HOURS", 168),
        "FINAL_OFFER_AFTER": _env_int("FINAL_OFFER_AFTER", 2),
        "STAFF_WEBHOOK_URL": _env("STAFF_WEBHOOK_URL"),
        "STAFF_WEBHOOK_SECRET": _env("STAFF_WEBHOOK_SECRET"),
        # Orders in: shop webhook secrets (HMAC keys), typed-code rate, CSV import limits.
        "SHOPIFY_WEBHOOK_SECRET": _env("SHOPIFY_WEBHOOK_SECRET"),
        "WOOCOMMERCE_WEBHOOK_SECRET": _env("WOOCOMMERCE_WEBHOOK_SECRET"),
        "WOOCOMMERCE_LOCALE_META_KEY": _env("WOOCOMMERCE_LOCALE_META_KEY", "wpml_language"),
        "RATE_LIMIT_CODE": _env("RATE_LIMIT_CODE", "10 per minute"),
        "IMPORT_MAX_BYTES": _env_int("IMPORT_MAX_BYTES", 100 * 1024 * 1024),
        "IMPORT_STORAGE_DIR": _env("IMPORT_STORAGE_DIR"),
    }
    if overrides:
        cfg.update(overrides)
    _finish(cfg)
    return cfg


def _finish(cfg: dict) -> None:
    production = cfg["PORTAL_ENV"] == "production"
    for key in ("SECRET_KEY", "TOKEN_KEY"):
        if cfg.get(key):
            continue
        if production:
            raise ConfigError(
                f"PORTAL_{key} must be set in production (a long random string); refusing to start."
            )
        # Development without `portal demo`: a per-process key works but does not
        # survive a restart. `portal demo` writes stable keys into the instance folder.
        cfg[key] = secrets.token_hex(32)
    if cfg["SLA_GOAL_MINUTES"] <= 0 or cfg["SLA_LIMIT_MINUTES"] < cfg["SLA_GOAL_MINUTES"]:
        raise ConfigError("SLA minutes must satisfy 0 < goal <= limit.")
    uri = cfg["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("postgres://"):
        uri = "postgresql://" + uri[len("postgres://"):]
    if uri.startswith("postgresql://"):
        uri = "postgresql+psycopg://" + uri[len("postgresql://"):]
    cfg["SQLALCHEMY_DATABASE_URI"] = uri
    if uri.startswith("sqlite"):
        # A local file cannot drop the connection: a ping per checkout is pure cost.
        cfg["SQLALCHEMY_ENGINE_OPTIONS"] = {**cfg["SQLALCHEMY_ENGINE_OPTIONS"], "pool_pre_ping": False}
