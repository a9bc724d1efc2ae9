"""Values as staff type them (15 %, 10.50 EUR) and as they are stored (15, 1050)."""

from __future__ import annotations

from decimal import Decimal

from portal.goodwill.models import GestureKind


def to_stored(kind: GestureKind, typed: Decimal | None) -> int:
    if typed is None:
        return 0
    if kind.is_money or kind is GestureKind.FREE_ITEM:
        return int((typed * 100).to_integral_value())
    return int(typed)


def to_typed(kind: GestureKind, stored: int) -> Decimal:
    if kind.is_money or kind is GestureKind.FREE_ITEM:
        return Decimal(stored) / 100
    return Decimal(stored)
