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

import functools
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import IntegrityError

from portal.core import tokens
from portal.core.bulk import insert_rows, one_of
from portal.core.database import utcnow
from portal.core.extensions import db
from portal.orders.models import Order
from portal.orders.records import OrderRecord
from portal.orders.services import token_values

COMPARED = ("customer_name", "email", "phone", "locale", "country", "ordered_at", "items")
_TOKEN_COLUMNS = ("token_nonce", "token_digest", "code_digest")
# A new order's row, in this order: the tuple built in upsert_orders, then token_values.
INSERTED = ("number", "external_id", *COMPARED, *_TOKEN_COLUMNS)
_TABLE = Order.__table__
# Table columns, not ORM attributes: plain rows, without the ORM's per-row loading work.
_COLUMNS = tuple(_TABLE.c[name] for name in ("id", "number", "source", "external_id", *COMPARED))


class Outcome(NamedTuple):
    """A named tuple: an import makes one per order, twice."""

    kind: str  # created | updated | unchanged | rejected
    order_id: int | None = None
    reason: str | None = None


_CREATED = Outcome("created")  # shared: a plan of 100,000 new orders needs no more


def new_token_values(key: str, count: int) -> list[tuple[str, str, str]]:
    """Token columns for `count` new orders (an import draws them while it plans)."""
    return [token_values(key, nonce) for nonce in tokens.new_nonces(count)]


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


@functools.cache
def _lookups(dialect: Dialect):
    """Stored orders by external ids, by numbers, and the code digests already taken."""
    return (select(*_COLUMNS).where(_TABLE.c.source == bindparam("source"),
                                    one_of(_TABLE.c.external_id, "keys", dialect)),
            select(*_COLUMNS).where(one_of(_TABLE.c.number, "keys", dialect)),
            select(_TABLE.c.code_digest).where(one_of(_TABLE.c.code_digest, "keys", dialect)))


def _existing(records: list[OrderRecord], source: str):
    """Stored orders matching the batch: by external id first, then by number for the rest."""
    by_external_id, by_number_id, _ = _lookups(db.session.connection().dialect)
    external = [r.external_id for r in records if r.external_id]
    rows = []
    if external:
        rows = db.session.execute(by_external_id, {"source": source, "keys": external}).all()
    # Two indexed lookups rather than one OR, which SQLite answers with a full scan.
    found = {row.number for row in rows}
    numbers = list({r.number for r in records} - found)
    if numbers:
        rows += db.session.execute(by_number_id, {"keys": numbers}).all()
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
    inserts: list[tuple[int, tuple | None]] = []
    updates: dict[frozenset, list[dict]] = defaultdict(list)
    seen_numbers: set[str] = set()
    seen_external: set[str] = set()
    now = utcnow()
    for record in records:
        if record.number in seen_numbers or (record.external_id and record.external_id in seen_external):
            # Channels say where the first listing was (the CSV reader, the API); this is the
            # last guard, so that one call never writes one order twice.
            outcomes.append(Outcome("rejected", reason=f"order {record.number} is listed more than once"))
            continue
        seen_numbers.add(record.number)
        if record.external_id:
            seen_external.add(record.external_id)
        match, reason = _match(record, by_number, by_external)
        if reason:
            outcomes.append(Outcome("rejected", reason=reason))
        elif match is None:
            inserts.append((len(outcomes), (record.number, record.external_id,
                                             record.customer_name, record.email, record.phone,
                                             record.locale, record.country, record.ordered_at,
                                             list(record.items)) if write else None))
            outcomes.append(None)  # filled in with the new id below
        else:
            changes = _changes(match, record)
            if changes:
                updates[frozenset(changes)].append({"id": match.id, **changes})
            outcomes.append(Outcome("updated" if changes else "unchanged", match.id))
    if write:
        ids = _insert(key, [row for _, row in inserts], {"source": source, "created_at": now}, return_ids)
        for group in updates.values():
            db.session.execute(update(Order), group)
    else:
        ids = [None] * len(inserts)
    for (index, _), order_id in zip(inserts, ids, strict=True):
        outcomes[index] = Outcome("created", order_id) if order_id is not None else _CREATED
    return outcomes


def _insert(key: str, rows: list[tuple], constants: dict, return_ids: bool) -> list[int | None]:
    """Store new orders (rows without their token columns), each with a fresh nonce."""
    if not rows:
        return []
    full = [row + values for row, values in zip(rows, new_token_values(key, len(rows)), strict=True)]
    # Typed codes have 40 bits: collisions are rare but possible, so draw again for those.
    code = len(INSERTED) - 1
    taken = set(db.session.scalars(_lookups(db.session.connection().dialect)[2],
                                   {"keys": [r[code] for r in full]}))
    batch: set[str] = set()
    for i, row in enumerate(full):
        while row[code] in taken or row[code] in batch:
            row = full[i] = rows[i] + token_values(key, tokens.new_nonce())
            if db.session.scalar(select(Order.id).where(Order.code_digest == row[code])):
                taken.add(row[code])
        batch.add(row[code])
    if not return_ids:
        # One driver-level executemany: the import's 100,000 rows skip per-row statement work.
        insert_rows(db.session.connection(), _TABLE, INSERTED, full, constants)
        return [None] * len(full)
    statement = insert(Order).returning(Order.id, sort_by_parameter_order=True)
    return list(db.session.scalars(
        statement, [dict(zip(INSERTED, row, strict=True), **constants) for row in full]))


def upsert_order(record: OrderRecord, *, source: str, key: str) -> Outcome:
    return upsert_orders([record], source=source, key=key, return_ids=True)[0]


def stored_date_text() -> Callable[[datetime], str] | None:
    """How the database stores an order date, where that is text (SQLite): a plan can then
    keep dates as stored. None where the driver takes datetime objects (PostgreSQL)."""
    dialect = db.session.get_bind().dialect
    if dialect.name != "sqlite":
        return None
    return _TABLE.c.ordered_at.type.dialect_impl(dialect).bind_processor(dialect)


def insert_planned(rows: list[tuple], *, source: str, dates_stored: bool = False) -> bool:
    """Insert orders an earlier look found new: rows with every column of INSERTED, token
    values drawn, items as JSON text (and order dates as stored, with `dates_stored`).
    All or none of them: False, with nothing written, when one of them exists by now or
    drew a typed code already taken (the unique constraints decide); the caller then
    plans them again.
    """
    try:
        with db.session.begin_nested():
            insert_rows(db.session.connection(), _TABLE, INSERTED, rows,
                        {"source": source, "created_at": utcnow()},
                        ready=("items", "ordered_at") if dates_stored else ("items",))
    except IntegrityError:
        return False
    return True
