"""Coupon codes: unguessable, unique, never stored in the clear, redeemed once.

A code is HMAC(TOKEN_KEY, "coupon:" + nonce), 80 bits written as 16 Crockford
base32 characters. The database keeps the random nonce and the code's SHA-256
digest: a copy of the database alone reveals no code (the key lives in the
configuration), yet the customer's ticket page can show the code again at any
time by deriving it. Redemption is one conditional UPDATE, so two clicks (or
two tills) racing for the same code redeem it once.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from portal.core import tokens
from portal.core.database import utcnow
from portal.core.errors import Conflict, ValidationFailed
from portal.core.extensions import db
from portal.goodwill.models import Coupon, Offer

CODE_CHARS = 16  # 80 bits
PREFIX = "GW"


def derive_code(key: str, nonce_hex: str) -> str:
    mac = hmac.new(key.encode(), f"coupon:{nonce_hex}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(mac[:10], "big")
    chars = []
    for _ in range(CODE_CHARS):
        number, rest = divmod(number, 32)
        chars.append(tokens.CODE_ALPHABET[rest])
    raw = "".join(chars)
    return PREFIX + "-" + "-".join(raw[i:i + 4] for i in range(0, CODE_CHARS, 4))


def _canonical(code: str) -> str | None:
    cleaned = tokens.normalise_code(code)
    if len(cleaned) == CODE_CHARS + len(PREFIX) and cleaned.startswith(PREFIX):
        cleaned = cleaned[len(PREFIX):]
    if len(cleaned) != CODE_CHARS or set(cleaned) - set(tokens.CODE_ALPHABET):
        return None
    return cleaned


def digest_code(code: str) -> str | None:
    cleaned = _canonical(code)
    return hashlib.sha256(cleaned.encode()).hexdigest() if cleaned else None


def issue(offer: Offer, key: str, now: datetime | None = None) -> Coupon:
    """The coupon for an accepted offer; a fresh nonce in the (astronomical) case of a clash."""
    now = now or utcnow()
    for _ in range(5):
        nonce = tokens.new_nonce()
        coupon = Coupon(offer_id=offer.id, code_nonce=nonce,
                        code_digest=digest_code(derive_code(key, nonce)), issued_at=now,
                        expires_at=now + timedelta(days=offer.validity_days))
        try:
            with db.session.begin_nested():
                db.session.add(coupon)
                db.session.flush()
        except IntegrityError:
            if db.session.scalar(select(Coupon.id).where(Coupon.offer_id == offer.id)):
                raise Conflict("this offer already has its coupon") from None
            continue
        return coupon
    raise Conflict("could not issue a unique coupon code; try again")


def code_for(coupon: Coupon, key: str) -> str:
    return derive_code(key, coupon.code_nonce)


def find(code: str) -> Coupon | None:
    digest = digest_code(code)
    if digest is None:
        return None
    return db.session.scalar(select(Coupon).where(Coupon.code_digest == digest))


def redeem(code: str, ref: str = "") -> Coupon:
    """Mark a code used, once. Unknown, expired and used codes are refused with the reason."""
    digest = digest_code(code)
    if digest is None:
        raise ValidationFailed("this is not a coupon code of ours")
    now = utcnow()
    result = db.session.execute(
        update(Coupon)
        .where(Coupon.code_digest == digest, Coupon.redeemed_at.is_(None), Coupon.expires_at > now)
        .values(redeemed_at=now, redeemed_ref=(ref or "")[:200])
        .execution_options(synchronize_session=False)
    )
    coupon = db.session.scalar(select(Coupon).where(Coupon.code_digest == digest)
                               .execution_options(populate_existing=True))
    if coupon is None:
        raise ValidationFailed("this is not a coupon code of ours")
    if result.rowcount != 1:
        if coupon.redeemed_at is not None:
            raise Conflict(f"this code was already redeemed on {coupon.redeemed_at:%Y-%m-%d %H:%M} UTC")
        raise Conflict(f"this code expired on {coupon.expires_at:%Y-%m-%d}")
    return coupon
