"""Webhook signatures: base64(HMAC-SHA256(secret, raw body)), compared in constant time.

Shopify sends it in X-Shopify-Hmac-Sha256, WooCommerce in
X-WC-Webhook-Signature; both sign the exact bytes of the body, so the body
is verified before it is parsed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac


def sign(secret: str, body: bytes) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def verify(secret: str | None, body: bytes, header: str | None) -> bool:
    if not secret or not header:
        return False
    return hmac.compare_digest(sign(secret, body).encode(), header.strip().encode("utf-8", "replace"))
