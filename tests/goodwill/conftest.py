"""Goodwill fixtures: the default catalogue and a ticket owned by an agent."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.goodwill.catalogue import ensure_default_catalogue
from portal.goodwill.models import Gesture
from portal.tickets import services as tickets


@pytest.fixture
def gestures(db):
    ensure_default_catalogue()
    db.session.commit()
    return {g.kind.value: g for g in db.session.scalars(select(Gesture))}


@pytest.fixture
def agent(factory):
    return factory.staff("agent", name="Arman Agent")


@pytest.fixture
def lead(factory):
    return factory.staff("lead", name="Lena Lead")


@pytest.fixture
def owned_ticket(db, factory, agent):
    order, token = factory.order(locale="en")
    ticket = factory.ticket(order, contact_email="jane@example.com")
    tickets.claim_ticket(ticket.id, agent)
    db.session.commit()
    ticket.scan_token = token
    return ticket
