"""Staff CSV imports as records: the upload, its mapping, its progress and its report.

The import runs in the request that confirms it, committing per batch; the
page polls the run's row for progress. No worker process is needed, and the
largest allowed file finishes well inside a request timeout (see
bench/import_orders.py). The upload is deleted once the run is done: the
orders and the rejected rows are in the database, and personal data is not
kept twice. An upload not imported is deleted after KEEP_UPLOADS.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert, select, update

from portal.core.database import utcnow
from portal.core.extensions import db
from portal.orders import csv_source
from portal.orders.importer import ImportHooks, run_import
from portal.orders.intake_models import ImportRejection, ImportRun

RECENT = 20
KEEP_UPLOADS = timedelta(days=7)


def storage_dir(config: dict, instance_path: str) -> Path:
    folder = Path(config.get("IMPORT_STORAGE_DIR") or Path(instance_path) / "imports")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def new_stored_name() -> str:
    return secrets.token_hex(16) + ".csv"


def create_run(*, folder: Path, stored_name: str, filename: str, staff_id: int) -> ImportRun:
    """Describe an uploaded file; raises ImportRefused when it is no readable CSV."""
    path = str(folder / stored_name)
    encoding = csv_source.detect_encoding(path)
    delimiter = csv_source.sniff_delimiter(path, encoding)
    # The rows the preview page shows are read now, so a file that fails there fails here.
    headers, sample = csv_source.preview(path, encoding, delimiter, rows=csv_source.PREVIEW_ROWS)
    if not sample:
        raise csv_source.ImportRefused(csv_source.NO_ROWS)
    run = ImportRun(filename=(filename or "orders.csv")[:255], stored_name=stored_name,
                    size_bytes=os.path.getsize(path), encoding=encoding, delimiter=delimiter,
                    headers=headers, mapping=csv_source.auto_mapping(headers), created_by_id=staff_id)
    db.session.add(run)
    db.session.flush()
    return run


def clone_run(run: ImportRun, staff_id: int) -> ImportRun:
    """Start again with the same upload (another mapping, or importing only the valid rows)."""
    copy = ImportRun(filename=run.filename, stored_name=run.stored_name, size_bytes=run.size_bytes,
                     encoding=run.encoding, delimiter=run.delimiter, headers=run.headers,
                     mapping=run.mapping, created_by_id=staff_id)
    db.session.add(copy)
    db.session.flush()
    return copy


def claim_run(run_id: int, mapping: dict, valid_rows_only: bool) -> bool:
    """Move an uploaded run to running, once: a double submit cannot start it twice."""
    result = db.session.execute(
        update(ImportRun).where(ImportRun.id == run_id, ImportRun.status == "uploaded")
        .values(status="writing" if valid_rows_only else "checking", mapping=mapping,
                valid_rows_only=valid_rows_only)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def execute_run(run: ImportRun, *, folder: Path, key: str, tz: str, commit: Callable[[], None]) -> None:
    """Run a claimed import; `commit` is called after every batch (progress and rejections)."""
    pending: list[dict] = []
    run_id = run.id

    def reject(line, reason, rows):
        pending.append({"run_id": run_id, "line": line, "reason": reason[:500], "cells": rows})

    def progress(phase, position):
        run.status, run.bytes_done = phase, position

    def batch_done(phase):
        if pending:
            db.session.execute(insert(ImportRejection.__table__), pending)
            pending.clear()
        commit()

    path = folder / run.stored_name
    if not path.exists():
        result_status, message = "failed", "The uploaded file is no longer there; upload it again."
        result = None
    else:
        result = run_import(str(path), encoding=run.encoding, delimiter=run.delimiter,
                            mapping=dict(run.mapping), key=key, valid_rows_only=run.valid_rows_only,
                            tz=tz, hooks=ImportHooks(reject=reject, progress=progress,
                                                     batch_done=batch_done))
        result_status, message = result.status, result.message
    batch_done("done")
    if result is not None:
        run.created, run.updated = result.created, result.updated
        run.unchanged, run.rejected = result.unchanged, result.rejected
    run.status, run.message, run.finished_at = result_status, message, utcnow()
    run.bytes_done = run.size_bytes
    if result_status == "done":
        let_go(folder, run.stored_name, because=f"Import #{run.id} of this file finished, so its "
                                                "upload is no longer kept; upload it again to "
                                                "import it anew.")
    db.session.flush()


def let_go(folder: Path, stored_name: str, *, because: str) -> None:
    """Delete an upload, for every run that shares it ("start again" makes such runs); those
    still waiting to be started end as failed, saying `because`."""
    if not stored_name:
        return
    (folder / stored_name).unlink(missing_ok=True)
    # The session's runs are updated too (synchronize_session "auto"), so pages show it at once.
    db.session.execute(update(ImportRun).where(
        ImportRun.stored_name == stored_name, ImportRun.status == "uploaded").values(
        status="failed", message=because, finished_at=utcnow()))
    db.session.execute(update(ImportRun).where(ImportRun.stored_name == stored_name)
                       .values(stored_name=None))


def let_go_of_stale_uploads(folder: Path) -> None:
    """Uploads not imported (or refused) within KEEP_UPLOADS are deleted: they hold
    customers' personal data, kept only so that an import can be started or started again."""
    cutoff = utcnow() - KEEP_UPLOADS
    stale = db.session.scalars(select(ImportRun.stored_name).where(
        ImportRun.stored_name.is_not(None), ImportRun.created_at < cutoff).distinct())
    for stored_name in list(stale):
        let_go(folder, stored_name, because=f"Not imported within {KEEP_UPLOADS.days} days, so "
                                            "the upload was deleted; upload the file again.")


def mark_failed(run_id: int) -> None:
    """An unexpected error stopped the run: say so, and that running it again is safe."""
    db.session.execute(update(ImportRun).where(ImportRun.id == run_id).values(
        status="failed", finished_at=utcnow(),
        message="The import stopped because of an error. Batches written before it are kept; "
                "upload the file again to finish (rows already imported are left unchanged).")
        .execution_options(synchronize_session=False))


def recent_runs() -> list[ImportRun]:
    return list(db.session.scalars(select(ImportRun).order_by(ImportRun.id.desc()).limit(RECENT)))


def rejections(run_id: int, limit: int | None = None):
    query = select(ImportRejection).where(ImportRejection.run_id == run_id).order_by(ImportRejection.id)
    if limit:
        return db.session.scalars(query.limit(limit))
    # A download of every rejected row streams in chunks instead of loading them all.
    return db.session.scalars(query.execution_options(yield_per=1000))
