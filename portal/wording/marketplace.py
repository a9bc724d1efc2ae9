"""Shop-wide compliance switches, stored in the database, defaulting to configuration."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from portal.core.database import utcnow
from portal.core.errors import ValidationFailed
from portal.core.extensions import db
from portal.core.settings_cache import cached
from portal.wording.models import ComplianceSetting

MARKETPLACE_KEY = "marketplace"
# Marketplaces whose rules forbid sending buyers to review elsewhere.
MARKETPLACES = ("amazon", "ebay", "etsy", "emag")


def marketplace_mode() -> str | None:
    """The marketplace the shop sells on under its rules, or None for an independent shop."""
    return cached(MARKETPLACE_KEY, _load_marketplace_mode)


def _load_marketplace_mode() -> str | None:
    value = db.session.scalar(
        select(ComplianceSetting.value).where(ComplianceSetting.key == MARKETPLACE_KEY)
    )
    if value is None:
        value = current_app.config.get("MARKETPLACE_MODE") or ""
    return value or None


def set_marketplace_mode(value: str | None, staff_id: int | None) -> str | None:
    value = (value or "").strip().lower()
    if value and value not in MARKETPLACES:
        raise ValidationFailed(f"marketplace must be one of: {', '.join(MARKETPLACES)}")
    setting = db.session.scalar(
        select(ComplianceSetting).where(ComplianceSetting.key == MARKETPLACE_KEY)
    )
    if setting is None:
        setting = ComplianceSetting(key=MARKETPLACE_KEY)
        db.session.add(setting)
    setting.value = value
    setting.updated_by_id = staff_id
    setting.updated_at = utcnow()
    db.session.flush()
    return value or None
