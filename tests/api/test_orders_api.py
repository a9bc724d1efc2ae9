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
    refused = api.post({"orders": [{"number": "B-11"}, {"number": "B-12", "phone": "call me"}]})
    assert refused.status_code == 422
    assert refused.json["errors"] == [{"index": 1, "path": "/orders/1/phone",
                                       "message": "phone 'call me' has characters a phone number cannot have"}]
    assert orders_count(db) == 3


def test_the_api_stays_strict_about_optional_fields(api, db):
    response = api.post({"number": "S-1", "locale": "Română"})
    assert response.status_code == 422
    assert response.json["errors"] == [
        {"index": 0, "path": "/locale",
         "message": "locale 'Română' is not a language tag such as en, fa or ro-RO"}]
    assert api.post({"number": "S-1", "phone": "555-0100 ext 12"}).status_code == 201
    assert orders_count(db) == 1


def test_an_order_listed_twice_in_a_batch_is_named_with_both_places(api, db):
    response = api.post({"orders": [{"number": "D-1"}, {"number": "D-2"}, {"number": " D-1 "}]})
    assert response.status_code == 422
    assert response.json["errors"] == [{
        "index": 2, "path": "/orders/2/number",
        "message": "the same order appears twice in the batch, at indexes 0 and 2"}]
    by_id = api.post({"orders": [{"number": "D-3", "external_id": "x"},
                                 {"number": "D-4", "external_id": "x"}]})
    assert by_id.json["errors"] == [{
        "index": 1, "path": "/orders/1/external_id",
        "message": "the same order appears twice in the batch, at indexes 0 and 1"}]
    # The same external id from two systems is two orders.
    assert api.post({"orders": [{"number": "D-5", "external_id": "x", "source": "erp"},
                                {"number": "D-6", "external_id": "x"}]}).status_code == 200
    assert orders_count(db) == 2


def test_an_order_number_taken_by_another_order_is_refused_at_its_place(api, db):
    api.post({"number": "N-1", "external_id": "a"})
    response = api.post({"orders": [{"number": "N-2"}, {"number": "N-1", "external_id": "b"}]})
    assert response.status_code == 422
    assert [(e["index"], e["path"]) for e in response.json["errors"]] == [(1, "/orders/1/number")]
    assert "N-1 already belongs to another order" in response.json["errors"][0]["message"]


def test_too_many_orders_are_refused_without_echoing_them(api, db):
    response = api.post({"orders": [{"number": f"M-{n}", "customer_name": "Ann"} for n in range(501)]})
    assert response.status_code == 422
    assert response.json["errors"] == [{"path": "/orders", "message": "at most 500 orders per request"}]
    assert "M-1" not in response.get_data(as_text=True)


def test_schema_messages_do_not_echo_long_values(api):
    response = api.post({"number": "N" * 5000, "email": "e" * 3000})
    assert response.status_code == 422
    assert len(response.get_data()) < 1000
    assert sorted((e["path"], e["message"]) for e in response.json["errors"]) == [
        ("/email", "'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee... is not an email address"),
        ("/email", "at most 254 characters"), ("/number", "at most 64 characters")]


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
    long = api.get("N" * 6000)  # not echoed whole
    assert long.status_code == 404 and len(long.json["message"]) < 120


def test_the_openapi_document_is_public_and_valid(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {"/orders", "/orders/{number}"}
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    answers = document["paths"]["/orders"]["post"]["responses"]
    assert set(answers) == {"200", "201", "400", "401", "409", "413", "422"}


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


def test_a_wrong_method_gets_json_that_says_so(client, api_key):
    response = client.delete("/api/v1/orders", headers={"Authorization": f"Bearer {api_key}"})
    assert response.status_code == 405 and response.mimetype == "application/json"
    assert response.json == {"error": "method_not_allowed",
                             "message": "DELETE is not allowed at /api/v1/orders."}
    assert "POST" in response.headers["Allow"]
    webhook = client.get("/webhooks/shopify")
    assert webhook.status_code == 405
    assert webhook.json == {"status": "method_not_allowed", "error": "GET is not allowed at /webhooks/shopify."}
