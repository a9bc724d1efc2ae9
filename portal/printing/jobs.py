"""Running one print batch to the end: the body of the background task and the CLI.

The job owns its transactions: it commits the start, each progress step
(so the page's progress bar moves and a cancel request is seen), and the end.
A failure or a cancel leaves the batch saying so, with no file delivered.
"""

from __future__ import annotations

import logging
from pathlib import Path

from flask import current_app
from sqlalchemy import select, update

from portal.brand import services as brand
from portal.brand.card_words import DEFAULT_WORDS
from portal.core.database import utcnow
from portal.core.errors import DomainError
from portal.core.extensions import db
from portal.orders import services as orders
from portal.orders.models import Order
from portal.printing import pipeline
from portal.printing.layouts import get_layout
from portal.printing.models import CANCELLED, DONE, FAILED, QUEUED, RUNNING, PrintBatch, PrintBatchOrder
from portal.printing.services import check_brand_wording
from portal.printing.storage import get_storage
from portal.printing.template import fallback_url

log = logging.getLogger(__name__)


def card_locale(locale: str | None) -> str:
    short = (locale or "").replace("_", "-").split("-")[0].lower()
    return short if short in DEFAULT_WORDS else "en"


def load_cards(batch_id: int) -> list[pipeline.CardData]:
    """The batch's cards in print order. Only what a card shows: no names, no contacts."""
    key, base = current_app.config["TOKEN_KEY"], current_app.config["BASE_URL"]
    rows = db.session.execute(
        select(Order.number, Order.locale, Order.token_nonce)
        .join(PrintBatchOrder, PrintBatchOrder.order_id == Order.id)
        .where(PrintBatchOrder.batch_id == batch_id)
        .order_by(PrintBatchOrder.position)
    )
    cards = []
    for number, locale, nonce in rows:
        probe = Order(token_nonce=nonce)  # the derivations need only the nonce
        code = orders.short_code(probe, key)
        cards.append(pipeline.CardData(number, card_locale(locale),
                                       orders.scan_url(probe, key, base),
                                       f"{code[:4]}-{code[4:]}"))
    return cards


def _heartbeat(batch_id: int, done: int) -> bool:
    """Record progress; True when someone asked to cancel."""
    db.session.execute(update(PrintBatch).where(PrintBatch.id == batch_id)
                       .values(done_count=done, heartbeat_at=utcnow()))
    cancel = bool(db.session.scalar(
        select(PrintBatch.cancel_requested).where(PrintBatch.id == batch_id)))
    # Commit at once: no transaction (and, on SQLite, no write lock) stays open while
    # the next chunk of cards is made, so a cancel request is never kept waiting.
    db.session.commit()
    return cancel


def run_batch(batch_id: int, on_progress=None) -> PrintBatch | None:
    """Print a queued batch. Returns the batch in its final state (None if unknown)."""
    batch = db.session.get(PrintBatch, batch_id)
    if batch is None or batch.status != QUEUED:
        return batch  # already taken by another worker, finished, or cancelled
    batch.status, batch.started_at, batch.heartbeat_at = RUNNING, utcnow(), utcnow()
    batch.attempts += 1
    db.session.commit()
    app = current_app._get_current_object()
    storage = get_storage(app)
    cancelled = False

    def progress(done: int, total: int) -> None:
        nonlocal cancelled
        cancelled = _heartbeat(batch_id, done)
        if on_progress:
            on_progress(done, total)

    try:
        check_brand_wording()
        settings = brand.current()
        look, words, layout = brand.look(settings), brand.all_words(settings), batch.layout
        cards = load_cards(batch_id)
        db.session.commit()  # end the read before the long part
        scratch = storage.scratch_dir() / f"batch-{batch_id}.pdf"
        pages = pipeline.write_cards(
            scratch, cards, get_layout(layout), look, words,
            fallback_url(app.config),
            workers=app.config.get("PRINT_WORKERS", 2), progress=progress,
            should_stop=lambda: cancelled,
        )
        key = f"print-batch-{batch_id}.pdf"
        size = storage.put(key, Path(scratch))
    except pipeline.Cancelled:
        return _finish(batch_id, CANCELLED, error="cancelled before it finished; nothing was "
                       "delivered")
    except DomainError as exc:
        return _finish(batch_id, FAILED, error=str(exc))
    except Exception as exc:
        log.exception("print batch %s failed", batch_id)
        return _finish(batch_id, FAILED, error=f"{type(exc).__name__}: the PDF could not be "
                       "made; nothing was delivered. Retry, or see the server log.")
    return _finish(batch_id, DONE, file_key=key, file_size=size, pages=pages)


def _finish(batch_id: int, status: str, **values) -> PrintBatch:
    db.session.rollback()
    batch = db.session.get(PrintBatch, batch_id)
    batch.status, batch.finished_at, batch.cancel_requested = status, utcnow(), False
    for name, value in values.items():
        setattr(batch, name, value)
    if status == DONE:
        batch.error, batch.done_count = None, batch.total
    db.session.commit()
    return batch
