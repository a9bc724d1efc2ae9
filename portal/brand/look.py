"""How the brand looks on a card and a page: name, colours, logo."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BrandLook:
    name: str
    primary_colour: str = "#1f4e79"
    accent_colour: str = "#f0a500"
    logo: tuple[bytes, str] | None = None  # (bytes, mime type)
