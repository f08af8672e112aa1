"""Stage 5: the DuckDB warehouse: migrations, read-only access, and the one load transaction.

DuckDB allows one writer process per file and refuses readers while a writer holds it, so
the writer opens the file only for the load transaction and retries on a lock conflict; every
read path opens it read-only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from pipeline.config import SQL_DIR
from pipeline.errors import WarehouseError, WarehouseLockedError
from pipeline.taxonomy import Taxonomy

log = logging.getLogger(__name__)

MIGRATIONS_DIR = SQL_DIR / "migrations"
VIEWS_DIR = SQL_DIR / "views"
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


def _is_lock_error(exc: Exception) -> bool:
    return "lock" in str(exc).lower()


def _open(path: Path, read_only: bool, lock_timeout: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + lock_timeout
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                raise WarehouseError(f"cannot open warehouse {path}: {exc}") from exc
            if time.monotonic() >= deadline:
                holder = re.search(r"PID (\d+)", str(exc))
                who = f" (held by PID {holder.group(1)})" if holder else ""
                raise WarehouseLockedError(
                    f"warehouse {path} is locked by another writer{who}; gave up after {lock_timeout:.0f}s"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
        except duckdb.Error as exc:
            raise WarehouseError(f"cannot open warehouse {path}: {exc}") from exc


@contextmanager
def read_connection(path: Path, lock_timeout: float = 10.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse read-only (for queries and trend tables)."""
    if not path.is_file():
        raise WarehouseError(f"warehouse not found: {path} (run `mediamon run` or `mediamon demo` first)")
    con = _open(path, read_only=True, lock_timeout=lock_timeout)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def write_connection(path: Path, lock_timeout: float = 60.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open (creating if needed) the warehouse for writing, migrated to the latest schema."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, read_only=False, lock_timeout=lock_timeout)
    try:
        migrate(con)
        yield con
        # Whatever the caller wrote, the materialised marts follow it before the file is released
        # (no reader can open the file until then, so nobody sees data and marts disagree).
        try:
            build_views(con)
        except duckdb.OutOfMemoryException as exc:  # under a caller's memory limit: rebuild without
            log.warning("rebuilding the marts within the memory limit failed (%s); again without it", exc)
            con.execute("RESET memory_limit")
            build_views(con)
    finally:
        con.close()


def migrations() -> list[tuple[int, str, Path]]:
    found = []
    for file in sorted(MIGRATIONS_DIR.glob("*.sql")):
        m = _MIGRATION_NAME.match(file.name)
        if not m:
            raise WarehouseError(f"badly named migration {file.name} (want NNNN_name.sql)")
        found.append((int(m.group(1)), m.group(2), file))
    return found


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchall()[0][0]
    if not exists:
        return 0
    return int(con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchall()[0][0])


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply pending numbered migrations (each in its own transaction), then refresh views."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
    )
    current = schema_version(con)
    for version, name, file in migrations():
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(file.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
            con.execute("COMMIT")
        except duckdb.Error:
            con.execute("ROLLBACK")
            raise
        log.info("applied migration %04d_%s", version, name)
        current = version
    build_views(con)
    return current


# A file in sql/views/ with this line is materialised: its `CREATE OR REPLACE VIEW name AS <query>`
# becomes a table holding the query's result, rebuilt whenever the data or the SQL changed.
_MATERIALIZED_MARKER = "-- materialized: table"
_VIEW_HEADER = re.compile(r"^CREATE OR REPLACE VIEW (\w+) AS\b", re.MULTILINE)
BUILD_TABLE = "mart_builds"

# Cheap (~0.1 s at a million articles) order-independent digest of every column the views read.
# articles.text is left out on purpose: hashing every full text would cost seconds, and the
# pipeline never rewrites a stored article's text (`refresh_marts(force=True)` rebuilds anyway).
_DATA_FINGERPRINT = """
SELECT concat_ws('-',
    (SELECT hash(count(*), bit_xor(hash(article_id, feed_id, source_domain, url, title, published_at,
        fetched_at, language, word_count, extraction_status, content_hash, story_id, is_ai_relevant)))
        FROM articles),
    (SELECT hash(count(*), bit_xor(hash(article_id, company_id, mentions, in_title, in_lead, salience)))
        FROM article_companies),
    (SELECT hash(count(*), bit_xor(hash(article_id, topic_id, score))) FROM article_topics),
    (SELECT hash(count(*), bit_xor(hash(feed_id, guid, article_id))) FROM feed_entries),
    (SELECT hash(count(*), bit_xor(hash(company_id, name))) FROM companies),
    (SELECT hash(count(*), bit_xor(hash(topic_id, name))) FROM topics))
"""


@dataclass(frozen=True)
class ViewFile:
    name: str
    sql: str
    materialized: bool


def view_files() -> list[ViewFile]:
    """The files of sql/views in the order they are applied (sorted names: staging, marts, public)."""
    found = []
    for file in sorted(VIEWS_DIR.glob("*.sql")):
        sql = file.read_text(encoding="utf-8")
        m = _VIEW_HEADER.search(sql)
        if not m:
            raise WarehouseError(f"{file.name} does not define a view (want CREATE OR REPLACE VIEW name AS)")
        found.append(ViewFile(m.group(1), sql, _MATERIALIZED_MARKER in sql))
    return found


def _drop(con: duckdb.DuckDBPyConnection, name: str) -> None:
    kind = con.execute(
        "SELECT 'VIEW' FROM duckdb_views() WHERE view_name = $n AND NOT temporary AND NOT internal"
        " UNION ALL SELECT 'TABLE' FROM duckdb_tables() WHERE table_name = $n AND NOT temporary",
        {"n": name},
    ).fetchall()
    for (k,) in kind:  # names come from view_files(), never from input
        con.execute(f"DROP {k} {name}")


def build_views(con: duckdb.DuckDBPyConnection, force: bool = False) -> bool:
    """Create the views and (re)build the materialised marts if the data or the SQL changed.

    Returns whether anything was rebuilt. ``mart_builds`` records what the marts were built from:
    a digest of sql/views and a fingerprint of the tables they read.
    """
    files = view_files()
    sql_digest = hashlib.sha256("\n".join(f"{f.name}\n{f.sql}" for f in files).encode()).hexdigest()[:16]
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {BUILD_TABLE} (sql_digest VARCHAR NOT NULL, data_fingerprint VARCHAR"
        " NOT NULL, built_at TIMESTAMPTZ NOT NULL, seconds DOUBLE NOT NULL)"
    )
    fingerprint = str(con.execute(_DATA_FINGERPRINT).fetchall()[0][0])
    built = con.execute(f"SELECT sql_digest, data_fingerprint FROM {BUILD_TABLE}").fetchall()
    if not force and built == [(sql_digest, fingerprint)]:
        return False
    started = time.perf_counter()
    con.execute("SET enable_progress_bar = false")  # a rebuild takes seconds at scale: no bar on stderr
    con.execute("BEGIN TRANSACTION")
    try:
        for f in files:
            if f.materialized:
                _drop(con, f.name)
                con.execute(_VIEW_HEADER.sub(f"CREATE TABLE {f.name} AS", f.sql, count=1))
            else:
                if con.execute(
                    "SELECT 1 FROM duckdb_tables() WHERE table_name = ? AND NOT temporary", [f.name]
                ).fetchall():
                    _drop(con, f.name)  # was materialised by an earlier version of the file
                con.execute(f.sql)
        con.execute(f"DELETE FROM {BUILD_TABLE}")
        con.execute(
            f"INSERT INTO {BUILD_TABLE} VALUES (?, ?, now(), ?)",
            [sql_digest, fingerprint, time.perf_counter() - started],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    log.info("trend marts built in %.1fs", time.perf_counter() - started)
    return True


def known_articles(con: duckdb.DuckDBPyConnection, keys: list[str]) -> dict[str, str]:
    """Map each key that is already stored (as an article id or as the hash of its URL) to its id."""
    if not keys:
        return {}
    rows = con.execute(
        """
        WITH wanted AS (SELECT unnest(CAST(? AS VARCHAR[])) AS k)
        SELECT k, article_id FROM articles JOIN wanted ON k = article_id
        UNION
        SELECT k, article_id FROM articles JOIN wanted ON k = left(sha256(url), 32)
        UNION
        SELECT k, article_id FROM quarantine JOIN wanted ON k = article_id
        """,
        [keys],
    ).fetchall()
    return {k: a for k, a in rows}


def run_status(path: Path, run_id: str, lock_timeout: float) -> tuple[str, str | None] | None:
    """(status, error) of a run already in the warehouse, or None (a retried load checks this)."""
    if not path.is_file():
        return None
    with read_connection(path, lock_timeout) as con:
        if schema_version(con) == 0:
            return None
        rows = con.execute("SELECT status, error FROM runs WHERE run_id = ?", [run_id]).fetchall()
    return (str(rows[0][0]), rows[0][1]) if rows else None


def refresh_marts(path: Path, lock_timeout: float, force: bool = False) -> int:
    """Bring views and materialised marts up to date and checkpoint the file; returns the schema version.

    Opening for writing already rebuilds the marts when the data or sql/views changed since they
    were built (so after a load this finds nothing to do); ``force`` rebuilds them regardless.
    """
    with write_connection(path, lock_timeout) as con:
        version = schema_version(con)
        if force:
            build_views(con, force=True)
        con.execute("CHECKPOINT")
    return version


def seen_entries(con: duckdb.DuckDBPyConnection, feed_ids: list[str]) -> set[tuple[str, str]]:
    rows = con.execute(
        "SELECT feed_id, guid FROM feed_entries WHERE feed_id IN (SELECT unnest(CAST(? AS VARCHAR[])))",
        [feed_ids],
    ).fetchall()
    return {(f, g) for f, g in rows}


@dataclass(frozen=True)
class Staged:
    """Rows of a staged Parquet file that DuckDB reads straight from the file, so that they are
    never all in this process's memory: those whose ``article_id`` is not in ``exclude``, with
    the columns of ``join`` (keyed by ``article_id``) added."""

    path: Path
    exclude: Collection[str] = ()
    join: pd.DataFrame | None = None


@dataclass
class LoadBatch:
    """Everything one run writes, loaded in a single transaction."""

    run: dict[str, Any]
    feeds: list[dict[str, Any]] = field(default_factory=list)
    entries: pd.DataFrame | None = None
    articles: pd.DataFrame | Staged | None = None
    story_signatures: pd.DataFrame | None = None
    article_companies: pd.DataFrame | Staged | None = None
    article_topics: pd.DataFrame | Staged | None = None
    company_mentions: pd.DataFrame | Staged | None = None
    quarantine: pd.DataFrame | None = None
    dq_results: pd.DataFrame | None = None


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: pd.DataFrame | Staged | None) -> int:
    if rows is None or (isinstance(rows, pd.DataFrame) and rows.empty):
        return 0
    # Table names come from this module, never from input; the rows themselves are bound.
    registered = [f"_batch_{table}"]
    if isinstance(rows, pd.DataFrame):
        con.register(registered[0], rows)
        source = f"SELECT * FROM {registered[0]}"
    else:
        con.register(
            registered[0], pd.DataFrame({"article_id": pd.Series(sorted(rows.exclude), dtype=object)})
        )
        path = str(rows.path).replace("'", "''")
        source = f"SELECT * FROM read_parquet('{path}')"
        if rows.join is not None:
            registered.append(f"_join_{table}")
            con.register(registered[1], rows.join)
            source += f" LEFT JOIN {registered[1]} USING (article_id)"
        source += f" WHERE article_id NOT IN (SELECT article_id FROM {registered[0]})"
    before = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    # OR IGNORE: a row that is already there (same key) stays as it was -> idempotent loads.
    con.execute(f"INSERT OR IGNORE INTO {table} BY NAME {source}")
    after = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    for name in registered:
        con.unregister(name)
    return int(after - before)


def _upsert_taxonomy(con: duckdb.DuckDBPyConnection, taxonomy: Taxonomy) -> None:
    # One statement per table over all of its rows: row by row (``executemany``), the upsert took
    # a tenth of a second of every load.
    companies = pa.table(
        {
            "company_id": [c.company_id for c in taxonomy.companies],
            "name": [c.name for c in taxonomy.companies],
            "wikidata": pa.array([c.wikidata for c in taxonomy.companies], pa.string()),
            "aliases": pa.array(
                [list(c.aliases + c.cased + c.products) for c in taxonomy.companies], pa.list_(pa.string())
            ),
            "ambiguous": pa.array([c.ambiguous for c in taxonomy.companies], pa.bool_()),
        }
    )
    topics = pa.table(
        {
            "topic_id": [t.topic_id for t in taxonomy.topics],
            "name": [t.name for t in taxonomy.topics],
            "description": pa.array([t.description for t in taxonomy.topics], pa.string()),
        }
    )
    con.register("_taxonomy_companies", companies)
    con.register("_taxonomy_topics", topics)
    try:
        con.execute(
            """
            INSERT INTO companies BY NAME SELECT * FROM _taxonomy_companies
            ON CONFLICT (company_id) DO UPDATE SET
                name = excluded.name, wikidata = excluded.wikidata,
                aliases = excluded.aliases, ambiguous = excluded.ambiguous
            """
        )
        con.execute(
            """
            INSERT INTO topics BY NAME SELECT * FROM _taxonomy_topics
            ON CONFLICT (topic_id) DO UPDATE SET name = excluded.name, description = excluded.description
            """
        )
    finally:
        con.unregister("_taxonomy_companies")
        con.unregister("_taxonomy_topics")


def feed_states(con: duckdb.DuckDBPyConnection, feed_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The stored health of these feeds (columns of FeedState), read by the fetch stage."""
    health = (
        "etag, last_modified, body_hash, failure_score, next_fetch_at, gone_at, last_success_at"
        if schema_version(con) >= 3  # read-only: an older file is migrated by the next load
        else "NULL AS etag, NULL AS last_modified, NULL AS body_hash, consecutive_failures AS failure_score,"
        " NULL AS next_fetch_at, NULL AS gone_at, NULL AS last_success_at"
    )
    cur = con.execute(
        f"SELECT feed_id, url, consecutive_failures, last_entry_count, last_error, {health} FROM feeds"
        " WHERE feed_id IN (SELECT unnest(CAST(? AS VARCHAR[])))",
        [feed_ids],
    )
    columns = [d[0] for d in cur.description]
    return {row[0]: dict(zip(columns[1:], row[1:], strict=True)) for row in cur.fetchall()}


def reset_feed(path: Path, feed_id: str, lock_timeout: float = 60.0) -> dict[str, Any]:
    """Clear a feed's failure score, backoff and gone mark (``mediamon feeds --reset``).

    The feed is due at the next run. Its last status and error stay as the record of what
    happened last; its validators stay too, so an unchanged body is still not parsed again.
    Returns the health it had before.
    """
    if not path.is_file():
        raise WarehouseError(f"warehouse not found: {path}")
    with write_connection(path, lock_timeout) as con:
        before = con.execute(
            "SELECT failure_score, consecutive_failures, next_fetch_at, gone_at, last_error FROM feeds"
            " WHERE feed_id = ?",
            [feed_id],
        ).fetchone()
        if before is None:
            raise WarehouseError(f"no feed {feed_id!r} in the warehouse (see `mediamon feeds`)")
        con.execute(
            "UPDATE feeds SET failure_score = 0, consecutive_failures = 0, next_fetch_at = NULL,"
            " gone_at = NULL, last_failure_kind = NULL WHERE feed_id = ?",
            [feed_id],
        )
    keys = ("failure_score", "consecutive_failures", "next_fetch_at", "gone_at", "last_error")
    return dict(zip(keys, before, strict=True))


def _upsert_feeds(con: duckdb.DuckDBPyConnection, feeds: list[dict[str, Any]]) -> None:
    """Write each checked feed's state as the fetch stage computed it (absolute values: a
    retried load writes the same). ``keep_validators`` leaves the stored ETag, Last-Modified
    and body hash as they were (a failed batch: its entries must be read again next run)."""
    con.executemany(
        """
        INSERT INTO feeds (feed_id, url, name, language, tags, first_seen_at, last_fetched_at,
                           last_status, last_http_status, last_error, last_entry_count,
                           consecutive_failures, etag, last_modified, body_hash, last_outcome,
                           last_failure_kind, failure_score, next_fetch_at, gone_at, last_success_at)
        VALUES ($feed_id, $url, $name, $language, $tags, $fetched_at, $fetched_at,
                $status, $http_status, $error, $entry_count, $consecutive_failures,
                CASE WHEN $keep_validators THEN NULL ELSE $etag END,
                CASE WHEN $keep_validators THEN NULL ELSE $last_modified END,
                CASE WHEN $keep_validators THEN NULL ELSE $body_hash END,
                $outcome, $failure_kind, $failure_score, $next_fetch_at, $gone_at, $last_success_at)
        ON CONFLICT (feed_id) DO UPDATE SET
            url = excluded.url, name = excluded.name, language = excluded.language,
            tags = excluded.tags, last_fetched_at = excluded.last_fetched_at,
            last_status = excluded.last_status, last_http_status = excluded.last_http_status,
            last_error = excluded.last_error, last_entry_count = excluded.last_entry_count,
            consecutive_failures = excluded.consecutive_failures,
            etag = CASE WHEN $keep_validators THEN feeds.etag ELSE excluded.etag END,
            last_modified = CASE WHEN $keep_validators THEN feeds.last_modified
                                 ELSE excluded.last_modified END,
            body_hash = CASE WHEN $keep_validators THEN feeds.body_hash ELSE excluded.body_hash END,
            last_outcome = excluded.last_outcome, last_failure_kind = excluded.last_failure_kind,
            failure_score = excluded.failure_score, next_fetch_at = excluded.next_fetch_at,
            gone_at = excluded.gone_at, last_success_at = excluded.last_success_at
        """,
        feeds,
    )


def load_batch(
    path: Path, batch: LoadBatch, taxonomy: Taxonomy, lock_timeout: float, memory_mb: int | None = None
) -> dict[str, int]:
    """Write one run in one transaction; a failure anywhere leaves the previous state intact.

    ``memory_mb`` caps DuckDB's memory for the load and the marts' rebuild after it: a run's new
    rows stay in DuckDB's transaction until it commits, and under a limit DuckDB spills them to
    its temporary directory instead of holding them (one thread and no insertion order to keep
    let it). Loading 100,000 articles of 3-6 KB took 2.0-2.7 GB without a limit, and rebuilding
    the marts over them 2.3 GB; with 400 MB the process peaked at 0.56 GB and 0.57 GB. What
    DuckDB cannot spill (indexes, for one) must fit: a load that runs out of memory under the
    limit is rolled back and done again without one, with a warning.
    """
    if memory_mb is not None:
        try:
            return _load_batch(path, batch, taxonomy, lock_timeout, memory_mb)
        except duckdb.OutOfMemoryException as exc:
            log.warning("loading within %d MB failed (%s); loading again without a limit", memory_mb, exc)
    return _load_batch(path, batch, taxonomy, lock_timeout, None)


def _load_batch(
    path: Path, batch: LoadBatch, taxonomy: Taxonomy, lock_timeout: float, memory_mb: int | None
) -> dict[str, int]:
    with write_connection(path, lock_timeout) as con:
        if memory_mb is not None:
            con.execute(f"SET memory_limit = '{int(memory_mb)}MB'")
        con.execute("SET threads = 1")
        con.execute("SET preserve_insertion_order = false")
        con.execute("BEGIN TRANSACTION")
        try:
            _upsert_taxonomy(con, taxonomy)
            if batch.feeds:
                _upsert_feeds(con, batch.feeds)
            counts = {
                "feed_entries": _insert(con, "feed_entries", batch.entries),
                "articles": _insert(con, "articles", batch.articles),
                "story_signatures": _insert(con, "story_signatures", batch.story_signatures),
                "article_companies": _insert(con, "article_companies", batch.article_companies),
                "article_topics": _insert(con, "article_topics", batch.article_topics),
                "company_mentions": _insert(con, "company_mentions", batch.company_mentions),
                "quarantine": _insert(con, "quarantine", batch.quarantine),
                "dq_results": _insert(con, "dq_results", batch.dq_results),
            }
            run = dict(batch.run)
            run["stage_seconds"] = json.dumps(run.get("stage_seconds") or {})
            columns = ", ".join(run)
            marks = ", ".join("?" for _ in run)
            con.execute(f"INSERT INTO runs ({columns}) VALUES ({marks})", list(run.values()))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        finally:
            for setting in ("threads", "preserve_insertion_order"):
                con.execute(f"RESET {setting}")  # the marts are then rebuilt with every core
    return counts


def replace_tags(
    path: Path,
    taxonomy: Taxonomy,
    companies: pd.DataFrame,
    topics: pd.DataFrame,
    mentions: pd.DataFrame,
    relevance: pd.DataFrame,
    lock_timeout: float,
) -> None:
    """Swap every tag of every article for a new set, in one transaction (``mediamon retag``)."""
    with write_connection(path, lock_timeout) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            _upsert_taxonomy(con, taxonomy)
            for table in ("article_companies", "article_topics", "company_mentions"):
                con.execute(f"DELETE FROM {table}")
            _insert(con, "article_companies", companies)
            _insert(con, "article_topics", topics)
            _insert(con, "company_mentions", mentions)
            con.register("_relevance", relevance)
            con.execute(
                """
                UPDATE articles SET ai_relevance = r.ai_relevance, is_ai_relevant = r.is_ai_relevant,
                                    tagged_with = r.tagged_with
                FROM _relevance AS r WHERE articles.article_id = r.article_id
                """
            )
            con.unregister("_relevance")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
