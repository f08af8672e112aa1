# ruff: noqa: E501  (the generator's SQL and the Markdown rows read better unwrapped)
"""Trend marts at scale: a synthetic warehouse of ~1M articles, every mart and public view timed.

Run with ``make bench``; writes the "Trend marts at 1M articles" section of docs/BENCHMARKS.md.
Not a test: figures are medians of several rounds on whatever machine runs it.

The warehouse is generated in SQL (generate_series/range and hash-based pseudo-random numbers,
no Python loop over rows) through the project's own migrations, and cached as
``data/bench/marts-v{GENERATOR_VERSION}-{N_ARTICLES}.duckdb`` (git-ignored, ~0.5 GB): reruns of
``make bench`` reuse it, and bumping GENERATOR_VERSION (or deleting the folder) regenerates it.

Two layouts of the same data are compared, each in its own copy of the cached file:

- baseline: the same ``sql/views/`` files created as plain views (the materialisation marker
  ignored): every query recomputes the staging layer;
- mediamon: the current ``sql/views/``, materialised by ``pipeline.warehouse`` after each write.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from pipeline import warehouse
from pipeline.config import DEFAULT_TAXONOMY_FILE
from pipeline.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / "data" / "bench"

GENERATOR_VERSION = 1  # bump when the generator changes: the cached file is keyed by it
N_ARTICLES = 1_000_000
FIRST_DAY = date(2024, 11, 1)
LAST_DAY = date(2026, 10, 31)  # 730 days
N_SOURCES = 40
DUPLICATE_SHARE = 0.05
NOT_RELEVANT_SHARE = 0.15
ROUNDS = 5
CLI_ROUNDS = 3

# (company, first day, days, share of that day's stories whose main company it becomes)
BURSTS = [
    ("mistral", date(2025, 2, 10), 2, 0.20),
    ("deepseek", date(2025, 1, 27), 3, 0.30),
    ("anthropic", date(2025, 6, 3), 1, 0.15),
    ("nvidia", date(2025, 9, 16), 2, 0.12),
    ("huggingface", date(2026, 3, 24), 1, 0.10),
    ("xai", date(2026, 7, 8), 2, 0.15),
    ("apple", date(2026, 10, 27), 1, 0.12),
    ("cohere", date(2026, 10, 29), 1, 0.10),
]


# A uniform number in [0, 1) from the hash of an article number and a salt (DuckDB's hash() is
# deterministic across runs and platforms of one version; the cache is keyed by version anyway).
def _u(key: str, salt: str) -> str:
    return f"(hash({key}, '{salt}') % 1000003) / 1000003.0"


def _generate_sql(n_articles: int) -> list[str]:
    bursts = ", ".join(f"('{c}', DATE '{d}', {n}, {p})" for c, d, n, p in BURSTS)
    return [
        # Sources: Zipf-like volume (1/rank^0.8), one language each (en > fr > de > es by volume).
        f"""
        CREATE TEMP TABLE g_sources AS
        WITH s AS (
            SELECT s AS source_no, 'news' || lpad(CAST(s AS VARCHAR), 2, '0') || '.example' AS source_domain,
                CASE WHEN s % 10 IN (1, 3, 4, 6, 8) THEN 'en' WHEN s % 10 IN (2, 7, 0) THEN 'fr'
                     WHEN s % 10 = 5 THEN 'de' ELSE 'es' END AS language,
                1.0 / pow(s, 0.8) AS w
            FROM range(1, {N_SOURCES + 1}) AS t (s)
        )
        SELECT *, coalesce(sum(w) OVER (ORDER BY source_no ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                / sum(w) OVER () AS lo,
            sum(w) OVER (ORDER BY source_no) / sum(w) OVER () AS hi
        FROM s
        """,
        # Every fifth source has a second, AI-only feed.
        """
        CREATE TEMP TABLE g_feeds AS
        SELECT source_no, source_domain, language, replace(source_domain, '.example', '') AS feed_id, 0 AS feed_no
        FROM g_sources
        UNION ALL
        SELECT source_no, source_domain, language, replace(source_domain, '.example', '') || '-ai', 1
        FROM g_sources WHERE source_no % 5 = 0
        """,
        # Companies of the taxonomy in a Zipf order (1/rank): openai, google, microsoft, ...
        """
        CREATE TEMP TABLE g_companies AS
        WITH ranked AS (
            SELECT company_id, name, r, 1.0 / r AS w
            FROM (VALUES ('openai', 1), ('google', 2), ('microsoft', 3), ('nvidia', 4), ('meta', 5),
                ('anthropic', 6), ('apple', 7), ('amazon', 8), ('mistral', 9), ('tesla', 10), ('xai', 11),
                ('deepseek', 12), ('samsung', 13), ('intel', 14), ('amd', 15), ('tsmc', 16), ('ibm', 17),
                ('alibaba', 18), ('huggingface', 19), ('oracle', 20), ('baidu', 21), ('perplexity', 22),
                ('salesforce', 23), ('bytedance', 24), ('softbank', 25), ('arm', 26), ('cohere', 27),
                ('stability', 28)) AS v (company_id, r)
            JOIN companies USING (company_id)
        )
        SELECT *, coalesce(sum(w) OVER (ORDER BY r ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                / sum(w) OVER () AS lo,
            sum(w) OVER (ORDER BY r) / sum(w) OVER () AS hi
        FROM ranked
        """,
        """
        CREATE TEMP TABLE g_topics AS
        WITH ranked AS (
            SELECT topic_id, row_number() OVER (ORDER BY hash(topic_id, 'rank')) AS r FROM topics
        )
        SELECT *, coalesce(sum(1.0 / pow(r, 0.7)) OVER (ORDER BY r ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                / sum(1.0 / pow(r, 0.7)) OVER () AS lo,
            sum(1.0 / pow(r, 0.7)) OVER (ORDER BY r) / sum(1.0 / pow(r, 0.7)) OVER () AS hi
        FROM ranked
        """,
        # Daily volume: growing over the two years, weekends at 45%, +-15% noise.
        f"""
        CREATE TEMP TABLE g_days AS
        WITH d AS (
            SELECT CAST(day AS DATE) AS day, row_number() OVER (ORDER BY day) - 1 AS dn
            FROM range(DATE '{FIRST_DAY}', DATE '{LAST_DAY}' + 1, INTERVAL 1 DAY) AS t (day)
        ),
        w AS (
            SELECT day, dn, (0.6 + 0.8 * dn / 729.0) * CASE WHEN isodow(day) >= 6 THEN 0.45 ELSE 1.0 END
                * (0.85 + 0.3 * {_u("dn", "volume")}) AS w
            FROM d
        )
        SELECT day, dn, CAST(round({n_articles} * w / sum(w) OVER ()) AS BIGINT) AS n FROM w
        """,
        # One row per article, numbered in publication order.
        f"""
        CREATE TEMP TABLE g_articles AS
        WITH slots AS (SELECT day, n, unnest(range(n)) AS k FROM g_days)
        SELECT row_number() OVER (ORDER BY day, k) AS i, day,
            CAST(day AS TIMESTAMP) + to_seconds(CAST((k + {_u("day", "jitter")}) * 86400 / n AS BIGINT))
                AS local_ts
        FROM slots
        """,
        # ~5% are copies (same content_hash) of an article published up to ~400 articles earlier
        # (hours, not days); copies of copies are not made, so every copy points at an original.
        f"""
        CREATE TEMP TABLE g_content AS
        WITH cand AS (
            SELECT i, CASE WHEN i > 500 AND {_u("i", "dup")} < {DUPLICATE_SHARE}
                THEN i - 1 - hash(i, 'back') % 400 END AS target
            FROM g_articles
        )
        SELECT c.i, CASE WHEN t.target IS NULL THEN c.target END AS copy_of
        FROM cand AS c LEFT JOIN cand AS t ON t.i = c.target
        """,
        f"""
        CREATE TEMP TABLE g_full AS
        SELECT a.i, a.day, a.local_ts, coalesce(c.copy_of, a.i) AS cid, c.copy_of IS NOT NULL AS is_copy,
            s.source_no, s.source_domain, s.language
        FROM g_articles AS a
        JOIN g_content AS c USING (i)
        JOIN g_sources AS s ON {_u("a.i", "source")} >= s.lo AND {_u("a.i", "source")} < s.hi
        """,
        # Company tags per original article: 1-4 companies (40/30/20/10%), Zipf popularity, the
        # main company (slot 0) named more often and more centrally; bursts take over slot 0.
        f"""
        CREATE TEMP TABLE g_company_tags AS
        WITH originals AS (
            SELECT i AS cid, day, CASE WHEN {_u("i", "ncomp")} < 0.4 THEN 1 WHEN {_u("i", "ncomp")} < 0.7 THEN 2
                WHEN {_u("i", "ncomp")} < 0.9 THEN 3 ELSE 4 END AS n
            FROM g_full WHERE NOT is_copy
        ),
        slots AS (SELECT cid, day, unnest(range(n)) AS slot FROM originals),
        bursts AS (SELECT * FROM (VALUES {bursts}) AS b (company_id, first_day, days, p)),
        picked AS (
            SELECT sl.cid, sl.slot,
                coalesce(
                    CASE WHEN sl.slot = 0 AND {_u("sl.cid", "burst")} < b.p THEN b.company_id END,
                    c.company_id
                ) AS company_id
            FROM slots AS sl
            JOIN g_companies AS c
                ON {_u("sl.cid, sl.slot", "company")} >= c.lo AND {_u("sl.cid, sl.slot", "company")} < c.hi
            LEFT JOIN bursts AS b ON sl.day >= b.first_day AND sl.day < b.first_day + b.days
        )
        SELECT cid, company_id, min(slot) AS slot FROM picked GROUP BY ALL
        """,
        """
        CREATE TEMP TABLE g_company_rows AS
        SELECT cid, company_id, slot,
            CAST(CASE WHEN slot = 0 THEN 1 + floor(6 * u1) ELSE 1 + floor(4 * u1 * u1) END AS INTEGER) AS mentions,
            slot = 0 AND u2 < 0.6 AS in_title,
            slot = 0 OR u2 < 0.3 AS in_lead,
            round(CASE WHEN slot = 0 THEN 0.5 + 0.5 * u3 ELSE 0.05 + 0.45 * u3 END, 3) AS salience
        FROM (
            SELECT *, (hash(cid, company_id, 'm') % 1000003) / 1000003.0 AS u1,
                (hash(cid, company_id, 't') % 1000003) / 1000003.0 AS u2,
                (hash(cid, company_id, 's') % 1000003) / 1000003.0 AS u3
            FROM g_company_tags
        )
        """,
        # Topics: 1-3 per original article (45/35/20%), Zipf-like (1/rank^0.7).
        f"""
        CREATE TEMP TABLE g_topic_rows AS
        WITH originals AS (
            SELECT i AS cid, CASE WHEN {_u("i", "ntop")} < 0.45 THEN 1 WHEN {_u("i", "ntop")} < 0.8 THEN 2
                ELSE 3 END AS n
            FROM g_full WHERE NOT is_copy
        ),
        slots AS (SELECT cid, unnest(range(n)) AS slot FROM originals)
        SELECT sl.cid, t.topic_id, max(round(1 + 9 * {_u("sl.cid, sl.slot", "score")}, 2)) AS score
        FROM slots AS sl
        JOIN g_topics AS t ON {_u("sl.cid, sl.slot", "topic")} >= t.lo AND {_u("sl.cid, sl.slot", "topic")} < t.hi
        GROUP BY ALL
        """,
        """
        INSERT INTO feeds (feed_id, url, name, language, tags, first_seen_at, last_fetched_at, last_status,
                           last_http_status, last_entry_count, consecutive_failures)
        SELECT feed_id, 'https://' || source_domain || '/feed' || feed_no || '.xml', feed_id, language,
            CASE WHEN feed_no = 1 THEN ['ai'] ELSE [] END, TIMESTAMPTZ '2024-11-01 00:00:00+00',
            TIMESTAMPTZ '2026-10-31 23:00:00+00', 'ok', 200, 50, 0
        FROM g_feeds
        """,
        # The articles: 1% without a date (the fetch time stands in), 3% extraction fallbacks,
        # relevance drawn per original so copies agree: 15% not AI, 1% NULL (before relevance).
        f"""
        INSERT INTO articles BY NAME
        WITH main AS (
            SELECT cid, any_value(c.name ORDER BY r.slot) AS main_company,
                string_agg(c.name, ', ' ORDER BY r.slot) AS names
            FROM g_company_rows AS r JOIN g_companies AS c USING (company_id)
            GROUP BY cid
        )
        SELECT
            left(md5('article-' || f.i), 32) AS article_id,
            'https://' || f.source_domain || '/' || year(f.day) || '/story-' || f.i AS url,
            'https://' || f.source_domain || '/' || year(f.day) || '/story-' || f.i AS canonical_url,
            CASE WHEN f.source_no % 5 = 0 AND hash(f.i, 'feed') % 2 = 0
                THEN replace(f.source_domain, '.example', '') || '-ai'
                ELSE replace(f.source_domain, '.example', '') END AS feed_id,
            f.source_domain,
            main.main_company || ': synthetic story ' || f.cid AS title,
            'Reporter ' || (hash(f.i, 'author') % 300) AS author,
            CASE WHEN {_u("f.i", "nodate")} >= 0.01 THEN timezone('UTC', f.local_ts) END AS published_at,
            CASE WHEN {_u("f.i", "nodate")} >= 0.01 THEN 'feed' END AS date_source,
            timezone('UTC', f.local_ts + INTERVAL 50 MINUTE) AS fetched_at,
            f.language,
            'metadata' AS language_source,
            f.source_domain AS site_name,
            'About ' || main.names AS summary,
            'Synthetic article ' || f.cid || ' naming ' || main.names || '.' AS text,
            CAST(200 + hash(f.cid, 'words') % 1500 AS INTEGER) AS word_count,
            CASE WHEN {_u("f.i", "extract")} < 0.03 THEN 'fallback_summary' ELSE 'ok' END AS extraction_status,
            md5('content-' || f.cid) AS content_hash,
            left(md5('article-' || f.cid), 32) AS story_id,  -- a copy's story is its original's
            'bench-synthetic' AS run_id,
            round({_u("f.cid", "relevance")}, 3) AS ai_relevance,
            CASE WHEN {_u("f.cid", "relevance")} < {NOT_RELEVANT_SHARE} THEN FALSE
                 WHEN {_u("f.cid", "relevance")} < {NOT_RELEVANT_SHARE + 0.01} THEN NULL ELSE TRUE END
                AS is_ai_relevant,
            'synthetic' AS tagged_with
        FROM g_full AS f JOIN main USING (cid)
        """,
        """
        INSERT INTO feed_entries
        SELECT feed_id, article_id, article_id, url, title, published_at, fetched_at, run_id, 'loaded'
        FROM articles
        """,
        """
        INSERT INTO article_companies (article_id, company_id, mentions, in_title, in_lead, salience)
        SELECT left(md5('article-' || f.i), 32), r.company_id, r.mentions, r.in_title, r.in_lead, r.salience
        FROM g_full AS f JOIN g_company_rows AS r USING (cid)
        """,
        """
        INSERT INTO article_topics
        SELECT left(md5('article-' || f.i), 32), t.topic_id, t.score
        FROM g_full AS f JOIN g_topic_rows AS t USING (cid)
        """,
        # One company_mentions row per counted mention, so sum(article_companies.mentions) equals
        # the row count: the first mention of a company named in the title is in the title.
        """
        INSERT INTO company_mentions
        WITH m AS (
            SELECT left(md5('article-' || f.i), 32) AS article_id, r.company_id, r.slot, r.in_title,
                r.in_lead, c.name, unnest(range(r.mentions)) AS k
            FROM g_full AS f JOIN g_company_rows AS r USING (cid) JOIN g_companies AS c USING (company_id)
        )
        SELECT article_id, company_id,
            CASE WHEN in_title AND k = 0 THEN 'title' ELSE 'text' END AS field,
            CAST(CASE WHEN in_title AND k = 0 THEN 0 ELSE 40 + slot * 5000 + k * 60 END AS INTEGER) AS start_char,
            CAST(CASE WHEN in_title AND k = 0 THEN 0 ELSE 40 + slot * 5000 + k * 60 END + length(name) AS INTEGER),
            name, 'name', in_lead AND k = 0
        FROM m
        """,
        """
        INSERT INTO runs (run_id, started_at, finished_at, status, feeds_file, loaded)
        SELECT 'bench-synthetic', now(), now(), 'success', 'synthetic', count(*) FROM articles
        """,
    ]


def generate(path: Path, n_articles: int = N_ARTICLES) -> None:
    """Write the synthetic warehouse to ``path`` through the project's migrations."""
    tmp = path.with_name(path.name + ".partial")
    tmp.unlink(missing_ok=True)
    taxonomy = load_taxonomy(DEFAULT_TAXONOMY_FILE)
    with warehouse.write_connection(tmp) as con:
        con.execute("SET enable_progress_bar = false")
        warehouse._upsert_taxonomy(con, taxonomy)
        con.execute("BEGIN TRANSACTION")
        for sql in _generate_sql(n_articles):
            con.execute(sql)
        con.execute("COMMIT")
    tmp.rename(path)


def cached_warehouse(n_articles: int = N_ARTICLES) -> tuple[Path, float | None]:
    """The cached synthetic warehouse, generated first if missing; (path, seconds generating)."""
    path = CACHE_DIR / f"marts-v{GENERATOR_VERSION}-{n_articles}.duckdb"
    if path.is_file():
        # A cache made before a later migration catches up once, so both layouts below start
        # from the current schema (a no-op when it is up to date).
        with warehouse.write_connection(path):
            pass
        return path, None
    path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    generate(path, n_articles)
    return path, time.perf_counter() - t0


# --- timing ---------------------------------------------------------------------------------

TODAY = LAST_DAY  # the last day with stories: what `mediamon trends` and the report start from
WEEK = f"DATE_TRUNC('week', DATE '{TODAY}')::DATE"
MONTH = f"DATE_TRUNC('month', DATE '{TODAY}')::DATE"
D = f"DATE '{TODAY}'"

# (view, the query users typically run on it): the last days, one company, one period.
TYPICAL = [
    ("stg_articles", f"SELECT count(*), count(DISTINCT source) FROM stg_articles WHERE day > {D} - 7"),
    ("stg_stories", f"SELECT count(*), count(DISTINCT source) FROM stg_stories WHERE day > {D} - 30"),
    ("stg_story_companies", f"SELECT company_id, count(*), sum(mentions) FROM stg_story_companies "
                            f"WHERE day > {D} - 7 GROUP BY ALL"),
    ("stg_story_topics", f"SELECT topic_id, count(*) FROM stg_story_topics WHERE day > {D} - 7 GROUP BY ALL"),
    ("mart_company_daily", f"SELECT day, articles, articles_7d_avg FROM mart_company_daily "
                           f"WHERE company_id = 'anthropic' AND day > {D} - 30 ORDER BY day"),
    ("mart_company_weekly", f"SELECT company_id, articles, articles_prev_week FROM mart_company_weekly "
                            f"WHERE week_start = {WEEK} ORDER BY articles DESC"),
    ("mart_share_of_voice", f"SELECT segment, company_id, share_of_mentions FROM mart_share_of_voice "
                            f"WHERE period = 'week' AND period_start = {WEEK} AND breakdown = 'language'"),
    ("mart_topic_weekly", f"SELECT week_start, topic_id, share, change FROM mart_topic_weekly "
                          f"WHERE week_start > {D} - 84"),
    ("mart_company_topics", f"SELECT topic_id, articles, topic_share FROM mart_company_topics "
                            f"WHERE period = 'month' AND period_start = {MONTH} AND company_id = 'openai'"),
    ("mart_co_mentions", f"SELECT company_a, company_b, articles, lift FROM mart_co_mentions "
                         f"WHERE period = 'month' AND period_start = {MONTH} ORDER BY lift DESC LIMIT 20"),
    ("mart_spikes", f"SELECT day, entity_id, articles, z_score FROM mart_spikes "
                    f"WHERE is_spike AND day > {D} - 30 ORDER BY day DESC, z_score DESC"),
    ("mart_top_stories", f"SELECT rank, title, salience FROM mart_top_stories WHERE period = 'week' "
                         f"AND period_start = {WEEK} AND company_id = 'nvidia' AND rank <= 5"),
    ("mart_sources", "SELECT source, articles, relevant_share, main_language FROM mart_sources ORDER BY articles DESC"),
    ("company_mentions_daily", f"SELECT company_id, sum(articles) AS n FROM company_mentions_daily "
                               f"WHERE day >= {D} - 7 GROUP BY ALL ORDER BY n DESC"),
    ("topics_weekly", f"SELECT * FROM topics_weekly WHERE week_start >= {D} - 28"),
    ("feed_status", "SELECT * FROM feed_status"),
]  # fmt: skip

QUERY_BUDGET = 5.0  # seconds of rounds per query: slow baseline queries run once or twice
QUERY_TIMEOUT = 30.0  # a baseline query still running after this is stopped and shown as "> 30 s"
CLI_TIMEOUT = 60.0


def _timed_query(con: duckdb.DuckDBPyConnection, sql: str) -> list[float | None]:
    """Seconds per round (one warm-up round first when it is quick); None = stopped at the timeout."""
    import threading

    times: list[float | None] = []
    spent = 0.0
    while len(times) < ROUNDS and spent < QUERY_BUDGET:
        timer = threading.Timer(QUERY_TIMEOUT, con.interrupt)
        timer.start()
        t0 = time.perf_counter()
        try:
            con.execute(sql).fetchall()
            elapsed: float | None = time.perf_counter() - t0
        except duckdb.InterruptException:
            elapsed = None
        finally:
            timer.cancel()
        if elapsed is None:
            return [None]
        spent += elapsed
        times.append(elapsed)
        if len(times) == 1 and elapsed < 1.0 and spent == elapsed:
            times.clear()  # the first quick round only warms caches; slow ones are kept
            spent = 0.001
    return times


def _median(times: list[float | None]) -> float | None:
    if not times or times[0] is None:
        return None
    return statistics.median(t for t in times if t is not None)


def time_views(path: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    con = duckdb.connect(str(path), read_only=True)
    try:
        con.execute("SET enable_progress_bar = false")
        for view, sql in TYPICAL:
            typical = _timed_query(con, sql)
            full = _timed_query(con, f"SELECT count(*) FROM {view}")
            out[view] = {"typical": _median(typical), "count": _median(full), "rounds": len(typical)}
    finally:
        con.close()
    return out


def row_counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        tables = ["articles", "article_companies", "company_mentions", "article_topics", "feed_entries",
                  "feeds", "companies", "topics"] + [v for v, _ in TYPICAL]  # fmt: skip
        return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]) for t in tables}


def profile(path: Path) -> dict[str, Any]:
    """The generated distributions, for the write-up."""
    with duckdb.connect(str(path), read_only=True) as con:

        def q(sql: str) -> list[tuple[Any, ...]]:
            return con.execute(sql).fetchall()

        return {
            "span": q("SELECT min(published_at)::DATE, max(published_at)::DATE FROM articles")[0],
            "sources": q("SELECT count(DISTINCT source_domain) FROM articles")[0][0],
            "languages": q("SELECT language, count(*) / sum(count(*)) OVER () FROM articles GROUP BY 1 ORDER BY 2 DESC"),
            "mentions": q("SELECT sum(mentions) FROM article_companies")[0][0],
            "per_article": q("SELECT avg(n) FROM (SELECT count(*) AS n FROM article_companies GROUP BY article_id)")[0][0],
            "copies": q("SELECT count(*) - count(DISTINCT content_hash) FROM articles")[0][0],
            "not_relevant": q("SELECT count(*) FILTER (WHERE is_ai_relevant = FALSE) / count(*) FROM articles")[0][0],
            "top": q("SELECT company_id, count(*) / sum(count(*)) OVER () FROM article_companies GROUP BY 1 ORDER BY 2 DESC LIMIT 3"),
            "last": q("SELECT company_id, count(*) / sum(count(*)) OVER () FROM article_companies GROUP BY 1 ORDER BY 2 LIMIT 1"),
            "spikes": q("SELECT count(*) FROM mart_spikes WHERE is_spike")[0][0],
            "stories_per_day": q("SELECT avg(n) FROM (SELECT count(*) AS n FROM stg_stories GROUP BY day)")[0][0],
        }  # fmt: skip


def time_cli(path: Path, args: list[str], rounds: int) -> float | None:
    """Median wall time of ``mediamon ARGS -w PATH`` as a subprocess (start-up included)."""
    exe = Path(sys.executable).with_name("mediamon")
    env = {**os.environ, "COLUMNS": "160", "MEDIAMON_WAREHOUSE": str(path)}
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        try:
            subprocess.run([str(exe), *args, "--warehouse", str(path)], check=True, capture_output=True,
                           env=env, timeout=CLI_TIMEOUT)  # fmt: skip
        except subprocess.TimeoutExpired:
            return None
        times.append(time.perf_counter() - t0)
        if times[-1] > QUERY_BUDGET:
            break
    return statistics.median(times)


def baseline_copy(src: Path, dest: Path) -> None:
    """A copy of the warehouse with every file of sql/views created as a plain view, no tables."""
    shutil.copy(src, dest)
    with duckdb.connect(str(dest)) as con:
        for view in warehouse.view_files():
            warehouse._drop(con, view.name)
            con.execute(view.sql)  # each file is a CREATE OR REPLACE VIEW
        con.execute("CHECKPOINT")


def mediamon_copy(src: Path, dest: Path) -> float:
    """A copy with the current sql/views materialised; returns the seconds of a full rebuild."""
    shutil.copy(src, dest)
    with warehouse.write_connection(dest) as con:  # builds the marts if the cache predates them
        con.execute("SET enable_progress_bar = false")
        t0 = time.perf_counter()
        warehouse.build_views(con, force=True)
        rebuild = time.perf_counter() - t0
        con.execute("CHECKPOINT")
    return rebuild


def _fmt(seconds: float | None) -> str:
    if seconds is None:
        return f"> {QUERY_TIMEOUT:.0f} s (stopped)"
    if seconds < 0.01:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.0f} s"


def _ratio(before: float | None, after: float | None) -> str:
    if after is None:
        return "–"
    if before is None:
        return f"> {QUERY_TIMEOUT / after:,.0f}×"
    return f"{before / after:,.0f}×"


def run(n_articles: int = N_ARTICLES) -> str:
    cached, generated = cached_warehouse(n_articles)
    with tempfile.TemporaryDirectory(prefix="mediamon-bench-", dir=CACHE_DIR) as tmp:
        after_wh, before_wh = Path(tmp) / "mediamon.duckdb", Path(tmp) / "baseline.duckdb"
        rebuild = mediamon_copy(cached, after_wh)
        counts = row_counts(after_wh)
        prof = profile(after_wh)
        after = time_views(after_wh)
        cli_after = {
            "trends": time_cli(after_wh, ["trends"], CLI_ROUNDS),
            "report": time_cli(after_wh, ["report", "--out", str(Path(tmp) / "a.html")], CLI_ROUNDS),
        }
        after_wh.unlink()
        baseline_copy(cached, before_wh)
        before = time_views(before_wh)
        cli_before = {
            "trends": time_cli(before_wh, ["trends"], CLI_ROUNDS),
            "report": time_cli(before_wh, ["report", "--out", str(Path(tmp) / "b.html")], 1),
        }
    return section(n_articles, counts, prof, before, after, cli_before, cli_after, rebuild, generated)


def section(
    n_articles: int,
    counts: dict[str, int],
    prof: dict[str, Any],
    before: dict[str, dict[str, Any]],
    after: dict[str, dict[str, Any]],
    cli_before: dict[str, float | None],
    cli_after: dict[str, float | None],
    rebuild: float,
    generated: float | None,
) -> str:
    langs = ", ".join(f"{lang} {share:.0%}" for lang, share in prof["languages"])
    top = ", ".join(f"{c} {s:.1%}" for c, s in prof["top"])
    last_c, last_s = prof["last"][0]
    made = (
        f"generated in {generated:.0f} s" if generated is not None
        else f"reused from `data/bench/` (generator v{GENERATOR_VERSION})"
    )  # fmt: skip
    lines = [
        "## Trend marts at 1M articles",
        "",
        f"A synthetic warehouse ({made}; `benchmarks/bench_marts.py`): {counts['articles']:,} articles from "
        f"{prof['span'][0]} to {prof['span'][1]} (growing volume, weekends at 45%), {prof['sources']} sources "
        f"(Zipf-like volume) with {counts['feeds']} feeds, languages {langs}. "
        f"{counts['article_companies']:,} article × company tags ({prof['per_article']:.2f} per article, 1–4), "
        f"Zipf-like over the {counts['companies']} taxonomy companies (top: {top}; last: {last_c} {last_s:.1%}); "
        f"{prof['mentions']:,} company mentions (= `sum(article_companies.mentions)` = `company_mentions` rows); "
        f"{counts['article_topics']:,} topic tags (1–3 per article). {prof['copies']:,} articles are copies of an "
        f"earlier one's `content_hash`, {prof['not_relevant']:.0%} are not AI-relevant, and eight bursts give "
        f"company spikes among {prof['spikes']:,} flagged days. That leaves "
        f"{counts['stg_stories']:,} AI-relevant stories (~{prof['stories_per_day']:,.0f} a day).",
        "",
        "Median of up to "
        f"{ROUNDS} rounds after a warm-up (a query slower than 1 s is not warmed up, and stops after "
        f"{QUERY_BUDGET:.0f} s of rounds; one still running after {QUERY_TIMEOUT:.0f} s is stopped). "
        "**Baseline**: the same `sql/views/` as plain views (every query recomputes the staging "
        "layer). **mediamon**: the current `sql/views/`, with the staging stories and every mart "
        f"materialised as tables when a write changes the data; a full rebuild takes {rebuild:.1f} s here. "
        "Target: every mart query under 200 ms.",
        "",
        "| view | rows | typical query | baseline | mediamon | ratio | `count(*)` baseline | mediamon |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for view, _ in TYPICAL:
        b, a = before[view], after[view]
        lines.append(
            f"| `{view}` | {counts[view]:,} | {_describe(view)} | {_fmt(b['typical'])} | {_fmt(a['typical'])} | "
            f"{_ratio(b['typical'], a['typical'])} | {_fmt(b['count'])} | {_fmt(a['count'])} |"
        )
    lines += [
        "",
        "End to end, as a subprocess (Python start-up and imports included, "
        f"median of {CLI_ROUNDS} rounds; the baseline report runs once):",
        "",
        "| command | baseline | mediamon | target |",
        "|---|---|---|---|",
        f"| `mediamon trends` (7 days) | {_fmt_cli(cli_before['trends'])} | {_fmt_cli(cli_after['trends'])} | < 1 s |",
        f"| `mediamon report` (30 days, HTML) | {_fmt_cli(cli_before['report'])} | "
        f"{_fmt_cli(cli_after['report'])} | |",
    ]
    return "\n".join(lines)


def _fmt_cli(seconds: float | None) -> str:
    return f"> {CLI_TIMEOUT:.0f} s (stopped)" if seconds is None else f"{seconds:.2f} s"


_DESCRIPTIONS = {
    "stg_articles": "last 7 days: articles, sources",
    "stg_stories": "last 30 days: stories, sources",
    "stg_story_companies": "last 7 days per company",
    "stg_story_topics": "last 7 days per topic",
    "mart_company_daily": "one company, 30 days",
    "mart_company_weekly": "last week, all companies",
    "mart_share_of_voice": "last week by language",
    "mart_topic_weekly": "last 12 weeks",
    "mart_company_topics": "one company, last month",
    "mart_co_mentions": "last month, top lift",
    "mart_spikes": "spikes of the last 30 days",
    "mart_top_stories": "one company's top 5 of the week",
    "mart_sources": "all sources by volume",
    "company_mentions_daily": "README: per company, last 7 days",
    "topics_weekly": "last 4 weeks",
    "feed_status": "all feeds",
}


def _describe(view: str) -> str:
    return _DESCRIPTIONS[view]


if __name__ == "__main__":
    print(run())
