"""Extraction on every core: worker processes turn (feed entry, page) into an Article.

Extraction (lxml + trafilatura) is CPU-bound and holds the GIL, so threads would not help;
fetching is latency-bound and runs in the event loop. ``ExtractionPool`` hands each page to
a process pool as soon as it is downloaded, so both go on at once (see
``pipeline.articles.stream_articles``).

The workers start with ``forkserver``, not ``fork``: forking an Airflow task process or a
Celery worker copies its threads' locks and open connections mid-use, while the fork server
is a fresh interpreter that has imported only this module and ``pipeline.worker_preload``
(trafilatura, lxml, the language model; see ``pipeline.forkserver``), from which every worker
is forked. Where no pool can start (a daemonic process may not have children,
a sandbox without semaphores) extraction falls back to one thread in this process.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from pipeline.articles import build_article
from pipeline.config import Settings
from pipeline.forkserver import forkserver_context
from pipeline.language import resolve_language
from pipeline.minhash import signature_blob
from pipeline.records import Article, FeedEntry, Page
from pipeline.staged_tags import tag_text

log = logging.getLogger(__name__)

T = TypeVar("T")

# How often an idle worker checks that the process that started it is still there.
PARENT_CHECK_SECONDS = 1.0
# How long the first worker may take to start (the fork server imports trafilatura once).
START_TIMEOUT = 60.0


def extract_in_worker(
    entry: FeedEntry, page: Page, fetched_at: datetime, tag_with: Settings | None = None
) -> tuple[Article, float]:
    """Build one article and settle its language; also return the seconds it took (busy time).

    Language identification, the story signature (pipeline.clusters) and, given ``tag_with``,
    the tags (pipeline.staged_tags) are CPU work on the extracted text, so they are done here,
    in parallel and while pages download, rather than one article after the other in the tag
    stage (which only does them for articles staged without ``language_source``, ``minhash``
    or tags made by its own tagger). A tagger failure leaves the tags to the tag stage, which
    reports it.
    """
    started = time.perf_counter()
    article = build_article(entry, page, fetched_at)
    article.language, article.language_source = resolve_language(article.language, article.text)
    article.minhash = signature_blob(article.text)
    if tag_with is not None:
        try:
            article.tags = tag_text(tag_with, article.title, article.text, article.language)
        except Exception:
            log.warning("tagging %s at extraction failed: left to the tag stage", article.url, exc_info=True)
    return article, time.perf_counter() - started


def loaded_modules(prefixes: tuple[str, ...]) -> list[str]:
    """The top-level packages among ``prefixes`` that a worker has imported (for tests)."""
    return sorted({name.split(".")[0] for name in sys.modules} & set(prefixes))


def _ready() -> int:
    return multiprocessing.current_process().pid or 0


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs: it exists and, where /proc says, is not a zombie (a killed
    process stays one until its parent reaps it, which a parent reading its output may only
    do once every holder of the pipes is gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def _exit_with(parent: int) -> None:
    """Worker initializer: end this worker when ``parent`` (the process that started the pool)
    is gone. A worker idle on its task queue would otherwise outlive a parent killed with
    SIGKILL (it is the fork server's child, and it holds the queue's write end itself), keeping
    the parent's stdout and stderr open."""

    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_SECONDS)
            if not _alive(parent):
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


@contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Keep workers from re-importing the parent's ``__main__``.

    multiprocessing runs the parent's main script (or module) again in every spawned or
    forkserver child, so that functions defined there can be unpickled. Under Airflow or
    Celery that script is ``airflow``/``celery``, and importing it would load all of Airflow in
    each worker. The workers only ever run functions of this package, so the main module is
    hidden while they start.
    """
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved: dict[str, object] = {k: main.__dict__[k] for k in ("__file__", "__spec__") if k in main.__dict__}
    main.__dict__.pop("__file__", None)
    main.__dict__["__spec__"] = None
    try:
        yield
    finally:
        main.__dict__.pop("__spec__", None)
        main.__dict__.update(saved)


class ExtractionPool:
    """A process pool of ``workers`` extractors, or one thread when ``workers`` <= 1; ``call``
    and ``run`` also give it other functions of this package (tagging, validation).

    Use as a context manager; ``submit`` returns an asyncio future of (Article, seconds), the
    article tagged too when the pool was given ``tag_with`` settings.
    ``processes`` says how many worker processes actually run (0: in this process). Pass
    ``use_processes=True`` for a pool even with one worker (the benchmark compares 1 and 2).
    """

    def __init__(
        self, workers: int, use_processes: bool | None = None, tag_with: Settings | None = None
    ) -> None:
        self.requested = max(workers, 1)
        self.tag_with = tag_with  # extracted articles are also tagged with these settings
        self.use_processes = workers > 1 if use_processes is None else use_processes
        self.processes = 0
        self._executor: Executor | None = None
        self._stack = ExitStack()

    @property
    def capacity(self) -> int:
        """How many pages may wait for extraction at once (keeps every worker busy, bounds memory)."""
        return 4 * max(self.processes, 1)

    def __enter__(self) -> ExtractionPool:
        if self.use_processes:
            self._executor = self._start_processes()
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")
        return self

    def _start_processes(self) -> Executor | None:
        if multiprocessing.current_process().daemon:
            log.info("extraction in this process: a daemonic process cannot start worker processes")
            return None
        ctx = forkserver_context() or multiprocessing.get_context("spawn")
        method = ctx.get_start_method()
        self._stack.enter_context(_main_module_hidden())
        executor: ProcessPoolExecutor | None = None
        try:
            executor = ProcessPoolExecutor(
                max_workers=self.requested, mp_context=ctx, initializer=_exit_with, initargs=(os.getpid(),)
            )
            # Start every worker now, so a failure shows here and not in the middle of a run.
            for started in [executor.submit(_ready) for _ in range(self.requested)]:
                started.result(timeout=START_TIMEOUT)
        except Exception as exc:
            self._stack.close()
            if executor is not None:
                executor.shutdown(wait=False, cancel_futures=True)
            log.warning("extraction in this process: the worker pool did not start (%s: %s)",
                        type(exc).__name__, exc)  # fmt: skip
            return None
        self.processes = self.requested
        log.info("extracting with %d worker processes (%s)", self.requested, method)
        return executor

    def submit(
        self, entry: FeedEntry, page: Page, fetched_at: datetime
    ) -> asyncio.Future[tuple[Article, float]]:
        assert self._executor is not None, "use ExtractionPool as a context manager"
        return asyncio.wrap_future(
            self._executor.submit(extract_in_worker, entry, page, fetched_at, self.tag_with)
        )

    def call(self, fn: Callable[..., T], *args: object) -> Future[T]:
        """Start ``fn(*args)`` in a worker (any picklable function of this package)."""
        assert self._executor is not None, "use ExtractionPool as a context manager"
        return self._executor.submit(fn, *args)

    def run(self, fn: Callable[..., T], *args: object) -> T:
        """Run ``fn(*args)`` in a worker and wait for it (for tests and the benchmark)."""
        return self.call(fn, *args).result()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=exc is not None)
            self._executor = None
        self._stack.close()
