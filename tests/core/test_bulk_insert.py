"""Rows written by the bulk path read back exactly as rows the ORM wrote."""

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import select

from portal.core.bulk import insert_rows
from portal.orders.models import Order


def test_bulk_rows_read_back_like_orm_rows(app, db):
    when = datetime(2026, 3, 1, 12, 30, 15, 250000, tzinfo=timezone(timedelta(hours=3, minutes=30)))
    created = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)
    items = [{"name": "Mug <b>", "qty": 2}, {"name": "چای", "qty": 1, "sku": "T-1"}]
    db.session.add(Order(number="ORM-1", source="csv", items=items, ordered_at=when, created_at=created,
                         token_nonce="a" * 32, token_digest="b" * 64, code_digest="c" * 64))
    columns = ("number", "items", "ordered_at", "token_nonce", "token_digest", "code_digest")
    insert_rows(db.session.connection(), Order.__table__, columns,
                [("BULK-1", items, when, "d" * 32, "e" * 64, "f" * 64),
                 ("BULK-2", [], None, "g" * 32, "h" * 64, "i" * 64)],
                constants={"source": "csv", "created_at": created})
    db.session.commit()
    db.session.expire_all()
    by_number = {o.number: o for o in db.session.scalars(select(Order))}
    orm, bulk, empty = by_number["ORM-1"], by_number["BULK-1"], by_number["BULK-2"]
    for field in ("source", "items", "ordered_at", "created_at"):
        assert getattr(bulk, field) == getattr(orm, field), field
    assert bulk.ordered_at == when and bulk.ordered_at.tzinfo is not None
    assert empty.items == [] and empty.ordered_at is None and empty.created_at == created
    # Stored text is identical too, so ordering and comparisons in SQL agree.
    stored = db.session.execute(select(Order.__table__.c.ordered_at).where(Order.number.in_(["ORM-1", "BULK-1"]))).all()
    assert stored[0] == stored[1]

