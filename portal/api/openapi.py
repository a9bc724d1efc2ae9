"""The OpenAPI 3.1 description of the orders API, also used to validate request bodies.

OpenAPI 3.1 schemas are JSON Schema 2020-12, so the same document that is
served at /api/v1/openapi.json checks every POST (with `jsonschema`).
"""

from __future__ import annotations

from functools import lru_cache

from jsonschema import Draft202012Validator, FormatChecker


def _text(max_length: int, min_length: int = 0) -> dict:
    return {"type": ["string", "null"], "minLength": min_length, "maxLength": max_length}


ITEM = {
    "type": "object", "additionalProperties": False, "required": ["name"],
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 200},
        "qty": {"type": "integer", "minimum": 1, "maximum": 99999, "default": 1},
        "sku": _text(64),
    },
}
ORDER_FIELDS = {
    "number": {"type": "string", "minLength": 1, "maxLength": 64,
               "description": "The order number customers see; unique."},
    "source": {"type": "string", "pattern": "^[a-z0-9_-]{1,32}$", "default": "api",
               "description": "Your system's name; (source, external_id) identifies an order."},
    "external_id": _text(128, 1),
    "customer_name": _text(200),
    "email": {"type": ["string", "null"], "maxLength": 254, "format": "email"},
    "phone": {**_text(40), "description": "Digits, spaces and + ( ) - . /; an extension may "
                                          "follow: 555-0100 ext 12, x12 or #12."},
    "locale": {**_text(16), "description": "Language tag such as en, fa, hy, ro or ro-RO."},
    "country": {"type": ["string", "null"], "pattern": "^[A-Za-z]{2}$",
                "description": "ISO 3166 two-letter code; guesses the locale when none is given."},
    "ordered_at": {"type": ["string", "null"], "format": "date-time"},
    "items": {"type": "array", "maxItems": 200, "items": {"$ref": "#/components/schemas/Item"}},
}
ORDER_OUT = {
    "type": "object",
    "properties": {**{k: v for k, v in ORDER_FIELDS.items()},
                   "created_at": {"type": "string", "format": "date-time"}},
}
RESULT = {
    "type": "object", "required": ["result", "order"],
    "properties": {"result": {"enum": ["created", "updated", "unchanged"]},
                   "order": {"$ref": "#/components/schemas/Order"}},
}
ERROR = {
    "type": "object", "required": ["error", "message"],
    "properties": {
        "error": {"type": "string"}, "message": {"type": "string"},
        "errors": {"type": "array", "description": "With 422: each problem and its place.",
                   "items": {"type": "object", "properties": {
                       "index": {"type": "integer", "description": "Which order (0 for a single order)."},
                       "path": {"type": "string", "description": (
                           "JSON pointer into the request body: /orders/1/email in a batch, "
                           "/email for a single order.")},
                       "message": {"type": "string"}}}},
    },
}


def _json(schema_ref: str, description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}}}


