"""Staff workspace views: the queue and the ticket desk. Every route needs logged-in staff."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, render_template, request
from flask_login import current_user

from portal.auth.guards import staff_only
from portal.auth.models import Role, StaffUser
from portal.auth.services import active_staff
from portal.core.database import utcnow
from portal.core.extensions import db
from portal.goodwill import offers as goodwill_offers
from portal.goodwill.panels import staff_panel as goodwill_panel
from portal.hotline.forms import CallLogForm
from portal.hotline.services import callback_for
from portal.photos import services as photos
from portal.queue import canned, presence, queries
from portal.queue.desk import act, ticket_or_404
from portal.queue.forms import ClaimForm, FinalOfferForm, FlagForm, HandOverForm, NoteForm, ReplyForm, ResolveForm
from portal.routing.categories import Category
from portal.routing.models import Queue
from portal.routing.targets import time_state
from portal.tickets import services as tickets
from portal.tickets.final_offer import final_offer_allowed
from portal.tickets.flags import hidden_for
from portal.tickets.models import Status, Ticket

bp = Blueprint("queue", __name__, url_prefix="/staff")


staff_only(bp, Role.AGENT)


@bp.get("/")
def index():
    view = request.args.get("view", queries.DEFAULT_VIEW)
    if view not in queries.VIEWS:
        view = queries.DEFAULT_VIEW
    filters = queries.Filters.from_args(request.args)
    now = utcnow()
    rows = queries.queue(view, current_user.id, filters, now)
    return render_template(
        "queue/index.html", rows=rows, view=view, views=queries.VIEWS, now=now,
        time_state=time_state, claim_form=ClaimForm(), filters=filters,
        queues=db.session.scalars(db.select(Queue).where(Queue.active).order_by(Queue.name)).all(),
        categories=[c.value for c in Category],
        callbacks=queries.pending_callbacks([t.id for t in rows]) if view == "callbacks" else {},
        approvals_waiting=goodwill_offers.pending_count() if current_user.is_lead else None,
    )


def render_desk(ticket: Ticket, reply_form: ReplyForm | None = None, held: bool = False, status=200):
    # Only the reply form may carry what was posted (a held draft); the others start empty.
    handover = HandOverForm(formdata=None)
    handover.to.choices = [(s.id, f"{s.name} ({s.role.value})") for s in active_staff()
                           if s.id != ticket.owner_id]
    after = current_app.config["FINAL_OFFER_AFTER"]
    offer_form = FinalOfferForm(formdata=None, body=canned.final_offer_text(ticket, current_user.name))
    now = utcnow()
    return render_template(
        "queue/ticket.html", ticket=ticket, now=now, time_state=time_state, Status=Status,
        claim_form=ClaimForm(formdata=None),
        reply_form=reply_form or ReplyForm(formdata=None, version=ticket.version),
        note_form=NoteForm(formdata=None), handover_form=handover, resolve_form=ResolveForm(formdata=None),
        flag_form=FlagForm(formdata=None), offer_form=offer_form, held=held,
        final_offer_possible=final_offer_allowed(ticket, after), final_offer_after=after,
        canned=canned.filled_for_ticket(ticket, current_user.name),
        others=presence.others(ticket.id, current_user.id, now),
        callback=callback_for(ticket), call_form=CallLogForm(formdata=None), hidden_for=hidden_for,
        photos_by_message=photos.for_messages(m.id for m in ticket.messages),
        goodwill=goodwill_panel(ticket, current_user),
    ), status


@bp.get("/tickets/<int:ticket_id>")
def ticket(ticket_id: int):
    # Read-only: "I am looking at it" is sent by queue.js's heartbeat (a POST), as soon as
    # the page loads, so a GET never waits for SQLite's write lock.
    return render_desk(ticket_or_404(ticket_id))


@bp.post("/tickets/<int:ticket_id>/claim")
def claim(ticket_id: int):
    return act(ticket_id, ClaimForm(), lambda t: tickets.claim_ticket(t.id, current_user),
                "You own this ticket now.")


@bp.post("/tickets/<int:ticket_id>/reply")
def reply(ticket_id: int):
    form = ReplyForm()
    ticket = ticket_or_404(ticket_id)
    stale = bool(form.version.data) and form.version.data != str(ticket.version)
    if form.validate_on_submit() and stale and not form.send_anyway.data:
        # Someone changed the ticket after this reply was started: hold it, keep the draft.
        flash("The ticket changed since you opened it. Your reply was NOT sent: read what changed, "
              "then send it again.", "error")
        held = ReplyForm(formdata=None, version=ticket.version, body=form.body.data)
        return render_desk(ticket, reply_form=held, held=True, status=409)
    return act(ticket_id, form, lambda t: tickets.staff_reply(t, current_user, form.body.data),
                "Reply sent to the customer.")


@bp.post("/tickets/<int:ticket_id>/note")
def note(ticket_id: int):
    form = NoteForm()
    return act(ticket_id, form, lambda t: tickets.add_note(t, current_user, form.body.data),
                "Internal note added.")


@bp.post("/tickets/<int:ticket_id>/hand-over")
def hand_over(ticket_id: int):
    form = HandOverForm()
    form.to.choices = [(s.id, s.name) for s in active_staff()]

    def action(t):
        to = db.session.get(StaffUser, form.to.data)
        tickets.hand_over(t, current_user, to, form.note.data)

    return act(ticket_id, form, action, "Ticket handed over.")


@bp.post("/tickets/<int:ticket_id>/resolve")
def resolve(ticket_id: int):
    form = ResolveForm()
    return act(ticket_id, form, lambda t: tickets.resolve(t, current_user, form.message.data),
                "Marked resolved; the customer is asked to confirm.")

