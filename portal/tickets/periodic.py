"""Schedules of the staff workspace (Huey periodic tasks, run by `portal worker`).

Each task is a thin shell: it calls a service with the current time and
commits once. Tests call the services directly with chosen times.
"""

from __future__ import annotations

from flask import current_app
from huey import crontab

from portal.core.database import utcnow
from portal.core.extensions import db
from portal.core.jobs import app_job, huey


@huey.periodic_task(crontab(minute="*"))
@app_job
def deliver_outbox():
    from portal.notify.delivery import deliver_pending

    return deliver_pending()


@huey.periodic_task(crontab(minute="*"))
@app_job
def check_escalations():
    from portal.routing.escalation import run_escalations

    report = run_escalations(utcnow())
    db.session.commit()
    return report


@huey.periodic_task(crontab(minute="*/5"))
@app_job
def follow_up():
    from portal.tickets.followup import FollowUpPolicy, run_follow_ups

    report = run_follow_ups(utcnow(), FollowUpPolicy.from_config(current_app.config))
    db.session.commit()
    return report
