"""A run as separate stages that hand over through files staged per run (Parquet + JSON).

``mediamon run`` calls the stages one after the other in a temporary folder; the Airflow
DAG calls each stage from its own task with a folder keyed by the Airflow run, so a retried
or cleared task redoes only its stage and XCom carries only the folder and counts.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import re
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.articles import stream_articles
from pipeline.clusters import CLUSTER_COLUMNS, cluster_articles, signatures_to_load, with_story_ids
from pipeline.config import Settings
from pipeline.errors import BatchValidationError, RunFailedError
from pipeline.extraction import ExtractionPool
from pipeline.feeds import (
    FAILED,
    FETCHED,
    GONE,
    NOT_MODIFIED,
    SKIPPED,
    SKIPPED_GONE,
    FeedState,
    check_feeds_sync,
    load_feed_specs,
    next_state,
)
from pipeline.language import resolve_language
from pipeline.records import Article, FeedEntry, FeedSpec, Page
from pipeline.run import (
    PARALLEL_TAGGING_MIN,
    PARALLEL_TAGGING_MIN_WARM,
    RELEVANCE_COLUMNS,
    ProgressFactory,
    RunSummary,
    new_run_id,
    no_progress,
    tag_rows,
)
from pipeline.taxonomy import load_taxonomy
from pipeline.urls import canonicalize_url, url_key
from pipeline.warehouse import (
    LoadBatch,
    feed_states,
    known_articles,
    load_batch,
    read_connection,
    run_status,
    schema_version,
    seen_entries,
)

log = logging.getLogger(__name__)


def _clean(value: Any) -> Any:
    """pandas missing values -> None, Timestamps -> datetime (for records read back)."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


class RunDir:
    """The staged files of one run."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def run_id(self) -> str:
        return str(self.state()["run_id"])

    def state(self) -> dict[str, Any]:
        return dict(json.loads((self.path / "run.json").read_text(encoding="utf-8")))

    def save_state(self, state: dict[str, Any]) -> None:
        tmp = self.path / "run.json.tmp"
        tmp.write_text(json.dumps(state, default=str, indent=1), encoding="utf-8")
        tmp.replace(self.path / "run.json")  # atomic: a killed task never leaves half a file

    def summary(self) -> RunSummary:
        data = self.state()["summary"]
        data["feed_problems"] = [tuple(p) for p in data.get("feed_problems", [])]
        return RunSummary(**data)

    def save_summary(self, summary: RunSummary) -> None:
        state = self.state()
        state["summary"] = asdict(summary)
        self.save_state(state)

    def write(self, name: str, df: pd.DataFrame) -> None:
        tmp = self.path / f"{name}.parquet.tmp"
        df.to_parquet(tmp, index=False)
        tmp.replace(self.path / f"{name}.parquet")

    def read(self, name: str) -> pd.DataFrame:
        return pd.read_parquet(self.path / f"{name}.parquet")

    def records(self, name: str) -> list[dict[str, Any]]:
        return [{k: _clean(v) for k, v in r.items()} for r in self.read(name).to_dict(orient="records")]

    def write_json(self, name: str, value: Any) -> None:
        (self.path / f"{name}.json").write_text(json.dumps(value, default=str), encoding="utf-8")

    def read_json(self, name: str) -> Any:
        return json.loads((self.path / f"{name}.json").read_text(encoding="utf-8"))


@contextmanager
def _timed(summary: RunSummary, stage: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        summary.stage_seconds[stage] = round(time.perf_counter() - started, 3)


def begin_run(
    settings: Settings, staging: Path, feeds_file: Path | None = None, run_id: str | None = None,
    now: datetime | None = None,
) -> RunDir:  # fmt: skip
    """Create (or reuse, for a retried task) the staging folder of a run."""
    started = now or datetime.now(UTC)
    run_id = re.sub(r"[^A-Za-z0-9_.-]+", "_", run_id) if run_id else new_run_id(started)
    path = staging / run_id
    path.mkdir(parents=True, exist_ok=True)
    run = RunDir(path)
    if not (path / "run.json").exists():
        feeds_path = feeds_file or settings.feeds_file
        load_feed_specs(feeds_path)  # a bad feeds file fails here, before anything else
        run.save_state(
            {
                "run_id": run_id,
                "started_at": started.isoformat(),
                "feeds_file": str(feeds_path),
                "summary": asdict(RunSummary(run_id=run_id)),
            }
        )
    return run


def _feed_states(settings: Settings, specs: list[FeedSpec]) -> dict[str, FeedState]:
    """Each feed's stored health, read-only (the writer is only for the load)."""
    if not settings.warehouse.is_file():
        return {}
    with read_connection(settings.warehouse, settings.lock_timeout) as con:
        if schema_version(con) == 0:
            return {}
        stored = feed_states(con, [s.feed_id for s in specs])
    return {
        feed_id: FeedState(**{**row, "failure_score": row["failure_score"] or 0})
        for feed_id, row in stored.items()
    }


