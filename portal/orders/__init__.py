"""Orders: what was shipped, how it came in, and the scan token on its card.

Scan token design. Each order gets a random 128-bit nonce at intake. Its
scan token is HMAC-SHA256(TOKEN_KEY, "scan:" + nonce), truncated to 128 bits,
and its typed code is derived the same way ("code:" + nonce, 40 bits in
Crockford base32). The database stores the nonce and the SHA-256 digests of
the token and the code, never the token itself: a copy of the database
(a backup, a leaked dump, the API) cannot open any customer's page without
TOKEN_KEY, which lives in configuration. The print job derives each token
again from the nonce when it lays out a card, so nothing has to be kept
"for printing later". TOKEN_KEY is separate from SECRET_KEY so rotating
sessions never breaks printed cards.

Intake channels (CSV import, Shopify and WooCommerce webhooks, the JSON
API) all turn their input into an `OrderRecord` (records.py) and go through
one batched create-or-update path (upsert.py), so every order gets its
token the same way and re-sent orders change nothing.
"""
