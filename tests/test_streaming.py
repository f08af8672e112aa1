"""The stages after extraction hold a batch, not the run: same warehouse, flat memory."""

from __future__ import annotations

import contextlib
import json
import os
import random
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import psutil
import pytest

from benchmarks.staged_run import stage
from pipeline.config import DEFAULT_TAXONOMY_FILE, Settings
from pipeline.run import run_pipeline
from pipeline.sample_site import demo_feeds_file
from pipeline.taxonomy import load_taxonomy
from pipeline.validation import Validator
from tests.conftest import ROOT, make_settings

pytestmark = pytest.mark.slow

# What a run writes, minus what differs between two runs of the same site (ids of the run,
# times of fetching and validating, the JSON of GX's examples).
COMPARED = {
    "articles": "SELECT * EXCLUDE (run_id, fetched_at) FROM articles ORDER BY article_id",
    "article_companies": "SELECT * FROM article_companies ORDER BY ALL",
    "article_topics": "SELECT * FROM article_topics ORDER BY ALL",
    "company_mentions": "SELECT * FROM company_mentions ORDER BY ALL",
    "story_signatures": "SELECT * FROM story_signatures ORDER BY article_id",
    "quarantine": "SELECT article_id, reasons FROM quarantine ORDER BY article_id",
    "feed_entries": "SELECT feed_id, guid, article_id, outcome FROM feed_entries ORDER BY ALL",
    "dq_results": "SELECT suite, expectation_type, column_name, success, element_count, unexpected_count"
    " FROM dq_results ORDER BY ALL",
}


def tables(path: Path) -> dict[str, pd.DataFrame]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {name: con.execute(sql).df() for name, sql in COMPARED.items()}


def test_small_batches_load_the_warehouse_of_one_batch(site_url: str, tmp_path: Path):
    """The sample site in batches of 3 to tag and 4 to validate (and row groups of 5) loads
    the same rows, tags, quarantine reasons and check results as one batch does."""
    feeds = demo_feeds_file(site_url, tmp_path / "feeds.yaml")
    whole = make_settings(tmp_path / "whole" / "warehouse.duckdb")
    small = whole.replace(
        warehouse=tmp_path / "small" / "warehouse.duckdb", extract_batch_size=5, tag_batch_size=3,
        validate_batch_size=4,
    )  # fmt: skip
    one, batched = run_pipeline(whole, feeds_file=feeds), run_pipeline(small, feeds_file=feeds)
    assert batched.quarantined > 0 and batched.duplicates_skipped > 0  # the site has both
    assert (batched.loaded, batched.quarantined) == (one.loaded, one.quarantined)
    assert batched.quarantine_reasons == one.quarantine_reasons
    got, expected = tables(small.warehouse), tables(whole.warehouse)
    for name in COMPARED:
        assert len(got[name]) > 0, name
        pd.testing.assert_frame_equal(got[name], expected[name], obj=name)


def article(article_id: str, url: str | None = None) -> dict[str, object]:
    url = url or f"https://news.example/{article_id}.html"
    return {
        "article_id": article_id, "url": url, "canonical_url": url, "title": "A headline",
        "text": "Enough words to pass the minimum text length check.", "language": "en",
        "published_at": pd.Timestamp("2026-11-20T10:00:00Z"), "extraction_status": "ok",
    }  # fmt: skip


def test_a_duplicate_in_another_batch_is_found_and_results_are_summed():
    validator = Validator(
        Settings(), load_taxonomy(DEFAULT_TAXONOMY_FILE), now=datetime(2026, 11, 27, tzinfo=UTC)
    )
    first = pd.DataFrame([article("a"), article("b")])
    second = pd.DataFrame(
        [article("c"), article("d", url="https://news.example/a.html"), article("e") | {"language": "it"}]
    )
    empty = pd.DataFrame(columns=["article_id", "company_id", "mentions"])
    outcome = validator.validate_batches(
        [first, second], [empty], [empty.rename(columns={"company_id": "topic_id"})], "r"
    )
    twice = [  # the same URL, and so the same canonical URL
        "articles_keys: expect_column_values_to_be_unique(url)",
        "articles_keys: expect_column_values_to_be_unique(canonical_url)",
    ]
    assert {k: sorted(v) for k, v in outcome.reasons.items()} == {
        "a": sorted(twice),
        "d": sorted(twice),
        "e": ["articles_rows: expect_column_values_to_be_in_set(language)"],
    }
    rows = {(r["suite"], r["expectation_type"], r["column_name"]): r for r in outcome.results}
    language = rows[("articles_rows", "expect_column_values_to_be_in_set", "language")]
    assert (language["success"], language["element_count"], language["unexpected_count"]) == (False, 5, 1)
    assert language["unexpected_percent"] == pytest.approx(20.0)
    assert json.loads(language["result"])["batches"] == 2
    title = rows[("articles_rows", "expect_column_values_to_not_be_null", "title")]
    assert (title["success"], title["element_count"], title["unexpected_count"]) == (True, 5, 0)
    assert len(outcome.results) == len(rows)  # one row per expectation, not one per batch


