"""POST /webhooks/shopify and /webhooks/woocommerce.

Exempt from CSRF (no browser session is involved): each request is
verified by the HMAC of its raw body instead, before anything is parsed or
stored. A bad or missing signature gets 401 and nothing is written. The
secrets come from configuration and are never logged.

Every answer is JSON {"status": ...}: 200 for anything the platform should
not send again (created, updated, unchanged, stale, duplicate, ignored for other topics;
"fields_left_out": [fields] when optional fields did not validate), 4xx otherwise.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re

from flask import Blueprint, current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from portal.core.errors import Conflict, ValidationFailed
from portal.core.extensions import csrf, db
from portal.core.unit_of_work import commit_retrying
from portal.webhooks import platforms, services, signatures

bp = Blueprint("webhooks", __name__, url_prefix="/webhooks")
csrf.exempt(bp)
log = logging.getLogger("portal.webhooks")
MAX_BODY = 2 * 1024 * 1024
MAX_DELIVERY_ID = 128  # webhook_deliveries.delivery_id
SHOPIFY_TOPICS = frozenset({"orders/create", "orders/updated"})
WOOCOMMERCE_TOPICS = frozenset({"order.created", "order.updated"})
# Outcomes where this delivery's content was stored (or matched what is stored).
APPLIED = frozenset({"created", "updated", "unchanged"})
# Tries of one delivery's unit of work when a concurrent one commits the same rows first.
ATTEMPTS = 3
_WC_PING = re.compile(rb"\Awebhook_id=\d+\Z")


def _answer(status: str, code: int = 200, **extra):
    return {"status": status, **extra}, code


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(exc):
    return _answer("too_large", 413, error=f"the body is larger than {MAX_BODY // 1024 // 1024} MB, "
                                           "the limit for one webhook delivery")


def _raw_body() -> bytes:
    request.max_content_length = MAX_BODY  # larger bodies get 413 before they are read
    return request.get_data(cache=False)


def _receive(source: str, secret_key: str, signature: str | None, topic: str, topics,
             delivery_id: str | None, body: bytes, mapper, event_id=None):
    secret = current_app.config.get(secret_key)
    if not secret:
        log.warning("%s webhook refused: PORTAL_%s is not set", source, secret_key)
        return _answer("unauthorized", 401)
    if not signatures.verify(secret, body, signature):
        log.warning("%s webhook refused: bad or missing signature", source)
        return _answer("unauthorized", 401)
    if topic not in topics:
        return _answer("ignored", topic=topic)
    try:
        payload = json.loads(body)
    except ValueError:
        return _answer("invalid", 400, error="the body is not JSON")
    delivery_id = (event_id(payload) if event_id else None) or delivery_id \
        or "sha256:" + hashlib.sha256(body).hexdigest()
    if len(delivery_id) > MAX_DELIVERY_ID:  # stored and looked up alike, whatever its length
        delivery_id = "sha256:" + hashlib.sha256(delivery_id.encode()).hexdigest()
    try:
        order = mapper(payload)
    except ValidationFailed as exc:
        return _answer("invalid", 422, error=str(exc))

    def receive():
        outcome = services.receive_order(source=source, delivery_id=delivery_id, topic=topic,
                                         order=order, key=current_app.config["TOKEN_KEY"])
        return not outcome.startswith("rejected"), outcome

    try:
        # A concurrent delivery of this order (or this very delivery, sent twice) may commit
        # first; a retry sees its rows and answers as a later delivery would.
        outcome = commit_retrying(db.session, receive, ATTEMPTS)
    except Conflict:
        log.warning("%s %s: gave up after %d conflicting attempts", source, topic, ATTEMPTS)
        return _answer("conflict", 409, error="concurrent deliveries kept changing this order; retry")
    if outcome.startswith("rejected"):
        return _answer("invalid", 422, error=outcome.partition(": ")[2])
    log.info("%s %s: %s", source, topic, outcome)
    if order.ignored and outcome in APPLIED:
        # Field names only: the values are the customer's data.
        log.warning("%s %s: order %s stored without %s (they did not validate)",
                    source, topic, order.record.number, ", ".join(order.ignored))
        return _answer(outcome, fields_left_out=list(order.ignored))
    return _answer(outcome)


@bp.post("/shopify")
def shopify():
    body = _raw_body()
    headers = request.headers
    return _receive(
        "shopify", "SHOPIFY_WEBHOOK_SECRET", headers.get("X-Shopify-Hmac-Sha256"),
        headers.get("X-Shopify-Topic", ""), SHOPIFY_TOPICS,
        headers.get("X-Shopify-Event-Id") or headers.get("X-Shopify-Webhook-Id"),
        body, platforms.shopify_order,
    )


@bp.post("/woocommerce")
def woocommerce():
    body = _raw_body()
    # WooCommerce checks a new webhook's URL with an unsigned form post: answer it, store nothing.
    if request.mimetype == "application/x-www-form-urlencoded" and _WC_PING.match(body.strip()):
        return _answer("pong")
    headers = request.headers
    meta_key = current_app.config["WOOCOMMERCE_LOCALE_META_KEY"]
    return _receive(
        "woocommerce", "WOOCOMMERCE_WEBHOOK_SECRET", headers.get("X-WC-Webhook-Signature"),
        headers.get("X-WC-Webhook-Topic", ""), WOOCOMMERCE_TOPICS,
        headers.get("X-WC-Webhook-Delivery-ID"), body,
        lambda payload: platforms.woocommerce_order(payload, meta_key),
        event_id=platforms.woocommerce_event,
    )
