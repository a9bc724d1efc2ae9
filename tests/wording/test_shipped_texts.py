"""The portal's own texts pass its own checker, in every language, in every marketplace mode.

A false refusal here would stop a shop from printing its default cards or
loading its default replies, so each shipped text is checked as shipped:
card words, canned replies and the final offer, the goodwill catalogue's
default wording (with a value filled in), every email as rendered, and the
checker's own suggested rewrites.
"""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale

from portal.brand.card_words import DEFAULT_WORDS
from portal.goodwill.catalogue import DEFAULTS as GESTURES
from portal.notify.delivery import render
from portal.notify.models import OutboxMessage
from portal.queue.canned import DEFAULTS as REPLIES
from portal.queue.canned import FINAL_OFFER
from portal.wording import LANGUAGES, check, messages
from portal.wording.marketplace import MARKETPLACES

MODES = (None, *MARKETPLACES)
EMAILS = ("ticket_opened", "staff_reply", "confirm_request", "reminder_waiting", "confirm_reminder",
          "staff_new_ticket", "staff_assigned", "staff_reopened", "staff_escalation", "staff_offered")


def shipped_texts() -> list[tuple[str, str, str]]:
    texts = []
    for lang, words in DEFAULT_WORDS.items():
        texts += [(lang, f"card {name}", value) for name, value in words.as_dict().items()]
    for lang, rows in REPLIES.items():
        texts += [(lang, f"canned reply {title}", body) for _step, title, body in rows]
    texts += [(lang, "final offer", text) for lang, text in FINAL_OFFER.items()]
    for _kind, name, _value, _limits, wording in GESTURES:
        for lang, text in wording.items():
            texts.append((lang, f"gesture {name}", text.replace("{value}", "15%")))
    for lang in LANGUAGES:
        texts += [(lang, f"suggested rewrite for {code}", messages.say(text, lang))
                  for code, text in messages.REWRITES.items()]
    return texts


def catalogue_texts(lang: str) -> list[str]:
    """Every string the portal shows, in `lang` (the English msgid for en), placeholders left out.

    The checker's own descriptions of what it refuses ("Asks to remove … a review") are left out:
    they name violations on purpose and only ever reach the staff who wrote one.
    """
    describing = set(messages.TITLES.values()) | set(messages.WHY.values())
    with open(messages.CATALOGUES / lang / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = read_po(po)
    texts = []
    for message in catalogue:
        if not message.id or message.id in describing:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        text = msgid if lang == "en" else message.string
        text = text[0] if isinstance(text, tuple) else text
        if text:
            texts.append(re.sub(r"%\(\w+\)s|\{\w+\}", "", text))
    return texts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_string_the_portal_shows_is_refused(lang):
    texts = catalogue_texts(lang)
    assert len(texts) > 100
    refused = [f"{text} -> {check(text, lang).codes}" for text in texts if check(text, lang).refused]
    assert refused == []


def test_every_language_ships_texts_to_check():
    assert {lang for lang, _, _ in shipped_texts()} == set(LANGUAGES)


@pytest.mark.parametrize("mode", MODES)
def test_no_shipped_text_is_refused(mode):
    refused = []
    for lang, where, text in shipped_texts():
        verdict = check(text, lang, marketplace=mode)
        if verdict.refused:
            refused.append(f"{lang} {where}: {verdict.explain()}")
    assert refused == []


def test_the_rewrites_are_in_the_writers_language():
    for lang in ("fa", "hy", "ro"):
        for text in messages.REWRITES.values():
            assert messages.say(text, lang) != text, f"{lang} has no translation of {text!r}"


def test_every_email_as_rendered_passes(app, db, factory):
    ticket = factory.ticket(contact_email="someone@example.com")
    failures = []
    for lang in LANGUAGES:
        for template in EMAILS:
            message = OutboxMessage(template=template, recipient="someone@example.com", locale=lang,
                                    params={"ticket_id": ticket.id, "level": 1, "number": 1})
            with force_locale(lang):
                email = render(message)
            text = f"{email['Subject']}\n{email.get_content()}"
            verdict = check(text, lang if not template.startswith("staff_") else "en")
            if verdict.refused:
                failures.append(f"{template} ({lang}): {verdict.explain()}")
    assert failures == []
