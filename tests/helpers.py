"""Small factories and form helpers shared by the tests."""

from __future__ import annotations

import itertools
import re
import uuid

from portal.auth.services import create_staff
from portal.core.extensions import db
from portal.orders import services as orders
from portal.tickets import services as tickets

_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')
_numbers = itertools.count(1)
PASSWORD = "correct horse battery"


def csrf_from(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


def submission_key_from(html: str) -> str:
    match = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', html)
    assert match, "no submission key on the page"
    return match.group(1)


class Factory:
    def __init__(self, app):
        self.app = app

    def order(self, **fields):
        n = next(_numbers)
        fields.setdefault("number", f"T-{n:05d}")
        fields.setdefault("customer_name", "Test Customer")
        fields.setdefault("email", f"customer{n}@example.com")
        fields.setdefault("locale", "en")
        order = orders.create_order(key=self.app.config["TOKEN_KEY"], **fields)
        db.session.commit()
        return order, orders.scan_token(order, self.app.config["TOKEN_KEY"])

    def staff(self, role="agent", name=None):
        n = next(_numbers)
        user = create_staff(f"staff{n}@example.com", name or f"Staff {n}", role, PASSWORD)
        db.session.commit()
        return user

    def ticket(self, order=None, **fields):
        if order is None:
            order, _ = self.order()
        fields.setdefault("submission_key", str(uuid.uuid4()))
        fields.setdefault("category", "damaged")
        fields.setdefault("description", "The box was crushed.")
        fields.setdefault("contact_preference", "reply_here")
        fields.setdefault("contact_email", None)
        fields.setdefault("contact_phone", None)
        fields.setdefault("locale", "en")
        fields.setdefault("goal_minutes", self.app.config["SLA_GOAL_MINUTES"])
        fields.setdefault("limit_minutes", self.app.config["SLA_LIMIT_MINUTES"])
        ticket, _ = tickets.open_ticket(order, **fields)
        db.session.commit()
        return ticket


def login(client, user, password=PASSWORD):
    page = client.get("/staff/login")
    return client.post(
        "/staff/login",
        data={"email": user.email, "password": password, "csrf_token": csrf_from(page.text)},
    )
