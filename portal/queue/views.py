"""Staff workspace views. Every route needs a logged-in, active staff member."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from portal.auth.models import StaffUser
from portal.auth.services import active_staff
from portal.database import utcnow
from portal.errors import DomainError
from portal.extensions import db
from portal.queue import queries
from portal.queue.forms import ClaimForm, HandOverForm, NoteForm, ReplyForm, ResolveForm
from portal.routing.targets import time_state
from portal.tickets import services as tickets
from portal.tickets.models import Status, Ticket

bp = Blueprint("queue", __name__, url_prefix="/staff")


@bp.before_request
@login_required
def _staff_only():
    """Every route of this blueprint is for logged-in staff."""


@bp.get("/")
def index():
    view = request.args.get("view", "open")
    if view not in queries.VIEWS:
        view = "open"
    rows = queries.queue(view, current_user.id)
    return render_template(
        "queue/index.html", rows=rows, view=view, views=queries.VIEWS, now=utcnow(),
        time_state=time_state, claim_form=ClaimForm(),
    )


def _ticket_or_404(ticket_id: int) -> Ticket:
    ticket = db.session.get(Ticket, ticket_id)
    if ticket is None:
        abort(404)
    return ticket


@bp.get("/tickets/<int:ticket_id>")
def ticket(ticket_id: int):
    ticket = _ticket_or_404(ticket_id)
    handover = HandOverForm()
    handover.to.choices = [(s.id, f"{s.name} ({s.role.value})") for s in active_staff()
                           if s.id != ticket.owner_id]
    reply = ReplyForm(version=ticket.version)
    return render_template(
        "queue/ticket.html", ticket=ticket, now=utcnow(), time_state=time_state, Status=Status,
        claim_form=ClaimForm(), reply_form=reply, note_form=NoteForm(), handover_form=handover,
        resolve_form=ResolveForm(),
    )


def _act(ticket_id: int, form, action, success: str):
    """Run one service call for a valid form, commit once, report the outcome."""
    ticket = _ticket_or_404(ticket_id)
    if not form.validate_on_submit():
        flash("Please fill in the form: " + "; ".join(
            f"{name}: {', '.join(errs)}" for name, errs in form.errors.items()), "error")
        return redirect(url_for("queue.ticket", ticket_id=ticket_id), code=303)
    try:
        action(ticket)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        flash(success, "success")
    return redirect(url_for("queue.ticket", ticket_id=ticket_id), code=303)


@bp.post("/tickets/<int:ticket_id>/claim")
def claim(ticket_id: int):
    return _act(ticket_id, ClaimForm(), lambda t: tickets.claim_ticket(t.id, current_user),
                "You own this ticket now.")


@bp.post("/tickets/<int:ticket_id>/reply")
def reply(ticket_id: int):
    form = ReplyForm()
    return _act(ticket_id, form, lambda t: tickets.staff_reply(t, current_user, form.body.data),
                "Reply sent to the customer.")


@bp.post("/tickets/<int:ticket_id>/note")
def note(ticket_id: int):
    form = NoteForm()
    return _act(ticket_id, form, lambda t: tickets.add_note(t, current_user, form.body.data),
                "Internal note added.")


@bp.post("/tickets/<int:ticket_id>/hand-over")
def hand_over(ticket_id: int):
    form = HandOverForm()
    form.to.choices = [(s.id, s.name) for s in active_staff()]

    def action(t):
        to = db.session.get(StaffUser, form.to.data)
        tickets.hand_over(t, current_user, to, form.note.data)

    return _act(ticket_id, form, action, "Ticket handed over.")


@bp.post("/tickets/<int:ticket_id>/resolve")
def resolve(ticket_id: int):
    form = ResolveForm()
    return _act(ticket_id, form, lambda t: tickets.resolve(t, current_user, form.message.data),
                "Marked resolved; the customer is asked to confirm.")
