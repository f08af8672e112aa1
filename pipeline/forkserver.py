"""The fork server that extraction workers are forked from (see pipeline.extraction).

Kept apart, with no imports of its own beyond the standard library, so that a command can start
it first thing: the fork server's imports (trafilatura, lxml, the language model) then overlap
with the command's own.
"""

from __future__ import annotations

import logging
import multiprocessing

log = logging.getLogger(__name__)

# Imported once by the fork server, then shared by every worker it forks.
PRELOAD = ["pipeline.extraction", "pipeline.worker_preload"]


def forkserver_context() -> multiprocessing.context.BaseContext | None:
    """The forkserver start method with PRELOAD; None where it is unavailable."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return None
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


def start_fork_server() -> None:
    """Start the fork server now: its imports (trafilatura, lxml: 1-3 s) then overlap with
    whatever this process does before extracting, e.g. fetching the feeds."""
    if multiprocessing.current_process().daemon or forkserver_context() is None:
        return
    from multiprocessing import forkserver

    try:
        forkserver.ensure_running()
    except OSError as exc:  # the pool will try again, and fall back if it must
        log.debug("fork server did not start early: %s", exc)
