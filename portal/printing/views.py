"""Staff pages for print batches: choose, watch the progress bar, download.

Leads and admins print; batches are shop-wide, so every route checks the role
and each batch route looks the batch up or answers 404.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask_login import current_user
from sqlalchemy import select

from portal.auth.guards import staff_only
from portal.auth.models import Role
from portal.core.extensions import db
from portal.printing import services
from portal.printing.forms import BatchActionForm, NewBatchForm
from portal.printing.layouts import LAYOUTS
from portal.printing.models import DONE, PrintBatch
from portal.printing.selection import Selection, parse_numbers
from portal.printing.storage import get_storage
from portal.web.unit_of_work import attempt

bp = Blueprint("printing", __name__, url_prefix="/staff/print")


staff_only(bp, Role.LEAD)


def _batch_or_404(batch_id: int) -> PrintBatch:
    batch = db.session.get(PrintBatch, batch_id)
    if batch is None:
        abort(404)
    return batch


def _enqueue(batch_id: int) -> None:
    """After the commit: the job (immediate in tests) must see the batch."""
    # Imported here: the job queue (Huey, Redis) is loaded on the first enqueue, not at app start.
    from portal.printing.tasks import print_batch_job

    try:
        print_batch_job(batch_id)
    except Exception:  # the queue is down: the batch stays queued and says so
        current_app.logger.exception("could not queue print batch %s", batch_id)
        flash("The batch is saved but could not be queued; retry later.", "error")


@bp.get("/")
def index():
    batches = db.session.scalars(select(PrintBatch).order_by(PrintBatch.id.desc()).limit(30))
    return render_template("printing/index.html", form=NewBatchForm(), batches=list(batches),
                           layouts=LAYOUTS)


@bp.post("/")
def create():
    form = NewBatchForm()
    if not form.validate_on_submit():
        batches = db.session.scalars(select(PrintBatch).order_by(PrintBatch.id.desc()).limit(30))
        return render_template("printing/index.html", form=form, batches=list(batches),
                               layouts=LAYOUTS), 400
    chosen = Selection(unprinted=form.unprinted.data, since=form.since.data,
                       until=form.until.data, numbers=parse_numbers(form.numbers.data))
    with attempt() as outcome:
        batch = services.create_batch(chosen, form.layout.data, created_by_id=current_user.id)
        batch_id = batch.id  # read before the commit: touching it after would begin anew
    if not outcome.ok:
        batches = db.session.scalars(select(PrintBatch).order_by(PrintBatch.id.desc()).limit(30))
        return render_template("printing/index.html", form=form, batches=list(batches),
                               layouts=LAYOUTS), 422
    _enqueue(batch_id)
    return redirect(url_for("printing.show", batch_id=batch_id), code=303)


@bp.get("/<int:batch_id>")
def show(batch_id: int):
    batch = _batch_or_404(batch_id)
    return render_template("printing/batch.html", batch=batch, action_form=BatchActionForm(),
                           layout=LAYOUTS.get(batch.layout), stale=services.is_stale(batch))


@bp.get("/<int:batch_id>/status")
def status(batch_id: int):
    batch = _batch_or_404(batch_id)
    return {
        "id": batch.id,
        "status": batch.status,
        "done": batch.done_count,
        "total": batch.total,
        "percent": batch.percent,
        "error": batch.error,
        "download_url": url_for("printing.download", batch_id=batch.id)
        if batch.status == DONE else None,
    }


@bp.get("/<int:batch_id>/download")
def download(batch_id: int):
    batch = _batch_or_404(batch_id)
    storage = get_storage(current_app)
    if batch.status != DONE or not batch.file_key or not storage.exists(batch.file_key):
        abort(404)
    return send_file(storage.open(batch.file_key), mimetype="application/pdf",
                     as_attachment=True, download_name=f"cards-batch-{batch.id}.pdf")


@bp.post("/<int:batch_id>/cancel")
def cancel(batch_id: int):
    batch = _batch_or_404(batch_id)
    if BatchActionForm().validate_on_submit():
        with attempt(success="Cancel requested: no PDF is delivered for this batch."):
            services.request_cancel(batch)
    return redirect(url_for("printing.show", batch_id=batch_id), code=303)


@bp.post("/<int:batch_id>/retry")
def retry(batch_id: int):
    batch = _batch_or_404(batch_id)
    if not BatchActionForm().validate_on_submit():
        abort(400)
    with attempt() as outcome:
        services.prepare_retry(batch)
    if outcome.ok:
        _enqueue(batch_id)
    return redirect(url_for("printing.show", batch_id=batch_id), code=303)