def fetch_feeds_stage(settings: Settings, run: RunDir, force: bool = False) -> dict[str, int]:
    """Fetch and parse every feed that is due; stage the feeds' new state and the entries not seen before.

    A feed backing off (``next_fetch_at`` ahead) or gone (410) is skipped unless ``force``. The
    previous state comes from the warehouse, read-only; the new one goes to ``feeds.parquet``,
    which the load writes in its transaction.
    """
    state = run.state()
    summary = run.summary()
    specs = load_feed_specs(Path(state["feeds_file"]))
    states = _feed_states(settings, specs)
    with _timed(summary, "fetch_feeds"):
        checks = check_feeds_sync(specs, states, settings, datetime.now(UTC), force)
    fetched_at = datetime.now(UTC)
    results = [c.result for c in checks]
    outcomes = Counter(c.outcome for c in checks)
    summary.feeds_total = len(checks)
    summary.feeds_fetched = outcomes[FETCHED]
    summary.feeds_not_modified = outcomes[NOT_MODIFIED]
    summary.feeds_skipped = outcomes[SKIPPED]
    summary.feeds_failed = outcomes[FAILED]
    summary.feeds_gone = outcomes[GONE] + outcomes[SKIPPED_GONE]
    checked = [c for c in checks if c.outcome not in (SKIPPED, SKIPPED_GONE)]
    feed_rows = [next_state(c, states.get(c.result.spec.feed_id), settings, fetched_at) for c in checked]
    summary.feed_problems = []
    for c, row in zip(checked, feed_rows, strict=True):
        r = c.result
        if c.outcome in (FAILED, GONE):
            until = (
                "gone: not fetched again"
                if c.outcome == GONE
                else f"next fetch {row['next_fetch_at']:%Y-%m-%d %H:%M:%S}Z"
            )
            problem = f"{r.error} ({c.failure} failure, score {row['failure_score']}; {until})"
        elif r.warning:
            problem = r.warning
        else:
            continue
        summary.feed_problems.append((r.spec.feed_id, problem))
        log.warning("feed %s: %s", r.spec.feed_id, problem)
    for c in checks:
        if c.note:
            summary.feed_problems.append((c.result.spec.feed_id, c.note))
            log.info("feed %s: %s", c.result.spec.feed_id, c.note)
    entries = [e for r in results for e in r.entries]
    summary.entries_total = len(entries)

    with _timed(summary, "dedupe"):
        keys = [url_key(canonicalize_url(e.url)) for e in entries]
        seen: set[tuple[str, str]] = set()
        known: dict[str, str] = {}
        if entries and settings.warehouse.is_file():
            with read_connection(settings.warehouse, settings.lock_timeout) as con:
                if schema_version(con) > 0:
                    seen = seen_entries(con, [s.feed_id for s in specs])
                    known = known_articles(con, sorted(set(keys)))
        rows = []
        for e, key in zip(entries, keys, strict=True):
            if (e.feed_id, e.guid) in seen:
                continue
            seen.add((e.feed_id, e.guid))  # a feed repeating an item counts it once
            rows.append({**asdict(e), "key": key})
        summary.entries_new = len(rows)
    columns = [f.name for f in fields(FeedEntry)] + ["key"]
    entries_df = pd.DataFrame(rows, columns=columns)
    entries_df["published_at"] = pd.to_datetime(entries_df["published_at"], utc=True)
    feeds_df = pd.DataFrame(feed_rows, columns=FEED_COLUMNS)
    for col in ("next_fetch_at", "gone_at", "last_success_at", "fetched_at"):
        feeds_df[col] = pd.to_datetime(feeds_df[col], utc=True)
    run.write("feeds", feeds_df)
    run.write("entries", entries_df)
    run.write_json("known", known)
    state = run.state()
    state["fetched_at"] = fetched_at.isoformat()
    state["summary"] = asdict(summary)
    run.save_state(state)
    return {"feeds": summary.feeds_total, "feeds_fetched": summary.feeds_fetched,
            "feeds_not_modified": summary.feeds_not_modified, "feeds_skipped": summary.feeds_skipped,
            "feeds_failed": summary.feeds_failed, "feeds_gone": summary.feeds_gone,
            "entries": summary.entries_total, "entries_new": summary.entries_new}  # fmt: skip


