"""
### media_ingest

Fetches the configured feeds, downloads and extracts new articles, tags them, validates the
batch with Great Expectations and loads it into the DuckDB warehouse.

- **Schedule**: every 30 minutes (`MEDIAMON_INGEST_SCHEDULE`: cron, or `none` for manual
  triggers only), no catchup, one run at a time.
- **Data between tasks**: Parquet staged per run under `MEDIAMON_STAGING/<run_id>/`; XCom
  carries only that folder and counts.
- **Writes**: the load and refresh tasks use the `mediamon_duckdb` pool (one slot): DuckDB
  allows one writer process per file.
- **Failures**: a failing feed or page is logged and recorded, the run goes on. A failed
  batch-level expectation fails the load task, with the expectations named in its log, and
  is not retried. The load emits an event on the warehouse asset with the run's counts.
- **Report**: `build_report` rebuilds the trend report (`MEDIAMON_REPORT_DIR/latest.html`)
  that the "Media trends" page of this UI shows. It only reads the warehouse.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from typing import Any

from airflow.sdk import dag, task

from pipeline.orchestration import DUCKDB_POOL, dag_default_args, warehouse_asset

# Parse-time work stays trivial: environment lookups and pipeline.orchestration (light; the
# stages are imported inside the tasks).
WAREHOUSE = warehouse_asset()


def _schedule() -> str | None:
    # A cron expression; "none" leaves the DAG to manual and API triggers.
    value = os.environ.get("MEDIAMON_INGEST_SCHEDULE", "*/30 * * * *").strip()
    return None if value.lower() in ("", "none") else value


@dag(
    dag_id="media_ingest",
    schedule=_schedule(),
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    tags=["mediamon", "ingestion"],
    doc_md=__doc__,
    default_args=dag_default_args(retry_delay=timedelta(minutes=1)),
)
def media_ingest() -> None:
    @task
    def fetch_feeds(*, run_id: str | None = None) -> dict[str, Any]:
        from pipeline.orchestration import ingest_fetch_feeds

        return ingest_fetch_feeds(run_id or "manual")

    @task
    def fetch_articles(staged: dict[str, Any]) -> dict[str, Any]:
        from pipeline.orchestration import ingest_fetch_articles

        return ingest_fetch_articles(staged)

    @task
    def tag(staged: dict[str, Any]) -> dict[str, Any]:
        from pipeline.orchestration import ingest_tag

        return ingest_tag(staged)

    @task
    def validate(staged: dict[str, Any]) -> dict[str, Any]:
        from pipeline.orchestration import ingest_validate

        return ingest_validate(staged)

    @task(pool=DUCKDB_POOL, outlets=[WAREHOUSE])
    def load(staged: dict[str, Any], *, outlet_events: Any = None) -> dict[str, Any]:
        from airflow.sdk.exceptions import AirflowFailException

        from pipeline.errors import RunFailedError
        from pipeline.orchestration import ingest_load

        try:
            counts = ingest_load(staged)
        except RunFailedError as exc:
            raise AirflowFailException(str(exc)) from exc  # retrying cannot fix the data
        outlet_events[WAREHOUSE].extra = counts
        return counts

    @task(pool=DUCKDB_POOL)
    def refresh_marts(loaded: dict[str, Any]) -> dict[str, Any]:
        from pipeline.orchestration import ingest_refresh_marts

        return ingest_refresh_marts()

    @task
    def build_report(refreshed: dict[str, Any]) -> dict[str, Any]:
        from pipeline.orchestration import ingest_build_report

        return ingest_build_report()

    build_report(refresh_marts(load(validate(tag(fetch_articles(fetch_feeds()))))))


media_ingest_dag = media_ingest()
