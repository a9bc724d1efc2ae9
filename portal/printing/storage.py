"""Where generated PDFs are kept: a small interface, a local folder by default.

The pipeline writes a complete file locally first; `put` then moves it into
the store in one step, so the store only ever holds finished PDFs. An
S3-compatible store would implement the same three methods.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import IO, Protocol


class PdfStorage(Protocol):
    def put(self, key: str, local_file: Path) -> int: ...
    def open(self, key: str) -> IO[bytes]: ...
    def exists(self, key: str) -> bool: ...


class LocalStorage:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        if "/" in key or "\\" in key or key.startswith("."):
            raise ValueError("storage keys are plain file names")
        return self.root / key

    def scratch_dir(self) -> Path:
        """A folder on the same file system, so `put` is a rename."""
        scratch = self.root / ".scratch"
        scratch.mkdir(exist_ok=True)
        return scratch

    def put(self, key: str, local_file: Path) -> int:
        target = self._path(key)
        try:
            os.replace(local_file, target)
        except OSError:  # another file system: copy beside the target, then rename
            partial = target.with_name("." + key + ".partial")
            shutil.copyfile(local_file, partial)
            os.replace(partial, target)
            Path(local_file).unlink(missing_ok=True)
        return target.stat().st_size

    def open(self, key: str) -> IO[bytes]:
        return self._path(key).open("rb")

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()


def get_storage(app) -> PdfStorage:
    return LocalStorage(app.config.get("PRINT_STORAGE_DIR")
                        or Path(app.instance_path) / "prints")