@pytest.mark.parametrize("size", [1, 3, 7, 40, 1000])
def test_read_batches_gives_every_row_once_in_order_in_batches_of_the_size(tmp_path: Path, size: int):
    """Row groups of uneven sizes (and an empty file) read ``size`` rows at a time across them."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.stages import read_batches

    schema = pa.schema([("n", pa.int64()), ("text", pa.string())])
    with pq.ParquetWriter(tmp_path / "t.parquet", schema) as out:
        start = 0
        for rows in (5, 1, 12, 2, 20):
            out.write_table(pa.table({"n": range(start, start + rows), "text": ["x"] * rows}, schema=schema))
            start += rows
    batches = list(read_batches(tmp_path / "t.parquet", size, ["n"]))
    assert [b.column_names for b in batches] == [["n"]] * len(batches)
    assert [n for b in batches for n in b["n"].to_pylist()] == list(range(40))
    assert [b.num_rows for b in batches] == [size] * (40 // size) + ([40 % size] if 40 % size else [])
    pq.write_table(pa.table({"n": pa.array([], pa.int64())}), tmp_path / "empty.parquet")
    assert list(read_batches(tmp_path / "empty.parquet", size)) == []


def test_reading_a_staged_file_in_batches_holds_a_batch_of_arrow_memory(tmp_path: Path):
    """60 row groups of 4 KB texts read a column subset at a time: Arrow's pool holds the same
    after the last batch as after the first. (``ParquetFile.iter_batches`` with a column
    selection, used before, kept about 1 MB more per row group read: +59 MB here.)"""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.stages import read_batches

    schema = pa.schema([("n", pa.int64()), ("text", pa.string()), ("other", pa.string())])
    rng = random.Random(3)
    with pq.ParquetWriter(tmp_path / "t.parquet", schema) as out:
        for _ in range(60):
            texts = ["".join(rng.choices("abcdefgh ", k=4000)) for _ in range(250)]
            out.write_table(pa.table({"n": range(250), "text": texts, "other": texts}, schema=schema))
    pool = pa.default_memory_pool()
    held = []
    for batch in read_batches(tmp_path / "t.parquet", 250, ["n", "text"]):
        del batch
        pool.release_unused()
        held.append(pool.bytes_allocated())
    assert len(held) == 60
    assert held[-1] - held[0] < 4 * 2**20, [h >> 20 for h in held[::10]]


def staged_run_peak(folder: Path, **env: str) -> tuple[dict[str, float], int, str]:
    """Run the tag, validate and load stages on a staged run in a process of their own; return
    what it printed, the peak RSS of its process tree (workers included), sampled, and its log."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.staged_run", "run", str(folder)],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT), **env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    watched, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        rss = 0
        try:
            for p in [watched, *watched.children(recursive=True)]:
                rss += p.memory_info().rss
        except psutil.Error:
            pass
        peak = max(peak, rss)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=0.05)
    out, err = proc.communicate()
    assert proc.returncode == 0, err.decode()[-3000:]
    return json.loads(out.decode().strip().splitlines()[-1]), peak, err.decode()


