"""mediamon: a media-monitoring pipeline for the AI industry.

Feeds -> full text -> tags -> validation -> DuckDB. The CLI (``mediamon``) and the
Airflow DAGs both call the functions listed here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.config import Settings
from pipeline.errors import MediamonError, UserError

if TYPE_CHECKING:
    from pipeline.run import RunSummary, run_pipeline

__version__ = "0.1.0"

__all__ = ["MediamonError", "RunSummary", "Settings", "UserError", "__version__", "run_pipeline"]


def __getattr__(name: str) -> Any:
    # The pipeline pulls in pandas, trafilatura and DuckDB: import it on first use only, so
    # `mediamon --help` and DAG parsing stay fast.
    if name in ("RunSummary", "run_pipeline"):
        from pipeline import run

        return getattr(run, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
