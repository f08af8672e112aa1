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


def _run(run_dir: str) -> Any:
    from pipeline.stages import RunDir

    return RunDir(Path(run_dir))


def ingest_fetch_feeds(run_key: str) -> dict[str, Any]:
    from pipeline.stages import begin_run, fetch_feeds_stage

    settings = Settings.from_env()
    run = begin_run(settings, settings.staging_dir, run_id=run_key)
    counts = fetch_feeds_stage(settings, run)
    log.info(
        "feeds: %(feeds)d fetched, %(feeds_failed)d failed; entries: %(entries)d, %(entries_new)d new",
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


def maintenance_feed_health() -> dict[str, Any]:
    """List failing and silent feeds; warn about each (the task itself does not fail)."""
    from pipeline.maintenance import feed_health

    problems = feed_health(Settings.from_env())
    for p in problems:
        log.warning("feed %s (%s) is %s: %s", p.feed_id, p.name or "unnamed", p.problem, p.detail)
    log.info("feed health: %d feeds need attention", len(problems))
    return {"failing": [p.feed_id for p in problems if p.problem == "failing"],
            "silent": [p.feed_id for p in problems if p.problem == "silent"]}  # fmt: skip


def maintenance_cleanup_staging() -> dict[str, Any]:
    from pipeline.maintenance import cleanup_staging

    removed = cleanup_staging(Settings.from_env())
    log.info("staging cleanup: %d old run folders removed", removed)
    return {"removed": removed}


def maintenance_checkpoint() -> dict[str, Any]:
    from pipeline.maintenance import checkpoint

    version = checkpoint(Settings.from_env())
    log.info("warehouse checkpointed (schema version %d)", version)
    return {"schema_version": version}


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
