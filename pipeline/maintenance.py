"""Daily housekeeping: feed health, staging cleanup, checkpoint (the media_maintenance DAG)."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pipeline.config import Settings
from pipeline.warehouse import read_connection, refresh_marts, schema_version

# The kinds of problem, most serious first; a feed is listed once, under the first that applies.
PROBLEMS = ("gone", "failing", "backing off", "silent")


@dataclass(frozen=True)
class FeedProblem:
    feed_id: str
    name: str | None
    problem: str  # gone | failing | backing off | silent
    detail: str


def feed_health(
    settings: Settings, failing_runs: int = 3, silent_days: int = 3, now: datetime | None = None
) -> list[FeedProblem]:
    """Feeds that are gone (410), failed the last N fetches, are backing off, or brought no new
    entry for D days (stale), each with its reason. None is left out because it is not fetched."""
    now = now or datetime.now(UTC)
    since = now - timedelta(days=silent_days)
    with read_connection(settings.warehouse, settings.lock_timeout) as con:
        health = (
            "f.failure_score, f.last_failure_kind, f.next_fetch_at, f.gone_at"
            if schema_version(con) >= 3  # read-only: the next write upgrades an older file
            else "f.consecutive_failures, NULL, NULL, NULL"
        )
        rows = con.execute(
            f"""
            SELECT f.feed_id, f.name, f.consecutive_failures, f.last_error, f.first_seen_at,
                   max(e.first_seen_at) AS last_new_entry, {health}
            FROM feeds AS f LEFT JOIN feed_entries AS e USING (feed_id)
            GROUP BY ALL ORDER BY f.feed_id
            """
        ).fetchall()
    problems = []
    for feed_id, name, failures, last_error, first_seen, last_new, score, kind, next_at, gone_at in rows:
        if gone_at is not None:
            problems.append(
                FeedProblem(feed_id, name, "gone", f"{last_error} since {gone_at:%Y-%m-%d}: not fetched "
                            "again until its url changes in the feeds file or `mediamon run --force-all`")
            )  # fmt: skip
        elif failures >= failing_runs:
            when = f"; next fetch {next_at:%Y-%m-%d %H:%M}Z" if next_at is not None and next_at > now else ""
            problems.append(
                FeedProblem(
                    feed_id, name, "failing", f"{failures} failed fetches in a row: {last_error}{when}"
                )
            )
        elif score and next_at is not None and next_at > now:
            problems.append(
                FeedProblem(feed_id, name, "backing off", f"until {next_at:%Y-%m-%d %H:%M}Z after {failures} "
                            f"failed fetch(es), failure score {score} ({kind}): {last_error}")
            )  # fmt: skip
        elif first_seen < since and (last_new is None or last_new < since):
            seen = f"last new entry {last_new:%Y-%m-%d}" if last_new else "no entry ever"
            problems.append(
                FeedProblem(feed_id, name, "silent", f"nothing new for {silent_days} days ({seen})")
            )
    return problems


def cleanup_staging(settings: Settings, keep_days: float = 2.0) -> int:
    """Delete per-run staging folders older than ``keep_days``; returns how many went."""
    root = settings.staging_dir
    if not root.is_dir():
        return 0
    cutoff = time.time() - keep_days * 86400
    removed = 0
    for run_dir in root.iterdir():
        if run_dir.is_dir() and (run_dir / "run.json").exists() and run_dir.stat().st_mtime < cutoff:
            shutil.rmtree(run_dir)
            removed += 1
    return removed


def cleanup_quality(settings: Settings, keep_days: float = 30.0) -> int:
    """Delete warehouse-check results older than ``keep_days``.

    That is the GX validation results (``gx/uncommitted/validations/<suite>/<run>/``), their
    Data Docs pages (``docs/validations/<suite>/<run>/``) and the per-run reports
    (``results/*.json``). The Data Docs index is rebuilt from what is left at the next check.
    Returns how many results went (one per suite and run).
    """
    root = settings.quality_dir
    cutoff = time.time() - keep_days * 86400

    def old_runs(base: Path) -> list[Path]:
        if not base.is_dir():
            return []
        return [
            run
            for suite in base.iterdir()
            if suite.is_dir()
            for run in suite.iterdir()
            if run.is_dir() and run.stat().st_mtime < cutoff
        ]

    results = old_runs(root / "gx" / "uncommitted" / "validations")
    for run in results + old_runs(root / "docs" / "validations"):
        shutil.rmtree(run)
    for report in (root / "results").glob("*.json"):
        if report.stat().st_mtime < cutoff:
            report.unlink()
    return len(results)


def checkpoint(settings: Settings) -> int:
    """Re-create the views and checkpoint the DuckDB file (folds the WAL into it)."""
    return refresh_marts(Path(settings.warehouse), settings.lock_timeout)
