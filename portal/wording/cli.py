"""`portal check-wording`: the wording checker from the command line (exit 1 on a refusal).

`portal.main` runs this command without building the app, so it starts in a
fraction of a second; it needs no database (give the marketplace mode with
--marketplace).
"""

from __future__ import annotations

import json
import sys

import click

from portal.wording.classifier import LANGUAGES, check


@click.command("check-wording")
@click.option("--lang", type=click.Choice(LANGUAGES), required=True)
@click.option("--marketplace", default=None, help="Apply a marketplace's rules, e.g. amazon.")
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as JSON.")
@click.argument("text", nargs=-1, required=True)
def check_wording_command(lang: str, marketplace: str | None, as_json: bool, text: tuple) -> None:
    """Check TEXT; exits 1 when it is refused (ties something to a review, steers reviews, or threatens).

    The explanation is in the language of the text.
    """
    verdict = check(" ".join(text), lang, marketplace=marketplace)
    if as_json:
        click.echo(json.dumps(verdict.as_dict(), ensure_ascii=False, indent=2))
    else:
        # A fixed first word for scripts, then the explanation in the writer's language.
        click.echo(f"{'ACCEPTED' if verdict.allowed else 'REFUSED'} ({verdict.lang})")
        click.echo(verdict.explain())
    sys.exit(0 if verdict.allowed else 1)
