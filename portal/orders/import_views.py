"""/staff/imports: upload a CSV, check the mapping, import, read the report (leads and admins)."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from portal.auth.guards import staff_only
from portal.auth.models import Role
from portal.core.errors import ValidationFailed
from portal.core.extensions import db
from portal.orders import csv_source, import_runs
from portal.orders.csv_source import ImportRefused
from portal.orders.export import REJECT_COLUMNS, csv_text, rejection_lines, safe_row
from portal.orders.import_forms import StartAgainForm, UploadForm, chosen_mapping, mapping_form
from portal.orders.intake_models import ImportRun
from portal.web.unit_of_work import attempt

bp = Blueprint("imports", __name__, url_prefix="/staff/imports")


@bp.url_value_preprocessor
def _upload_size_limit(endpoint, values):
    # Runs before every before_request hook, CSRF's included, which parses the form first.
    if endpoint == "imports.upload":
        request.max_content_length = current_app.config["IMPORT_MAX_BYTES"]


staff_only(bp, Role.LEAD)


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(exc):
    if not (current_user.is_authenticated and current_user.is_lead):
        return "Too large", 413
    flash(f"The file is larger than {max(1, current_app.config['IMPORT_MAX_BYTES'] // 2**20)} MB. "
          "Split it into smaller files.", "error")
    return _index(UploadForm(formdata=None), 413)


def _folder():
    return import_runs.storage_dir(current_app.config, current_app.instance_path)


def _run_or_404(run_id: int) -> ImportRun:
    run = db.session.get(ImportRun, run_id)
    if run is None:
        abort(404)
    return run


def _index(form, status=200):
    return render_template("orders/index.html", form=form, runs=import_runs.recent_runs(),
                           max_mb=max(1, current_app.config["IMPORT_MAX_BYTES"] // 2**20)), status


@bp.get("/")
def index():
    return _index(UploadForm())


@bp.post("/")
def upload():
    form = UploadForm()
    if not form.validate_on_submit():
        return _index(form, 400)
    folder, stored = _folder(), import_runs.new_stored_name()
    form.file.data.save(folder / stored)
    with attempt() as outcome:
        run = import_runs.create_run(folder=folder, stored_name=stored,
                                     filename=form.file.data.filename, staff_id=current_user.id)
        import_runs.let_go_of_stale_uploads(folder)
    if not outcome.ok:
        (folder / stored).unlink(missing_ok=True)  # a refused file is not kept
        return _index(form, 400)
    return redirect(url_for("imports.show", run_id=run.id), code=303)


@bp.get("/<int:run_id>")
def show(run_id: int):
    run = _run_or_404(run_id)
    if run.status == "uploaded" and run.stored_name and not (_folder() / run.stored_name).exists():
        # Deleted behind the portal's back: the portal itself ends such runs when it deletes
        # an upload. A GET writes nothing; the weekly clean-up ends this run.
        flash("The uploaded file of this import is no longer there; upload it again.", "error")
        return redirect(url_for("imports.index"), code=303)
    if run.status != "uploaded":
        return render_template("orders/run.html", run=run, again=StartAgainForm(),
                               rejections=list(import_runs.rejections(run.id, limit=100)))
    return _preview(run, mapping_form(run.headers, run.mapping))


def _preview(run: ImportRun, form, status=200):
    try:
        _, sample = csv_source.preview(str(_folder() / run.stored_name), run.encoding, run.delimiter)
    except ImportRefused as exc:  # the upload read these rows; this is only a safety net
        flash(str(exc), "error")
        sample = []
    return render_template("orders/preview.html", run=run, form=form, sample=sample,
                           fields=csv_source.FIELDS), status


@bp.post("/<int:run_id>/start")
def start(run_id: int):
    run = _run_or_404(run_id)
    if run.status != "uploaded":
        return redirect(url_for("imports.show", run_id=run.id), code=303)
    form = mapping_form(run.headers, run.mapping)
    try:
        if not form.validate_on_submit():
            # Named by the labels the page shows, not by the form's field names.
            raise ValidationFailed("Please check the mapping: " + "; ".join(
                f"{form[name].label.text}: {', '.join(errs)}" for name, errs in form.errors.items()))
        mapping = csv_source.check_mapping(chosen_mapping(form), run.headers)
    except ValidationFailed as exc:
        flash(str(exc), "error")
        return _preview(run, form, 400)
    if import_runs.claim_run(run.id, mapping, form.mode.data == "valid"):
        db.session.commit()
        db.session.refresh(run)
        try:
            import_runs.execute_run(run, folder=_folder(), key=current_app.config["TOKEN_KEY"],
                                    tz=current_app.config["BUSINESS_TIMEZONE"],
                                    commit=db.session.commit)
            db.session.commit()
        except Exception:
            db.session.rollback()
            import_runs.mark_failed(run.id)
            db.session.commit()
            current_app.logger.exception("import run %s stopped", run.id)
    return redirect(url_for("imports.show", run_id=run.id), code=303)


@bp.post("/<int:run_id>/again")
def start_again(run_id: int):
    run = _run_or_404(run_id)
    if not StartAgainForm().validate_on_submit() or not run.stored_name:
        flash("This file is no longer kept; upload it again.", "error")
        return redirect(url_for("imports.index"), code=303)
    copy = import_runs.clone_run(run, current_user.id)
    db.session.commit()
    return redirect(url_for("imports.show", run_id=copy.id), code=303)


@bp.get("/<int:run_id>/progress")
def progress(run_id: int):
    run = _run_or_404(run_id)
    return {"status": run.status, "percent": run.percent, "finished": run.finished,
            "created": run.created, "updated": run.updated, "unchanged": run.unchanged,
            "rejected": run.rejected}


@bp.get("/<int:run_id>/rejected.csv")
def rejected_csv(run_id: int):
    run = _run_or_404(run_id)

    def rows():
        yield safe_row(REJECT_COLUMNS + list(run.headers))
        for rejection in import_runs.rejections(run.id):
            yield from rejection_lines(rejection.line, rejection.reason, rejection.cells)

    body = stream_with_context(("\ufeff" if i == 0 else "") + chunk
                               for i, chunk in enumerate(csv_text(rows())))
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="import-{run.id}-rejected.csv"'})
