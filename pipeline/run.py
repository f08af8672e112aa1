"""One pipeline run: feeds -> pages -> extraction -> tags -> validation -> load."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path

import pandas as pd

from pipeline.config import Settings
from pipeline.records import Tags
from pipeline.tagging import Tagger, tagger_for

# Called as progress(stage, total) and returns a tick() for one finished item.
ProgressFactory = Callable[[str, int], Callable[[], None]]


@dataclass
class RunSummary:
    """The counts a run reports (also the row written to the ``runs`` table)."""

    run_id: str
    status: str = "running"
    feeds_total: int = 0  # in the feeds file; each is one of the five below
    feeds_fetched: int = 0  # a new body, parsed
    feeds_not_modified: int = 0  # 304, or the same body as last time: no entries work
    feeds_skipped: int = 0  # backing off after failures (or Retry-After): not fetched
    feeds_failed: int = 0
    feeds_gone: int = 0  # 410 Gone, this run or before (then not fetched)
    entries_total: int = 0
    entries_new: int = 0
    duplicates_skipped: int = 0
    pages_fetched: int = 0
    pages_failed: int = 0
    extracted_ok: int = 0
    extracted_fallback: int = 0
    loaded: int = 0
    quarantined: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    feed_problems: list[tuple[str, str]] = field(default_factory=list)
    quarantine_reasons: dict[str, int] = field(default_factory=dict)
    error: str | None = None


def no_progress(stage: str, total: int) -> Callable[[], None]:
    return lambda: None


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"


@dataclass
class TagFrames:
    """Tagging output for a batch, shaped like the warehouse tables."""

    companies: pd.DataFrame
    topics: pd.DataFrame
    mentions: pd.DataFrame
    relevance: pd.DataFrame  # article_id, ai_relevance, is_ai_relevant, tagged_with


COMPANY_COLUMNS = ["article_id", "company_id", "mentions", "in_title", "in_lead", "salience"]
TOPIC_COLUMNS = ["article_id", "topic_id", "score"]
MENTION_COLUMNS = ["article_id", "company_id", "field", "start_char", "end_char", "matched_text",
                   "match_kind", "in_lead"]  # fmt: skip
RELEVANCE_COLUMNS = ["article_id", "ai_relevance", "is_ai_relevant", "tagged_with"]


def tag_articles(rows: Iterable[tuple[str, str | None, str | None, str | None]], tagger: Tagger) -> TagFrames:
    """Tag (article_id, title, text, language) rows; used by runs and by ``mediamon retag``."""
    companies: list[tuple[object, ...]] = []
    topics: list[tuple[object, ...]] = []
    mentions: list[tuple[object, ...]] = []
    relevance: list[tuple[object, ...]] = []
    digest = tagger.version
    for article_id, title, text, language in rows:
        tags: Tags = tagger.tag(title, text, language)
        companies += [
            (article_id, c.company_id, c.mentions, c.in_title, c.in_lead, c.salience) for c in tags.companies
        ]
        topics += [(article_id, t.topic_id, t.score) for t in tags.topics]
        mentions += [
            (article_id, m.company_id, m.field, m.start, m.end, m.matched, m.kind, m.in_lead)
            for m in tags.mentions
        ]
        relevance.append((article_id, tags.ai_relevance, tags.is_ai_relevant, digest))
    return frames_of(companies, topics, mentions, relevance)


def frames_of(
    companies: list[tuple[object, ...]],
    topics: list[tuple[object, ...]],
    mentions: list[tuple[object, ...]],
    relevance: list[tuple[object, ...]],
) -> TagFrames:
    """Tag rows (each starting with its article_id) as typed frames."""
    return TagFrames(
        companies=pd.DataFrame(companies, columns=COMPANY_COLUMNS).astype(
            {"mentions": "int64", "in_title": "bool", "in_lead": "bool", "salience": "float64"}
        ),
        topics=pd.DataFrame(topics, columns=TOPIC_COLUMNS).astype({"score": "float64"}),
        mentions=pd.DataFrame(mentions, columns=MENTION_COLUMNS).astype(
            {"start_char": "int64", "end_char": "int64", "in_lead": "bool"}
        ),
        relevance=pd.DataFrame(relevance, columns=RELEVANCE_COLUMNS).astype(
            {"ai_relevance": "float64", "is_ai_relevant": "bool"}
        ),
    )


# Below this many articles, tagging in this process is quicker than starting worker processes
# for it (the tagger does ~1,500-2,800 articles a second on one core), or, where the fork
# server is already up (``mediamon run``), quicker than forking the workers from it.
PARALLEL_TAGGING_MIN = 2000
PARALLEL_TAGGING_MIN_WARM = 300
TagRow = tuple[str, str | None, str | None, str | None]  # article_id, title, text, language


def tag_chunk(settings: Settings, rows: list[TagRow]) -> TagFrames:
    """Tag rows with the settings' tagger (what a worker process runs)."""
    return tag_articles(rows, tagger_for(settings))


