"""Many people accept one offer (or redeem one code) at the same instant: it happens once.

Each thread runs in its own app context, so it has its own session and its own
database connection; a barrier releases them together. Run on PostgreSQL with
PORTAL_TEST_DATABASE=postgresql (SQLite serialises writers with BEGIN IMMEDIATE).
"""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from portal.core.database import write_intent
from portal.core.errors import Conflict
from portal.core.extensions import db as _db
from portal.goodwill import coupons, offers
from portal.goodwill.models import Coupon, Offer, OfferStatus
from portal.tickets.models import AuditEvent

KEY = "k" * 40
RACERS = 8


def _race(app, work) -> list[str]:
    barrier = threading.Barrier(RACERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def run():
        with app.app_context():
            barrier.wait(timeout=30)
            try:
                with write_intent():
                    work()
                    _db.session.commit()
                result = "won"
            except Conflict as exc:
                _db.session.rollback()
                result = f"lost: {exc}"
            finally:
                _db.session.remove()
            with lock:
                outcomes.append(result)

    threads = [threading.Thread(target=run) for _ in range(RACERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(outcomes) == RACERS
    return outcomes


def test_concurrent_accepts_issue_exactly_one_coupon(app, db, gestures, owned_ticket, agent):
    offer = offers.make_offer(owned_ticket, agent, gestures["percent_coupon"], 15, "15% off, sorry.")
    db.session.commit()
    offer_id = offer.id

    results = _race(app, lambda: offers.accept(_db.session.get(Offer, offer_id), KEY))

    assert results.count("won") == 1, results
    assert all("already accepted" in r for r in results if r != "won")
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Coupon)
                             .where(Coupon.offer_id == offer_id)) == 1
    assert db.session.get(Offer, offer_id).status is OfferStatus.ACCEPTED
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "goodwill_accepted")) == 1


def test_concurrent_redemptions_of_one_code_succeed_once(app, db, gestures, owned_ticket, agent):
    offer = offers.make_offer(owned_ticket, agent, gestures["percent_coupon"], 15, "15% off, sorry.")
    code = coupons.code_for(offers.accept(offer, KEY), KEY)
    db.session.commit()

    results = _race(app, lambda: coupons.redeem(code, "till"))

    assert results.count("won") == 1, results
    assert all("already redeemed" in r for r in results if r != "won")


def test_accept_and_decline_racing_leave_one_decision(app, db, gestures, owned_ticket, agent):
    offer = offers.make_offer(owned_ticket, agent, gestures["letter"], 0, "May we write to you?")
    db.session.commit()
    offer_id = offer.id
    flip = iter(range(RACERS))

    def work():
        target = _db.session.get(Offer, offer_id)
        if next(flip) % 2:
            offers.decline(target)
        else:
            offers.accept(target, KEY)

    results = _race(app, work)
    assert results.count("won") == 1, results
