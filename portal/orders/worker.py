"""A generator run in a second process, its items streamed back in order.

The import's per-row work that needs no database (parsing, grouping and
checking rows) runs here while the importer's own process matches them against
the database: the two use both cores. Items travel as marshal
messages over a private pipe, at most one ahead of the consumer, so memory
holds a batch or two whatever the file's size.
"""

from __future__ import annotations

import gc
import marshal
import multiprocessing
import threading
from collections.abc import Callable, Iterator


def _start_method() -> str:
    # Fork is instant, but only safe in a single-threaded process; a threaded web server
    # gets a fresh interpreter instead.
    return "fork" if threading.active_count() == 1 else "spawn"


def _run(sender, produce: Callable[..., Iterator[tuple]], args: tuple) -> None:
    gc.disable()  # the items are acyclic; the young generation is collected per item instead
    for item in produce(*args):
        sender.send_bytes(marshal.dumps(item))
        gc.collect(1)
    sender.close()


def stream(produce: Callable[..., Iterator[tuple]], args: tuple, name: str) -> Iterator[tuple]:
    """Yield what `produce(*args)` yields, computed in a worker process.

    `produce` must be a module-level function and its items marshal-able tuples. The
    worker is stopped when the consumer stops early or fails.
    """
    context = multiprocessing.get_context(_start_method())
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_run, args=(sender, produce, args), name=name, daemon=True)
    worker.start()
    sender.close()
    try:
        while True:
            try:
                # Safe: the bytes come from our own worker process, over a private pipe.
                yield marshal.loads(receiver.recv_bytes())  # noqa: S302
            except EOFError:
                break
        worker.join()
        if worker.exitcode != 0:
            raise RuntimeError(f"the {name} process failed (exit code {worker.exitcode})")
    finally:
        receiver.close()
        if worker.is_alive():
            worker.terminate()
        worker.join()
