"""More desk routes: abuse flags, the final offer, presence heartbeats, the audit view.

They answer under /staff like the queue; the ticket page links to them as `desk.*`.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request
from flask_login import current_user

from portal.auth.guards import requires, staff_only
from portal.auth.models import Role
from portal.core.database import utcnow
from portal.core.extensions import db
from portal.queue import presence
from portal.queue.audit_export import history_rows, to_csv
from portal.queue.desk import act, ticket_or_404
from portal.queue.forms import FinalOfferForm, FlagForm
from portal.tickets.final_offer import make_final_offer
from portal.tickets.flags import flag_message
from portal.tickets.models import Message
from portal.web.unit_of_work import attempt

bp = Blueprint("desk", __name__, url_prefix="/staff")
staff_only(bp, Role.AGENT)


@bp.post("/messages/<int:message_id>/flag")
def flag(message_id: int):
    message = db.session.get(Message, message_id)
    if message is None:
        abort(404)
    form = FlagForm()
    return act(message.ticket_id, form,
                lambda t: flag_message(message, current_user, form.kind.data, form.reason.data),
                "Message flagged. It stays in the conversation, folded away for colleagues.")


@bp.post("/tickets/<int:ticket_id>/final-offer")
def final_offer(ticket_id: int):
    form = FinalOfferForm()
    after = current_app.config["FINAL_OFFER_AFTER"]
    return act(ticket_id, form,
                lambda t: make_final_offer(t, current_user, form.body.data, after=after),
                "Final offer sent; the ticket is closed as \"final offer made\".")


@bp.post("/tickets/<int:ticket_id>/presence")
def heartbeat(ticket_id: int):
    """JSON heartbeat from static/js/queue.js (CSRF token in the X-CSRFToken header)."""
    ticket = ticket_or_404(ticket_id)
    state = (request.get_json(silent=True) or {}).get("state", "viewing")
    now = utcnow()
    with attempt():
        presence.beat(ticket.id, current_user.id, state, now)
    return jsonify(
        version=ticket.version,
        others=[{"name": c.name, "state": c.state} for c in presence.others(ticket.id, current_user.id, now)],
    )


@bp.get("/tickets/<int:ticket_id>/audit")
@requires(Role.LEAD)
def audit(ticket_id: int):
    ticket = ticket_or_404(ticket_id)
    return render_template("queue/audit.html", ticket=ticket, rows=history_rows(ticket))


@bp.get("/tickets/<int:ticket_id>/audit.csv")
@requires(Role.LEAD)
def audit_csv(ticket_id: int):
    ticket = ticket_or_404(ticket_id)
    return Response(
        to_csv(ticket), mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{ticket.ref}-history.csv"'},
    )
