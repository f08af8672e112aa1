"""Re-tag what is already in the warehouse with the current taxonomy (no refetching)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.config import Settings
from pipeline.run import TagFrames, tag_articles
from pipeline.tagging import Tagger
from pipeline.taxonomy import load_taxonomy
from pipeline.warehouse import read_connection, replace_tags

BATCH = 5_000


@dataclass(frozen=True)
class RetagSummary:
    articles: int
    changed: int  # articles whose companies or topics differ from before
    company_tags: tuple[int, int]  # before, after
    topic_tags: tuple[int, int]
    taxonomy_digest: str


def _tag_sets(df: pd.DataFrame, column: str) -> dict[str, frozenset[str]]:
    return {aid: frozenset(g[column]) for aid, g in df.groupby("article_id")} if not df.empty else {}


def retag_warehouse(settings: Settings) -> RetagSummary:
    """Tag every stored article again and replace its tags, idempotently, in one transaction."""
    taxonomy = load_taxonomy(settings.taxonomy_file)
    tagger = Tagger.from_settings(taxonomy, settings)
    parts: list[TagFrames] = []
    with read_connection(settings.warehouse, settings.lock_timeout) as con:
        before_c = con.execute("SELECT article_id, company_id FROM article_companies").df()
        before_t = con.execute("SELECT article_id, topic_id FROM article_topics").df()
        cur = con.execute("SELECT article_id, title, text, language FROM articles ORDER BY article_id")
        while batch := cur.fetchmany(BATCH):
            parts.append(tag_articles(batch, tagger))
    if not parts:
        parts.append(tag_articles([], tagger))
    frames = TagFrames(
        *(pd.concat([getattr(p, f) for p in parts], ignore_index=True)
          for f in ("companies", "topics", "mentions", "relevance"))
    )  # fmt: skip
    replace_tags(
        settings.warehouse, taxonomy, frames.companies, frames.topics, frames.mentions,
        frames.relevance, settings.lock_timeout,
    )  # fmt: skip
    ids = frames.relevance["article_id"]
    old_c, new_c = _tag_sets(before_c, "company_id"), _tag_sets(frames.companies, "company_id")
    old_t, new_t = _tag_sets(before_t, "topic_id"), _tag_sets(frames.topics, "topic_id")
    empty: frozenset[str] = frozenset()
    changed = sum(
        1
        for aid in ids
        if old_c.get(aid, empty) != new_c.get(aid, empty) or old_t.get(aid, empty) != new_t.get(aid, empty)
    )
    return RetagSummary(
        articles=len(ids),
        changed=changed,
        company_tags=(len(before_c), len(frames.companies)),
        topic_tags=(len(before_t), len(frames.topics)),
        taxonomy_digest=tagger.version,
    )
