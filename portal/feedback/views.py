"""Customer pages. Tokens are traded for a session, then every page is token-free."""

from __future__ import annotations

import uuid

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _

from portal.feedback.evidence import show_review_links
from portal.feedback.forms import ConfirmForm, CustomerReplyForm, LocaleForm, RatingForm, ReportForm
from portal.feedback.order_page import load_order_page
from portal.goodwill.panels import customer_offers
from portal.hotline.panel import hotline_panel
from portal.orders import customer as order_customer
from portal.orders import services as orders
from portal.photos import kept as kept_photos
from portal.photos import services as photos
from portal.photos.storage import current_store
from portal.tickets import customer as ticket_customer
from portal.tickets import lookup
from portal.tickets import services as tickets
from portal.tickets.models import Status
from portal.web import customer_session, ratelimit
from portal.web.locale import LOCALE_COOKIE, use_order_locale
from portal.web.unit_of_work import attempt

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
    customer_session.bind_order_id(order_id)
    return redirect(url_for("feedback.order_page"), code=303)


@bp.get("/order")
def order_page():
    view = load_order_page(customer_session.bound_order_id() or 0)
    if view is None:
        abort(404)
    use_order_locale(view.order.locale)
    order_tickets = lookup.for_order(view.order) if view.has_tickets else []
    # The rating form is only validated on POST; GET needs just its CSRF token.
    return render_template(
        "feedback/order.html", order=view.order, rating=view.stars,
        links=show_review_links("order", order=view.order, stars=view.stars),
        tickets=order_tickets, hotline=hotline_panel(),
    )


@bp.post("/order/rating")
def rate():
    order = order_customer.require_order()
    form = RatingForm()
    if not form.validate_on_submit():
        flash(_("Please choose from one to five stars."), "error")
        return redirect(url_for("feedback.order_page"), code=303)
    with attempt(success=_("Thank you for your rating.")):
        orders.record_rating(order, int(form.stars.data))
    return redirect(url_for("feedback.order_page", _anchor="paths"), code=303)


@bp.route("/report", methods=["GET", "POST"])
@ratelimit.limit("RATE_LIMIT_REPORT", methods=("POST",))
def report():
    order = order_customer.require_order()
    form = ReportForm(order_has_email=bool(order.email), order_has_phone=bool(order.phone))
    if request.method == "GET":
        form.submission_key.data = str(uuid.uuid4())
    kept = kept_photos.kept_for(form.submission_key.data)
    if form.validate_on_submit():
        with attempt() as outcome:
            ticket, created = tickets.open_ticket(
                order,
                submission_key=form.submission_key.data,
                category=form.category.data,
                description=form.description.data,
                contact_preference=form.contact_preference.data,
                contact_email=(form.email.data or "").strip() or None,
                contact_phone=(form.phone.data or "").strip() or None,
                locale=_page_locale(),
                goal_minutes=current_app.config["SLA_GOAL_MINUTES"],
                limit_minutes=current_app.config["SLA_LIMIT_MINUTES"],
            )
            if created:
                # New files replace the ones kept from an earlier, corrected try.
                new = getattr(form.photos, "prepared", [])
                stored = photos.store_photos(new, current_store()) if new else kept
                photos.record_photos(ticket.messages[0], stored)
            if customer_session.remembered_link(ticket.id) is None:
                customer_session.remember_link(ticket.id, lookup.mint_link(ticket, "confirmation"))
        if outcome.ok:
            kept_photos.forget()
            ticket_customer.bind_ticket(ticket)
            return redirect(url_for("feedback.report_done", ticket_id=ticket.id), code=303)
    elif getattr(form.photos, "prepared", []):
        # Good photos, another field to correct: keep them so nothing has to be chosen twice.
        kept = photos.store_photos(form.photos.prepared, current_store())
        kept_photos.keep(form.submission_key.data, kept)
    return render_template("feedback/report.html", order=order, form=form, kept_photos=kept,
                           masked_email=_mask_email(order.email)), (400 if form.errors else 200)


@bp.get("/report/done/<int:ticket_id>")
def report_done(ticket_id: int):
    ticket = ticket_customer.require_ticket(ticket_id)
    secret = customer_session.remembered_link(ticket.id)
    link = url_for("feedback.ticket_link", secret=secret, _external=False) if secret else None
    return render_template(
        "feedback/done.html", ticket=ticket, link=link,
        base_url=current_app.config["BASE_URL"], links=show_review_links("done", ticket=ticket),
    )


@bp.get("/t/<secret>")
@ratelimit.limit("RATE_LIMIT_SCAN")
def ticket_link(secret: str):
    ticket = lookup.find_by_secret(secret)
    if ticket is None:
        abort(404)
    ticket_customer.bind_ticket(ticket)
    return redirect(url_for("feedback.ticket_page", ticket_id=ticket.id), code=303)


@bp.get("/ticket/<int:ticket_id>")
def ticket_page(ticket_id: int):
    ticket = ticket_customer.require_ticket(ticket_id)
    messages = lookup.customer_messages(ticket)
    return render_template(
        "feedback/ticket.html", ticket=ticket, messages=messages,
        photos_by_message=photos.for_messages(m.id for m in messages),
        reply_form=CustomerReplyForm(), confirm_form=ConfirmForm(),
        kept_photos=kept_photos.kept_for(_reply_slot(ticket)),
        links=show_review_links("ticket", ticket=ticket),
        goodwill=customer_offers(ticket),
        Status=Status,
    )


@bp.post("/ticket/<int:ticket_id>/reply")
def ticket_reply(ticket_id: int):
    ticket = ticket_customer.require_ticket(ticket_id)
    form = CustomerReplyForm()
    kept = kept_photos.kept_for(_reply_slot(ticket))
    if form.validate_on_submit():
        with attempt(success=_("Your message was sent.")) as outcome:
            new = getattr(form.photos, "prepared", [])
            stored = photos.store_photos(new, current_store()) if new else kept
            message = tickets.customer_reply(ticket, form.body.data, locale=_page_locale())
            photos.record_photos(message, stored)
        if outcome.ok:
            kept_photos.forget()
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
    ticket = ticket_customer.require_ticket(ticket_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    with attempt() as outcome:
        tickets.confirm(ticket, solved=bool(form.solved.data), comment=form.comment.data)
    if outcome.ok:
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


def _page_locale() -> str:
    """The language of the page the customer wrote on."""
    return str(get_locale() or "en")


def _mask_email(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    name, _, domain = email.partition("@")
    return f"{name[:1]}***@{domain}"
