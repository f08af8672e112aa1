"""Stage 5: migrations, locking and transactional loads on a real DuckDB file."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.config import DEFAULT_TAXONOMY_FILE
from pipeline.errors import WarehouseError, WarehouseLockedError
from pipeline.taxonomy import load_taxonomy
from pipeline.warehouse import (
    LoadBatch,
    load_batch,
    migrations,
    read_connection,
    schema_version,
    write_connection,
)

TAXONOMY = load_taxonomy(DEFAULT_TAXONOMY_FILE)


def run_row(run_id: str) -> dict:
    now = datetime.now(UTC)
    return {"run_id": run_id, "status": "success", "started_at": now, "finished_at": now, "stage_seconds": {}}


def article_frame(article_id: str) -> pd.DataFrame:
    now = pd.Timestamp.now(tz="UTC")
    return pd.DataFrame(
        [
            {
                "article_id": article_id,
                "url": f"https://n.example/{article_id}",
                "canonical_url": f"https://n.example/{article_id}",
                "feed_id": "f",
                "source_domain": "n.example",
                "title": "t",
                "published_at": now,
                "fetched_at": now,
                "language": "en",
                "text": "some text here",
                "word_count": 3,
                "extraction_status": "ok",
                "run_id": "r",
            }
        ]
    )


def test_migrations_apply_once_and_record_the_version(tmp_path: Path):
    wh = tmp_path / "w.duckdb"
    latest = migrations()[-1][0]
    with write_connection(wh) as con:
        assert schema_version(con) == latest
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    expected = {"feeds", "feed_entries", "articles", "article_companies", "article_topics", "companies",
                "topics", "quarantine", "dq_results", "runs", "schema_migrations",
                "company_mentions_daily", "topics_weekly", "feed_status"}  # fmt: skip
    assert expected <= tables
    with write_connection(wh) as con:  # a second open applies nothing
        rows = con.execute("SELECT version FROM schema_migrations").fetchall()
    assert [r[0] for r in rows] == [v for v, _, _ in migrations()]


def test_load_is_idempotent(tmp_path: Path):
    wh = tmp_path / "w.duckdb"
    load_batch(wh, LoadBatch(run=run_row("r1"), articles=article_frame("a1")), TAXONOMY, 5)
    counts = load_batch(wh, LoadBatch(run=run_row("r2"), articles=article_frame("a1")), TAXONOMY, 5)
    assert counts["articles"] == 0
    with read_connection(wh) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]
        assert con.execute("SELECT count(*) FROM companies").fetchall() == [(len(TAXONOMY.companies),)]


def test_each_load_writes_the_taxonomy_as_it_is_now(tmp_path: Path):
    """Companies and topics are upserted: every field as the taxonomy gives it, changed ones
    updated, none doubled."""
    from dataclasses import replace

    wh = tmp_path / "w.duckdb"
    load_batch(wh, LoadBatch(run=run_row("r1")), TAXONOMY, 5)
    first = TAXONOMY.companies[0]
    changed = replace(
        first, name=first.name + " Group", wikidata=None, aliases=(*first.aliases, "Extra Alias")
    )
    topic = TAXONOMY.topics[0]
    taxonomy = replace(
        TAXONOMY,
        companies=(changed, *TAXONOMY.companies[1:]),
        topics=(replace(topic, description="changed"), *TAXONOMY.topics[1:]),
    )
    load_batch(wh, LoadBatch(run=run_row("r2")), taxonomy, 5)
    with read_connection(wh) as con:
        stored = {r[0]: r[1:] for r in con.execute("SELECT * FROM companies").fetchall()}
        topics = dict(con.execute("SELECT topic_id, description FROM topics").fetchall())
    assert len(stored) == len(TAXONOMY.companies)
    for c in taxonomy.companies:
        assert stored[c.company_id] == (
            c.name,
            c.wikidata,
            list(c.aliases + c.cased + c.products),
            c.ambiguous,
        )
    assert stored[first.company_id][0].endswith(" Group") and "Extra Alias" in stored[first.company_id][2]
    assert len(topics) == len(TAXONOMY.topics) and topics[topic.topic_id] == "changed"


def test_a_failed_load_leaves_the_previous_state_intact(tmp_path: Path):
    wh = tmp_path / "w.duckdb"
    load_batch(wh, LoadBatch(run=run_row("r1"), articles=article_frame("a1")), TAXONOMY, 5)
    broken = article_frame("a2").assign(word_count=None)  # violates NOT NULL mid-transaction
    with pytest.raises(duckdb.ConstraintException):
        load_batch(wh, LoadBatch(run=run_row("r2"), articles=broken), TAXONOMY, 5)
    with read_connection(wh) as con:
        assert con.execute("SELECT article_id FROM articles").fetchall() == [("a1",)]
        assert con.execute("SELECT run_id FROM runs").fetchall() == [("r1",)]


def _hold_lock(wh: Path, seconds: float) -> subprocess.Popen:
    code = textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(wh)!r})
        print("locked", flush=True)
        time.sleep({seconds})
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_writer_waits_for_a_lock_then_proceeds(tmp_path: Path):
    wh = tmp_path / "w.duckdb"
    load_batch(wh, LoadBatch(run=run_row("r1")), TAXONOMY, 5)
    holder = _hold_lock(wh, 1.5)
    started = time.monotonic()
    load_batch(wh, LoadBatch(run=run_row("r2")), TAXONOMY, lock_timeout=30)
    assert time.monotonic() - started >= 0.5  # it really waited
    holder.communicate()
    with read_connection(wh) as con:
        assert con.execute("SELECT count(*) FROM runs").fetchall() == [(2,)]


def test_writer_gives_up_with_a_clear_message(tmp_path: Path):
    wh = tmp_path / "w.duckdb"
    load_batch(wh, LoadBatch(run=run_row("r1")), TAXONOMY, 5)
    holder = _hold_lock(wh, 10)
    try:
        with pytest.raises(
            WarehouseLockedError, match=r"locked by another writer \(held by PID \d+\); gave up after 1s"
        ):
            load_batch(wh, LoadBatch(run=run_row("r2")), TAXONOMY, lock_timeout=1)
    finally:
        holder.kill()
        holder.communicate()


def test_readers_get_clear_errors(tmp_path: Path):
    with (
        pytest.raises(WarehouseError, match="warehouse not found"),
        read_connection(tmp_path / "none.duckdb"),
    ):
        pass
    junk = tmp_path / "junk.duckdb"
    junk.write_text("this is not a database\n" * 100)
    with pytest.raises(WarehouseError, match="cannot open warehouse"), read_connection(junk):
        pass


def test_read_connection_is_read_only(tmp_path: Path):
    wh = tmp_path / "w.duckdb"
    load_batch(wh, LoadBatch(run=run_row("r1")), TAXONOMY, 5)
    with read_connection(wh) as con, pytest.raises(duckdb.Error, match="read-only"):
        con.execute("DELETE FROM runs")
