"""Shared fixtures: the sample site on 127.0.0.1 and one pipeline run over it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from pipeline.config import DEMO_SITE_DIR, Settings
from pipeline.run import RunSummary, run_pipeline
from pipeline.sample_site import demo_feeds_file, serve_sample_site


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    with serve_sample_site() as base_url:
        yield base_url


@pytest.fixture(scope="session")
def manifest() -> list[dict]:
    """Gold facts about every sample-site entry (written with the site)."""
    items: list[dict] = []
    for name in ("manifest-en.yaml", "manifest-fr.yaml"):
        items += yaml.safe_load((DEMO_SITE_DIR / name).read_text(encoding="utf-8"))
    return items


def make_settings(warehouse: Path, **overrides: object) -> Settings:
    return Settings(warehouse=warehouse, show_progress=False, lock_timeout=5.0).replace(**overrides)


@dataclass
class DemoRun:
    settings: Settings
    feeds_file: Path
    summary: RunSummary


@pytest.fixture(scope="session")
def demo_run(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """The pipeline run once over the whole sample site into a fresh warehouse."""
    tmp = tmp_path_factory.mktemp("demo")
    feeds = demo_feeds_file(site_url, tmp / "feeds.yaml")
    settings = make_settings(tmp / "warehouse.duckdb")
    return DemoRun(settings, feeds, run_pipeline(settings, feeds_file=feeds))


@pytest.fixture
def demo_warehouse(demo_run: DemoRun, tmp_path: Path) -> Path:
    """A copy of the demo warehouse that the test may change."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(demo_run.settings.warehouse, copy)
    return copy


# Airflow runs in subprocesses with their own AIRFLOW_HOME (SQLite metadata database), so its
# import-time warnings stay out of the pytest process and nothing touches a real deployment.
ROOT = Path(__file__).resolve().parent.parent
DAGS = ROOT / "dags"


def airflow_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "MEDIAMON"))}
    env.update(
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__CORE__DAGS_FOLDER=str(DAGS),
        AIRFLOW__CORE__UNIT_TEST_MODE="False",
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


def python(code: str, env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def airflow_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite metadata database with the project's pool."""
    home = tmp_path_factory.mktemp("airflow")
    env = airflow_env(home)
    airflow = str(Path(sys.executable).parent / "airflow")
    for cmd in (
        [airflow, "db", "migrate"],
        [airflow, "pools", "set", "mediamon_duckdb", "1", "DuckDB: one writer"],
    ):
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return home
