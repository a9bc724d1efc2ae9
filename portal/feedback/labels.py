"""Customer-facing names for ticket states and categories."""

from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from portal.tickets.models import Category, Status

STATUS_LABELS = {
    Status.OPEN: _l("We are looking into it"),
    Status.WAITING_CUSTOMER: _l("We answered you"),
    Status.RESOLVED: _l("Solved? Please confirm"),
    Status.CLOSED: _l("Solved"),
}
CATEGORY_LABELS = {
    Category.DAMAGED: _l("Damaged"),
    Category.MISSING_ITEM: _l("Missing item"),
    Category.WRONG_ITEM: _l("Wrong item"),
    Category.LATE: _l("Late"),
    Category.QUALITY: _l("Quality"),
    Category.OTHER: _l("Other"),
}


def status_label(status: Status) -> str:
    return str(STATUS_LABELS[status])


def category_label(category: Category) -> str:
    return str(CATEGORY_LABELS[category])


def ltr(value) -> Markup:
    """Keep an order number or code left-to-right inside right-to-left text."""
    return Markup('<bdi dir="ltr">{}</bdi>').format(value)
