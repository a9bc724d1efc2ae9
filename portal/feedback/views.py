"""Customer pages. Tokens are traded for a session, then every page is token-free."""

from __future__ import annotations

import uuid

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from portal.compliance.impressions import shown_review_links
from portal.core.errors import DomainError
from portal.core.extensions import db
from portal.feedback import access
from portal.feedback.forms import ConfirmForm, CustomerReplyForm, LocaleForm, RatingForm, ReportForm
from portal.feedback.languages import remember_language
from portal.orders import services as orders
from portal.photos import kept as kept_photos
from portal.photos import services as photos
from portal.photos.storage import current_store
from portal.tickets import services as tickets
from portal.tickets.models import Status
from portal.web import ratelimit
from portal.web.locale import LOCALE_COOKIE

bp = Blueprint("feedback", __name__)


@bp.get("/")
def home():
    return render_template("feedback/home.html")


@bp.get("/o/<token>")
@ratelimit.limit("RATE_LIMIT_SCAN")
def scan(token: str):
    order_id = orders.order_id_for_token(token)
    if order_id is None:
        abort(404)
    access.bind_order_id(order_id)
    return redirect(url_for("feedback.order_page"), code=303)


@bp.get("/order")
def order_page():
    # The hot path after a scan: one query for the order, its rating and whether it has tickets.
    view = orders.load_order_page(access.bound_order_id() or 0)
    if view is None:
        abort(404)
    g.order_locale = view.order.locale
    order_tickets = tickets.for_order(view.order) if view.has_tickets else []
    # The rating form is only validated on POST; GET needs just its CSRF token.
    return render_template(
        "feedback/order.html", order=view.order, rating=view.stars,
        links=shown_review_links("order", order=view.order, stars=view.stars),
        tickets=order_tickets,
    )


@bp.post("/order/rating")
def rate():
    order = access.require_order()
    form = RatingForm()
    if not form.validate_on_submit():
        flash(_("Please choose from one to five stars."), "error")
        return redirect(url_for("feedback.order_page"), code=303)
    orders.record_rating(order, int(form.stars.data))
    db.session.commit()
    flash(_("Thank you for your rating."), "success")
    return redirect(url_for("feedback.order_page", _anchor="paths"), code=303)


@bp.route("/report", methods=["GET", "POST"])
@ratelimit.limit("RATE_LIMIT_REPORT", methods=("POST",))
def report():
    order = access.require_order()
    form = ReportForm(order_has_email=bool(order.email), order_has_phone=bool(order.phone))
    if request.method == "GET":
        form.submission_key.data = str(uuid.uuid4())
    kept = kept_photos.kept_for(form.submission_key.data)
    if form.validate_on_submit():
        try:
            ticket, created = tickets.open_ticket(
                order,
                submission_key=form.submission_key.data,
                category=form.category.data,
                description=form.description.data,
                contact_preference=form.contact_preference.data,
                contact_email=(form.email.data or "").strip() or None,
                contact_phone=(form.phone.data or "").strip() or None,
                locale=str(_current_locale()),
                goal_minutes=current_app.config["SLA_GOAL_MINUTES"],
                limit_minutes=current_app.config["SLA_LIMIT_MINUTES"],
            )
            if created:
                # New files replace the ones kept from an earlier, corrected try.
                new = getattr(form.photos, "prepared", [])
                stored = photos.store_photos(new, current_store()) if new else kept
                photos.record_photos(ticket.messages[0], stored)
                remember_language(ticket.messages[0], ticket.locale)
            if access.remembered_link(ticket) is None:
                access.remember_link(ticket, tickets.mint_link(ticket, "confirmation"))
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            kept_photos.forget()
            access.bind_ticket(ticket)
            return redirect(url_for("feedback.report_done", ticket_id=ticket.id), code=303)
    elif getattr(form.photos, "prepared", []):
        # Good photos, another field to correct: keep them so nothing has to be chosen twice.
        kept = photos.store_photos(form.photos.prepared, current_store())
        kept_photos.keep(form.submission_key.data, kept)
    return render_template("feedback/report.html", order=order, form=form, kept_photos=kept,
                           masked_email=_mask_email(order.email)), (400 if form.errors else 200)