# What feeds.parquet holds: one row per feed checked this run (skipped feeds keep their row as is).
FEED_COLUMNS = [
    "feed_id", "url", "name", "language", "tags", "fetched_at", "http_status", "outcome", "etag",
    "last_modified", "body_hash", "failure_kind", "status", "error", "entry_count", "failure_score",
    "consecutive_failures", "next_fetch_at", "gone_at", "last_success_at",
]  # fmt: skip


def fetch_articles_stage(
    settings: Settings, run: RunDir, progress: ProgressFactory = no_progress
) -> dict[str, int]:
    """Download the new entries' pages and extract them; stage one row per new article."""
    state = run.state()
    summary = run.summary()
    fetched_at = datetime.fromisoformat(state["fetched_at"])
    entries = run.records("entries")
    known: dict[str, str] = run.read_json("known")
    to_fetch: dict[str, FeedEntry] = {}
    for row in entries:
        key = row.pop("key")
        if key not in known and key not in to_fetch:
            to_fetch[key] = FeedEntry(**row)

    entries_to_fetch = list(to_fetch.values())
    keys = list(to_fetch)
    stager = _ArticleStager(settings, run, known)
    fetch_tick = progress("fetching pages", len(entries_to_fetch))
    extract_tick = progress("extracting", len(entries_to_fetch))
    fetched: Counter[bool] = Counter()

    def on_fetched(page: Page) -> None:
        fetched[page.error is None] += 1
        fetch_tick()

    def on_article(i: int, article: Article) -> None:
        stager.add(i, keys[i], article)
        extract_tick()

    with ExtractionPool(settings.extract_workers) as pool:
        times = asyncio.run(
            stream_articles(entries_to_fetch, settings, fetched_at, pool, on_article, on_fetched)
        )
    started = time.perf_counter()
    key_to_article, counts = stager.close()
    # Fetching and extraction overlap: "fetch_pages" is the download span, "extract" what
    # extraction added after the last download (plus the final write), "extract_busy" the
    # extraction work summed over the workers.
    summary.stage_seconds["fetch_pages"] = round(times.fetch, 3)
    summary.stage_seconds["extract"] = round(times.extract_tail + time.perf_counter() - started, 3)
    summary.stage_seconds["extract_busy"] = round(times.extract_busy, 3)
    summary.pages_fetched = fetched[True]
    summary.pages_failed = fetched[False]
    summary.extracted_ok = counts["ok"]
    summary.extracted_fallback = counts["fallback_summary"]
    run.write_json("key_to_article", key_to_article)
    run.save_summary(summary)
    return {
        "pages_fetched": summary.pages_fetched,
        "pages_failed": summary.pages_failed,
        "extracted_ok": summary.extracted_ok,
        "extracted_fallback": summary.extracted_fallback,
    }


# Pyarrow types of the staged ``articles`` table: fixed, because a batch whose optional
# column is all None would otherwise get a "null" column that the next batch does not match.
_ARROW_TYPES = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
                "bytes": pa.binary(), "datetime": pa.timestamp("us", tz="UTC")}  # fmt: skip
ARTICLES_SCHEMA = pa.schema(
    [(f.name, _ARROW_TYPES[str(f.type).split(" | ")[0]]) for f in fields(Article)] + [("run_id", pa.string())]
)


