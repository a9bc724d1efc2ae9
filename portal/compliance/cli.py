"""`portal check-wording` and `portal compliance-report`."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime

import click
from flask.cli import with_appcontext

from portal.compliance.classifier import LANGUAGES, check


@click.command("check-wording")
@click.option("--lang", type=click.Choice(LANGUAGES), required=True)
@click.option("--marketplace", default=None, help="Apply a marketplace's rules, e.g. amazon.")
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as JSON.")
@click.argument("text", nargs=-1, required=True)
def check_wording_command(lang: str, marketplace: str | None, as_json: bool, text: tuple) -> None:
    """Classify TEXT; exits 1 when it is refused (ties something to a review, or threatens)."""
    verdict = check(" ".join(text), lang, marketplace=marketplace)
    click.echo(json.dumps(verdict.as_dict(), ensure_ascii=False, indent=2) if as_json
               else verdict.explain())
    sys.exit(0 if verdict.allowed else 1)


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
    from portal.compliance.report import as_csv, as_text, build

    try:
        report = build(_day(since), _day(until), order_number)
    except LookupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(as_csv(report) if fmt == "csv" else as_text(report), nl=fmt != "csv")
