"""/api/v1: orders in and out, Bearer API keys, the OpenAPI document.

Exempt from CSRF: the API never reads the session cookie; every request
carries its key in the Authorization header.
"""

from __future__ import annotations

from flask import Blueprint, current_app, g, request
from werkzeug.exceptions import RequestEntityTooLarge

from portal.api import keys, openapi, services
from portal.core.errors import Conflict
from portal.core.extensions import csrf, db
from portal.core.unit_of_work import commit_retrying

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
MAX_BODY = 5 * 1024 * 1024
# Tries of one request's unit of work when a concurrent request commits the same orders first.
ATTEMPTS = 3


def _error(code: int, error: str, message: str, errors=None):
    body = {"error": error, "message": message}
    if errors is not None:
        body["errors"] = errors
    headers = {"WWW-Authenticate": 'Bearer realm="portal"'} if code == 401 else {}
    return body, code, headers


@bp.before_request
def _authenticate():
    if request.endpoint == "api.openapi_document":
        return None
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    key = keys.authenticate(secret.strip()) if scheme.lower() == "bearer" else None
    if key is None:
        return _error(401, "unauthorized", "Send a valid API key: Authorization: Bearer <key>.")
    g.api_key_id = key.id
    return None


@bp.get("/openapi.json")
def openapi_document():
    return openapi.DOCUMENT


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(exc):
    return _error(413, "too_large", f"The body is larger than {MAX_BODY // 1024 // 1024} MB, the limit "
                                    "for one request; send the orders in smaller batches.")


@bp.post("/orders")
def post_orders():
    request.max_content_length = MAX_BODY
    data = request.get_json(silent=True)
    if data is None:
        return _error(400, "bad_request", "The body must be JSON (Content-Type: application/json).")
    batch = isinstance(data, dict) and "orders" in data
    problems = openapi.errors_for(data, "OrderBatch" if batch else "OrderInput")
    if problems:
        return _error(422, "invalid", "The request does not match the schema; nothing was stored.",
                      problems)
    inputs = data["orders"] if batch else [data]
    checked, errors = services.check_orders(inputs, batch=batch)
    if errors:
        return _error(422, "invalid", "Some orders cannot be stored; nothing was stored.", errors)

    def store():
        outcomes, errors = services.store_orders(checked, len(inputs),
                                                 current_app.config["TOKEN_KEY"], batch=batch)
        return not errors, (outcomes, errors)

    try:
        # A concurrent request may store one of these orders first; a retry then sees it.
        outcomes, errors = commit_retrying(db.session, store, ATTEMPTS)
    except Conflict:
        return _error(409, "conflict", "Other requests kept changing these orders at the same time; "
                                       "nothing was stored. Send the request again.")
    if errors:
        return _error(422, "invalid", "Some orders cannot be stored; nothing was stored.", errors)
    orders = services.orders_by_id([o.order_id for o in outcomes])
    results = [{"result": o.kind, "order": services.order_json(orders[o.order_id])} for o in outcomes]
    if batch:
        return {"results": results}, 200
    return results[0], (201 if outcomes[0].kind == "created" else 200)


@bp.get("/orders/<path:number>")
def get_order(number: str):
    order = services.order_by_number(number)
    if order is None:
        # Numbers have at most 64 characters; a longer path is not echoed whole.
        shown = number if len(number) <= 64 else number[:61] + "..."
        return _error(404, "not_found", f"There is no order with number {shown}.")
    return services.order_json(order)
