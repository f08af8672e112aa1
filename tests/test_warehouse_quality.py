"""Warehouse-level quality checks (pipeline.quality) and the media_quality DAG, for real.

Each test works on a copy of the demo warehouse; failures are made by changing the data the
way real trouble would (feeds going quiet, syndicated copies, untagged articles), not by
patching the checks.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from pipeline import quality
from tests.conftest import DAGS, airflow_env, make_settings, python

pytestmark = pytest.mark.slow


def failed(report: quality.QualityReport) -> dict[str, quality.CheckResult]:
    return {r.label: r for r in report.failures}


def test_demo_warehouse_passes_every_check_and_gets_data_docs(demo_warehouse: Path, tmp_path: Path):
    settings = make_settings(demo_warehouse, quality_dir=tmp_path / "quality")
    frames = quality.collect(settings)
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        feeds, articles, quarantined = con.execute(
            "SELECT (SELECT count(*) FROM feeds), (SELECT count(*) FROM articles), (SELECT count(*) FROM quarantine)"
        ).fetchone()
    assert len(frames["feeds"]) == feeds >= 8  # other tests may add feeds to the shared demo warehouse
    assert len(frames["articles"]) == articles and len(frames["intake"]) == articles + quarantined

    report = quality.run_checks(settings, "quality-demo", frames)
    assert report.success, quality.summary_lines(report)
    assert {r.suite for r in report.results} == set(quality.SUITES)
    by_label = {r.label: r for r in report.results}
    share = by_label["warehouse_intake: expect_column_mean_to_be_between(quarantined)"].observed
    assert share == pytest.approx(quarantined / (articles + quarantined), abs=1e-4)

    # Data Docs: a static site in the known folder, listing this run's suites.
    index = tmp_path / "quality" / "docs" / "index.html"
    assert report.docs_index == index.resolve()
    html = index.read_text(encoding="utf-8")
    for suite in quality.SUITES:
        assert suite in html
    assert "quality-demo" in html
    kept = quality.report_path(settings, "quality-demo")
    assert kept == tmp_path / "quality" / "results" / "quality-demo.json"
    assert json.loads(kept.read_text())["success"] is True

    # Recorded in dq_results; recording the same run again replaces, never doubles.
    assert quality.record(settings, report) == len(report.results)
    assert quality.record(settings, report) == len(report.results)
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        rows = con.execute(
            "SELECT suite, success FROM dq_results WHERE run_id = 'quality-demo' ORDER BY suite, ordinal"
        ).fetchall()
    assert len(rows) == len(report.results) and all(ok for _, ok in rows)


def test_real_trouble_fails_the_right_checks_and_names_what_is_wrong(demo_warehouse: Path, tmp_path: Path):
    with duckdb.connect(str(demo_warehouse)) as con:
        # Three feeds go quiet for ten days (more than a quarter of the eight).
        stale = ["chipletter", "homeandgarden", "marchestech"]
        con.execute(
            "UPDATE feed_entries SET first_seen_at = first_seen_at - INTERVAL 10 DAY WHERE list_contains(?, feed_id)",
            [stale],
        )
        con.execute(
            "UPDATE feeds SET first_seen_at = first_seen_at - INTERVAL 20 DAY WHERE list_contains(?, feed_id)",
            [stale],
        )
        # A syndicated story copied under ten different URLs.
        con.execute(
            """UPDATE articles SET content_hash = 'syndicated'
               WHERE article_id IN (SELECT article_id FROM articles ORDER BY article_id LIMIT 10)"""
        )
        # A retag that never finished: some articles carry no taxonomy version.
        con.execute(
            """UPDATE articles SET tagged_with = NULL
               WHERE article_id IN (SELECT article_id FROM articles ORDER BY article_id DESC LIMIT 2)"""
        )
    settings = make_settings(demo_warehouse, quality_dir=tmp_path / "quality", max_quarantine_share=0.01)
    report = quality.run_checks(settings, "quality-trouble", quality.collect(settings))
    failures = failed(report)
    assert set(failures) == {
        "warehouse_feed_freshness: expect_column_values_to_be_between(hours_since_new_entry)",
        "warehouse_articles: expect_column_proportion_of_unique_values_to_be_between(content_hash)",
        "warehouse_articles: expect_column_values_to_not_be_null(tagged_with)",
        "warehouse_intake: expect_column_mean_to_be_between(quarantined)",
    }
    freshness = failures[
        "warehouse_feed_freshness: expect_column_values_to_be_between(hours_since_new_entry)"
    ]
    assert freshness.detail == "feed_id: " + ", ".join(stale)
    untagged = failures["warehouse_articles: expect_column_values_to_not_be_null(tagged_with)"]
    assert untagged.detail.startswith("article_id: ") and untagged.detail.count(",") == 1
    assert not report.success
    lines = [line for line in quality.summary_lines(report) if line.startswith("FAIL")]
    assert len(lines) == 4 and any("expected <= 0.01" in line for line in lines)


def test_tag_coverage_fails_when_companies_stop_being_tagged(demo_warehouse: Path, tmp_path: Path):
    with duckdb.connect(str(demo_warehouse)) as con:
        con.execute(
            """DELETE FROM article_companies WHERE article_id IN (
                   SELECT article_id FROM articles WHERE is_ai_relevant ORDER BY article_id
                   LIMIT (SELECT count(*) * 6 // 10 FROM articles WHERE is_ai_relevant))"""
        )
    settings = make_settings(demo_warehouse, quality_dir=tmp_path / "quality")
    report = quality.run_checks(settings, "quality-coverage", quality.collect(settings))
    assert set(failed(report)) == {"warehouse_tag_coverage: expect_column_mean_to_be_between(has_company)"}
    assert failed(report)[
        "warehouse_tag_coverage: expect_column_mean_to_be_between(has_company)"
    ].observed == pytest.approx(0.4, abs=0.03)


def run_media_quality(home: Path, warehouse: Path, quality_dir: Path, **extra: str) -> str:
    env = airflow_env(home, MEDIAMON_WAREHOUSE=str(warehouse), MEDIAMON_QUALITY_DIR=str(quality_dir), **extra)
    proc = python(
        f"""
        import runpy
        dag = runpy.run_path({str(DAGS / "media_quality.py")!r})["media_quality_dag"]
        print("DAGRUN_STATE", dag.test().state)
        """,
        env,
    )
    return proc.stdout + proc.stderr


def test_media_quality_dag_passes_then_fails_visibly(
    airflow_home: Path, demo_warehouse: Path, tmp_path: Path
):
    log = run_media_quality(airflow_home, demo_warehouse, tmp_path / "quality")
    assert "DAGRUN_STATE success" in log, log[-4000:]
    assert "warehouse checks: 8 of 8 passed; Data Docs: " in log
    assert (tmp_path / "quality" / "docs" / "index.html").is_file()
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        assert con.execute(
            "SELECT count(*), bool_and(success) FROM dq_results WHERE suite LIKE 'warehouse_%'"
        ).fetchone() == (8, True)

    # The same warehouse judged stricter: the gate fails the run and names the expectation.
    log = run_media_quality(
        airflow_home, demo_warehouse, tmp_path / "quality", MEDIAMON_MIN_COMPANY_COVERAGE="1.01"
    )
    assert "DAGRUN_STATE failed" in log, log[-4000:]
    assert "1 warehouse check(s) failed:" in log
    assert (
        "FAIL warehouse_tag_coverage: expect_column_mean_to_be_between(has_company): observed 1.0, expected >= 1.01"
        in log
    )
    assert "mediamon task failed: dag=media_quality task=quality_gate" in log
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        assert con.execute(
            "SELECT count(*) FROM dq_results WHERE suite LIKE 'warehouse_%' AND NOT success"
        ).fetchone() == (1,)


def test_mediamon_check_prints_each_result_and_exits_by_the_verdict(demo_warehouse: Path, tmp_path: Path):
    from tests.test_cli import assert_one_line_error, mediamon

    env = {"MEDIAMON_QUALITY_DIR": str(tmp_path / "quality")}
    ok = mediamon("check", "--warehouse", str(demo_warehouse), "--record", env=env)
    assert ok.returncode == 0, ok.stderr
    lines = ok.stdout.splitlines()
    assert sum(line.startswith("ok   warehouse_") for line in lines) == 8
    assert f"Data Docs: {(tmp_path / 'quality' / 'docs' / 'index.html').resolve()}" in lines
    assert "recorded 8 results in dq_results" in lines

    strict = mediamon(
        "check", "--warehouse", str(demo_warehouse), env={**env, "MEDIAMON_FRESHNESS_HOURS": "-1"}
    )
    assert strict.returncode == 1
    assert (
        "FAIL warehouse_feed_freshness: expect_column_values_to_be_between(hours_since_new_entry)"
        in strict.stdout
    )
    assert strict.stderr.strip() == "mediamon: run failed: 1 of 8 warehouse checks failed"

    missing = mediamon("check", "--warehouse", str(tmp_path / "nope.duckdb"), env=env)
    assert_one_line_error(missing, "warehouse not found")