class _ArticleStager:
    """Writes extracted articles to ``articles.parquet`` in row groups as they arrive.

    Only ids and keys stay in memory. Two entries whose pages name the same canonical article
    keep the one listed first, as a sequential run would: rows arrive in completion order, so
    a row written before its earlier-listed twin arrived is filtered out in one more pass
    (rare: it needs two URLs of one article in one run). Articles already in the warehouse
    under their page's canonical link are dropped batch by batch.
    """

    def __init__(self, settings: Settings, run: RunDir, known: dict[str, str]) -> None:
        self.settings = settings
        self.run = run
        self.key_to_article: dict[str, str] = dict(known)
        self.best: dict[str, int] = {}  # article id -> position of the entry that wins
        self.stored: dict[str, str] = {}  # our article id -> the stored one
        self.written: list[tuple[str, int, str]] = []  # (article id, position, status) per row
        self.batch: list[tuple[int, Article]] = []
        self.tmp = run.path / "articles.parquet.tmp"
        self.writer = pq.ParquetWriter(self.tmp, ARTICLES_SCHEMA)

    def add(self, i: int, key: str, article: Article) -> None:
        self.key_to_article[key] = article.article_id
        best = self.best.get(article.article_id)
        if best is not None and best < i:
            return  # an entry listed earlier gave the same article
        self.best[article.article_id] = i
        self.batch.append((i, article))
        if len(self.batch) >= self.settings.extract_batch_size:
            self._flush()

    def _flush(self) -> None:
        rows = [(i, a) for i, a in self.batch if self.best[a.article_id] == i]
        self.batch = []
        fresh = [a.article_id for _, a in rows if a.article_id not in self.stored]
        if fresh and self.settings.warehouse.is_file():
            with read_connection(self.settings.warehouse, self.settings.lock_timeout) as con:
                if schema_version(con) > 0:
                    self.stored.update(known_articles(con, fresh))
        rows = [(i, a) for i, a in rows if a.article_id not in self.stored]
        if rows:
            df = _articles_frame([a for _, a in rows], self.run.run_id)
            self.writer.write_table(pa.Table.from_pandas(df, schema=ARTICLES_SCHEMA, preserve_index=False))
            self.written += [(a.article_id, i, a.extraction_status) for i, a in rows]

    def close(self) -> tuple[dict[str, str], Counter[str]]:
        """Finish ``articles.parquet``; return the entry-key -> article-id map and status counts."""
        self._flush()
        self.writer.close()
        keep = [self.best[aid] == i for aid, i, _ in self.written]
        if not all(keep):
            self._drop_rows(keep)
        self.tmp.replace(self.run.path / "articles.parquet")
        counts = Counter(status for (_, _, status), k in zip(self.written, keep, strict=True) if k)
        stored = self.stored
        return {k: stored.get(v, v) for k, v in self.key_to_article.items()}, counts

    def _drop_rows(self, keep: list[bool]) -> None:
        """Rewrite the staged file without the rows that lost to an earlier-listed twin."""
        source = pq.ParquetFile(self.tmp)
        out = self.run.path / "articles.parquet.tmp2"
        with pq.ParquetWriter(out, ARTICLES_SCHEMA) as writer:
            start = 0
            for n in range(source.num_row_groups):
                group = source.read_row_group(n)
                mask = pa.array(keep[start : start + group.num_rows])
                writer.write_table(group.filter(mask))
                start += group.num_rows
        out.replace(self.tmp)


def tag_stage(settings: Settings, run: RunDir, workers_warm: bool = False) -> dict[str, int]:
    """Decide each article's language and tag it; stage the tag tables and the story clusters.

    Tagging and clustering are independent, so they run side by side: a large batch is tagged
    in worker processes (``pipeline.run.tag_rows``; from fewer articles up when the caller
    has the fork server running, ``workers_warm``) while this process clusters. The stage's
    time is ``tag``; ``cluster`` is the clustering's own time, within it.
    """
    summary = run.summary()
    with _timed(summary, "tag"):
        names = {f.name for f in fields(Article)}
        articles = [Article(**{k: v for k, v in r.items() if k in names}) for r in run.records("articles")]
        for a in articles:
            if a.language_source is None:  # else settled at extraction (pipeline.extraction)
                a.language, a.language_source = resolve_language(a.language, a.text)
        rows = [(a.article_id, a.title, a.text, a.language) for a in articles]
        df = _articles_frame(articles, run.run_id)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tag") as side:
            least = PARALLEL_TAGGING_MIN_WARM if workers_warm else PARALLEL_TAGGING_MIN
            tagging = side.submit(tag_rows, settings, rows, least)  # mostly waits on the workers
            with _timed(summary, "cluster"):
                clusters = cluster_articles(settings, df)
            frames = tagging.result()
        if articles:
            df = df.drop(columns=RELEVANCE_COLUMNS[1:]).merge(frames.relevance, on="article_id")
    run.write("clusters", clusters)
    run.write("articles_tagged", df.drop(columns=["minhash"]))  # kept in clusters.parquet
    run.write("companies", frames.companies)
    run.write("topics", frames.topics)
    run.write("mentions", frames.mentions)
    run.save_summary(summary)
    return {"articles": len(df), "company_tags": len(frames.companies), "topic_tags": len(frames.topics)}


