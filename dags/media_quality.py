"""
### media_quality

Warehouse-level data quality with Great Expectations, run after every load: scheduled on the
`mediamon_warehouse` asset that `media_ingest`'s load task updates.

- **check_warehouse**: reads the last `MEDIAMON_QUALITY_WINDOW_DAYS` (7) days and checks
  freshness per feed (a new entry within `MEDIAMON_FRESHNESS_HOURS`), the share of same-text
  duplicates, the share of quarantined rows and tag coverage of AI-relevant articles. Every
  result is logged as one line and kept; the Great Expectations Data Docs are rebuilt at
  `MEDIAMON_QUALITY_DIR/docs/index.html` (default `data/quality/docs/index.html`).
- **record_results**: writes the results to the warehouse's `dq_results` table (suites
  `warehouse_*`), in the one-slot `mediamon_duckdb` pool.
- **quality_gate**: fails the run when any check failed, naming each failed expectation with
  what was observed and what was expected (and the stale feeds, where that is the check).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from airflow.sdk import dag, task

from pipeline.orchestration import DUCKDB_POOL, dag_default_args, warehouse_asset


@dag(
    dag_id="media_quality",
    schedule=[warehouse_asset()],
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    tags=["mediamon", "quality"],
    doc_md=__doc__,
    default_args=dag_default_args(retry_delay=timedelta(minutes=1)),
)
def media_quality() -> None:
    @task
    def check_warehouse(*, run_id: str | None = None) -> dict[str, Any]:
        from pipeline.orchestration import quality_check_warehouse

        return quality_check_warehouse(run_id or "manual")

    @task(pool=DUCKDB_POOL)
    def record_results(checked: dict[str, Any]) -> dict[str, Any]:
        from pipeline.orchestration import quality_record

        return quality_record(checked)

    @task  # AirflowFailException: a failed check is not retried
    def quality_gate(recorded: dict[str, Any]) -> dict[str, Any]:
        from airflow.sdk.exceptions import AirflowFailException

        from pipeline.orchestration import quality_failures

        failures = quality_failures(recorded)
        if failures:
            raise AirflowFailException(f"{len(failures)} warehouse check(s) failed:\n" + "\n".join(failures))
        return {"failed": 0}

    quality_gate(record_results(check_warehouse()))


media_quality_dag = media_quality()
