"""Which orders a print batch takes: not yet printed, a date range, hand-picked numbers.

Criteria combine (all must hold). Hand-picked numbers keep the order they
were given in, so a reprint of one card is just one number; everything else
prints in intake order.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, exists, func, select

from portal.core.errors import ValidationFailed
from portal.core.extensions import db
from portal.orders.models import Order
from portal.printing.models import HOLDS_ORDERS, PrintBatch, PrintBatchOrder

MAX_CARDS = 100_000
_CHUNK = 500  # bound parameters per IN (...) query


@dataclass
class Selection:
    unprinted: bool = False
    since: date | None = None
    until: date | None = None
    numbers: list[str] = field(default_factory=list)

    def describe(self) -> dict:
        data = asdict(self)
        data["since"] = self.since.isoformat() if self.since else None
        data["until"] = self.until.isoformat() if self.until else None
        if len(self.numbers) > 20:  # the record says how many, not a copy of the list
            data["numbers"] = self.numbers[:20] + [f"… {len(self.numbers) - 20} more"]
        return data

    @property
    def empty(self) -> bool:
        return not (self.unprinted or self.since or self.until or self.numbers)


def parse_numbers(text: str) -> list[str]:
    """Order numbers separated by commas or new lines; duplicates dropped. Spaces are kept
    (numbers such as "SO 1001" have them): `order_ids` splits at spaces what is not a number."""
    seen, numbers = set(), []
    for raw in (text or "").replace(",", "\n").splitlines():
        raw = " ".join(raw.split())
        if raw and raw not in seen:
            seen.add(raw)
            numbers.append(raw)
    return numbers


def _ids_by_number(numbers: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(numbers), _CHUNK):
        chunk = numbers[start:start + _CHUNK]
        found.update(dict(db.session.execute(
            select(Order.number, Order.id).where(Order.number.in_(chunk))).all()))
    return found


def _resolve(numbers: list[str]) -> tuple[list[str], dict[str, int]]:
    """The numbers as orders have them: an entry that is no order number but holds spaces is
    several numbers ("A-1 A-2"), kept in their place."""
    found = _ids_by_number(numbers)
    words = [w for n in numbers if n not in found and " " in n for w in n.split()]
    if not words:
        return numbers, found
    found.update(_ids_by_number(words))
    resolved, seen = [], set()
    for n in numbers:
        for part in [n] if n in found or " " not in n else n.split():
            if part not in seen:
                seen.add(part)
                resolved.append(part)
    return resolved, found


def _printed():
    return exists().where(
        PrintBatchOrder.order_id == Order.id,
        PrintBatchOrder.batch_id == PrintBatch.id,
        PrintBatch.status.in_(HOLDS_ORDERS),
    )


def _filters(selection: Selection) -> list:
    filters = []
    when = func.coalesce(Order.ordered_at, Order.created_at)
    if selection.since:
        filters.append(when >= datetime.combine(selection.since, time.min, UTC))
    if selection.until:
        filters.append(when < datetime.combine(selection.until + timedelta(days=1), time.min, UTC))
    if selection.unprinted:
        filters.append(~_printed())
    return filters


def order_ids(selection: Selection) -> list[int]:
    """The chosen orders' ids in print order; unknown numbers are an error, named."""
    if selection.empty:
        raise ValidationFailed("choose what to print: not yet printed, a date range or numbers")
    if selection.since and selection.until and selection.since > selection.until:
        raise ValidationFailed("the date range ends before it starts")
    filters = _filters(selection)
    if not selection.numbers:
        query = select(Order.id).where(and_(*filters)) if filters else select(Order.id)
        ids = list(db.session.scalars(query.order_by(Order.id).limit(MAX_CARDS + 1)))
    else:
        numbers, found = _resolve(selection.numbers)
        missing = [n for n in numbers if n not in found]
        if missing:
            shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
            raise ValidationFailed(f"no order with number {shown}")
        ids = [found[n] for n in numbers]
        if filters:
            allowed = set()
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start:start + _CHUNK]
                allowed.update(db.session.scalars(
                    select(Order.id).where(Order.id.in_(chunk), *filters)))
            ids = [i for i in ids if i in allowed]
    if len(ids) > MAX_CARDS:
        raise ValidationFailed(f"at most {MAX_CARDS} cards per batch; narrow the selection")
    if not ids:
        raise ValidationFailed("no orders match this selection")
    return ids
