"""`portal compliance-report`: the evidence, as text or CSV."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask.cli import with_appcontext

from portal.compliance.report import as_csv, as_text, build


def _day(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date like 2026-11-23") from exc


@click.command("compliance-report")
@click.option("--order", "order_number", default=None, help="Only this order number.")
@click.option("--since", default=None, help="From this day (YYYY-MM-DD, UTC).")
@click.option("--until", default=None, help="Up to this day, excluded (YYYY-MM-DD, UTC).")
@click.option("--format", "fmt", type=click.Choice(["text", "csv"]), default="text", show_default=True)
@with_appcontext
def compliance_report_command(order_number, since, until, fmt) -> None:
    """The evidence: review links shown per order and rating, offers and their wording."""
    try:
        report = build(_day(since), _day(until), order_number)
    except LookupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(as_csv(report) if fmt == "csv" else as_text(report), nl=fmt != "csv")
