"""API keys: 128 random bits, shown once, stored as a SHA-256 digest.

A key looks like `pk_<22 characters>`; the prefix `pk_` makes a leaked key
easy to recognise in a code scanner. Lookup is by digest (indexed), compared
in constant time, like scan tokens.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.api.models import ApiKey
from portal.core import tokens
from portal.core.database import utcnow
from portal.core.errors import NotAllowed, ValidationFailed
from portal.core.extensions import db

PREFIX = "pk_"


def create_key(name: str) -> tuple[ApiKey, str]:
    """The new key row and the secret, which is never stored and cannot be shown again."""
    name = (name or "").strip()
    if not name or len(name) > 80:
        raise ValidationFailed("an API key needs a name of at most 80 characters")
    secret = PREFIX + tokens.new_token()
    key = ApiKey(name=name, prefix=secret[:7], key_digest=tokens.digest(secret))
    db.session.add(key)
    db.session.flush()
    return key, secret


def authenticate(secret: str) -> ApiKey | None:
    """The active key for this secret, or None (unknown, malformed and revoked alike)."""
    if not secret.startswith(PREFIX) or not tokens.well_formed(secret[len(PREFIX):]):
        return None
    key = db.session.scalar(select(ApiKey).where(ApiKey.key_digest == tokens.digest(secret)))
    if key is None or key.revoked_at is not None or not tokens.matches(secret, key.key_digest):
        return None
    return key


def revoke_key(key_id: int) -> ApiKey:
    key = db.session.get(ApiKey, key_id)
    if key is None:
        raise ValidationFailed(f"no API key with id {key_id}")
    if key.revoked_at is not None:
        raise NotAllowed(f"API key {key_id} ({key.name}) is already revoked")
    key.revoked_at = utcnow()
    db.session.flush()
    return key


def list_keys() -> list[ApiKey]:
    return list(db.session.scalars(select(ApiKey).order_by(ApiKey.id)))
