"""How many bytes a customer's phone downloads for the scan page, per language.

Serves the portal with werkzeug on 127.0.0.1 over a fresh SQLite database, then
follows a scan like a browser would (token URL, 303, order page, its CSS and JS),
counting status line, headers and body of every response. The budget is 50 KB.
Prints a table, then (last line) one JSON object.

    python bench/scan_size.py
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import threading
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BUDGET = 50 * 1024
KEYS = {"PORTAL_SECRET_KEY": "bench-secret-" + "s" * 40, "PORTAL_TOKEN_KEY": "bench-token-" + "t" * 40}


def _wire_size(response: requests.Response) -> int:
    head = f"HTTP/1.1 {response.status_code} {response.reason}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in response.headers.items()) + "\r\n"
    return len(head.encode()) + len(response.content)


def measure(base: str, token: str, locale: str) -> dict[str, int]:
    session = requests.Session()
    session.cookies.set("portal_lang", locale)
    sizes = {}
    first = session.get(f"{base}/o/{token}", allow_redirects=False)
    sizes["/o/<token>"] = _wire_size(first)
    page = session.get(base + first.headers["Location"])
    sizes["/order"] = _wire_size(page)
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+)"', page.text):
        sizes[asset] = _wire_size(session.get(base + asset))
    return sizes


def main() -> None:
    os.environ.update(KEYS)
    from werkzeug.serving import make_server

    from portal import create_app
    from portal.core.database import write_intent
    from portal.core.extensions import db
    from portal.core.migrating import upgrade_to_heads
    from portal.orders import services as orders

    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/size.db",
                          "RATELIMIT_ENABLED": False})
        with app.app_context(), write_intent():
            upgrade_to_heads()
            order = orders.create_order(key=app.config["TOKEN_KEY"], number="SHOP-20417", locale="en")
            token = orders.scan_token(order, app.config["TOKEN_KEY"])
            db.session.commit()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        figures = {}
        for locale in ("en", "fa", "hy", "ro"):
            sizes = measure(base, token, locale)
            figures[locale] = sum(sizes.values())
            print(f"{locale}: {figures[locale]:>6} bytes  " + "  ".join(f"{k}={v}" for k, v in sizes.items()))
        server.shutdown()
    worst = max(figures.values())
    print(json.dumps({"scan_page_bytes": figures, "worst_bytes": worst, "budget_bytes": BUDGET,
                      "within_budget": worst < BUDGET}))


if __name__ == "__main__":
    main()
