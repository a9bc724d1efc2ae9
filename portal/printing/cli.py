"""`portal print-cards`: the same batch as the staff page, from the command line."""

from __future__ import annotations

import shutil
import sys
from datetime import date

import click
from flask import current_app
from flask.cli import with_appcontext

from portal.core.database import write_intent
from portal.core.errors import DomainError
from portal.core.extensions import db
from portal.printing import services
from portal.printing.layouts import DEFAULT_LAYOUT, LAYOUTS
from portal.printing.models import DONE, PrintBatch
from portal.printing.selection import Selection, parse_numbers
from portal.printing.storage import get_storage


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use YYYY-MM-DD") from None


@click.command("print-cards")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, writable=True),
              help="Where to write the PDF (written only when complete).")
@click.option("--unprinted", is_flag=True, help="Orders not printed in any batch yet.")
@click.option("--since", callback=_date, help="Ordered on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=_date, help="Ordered on or before this date (YYYY-MM-DD).")
@click.option("--numbers", default="", help="Hand-picked order numbers, comma-separated.")
@click.option("--numbers-file", type=click.File("r"), help="Order numbers, one per line.")
@click.option("--layout", type=click.Choice(list(LAYOUTS)), default=DEFAULT_LAYOUT,
              show_default=True)
@click.option("--retry", "retry_id", type=int, help="Retry a failed or cancelled batch by id.")
@with_appcontext
def print_cards_command(out, unprinted, since, until, numbers, numbers_file, layout, retry_id):
    """Print insert cards for the chosen orders into one print-ready PDF."""
    # Imported here: the print job loads the PDF writer (pikepdf, fontTools), which
    # the other commands do not need at start-up.
    from portal.printing.jobs import run_batch

    picked = parse_numbers(numbers + "\n" + (numbers_file.read() if numbers_file else ""))
    try:
        with write_intent():
            if retry_id:
                batch = db.session.get(PrintBatch, retry_id)
                if batch is None:
                    raise click.ClickException(f"no print batch {retry_id}")
                services.prepare_retry(batch)
            else:
                selection = Selection(unprinted=unprinted, since=since, until=until,
                                      numbers=picked)
                batch = services.create_batch(selection, layout)
            db.session.commit()
            batch_id, total = batch.id, batch.total
            click.echo(f"Batch {batch_id}: {total} cards, layout {batch.layout}", err=True)
            with click.progressbar(length=total, label="Printing", file=sys.stderr) as bar:
                seen = 0

                def advance(done, _total):
                    nonlocal seen
                    bar.update(done - seen)
                    seen = done

                batch = run_batch(batch_id, on_progress=advance)
    except DomainError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    if batch is None or batch.status != DONE:
        raise click.ClickException(
            f"batch {batch_id} {batch.status if batch else 'vanished'}: {batch.error if batch else ''}"
            f" (retry with --retry {batch_id})")
    with get_storage(current_app).open(batch.file_key) as source, open(out, "wb") as target:
        shutil.copyfileobj(source, target)
    click.echo(f"Wrote {out}: {batch.total} cards on {batch.pages} pages.", err=True)
