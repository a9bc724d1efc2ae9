"""Demo data for a first look: staff accounts, orders in four languages, two tickets."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from portal.auth.models import StaffUser
from portal.auth.services import create_staff
from portal.core.database import utcnow
from portal.core.extensions import db
from portal.demo.goodwill import ensure_goodwill_demo
from portal.orders import services as orders
from portal.orders.models import Order
from portal.tickets import services as tickets

STAFF = [
    ("lead@example.com", "Lena Lead", "lead"),
    ("agent@example.com", "Arman Agent", "agent"),
    ("admin@example.com", "Ada Admin", "admin"),
]
CUSTOMERS = [
    ("Jane Doe", "en", "GB"), ("Sara Ahmadi", "fa", "IR"), ("Anahit Petrosyan", "hy", "AM"),
    ("Ioana Popescu", "ro", "RO"),
]
ITEMS = [
    [{"sku": "MUG-01", "name": "Ceramic mug", "qty": 2}],
    [{"sku": "TEA-07", "name": "Green tea, 100 g", "qty": 1}, {"sku": "PT-02", "name": "Teapot", "qty": 1}],
    [{"sku": "SC-11", "name": "Wool scarf", "qty": 1}],
]


@dataclass
class DemoResult:
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    scan_urls: list[tuple[str, str]] = field(default_factory=list)


def ensure_demo_data(count: int) -> DemoResult:
    """Idempotent: existing demo rows are kept; staff passwords are reset and printed."""
    cfg = current_app.config
    result = DemoResult()
    for email, name, role in STAFF:
        password = secrets.token_urlsafe(12)
        user = db.session.scalar(select(StaffUser).where(StaffUser.email == email))
        if user is None:
            create_staff(email, name, role, password)
        else:
            user.password_hash = generate_password_hash(password)
        result.logins.append((email, password, role))

    now = utcnow()
    for i in range(count):
        number = f"DEMO-{1001 + i}"
        order = db.session.scalar(select(Order).where(Order.number == number))
        if order is None:
            name, locale, country = CUSTOMERS[i % len(CUSTOMERS)]
            order = orders.create_order(
                key=cfg["TOKEN_KEY"], number=number, customer_name=name,
                email=f"customer{i + 1}@example.com", phone=f"+4072100{i:04d}", locale=locale,
                country=country, items=ITEMS[i % len(ITEMS)], ordered_at=now - timedelta(days=3 + i),
                source="demo", external_id=number,
            )
            if i in (2, 3):
                _demo_ticket(order, i)
        result.scan_urls.append((number, orders.scan_url(order, cfg["TOKEN_KEY"], cfg["BASE_URL"])))
    ensure_goodwill_demo()
    return result


def _demo_ticket(order: Order, i: int) -> None:
    cfg = current_app.config
    tickets.open_ticket(
        order, submission_key=f"00000000-0000-4000-8000-{i:012d}",
        category="damaged" if i == 2 else "late",
        description="The mug arrived with a crack in the handle." if i == 2
        else "The parcel is a week late and tracking has not moved.",
        contact_preference="reply_here", contact_email=None, contact_phone=None,
        locale=order.locale or "en", goal_minutes=cfg["SLA_GOAL_MINUTES"],
        limit_minutes=cfg["SLA_LIMIT_MINUTES"],
    )
