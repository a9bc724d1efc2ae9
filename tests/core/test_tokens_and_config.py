import re

import pytest
import sqlalchemy as sa

from portal.config import ConfigError, load_config
from portal.core import tokens
from portal.orders import services as orders


def test_new_tokens_carry_128_bits_and_differ():
    seen = {tokens.new_token() for _ in range(1000)}
    assert len(seen) == 1000
    for token in list(seen)[:50]:
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}", token)
        # 22 base64url characters decode to exactly 16 bytes
        import base64
        assert len(base64.urlsafe_b64decode(token + "==")) == 16


def test_raw_scan_token_is_not_stored_anywhere(app, db, factory):
    order, token = factory.order(number="N-1")
    with db.engine.connect() as conn:
        row = conn.execute(sa.text("SELECT * FROM orders WHERE id = :id"), {"id": order.id}).one()
    assert token not in " ".join(str(v) for v in row)
    assert order.token_digest == tokens.digest(token)


def test_lookup_finds_the_order_and_rejects_others(app, factory):
    order, token = factory.order()
    assert orders.order_id_for_token(token) == order.id
    assert orders.order_id_for_token(tokens.new_token()) is None
    assert orders.order_id_for_token("short") is None
    assert orders.order_id_for_token(token + "x") is None


def test_scan_token_depends_on_the_key(app, factory):
    order, token = factory.order()
    assert orders.scan_token(order, "another key") != token


def test_production_refuses_to_start_without_secrets(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config(str(tmp_path))
    monkeypatch.setenv("PORTAL_SECRET_KEY", "s" * 64)
    monkeypatch.setenv("PORTAL_TOKEN_KEY", "t" * 64)
    cfg = load_config(str(tmp_path))
    assert cfg["SESSION_COOKIE_SECURE"] is True


def test_postgres_urls_use_psycopg3(tmp_path):
    cfg = load_config(str(tmp_path), {"SQLALCHEMY_DATABASE_URI": "postgres://u@h/db"})
    # load_config applies overrides before normalising
    assert cfg["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"


def test_sla_settings_must_make_sense(tmp_path):
    with pytest.raises(ConfigError):
        load_config(str(tmp_path), {"SLA_GOAL_MINUTES": 90, "SLA_LIMIT_MINUTES": 60})


def test_typed_code_is_the_first_40_bits_of_the_keyed_digest_in_crockford_base32():
    # Printed cards carry codes derived this way: the definition must not drift.
    import hashlib
    import hmac

    for nonce in (tokens.new_nonce() for _ in range(200)):
        number = int.from_bytes(hmac.new(b"k", f"code:{nonce}".encode(), hashlib.sha256).digest()[:5], "big")
        expected = "".join(tokens.CODE_ALPHABET[(number >> shift) & 31] for shift in range(35, -1, -5))
        assert tokens.derive_code("k", nonce) == expected


def test_scan_token_is_the_keyed_digest_of_the_nonce():
    import base64
    import hashlib
    import hmac

    nonce = tokens.new_nonce()
    mac = hmac.new(b"k", f"scan:{nonce}".encode(), hashlib.sha256).digest()[:16]
    assert tokens.derive_token("k", "scan", nonce) == base64.urlsafe_b64encode(mac).rstrip(b"=").decode()
