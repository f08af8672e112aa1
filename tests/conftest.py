"""Shared fixtures: the sample site on 127.0.0.1 and one pipeline run over it."""

from __future__ import annotations

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
