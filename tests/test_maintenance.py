"""Daily housekeeping over a real warehouse: feed health and staging cleanup."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pipeline.maintenance import checkpoint, cleanup_staging, feed_health
from tests.conftest import DemoRun

pytestmark = pytest.mark.slow


@pytest.fixture
def settings(demo_run: DemoRun, demo_warehouse: Path, tmp_path: Path):
    return demo_run.settings.replace(warehouse=demo_warehouse, staging_dir=tmp_path / "staging")


def test_failing_and_silent_feeds_are_listed_with_their_reason(settings):
    now = datetime.now(UTC)
    failing = {p.feed_id: p for p in feed_health(settings, failing_runs=1, now=now)}
    assert set(failing) == {"discontinued"}
    assert failing["discontinued"].problem == "failing" and "HTTP 404" in failing["discontinued"].detail
    # One failure is not yet a pattern, but the feed waits before its next fetch.
    assert [(p.feed_id, p.problem) for p in feed_health(settings, now=now)] == [
        ("discontinued", "backing off")
    ]
    later = {p.feed_id: p.problem for p in feed_health(settings, now=now + timedelta(days=4))}
    assert later["techwire"] == "silent" and later["discontinued"] == "silent"


def test_old_staging_folders_go_and_others_stay(settings):
    root = settings.staging_dir
    old, fresh, foreign = root / "old-run", root / "fresh-run", root / "not-a-run"
    for d in (old, fresh, foreign):
        d.mkdir(parents=True)
    (old / "run.json").write_text("{}")
    (fresh / "run.json").write_text("{}")
    three_days_ago = time.time() - 3 * 86400
    os.utime(old, (three_days_ago, three_days_ago))
    os.utime(foreign, (three_days_ago, three_days_ago))
    assert cleanup_staging(settings) == 1
    assert not old.exists() and fresh.exists() and foreign.exists()


def test_checkpoint_keeps_the_schema(settings):
    assert checkpoint(settings) >= 2


def test_old_warehouse_check_results_go_and_the_data_docs_forget_them(settings, tmp_path: Path):
    from pipeline import quality
    from pipeline.maintenance import cleanup_quality

    settings = settings.replace(quality_dir=tmp_path / "quality")
    frames = quality.collect(settings)
    quality.run_checks(settings, "quality-old", frames)  # also keeps results/quality-old.json
    forty_days_ago = time.time() - 40 * 86400
    old = [p for p in settings.quality_dir.rglob("quality-old*")]
    assert len(old) == 9  # 4 suites x (GX result + Data Docs page) + the run's report
    for p in old:
        os.utime(p, (forty_days_ago, forty_days_ago))
    report = quality.run_checks(settings, "quality-new", frames)

    assert cleanup_quality(settings) == 4
    assert list(settings.quality_dir.rglob("quality-old*")) == []
    assert len(list(settings.quality_dir.rglob("quality-new"))) == 8
    quality.run_checks(settings, "quality-newer", frames)
    index = report.docs_index.read_text(encoding="utf-8")
    assert "quality-new" in index and "quality-old" not in index
