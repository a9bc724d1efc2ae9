"""Names of ticket states as the customer reads them."""

from flask_babel import lazy_gettext as _l

from portal.tickets.models import Status

STATUS_LABELS = {
    Status.OPEN: _l("We are looking into it"),
    Status.WAITING_CUSTOMER: _l("We answered you"),
    Status.RESOLVED: _l("Solved? Please confirm"),
    Status.CLOSED: _l("Solved"),
}


def status_label(status: Status) -> str:
    return str(STATUS_LABELS[status])
