"""Print batches: selection, marking, failure, cancel, retry; never a partial PDF."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from portal.core.errors import Conflict, ValidationFailed
from portal.printing import pipeline
from portal.printing.jobs import run_batch
from portal.printing.models import PrintBatch, PrintBatchOrder
from portal.printing.selection import Selection, order_ids, parse_numbers
from portal.printing.services import create_batch, prepare_retry, request_cancel
from portal.printing.storage import get_storage

from .pdfcheck import decode_qr


def _numbers(db, batch_id):
    from portal.orders.models import Order

    return list(db.session.scalars(
        select(Order.number).join(PrintBatchOrder, PrintBatchOrder.order_id == Order.id)
        .where(PrintBatchOrder.batch_id == batch_id).order_by(PrintBatchOrder.position)))


def _stored_files(app):
    root = get_storage(app).root
    return sorted(p.name for p in root.rglob("*") if p.is_file())


@pytest.fixture(autouse=True)
def _own_storage(app, tmp_path):
    app.config["PRINT_STORAGE_DIR"] = str(tmp_path / "prints")


def test_not_yet_printed_skips_orders_held_by_a_batch(app, db, factory):
    a, _ = factory.order(number="A-1")
    b, _ = factory.order(number="B-1")
    first = create_batch(Selection(numbers=["A-1"]), "a4-8up")
    db.session.commit()
    assert order_ids(Selection(unprinted=True)) == [b.id]
    run_batch(first.id)
    assert order_ids(Selection(unprinted=True)) == [b.id]
    second = create_batch(Selection(unprinted=True), "a4-8up")
    db.session.commit()
    assert _numbers(db, second.id) == ["B-1"]
    with pytest.raises(ValidationFailed, match="no orders match"):
        create_batch(Selection(unprinted=True), "a4-8up")


def test_date_range_and_hand_picked_numbers(app, db, factory):
    factory.order(number="OLD", ordered_at=datetime(2026, 1, 5, 12, tzinfo=UTC))
    factory.order(number="MID", ordered_at=datetime(2026, 2, 10, 23, 59, tzinfo=UTC))
    factory.order(number="NEW", ordered_at=datetime(2026, 3, 1, tzinfo=UTC))
    picked = order_ids(Selection(since=date(2026, 2, 1), until=date(2026, 2, 10)))
    assert len(picked) == 1
    batch = create_batch(Selection(numbers=parse_numbers("NEW, OLD\nNEW")), "card")
    assert _numbers(db, batch.id) == ["NEW", "OLD"]  # the order given, duplicates dropped
    with pytest.raises(ValidationFailed, match="no order with number NOPE"):
        order_ids(Selection(numbers=["OLD", "NOPE"]))
    with pytest.raises(ValidationFailed, match="choose what to print"):
        order_ids(Selection())
    with pytest.raises(ValidationFailed, match="unknown layout"):
        create_batch(Selection(numbers=["OLD"]), "a3-poster")


def test_numbers_with_spaces_are_printed_whole_and_a_line_of_numbers_word_by_word(app, db, factory):
    for number in ("SO 1001", "A-1", "A-2"):
        factory.order(number=number)
    picked = Selection(numbers=parse_numbers("SO  1001\nA-2 A-1, SO 1001"))
    assert picked.numbers == ["SO 1001", "A-2 A-1"]
    batch = create_batch(picked, "card")
    assert _numbers(db, batch.id) == ["SO 1001", "A-2", "A-1"]
    with pytest.raises(ValidationFailed, match="no order with number NOPE"):
        order_ids(Selection(numbers=["A-1 NOPE"]))


def test_reprint_of_one_printed_card(app, db, factory):
    factory.order(number="R-1")
    first = create_batch(Selection(numbers=["R-1"]), "a6")
    db.session.commit()
    assert run_batch(first.id).status == "done"
    again = create_batch(Selection(numbers=["R-1"]), "a6")
    db.session.commit()
    assert run_batch(again.id).status == "done"


def test_a_failing_batch_delivers_nothing_and_can_be_retried(app, db, factory, monkeypatch,
                                                             tmp_path):
    orders = [factory.order()[0] for _ in range(20)]
    batch = create_batch(Selection(numbers=[o.number for o in orders]), "card")
    db.session.commit()
    monkeypatch.setattr(pipeline, "PAGES_PER_UNIT", 2)
    real_add = pipeline.CardPdfWriter.add_page
    calls = {"n": 0}

    def broken_add(self, content):  # the disk fills up halfway through
        calls["n"] += 1
        if calls["n"] == 7:
            raise OSError("No space left on device")
        real_add(self, content)

    monkeypatch.setattr(pipeline.CardPdfWriter, "add_page", broken_add)
    done = run_batch(batch.id)
    assert done.status == "failed"
    assert "nothing was delivered" in done.error
    assert done.file_key is None
    assert _stored_files(app) == []  # no partial PDF anywhere, not even in scratch
    # Its orders are free again for "not yet printed".
    assert len(order_ids(Selection(unprinted=True))) == 20

    monkeypatch.setattr(pipeline.CardPdfWriter, "add_page", real_add)
    prepare_retry(done)
    db.session.commit()
    again = run_batch(batch.id)
    assert again.status == "done" and again.attempts == 2
    assert _stored_files(app) == [f"print-batch-{batch.id}.pdf"]
    pdf = tmp_path / "retried.pdf"
    with get_storage(app).open(again.file_key) as source:
        pdf.write_bytes(source.read())
    assert len(decode_qr(pdf, tmp_path, "card")) == 20


def test_cancel_while_running_stops_without_a_file(app, db, factory, monkeypatch):
    orders = [factory.order()[0] for _ in range(12)]
    batch = create_batch(Selection(numbers=[o.number for o in orders]), "card")
    db.session.commit()
    batch_id = batch.id
    monkeypatch.setattr(pipeline, "PAGES_PER_UNIT", 2)

    def someone_cancels(done, total):
        # Another request asks to cancel, in its own transaction.
        with db.engine.begin() as conn:
            conn.execute(PrintBatch.__table__.update().where(PrintBatch.id == batch_id)
                         .values(cancel_requested=True))

    result = run_batch(batch_id, on_progress=someone_cancels)
    assert result.status == "cancelled"
    assert result.file_key is None and _stored_files(app) == []
    with pytest.raises(Conflict):
        request_cancel(result)
    assert result.done_count < result.total
    prepare_retry(result)
    db.session.commit()
    assert run_batch(batch_id).status == "done"


def test_queued_batch_cancels_at_once_and_done_cannot_be_retried(app, db, factory):
    factory.order(number="Q-1")
    batch = create_batch(Selection(numbers=["Q-1"]), "card")
    db.session.commit()
    request_cancel(batch)
    db.session.commit()
    assert batch.status == "cancelled"
    assert run_batch(batch.id).status == "cancelled"  # a late job does nothing
    prepare_retry(batch)
    db.session.commit()
    assert run_batch(batch.id).status == "done"
    with pytest.raises(Conflict, match="only a failed or cancelled"):
        prepare_retry(batch)


def test_non_compliant_wording_saved_behind_the_forms_back_fails_the_batch(app, db, factory):
    from portal.brand.models import BrandSettings

    factory.order(number="W-1")
    db.session.add(BrandSettings(name="Shop", card_words={
        "en": {"invitation": "Do not post a review online; email us instead."}}))
    db.session.commit()
    with pytest.raises(ValidationFailed, match="refused"):
        create_batch(Selection(numbers=["W-1"]), "card")
