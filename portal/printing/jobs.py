"""The print batch as a background job (Huey; immediate in tests)."""

from __future__ import annotations

from portal.core.jobs import app_job, huey


@huey.task()
@app_job
def print_batch_job(batch_id: int) -> str | None:
    from portal.printing.runner import run_batch

    batch = run_batch(batch_id)
    return batch.status if batch else None
