"""Workspace commands: sensible defaults, and one pass of the schedules (for cron or a check)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from portal.core.database import utcnow
from portal.core.unit_of_work import command_unit
from portal.queue import canned
from portal.queue.escalation import run_escalations
from portal.routing import settings
from portal.tickets.followup import FollowUpPolicy, run_follow_ups


@click.command("workspace-defaults")
@with_appcontext
def workspace_defaults_command() -> None:
    """Add the default queues, routing rules and canned replies (existing ones are kept)."""
    with command_unit():
        added = settings.load_defaults()
        replies = canned.load_defaults()
    click.echo(f"added: {', '.join(added) or 'no queues or rules'}; {replies} canned replies")


@click.command("workspace-tick")
@with_appcontext
def workspace_tick_command() -> None:
    """Run escalations and follow-ups once (what `portal worker` does on its schedule)."""
    with command_unit():
        now = utcnow()
        escalations = run_escalations(now)
        follow_ups = run_follow_ups(now, FollowUpPolicy.from_config(current_app.config))
    click.echo(f"escalated {len(escalations.escalated)}, offered {len(escalations.offered)}, "
               f"reminded {len(follow_ups.reminded)}, auto-closed {len(follow_ups.auto_closed)}")


COMMANDS = (workspace_defaults_command, workspace_tick_command)