def test_memory_of_the_later_stages_does_not_grow_with_the_run(tmp_path: Path):
    """Three times the articles (6,000 and 18,000 of 3-6 KB) take the same memory to tag,
    validate and load: the stages hold a batch of texts and, per article, its ids and story
    signature (about 1 KB); DuckDB holds the load within its budget (MEDIAMON_LOAD_MEMORY_MB,
    here 300 MB, which both runs reach) and spills the rest. Before, when these stages held
    the run's texts, 2,000 and 12,000 articles peaked at 1,381 and 1,946 MB. Three runs on
    2026-11-28 grew 44-71 MB (the story index, about 1 KB an article, and its input frame);
    with Arrow's batch reader, which kept memory per row group read, 103-144 MB."""
    peaks, results = {}, {}
    for n in (6_000, 18_000):
        settings = Settings(warehouse=tmp_path / str(n) / "warehouse.duckdb")
        stage(settings, tmp_path / str(n) / "staging", n)
        results[n], peaks[n], log = staged_run_peak(tmp_path / str(n), MEDIAMON_LOAD_MEMORY_MB="300")
        assert results[n]["loaded"] == n
        assert "without a limit" not in log  # DuckDB kept to its budget
    grown = {n: p >> 20 for n, p in peaks.items()}
    assert peaks[18_000] - peaks[6_000] < 120 * 2**20, (grown, results)


def test_a_load_that_does_not_fit_its_memory_limit_is_done_again_without_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    """Staged articles loaded under a DuckDB limit too small for them: the rolled-back load is
    redone without the limit, with a warning, and every article arrives once."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from benchmarks.staged_run import _rows
    from pipeline.stages import TAGGED_SCHEMAS
    from pipeline.warehouse import LoadBatch, Staged, load_batch

    schema = TAGGED_SCHEMAS["articles_tagged"]
    frame = pd.DataFrame(_rows(0, 3_000, seed=3)).drop(columns=["minhash"]).assign(run_id="r1")
    pq.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False), tmp_path / "a.parquet")
    run = {"run_id": "r1", "status": "success", "started_at": datetime(2026, 11, 27, tzinfo=UTC),
           "finished_at": datetime(2026, 11, 27, tzinfo=UTC), "feeds_file": "feeds.yaml"}  # fmt: skip
    batch = LoadBatch(run=run, articles=Staged(tmp_path / "a.parquet", exclude={frame["article_id"][0]}))
    warehouse = tmp_path / "warehouse.duckdb"
    with caplog.at_level("WARNING", logger="pipeline.warehouse"):
        counts = load_batch(warehouse, batch, load_taxonomy(DEFAULT_TAXONOMY_FILE), 5.0, memory_mb=8)
    assert "loading again without a limit" in caplog.text
    assert counts["articles"] == 2_999  # the excluded one left out
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchall() == [
            (2_999, 2_999)
        ]


def _staged_tags_of(
    settings: Settings, feeds: Path, staging: Path, tag_settings: Settings
) -> dict[str, pd.DataFrame]:
    """Fetch with ``settings``, tag with ``tag_settings``: the tag stage's tables, sorted."""
    from pipeline.stages import begin_run, fetch_articles_stage, fetch_feeds_stage, tag_stage

    run = begin_run(settings, staging, feeds, run_id="tags")
    fetch_feeds_stage(settings, run)
    fetch_articles_stage(settings, run)
    tag_stage(tag_settings, run)
    out = {name: run.read(name) for name in ("companies", "topics", "mentions")}
    out["articles_tagged"] = run.read("articles_tagged").drop(columns=["fetched_at"])
    out["staged"] = run.read("articles")[["article_id", "tags"]]
    return {k: v.sort_values(list(v.columns)[:3]).reset_index(drop=True) for k, v in out.items()}