@bp.get("/report/done/<int:ticket_id>")
def report_done(ticket_id: int):
    ticket = access.require_ticket(ticket_id)
    secret = access.remembered_link(ticket)
    link = url_for("feedback.ticket_link", secret=secret, _external=False) if secret else None
    return render_template(
        "feedback/done.html", ticket=ticket, link=link,
        base_url=current_app.config["BASE_URL"], links=shown_review_links("done", ticket=ticket),
    )


@bp.get("/t/<secret>")
@ratelimit.limit("RATE_LIMIT_SCAN")
def ticket_link(secret: str):
    ticket = tickets.find_by_secret(secret)
    if ticket is None:
        abort(404)
    access.bind_ticket(ticket)
    return redirect(url_for("feedback.ticket_page", ticket_id=ticket.id), code=303)


@bp.get("/ticket/<int:ticket_id>")
def ticket_page(ticket_id: int):
    ticket = access.require_ticket(ticket_id)
    return render_template(
        "feedback/ticket.html", ticket=ticket, messages=tickets.customer_messages(ticket),
        reply_form=CustomerReplyForm(), confirm_form=ConfirmForm(),
        kept_photos=kept_photos.kept_for(_reply_slot(ticket)),
        links=shown_review_links("ticket", ticket=ticket),
        Status=Status,
    )


@bp.post("/ticket/<int:ticket_id>/reply")
def ticket_reply(ticket_id: int):
    ticket = access.require_ticket(ticket_id)
    form = CustomerReplyForm()
    kept = kept_photos.kept_for(_reply_slot(ticket))
    if form.validate_on_submit():
        new = getattr(form.photos, "prepared", [])
        stored = photos.store_photos(new, current_store()) if new else kept
        message = tickets.customer_reply(ticket, form.body.data)
        photos.record_photos(message, stored)
        remember_language(message, str(_current_locale()))
        db.session.commit()
        kept_photos.forget()
        flash(_("Your message was sent."), "success")
    else:
        if getattr(form.photos, "prepared", []):
            # Good photos with an empty message: keep them for the next try.
            kept_photos.keep(_reply_slot(ticket), photos.store_photos(form.photos.prepared, current_store()))
        # The first reason is enough: a missing message or a refused photo.
        reasons = [*form.body.errors, *form.photos.errors]
        flash(reasons[0] if reasons else _("Please write a message."), "error")
    return redirect(url_for("feedback.ticket_page", ticket_id=ticket.id), code=303)


@bp.post("/ticket/<int:ticket_id>/confirm")
def ticket_confirm(ticket_id: int):
    ticket = access.require_ticket(ticket_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        tickets.confirm(ticket, solved=bool(form.solved.data), comment=form.comment.data)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        if ticket.status is Status.CLOSED:
            flash(_("Thank you. We are glad it is solved."), "success")
        else:
            flash(_("Thank you for telling us. We are on it again."), "success")
    return redirect(url_for("feedback.ticket_page", ticket_id=ticket.id), code=303)


@bp.post("/language")
def choose_language():
    form = LocaleForm()
    chosen = form.locale.data if form.validate_on_submit() else None
    return _switch_language(chosen, request.form.get("next", ""))


# A plain link, so the switcher needs no form token on every page (pages stay
# identical between requests) and works without JavaScript. The only effect a
# forged link can have is the display language, which the visitor sees and can change.
@bp.get("/language/<code>")
def language_link(code: str):
    return _switch_language(code, request.args.get("next", ""))


def _switch_language(chosen: str | None, target: str):
    if chosen not in current_app.config["SUPPORTED_LOCALES"]:
        chosen = None
    else:
        session["locale"] = chosen
    # Only local paths: never an open redirect.
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = url_for("feedback.home")
    response = redirect(target, code=303)
    if chosen:
        # Remembered for the next visit too (a new scan starts a new session).
        response.set_cookie(
            LOCALE_COOKIE, chosen, max_age=365 * 24 * 3600, httponly=True, samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response


def _reply_slot(ticket) -> str:
    return f"reply-{ticket.id}"


def _current_locale():
    from flask_babel import get_locale

    return get_locale() or "en"


def _mask_email(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    name, _, domain = email.partition("@")
    return f"{name[:1]}***@{domain}"
