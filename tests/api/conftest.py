"""API fixtures: a fresh API key, and a client that sends it."""

import pytest

from portal.api import keys
from portal.core.extensions import db as _db


@pytest.fixture
def api_key(app):
    _, secret = keys.create_key("shop backend")
    _db.session.commit()
    return secret


@pytest.fixture
def api(client, api_key):
    class Api:
        def post(self, json, key=api_key):
            return client.post("/api/v1/orders", json=json, headers={"Authorization": f"Bearer {key}"})

        def get(self, number, key=api_key):
            return client.get(f"/api/v1/orders/{number}", headers={"Authorization": f"Bearer {key}"})

    return Api()
