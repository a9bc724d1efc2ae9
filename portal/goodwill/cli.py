"""`portal goodwill-ledger`, `portal redeem-coupon`, `portal goodwill-catalogue`."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from portal.core.database import write_intent
from portal.core.errors import DomainError
from portal.core.extensions import db


@click.command("goodwill-ledger")
@click.option("--csv", "as_csv", is_flag=True, help="Formula-safe CSV on standard output.")
@with_appcontext
def ledger_command(as_csv: bool) -> None:
    """Every goodwill offer: what, to whom, by whom, approved by whom, cost, outcome."""
    from portal.goodwill import ledger

    data = list(ledger.rows(ledger.offers_between()))
    if as_csv:
        click.echo(ledger.to_csv(data), nl=False)
        return
    for row in data:
        click.echo(f"#{row['offer_id']} {row['created_at']} {row['ticket']} {row['order']} "
                   f"{row['kind']} {row['value']} {row['status']} by {row['offered_by']}"
                   + (f", approved by {row['approved_by']}" if row["approved_by"] else ""))
    click.echo(f"{len(data)} offer(s)")


@click.command("redeem-coupon")
@click.argument("code")
@click.option("--ref", default="", help="Where it was used, e.g. the shop order number.")
@with_appcontext
def redeem_command(code: str, ref: str) -> None:
    """Mark a goodwill coupon code as used (once; expired and used codes are refused)."""
    from portal.goodwill import coupons

    try:
        with write_intent():
            coupon = coupons.redeem(code, ref)
            db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    click.echo(f"redeemed: offer #{coupon.offer_id}, at {coupon.redeemed_at:%Y-%m-%d %H:%M} UTC")


@click.command("goodwill-catalogue")
@with_appcontext
def catalogue_command() -> None:
    """Add the default gestures (15 % coupon, free shipping, refund, letter) if missing."""
    from portal.goodwill.catalogue import ensure_default_catalogue

    with write_intent():
        made = ensure_default_catalogue()
        db.session.commit()
    click.echo(f"added {len(made)} gesture(s)")


COMMANDS = (ledger_command, redeem_command, catalogue_command)
