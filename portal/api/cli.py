"""`portal create-api-key NAME`, `portal revoke-api-key ID`, `portal list-api-keys`."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from portal.api import keys
from portal.core.unit_of_work import command_unit


@click.command("create-api-key")
@click.argument("name")
@with_appcontext
def create_api_key_command(name: str) -> None:
    """Create an API key; the key is printed once and stored only as a digest."""
    with command_unit():
        key, secret = keys.create_key(name)
    click.echo(f"API key {key.id} ({key.name}) created. Keep it now; it cannot be shown again:",
               err=True)
    click.echo(secret)


@click.command("revoke-api-key")
@click.argument("key_id", type=int)
@with_appcontext
def revoke_api_key_command(key_id: int) -> None:
    """Revoke an API key by its id (see list-api-keys); requests with it get 401 at once."""
    with command_unit():
        key = keys.revoke_key(key_id)
    click.echo(f"API key {key.id} ({key.name}) revoked.")


@click.command("list-api-keys")
@with_appcontext
def list_api_keys_command() -> None:
    """Ids, names, prefixes and states of the API keys (never the keys themselves)."""
    for key in keys.list_keys():
        state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
        click.echo(f"{key.id:>4}  {key.prefix}…  {key.name}  ({state})")


COMMANDS = (create_api_key_command, revoke_api_key_command, list_api_keys_command)
