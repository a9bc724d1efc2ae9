"""The only way WeasyPrint may load anything while printing cards.

Card templates reference their stylesheet, fonts and the brand logo under one
made-up origin. Every other URL (http, file, data, another host, a path that
climbs out of print/) is refused and remembered, so nothing in an order's
fields can make the renderer fetch a URL or read a file.
"""

from __future__ import annotations

import functools
import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from portal.core.paths import PROJECT_ROOT

ASSET_ORIGIN = "https://print-assets.invalid/"
PRINT_ROOT = PROJECT_ROOT / "print"
LOGO_PATH = "brand/logo"


class FetchDenied(ValueError):
    """A URL outside the print assets."""


@functools.cache
def _fetcher_class():
    # WeasyPrint takes about half a second to import; only printing needs it,
    # so the class is built on first use instead of at app start.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PrintAssetFetcher(URLFetcher):
        def __init__(self, root: Path = PRINT_ROOT, logo: tuple[bytes, str] | None = None):
            super().__init__(allowed_protocols=("https",), allow_redirects=False)
            self.root = root.resolve()
            self.logo = logo
            self.denied: list[str] = []

        def fetch(self, url, headers=None):
            try:
                body, mime = self._resolve(url)
            except FetchDenied:
                self.denied.append(url)
                raise
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})

        def _resolve(self, url: str) -> tuple[bytes, str]:
            if not url.startswith(ASSET_ORIGIN):
                raise FetchDenied(f"print templates may not load {url[:80]!r}")
            parts = urlsplit(url)
            if parts.query or parts.fragment:
                raise FetchDenied("print assets have no query strings")
            relative = posixpath.normpath(unquote(parts.path)).lstrip("/")
            if relative == LOGO_PATH and self.logo is not None:
                return self.logo
            path = (self.root / relative).resolve()
            if not path.is_relative_to(self.root) or not path.is_file():
                raise FetchDenied(f"no print asset {relative!r}")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return path.read_bytes(), mime

    return PrintAssetFetcher


def __getattr__(name: str):
    if name == "PrintAssetFetcher":
        return _fetcher_class()
    raise AttributeError(name)
