"""The yardstick: a bare Flask + SQLite + Jinja scan page, nothing else.

Same shape as the portal's scan (token digest lookup, session cookie, 303,
order page of the same size), without our extensions, CSRF, headers,
rate limits or ORM. Run by bench/scan_page.py under gunicorn.
"""

import hashlib
import os
import sqlite3

from flask import Flask, abort, redirect, render_template_string, session

DB = os.environ["BARE_DB"]
PAGE = open(os.environ["BARE_TEMPLATE"], encoding="utf-8").read()

app = Flask(__name__)
app.secret_key = "bare-bench-secret"


def _db():
    conn = sqlite3.connect(DB)
    conn.execute("PRAGMA journal_mode=WAL")
    return conn


@app.get("/o/<token>")
def scan(token):
    digest = hashlib.sha256(token.encode()).hexdigest()
    with _db() as conn:
        row = conn.execute("SELECT id FROM orders WHERE token_digest = ?", (digest,)).fetchone()
    if row is None:
        abort(404)
    session["order_id"] = row[0]
    return redirect("/order", code=303)


@app.get("/order")
def order():
    with _db() as conn:
        row = conn.execute("SELECT number, locale FROM orders WHERE id = ?", (session.get("order_id", 0),)).fetchone()
    if row is None:
        abort(404)
    return render_template_string(PAGE, number=row[0], locale=row[1])