class BatchTagger:
    """Tags batches of rows, in order: on every core (``settings.extract_workers`` worker
    processes, a few chunks per worker so that they finish together) when ``parallel`` and a
    worker process can start, else in this process. Use as a context manager.

    ``submit(rows)`` starts a batch and returns a function that waits for its frames, so the
    caller can write one batch while the next is being tagged.
    """

    def __init__(self, settings: Settings, parallel: bool) -> None:
        from pipeline.extraction import ExtractionPool

        self.settings = settings
        self.pool = (
            ExtractionPool(settings.extract_workers) if parallel and settings.extract_workers > 1 else None
        )

    def __enter__(self) -> BatchTagger:
        if self.pool is not None:
            self.pool.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.__exit__(None, None, None)

    def submit(self, rows: list[TagRow]) -> Callable[[], TagFrames]:
        if not rows:  # nothing to tag: no tagger to build
            frames = empty_frames()
            return lambda: frames
        if self.pool is not None and self.pool.processes:
            size = -(-len(rows) // (self.pool.processes * 2))
            chunks = [
                self.pool.call(tag_chunk, self.settings, rows[i : i + size])
                for i in range(0, len(rows), size)
            ]
            return lambda: concat_frames([c.result() for c in chunks])
        frames = tag_articles(rows, tagger_for(self.settings))
        return lambda: frames


def empty_frames() -> TagFrames:
    return frames_of([], [], [], [])


def concat_frames(parts: list[TagFrames]) -> TagFrames:
    return TagFrames(
        *(pd.concat([getattr(p, f.name) for p in parts], ignore_index=True) for f in fields(TagFrames))
    )


def run_pipeline(
    settings: Settings,
    feeds_file: Path | None = None,
    progress: ProgressFactory = no_progress,
    now: datetime | None = None,
    force_all: bool = False,
) -> RunSummary:
    """Run the whole pipeline once and load the result into ``settings.warehouse``.

    The stages of ``pipeline.stages`` run one after the other, staged in a temporary folder
    (the Airflow DAG runs the same stages as separate tasks). Failing feeds and pages are
    recorded and the run goes on; feeds backing off or gone are skipped unless ``force_all``.
    A failed batch-level check raises BatchValidationError after the failed run (and its
    checks) has been recorded.
    """
    from pipeline import stages
    from pipeline.extraction import ExtractionPool
    from pipeline.forkserver import start_fork_server
    from pipeline.validation import preload_gx

    # The stages run back to back here, so start-up work can overlap with network waits: the
    # extraction workers' fork server imports while the feeds download. Great Expectations
    # (seconds of imports) is imported by a process of its own while the pages download, and
    # the validate stage runs there: its imports then hold neither this process's GIL, which
    # the event loop fetching the pages needs, nor its memory. (Where no process can start,
    # e.g. in a daemonic Celery worker, the pool is a thread of this process.)
    start_fork_server()
    with tempfile.TemporaryDirectory(prefix="mediamon-run-") as tmp:
        run = stages.begin_run(settings, Path(tmp), feeds_file, now=now)
        stages.fetch_feeds_stage(settings, run, force=force_all)
        # Started once the fork server has had the feeds' time to import its modules, and
        # closed before the load, so the load runs with no helper process holding memory. It
        # imports Great Expectations while pages download, clusters stories while the tag
        # stage runs (unless it is still importing: in a short run the imports, at low
        # priority, outlast the downloads, and clustering then runs in a thread here), and runs
        # the validate stage.
        with ExtractionPool(1, use_processes=True) as helper:
            imported = helper.call(preload_gx, helper.processes > 0)  # its own process: low priority
            stages.fetch_articles_stage(settings, run, progress)
            free = helper if imported.done() else None
            stages.tag_stage(settings, run, workers_warm=True, helper=free)
            helper.run(stages.validate_stage, settings, run)
        return stages.load_stage(settings, run)


__all__ = ["RunSummary", "run_pipeline"]
