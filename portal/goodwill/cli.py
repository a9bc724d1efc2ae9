"""`portal goodwill-ledger`, `portal redeem-coupon`, `portal goodwill-catalogue`."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from portal.core.unit_of_work import command_unit
from portal.goodwill import coupons, ledger
from portal.goodwill.catalogue import ensure_default_catalogue


@click.command("goodwill-ledger")
@click.option("--csv", "as_csv", is_flag=True, help="Formula-safe CSV on standard output.")
@with_appcontext
def ledger_command(as_csv: bool) -> None:
    """Every goodwill offer: what, to whom, by whom, approved by whom, cost, outcome."""
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
    with command_unit():
        coupon = coupons.redeem(code, ref)
    click.echo(f"redeemed: offer #{coupon.offer_id}, at {coupon.redeemed_at:%Y-%m-%d %H:%M} UTC")


@click.command("goodwill-catalogue")
@with_appcontext
def catalogue_command() -> None:
    """Add the default gestures (15 % coupon, free shipping, refund, letter) if missing."""
    with command_unit():
        made = ensure_default_catalogue()
    click.echo(f"added {len(made)} gesture(s)")


COMMANDS = (ledger_command, redeem_command, catalogue_command)
