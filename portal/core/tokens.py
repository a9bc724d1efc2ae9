"""Secret tokens in URLs: 128 random bits, stored only as a SHA-256 digest.

A fast digest is enough here because the input is 128 random bits, not a
password: nobody can enumerate it. Lookups go through an index on the digest
and the final comparison is constant-time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

TOKEN_BYTES = 16  # 128 bits
# base64url of 16 bytes without padding is always 22 characters.
_TOKEN_SHAPE = re.compile(r"\A[A-Za-z0-9_-]{22}\Z")


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def new_token() -> str:
    return _encode(secrets.token_bytes(TOKEN_BYTES))


def new_nonce() -> str:
    return secrets.token_hex(TOKEN_BYTES)


def new_nonces(count: int) -> list[str]:
    """`count` nonces from one read of the system's random source (a batch import needs many)."""
    pool = secrets.token_bytes(TOKEN_BYTES * count)
    return [pool[i:i + TOKEN_BYTES].hex() for i in range(0, len(pool), TOKEN_BYTES)]


def derive_token(key: str, purpose: str, nonce_hex: str) -> str:
    """The scan token of an order: a keyed function of a random per-order nonce.

    The database keeps the nonce and the digest, never the token; without the
    key (configuration, not data) neither reveals it. The print job derives
    the token again when it lays out a card.
    """
    # hmac.digest is the one-shot C path: an import derives two of these per order.
    mac = hmac.digest(key.encode(), f"{purpose}:{nonce_hex}".encode(), "sha256")
    return _encode(mac[:TOKEN_BYTES])


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def well_formed(token: str) -> bool:
    return bool(_TOKEN_SHAPE.match(token or ""))


def matches(token: str, stored_digest: str) -> bool:
    return hmac.compare_digest(digest(token), stored_digest)


# Crockford's base32: no I, L, O or U, so a typed code survives look-alikes.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8  # 40 bits; the typed-code page is rate-limited
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})
# Every 10-bit value as its two base-32 digits: four lookups spell a 40-bit code.
_PAIRS = [a + b for a in CODE_ALPHABET for b in CODE_ALPHABET]


def derive_code(key: str, nonce_hex: str) -> str:
    """The first 40 bits of HMAC(key, "code:" + nonce), as 8 Crockford base-32 digits."""
    n = int.from_bytes(hmac.digest(key.encode(), f"code:{nonce_hex}".encode(), "sha256")[:5], "big")
    return _PAIRS[n >> 30] + _PAIRS[(n >> 20) & 1023] + _PAIRS[(n >> 10) & 1023] + _PAIRS[n & 1023]


def normalise_code(typed: str) -> str:
    """Upper-case, drop spaces and dashes, map look-alike letters to their digits."""
    cleaned = "".join(ch for ch in (typed or "").upper() if ch not in " -\t")
    return cleaned.translate(_LOOKALIKES)
