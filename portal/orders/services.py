"""Order intake and scan-token lookup."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select

from portal.core import tokens
from portal.core.errors import ValidationFailed
from portal.core.extensions import db
from portal.orders.models import Order, Rating

SCAN_PURPOSE = "scan"


def scan_token(order: Order, key: str) -> str:
    return tokens.derive_token(key, SCAN_PURPOSE, order.token_nonce)


def short_code(order: Order, key: str) -> str:
    return tokens.derive_code(key, order.token_nonce)


def scan_url(order: Order, key: str, base_url: str) -> str:
    return f"{base_url}/o/{scan_token(order, key)}"


def token_values(key: str, nonce: str) -> tuple[str, str, str]:
    """What an order stores of its tokens: the nonce, and the digests of the scan token
    and of the typed code derived from it (the raw token itself is never stored)."""
    return (nonce, tokens.digest(tokens.derive_token(key, SCAN_PURPOSE, nonce)),
            tokens.digest(tokens.derive_code(key, nonce)))


def create_order(
    *,
    key: str,
    number: str,
    customer_name: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    locale: str | None = None,
    country: str | None = None,
    items: list | None = None,
    ordered_at: datetime | None = None,
    source: str = "manual",
    external_id: str | None = None,
) -> Order:
    number = (number or "").strip()
    if not number or len(number) > 64:
        raise ValidationFailed("order number is required (at most 64 characters)")
    nonce, token_digest, code_digest = token_values(key, tokens.new_nonce())
    # 40-bit typed codes can collide; draw a fresh nonce in that rare case.
    while db.session.scalar(select(Order.id).where(Order.code_digest == code_digest)):
        nonce, token_digest, code_digest = token_values(key, tokens.new_nonce())
    order = Order(
        number=number,
        customer_name=customer_name,
        email=email,
        phone=phone,
        locale=locale,
        country=country,
        items=items or [],
        ordered_at=ordered_at,
        source=source,
        external_id=external_id,
        token_nonce=nonce,
        token_digest=token_digest,
        code_digest=code_digest,
    )
    db.session.add(order)
    db.session.flush()
    return order


# The scan's lookup, built once (the hot path of the product).
_ID_BY_DIGEST = select(Order.id, Order.token_digest).where(Order.token_digest == bindparam("digest"))


def order_id_for_token(token: str) -> int | None:
    """The scan's hot path: just the id, without loading the order."""
    if not tokens.well_formed(token):
        return None
    row = db.session.execute(_ID_BY_DIGEST, {"digest": tokens.digest(token)}).first()
    if row is None or not tokens.matches(token, row.token_digest):
        return None
    return row.id


def find_by_code(typed: str) -> Order | None:
    code = tokens.normalise_code(typed)
    if len(code) != tokens.CODE_LENGTH or set(code) - set(tokens.CODE_ALPHABET):
        return None
    return db.session.scalar(select(Order).where(Order.code_digest == tokens.digest(code)))


def record_rating(order: Order, stars: int) -> Rating:
    if stars not in range(1, 6):
        raise ValidationFailed("a rating is 1 to 5 stars")
    rating = Rating(order=order, stars=stars)
    db.session.add(rating)
    db.session.flush()
    return rating


def latest_rating(order: Order) -> Rating | None:
    return db.session.scalar(
        select(Rating).where(Rating.order_id == order.id).order_by(Rating.id.desc()).limit(1)
    )
