"""The "Media trends" page inside the Airflow UI (an Airflow 3 plugin).

A FastAPI app mounted on the api-server at ``/mediamon`` serves the latest trend report, a
static HTML file that the ingestion DAG rebuilds after each load. The page only reads that
file, so opening it never touches DuckDB or its writer lock. A navigation entry ("Media
trends", under Browse) shows it in the UI.

FastAPI plugin endpoints are not behind Airflow's login on their own: every route here
depends on Airflow's own authentication (the UI's session cookie or a bearer token), so an
unauthenticated request gets 401 and never sees the report.

Registered through the ``airflow.plugins`` entry point in pyproject.toml: installing mediamon
is enough, in a venv or in the Docker image.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from airflow.plugins_manager import AirflowPlugin

from pipeline.config import Settings

URL_PREFIX = "/mediamon"
REPORT_NAME = "latest.html"


def report_dir() -> Path:
    # Not Settings.from_env(): that logs every setting, on every page view.
    return Path(os.environ.get("MEDIAMON_REPORT_DIR", str(Settings.report_dir)))


def create_app() -> Any:
    from airflow.api_fastapi.core_api.security import requires_authenticated
    from fastapi import Depends, FastAPI
    from fastapi.responses import FileResponse, HTMLResponse

    app = FastAPI(title="mediamon trends", dependencies=[Depends(requires_authenticated())])

    @app.get("/", response_model=None)
    def latest_report() -> FileResponse | HTMLResponse:
        path = report_dir() / REPORT_NAME
        if not path.is_file():
            where = html.escape(str(path.resolve()))
            return HTMLResponse(
                "<!doctype html><title>Media trends</title><h1>Media trends</h1>"
                f"<p>No report yet at <code>{where}</code>. The media_ingest DAG builds it after "
                "each load (task <code>build_report</code>); <code>mediamon report</code> builds "
                "it by hand.</p>",
                status_code=404,
            )
        return FileResponse(path, media_type="text/html; charset=utf-8")

    return app


class MediamonPlugin(AirflowPlugin):
    name = "mediamon"
    # Airflow's plugin interface: class attributes holding lists.
    fastapi_apps = [  # noqa: RUF012
        {"app": create_app(), "url_prefix": URL_PREFIX, "name": "mediamon trends"}
    ]
    external_views = [  # noqa: RUF012
        {
            "name": "Media trends",
            "href": URL_PREFIX.lstrip("/") + "/",  # relative: works behind a path prefix too
            "url_route": "media-trends",
            "destination": "nav",
            "category": "browse",
        }
    ]
