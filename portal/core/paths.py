"""Where the project's own folders are (templates, print assets, the instance folder)."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