def validate_stage(settings: Settings, run: RunDir) -> dict[str, Any]:
    """Run the Great Expectations suites; stage the quarantine reasons and every result.

    A batch-level failure is staged here and raised by the load stage, after the failed
    run and its checks have been recorded.
    """
    summary = run.summary()
    articles = run.read("articles_tagged")
    reasons: dict[str, list[str]] = {}
    failures: list[str] = []
    results = pd.DataFrame()
    if not articles.empty:
        with _timed(summary, "validate"):
            from pipeline.validation import Validator

            state = run.state()
            validator = Validator(
                settings,
                load_taxonomy(settings.taxonomy_file),
                now=datetime.fromisoformat(state["started_at"]),
            )
            outcome = validator.validate(articles, run.read("companies"), run.read("topics"), run.run_id)
        reasons, failures, results = outcome.reasons, outcome.batch_failures, pd.DataFrame(outcome.results)
    run.write_json("verdict", {"reasons": reasons, "batch_failures": failures})
    run.write("dq_results", results)
    summary.quarantine_reasons = {}
    for rs in reasons.values():
        for r in rs:
            summary.quarantine_reasons[r] = summary.quarantine_reasons.get(r, 0) + 1
    run.save_summary(summary)
    return {"quarantined": len(reasons), "batch_failures": len(failures)}


