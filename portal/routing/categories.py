"""The kinds of problem a customer can report, and their names in the customer's language.

Routing rules and per-category response targets are keyed by them, so they live
here, below the tickets room, which stores one on every ticket.
"""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l


class Category(enum.StrEnum):
    DAMAGED = "damaged"
    MISSING_ITEM = "missing_item"
    WRONG_ITEM = "wrong_item"
    LATE = "late"
    QUALITY = "quality"
    OTHER = "other"


CATEGORY_LABELS = {
    Category.DAMAGED: _l("Damaged"),
    Category.MISSING_ITEM: _l("Missing item"),
    Category.WRONG_ITEM: _l("Wrong item"),
    Category.LATE: _l("Late"),
    Category.QUALITY: _l("Quality"),
    Category.OTHER: _l("Other"),
}


def category_label(category: Category | str) -> str:
    return str(CATEGORY_LABELS[Category(category)])
