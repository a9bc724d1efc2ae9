"""Every text that reaches a customer or a card goes through the one checker, and a refusal explains itself.

Canned replies, the brand's name and card words (with the marketplace mode),
goodwill wording and the public `check_text` / `ensure_allowed` that other
rooms (incident answers) call: each refuses with the rule, the phrases that
triggered it and a rewrite, in the writer's language.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.brand import services as brand
from portal.brand.card_words import DEFAULT_WORDS, CardWords, check_words, problems
from portal.core.errors import ValidationFailed
from portal.goodwill.catalogue import save_gesture
from portal.queue import canned
from portal.queue.models import CannedReply
from portal.wording import WordingRefused, check, check_text, ensure_allowed, messages
from portal.wording import marketplace as settings
from tests.helpers import csrf_from, login


@pytest.mark.parametrize(("lang", "body", "title_words"), [
    ("en", "If you remove your review, we will refund the shipping.", "Asks to remove"),
    ("fa", "اگر نظرتان را حذف کنید، هزینه ارسال را برمی‌گردانیم.", "درخواست حذف"),
    ("hy", "Եթե ջնջեք ձեր կարծիքը, կվերադարձնենք առաքման գումարը։", "Խնդրում է ջնջել"),
    ("ro", "Dacă ștergeți recenzia, vă returnăm transportul.", "Cere ștergerea"),
])
def test_a_canned_reply_that_crosses_the_line_is_refused_in_the_writers_language(db, lang, body, title_words):
    with pytest.raises(WordingRefused) as refused:
        canned.add_reply(lang, "apologise", "Sorry", body)
    db.session.rollback()
    text = str(refused.value)
    assert "the canned reply" in text and title_words in text
    reason = refused.value.verdict.reasons[0]
    assert reason.evidence and all(phrase in text for phrase in reason.evidence)
    assert messages.say(messages.REWRITES[reason.code], lang) in text  # the suggested rewrite
    assert db.session.scalar(select(func.count()).select_from(CannedReply)) == 0


def test_the_canned_reply_page_shows_the_refusal_and_saves_nothing(app, db, client, factory):
    login(client, factory.staff("admin"))
    page = client.get("/staff/admin/canned-replies/").text
    response = client.post("/staff/admin/canned-replies/", data={
        "csrf_token": csrf_from(page), "locale": "en", "step": "ask", "title": "Quick question",
        "body": "Happy with the fix? Please give us five stars on Google!"}, follow_redirects=True)
    assert "Steers reviews by sentiment" in response.text
    assert db.session.scalar(select(func.count()).select_from(CannedReply)) == 0
    fine = client.post("/staff/admin/canned-replies/", data={
        "csrf_token": csrf_from(page), "locale": "en", "step": "ask", "title": "Quick question",
        "body": "Could you send us a photo of the label?"}, follow_redirects=True)
    assert "Canned reply added." in fine.text


def test_the_brand_name_is_checked_too(app, db):
    with pytest.raises(WordingRefused, match="the brand name"):
        brand.update_brand(name="Delete Bad Reviews Or Else", primary_colour="#112233",
                           accent_colour="#445566", words={})
    db.session.rollback()
    assert brand.update_brand(name="Tidy Lamps", primary_colour="#112233", accent_colour="#445566",
                              words={}).name == "Tidy Lamps"


def test_the_card_check_applies_the_marketplace_mode():
    words = CardWords(**{**DEFAULT_WORDS["en"].as_dict(), "invitation": "Thank you! Please review us on Google."})
    check_words("en", words)  # an independent shop may ask for reviews anywhere
    with pytest.raises(ValidationFailed, match="en invitation: refused: Breaks the marketplace"):
        check_words("en", words, marketplace="amazon")
    assert problems("Please review us on Amazon.", "en", "amazon") == []


def test_check_text_and_ensure_allowed_use_the_shops_marketplace_mode(app, db):
    text = "Thank you! Please leave us a review on our website as well."
    assert check_text(text, "en").allowed
    settings.set_marketplace_mode("amazon", None)
    db.session.commit()
    assert check_text(text, "en").codes == ["marketplace"]
    with pytest.raises(WordingRefused, match="the incident answer"):
        ensure_allowed(text, "en", "the incident answer")
    assert ensure_allowed("We are sorry for the outage; your orders ship tomorrow.", "en").allowed


def test_a_gesture_wording_is_refused_with_a_rewrite(db):
    with pytest.raises(WordingRefused) as refused:
        save_gesture(kind="letter", name="Note", value=0,
                     wording={"ro": "Primiți 5 EUR dacă ne dați cinci stele pe Google."})
    assert "Leagă un beneficiu de o recenzie" in str(refused.value)
    assert "Încercați în schimb" in str(refused.value)


def test_an_explanation_follows_the_text_language():
    verdict = check("لطفاً تا حل شدن مشکل نظری ننویسید.", "fa")
    assert verdict.refused and "رد شد" in verdict.explain()
    assert all(reason.lang == "fa" for reason in verdict.reasons)
