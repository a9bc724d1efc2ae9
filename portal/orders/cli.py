"""`portal import-orders FILE.csv`: the same importer as the staff page, with a progress bar."""

from __future__ import annotations

import os
import time

import click
from flask import current_app
from flask.cli import with_appcontext

from portal.core.database import write_intent
from portal.core.errors import ValidationFailed
from portal.core.extensions import db
from portal.orders import csv_source
from portal.orders.export import RejectsWriter
from portal.orders.importer import ImportHooks, run_import


@click.command("import-orders")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--valid-rows-only", is_flag=True,
              help="Import the valid rows even if others are rejected (default: all or nothing).")
@click.option("--map", "overrides", multiple=True, metavar="FIELD=COLUMN",
              help="Use COLUMN (a header) for FIELD, e.g. --map number='Order Ref'.")
@click.option("--rejects", type=click.Path(dir_okay=False),
              help="Where to write rejected rows (default: FILE.rejected.csv, only if any).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@with_appcontext
def import_orders_command(path, valid_rows_only, overrides, rejects, quiet):
    """Import orders from a CSV file (Shopify's orders export is recognised)."""
    try:
        encoding = csv_source.detect_encoding(path)
        delimiter = csv_source.sniff_delimiter(path, encoding)
        headers, _ = csv_source.preview(path, encoding, delimiter, rows=0)
        mapping = csv_source.auto_mapping(headers)
        for override in overrides:
            field, _, column = override.partition("=")
            if column not in headers:
                raise ValidationFailed(f"--map {override}: no column named {column!r}")
            mapping[field] = headers.index(column)
        mapping = csv_source.check_mapping(mapping, headers)
    except ValidationFailed as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{os.path.basename(path)}: {encoding}, delimiter {delimiter!r}", err=True)
    for field, index in mapping.items():
        click.echo(f"  {csv_source.FIELDS[field]:<34} <- {headers[index]}", err=True)

    rejects_path = rejects or f"{path}.rejected.csv"
    if not rejects and os.path.exists(rejects_path):
        os.remove(rejects_path)  # our own report from an earlier run; it would mislead now
    writer = RejectsWriter(rejects_path, headers)
    size = os.path.getsize(path)
    passes = 1 if valid_rows_only else 2
    bar = click.progressbar(length=size * passes, label="Importing", hidden=quiet)
    shown = {"checking": 0, "writing": 0}

    def progress(phase, position):
        bar.update(position - shown[phase])
        shown[phase] = position

    hooks = ImportHooks(reject=writer.write, progress=progress, batch_done=lambda phase: db.session.commit())
    started = time.perf_counter()
    with bar, write_intent():
        result = run_import(
            path, encoding=encoding, delimiter=delimiter, mapping=mapping,
            key=current_app.config["TOKEN_KEY"], valid_rows_only=valid_rows_only,
            tz=current_app.config["BUSINESS_TIMEZONE"], hooks=hooks,
        )
        db.session.commit()
    writer.close()
    # A refused import wrote nothing: its figures are what it would have done.
    would = "would have " if result.status == "refused" else ""
    click.echo(f"{would}created {result.created}, updated {result.updated}, "
               f"unchanged {result.unchanged}, rejected {result.rejected} "
               f"in {time.perf_counter() - started:.1f} s")
    if result.rejected:
        click.echo(f"rejected rows with line numbers and reasons: {rejects_path}")
    if result.message:
        click.echo(result.message, err=True)
    if result.status != "done":
        raise SystemExit(1)
