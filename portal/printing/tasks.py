"""The print batch as a Huey task (immediate in tests); its body is `jobs.run_batch`."""

from __future__ import annotations

from portal.core.jobs import app_job, huey
from portal.printing.jobs import run_batch


@huey.task()
@app_job
def print_batch_job(batch_id: int) -> str | None:
    batch = run_batch(batch_id)
    return batch.status if batch else None
