# ruff: noqa: E501  (reply texts read best one per line)
"""Canned replies in the brand's voice, per language, along P6's steps.

Placeholders are filled from a fixed set of names only ({first_name},
{order_number}, {agent_name}); anything else in braces is left as written,
so a reply text can never reach into objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from portal.core.errors import ValidationFailed
from portal.core.extensions import db
from portal.queue.models import CannedReply, ReplyStep
from portal.wording import ensure_allowed

PLACEHOLDER = re.compile(r"\{(first_name|order_number|agent_name)\}")
STEP_ORDER = [s for s in ReplyStep]

# Sensible defaults, loaded by `portal canned-replies --defaults` or the admin page.
DEFAULTS: dict[str, list[tuple[ReplyStep, str, str]]] = {
    "en": [
        (ReplyStep.THANK, "Thank you", "Dear {first_name}, thank you for telling us about order {order_number} before anyone else."),
        (ReplyStep.APOLOGISE, "Sorry", "I am sorry this happened; it is not the experience we want for you."),
        (ReplyStep.EXPLAIN, "Our policy", "Here is what our policy says and what it means for your order:"),
        (ReplyStep.ASK, "How can I help?", "How would you like us to make this right?"),
        (ReplyStep.ACT, "Done", "I have arranged it. I am {agent_name} and I will follow this until it is solved."),
    ],
    "fa": [
        (ReplyStep.THANK, "سپاس", "{first_name} عزیز، سپاسگزاریم که پیش از هر کس دیگری دربارهٔ سفارش {order_number} به ما گفتید."),
        (ReplyStep.APOLOGISE, "پوزش", "متأسفیم که چنین شد؛ این تجربه‌ای نیست که برای شما می‌خواهیم."),
        (ReplyStep.EXPLAIN, "سیاست ما", "سیاست ما در این باره چنین است و برای سفارش شما یعنی:"),
        (ReplyStep.ASK, "چگونه کمک کنم؟", "دوست دارید چگونه این را جبران کنیم؟"),
        (ReplyStep.ACT, "انجام شد", "ترتیبش را دادم. من {agent_name} هستم و تا حل شدن کامل پیگیری می‌کنم."),
    ],
    "hy": [
        (ReplyStep.THANK, "Շնորհակալություն", "Հարգելի {first_name}, շնորհակալ ենք, որ {order_number} պատվերի մասին նախ մեզ տեղեկացրիք։"),
        (ReplyStep.APOLOGISE, "Ներողություն", "Ցավում ենք, որ այսպես ստացվեց․ սա այն փորձառությունը չէ, որ ուզում ենք ձեզ համար։"),
        (ReplyStep.EXPLAIN, "Մեր կանոնները", "Ահա թե ինչ են ասում մեր կանոնները և ինչ է դա նշանակում ձեր պատվերի համար․"),
        (ReplyStep.ASK, "Ինչպե՞ս օգնել", "Ինչպե՞ս կցանկանայիք, որ ուղղենք սա։"),
        (ReplyStep.ACT, "Արված է", "Ես կազմակերպեցի դա։ Ես {agent_name}-ն եմ և կհետևեմ մինչև խնդրի լուծումը։"),
    ],
    "ro": [
        (ReplyStep.THANK, "Mulțumim", "Dragă {first_name}, vă mulțumim că ne-ați spus întâi nouă despre comanda {order_number}."),
        (ReplyStep.APOLOGISE, "Ne pare rău", "Ne pare rău că s-a întâmplat; nu este experiența pe care o dorim pentru dumneavoastră."),
        (ReplyStep.EXPLAIN, "Politica noastră", "Iată ce spune politica noastră și ce înseamnă pentru comanda dumneavoastră:"),
        (ReplyStep.ASK, "Cum vă putem ajuta?", "Cum ați dori să îndreptăm lucrurile?"),
        (ReplyStep.ACT, "Rezolvat", "Am rezolvat. Sunt {agent_name} și urmăresc situația până se rezolvă complet."),
    ],
}

FINAL_OFFER = {
    "en": "Dear {first_name}, we have tried our best to solve the problem with order {order_number}. "
          "As a last offer we can: ... If you change your mind, just reply here; the conversation stays open to you. "
          "{agent_name}",
    "fa": "{first_name} عزیز، برای حل مشکل سفارش {order_number} همهٔ تلاش خود را کردیم. "
          "به عنوان پیشنهاد پایانی می‌توانیم: ... اگر نظرتان عوض شد، همین‌جا پاسخ دهید. {agent_name}",
    "hy": "Հարգելի {first_name}, մենք արեցինք հնարավորը {order_number} պատվերի խնդիրը լուծելու համար։ "
          "Որպես վերջին առաջարկ կարող ենք․ ... Եթե մտափոխվեք, պարզապես պատասխանեք այստեղ։ {agent_name}",
    "ro": "Dragă {first_name}, am făcut tot ce am putut pentru comanda {order_number}. "
          "Ca ultimă ofertă putem: ... Dacă vă răzgândiți, răspundeți aici; conversația rămâne deschisă. {agent_name}",
}


@dataclass(frozen=True)
class FilledReply:
    key: int
    step: str
    title: str
    text: str


def fill(body: str, *, first_name: str, order_number: str, agent_name: str) -> str:
    values = {"first_name": first_name or "", "order_number": order_number, "agent_name": agent_name}
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], body)


def _language(locale: str) -> str:
    return (locale or "en").replace("_", "-").split("-")[0].lower()


def replies_for(locale: str) -> list[CannedReply]:
    """The language's replies in P6 order; English when the language has none."""
    for lang in dict.fromkeys((_language(locale), "en")):
        rows = list(db.session.scalars(
            select(CannedReply).where(CannedReply.locale == lang, CannedReply.active)))
        if rows:
            return sorted(rows, key=lambda r: (STEP_ORDER.index(r.step), r.position, r.id))
    return []