def test_tags_made_at_extraction_are_the_tags_the_tag_stage_makes(site_url: str, tmp_path: Path):
    """The extraction workers tag each article (pipeline.staged_tags) and the tag stage keeps
    those tags: the same tables as tagging there; tags made by another tagger (here other
    thresholds) are not kept but made again."""
    from pipeline.stages import RunDir, _staged_tag_key

    feeds = demo_feeds_file(site_url, tmp_path / "feeds.yaml")
    early = make_settings(tmp_path / "warehouse.duckdb", extract_workers=2)
    late = early.replace(tag_at_extraction=False)
    made_early = _staged_tags_of(early, feeds, tmp_path / "early", early)
    made_late = _staged_tags_of(late, feeds, tmp_path / "late", late)
    assert made_early["staged"]["tags"].notna().all()  # every article was tagged at extraction
    assert made_late["staged"]["tags"].isna().all()
    key, untagged = _staged_tag_key(RunDir(tmp_path / "early" / "tags"), early)
    assert key is not None and untagged == 0  # so the tag stage tagged none of them itself
    for name in ("companies", "topics", "mentions", "articles_tagged"):
        pd.testing.assert_frame_equal(made_early[name], made_late[name], check_dtype=False, obj=name)
    assert len(made_early["companies"]) > 10 and len(made_early["mentions"]) > 10

    other = early.replace(topic_threshold=early.topic_threshold * 2)
    kept_other = _staged_tags_of(early, feeds, tmp_path / "other-early", other)
    made_other = _staged_tags_of(late, feeds, tmp_path / "other-late", other)
    assert _staged_tag_key(RunDir(tmp_path / "other-early" / "tags"), other)[1] == len(made_other["staged"])
    for name in ("companies", "topics", "mentions", "articles_tagged"):
        pd.testing.assert_frame_equal(kept_other[name], made_other[name], check_dtype=False, obj=name)
    assert not made_other["topics"].equals(made_late["topics"])  # the thresholds do matter here


def test_a_batch_of_articles_some_staged_with_tags_some_not_gives_the_same_tables(
    site_url: str, tmp_path: Path
):
    """Every third article's staged tags removed (as if staged by an older version), batches of 7:
    the tag stage keeps the others' tags, tags those itself, and writes exactly the tables and
    relevance columns, row for row, that tagging every article there gives."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.stages import begin_run, fetch_articles_stage, fetch_feeds_stage, tag_stage

    feeds = demo_feeds_file(site_url, tmp_path / "feeds.yaml")
    early = make_settings(tmp_path / "warehouse.duckdb", extract_workers=2, tag_batch_size=7)
    run = begin_run(early, tmp_path / "mixed", feeds, run_id="tags")
    fetch_feeds_stage(early, run)
    fetch_articles_stage(early, run)
    staged = pq.read_table(run.path / "articles.parquet")
    tags = staged["tags"].to_pylist()
    assert all(tags)
    tags = [None if i % 3 == 0 else t for i, t in enumerate(tags)]
    pq.write_table(staged.set_column(staged.schema.get_field_index("tags"), "tags", pa.array(tags, pa.string())),
                   run.path / "articles.parquet", row_group_size=5)  # fmt: skip
    tag_stage(early, run)
    mixed = {name: run.read(name) for name in ("companies", "topics", "mentions", "articles_tagged")}
    late = early.replace(tag_at_extraction=False)
    made = _staged_tags_of(late, feeds, tmp_path / "late", late)
    for name, frame in mixed.items():
        if name == "articles_tagged":
            frame = frame.drop(columns=["fetched_at"])
        frame = frame.sort_values(list(frame.columns)[:3]).reset_index(drop=True)
        pd.testing.assert_frame_equal(frame, made[name], check_dtype=False, check_exact=True, obj=name)
    assert len(mixed["mentions"]) > 10
    # The relevance columns follow their articles, row for row, in the file's order.
    assert mixed["articles_tagged"]["article_id"].tolist() == staged["article_id"].to_pylist()


def test_an_edited_taxonomy_gives_a_new_tagger_and_a_new_key(tmp_path: Path):
    """The fork server builds the tagger once and outlives runs: an edit to the taxonomy file
    must give a new tagger there, and a new key, so tags made before the edit are made again."""
    import shutil

    from pipeline.staged_tags import tagger_key
    from pipeline.tagging import tagger_for

    taxonomy = tmp_path / "taxonomy.yaml"
    shutil.copy(DEFAULT_TAXONOMY_FILE, taxonomy)
    settings = make_settings(tmp_path / "warehouse.duckdb", taxonomy_file=taxonomy)
    before, key = tagger_for(settings), tagger_key(settings)
    assert tagger_for(settings) is before and tagger_key(settings) == key  # built once
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after = tagger_for(settings)
    assert after is not before and after.version != before.version
    assert tagger_key(settings) != key
    assert tagger_key(settings.replace(max_topics=settings.max_topics + 1)) != tagger_key(settings)