def load_stage(settings: Settings, run: RunDir) -> RunSummary:
    """Load the staged run into the warehouse in one transaction (once per run)."""
    state = run.state()
    summary = run.summary()
    done = run_status(settings.warehouse, run.run_id, settings.lock_timeout)
    if done is not None:
        # A retried load: the transaction committed before. Report it again, load nothing.
        log.info("run %s is already in the warehouse (%s): nothing to load", run.run_id, done[0])
        if done[0] == "failed":
            raise RunFailedError(done[1] or "run failed")
        return summary
    taxonomy = load_taxonomy(settings.taxonomy_file)
    verdict = run.read_json("verdict")
    reasons: dict[str, list[str]] = verdict["reasons"]
    failures: list[str] = verdict["batch_failures"]
    bad = set(reasons)
    articles_df = run.read("articles_tagged")
    key_to_article: dict[str, str] = run.read_json("key_to_article")
    fetched_at = datetime.fromisoformat(state["fetched_at"])
    loadable = set(articles_df["article_id"]) - bad

    # Every new entry is recorded with what became of it, so the next run skips it.
    entry_rows = []
    first_for_article: set[str] = set()
    for e in run.records("entries"):
        article_id = key_to_article[e["key"]]
        if article_id in bad:
            outcome = "quarantined"
        elif article_id in loadable and article_id not in first_for_article:
            outcome = "loaded"
        else:
            outcome = "duplicate"
        first_for_article.add(article_id)
        entry_rows.append(
            {"feed_id": e["feed_id"], "guid": e["guid"], "article_id": article_id, "url": e["url"],
             "title": e["title"], "published_at": e["published_at"], "first_seen_at": fetched_at,
             "run_id": run.run_id, "outcome": outcome}
        )  # fmt: skip
    summary.duplicates_skipped = sum(1 for r in entry_rows if r["outcome"] == "duplicate")
    good_df = articles_df[~articles_df["article_id"].isin(bad)]
    quarantine_df = _quarantine_frame(articles_df[articles_df["article_id"].isin(bad)], reasons, run.run_id)
    summary.loaded, summary.quarantined = len(good_df), len(quarantine_df)

    feeds = [{k: _clean(v) for k, v in r.items()} for r in run.read("feeds").to_dict(orient="records")]
    for f in feeds:
        f["tags"] = list(f["tags"]) if f["tags"] is not None else []
        # A failed batch loads no entries, so they must be read again: keep the old validators.
        f["keep_validators"] = bool(failures)
    # Every feed fetched this run failed (feeds skipped while backing off do not count).
    all_feeds_failed = bool(feeds) and all(f["status"] == "error" for f in feeds)
    summary.status = "failed" if failures or all_feeds_failed else "success"
    if failures:
        summary.error = "batch validation failed: " + "; ".join(failures)
        summary.loaded = summary.quarantined = 0
    elif all_feeds_failed:
        first = feeds[0]
        summary.error = f"all {len(feeds)} feeds failed (first: {first['feed_id']}: {first['error']})"
    dq = run.read("dq_results")
    batch = LoadBatch(
        run=_run_row(summary, Path(state["feeds_file"]), datetime.fromisoformat(state["started_at"]),
                     datetime.now(UTC)),
        feeds=feeds,
        dq_results=dq if not dq.empty else None,
    )  # fmt: skip
    if not failures:
        not_bad = lambda df: df[~df["article_id"].isin(bad)]  # noqa: E731
        batch.entries = pd.DataFrame(entry_rows) if entry_rows else None
        # A run staged before story clusters existed has none: its articles get no story_id
        # (the views fall back to content_hash) rather than failing the retried load.
        clusters = (
            run.read("clusters")
            if (run.path / "clusters.parquet").exists()
            else pd.DataFrame(columns=CLUSTER_COLUMNS)
        )
        batch.articles = with_story_ids(good_df, clusters)
        batch.story_signatures = signatures_to_load(good_df, clusters)
        batch.article_companies = not_bad(run.read("companies"))
        batch.article_topics = not_bad(run.read("topics"))
        batch.company_mentions = not_bad(run.read("mentions"))
        batch.quarantine = quarantine_df
    with _timed(summary, "load"):
        load_batch(settings.warehouse, batch, taxonomy, settings.lock_timeout)
    run.save_summary(summary)
    if failures:
        raise BatchValidationError(summary.error or "batch validation failed", failures)
    if all_feeds_failed:
        raise RunFailedError(summary.error or "all feeds failed")
    return summary


def _articles_frame(articles: list[Article], run_id: str) -> pd.DataFrame:
    names = list(Article.__dataclass_fields__)
    # Not dataclasses.asdict: its deep copy of every value was a tenth of the main process's work.
    df = pd.DataFrame([[getattr(a, n) for n in names] for a in articles], columns=names)
    df["run_id"] = run_id
    for col in ("published_at", "fetched_at", "page_published_at"):
        df[col] = pd.to_datetime(df[col], utc=True)
    return df


def _quarantine_frame(bad_df: pd.DataFrame, reasons: dict[str, list[str]], run_id: str) -> pd.DataFrame:
    columns = ["article_id", "url", "feed_id", "run_id", "reasons", "record", "quarantined_at"]
    if bad_df.empty:
        return pd.DataFrame(columns=columns)
    now = datetime.now(UTC)
    rows = [
        {
            "article_id": rec["article_id"],
            "url": rec["url"],
            "feed_id": rec["feed_id"],
            "run_id": run_id,
            "reasons": sorted(set(reasons[rec["article_id"]])),
            "record": json.dumps(rec, default=str, ensure_ascii=False),
            "quarantined_at": now,
        }
        for rec in bad_df.to_dict(orient="records")
    ]
    return pd.DataFrame(rows, columns=columns)


def _run_row(
    summary: RunSummary, feeds_path: Path, started: datetime, finished: datetime
) -> dict[str, object]:
    fields = (
        "run_id", "status", "feeds_total", "feeds_fetched", "feeds_not_modified", "feeds_skipped",
        "feeds_failed", "feeds_gone", "entries_total", "entries_new",
        "duplicates_skipped", "pages_fetched", "pages_failed", "extracted_ok",
        "extracted_fallback", "loaded", "quarantined", "stage_seconds", "error",
    )  # fmt: skip
    row = {f: getattr(summary, f) for f in fields}
    row.update(started_at=started, finished_at=finished, feeds_file=str(feeds_path))
    return row