def filled_for_ticket(ticket, agent_name: str) -> list[FilledReply]:
    args = {"first_name": ticket.order.first_name, "order_number": ticket.order.number,
            "agent_name": agent_name}
    return [FilledReply(key=i + 1, step=r.step.value, title=r.title, text=fill(r.body, **args))
            for i, r in enumerate(replies_for(ticket.locale))]


def final_offer_text(ticket, agent_name: str) -> str:
    template = FINAL_OFFER.get(_language(ticket.locale), FINAL_OFFER["en"])
    return fill(template, first_name=ticket.order.first_name, order_number=ticket.order.number,
                agent_name=agent_name)


def add_reply(locale: str, step: str, title: str, body: str) -> CannedReply:
    """Add a reply to the desk's list; refused (WordingRefused) when the wording checker refuses it."""
    try:
        step_value = ReplyStep(step)
    except ValueError as exc:
        raise ValidationFailed(f"a step is one of: {', '.join(s.value for s in ReplyStep)}") from exc
    if not title.strip() or not body.strip():
        raise ValidationFailed("a canned reply needs a title and a text")
    # A reply reaches customers as written: the one wording checker sees it first.
    ensure_allowed(f"{title.strip()}. {body.strip()}", _language(locale), "the canned reply")
    reply = CannedReply(locale=_language(locale), step=step_value, title=title.strip()[:80],
                        body=body.strip())
    db.session.add(reply)
    db.session.flush()
    return reply


def load_defaults() -> int:
    """Add the default replies that are missing; returns how many were added."""
    existing = set(db.session.execute(select(CannedReply.locale, CannedReply.step, CannedReply.title)))
    added = 0
    for locale, rows in DEFAULTS.items():
        for position, (step, title, body) in enumerate(rows):
            if (locale, step, title) in existing:
                continue
            db.session.add(CannedReply(locale=locale, step=step, title=title, body=body, position=position))
            added += 1
    db.session.flush()
    return added
