"""Offers: limits per role, approval, the customer's choice, coupons, and the wording check."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.core.errors import Conflict, NotAllowed
from portal.goodwill import coupons, offers
from portal.goodwill.catalogue import WordingRefused, save_gesture
from portal.goodwill.models import Coupon, OfferStatus
from portal.notify.models import OutboxMessage
from portal.tickets.models import AuditEvent, Message

KEY = "k" * 40


def test_within_the_agents_limit_the_offer_goes_out_at_once(db, gestures, owned_ticket, agent):
    coupon = gestures["percent_coupon"]
    offer = offers.make_offer(owned_ticket, agent, coupon, 15,
                              offers.default_wording(coupon, "en", 15))
    db.session.commit()
    assert offer.status is OfferStatus.OFFERED and offer.sent_at is not None
    assert offer.wording_check["allowed"] is True
    body = db.session.scalars(select(Message.body).where(Message.ticket_id == owned_ticket.id)).all()
    assert offer.wording in body  # in the conversation
    assert db.session.scalar(select(OutboxMessage).where(OutboxMessage.template == "staff_reply"))
    actions = db.session.scalars(select(AuditEvent.action).where(
        AuditEvent.ticket_id == owned_ticket.id)).all()
    assert "goodwill_offered" in actions


def test_above_the_limit_it_waits_for_a_lead_and_the_customer_sees_nothing(
        db, gestures, owned_ticket, agent, lead, factory):
    coupon = gestures["percent_coupon"]
    offer = offers.make_offer(owned_ticket, agent, coupon, 30, "Please accept 30% off, with our apologies.")
    db.session.commit()
    assert offer.status is OfferStatus.PENDING_APPROVAL and offer.sent_at is None
    assert offers.for_ticket(owned_ticket.id, customer_view=True) == []
    assert offers.pending_approvals() == [offer]
    with pytest.raises(NotAllowed):
        offers.approve(offer, agent)  # agents do not approve
    offers.approve(offer, lead, "fine")
    db.session.commit()
    assert offer.status is OfferStatus.OFFERED and offer.approved_by_id == lead.id
    assert offers.for_ticket(owned_ticket.id, customer_view=True) == [offer]
    with pytest.raises(Conflict):
        offers.approve(offer, lead)  # approved once


def test_a_lead_cannot_approve_above_their_own_limit_or_their_own_offer(
        db, gestures, owned_ticket, lead, factory):
    coupon = gestures["percent_coupon"]
    big = offers.make_offer(owned_ticket, lead, coupon, 80, "Please accept 80% off.")
    db.session.commit()
    assert big.status is OfferStatus.PENDING_APPROVAL
    other_lead = factory.staff("lead")
    with pytest.raises(NotAllowed, match="someone other"):
        offers.approve(big, lead)
    with pytest.raises(NotAllowed, match="admin"):
        offers.approve(big, other_lead)
    admin = factory.staff("admin")
    offers.approve(big, admin)
    db.session.commit()
    assert big.status is OfferStatus.OFFERED


def test_rejection_needs_a_reason_and_is_final(db, gestures, owned_ticket, agent, lead):
    offer = offers.make_offer(owned_ticket, agent, gestures["percent_coupon"], 40, "40% off for you.")
    db.session.commit()
    with pytest.raises(Exception, match="say why"):
        offers.reject(offer, lead, " ")
    offers.reject(offer, lead, "Too much for a late parcel; offer free shipping")
    db.session.commit()
    assert offer.status is OfferStatus.REJECTED
    with pytest.raises(Conflict):
        offers.approve(offer, lead)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "We will refund you if you delete your review."),
    ("fa", "اگر نظرتان را حذف کنید، کد تخفیف می‌فرستیم."),
    ("hy", "Եթե ջնջեք կարծիքը, կուղարկենք զեղչի կտրոն։"),
    ("ro", "Vă trimitem un cupon dacă ștergeți recenzia."),
])
def test_conditional_wording_is_refused_and_nothing_is_saved(db, gestures, factory, agent, lang, text):
    order, _ = factory.order(locale=lang)
    ticket = factory.ticket(order, locale=lang)
    from portal.tickets import services as tickets
    tickets.claim_ticket(ticket.id, agent)
    db.session.commit()
    with pytest.raises(WordingRefused) as refused:
        offers.make_offer(ticket, agent, gestures["percent_coupon"], 10, text)
    db.session.rollback()
    assert refused.value.verdict.refused
    # Explained in the writer's language, quoting the phrases that triggered it.
    reason = refused.value.verdict.reasons[0]
    assert reason.lang == lang and reason.title in str(refused.value)
    assert all(phrase in str(refused.value) for phrase in reason.evidence)
    assert offers.for_ticket(ticket.id) == []


def test_the_catalogue_refuses_conditional_default_wording(db):
    with pytest.raises(WordingRefused):
        save_gesture(kind="fixed_coupon", name="Bad", value=500,
                     wording={"ro": "Primiți 5 EUR dacă modificați recenzia."})


def test_only_the_owner_or_a_lead_makes_an_offer(db, gestures, owned_ticket, factory):
    stranger = factory.staff("agent")
    with pytest.raises(NotAllowed):
        offers.make_offer(owned_ticket, stranger, gestures["letter"], 0, "A letter from us.")


def test_accepting_issues_one_coupon_whose_code_is_not_stored(db, gestures, owned_ticket, agent):
    offer = offers.make_offer(owned_ticket, agent, gestures["percent_coupon"], 15, "15% off, sorry.")
    db.session.commit()
    coupon = offers.accept(offer, KEY)
    db.session.commit()
    code = coupons.code_for(coupon, KEY)
    assert code.startswith("GW-") and len(code) == 22
    row = db.session.scalar(select(Coupon).where(Coupon.offer_id == offer.id))
    stored = " ".join(str(v) for v in (row.code_nonce, row.code_digest, row.redeemed_ref))
    assert code not in stored and code.replace("-", "")[2:] not in stored
    assert coupons.find(code.lower()).id == row.id  # typed in lower case, still found
    with pytest.raises(Conflict, match="already accepted"):
        offers.accept(offer, KEY)
    assert db.session.scalar(select(Coupon.id).where(Coupon.offer_id == offer.id)) == row.id


def test_codes_are_unique_and_unguessable(db):
    codes = {coupons.derive_code(KEY, f"{i:032x}") for i in range(2000)}
    assert len(codes) == 2000
    assert coupons.CODE_CHARS * 5 >= 80  # bits of the code


def test_a_coupon_is_redeemed_once_and_not_after_expiry(db, gestures, owned_ticket, agent):
    offer = offers.make_offer(owned_ticket, agent, gestures["percent_coupon"], 15, "15% off, sorry.")
    coupon = offers.accept(offer, KEY)
    db.session.commit()
    code = coupons.code_for(coupon, KEY)
    coupons.redeem(code, "shop order 991")
    db.session.commit()
    with pytest.raises(Conflict, match="already redeemed"):
        coupons.redeem(code)
    with pytest.raises(Exception, match="not a coupon code"):
        coupons.redeem("GW-0000-0000-0000-0000")


def test_declined_offers_stay_declined_and_refunds_are_marked_done_once(
        db, gestures, owned_ticket, agent):
    first = offers.make_offer(owned_ticket, agent, gestures["letter"], 0, "May we write to you?")
    offers.decline(first)
    with pytest.raises(Conflict):
        offers.accept(first, KEY)
    refund = offers.make_offer(owned_ticket, agent, gestures["partial_refund"], 1000,
                               "We will refund 10.00 EUR.")
    assert offers.accept(refund, KEY) is None  # refunds issue no code
    offers.mark_executed(refund, agent)
    with pytest.raises(Conflict):
        offers.mark_executed(refund, agent)
    db.session.commit()
    assert refund.executed_by_id == agent.id
