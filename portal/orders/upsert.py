"""Create or update orders in batches: the one write path of every intake channel.

An incoming order is matched first by (source, external id), then by order
number. A match whose fields are all equal is "unchanged", so re-importing a
file or replaying a webhook writes nothing. Fields an input leaves empty keep
their stored value: an export without a phone column never erases phones.

`write=False` plans the same outcomes without writing (the CSV check pass).
Rows are read and written column-wise, without ORM objects, so a 100,000-row
import does not fill the session. Services flush; the caller commits.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import insert, select, update

from portal import tokens
from portal.database import utcnow
from portal.extensions import db
from portal.orders.models import Order
from portal.orders.records import OrderRecord
from portal.orders.services import SCAN_PURPOSE

COMPARED = ("customer_name", "email", "phone", "locale", "country", "ordered_at", "items")
_TABLE = Order.__table__
# Table columns, not ORM attributes: plain rows, without the ORM's per-row loading work.
_COLUMNS = tuple(_TABLE.c[name] for name in ("id", "number", "source", "external_id", *COMPARED))


@dataclass(frozen=True)
class Outcome:
    kind: str  # created | updated | unchanged | rejected
    order_id: int | None = None
    reason: str | None = None


def token_fields(key: str) -> dict:
    """A fresh nonce and the digests of the scan token and typed code derived from it."""
    nonce = tokens.new_nonce()
    return {
        "token_nonce": nonce,
        "token_digest": tokens.digest(tokens.derive_token(key, SCAN_PURPOSE, nonce)),
        "code_digest": tokens.digest(tokens.derive_code(key, nonce)),
    }


def _changes(row, record: OrderRecord) -> dict:
    changes = {}
    for name in COMPARED:
        new = getattr(record, name)
        if new is None or (name == "items" and not new):
            continue
        if new != getattr(row, name):
            changes[name] = new
    if record.external_id and not row.external_id:
        changes["external_id"] = record.external_id
    if record.number != row.number:
        changes["number"] = record.number
    return changes


def _existing(records: list[OrderRecord], source: str):
    """Stored orders matching the batch: by external id first, then by number for the rest."""
    external = {r.external_id for r in records if r.external_id}
    rows = []
    if external:
        rows = db.session.execute(select(*_COLUMNS).where(
            _TABLE.c.source == source, _TABLE.c.external_id.in_(external))).all()
    # Two indexed lookups rather than one OR, which SQLite answers with a full scan.
    found = {row.number for row in rows}
    numbers = {r.number for r in records} - found
    if numbers:
        rows += db.session.execute(select(*_COLUMNS).where(_TABLE.c.number.in_(numbers))).all()
    by_number = {row.number: row for row in rows}
    by_external = {row.external_id: row for row in rows if row.source == source and row.external_id}
    return by_number, by_external


def _match(record: OrderRecord, by_number, by_external):
    """The stored order this record is, or a reason it cannot be stored."""
    match = by_external.get(record.external_id) if record.external_id else None
    if match is None:
        match = by_number.get(record.number)
        if (match is not None and record.external_id and match.external_id
                and match.external_id != record.external_id):
            return None, (f"order number {record.number} already belongs to another order "
                          f"({match.source} id {match.external_id})")
    elif match.number != record.number:
        other = by_number.get(record.number)
        if other is not None and other.id != match.id:
            return None, f"order number {record.number} already belongs to another order"
    return match, None


def upsert_orders(records: list[OrderRecord], *, source: str, key: str, write: bool = True,
                  return_ids: bool = False) -> list[Outcome]:
    """One outcome per record, in order. Flushes its writes; never commits.

    New orders' ids are only fetched with `return_ids`: RETURNING over a large
    batch costs more than the insert itself, and the CSV import does not need them.
    """
    by_number, by_external = _existing(records, source)
    outcomes: list[Outcome | None] = []
    inserts: list[tuple[int, dict]] = []
    updates: dict[frozenset, list[dict]] = defaultdict(list)
    seen_numbers: set[str] = set()
    seen_external: set[str] = set()
    now = utcnow()
    for record in records:
        if record.number in seen_numbers or (record.external_id and record.external_id in seen_external):
            outcomes.append(Outcome("rejected", reason=f"order {record.number} is listed more than "
                                    "once (the rows of one order must be next to each other)"))
            continue
        seen_numbers.add(record.number)
        if record.external_id:
            seen_external.add(record.external_id)
        match, reason = _match(record, by_number, by_external)
        if reason:
            outcomes.append(Outcome("rejected", reason=reason))
        elif match is None:
            row = None
            if write:
                row = {"number": record.number, "source": source,
                       "external_id": record.external_id, "customer_name": record.customer_name,
                       "email": record.email, "phone": record.phone, "locale": record.locale,
                       "country": record.country, "ordered_at": record.ordered_at,
                       "items": list(record.items), "created_at": now}
            inserts.append((len(outcomes), row))
            outcomes.append(None)  # filled in with the new id below
        else:
            changes = _changes(match, record)
            if changes:
                updates[frozenset(changes)].append({"id": match.id, **changes})
            outcomes.append(Outcome("updated" if changes else "unchanged", match.id))
    if write:
        ids = _insert(key, [row for _, row in inserts], return_ids)
        for group in updates.values():
            db.session.execute(update(Order), group)
    else:
        ids = [None] * len(inserts)
    for (index, _), order_id in zip(inserts, ids, strict=True):
        outcomes[index] = Outcome("created", order_id)
    return outcomes


def _insert(key: str, rows: list[dict], return_ids: bool) -> list[int | None]:
    if not rows:
        return []
    for row in rows:
        row.update(token_fields(key))
    # Typed codes have 40 bits: collisions are rare but possible, so draw again for those.
    taken = set(db.session.scalars(
        select(Order.code_digest).where(Order.code_digest.in_([r["code_digest"] for r in rows]))))
    batch: set[str] = set()
    for row in rows:
        while row["code_digest"] in taken or row["code_digest"] in batch:
            row.update(token_fields(key))
            if db.session.scalar(select(Order.id).where(Order.code_digest == row["code_digest"])):
                taken.add(row["code_digest"])
        batch.add(row["code_digest"])
    if not return_ids:
        db.session.execute(insert(Order.__table__), rows)  # one executemany, no ORM bookkeeping
        return [None] * len(rows)
    statement = insert(Order).returning(Order.id, sort_by_parameter_order=True)
    return list(db.session.scalars(statement, rows))


def upsert_order(record: OrderRecord, *, source: str, key: str) -> Outcome:
    return upsert_orders([record], source=source, key=key, return_ids=True)[0]
