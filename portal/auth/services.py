"""Staff accounts: create, authenticate, load for a session."""

from __future__ import annotations

import functools
import secrets

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from portal.auth.models import Role, StaffUser
from portal.core.errors import Conflict, ValidationFailed
from portal.core.extensions import db

MIN_PASSWORD = 10
@functools.cache
def _dummy_hash() -> str:
    """Compared against when the email is unknown, so both paths cost the same."""
    return generate_password_hash("not-a-real-password")


def normalise_email(raw: str) -> str:
    try:
        return validate_email(raw, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ValidationFailed(f"not a valid email address: {exc}") from exc


def create_staff(email: str, name: str, role: str, password: str) -> StaffUser:
    email = normalise_email(email)
    try:
        role_value = Role(role)
    except ValueError as exc:
        raise ValidationFailed(f"role must be one of: {', '.join(r.value for r in Role)}") from exc
    if len(password) < MIN_PASSWORD:
        raise ValidationFailed(f"password must have at least {MIN_PASSWORD} characters")
    if db.session.scalar(select(StaffUser.id).where(func.lower(StaffUser.email) == email)):
        raise Conflict(f"a staff account for {email} already exists")
    user = StaffUser(
        email=email,
        name=(name or email.split("@")[0]).strip()[:120],
        role=role_value,
        password_hash=generate_password_hash(password),
        session_nonce=secrets.token_hex(8),
    )
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> StaffUser | None:
    user = db.session.scalar(
        select(StaffUser).where(func.lower(StaffUser.email) == (email or "").strip().lower())
    )
    if user is None:
        check_password_hash(_dummy_hash(), password or "")
        return None
    if not check_password_hash(user.password_hash, password or "") or not user.active:
        return None
    return user


def load_for_session(session_id: str) -> StaffUser | None:
    user_id, _, nonce = (session_id or "").partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(StaffUser, int(user_id))
    if user is None or not secrets.compare_digest(user.session_nonce, nonce):
        return None
    return user


def active_staff() -> list[StaffUser]:
    return list(db.session.scalars(select(StaffUser).where(StaffUser.active).order_by(StaffUser.name)))
