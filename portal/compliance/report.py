"""The compliance report: the evidence, per order or for a period.

What it proves: every order whose pages were seen was shown the public review
links, whatever its rating (impressions by rating); every goodwill offer and
its exact wording, re-checked now by the classifier (nothing conditional);
the marketplace mode in force.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from portal.compliance.models import ReviewLinkImpression
from portal.core.extensions import db
from portal.core.spreadsheet import neutralise
from portal.goodwill.ledger import offers_between
from portal.orders.models import Order
from portal.tickets.models import Ticket
from portal.wording.classifier import check
from portal.wording.marketplace import marketplace_mode


@dataclass
class Report:
    since: datetime | None
    until: datetime | None
    order: str | None
    marketplace: str | None
    impressions: list[ReviewLinkImpression] = field(default_factory=list)
    offers: list = field(default_factory=list)
    offer_checks: dict[int, object] = field(default_factory=dict)
    numbers: dict[int, str] = field(default_factory=dict)  # order id → number
    refs: dict[int, str] = field(default_factory=dict)  # ticket id → ref

    @property
    def by_rating(self) -> dict[str, dict[str, int]]:
        """Per rating: impressions, orders, and the fewest links any of them showed."""
        buckets: dict[str, list[ReviewLinkImpression]] = defaultdict(list)
        for imp in self.impressions:
            buckets[str(imp.rating_stars) if imp.rating_stars else "none"].append(imp)
        return {
            key: {"impressions": len(rows), "orders": len({r.order_id for r in rows}),
                  "min_links": min(r.link_count for r in rows),
                  "max_links": max(r.link_count for r in rows)}
            for key, rows in sorted(buckets.items())
        }

    @property
    def conditional_offers(self) -> list:
        return [o for o in self.offers if self.offer_checks[o.id].refused]

    @property
    def orders_without_links(self) -> list[str]:
        shown = Counter()
        for imp in self.impressions:
            shown[imp.order_id] += imp.link_count
        return sorted(self.numbers[o] for o, n in shown.items() if n == 0)


def build(since: datetime | None = None, until: datetime | None = None,
          order_number: str | None = None) -> Report:
    order_id = None
    if order_number:
        order_id = db.session.scalar(select(Order.id).where(Order.number == order_number))
        if order_id is None:
            raise LookupError(f"no order numbered {order_number}")
    query = select(ReviewLinkImpression).order_by(ReviewLinkImpression.id)
    if since:
        query = query.where(ReviewLinkImpression.created_at >= since)
    if until:
        query = query.where(ReviewLinkImpression.created_at < until)
    if order_id:
        query = query.where(ReviewLinkImpression.order_id == order_id)
    report = Report(since=since, until=until, order=order_number, marketplace=marketplace_mode())
    report.impressions = list(db.session.scalars(query))
    report.offers = offers_between(since, until, order_id)
    report.offer_checks = {o.id: check(o.wording, o.locale) for o in report.offers}
    order_ids = {i.order_id for i in report.impressions} | {o.order_id for o in report.offers}
    if order_ids:
        report.numbers = dict(db.session.execute(
            select(Order.id, Order.number).where(Order.id.in_(order_ids))).all())
    ticket_ids = {o.ticket_id for o in report.offers}
    for ticket_id in ticket_ids:
        report.refs[ticket_id] = db.session.get(Ticket, ticket_id).ref
    return report


PER_ORDER_LINES = 50


def _per_order(report: Report) -> list[str]:
    grouped: dict[int, list[ReviewLinkImpression]] = defaultdict(list)
    for imp in report.impressions:
        grouped[imp.order_id].append(imp)
    lines = []
    for order_id, rows in sorted(grouped.items(), key=lambda kv: report.numbers[kv[0]]):
        pages = ",".join(sorted({r.page for r in rows}))
        ratings = ",".join(sorted({str(r.rating_stars or "none") for r in rows}))
        names = sorted({link["name"] for r in rows for link in r.links})
        lines.append(f"order {report.numbers[order_id]}: pages {pages}; ratings when shown {ratings}; "
                     f"links {', '.join(names) or 'NONE'}; first {rows[0].created_at:%Y-%m-%d %H:%M} UTC")
    return lines


def as_text(report: Report) -> str:
    scope = f"order {report.order}" if report.order else "all orders"
    period = f"{report.since:%Y-%m-%d}" if report.since else "the beginning"
    end = f"{report.until:%Y-%m-%d}" if report.until else "now"
    lines = [
        f"Compliance report: {scope}, from {period} to {end}",
        f"Marketplace mode: {report.marketplace or 'off (independent shop)'}",
        "",
        "1. Public review links shown (recorded per order, page, rating and day)",
        f"   impressions: {len(report.impressions)}   orders: {len({i.order_id for i in report.impressions})}",
    ]
    for rating, row in report.by_rating.items():
        lines.append(f"   rating {rating:>4}: {row['impressions']:4} impressions, {row['orders']:4} orders, "
                     f"links shown {row['min_links']}..{row['max_links']}")
    missing = report.orders_without_links
    lines.append("   orders shown no link at all: " + (", ".join(missing) if missing else "none"))
    lines.append("   the rating decided nothing: the link set is chosen by language and "
                 "marketplace only")
    per_order = _per_order(report)
    if len(per_order) <= PER_ORDER_LINES:
        lines += [f"   {line}" for line in per_order]
    else:
        lines.append(f"   ({len(per_order)} orders: the CSV has one row per impression)")
    lines += ["", f"2. Goodwill offers: {len(report.offers)}"]
    for offer in report.offers:
        verdict = report.offer_checks[offer.id]
        lines.append(f"   #{offer.id} {report.refs[offer.ticket_id]} order {report.numbers[offer.order_id]}"
                     f" {offer.kind.value} {offer.value} {offer.status.value} [{offer.locale}] "
                     f"wording {'passes' if verdict.allowed else 'REFUSED'}: \"{offer.wording}\"")
    conditional = report.conditional_offers
    lines += ["", "3. Conditional offers (tied to a review, or threatening): "
              + (str(len(conditional)) if conditional else "none")]
    for offer in conditional:
        lines.append("   " + report.offer_checks[offer.id].explain().replace("\n", "\n   "))
    return "\n".join(lines)


def as_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["kind", "when", "order", "ticket", "page_or_gesture", "locale", "rating",
                     "links_or_value", "status", "wording", "verdict"])
    for imp in report.impressions:
        writer.writerow([neutralise(v) for v in (
            "links_shown", imp.created_at.isoformat(timespec="seconds"), report.numbers[imp.order_id],
            imp.ticket_id or "", imp.page, imp.locale, imp.rating_stars or "",
            " | ".join(f"{link['name']} {link['url']}" for link in imp.links), "", "", "")])
    for offer in report.offers:
        verdict = report.offer_checks[offer.id]
        writer.writerow([neutralise(v) for v in (
            "offer", offer.created_at.isoformat(timespec="seconds"), report.numbers[offer.order_id],
            report.refs[offer.ticket_id], offer.kind.value, offer.locale, "", offer.value,
            offer.status.value, offer.wording, "passes" if verdict.allowed else "refused")])
    return out.getvalue()
