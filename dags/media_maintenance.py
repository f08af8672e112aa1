"""
### media_maintenance

Daily housekeeping for the mediamon warehouse.

- **feed_health**: lists feeds that are gone (HTTP 410), failing (3 fetches in a row),
  backing off (waiting after failures, until when) or silent (nothing new for 3 days), with
  the reason; each one is a warning in the log (the task does not fail).
- **cleanup_staging**: deletes per-run staging folders older than 2 days.
- **cleanup_quality**: deletes warehouse-check results (and their Data Docs pages) older
  than 30 days, so `data/quality` does not grow without end.
- **checkpoint**: re-creates the views and checkpoints the DuckDB file, in the one-slot
  `mediamon_duckdb` pool like every other write.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from airflow.sdk import dag, task

from pipeline.orchestration import DUCKDB_POOL, dag_default_args


@dag(
    dag_id="media_maintenance",
    schedule="@daily",
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    tags=["mediamon", "maintenance"],
    doc_md=__doc__,
    default_args=dag_default_args(retry_delay=timedelta(minutes=5)),
)
def media_maintenance() -> None:
    @task
    def feed_health() -> dict[str, Any]:
        from pipeline.orchestration import maintenance_feed_health

        return maintenance_feed_health()

    @task
    def cleanup_staging() -> dict[str, Any]:
        from pipeline.orchestration import maintenance_cleanup_staging

        return maintenance_cleanup_staging()

    @task
    def cleanup_quality() -> dict[str, Any]:
        from pipeline.orchestration import maintenance_cleanup_quality

        return maintenance_cleanup_quality()

    @task(pool=DUCKDB_POOL)
    def checkpoint() -> dict[str, Any]:
        from pipeline.orchestration import maintenance_checkpoint

        return maintenance_checkpoint()

    [feed_health(), cleanup_staging(), cleanup_quality()] >> checkpoint()


media_maintenance_dag = media_maintenance()
