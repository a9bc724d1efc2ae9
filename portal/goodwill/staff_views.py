"""Staff routes: offer from a ticket, approvals, catalogue, ledger.

The ticket page's panel (templates/goodwill/_staff_panel.html) posts here and
comes back to the ticket page. Each route calls one service; the request commits once.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from portal.auth.guards import requires, staff_only
from portal.auth.models import Role
from portal.core.extensions import db
from portal.goodwill import catalogue, ledger, offers
from portal.goodwill.amounts import to_stored, to_typed
from portal.goodwill.forms import ActionForm, DecisionForm, GestureForm, OfferForm
from portal.goodwill.models import Gesture, GestureKind, Offer, OfferStatus
from portal.tickets.models import Ticket
from portal.web.unit_of_work import attempt

bp = Blueprint("goodwill", __name__, url_prefix="/staff/goodwill")


staff_only(bp, Role.AGENT)


def _get(model, object_id: int):
    row = db.session.get(model, object_id)
    if row is None:
        abort(404)
    return row


def _commit(action, success: str, back: str):
    """Run one service call, commit once (or flash the refusal), go back to where it came from."""
    with attempt(success=success):
        action()
    return redirect(back, code=303)


def _errors(form) -> None:
    flash("Please check the form: " + "; ".join(
        f"{name}: {', '.join(errs)}" for name, errs in form.errors.items()), "error")


@bp.post("/tickets/<int:ticket_id>/offer")
def make_offer(ticket_id: int):
    ticket = _get(Ticket, ticket_id)
    back = url_for("queue.ticket", ticket_id=ticket.id, _anchor="goodwill")
    form = OfferForm()
    form.gesture.choices = [(g.id, g.name) for g in catalogue.active_gestures()]
    if not form.validate_on_submit():
        _errors(form)
        return redirect(back, code=303)
    gesture = _get(Gesture, form.gesture.data)
    value = to_stored(gesture.kind, form.value.data) if form.value.data is not None else gesture.value
    wording = form.wording.data or offers.default_wording(gesture, ticket.locale, value)

    with attempt() as outcome:
        offer = offers.make_offer(ticket, current_user, gesture, value, wording)
    if outcome.ok:
        flash("Offer sent to the customer." if offer.status is OfferStatus.OFFERED
              else "This is above your limit: it waits for a lead's approval.", "success")
    return redirect(back, code=303)


@bp.post("/offers/<int:offer_id>/withdraw")
def withdraw(offer_id: int):
    offer = _get(Offer, offer_id)
    form = ActionForm()
    back = url_for("queue.ticket", ticket_id=offer.ticket_id, _anchor="goodwill")
    if not form.validate_on_submit():
        abort(400)
    return _commit(lambda: offers.withdraw(offer, current_user), "Offer withdrawn.", back)


@bp.post("/offers/<int:offer_id>/executed")
def executed(offer_id: int):
    offer = _get(Offer, offer_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    back = url_for("queue.ticket", ticket_id=offer.ticket_id, _anchor="goodwill")
    return _commit(lambda: offers.mark_executed(offer, current_user), "Recorded as done.", back)


@bp.get("/approvals")
@requires(Role.LEAD)
def approvals():
    pending = offers.pending_approvals()
    return render_template("goodwill/approvals.html", offers=pending, approvals_waiting=len(pending),
                           form=DecisionForm(), can_approve=lambda o: offers.can_approve(o, current_user))


@bp.post("/offers/<int:offer_id>/approve")
@requires(Role.LEAD)
def approve(offer_id: int):
    offer = _get(Offer, offer_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    return _commit(lambda: offers.approve(offer, current_user, form.note.data or ""),
                   "Approved and sent to the customer.", url_for("goodwill.approvals"))


@bp.post("/offers/<int:offer_id>/reject")
@requires(Role.LEAD)
def reject(offer_id: int):
    offer = _get(Offer, offer_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    return _commit(lambda: offers.reject(offer, current_user, form.note.data or ""),
                   "Not approved; the colleague sees why.", url_for("goodwill.approvals"))


@bp.route("/catalogue", methods=["GET", "POST"])
@bp.route("/catalogue/<int:gesture_id>", methods=["GET", "POST"])
@requires(Role.ADMIN)
def catalogue_page(gesture_id: int | None = None):
    gesture = _get(Gesture, gesture_id) if gesture_id else None
    form = GestureForm()
    if gesture is not None and not form.is_submitted():
        limits = {limit.role: limit.max_value for limit in gesture.limits}
        form.kind.data, form.name.data, form.currency.data = gesture.kind.value, gesture.name, gesture.currency
        form.value.data = to_typed(gesture.kind, gesture.value)
        form.validity_days.data, form.active.data = gesture.validity_days, gesture.active
        form.agent_limit.data = to_typed(gesture.kind, limits.get("agent", 0))
        form.lead_limit.data = to_typed(gesture.kind, limits.get("lead", 0))
        for lang in catalogue.LANGUAGES:
            getattr(form, f"wording_{lang}").data = gesture.wording.get(lang, "")
    if form.validate_on_submit():
        kind = GestureKind(form.kind.data)
        with attempt() as outcome:
            saved = catalogue.save_gesture(
                kind=kind.value, name=form.name.data, value=to_stored(kind, form.value.data),
                currency=form.currency.data, validity_days=form.validity_days.data,
                wording={lang: getattr(form, f"wording_{lang}").data or "" for lang in catalogue.LANGUAGES},
                limits={"agent": to_stored(kind, form.agent_limit.data),
                        "lead": to_stored(kind, form.lead_limit.data)},
                active=form.active.data, gesture=gesture,
            )
        if outcome.ok:
            flash(f"Saved {saved.name}.", "success")
            return redirect(url_for("goodwill.catalogue_page"), code=303)
    elif form.errors:
        _errors(form)
    return render_template("goodwill/catalogue.html", form=form, gesture=gesture,
                           gestures=catalogue.all_gestures(), to_typed=to_typed)


@bp.get("/ledger")
@requires(Role.LEAD)
def ledger_page():
    return render_template("goodwill/ledger.html", rows=list(ledger.rows(ledger.offers_between())))


@bp.get("/ledger.csv")
@requires(Role.LEAD)
def ledger_csv():
    body = ledger.to_csv(ledger.rows(ledger.offers_between()))
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=goodwill-ledger.csv",
        "X-Content-Type-Options": "nosniff"})
