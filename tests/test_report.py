"""`mediamon report`: a self-contained HTML page, checked in a real headless Chromium."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import duckdb
import pytest

from pipeline.report import build_report
from pipeline.warehouse import write_connection
from tests import browser
from tests.conftest import make_settings
from tests.test_cli import assert_one_line_error, mediamon

pytestmark = pytest.mark.slow


def test_report_is_self_contained_and_says_what_the_marts_say(demo_warehouse: Path, tmp_path: Path):
    path = build_report(make_settings(demo_warehouse, report_dir=tmp_path / "reports"))
    assert path == tmp_path / "reports" / "latest.html"
    page = path.read_text(encoding="utf-8")
    # Nothing fetched from elsewhere: no external script, style sheet, image or font. (The
    # inlined scripts' own text is left out: the chart library's code holds tag templates.)
    scripts = re.findall(r"<script\b([^>]*)>", page)
    assert scripts == [' type="application/json" id="mediamon-specs"', ' type="module"']
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", page, flags=re.DOTALL)
    assert re.findall(r"<(?:link|img|iframe|object|embed)\b", markup) == []
    assert "@import" not in markup and "url(" not in markup
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        end = con.execute("SELECT max(day) FROM stg_stories").fetchone()[0]
        stories, sources = con.execute(
            "SELECT count(*), count(DISTINCT source) FROM stg_stories WHERE day > ? - INTERVAL 30 DAY", [end]
        ).fetchone()
        # The most covered company's best story of the window.
        top_title = con.execute(
            """
            WITH top AS (
                SELECT company_id FROM mart_company_daily WHERE day > $end - INTERVAL 30 DAY
                GROUP BY company_id ORDER BY sum(articles) DESC, company_id LIMIT 1
            )
            SELECT title FROM mart_top_stories JOIN top USING (company_id)
            WHERE period = 'day' AND period_start > $end - INTERVAL 30 DAY
            ORDER BY salience DESC, sources DESC, published_at LIMIT 1
            """,
            {"end": end},
        ).fetchone()[0]
    assert f"{stories:,} AI-relevant stories" in page and f"from {sources:,} source" in page
    assert html.escape(top_title) in page
    for chart in browser.REPORT_CHARTS:
        assert f'id="{chart}"' in page


def test_report_renders_in_chromium_with_no_console_errors(demo_warehouse: Path, tmp_path: Path):
    no_browser = browser.missing_browser()
    if no_browser:
        if os.environ.get("MEDIAMON_REQUIRE_BROWSER") == "1":
            pytest.fail(f"MEDIAMON_REQUIRE_BROWSER=1 but {no_browser}")
        pytest.skip(no_browser)
    path = build_report(make_settings(demo_warehouse, report_dir=tmp_path / "reports"))
    with browser.headless_chromium() as driver:
        driver.get(path.as_uri())
        page = browser.read_report(driver, screenshot=browser.artifacts_dir() / "mediamon-report.png")
    assert page.console_errors == []
    assert page.title == "mediamon: AI industry trends"
    assert page.headings[:4] == [
        "Mentions over time",
        "Share of voice",
        "Topics per week",
        "Companies named together",
    ]
    # Every chart drew marks: lines and points, bars, heat-map cells.
    assert all(n > 0 for n in page.marks.values()), page.marks


def test_an_empty_warehouse_gives_a_page_that_says_so(tmp_path: Path):
    warehouse = tmp_path / "empty.duckdb"
    with write_connection(warehouse):
        pass
    page = build_report(make_settings(warehouse, report_dir=tmp_path)).read_text(encoding="utf-8")
    assert "The warehouse holds no AI-relevant stories yet." in page
    assert 'class="chart"' not in page


def test_mediamon_report_command(demo_warehouse: Path, tmp_path: Path):
    out = tmp_path / "r.html"
    proc = mediamon("report", "--warehouse", str(demo_warehouse), "--out", str(out), "--days", "7")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"report: {out.resolve()}"
    assert "AI industry trends" in out.read_text(encoding="utf-8")
    assert_one_line_error(
        mediamon("report", "--warehouse", str(tmp_path / "nope.duckdb")), "warehouse not found"
    )


def test_only_web_links_become_links():
    import pandas as pd

    from pipeline.report import _table

    stories = pd.DataFrame(
        {
            "title": ["Safe story", "Hostile story <b>"],
            "url": ["https://news.example/a?x=1&y=2", "javascript:alert(1)"],
        }
    )
    page = _table(stories, link=("title", "url"))
    assert '<a href="https://news.example/a?x=1&amp;y=2">Safe story</a>' in page
    assert "javascript:" not in page and "Hostile story &lt;b&gt;" in page
