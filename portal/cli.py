"""The `portal` command: Flask's own commands plus the portal's."""

from __future__ import annotations

import importlib
import os
import secrets
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from portal import create_app
from portal.api.cli import COMMANDS as API_COMMANDS
from portal.auth.services import create_staff
from portal.compliance.cli import compliance_report_command
from portal.core.migrating import MigrateCommands, upgrade_to_heads
from portal.core.unit_of_work import command_unit
from portal.demo import ensure_demo_data
from portal.goodwill.cli import COMMANDS as GOODWILL_COMMANDS
from portal.notify.jobs import deliver_pending
from portal.orders.cli import import_orders_command
from portal.printing.cli import print_cards_command
from portal.queue.cli import COMMANDS as WORKSPACE_COMMANDS
from portal.wording.cli import check_wording_command

# Each room's Huey tasks and schedules, for the consumer. The web app loads the job
# queue on its first enqueue, not at start.
TASK_MODULES = ("portal.printing.tasks", "portal.tickets.tasks", "portal.queue.tasks", "portal.notify.tasks")


def _create_app():
    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app)
def main() -> None:
    """The feedback portal."""


@click.command("create-staff")
@click.argument("email")
@click.option("--role", type=click.Choice(["agent", "lead", "admin"]), required=True)
@click.option("--name", default="", help="Display name shown to customers and colleagues.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def create_staff_command(email: str, role: str, name: str, password_stdin: bool) -> None:
    """Create a staff account; the password comes from a prompt or stdin."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with command_unit():
        user = create_staff(email, name, role, password)
    click.echo(f"Created {user.role.value} {user.email} (id {user.id}).")


@click.command("demo")
@click.option("--orders", "count", default=12, show_default=True)
@with_appcontext
def demo_command(count: int) -> None:
    """Set up a database with demo orders; print a staff login and scan URLs."""
    _adopt_instance_keys(current_app)
    upgrade_to_heads()
    with command_unit():
        result = ensure_demo_data(count)
    base = current_app.config["BASE_URL"]
    click.echo("")
    click.echo(f"Database: {current_app.config['SQLALCHEMY_DATABASE_URI']}")
    click.echo(f"Staff login: {base}/staff/login")
    for email, password, role in result.logins:
        click.echo(f"  {role:5}  {email}  password: {password}")
    click.echo("Sample scan URLs (open one on a phone-sized window):")
    for number, url in result.scan_urls[:4]:
        click.echo(f"  order {number}: {url}")
    click.echo("")


@click.command("deliver-mail")
@click.option("--limit", default=100, show_default=True)
@with_appcontext
def deliver_mail_command(limit: int) -> None:
    """Send due messages from the outbox (run it from a timer or in a loop)."""
    report = deliver_pending(limit)
    click.echo(f"sent {report.sent}, failed {report.failed}")
    for error in report.errors:
        click.echo(f"  {error}", err=True)


@click.command("worker")
@click.option("--workers", default=2, show_default=True)
@with_appcontext
def worker_command(workers: int) -> None:
    """Run the background job consumer (print batches, reminders, mail)."""
    # Loaded here only: `portal` itself starts without the job queue.
    from huey.consumer import Consumer

    from portal.core import jobs

    for name in TASK_MODULES:  # registers every room's tasks and schedules with the queue
        importlib.import_module(name)
    jobs.serve_app(current_app._get_current_object())
    Consumer(jobs.huey, workers=workers, worker_type="thread").run()


@click.command("write-instance-keys")
@with_appcontext
def write_keys_command() -> None:
    """Write stable SECRET_KEY and TOKEN_KEY files into the instance folder (development)."""
    written = write_instance_keys(current_app)
    click.echo("wrote " + ", ".join(written) if written else "keys already present")


def write_instance_keys(app: Flask) -> list[str]:
    folder = Path(app.instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in ("secret_key", "token_key"):
        path = folder / name
        if not path.exists():
            path.write_text(secrets.token_hex(32))
            path.chmod(0o600)
            written.append(name)
    return written


def _adopt_instance_keys(app: Flask) -> None:
    """Printed scan URLs must survive a restart: use keys kept in the instance folder."""
    write_instance_keys(app)
    for key in ("SECRET_KEY", "TOKEN_KEY"):
        if not os.environ.get(f"PORTAL_{key}"):
            app.config[key] = (Path(app.instance_path) / key.lower()).read_text().strip()


def register(app: Flask) -> None:
    app.cli.add_command(MigrateCommands())
    for command in (
        create_staff_command, demo_command, deliver_mail_command, write_keys_command, worker_command,
        check_wording_command, compliance_report_command, print_cards_command, import_orders_command,
        *GOODWILL_COMMANDS, *API_COMMANDS, *WORKSPACE_COMMANDS,
    ):
        app.cli.add_command(command)
