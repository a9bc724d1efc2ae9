"""The outbox's schedule (a Huey periodic task, run by `portal worker`): send what is due."""

from __future__ import annotations

from huey import crontab

from portal.core.jobs import app_job, huey
from portal.notify.jobs import deliver_pending


@huey.periodic_task(crontab(minute="*"))
@app_job
def deliver_outbox():
    return deliver_pending()
