"""Stage 4: real Great Expectations suites over pandas batches."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from pipeline.config import DEFAULT_TAXONOMY_FILE, Settings
from pipeline.taxonomy import load_taxonomy
from pipeline.validation import Validator

pytestmark = pytest.mark.slow
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator(Settings(), load_taxonomy(DEFAULT_TAXONOMY_FILE), now=NOW)


def article(article_id: str, **over: object) -> dict:
    row = {
        "article_id": article_id,
        "url": f"https://news.example/{article_id}.html",
        "canonical_url": f"https://news.example/{article_id}.html",
        "title": "A headline",
        "text": "Enough words to pass the minimum text length check.",
        "language": "en",
        "published_at": pd.Timestamp("2026-11-20T10:00:00Z"),
        "extraction_status": "ok",
    }
    row.update(over)
    return row


def frames(rows: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    df = pd.DataFrame(rows)
    df["published_at"] = pd.to_datetime(df["published_at"], utc=True)
    companies = pd.DataFrame({"article_id": ["good"], "company_id": ["openai"], "mentions": [2]})
    topics = pd.DataFrame({"article_id": ["good"], "topic_id": ["agi"], "score": [4.0]})
    return df, companies, topics


def rows_of_every_fault() -> list[dict]:
    return [
        article("good"),
        article("ftp", url="ftp://news.example/x"),
        article("notext", text=None),
        article("short", text="tiny"),
        article("italian", language="it"),
        article("nolang", language=None),
        article("future", published_at=pd.Timestamp("2099-01-01T00:00:00Z")),
        article("ancient", published_at=pd.Timestamp("1970-01-01T00:00:00Z")),
        article("twofaults", title=None, language="xx"),
        article("nodate", published_at=None),
    ]


def test_each_bad_row_is_named_with_every_failed_expectation(validator: Validator):
    outcome = validator.validate(*frames(rows_of_every_fault()), run_id="r1")
    r = outcome.reasons
    assert set(r) == {"ftp", "notext", "short", "italian", "nolang", "future", "ancient", "twofaults"}
    assert r["ftp"] == ["articles_rows: expect_column_values_to_match_regex(url)"]
    assert r["notext"] == ["articles_rows: expect_column_values_to_not_be_null(text)"]
    assert r["italian"] == ["articles_rows: expect_column_values_to_be_in_set(language)"]
    assert r["future"] == r["ancient"] == ["articles_rows: expect_column_values_to_be_between(published_at)"]
    assert sorted(r["twofaults"]) == [
        "articles_rows: expect_column_values_to_be_in_set(language)",
        "articles_rows: expect_column_values_to_not_be_null(title)",
    ]
    assert outcome.batch_ok  # 9 of 10 'ok' extractions: the batch itself is fine
    failed = {
        (x["suite"], x["expectation_type"], x["column_name"]) for x in outcome.results if not x["success"]
    }
    assert ("articles_rows", "expect_column_values_to_match_regex", "url") in failed
    assert all(x["run_id"] == "r1" for x in outcome.results)


def test_unknown_tag_ids_quarantine_their_article(validator: Validator):
    df, companies, topics = frames([article("good"), article("other")])
    companies = pd.concat(
        [companies, pd.DataFrame({"article_id": ["other"], "company_id": ["acme"], "mentions": [1]})]
    )
    topics = pd.concat(
        [topics, pd.DataFrame({"article_id": ["other"], "topic_id": ["gossip"], "score": [3.0]})]
    )
    outcome = validator.validate(df, companies, topics, run_id="r2")
    assert sorted(outcome.reasons["other"]) == [
        "company_tags_rows: expect_column_values_to_be_in_set(company_id)",
        "topic_tags_rows: expect_column_values_to_be_in_set(topic_id)",
    ]
    assert "good" not in outcome.reasons


def test_low_extraction_rate_fails_the_batch(validator: Validator):
    rows = [article(f"a{i}", extraction_status="fallback_summary") for i in range(7)]
    rows += [article(f"b{i}") for i in range(3)]
    outcome = validator.validate(*frames(rows), run_id="r3")
    assert not outcome.batch_ok
    assert any("expect_column_values_to_be_in_set(extraction_status)" in f for f in outcome.batch_failures)


def test_rate_is_not_judged_on_a_handful_of_pages(validator: Validator):
    rows = [article("a", extraction_status="fallback_summary"), article("b")]
    assert validator.validate(*frames(rows), run_id="r4").batch_ok


def test_every_row_quarantined_fails_the_batch(validator: Validator):
    rows = [article(f"x{i}", language="it") for i in range(6)]
    outcome = validator.validate(*frames(rows), run_id="r5")
    assert len(outcome.reasons) == 6
    assert any(
        f.startswith("accepted_batch: expect_table_row_count_to_be_between") for f in outcome.batch_failures
    )


# A fresh interpreter, as the run's validation process: Great Expectations imported with its
# charting and statistics packages deferred and without its SQL packages, then the same batch
# validated as in the first test.
_FRESH_VALIDATION = """
import json, sys
if sys.argv[1:] == ["with-sql"]:
    import sqlalchemy  # as in an Airflow worker
from pipeline.validation import preload_gx
preload_gx()
from pipeline.lazy_imports import is_deferred
deferred = {name: is_deferred(sys.modules[name]) for name in ("altair", "scipy.stats")}
from pipeline.config import DEFAULT_TAXONOMY_FILE, Settings
from pipeline.taxonomy import load_taxonomy
from pipeline.validation import Validator
from tests.test_validation import NOW, frames, rows_of_every_fault
validator = Validator(Settings(), load_taxonomy(DEFAULT_TAXONOMY_FILE), now=NOW)
outcome = validator.validate(*frames(rows_of_every_fault()), run_id="r1")
print(json.dumps({"deferred": deferred, "sql": sorted({m.partition(".")[0] for m in sys.modules} & {"sqlalchemy", "psycopg2"}), "reasons": outcome.reasons, "batch": outcome.batch_failures,
                  "results": len(outcome.results)}))
"""


def fresh_validation(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _FRESH_VALIDATION, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_validation_is_the_same_with_gx_s_unused_packages_deferred_or_left_out(validator: Validator):
    fresh, with_sql = fresh_validation(), fresh_validation("with-sql")
    assert fresh["deferred"] == {"altair": True, "scipy.stats": True}
    assert fresh["sql"] == []
    assert "sqlalchemy" in with_sql["sql"]  # a process that has it keeps it
    here = validator.validate(*frames(rows_of_every_fault()), run_id="r1")
    for other in (fresh, with_sql):
        assert other["reasons"] == here.reasons
        assert other["batch"] == here.batch_failures
        assert other["results"] == len(here.results)
