"""Orders-in fixtures: an import folder per test and CSV writers."""

import pytest


@pytest.fixture(autouse=True)
def import_folder(app, tmp_path):
    folder = tmp_path / "imports"
    app.config["IMPORT_STORAGE_DIR"] = str(folder)
    return folder


@pytest.fixture
def write_csv(tmp_path):
    """Write bytes (or text as UTF-8) to a file and return its path."""

    def write(content, name="orders.csv", encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return write

