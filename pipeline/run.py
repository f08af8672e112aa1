"""One pipeline run: feeds -> pages -> extraction -> tags -> validation -> load."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from pipeline.articles import build_article, fetch_pages
from pipeline.config import Settings
from pipeline.errors import BatchValidationError, RunFailedError
from pipeline.feeds import fetch_feeds_sync, load_feed_specs
from pipeline.language import resolve_language
from pipeline.records import Article, FeedEntry, FeedResult, Tags
from pipeline.tagging import Tagger
from pipeline.taxonomy import load_taxonomy
from pipeline.urls import canonicalize_url, url_key
from pipeline.warehouse import (
    LoadBatch,
    known_articles,
    load_batch,
    read_connection,
    schema_version,
    seen_entries,
)

log = logging.getLogger(__name__)

# Called as progress(stage, total) and returns a tick() for one finished item.
ProgressFactory = Callable[[str, int], Callable[[], None]]


@dataclass
class RunSummary:
    """The counts a run reports (also the row written to the ``runs`` table)."""

    run_id: str
    status: str = "running"
    feeds_total: int = 0
    feeds_failed: int = 0
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


def _no_progress(stage: str, total: int) -> Callable[[], None]:
    return lambda: None


@contextmanager
def _timed(summary: RunSummary, stage: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        summary.stage_seconds[stage] = round(time.perf_counter() - started, 3)


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"


def _feed_rows(results: list[FeedResult], fetched_at: datetime) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for r in results:
        status = "error" if r.error else ("warning" if r.warning else "ok")
        rows.append(
            {
                "feed_id": r.spec.feed_id,
                "url": r.spec.url,
                "name": r.spec.name,
                "language": r.spec.language,
                "tags": list(r.spec.tags),
                "fetched_at": fetched_at,
                "status": status,
                "http_status": r.http_status,
                "error": r.error or r.warning,
                "entry_count": len(r.entries),
            }
        )
    return rows


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
    digest = tagger.taxonomy.digest
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


def _articles_frame(articles: list[Article], run_id: str) -> pd.DataFrame:
    df = pd.DataFrame([asdict(a) for a in articles], columns=list(Article.__dataclass_fields__))
    df["run_id"] = run_id
    for col in ("published_at", "fetched_at"):
        df[col] = pd.to_datetime(df[col], utc=True)
    return df


def run_pipeline(
    settings: Settings,
    feeds_file: Path | None = None,
    progress: ProgressFactory = _no_progress,
    now: datetime | None = None,
) -> RunSummary:
    """Run the whole pipeline once and load the result into ``settings.warehouse``.

    Failing feeds and pages are recorded and the run goes on; a failed batch-level check
    raises BatchValidationError after the failed run (and its checks) has been recorded.
    """
    started_at = now or datetime.now(UTC)
    summary = RunSummary(run_id=new_run_id(started_at))
    feeds_path = feeds_file or settings.feeds_file
    specs = load_feed_specs(feeds_path)
    taxonomy = load_taxonomy(settings.taxonomy_file)
    tagger = Tagger.from_settings(taxonomy, settings)

    with _timed(summary, "fetch_feeds"):
        results, _ = fetch_feeds_sync(specs, settings)
    fetched_at = datetime.now(UTC)
    summary.feeds_total = len(results)
    summary.feeds_failed = sum(1 for r in results if not r.ok)
    summary.feed_problems = [
        (r.spec.feed_id, r.error or r.warning or "") for r in results if r.error or r.warning
    ]
    for feed_id, problem in summary.feed_problems:
        log.warning("feed %s: %s", feed_id, problem)
    entries = [e for r in results for e in r.entries]
    summary.entries_total = len(entries)

    # What is new: (feed, guid) pairs never seen, then articles not stored yet.
    with _timed(summary, "dedupe"):
        keys = {id(e): url_key(canonicalize_url(e.url)) for e in entries}
        seen: set[tuple[str, str]] = set()
        known: dict[str, str] = {}
        if settings.warehouse.is_file():
            with read_connection(settings.warehouse, settings.lock_timeout) as con:
                if schema_version(con) > 0:
                    seen = seen_entries(con, [s.feed_id for s in specs])
                    known = known_articles(con, sorted(set(keys.values())))
        new_entries: list[FeedEntry] = []
        for e in entries:
            if (e.feed_id, e.guid) in seen:
                continue
            seen.add((e.feed_id, e.guid))  # a feed repeating an item counts it once
            new_entries.append(e)
        summary.entries_new = len(new_entries)
        to_fetch: dict[str, FeedEntry] = {}
        for e in new_entries:
            k = keys[id(e)]
            if k not in known and k not in to_fetch:
                to_fetch[k] = e

    with _timed(summary, "fetch_pages"):
        tick = progress("fetching pages", len(to_fetch))
        pages = asyncio.run(fetch_pages([e.url for e in to_fetch.values()], settings, tick))
    summary.pages_fetched = sum(1 for p in pages.values() if p.error is None)
    summary.pages_failed = len(pages) - summary.pages_fetched

    with _timed(summary, "extract"):
        tick = progress("extracting", len(to_fetch))
        articles: dict[str, Article] = {}
        key_to_article: dict[str, str] = dict(known)
        for k, e in to_fetch.items():
            article = build_article(e, pages[e.url], fetched_at)
            tick()
            key_to_article[k] = article.article_id
            if article.article_id not in articles:
                articles[article.article_id] = article
        # The page's canonical link can name an article the entry URL hid: stored already?
        stored: dict[str, str] = {}
        if articles and settings.warehouse.is_file():
            with read_connection(settings.warehouse, settings.lock_timeout) as con:
                if schema_version(con) > 0:
                    stored = known_articles(con, list(articles))
            for ours, theirs in stored.items():
                del articles[ours]
                key_to_article.update({k: theirs for k, v in key_to_article.items() if v == ours})
        summary.extracted_ok = sum(1 for a in articles.values() if a.extraction_status == "ok")
        summary.extracted_fallback = sum(
            1 for a in articles.values() if a.extraction_status == "fallback_summary"
        )

    with _timed(summary, "tag"):
        batch_articles = list(articles.values())
        for a in batch_articles:
            a.language, a.language_source = resolve_language(a.language, a.text)
        frames = tag_articles(((a.article_id, a.title, a.text, a.language) for a in batch_articles), tagger)
        company_df, topic_df = frames.companies, frames.topics
        articles_df = _articles_frame(batch_articles, summary.run_id)
        if batch_articles:
            articles_df = articles_df.drop(columns=RELEVANCE_COLUMNS[1:]).merge(
                frames.relevance, on="article_id"
            )

    outcome = None
    if batch_articles:
        with _timed(summary, "validate"):
            from pipeline.validation import Validator

            validator = Validator(settings, taxonomy, now=started_at)
            outcome = validator.validate(articles_df, company_df, topic_df, summary.run_id)
    reasons = outcome.reasons if outcome else {}
    bad = set(reasons)

    # Every new entry is recorded with what became of it, so the next run skips it.
    entry_rows = []
    first_for_article: set[str] = set()
    for e in new_entries:
        article_id = key_to_article[keys[id(e)]]
        if article_id in bad:
            result = "quarantined"
        elif article_id in articles and article_id not in first_for_article:
            result = "loaded"
        else:
            result = "duplicate"
        first_for_article.add(article_id)
        entry_rows.append(
            {
                "feed_id": e.feed_id,
                "guid": e.guid,
                "article_id": article_id,
                "url": e.url,
                "title": e.title,
                "published_at": e.published_at,
                "first_seen_at": fetched_at,
                "run_id": summary.run_id,
                "outcome": result,
            }
        )
    summary.duplicates_skipped = sum(1 for r in entry_rows if r["outcome"] == "duplicate")

    good_df = articles_df[~articles_df["article_id"].isin(bad)]
    quarantine_df = _quarantine_frame(
        articles_df[articles_df["article_id"].isin(bad)], reasons, summary.run_id
    )
    summary.loaded = len(good_df)
    summary.quarantined = len(quarantine_df)
    for rs in reasons.values():
        for r in rs:
            summary.quarantine_reasons[r] = summary.quarantine_reasons.get(r, 0) + 1

    batch_failed = outcome is not None and not outcome.batch_ok
    # Every feed failing is an outage (network, DNS, a proxy), not a quiet half hour.
    all_feeds_failed = summary.feeds_total > 0 and summary.feeds_failed == summary.feeds_total
    summary.status = "failed" if batch_failed or all_feeds_failed else "success"
    if batch_failed:
        assert outcome is not None
        summary.error = "batch validation failed: " + "; ".join(outcome.batch_failures)
        summary.loaded = summary.quarantined = 0
    elif all_feeds_failed:
        feed_id, reason = summary.feed_problems[0]
        summary.error = f"all {summary.feeds_total} feeds failed (first: {feed_id}: {reason})"
    finished_at = datetime.now(UTC)
    run_row = _run_row(summary, feeds_path, started_at, finished_at)
    batch = LoadBatch(
        run=run_row,
        feeds=_feed_rows(results, fetched_at),
        dq_results=pd.DataFrame(outcome.results) if outcome else None,
    )
    if not batch_failed:
        batch.entries = pd.DataFrame(entry_rows) if entry_rows else None
        batch.articles = good_df
        batch.article_companies = company_df[~company_df["article_id"].isin(bad)]
        batch.article_topics = topic_df[~topic_df["article_id"].isin(bad)]
        batch.company_mentions = frames.mentions[~frames.mentions["article_id"].isin(bad)]
        batch.quarantine = quarantine_df
    with _timed(summary, "load"):
        load_batch(settings.warehouse, batch, taxonomy, settings.lock_timeout)
    if batch_failed:
        assert outcome is not None
        raise BatchValidationError(summary.error or "batch validation failed", outcome.batch_failures)
    if all_feeds_failed:
        raise RunFailedError(summary.error or "all feeds failed")
    return summary


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
        "run_id", "status", "feeds_total", "feeds_failed", "entries_total", "entries_new",
        "duplicates_skipped", "pages_fetched", "pages_failed", "extracted_ok",
        "extracted_fallback", "loaded", "quarantined", "stage_seconds", "error",
    )  # fmt: skip
    row = {f: getattr(summary, f) for f in fields}
    row.update(started_at=started, finished_at=finished, feeds_file=str(feeds_path))
    return row


__all__ = ["RunSummary", "run_pipeline"]
