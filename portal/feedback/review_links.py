"""Public review links. Shown to every customer, whatever they rated (PRINCIPLES)."""

from __future__ import annotations

from flask import current_app


def review_links() -> list[dict]:
    links = []
    for entry in current_app.config["REVIEW_LINKS"]:
        url = str(entry.get("url", ""))
        if url.startswith("https://"):
            links.append({"name": str(entry.get("name", url)), "url": url})
    return links
