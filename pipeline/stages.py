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
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pajson
import pyarrow.parquet as pq

from pipeline.articles import stream_articles
from pipeline.clusters import CLUSTER_COLUMNS, cluster_articles, signatures_to_load, story_ids
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
    BatchTagger,
    ProgressFactory,
    RunSummary,
    TagFrames,
    new_run_id,
    no_progress,
)
from pipeline.staged_tags import tagger_key
from pipeline.taxonomy import load_taxonomy
from pipeline.urls import canonicalize_url, url_key
from pipeline.warehouse import (
    LoadBatch,
    Staged,
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


def read_batches(path: Path, size: int, columns: list[str] | None = None) -> Iterator[pa.Table]:
    """A Parquet file ``size`` rows at a time (the last batch shorter), read a row group at a
    time. Not ``ParquetFile.iter_batches``: with a column selection it kept about 1 MB of
    Arrow memory per row group read until the reader closed (pyarrow 26), so a stage reading
    a run's articles grew with the run."""
    source = pq.ParquetFile(path)
    held: list[pa.Table] = []
    rows = 0
    for group in range(source.num_row_groups):
        table = source.read_row_group(group, columns=columns)
        held.append(table)
        rows += table.num_rows
        if rows < size:
            continue
        table = pa.concat_tables(held) if len(held) > 1 else table
        start = 0
        while rows - start >= size:
            yield table.slice(start, size)
            start += size
        held, rows = ([table.slice(start)], rows - start) if start < rows else ([], 0)
    if rows:
        yield pa.concat_tables(held) if len(held) > 1 else held[0]


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

    @contextmanager
    def writer(self, name: str, schema: pa.Schema) -> Iterator[Callable[[pd.DataFrame | pa.Table], None]]:
        """Write ``name`` a frame or table at a time (one row group each); it appears whole or not
        at all."""
        tmp = self.path / f"{name}.parquet.tmp"
        with pq.ParquetWriter(tmp, schema) as out:
            yield lambda rows: out.write_table(
                rows
                if isinstance(rows, pa.Table)
                else pa.Table.from_pandas(rows, schema=schema, preserve_index=False)
            )
        tmp.replace(self.path / f"{name}.parquet")

    def rows(self, name: str) -> int:
        return int(pq.ParquetFile(self.path / f"{name}.parquet").metadata.num_rows)

    def batches(self, name: str, size: int, columns: list[str] | None = None) -> Iterator[pd.DataFrame]:
        """``name`` ``size`` rows at a time (so that a stage holds a batch, never the run)."""
        for batch in read_batches(self.path / f"{name}.parquet", size, columns):
            yield batch.to_pandas()

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

    tag_with = settings if settings.tag_at_extraction else None
    with ExtractionPool(settings.extract_workers, tag_with=tag_with) as pool:
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
# What the tag stage stages: the articles with their language settled and AI relevance (the
# signature goes to clusters.parquet), and the tag tables, shaped like the warehouse's.
_S, _I, _B, _F = pa.string(), pa.int64(), pa.bool_(), pa.float64()
TAGGED_SCHEMAS = {
    "articles_tagged": pa.schema([f for f in ARTICLES_SCHEMA if f.name not in ("minhash", "tags")]),
    "companies": pa.schema([("article_id", _S), ("company_id", _S), ("mentions", _I), ("in_title", _B),
                            ("in_lead", _B), ("salience", _F)]),
    "topics": pa.schema([("article_id", _S), ("topic_id", _S), ("score", _F)]),
    "mentions": pa.schema([("article_id", _S), ("company_id", _S), ("field", _S), ("start_char", _I),
                           ("end_char", _I), ("matched_text", _S), ("match_kind", _S), ("in_lead", _B)]),
}  # fmt: skip


_TAG_TABLES = ("companies", "topics", "mentions")
RELEVANCE_SCHEMA = pa.schema(
    [("article_id", _S), ("ai_relevance", _F), ("is_ai_relevant", _B), ("tagged_with", _S)]
)
# One line of staged tags (pipeline.staged_tags.encode) with its article's id: each tag table a
# struct of columns.
_STAGED_TAGS_SCHEMA = pa.schema(
    [("article_id", _S)]
    + [
        (
            name,
            pa.struct([(f.name, pa.list_(f.type)) for f in TAGGED_SCHEMAS[name] if f.name != "article_id"]),
        )
        for name in _TAG_TABLES
    ]
    + [f for f in RELEVANCE_SCHEMA if f.name != "article_id"]
)


def staged_tag_tables(
    ids: list[str], staged: list[str | None], key: str | None
) -> tuple[dict[str, pa.Table], list[bool]]:
    """The tag tables (companies, topics, mentions, relevance) of the articles of a batch staged
    with tags made with ``key``, and which articles (by position) those are. The staged JSON is
    read by Arrow's JSON reader in one call, a row of every table a list item, so a batch's tens
    of thousands of tag rows never become Python objects (json.loads and a frame from its rows
    took most of the tag stage's time)."""
    head = None if key is None else key + "\n"
    used = [head is not None and text is not None and text.startswith(head) for text in staged]
    if not any(used):
        return {}, used
    skip = len(head or "") + 1  # the key line and the body's opening brace
    lines = "\n".join(
        f'{{"article_id": {json.dumps(article_id)}, {text[skip:]}'
        for article_id, text, ok in zip(ids, staged, used, strict=True)
        if ok and text is not None
    ).encode("utf-8")
    parsed = pajson.read_json(
        pa.BufferReader(lines),
        read_options=pajson.ReadOptions(block_size=max(len(lines) + 1, 1 << 20)),
        parse_options=pajson.ParseOptions(
            explicit_schema=_STAGED_TAGS_SCHEMA, unexpected_field_behavior="error"
        ),
    )
    article_ids = parsed.column("article_id").combine_chunks()
    tables = {"relevance": parsed.select(RELEVANCE_SCHEMA.names).cast(RELEVANCE_SCHEMA)}
    for name in _TAG_TABLES:
        struct = parsed.column(name).combine_chunks()
        children = dict(zip([f.name for f in struct.type], struct.flatten(), strict=True))
        parents = pc.list_parent_indices(next(iter(children.values())))
        columns = {"article_id": article_ids.take(parents)}
        columns |= {field: pc.list_flatten(values) for field, values in children.items()}
        tables[name] = pa.table(columns).cast(TAGGED_SCHEMAS[name])
    return tables, used


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


def tag_stage(
    settings: Settings, run: RunDir, workers_warm: bool = False, helper: ExtractionPool | None = None
) -> dict[str, int]:
    """Settle each article's language and tag it; stage the tag tables and the story clusters.

    Articles are read, tagged and written ``settings.tag_batch_size`` at a time (in worker
    processes from ``PARALLEL_TAGGING_MIN`` articles up, or ``PARALLEL_TAGGING_MIN_WARM`` when
    the caller has the fork server running, ``workers_warm``); an article its extraction worker
    tagged with this stage's tagger (pipeline.staged_tags) keeps those tags. Meanwhile the
    run's stories are clustered from their signatures: in ``helper``'s process when the caller
    has one (so the two do not share this process's GIL), else in a thread. The stage's time
    is ``tag``; ``cluster`` is the clustering's own time, within it.
    """
    summary = run.summary()
    total = run.rows("articles")
    key, untagged = _staged_tag_key(run, settings)
    parallel = untagged >= (PARALLEL_TAGGING_MIN_WARM if workers_warm else PARALLEL_TAGGING_MIN)
    with _timed(summary, "tag"), ExitStack() as stack:
        if helper is not None and helper.processes:
            clustering = helper.call(cluster_stage, settings, run.path)
        else:
            thread = stack.enter_context(ThreadPoolExecutor(max_workers=1, thread_name_prefix="cluster"))
            clustering = thread.submit(cluster_stage, settings, run.path)
        try:
            counts = _tag_batches(settings, run, parallel, key)
        finally:
            summary.stage_seconds["cluster"] = round(clustering.result(), 3)
    run.save_summary(summary)
    return {"articles": total, **counts}


def cluster_stage(settings: Settings, path: Path) -> float:
    """Cluster a staged run's articles into stories (``clusters.parquet``); returns its seconds."""
    started = time.perf_counter()
    run = RunDir(path)
    run.write("clusters", cluster_articles(settings, _cluster_input(run, settings.tag_batch_size)))
    return time.perf_counter() - started


def _staged_tag_key(run: RunDir, settings: Settings) -> tuple[str | None, int]:
    """This stage's ``tagger_key`` (None for articles staged with no tags column, by an older
    version), and how many articles are left to tag here: those without tags made with it."""
    source = pq.ParquetFile(run.path / "articles.parquet")
    total = source.metadata.num_rows
    if "tags" not in source.schema_arrow.names:
        return None, total
    key = tagger_key(settings)  # file stamps and digests: no tagger is built for it
    batches = read_batches(run.path / "articles.parquet", settings.tag_batch_size, ["tags"])
    return key, total - sum(pc.sum(pc.starts_with(b.column(0), key + "\n")).as_py() or 0 for b in batches)


_StagedTags = tuple[dict[str, pa.Table], list[bool]]  # what staged_tag_tables returns
_PendingBatch = tuple[pa.Table, list[str | None], list[str | None], _StagedTags, Callable[[], TagFrames]]


def _tag_batches(settings: Settings, run: RunDir, parallel: bool, key: str | None) -> dict[str, int]:
    """Tag ``articles.parquet`` a batch at a time, the next batch tagging while one is written.

    The articles stay Arrow tables here (no pandas round trip for their texts): the settled
    languages and the relevance columns are set on them, in row order, and written out. An
    article staged with tags made with ``key`` (by its extraction worker) is not tagged again.
    """
    counts = {"company_tags": 0, "topic_tags": 0}
    schema = TAGGED_SCHEMAS["articles_tagged"]
    with ExitStack() as stack:
        out = stack.enter_context(pq.ParquetWriter(run.path / "articles_tagged.parquet.tmp", schema))
        write = {name: stack.enter_context(run.writer(name, TAGGED_SCHEMAS[name])) for name in _TAG_TABLES}
        tagger = stack.enter_context(BatchTagger(settings, parallel))
        pending: deque[_PendingBatch] = deque()

        def finish(
            table: pa.Table,
            languages: list[str | None],
            sources: list[str | None],
            staged: _StagedTags,
            frames_for: Callable[[], TagFrames],
        ) -> None:
            kept, used = staged
            frames = frames_for()  # the articles tagged here (those not staged with this tagger's tags)
            schemas = {**{name: TAGGED_SCHEMAS[name] for name in _TAG_TABLES}, "relevance": RELEVANCE_SCHEMA}
            tagged = {
                name: pa.Table.from_pandas(getattr(frames, name), schema=schemas[name], preserve_index=False)
                for name in schemas
            }
            if kept:
                tagged = {name: pa.concat_tables([kept[name], part]) for name, part in tagged.items()}
            # Relevance rows in the batch's order: the kept ones come first in `tagged`, each part in order.
            first = kept["relevance"].num_rows if kept else 0
            own, theirs = iter(range(first)), iter(range(first, tagged["relevance"].num_rows))
            relevance = tagged["relevance"].take([next(own) if ok else next(theirs) for ok in used])
            if relevance["article_id"].to_pylist() != table["article_id"].to_pylist():
                raise RuntimeError("tagging returned its rows out of order")  # columns are set by position
            columns = {
                "language": pa.array(languages, _S),
                "language_source": pa.array(sources, _S),
                **{name: relevance[name] for name in ("ai_relevance", "is_ai_relevant", "tagged_with")},
            }
            for name, values in columns.items():
                table = table.set_column(table.schema.get_field_index(name), name, values)
            out.write_table(table.select(schema.names).cast(schema))
            for name in _TAG_TABLES:
                write[name](tagged[name])
            counts["company_tags"] += tagged["companies"].num_rows
            counts["topic_tags"] += tagged["topics"].num_rows
            # Arrow's allocator (mimalloc) keeps the pages of freed batches for reuse, and with
            # batches of uneven texts it kept taking more: the tag stage's process grew by about
            # 4 KB per article of the run (6,000 -> 18,000 articles: +50 MB). Handing them back
            # after each batch keeps it flat (+14 MB; tests/test_streaming.py).
            pa.default_memory_pool().release_unused()

        columns = schema.names + (["tags"] if key is not None else [])
        for table in read_batches(run.path / "articles.parquet", settings.tag_batch_size, columns):
            ids, titles, texts = (table[c].to_pylist() for c in ("article_id", "title", "text"))
            languages, sources = _settled_languages(table["language"].to_pylist(),
                                                    table["language_source"].to_pylist(), texts)  # fmt: skip
            staged = staged_tag_tables(
                ids, table["tags"].to_pylist() if key is not None else [None] * len(ids), key
            )
            every = zip(ids, titles, texts, languages, strict=True)
            rows = [row for row, ok in zip(every, staged[1], strict=True) if not ok]
            pending.append((table, languages, sources, staged, tagger.submit(rows)))
            if len(pending) > 1:
                finish(*pending.popleft())
        while pending:
            finish(*pending.popleft())
    (run.path / "articles_tagged.parquet.tmp").replace(run.path / "articles_tagged.parquet")
    return counts


def _settled_languages(
    languages: list[str | None], sources: list[str | None], texts: list[str | None]
) -> tuple[list[str | None], list[str | None]]:
    """Each article's language and where it came from, decided here where extraction did not
    (``pipeline.extraction`` settles it there)."""
    languages, sources = list(languages), list(sources)
    for i, source in enumerate(sources):
        if source is None:
            languages[i], sources[i] = resolve_language(languages[i], texts[i])
    return languages, sources


def _cluster_input(run: RunDir, size: int) -> pd.DataFrame:
    """What story clustering needs of every article: keys, dates and signature, and the text
    only of an article staged without a signature (a few bytes an article, not its text).
    Texts are read only when some article has no signature (a run staged before signatures
    were made at extraction)."""
    columns = ["article_id", "content_hash", "published_at", "fetched_at", "minhash"]
    source_path = run.path / "articles.parquet"
    table = pq.ParquetFile(source_path).read(columns=columns)
    if table["minhash"].null_count == 0:
        return table.append_column("text", pa.nulls(len(table), pa.string())).to_pandas()
    texts: list[pa.Array] = []
    for batch in read_batches(source_path, size, ["minhash", "text"]):
        unsigned = pc.is_null(batch["minhash"])
        texts += pc.if_else(unsigned, batch["text"], pa.nulls(len(batch), pa.string())).chunks
    return table.append_column("text", pa.chunked_array(texts, pa.string())).to_pandas()


def validate_stage(settings: Settings, run: RunDir) -> dict[str, Any]:
    """Run the Great Expectations suites; stage the quarantine reasons and every result.

    The row-level suites run ``settings.validate_batch_size`` rows at a time (``Validator.validate_batches``).
    A batch-level failure is staged here and raised by the load stage, after the failed run
    and its checks have been recorded.
    """
    summary = run.summary()
    reasons: dict[str, list[str]] = {}
    failures: list[str] = []
    results = pd.DataFrame()
    if run.rows("articles_tagged"):
        with _timed(summary, "validate"):
            from pipeline.validation import Validator

            state = run.state()
            validator = Validator(
                settings,
                load_taxonomy(settings.taxonomy_file),
                now=datetime.fromisoformat(state["started_at"]),
            )
            outcome = validator.validate_batches(
                run.batches("articles_tagged", settings.validate_batch_size),
                run.batches("companies", settings.validate_batch_size),
                run.batches("topics", settings.validate_batch_size),
                run.run_id,
            )
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
    staged_ids = run.batches("articles_tagged", settings.validate_batch_size, columns=["article_id"])
    loadable = {a for df in staged_ids for a in df["article_id"]} - bad
    entries_df = _entry_outcomes(run, bad, loadable, datetime.fromisoformat(state["fetched_at"]))
    summary.duplicates_skipped = int((entries_df["outcome"] == "duplicate").sum())
    quarantine_df = _quarantine_frame(run, reasons)
    summary.loaded, summary.quarantined = len(loadable), len(quarantine_df)

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
        # The articles and their tags go from the staged files to DuckDB, which reads them
        # a row group at a time: this process holds ids, story ids and signatures, not texts.
        batch.entries = entries_df if not entries_df.empty else None
        # A run staged before story clusters existed has none: its articles get no story_id
        # (the views fall back to content_hash) rather than failing the retried load.
        clusters = (
            run.read("clusters")
            if (run.path / "clusters.parquet").exists()
            else pd.DataFrame(columns=CLUSTER_COLUMNS)
        )
        batch.articles = Staged(run.path / "articles_tagged.parquet", bad, story_ids(clusters, loadable))
        batch.story_signatures = signatures_to_load(loadable, clusters)
        batch.article_companies = Staged(run.path / "companies.parquet", bad)
        batch.article_topics = Staged(run.path / "topics.parquet", bad)
        batch.company_mentions = Staged(run.path / "mentions.parquet", bad)
        batch.quarantine = quarantine_df
    with _timed(summary, "load"):
        load_batch(settings.warehouse, batch, taxonomy, settings.lock_timeout, settings.load_memory_mb)
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


ENTRY_COLUMNS = ["feed_id", "guid", "article_id", "url", "title", "published_at", "first_seen_at", "run_id",
                 "outcome"]  # fmt: skip


def _entry_outcomes(run: RunDir, bad: set[str], loadable: set[str], fetched_at: datetime) -> pd.DataFrame:
    """Every new entry with what became of it (so the next run skips it): its article quarantined,
    loaded (the first entry of a loaded article), or a duplicate."""
    entries = pd.read_parquet(run.path / "entries.parquet", columns=[*ENTRY_COLUMNS[:2], "url", "title",
                                                                    "published_at", "key"])  # fmt: skip
    if entries.empty:
        return pd.DataFrame(columns=ENTRY_COLUMNS)
    key_to_article: dict[str, str] = run.read_json("key_to_article")
    article_id = entries["key"].map(key_to_article)
    first = ~article_id.duplicated()
    outcome = pd.Series("duplicate", index=entries.index, dtype=object)
    outcome[article_id.isin(loadable) & first] = "loaded"
    outcome[article_id.isin(bad)] = "quarantined"
    return entries.assign(
        article_id=article_id, first_seen_at=fetched_at, run_id=run.run_id, outcome=outcome
    )[ENTRY_COLUMNS]


def _quarantine_frame(run: RunDir, reasons: dict[str, list[str]]) -> pd.DataFrame:
    """The quarantined articles, each with its reasons and its whole staged record as JSON."""
    columns = ["article_id", "url", "feed_id", "run_id", "reasons", "record", "quarantined_at"]
    if not reasons:
        return pd.DataFrame(columns=columns)
    now = datetime.now(UTC)
    found = pq.read_table(
        run.path / "articles_tagged.parquet", filters=[("article_id", "in", sorted(reasons))]
    )
    rows = []
    for rec in found.to_pandas().to_dict(orient="records"):
        rec = {k: _clean(v) for k, v in rec.items()}
        rows.append(
            {"article_id": rec["article_id"], "url": rec["url"], "feed_id": rec["feed_id"],
             "run_id": run.run_id, "reasons": sorted(set(reasons[rec["article_id"]])),
             "record": json.dumps(rec, default=str, ensure_ascii=False), "quarantined_at": now}
        )  # fmt: skip
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
