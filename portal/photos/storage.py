"""Where photo bytes live. A local folder by default; an S3-compatible store can
implement the same two methods later and be chosen by configuration."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from typing import Protocol

from flask import Flask, current_app
from PIL import Image

_KEY = re.compile(r"[0-9a-f]{32}(\.thumb)?\.jpg")


def new_key() -> str:
    """A server-generated name: 128 random bits, nothing from the customer."""
    return f"{secrets.token_hex(16)}.jpg"


def valid_key(key: str) -> bool:
    return bool(_KEY.fullmatch(key or ""))


def thumb_key(key: str) -> str:
    return key.removesuffix(".jpg") + ".thumb.jpg"


class PhotoStore(Protocol):
    def save(self, key: str, data: bytes) -> None: ...

    def load(self, key: str) -> bytes: ...


class LocalFolderStore:
    """Files in a folder outside static/, fanned out by the key's first two characters."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        if not _KEY.fullmatch(key):
            raise ValueError("not a photo key")
        return self.root / key[:2] / key

    def save(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(data)
        os.replace(tmp, path)  # a reader never sees half a file

    def load(self, key: str) -> bytes:
        return self._path(key).read_bytes()


def init_store(app: Flask) -> None:
    # Pillow's own bomb guard follows the configured limit (validation checks it too).
    Image.MAX_IMAGE_PIXELS = app.config["PHOTO_MAX_PIXELS"]
    root = app.config.get("PHOTO_STORAGE_DIR") or os.path.join(app.instance_path, "photos")
    app.extensions["photo_store"] = LocalFolderStore(root)


def current_store() -> PhotoStore:
    return current_app.extensions["photo_store"]
