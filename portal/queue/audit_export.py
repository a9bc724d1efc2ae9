"""A ticket's full history as CSV for leads, safe to open in a spreadsheet
(formula-like cells get a leading apostrophe: portal.core.spreadsheet)."""

from __future__ import annotations

import csv
import io
import json

from portal.core.spreadsheet import neutralise
from portal.tickets.models import Ticket

COLUMNS = ["when_utc", "kind", "action", "actor", "detail"]


def history_rows(ticket: Ticket) -> list[dict]:
    """Audit events and messages in time order; internal notes and flags included (leads only)."""
    rows = []
    for event in ticket.events:
        rows.append({
            "when_utc": event.created_at.isoformat(), "kind": "event", "action": event.action,
            "actor": event.actor.name if event.actor else event.actor_kind.value,
            "detail": json.dumps(event.detail, ensure_ascii=False, sort_keys=True) if event.detail else "",
        })
    for message in ticket.messages:
        rows.append({
            "when_utc": message.created_at.isoformat(),
            "kind": "note" if message.internal else "message",
            "action": message.author_kind.value,
            "actor": message.author.name if message.author else message.author_kind.value,
            "detail": message.body,
        })
    rows.sort(key=lambda r: r["when_utc"])
    return rows


def to_csv(ticket: Ticket) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in history_rows(ticket):
        writer.writerow({k: neutralise(v) for k, v in row.items()})
    return out.getvalue()
