"""What the Airflow tasks call: one function per task, logging what happened in numbers.

Each returns a small dict for XCom (the staging folder and counts), never data.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

from pipeline.config import Settings

log = logging.getLogger("mediamon")

# One slot: DuckDB allows one writer process per file. Every task that writes uses it.
DUCKDB_POOL = "mediamon_duckdb"


def _run(run_dir: str) -> Any:
    from pipeline.stages import RunDir

    return RunDir(Path(run_dir))


def ingest_fetch_feeds(run_key: str) -> dict[str, Any]:
    from pipeline.stages import begin_run, fetch_feeds_stage

    settings = Settings.from_env()
    run = begin_run(settings, settings.staging_dir, run_id=run_key)
    counts = fetch_feeds_stage(settings, run)
    log.info(
        "feeds: %(feeds)d in the file: %(feeds_fetched)d fetched, %(feeds_not_modified)d not modified, "
        "%(feeds_skipped)d skipped (backing off), %(feeds_failed)d failed, %(feeds_gone)d gone; "
        "entries: %(entries)d, %(entries_new)d new",
        counts,
    )
    return {"run_dir": str(run.path), **counts}


def ingest_fetch_articles(staged: dict[str, Any]) -> dict[str, Any]:
    from pipeline.stages import fetch_articles_stage

    counts = fetch_articles_stage(Settings.from_env(), _run(staged["run_dir"]))
    log.info(
        "pages: %(pages_fetched)d fetched, %(pages_failed)d failed; articles: %(extracted_ok)d "
        "extracted, %(extracted_fallback)d kept with the feed summary",
        counts,
    )
    return {"run_dir": staged["run_dir"], **counts}


def ingest_tag(staged: dict[str, Any]) -> dict[str, Any]:
    from pipeline.stages import tag_stage

    counts = tag_stage(Settings.from_env(), _run(staged["run_dir"]))
    log.info("tagged %(articles)d articles: %(company_tags)d company tags, %(topic_tags)d topic tags", counts)
    return {"run_dir": staged["run_dir"], **counts}


def ingest_validate(staged: dict[str, Any]) -> dict[str, Any]:
    from pipeline.stages import validate_stage

    run = _run(staged["run_dir"])
    counts = validate_stage(Settings.from_env(), run)
    log.info(
        "validation: %(quarantined)d rows to quarantine, %(batch_failures)d batch-level failures", counts
    )
    reasons = run.summary().quarantine_reasons
    for reason, n in sorted(reasons.items(), key=lambda kv: -kv[1])[:10]:
        log.info("  quarantine reason: %d × %s", n, reason)
    for failure in run.read_json("verdict")["batch_failures"]:
        log.error("failed expectation: %s", failure)
    return {"run_dir": staged["run_dir"], **counts}


def ingest_load(staged: dict[str, Any]) -> dict[str, Any]:
    """Load the run; a failed batch-level check raises RunFailedError (retrying cannot help)."""
    from pipeline.stages import load_stage

    settings = Settings.from_env()
    summary = load_stage(settings, _run(staged["run_dir"]))
    counts = {
        "warehouse": str(settings.warehouse.resolve()),
        "run_id": summary.run_id,
        "loaded": summary.loaded,
        "quarantined": summary.quarantined,
        "duplicates_skipped": summary.duplicates_skipped,
        "entries_new": summary.entries_new,
        "feeds_failed": summary.feeds_failed,
    }
    log.info(
        "loaded %(loaded)d articles, %(quarantined)d quarantined, %(duplicates_skipped)d duplicates skipped",
        counts,
    )
    return counts


def ingest_refresh_marts() -> dict[str, Any]:
    from pipeline.warehouse import refresh_marts

    settings = Settings.from_env()
    version = refresh_marts(settings.warehouse, settings.lock_timeout)
    log.info("views refreshed on schema version %d", version)
    return {"schema_version": version}


def ingest_build_report() -> dict[str, Any]:
    """Rebuild the trend report the "Media trends" page serves (reads the warehouse only)."""
    from pipeline.report import build_report

    path = build_report(Settings.from_env())
    log.info("trend report written: %s (%d bytes)", path, path.stat().st_size)
    return {"report": str(path)}


def maintenance_feed_health() -> dict[str, Any]:
    """List gone, failing, backing-off and silent feeds; warn about each (the task does not fail)."""
    from pipeline.maintenance import PROBLEMS, feed_health

    problems = feed_health(Settings.from_env())
    for p in problems:
        log.warning("feed %s (%s) is %s: %s", p.feed_id, p.name or "unnamed", p.problem, p.detail)
    log.info("feed health: %d feeds need attention", len(problems))
    return {kind.replace(" ", "_"): [p.feed_id for p in problems if p.problem == kind] for kind in PROBLEMS}


def maintenance_cleanup_staging() -> dict[str, Any]:
    from pipeline.maintenance import cleanup_staging

    removed = cleanup_staging(Settings.from_env())
    log.info("staging cleanup: %d old run folders removed", removed)
    return {"removed": removed}


def maintenance_cleanup_quality() -> dict[str, Any]:
    from pipeline.maintenance import cleanup_quality

    removed = cleanup_quality(Settings.from_env())
    log.info("quality cleanup: %d warehouse-check results older than 30 days removed", removed)
    return {"removed": removed}


def maintenance_checkpoint() -> dict[str, Any]:
    from pipeline.maintenance import checkpoint

    version = checkpoint(Settings.from_env())
    log.info("warehouse checkpointed (schema version %d)", version)
    return {"schema_version": version}


def quality_check_warehouse(run_key: str) -> dict[str, Any]:
    """Run the warehouse-level GX checks and build Data Docs; a failed check does not raise here."""
    from pipeline.quality import collect, report_path, run_checks, summary_lines

    settings = Settings.from_env()
    report = run_checks(settings, run_key, collect(settings))
    for line in summary_lines(report):
        (log.info if line.startswith("ok") else log.error)("%s", line)
    path = report_path(settings, run_key)
    log.info(
        "warehouse checks: %d of %d passed; Data Docs: %s",
        len(report.results) - len(report.failures),
        len(report.results),
        report.docs_index,
    )
    return {"report": str(path), "checks": len(report.results), "failed": len(report.failures)}


def quality_record(checked: dict[str, Any]) -> dict[str, Any]:
    from pipeline.quality import QualityReport, record

    settings = Settings.from_env()
    report = QualityReport.from_json(Path(checked["report"]).read_text(encoding="utf-8"))
    rows = record(settings, report)
    log.info("dq_results: %d rows for run %s", rows, report.run_id)
    return {"report": checked["report"], "recorded": rows}


def quality_failures(checked: dict[str, Any]) -> list[str]:
    """The failed checks of a report, one line each (empty when the warehouse passed)."""
    from pipeline.quality import QualityReport, summary_lines

    report = QualityReport.from_json(Path(checked["report"]).read_text(encoding="utf-8"))
    return [line for line in summary_lines(report) if not line.startswith("ok")]


def warehouse_asset() -> Any:
    """The Airflow asset for the warehouse: media_ingest's load updates it, media_quality follows."""
    from airflow.sdk import Asset

    # A logical name: the file's path is in each event's extra, so downstream DAGs schedule on it
    # wherever MEDIAMON_WAREHOUSE points.
    return Asset(name="mediamon_warehouse", uri="mediamon://warehouse")


def dag_default_args(retry_delay: timedelta) -> dict[str, Any]:
    """What every mediamon task shares: owner, retries with backoff, the failure summary line.

    Imported by DAG files at parse time, so this module stays light (no pipeline stages).
    """
    return {
        "owner": "mediamon",
        "retries": 2,
        "retry_delay": retry_delay,
        "retry_exponential_backoff": True,
        "on_failure_callback": log_failure,
    }


def log_failure(context: dict[str, Any]) -> None:
    """Failure callback: one clear line naming the DAG, task, run and error."""
    ti = context.get("task_instance") or context.get("ti")
    log.error(
        "mediamon task failed: dag=%s task=%s run=%s try=%s error=%s",
        getattr(ti, "dag_id", "?"),
        getattr(ti, "task_id", "?"),
        context.get("run_id"),
        getattr(ti, "try_number", "?"),
        context.get("exception"),
    )
