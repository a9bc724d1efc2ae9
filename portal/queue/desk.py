"""What every ticket-desk route does: find the ticket, run one service for a valid form, report."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for

from portal.core.extensions import db
from portal.tickets.models import Ticket
from portal.web.unit_of_work import attempt


def ticket_or_404(ticket_id: int) -> Ticket:
    ticket = db.session.get(Ticket, ticket_id)
    if ticket is None:
        abort(404)
    return ticket


def act(ticket_id: int, form, action, success: str):
    """Run `action(ticket)` for a valid form; the request commits once and goes back to the desk."""
    ticket = ticket_or_404(ticket_id)
    if not form.validate_on_submit():
        flash("Please fill in the form: " + "; ".join(
            f"{name}: {', '.join(errs)}" for name, errs in form.errors.items()), "error")
    else:
        with attempt(success=success):
            action(ticket)
    return redirect(url_for("queue.ticket", ticket_id=ticket_id), code=303)
