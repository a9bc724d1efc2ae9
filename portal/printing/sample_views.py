"""A sample card for the brand page: a made-up order, in the chosen language and layout."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, request

from portal.auth.guards import staff_only
from portal.auth.models import Role
from portal.brand import services
from portal.brand.card_words import DEFAULT_WORDS
from portal.printing.layouts import get_layout
from portal.printing.template import FilledCard, fallback_url, render_filled

# Under the brand page's address: it is where admins check their wording.
bp = Blueprint("card_sample", __name__, url_prefix="/staff/brand")
staff_only(bp, Role.ADMIN)


@bp.get("/sample.pdf")
def sample():
    """One sample card with a made-up order, in the chosen language and layout."""
    locale = request.args.get("locale", "en")
    if locale not in DEFAULT_WORDS:
        abort(404)
    try:
        layout = get_layout(request.args.get("layout", "a6"))
    except ValueError:
        abort(404)
    settings = services.current()
    base = current_app.config["BASE_URL"]
    card = FilledCard(url=f"{base}/o/SAMPLE-NOT-A-REAL-TOKEN", code="SAMP-LE00", number="SAMPLE-1001")
    pdf = render_filled(layout, locale, services.look(settings), services.words_for(settings, locale),
                        fallback_url(current_app.config), [card])
    return Response(pdf, mimetype="application/pdf")
