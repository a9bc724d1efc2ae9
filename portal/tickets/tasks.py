"""The tickets room's schedule (a Huey periodic task, run by `portal worker`): follow-ups."""

from __future__ import annotations

from flask import current_app
from huey import crontab

from portal.core.database import utcnow
from portal.core.jobs import app_job, huey
from portal.tickets.followup import FollowUpPolicy, run_follow_ups


@huey.periodic_task(crontab(minute="*/5"))
@app_job
def follow_up():
    return run_follow_ups(utcnow(), FollowUpPolicy.from_config(current_app.config))
