"""Print batch lifecycle: create, cancel, retry. Services flush; the caller commits."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert

from portal.brand import services as brand
from portal.brand.card_words import check_words
from portal.core.database import utcnow
from portal.core.errors import Conflict, ValidationFailed
from portal.core.extensions import db
from portal.printing import selection as chooser
from portal.printing.layouts import get_layout
from portal.printing.models import CANCELLED, FAILED, QUEUED, RUNNING, PrintBatch, PrintBatchOrder
from portal.wording.marketplace import marketplace_mode

STALE_AFTER = timedelta(minutes=10)  # a running batch with no heartbeat for this long died


def check_brand_wording() -> None:
    settings = brand.current()
    for locale, words in brand.all_words(settings).items():
        check_words(locale, words, marketplace_mode())


def create_batch(selection: chooser.Selection, layout: str,
                 created_by_id: int | None = None) -> PrintBatch:
    """A queued batch holding the chosen orders (marked, so no other batch takes them)."""
    try:
        get_layout(layout)
    except ValueError as exc:
        raise ValidationFailed(str(exc)) from exc
    check_brand_wording()
    ids = chooser.order_ids(selection)
    batch = PrintBatch(status=QUEUED, layout=layout, selection=selection.describe(),
                       total=len(ids), done_count=0, attempts=0, cancel_requested=False,
                       created_by_id=created_by_id)
    db.session.add(batch)
    db.session.flush()
    db.session.execute(insert(PrintBatchOrder), [
        {"batch_id": batch.id, "order_id": order_id, "position": position}
        for position, order_id in enumerate(ids)
    ])
    return batch


def is_stale(batch: PrintBatch) -> bool:
    beat = batch.heartbeat_at or batch.started_at or batch.created_at
    return batch.status == RUNNING and utcnow() - beat > STALE_AFTER


def request_cancel(batch: PrintBatch) -> PrintBatch:
    """A queued batch is cancelled at once; a running one stops at its next step."""
    if batch.status == QUEUED:
        batch.status, batch.finished_at = CANCELLED, utcnow()
    elif batch.status == RUNNING:
        batch.cancel_requested = True
    else:
        raise Conflict(f"batch {batch.id} is {batch.status}; only a queued or running batch "
                       "can be cancelled")
    db.session.flush()
    return batch


def prepare_retry(batch: PrintBatch) -> PrintBatch:
    """Queue a failed, cancelled or dead batch again, with the same orders."""
    if batch.status not in (FAILED, CANCELLED) and not is_stale(batch):
        raise Conflict(f"batch {batch.id} is {batch.status}; only a failed or cancelled batch "
                       "can be retried")
    batch.status, batch.error, batch.cancel_requested = QUEUED, None, False
    batch.done_count, batch.finished_at = 0, None
    db.session.flush()
    return batch
