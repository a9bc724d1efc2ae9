"""/api/v1: API keys, idempotent order intake, lookups, the OpenAPI document."""

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import func, select

from portal.api import keys
from portal.api.cli import COMMANDS
from portal.api.models import ApiKey
from portal.orders.models import Order


def orders_count(db):
    return db.session.scalar(select(func.count(Order.id)))


ORDER = {"number": "API-1", "external_id": "ext-1", "source": "erp", "customer_name": "Ann",
         "email": "ann@example.com", "country": "AM", "ordered_at": "2026-02-01T10:00:00Z",
         "items": [{"name": "Mug", "qty": 2, "sku": "MUG-01"}]}


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer pk_nope", "Basic abc", "Bearer " + "x" * 25])
def test_requests_without_a_valid_key_get_401(client, db, header):
    headers = {"Authorization": header} if header else {}
    response = client.post("/api/v1/orders", json=ORDER, headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/api/v1/orders/API-1", headers=headers).status_code == 401
    assert orders_count(db) == 0


def test_a_revoked_key_stops_working(api, api_key, db):
    assert api.post(ORDER).status_code == 201
    key = db.session.scalar(select(ApiKey))
    keys.revoke_key(key.id)
    db.session.commit()
    assert api.get("API-1").status_code == 401


def test_posting_an_order_is_idempotent(api, db):
    created = api.post(ORDER)
    assert created.status_code == 201
    assert created.json["result"] == "created"
    order = created.json["order"]
    assert order["number"] == "API-1" and order["locale"] == "hy" and order["source"] == "erp"
    assert order["items"] == [{"name": "Mug", "qty": 2, "sku": "MUG-01"}]
    assert set(order) & {"token", "token_nonce", "token_digest", "code", "code_digest"} == set()
    again = api.post(ORDER)
    assert again.status_code == 200 and again.json["result"] == "unchanged"
    # Same source and external id: the same order, even under a corrected number.
    renamed = api.post({**ORDER, "number": "API-1B"})
    assert renamed.json["result"] == "updated"
    assert orders_count(db) == 1
    assert api.get("API-1B").json["external_id"] == "ext-1"
    assert api.get("API-1").status_code == 404


def test_a_batch_is_all_or_nothing(api, db):
    good = [{"number": f"B-{n}"} for n in range(3)]
    response = api.post({"orders": good})
    assert response.status_code == 200
    assert [r["result"] for r in response.json["results"]] == ["created"] * 3
    mixed = api.post({"orders": [{"number": "B-9"}, {"number": "B-10", "email": "nope"}]})
    assert mixed.status_code == 422
    assert mixed.json["errors"][0]["path"] == "/orders/1/email"
    conflict = api.post({"orders": [{"number": "B-11"}, {"number": "B-12", "phone": "call me"}]})
    assert conflict.status_code == 422 and conflict.json["errors"][0]["index"] == 1
    assert orders_count(db) == 3


def test_a_body_over_the_limit_gets_a_json_413_that_says_the_limit(client, api_key):
    body = b'{"number": "X", "customer_name": "' + b"x" * (6 * 1024 * 1024) + b'"}'
    response = client.post("/api/v1/orders", data=body, content_type="application/json",
                           headers={"Authorization": f"Bearer {api_key}"})
    assert response.status_code == 413 and response.mimetype == "application/json"
    assert response.json == {"error": "too_large", "message": (
        "The body is larger than 5 MB, the limit for one request; send the orders in smaller batches.")}


@pytest.mark.parametrize("body,path", [
    ({}, "/"),
    ({"number": ""}, "/number"),
    ({"number": "X", "surprise": 1}, "/"),
    ({"number": "X", "country": "Armenia"}, "/country"),
    ({"number": "X", "items": [{"qty": 1}]}, "/items/0"),
    ({"number": "X" * 65}, "/number"),
    ({"orders": []}, "/orders"),
])
def test_schema_violations_say_where(api, db, body, path):
    response = api.post(body)
    assert response.status_code == 422
    assert path in [e["path"] for e in response.json["errors"]]
    assert orders_count(db) == 0


def test_a_body_that_is_not_json_is_400(client, api_key):
    response = client.post("/api/v1/orders", data="number=1",
                           headers={"Authorization": f"Bearer {api_key}"})
    assert response.status_code == 400


def test_get_by_number(api):
    api.post({"number": "#1001", "customer_name": "<b>Ann</b>"})
    found = api.get("%231001")
    assert found.status_code == 200 and found.json["customer_name"] == "<b>Ann</b>"
    assert found.mimetype == "application/json"
    missing = api.get("NOPE")
    assert missing.status_code == 404
    assert missing.json == {"error": "not_found", "message": "There is no order with number NOPE."}


def test_the_openapi_document_is_public_and_valid(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {"/orders", "/orders/{number}"}
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_cli_creates_lists_and_revokes_keys_stored_hashed(app, db):
    runner = app.test_cli_runner()
    create, revoke, listing = COMMANDS
    result = runner.invoke(create, ["billing system"])
    assert result.exit_code == 0
    secret = result.stdout.strip().splitlines()[-1]
    assert secret.startswith("pk_")
    stored = db.session.scalar(select(ApiKey).where(ApiKey.name == "billing system"))
    assert secret not in (stored.key_digest, stored.prefix) and len(stored.key_digest) == 64
    assert keys.authenticate(secret).id == stored.id
    assert secret not in runner.invoke(listing).output
    assert runner.invoke(revoke, [str(stored.id)]).exit_code == 0
    db.session.expire_all()
    assert keys.authenticate(secret) is None
    assert runner.invoke(revoke, [str(stored.id)]).exit_code != 0