DOCUMENT = {
    "openapi": "3.1.0",
    "info": {
        "title": "Feedback portal: orders API", "version": "1.0.0",
        "description": (
            "Send orders so the portal can print each one's feedback card. Posting the same "
            "order again (same source and external_id, or same number) updates it or changes "
            "nothing, also when the same request is sent twice at once. Every field is checked: "
            "one that does not validate refuses the request (422) and says where. Scan tokens "
            "and typed codes are never returned: the portal prints the cards."
        ),
    },
    "servers": [{"url": "/api/v1"}],
    "security": [{"apiKey": []}],
    "paths": {
        "/orders": {"post": {
            "summary": "Create or update one order, or a batch of up to 500 (all or nothing)",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "oneOf": [{"$ref": "#/components/schemas/OrderInput"},
                          {"$ref": "#/components/schemas/OrderBatch"}]}}}},
            "responses": {
                "201": _json("Result", "One order, created"),
                "200": {"description": "One order updated or unchanged (Result), or a batch "
                                       "({\"results\": [Result, ...]})",
                        "content": {"application/json": {"schema": {"oneOf": [
                            {"$ref": "#/components/schemas/Result"},
                            {"$ref": "#/components/schemas/BatchResult"}]}}}},
                "400": _json("Error", "The body is not JSON"),
                "401": _json("Error", "Missing, unknown or revoked API key"),
                "409": _json("Error", "Concurrent requests kept changing the same orders; nothing "
                                      "was stored. Send the request again."),
                "413": _json("Error", "The body is larger than 5 MB; send smaller batches"),
                "422": _json("Error", "Invalid orders (a field, an order listed twice in the batch, "
                                      "an order number taken by another order); nothing was stored"),
            },
        }},
        "/orders/{number}": {"get": {
            "summary": "One order by its number",
            "parameters": [{"name": "number", "in": "path", "required": True,
                            "schema": {"type": "string"}}],
            "responses": {"200": _json("Order", "The order"),
                          "401": _json("Error", "Missing, unknown or revoked API key"),
                          "404": _json("Error", "No order with this number")},
        }},
    },
    "components": {
        "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer",
                                       "description": "A key from `portal create-api-key NAME`."}},
        "schemas": {
            "Item": ITEM,
            "OrderInput": {"type": "object", "additionalProperties": False, "required": ["number"],
                           "properties": ORDER_FIELDS},
            "OrderBatch": {"type": "object", "additionalProperties": False, "required": ["orders"],
                           "properties": {"orders": {"type": "array", "minItems": 1, "maxItems": 500,
                                                     "items": {"$ref": "#/components/schemas/OrderInput"}}}},
            "Order": ORDER_OUT,
            "Result": RESULT,
            "BatchResult": {"type": "object", "properties": {
                "results": {"type": "array", "items": {"$ref": "#/components/schemas/Result"}}}},
            "Error": ERROR,
        },
    },
}


@lru_cache(maxsize=8)
def validator(schema_name: str) -> Draft202012Validator:
    root = {"$ref": f"#/components/schemas/{schema_name}", "components": DOCUMENT["components"]}
    return Draft202012Validator(root, format_checker=FormatChecker())


# What a value of these fields must look like, where the schema says it with a pattern.
_PATTERN_MESSAGES = {
    "country": "must be a two-letter country code such as GB or RO",
    "source": "must be 1 to 32 lowercase letters, digits, '-' or '_'",
}
_FORMAT_MESSAGES = {
    "email": "is not an email address",
    "date-time": "is not a date and time such as 2026-02-01T10:00:00Z",
}
# What a list holds, to say its limits: "at most 500 orders per request".
_LISTS = {"orders": ("orders", "per request"), "items": ("items", "per order")}
_JSON_TYPES = {"string": "text", "integer": "a whole number", "array": "a list", "object": "an object",
               "null": "null", "number": "a number", "boolean": "true or false"}


def _shown(value) -> str:
    """A value quoted in a message, cut short: the request may hold megabytes."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _message(error) -> str:
    """The problem in words, without echoing more of the request than a short quote."""
    kind, limit = error.validator, error.validator_value
    field = next((p for p in reversed(error.absolute_path) if isinstance(p, str)), "")
    if kind in {"maxItems", "minItems"}:
        what, per = _LISTS.get(field, ("entries", "here"))
        if kind == "minItems" and limit == 1:
            return "must not be empty"
        return f"{'at most' if kind == 'maxItems' else 'at least'} {limit} {what} {per}"
    if kind == "maxLength":
        return f"at most {limit} characters"
    if kind == "minLength":
        return "must not be empty" if limit == 1 else f"at least {limit} characters"
    if kind == "type":
        types = [limit] if isinstance(limit, str) else limit
        return "must be " + " or ".join(_JSON_TYPES.get(t, t) for t in types)
    if kind == "pattern":
        return _PATTERN_MESSAGES.get(field, "does not have the expected form")
    if kind == "format":
        return f"{_shown(error.instance)} {_FORMAT_MESSAGES.get(limit, f'is not a valid {limit}')}"
    if kind in {"minimum", "maximum"}:
        return f"must be {'at least' if kind == 'minimum' else 'at most'} {limit}"
    # required, additionalProperties: jsonschema names the properties, which are short.
    return error.message if len(error.message) <= 200 else error.message[:197] + "..."


def errors_for(document, schema_name: str) -> list[dict]:
    """Every problem in the document: where it is and what is wrong, sorted by place."""
    found = []
    for error in validator(schema_name).iter_errors(document):
        path = "/".join(str(p) for p in error.absolute_path)
        found.append({"path": "/" + path, "message": _message(error)})
    return sorted(found, key=lambda e: e["path"])
