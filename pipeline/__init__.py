"""mediamon: a media-monitoring pipeline for the AI industry.

Feeds -> full text -> tags -> validation -> DuckDB. The CLI (``mediamon``) and the
Airflow DAGs both call the functions listed here.
"""

from pipeline.config import Settings
from pipeline.errors import MediamonError, UserError
from pipeline.run import RunSummary, run_pipeline

__version__ = "0.1.0"

__all__ = ["MediamonError", "RunSummary", "Settings", "UserError", "__version__", "run_pipeline"]
