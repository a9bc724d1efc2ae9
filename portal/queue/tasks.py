"""The workspace's schedule (a Huey periodic task, run by `portal worker`): escalations."""

from __future__ import annotations

from huey import crontab

from portal.core.database import utcnow
from portal.core.jobs import app_job, huey
from portal.queue.escalation import run_escalations


@huey.periodic_task(crontab(minute="*"))
@app_job
def check_escalations():
    return run_escalations(utcnow())
