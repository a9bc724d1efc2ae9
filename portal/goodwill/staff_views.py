"""Staff routes: offer from a ticket, approvals, catalogue, ledger.

The ticket page's panel (templates/goodwill/_staff_panel.html) posts here and
comes back to the ticket page. Each route calls one service and commits once.
"""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from portal.core.errors import DomainError
from portal.core.extensions import db
from portal.goodwill import catalogue, ledger, offers
from portal.goodwill.amounts import to_stored, to_typed
from portal.goodwill.forms import ActionForm, DecisionForm, GestureForm, OfferForm
from portal.goodwill.models import Gesture, Offer, OfferStatus
from portal.tickets.models import Ticket

bp = Blueprint("goodwill", __name__, url_prefix="/staff/goodwill")


@bp.before_request
@login_required
def _staff_only():
    """Every route here is for logged-in staff."""


def leads_only(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_lead:
            abort(403)
        return view(*args, **kwargs)
    return wrapper


def admins_only(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_user.role.value != "admin":
            abort(403)
        return view(*args, **kwargs)
    return wrapper


def _get(model, object_id: int):
    row = db.session.get(model, object_id)
    if row is None:
        abort(404)
    return row


def _commit(action, success: str, back: str):
    try:
        action()
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        flash(success, "success")
    return redirect(back, code=303)


def _errors(form) -> None:
    flash("Please check the form: " + "; ".join(
        f"{name}: {', '.join(errs)}" for name, errs in form.errors.items()), "error")


@bp.app_context_processor
def _panel_helpers():
    def goodwill_staff_panel(ticket: Ticket) -> dict:
        form = OfferForm()
        gestures = catalogue.active_gestures()
        form.gesture.choices = [(g.id, g.name) for g in gestures]
        return {
            "form": form, "gestures": gestures, "offers": offers.for_ticket(ticket.id),
            "defaults": {g.id: offers.default_wording(g, ticket.locale) for g in gestures},
            "typed": {g.id: to_typed(g.kind, g.value) for g in gestures},
            "action_form": ActionForm(), "decision_form": DecisionForm(),
            "can_approve": lambda o: offers.can_approve(o, current_user),
        }
    def goodwill_pending_count() -> int:
        return offers.pending_count()

    return {"goodwill_staff_panel": goodwill_staff_panel, "goodwill_pending_count": goodwill_pending_count}


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

    try:
        offer = offers.make_offer(ticket, current_user, gesture, value, wording)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
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
@leads_only
def approvals():
    return render_template("goodwill/approvals.html", offers=offers.pending_approvals(),
                           form=DecisionForm(), can_approve=lambda o: offers.can_approve(o, current_user))


@bp.post("/offers/<int:offer_id>/approve")
@leads_only
def approve(offer_id: int):
    offer = _get(Offer, offer_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    return _commit(lambda: offers.approve(offer, current_user, form.note.data or ""),
                   "Approved and sent to the customer.", url_for("goodwill.approvals"))


@bp.post("/offers/<int:offer_id>/reject")
@leads_only
def reject(offer_id: int):
    offer = _get(Offer, offer_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    return _commit(lambda: offers.reject(offer, current_user, form.note.data or ""),
                   "Not approved; the colleague sees why.", url_for("goodwill.approvals"))


@bp.route("/catalogue", methods=["GET", "POST"])
@bp.route("/catalogue/<int:gesture_id>", methods=["GET", "POST"])
@admins_only
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
        from portal.goodwill.models import GestureKind

        kind = GestureKind(form.kind.data)
        try:
            saved = catalogue.save_gesture(
                kind=kind.value, name=form.name.data, value=to_stored(kind, form.value.data),
                currency=form.currency.data, validity_days=form.validity_days.data,
                wording={lang: getattr(form, f"wording_{lang}").data or "" for lang in catalogue.LANGUAGES},
                limits={"agent": to_stored(kind, form.agent_limit.data),
                        "lead": to_stored(kind, form.lead_limit.data)},
                active=form.active.data, gesture=gesture,
            )
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            flash(f"Saved {saved.name}.", "success")
            return redirect(url_for("goodwill.catalogue_page"), code=303)
    elif form.errors:
        _errors(form)
    return render_template("goodwill/catalogue.html", form=form, gesture=gesture,
                           gestures=catalogue.all_gestures(), to_typed=to_typed)


@bp.get("/ledger")
@leads_only
def ledger_page():
    return render_template("goodwill/ledger.html", rows=list(ledger.rows(ledger.offers_between())))


@bp.get("/ledger.csv")
@leads_only
def ledger_csv():
    body = ledger.to_csv(ledger.rows(ledger.offers_between()))
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=goodwill-ledger.csv",
        "X-Content-Type-Options": "nosniff"})
