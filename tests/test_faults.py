"""Fault injection: one real ``mediamon run`` over every fault of tests/fault_server.py at once.

Each fault is served as a feed and, where it makes sense, as an article page linked from a
feed; healthy feeds run beside them. The run must complete, load every good article, record
every failure with its reason in the warehouse, update feed health, and stay within a memory
bound while a 50 MB body and a gzip bomb are served. A second run shows the health at work.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from pipeline.config import Settings
from pipeline.net import ROBOTS_DISALLOWED
from tests.fault_server import (
    ACCENTED_TITLE,
    DATED_PAGE,
    FAULTS,
    HTML,
    SUMMARY,
    Fault,
    FaultServer,
    good_pages,
    item,
    redirect,
    rss,
    send,
    serve,
)

pytestmark = pytest.mark.slow

HEALTHY_ARTICLES = 20
PEAK_RSS_LIMIT_MB = 600
# Small timeouts so the stalled and dripping servers cost seconds, not minutes.
ENV = {
    "MEDIAMON_CONNECT_TIMEOUT": "2",
    "MEDIAMON_READ_TIMEOUT": "1",
    "MEDIAMON_REQUEST_TIMEOUT": "4",
    "MEDIAMON_PER_HOST_CONCURRENCY": "4",
}
PAGE_FAULTS = [f for f in FAULTS if f.page is not None]
NO_SUMMARY_PAGE = "500"  # its entry has no summary either: nothing to fall back on -> quarantine
NOT_ALLOWED = ["http://127.0.0.1:9/not-allowed.html", "http://10.1.2.3/private-net.html"]

# Runs `mediamon run` as its only child and reports that child's peak RSS (ru_maxrss, KiB on Linux).
MEASURE = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.call(sys.argv[2:])\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(rc)\n"
)


@dataclass
class FaultRun:
    site: FaultServer
    other: FaultServer
    warehouse: Path
    feeds_file: Path
    procs: list[subprocess.CompletedProcess]
    peak_rss_mb: float

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        con = duckdb.connect(str(self.warehouse), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def _row(self, sql: str, param: str) -> dict[str, Any] | None:
        con = duckdb.connect(str(self.warehouse), read_only=True)
        try:
            cur = con.execute(sql, [param])
            names = [d[0] for d in cur.description]
            row = cur.fetchone()
        finally:
            con.close()
        return dict(zip(names, row, strict=True)) if row else None

    def feed(self, feed_id: str) -> dict[str, Any]:
        row = self._row("SELECT * FROM feeds WHERE feed_id = ?", feed_id)
        assert row is not None, f"feed {feed_id} not recorded"
        return row

    def article(self, url: str) -> dict[str, Any] | None:
        return self._row("SELECT * FROM articles WHERE url = ?", url)


def _routes(site: FaultServer, other: FaultServer) -> dict[str, Any]:
    routes: dict[str, Any] = {
        "/robots.txt": send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain"),
        "/loop/feed/b": redirect(site.url("/feed/loop")),
        "/loop/page/b": redirect(site.url("/page/loop")),
        "/dates/dated.html": send(200, DATED_PAGE.encode(), HTML),
    }
    for fault in FAULTS:
        routes[f"/feed/{fault.name}"] = fault.feed(site)
        if fault.page is not None:
            routes[f"/page/{fault.name}"] = fault.page(site)
    healthy = [
        item(f"Healthy {k}", site.url(f"/good/healthy-{k}.html"), f"h{k}") for k in range(HEALTHY_ARTICLES)
    ]
    routes["/feed/healthy"] = send(200, rss(healthy, "Healthy").encode())
    pages = [
        item(f"Page fault {f.name}", site.url(f"/page/{f.name}"), f"p-{f.name}",
             summary="" if f.name == NO_SUMMARY_PAGE else SUMMARY)
        for f in PAGE_FAULTS
    ] + [item("Private", site.url("/private/secret.html"), "p-private")]  # fmt: skip
    routes["/feed/pages"] = send(200, rss(pages, "Pages").encode())
    elsewhere = [item("Elsewhere", other.url("/good/elsewhere-0.html"), "e0")] + [
        item(f"Not allowed {k}", url, f"na{k}") for k, url in enumerate(NOT_ALLOWED)
    ]
    routes["/feed/elsewhere"] = send(200, rss(elsewhere, "Elsewhere").encode())
    return routes


def _mediamon_run(run: FaultRun, rss_file: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIAMON_")} | ENV
    cmd = [
        sys.executable, "-m", "pipeline.cli", "run", "--feeds", str(run.feeds_file),
        "--warehouse", str(run.warehouse), "--allow-host", run.site.host, "--allow-host", run.other.host,
        "--no-progress", "--no-trends",
    ]  # fmt: skip
    return subprocess.run(
        [sys.executable, "-c", MEASURE, str(rss_file), *cmd],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def fault_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultRun]:
    tmp = tmp_path_factory.mktemp("faults")
    with serve(fallback=good_pages) as site, serve(fallback=good_pages) as other:
        site.routes.update(_routes(site, other))
        feed_ids = ["healthy", "pages", "elsewhere"] + [f"fault-{f.name}" for f in FAULTS]
        paths = ["/feed/healthy", "/feed/pages", "/feed/elsewhere"] + [f"/feed/{f.name}" for f in FAULTS]
        feeds_file = tmp / "feeds.yaml"
        feeds_file.write_text(
            yaml.safe_dump(
                {"feeds": [{"id": i, "url": site.url(p)} for i, p in zip(feed_ids, paths, strict=True)]}
            ),
            encoding="utf-8",
        )
        run = FaultRun(site, other, tmp / "warehouse.duckdb", feeds_file, [], 0.0)
        run.procs.append(_mediamon_run(run, tmp / "rss1"))
        run.peak_rss_mb = int((tmp / "rss1").read_text()) / 1024
        run.procs.append(_mediamon_run(run, tmp / "rss2"))
        yield run


def test_the_run_completes(fault_run: FaultRun):
    first = fault_run.procs[0]
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    [(status, error)] = fault_run.query("SELECT status, error FROM runs ORDER BY started_at LIMIT 1")
    assert (status, error) == ("success", None)


def test_every_good_article_is_loaded(fault_run: FaultRun):
    healthy = fault_run.query(
        "SELECT count(*) FROM articles WHERE feed_id = 'healthy' AND extraction_status = 'ok'"
    )[0][0]
    assert healthy == HEALTHY_ARTICLES
    # Every good page any feed linked to (healthy, recovered from faulty feeds, on the other
    # allowed host) is an extracted article, once.
    good_urls = {url for (url,) in fault_run.query("SELECT url FROM feed_entries") if "/good/" in url}
    assert len(good_urls) > HEALTHY_ARTICLES
    loaded = dict(fault_run.query("SELECT url, extraction_status FROM articles"))
    assert {u: loaded.get(u) for u in good_urls} == dict.fromkeys(good_urls, "ok")
    assert fault_run.other.hits["/good/elsewhere-0.html"] == 1


@pytest.mark.parametrize("fault", [f for f in FAULTS if f.feed_error], ids=lambda f: f.name)
def test_failing_feed_is_recorded_with_its_reason_and_backs_off(fault_run: FaultRun, fault: Fault):
    feed = fault_run.feed(f"fault-{fault.name}")
    assert feed["last_status"] == "error"
    assert fault.feed_error in (feed["last_error"] or ""), feed["last_error"]
    assert feed["failure_score"] >= 1 and feed["consecutive_failures"] == 1
    assert feed["last_failure_kind"] in ("hard", "soft")
    if fault.gone:
        assert (
            feed["last_outcome"] == "gone" and feed["gone_at"] is not None and feed["next_fetch_at"] is None
        )
    else:
        assert feed["last_outcome"] == "failed" and feed["next_fetch_at"] > feed["last_fetched_at"]
    [(state, reason)] = fault_run.query(
        "SELECT state, reason FROM feed_status WHERE feed_id = ?", [f"fault-{fault.name}"]
    )
    assert state == ("gone" if fault.gone else "backing off") and fault.feed_error in reason


def test_retry_after_sets_the_next_fetch(fault_run: FaultRun):
    settings = Settings()
    f429 = fault_run.feed("fault-429")
    assert f429["next_fetch_at"] - f429["last_fetched_at"] >= timedelta(seconds=7200)
    # An HTTP-date decades away is capped at the longest backoff.
    f503 = fault_run.feed("fault-503")
    assert f503["next_fetch_at"] - f503["last_fetched_at"] == timedelta(hours=settings.feed_backoff_max_hours)


@pytest.mark.parametrize("fault", [f for f in FAULTS if not f.feed_error], ids=lambda f: f.name)
def test_feed_that_still_parses_loads_with_its_warning(fault_run: FaultRun, fault: Fault):
    feed = fault_run.feed(f"fault-{fault.name}")
    assert feed["last_status"] in ("ok", "warning") and feed["failure_score"] == 0
    if fault.feed_warning:
        assert feed["last_status"] == "warning" and fault.feed_warning in feed["last_error"]
    entries = fault_run.query("SELECT count(*) FROM feed_entries WHERE feed_id = ?", [f"fault-{fault.name}"])
    assert entries[0][0] >= 1


@pytest.mark.parametrize("fault", [f for f in PAGE_FAULTS if f.page_error], ids=lambda f: f.name)
def test_failing_page_is_recorded_with_its_reason(fault_run: FaultRun, fault: Fault):
    url = fault_run.site.url(f"/page/{fault.name}")
    article = fault_run.article(url)
    if fault.name == NO_SUMMARY_PAGE:
        # No page and no summary: quarantined, with the reason, never silently dropped.
        assert article is None
        [(reasons, record)] = fault_run.query("SELECT reasons, record FROM quarantine WHERE url = ?", [url])
        assert any("text" in r for r in reasons)
        assert fault.page_error in record
        return
    assert article is not None
    assert article["extraction_status"] == "fallback_summary"
    assert fault.page_error in article["extraction_error"], article["extraction_error"]
    assert article["text"] == article["summary"]


@pytest.mark.parametrize("fault", [f for f in PAGE_FAULTS if not f.page_error], ids=lambda f: f.name)
def test_page_with_a_wrong_charset_or_bad_bytes_extracts(fault_run: FaultRun, fault: Fault):
    article = fault_run.article(fault_run.site.url(f"/page/{fault.name}"))
    assert article is not None and article["extraction_status"] == "ok"
    assert "Ã" not in article["text"] and "\ufffd" not in (article["title"] or "")
    if "charset" in fault.what or "declared" in fault.what:
        assert "sécurité" in article["text"] and "Genève" in article["text"]


def test_feed_titles_with_a_wrong_charset_are_readable(fault_run: FaultRun):
    titles = dict(
        fault_run.query(
            "SELECT feed_id, title FROM feed_entries WHERE feed_id IN ('fault-latin1-as-utf8', 'fault-utf8-as-latin1')"
        )
    )
    assert titles == {"fault-latin1-as-utf8": ACCENTED_TITLE, "fault-utf8-as-latin1": ACCENTED_TITLE}
    [(title,)] = fault_run.query("SELECT title FROM feed_entries WHERE feed_id = 'fault-invalid-bytes'")
    assert title.startswith("Broken") and title.endswith("bytes")


def test_duplicate_guids_and_missing_links(fault_run: FaultRun):
    dup = fault_run.query("SELECT guid, url FROM feed_entries WHERE feed_id = 'fault-dup-guids' ORDER BY url")
    assert [u.rsplit("/", 1)[1] for _, u in dup] == ["dup-a.html", "dup-b.html"]
    assert "1 entries repeated" in fault_run.feed("fault-dup-guids")["last_error"]
    guids = [
        g for (g,) in fault_run.query("SELECT guid FROM feed_entries WHERE feed_id = 'fault-no-links-dates'")
    ]
    assert guids == ["nd1"]
    assert "1 entries without a link" in fault_run.feed("fault-no-links-dates")["last_error"]


def test_absurd_dates_are_rejected_and_the_rejection_kept(fault_run: FaultRun):
    # No plausible date at all: quarantined, the reason names the date, the record keeps it.
    for name, year in (("future", 2099), ("epoch", 1970)):
        url = fault_run.site.url(f"/dates/{name}.html")
        assert fault_run.article(url) is None
        [(reasons, record)] = fault_run.query("SELECT reasons, record FROM quarantine WHERE url = ?", [url])
        assert any("published_at" in r for r in reasons)
        kept = json.loads(record)
        assert kept["date_source"] == "feed" and kept["published_at"].startswith(str(year))
    # A plausible page date wins over the feed's absurd one, normalised to UTC, and says so.
    dated = fault_run.article(fault_run.site.url("/dates/dated.html"))
    assert dated is not None and dated["extraction_status"] == "ok"
    assert dated["published_at"] == datetime(2026, 11, 1, 8, tzinfo=UTC)
    assert dated["date_source"] == "page (feed date 2099-01-01T00:00:00+00:00 rejected: in the future)"
    # The feed's own dates stay on its entries.
    years = {
        g: p.year
        for g, p in fault_run.query(
            "SELECT guid, published_at FROM feed_entries WHERE feed_id = 'fault-bad-dates'"
        )
    }
    assert years == {"fd1": 2099, "fd2": 1970, "fd3": 2099}


def test_links_to_other_hosts(fault_run: FaultRun):
    for url in NOT_ALLOWED:
        article = fault_run.article(url)
        assert article is not None and article["extraction_status"] == "fallback_summary"
        assert (
            article["extraction_error"].startswith("refused:")
            and "not in the allow-list" in article["extraction_error"]
        )
    assert fault_run.article(fault_run.other.url("/good/elsewhere-0.html"))["extraction_status"] == "ok"


def test_robots_txt_disallowed_page_is_recorded_not_fetched(fault_run: FaultRun):
    article = fault_run.article(fault_run.site.url("/private/secret.html"))
    assert article is not None and article["extraction_error"] == ROBOTS_DISALLOWED
    assert fault_run.site.hits["/private/secret.html"] == 0


def test_memory_stays_bounded_and_big_bodies_are_not_read_whole(fault_run: FaultRun):
    assert fault_run.peak_rss_mb < PEAK_RSS_LIMIT_MB, fault_run.peak_rss_mb
    settings = Settings()
    # The client hung up soon after its cap: the 50 MB bodies were never read to the end. (The
    # server counts what it handed to the kernel; loopback socket buffers hold a few MB more.)
    assert settings.max_feed_bytes < fault_run.site.sent["/feed/huge"] < 25_000_000
    assert settings.max_page_bytes < fault_run.site.sent["/page/huge"] < 25_000_000


def test_run_summary_counts_the_failures(fault_run: FaultRun):
    failing = [f for f in FAULTS if f.feed_error and not f.gone]
    [(feeds_failed, feeds_gone, pages_failed)] = fault_run.query(
        "SELECT feeds_failed, feeds_gone, pages_failed FROM runs ORDER BY started_at LIMIT 1"
    )
    assert (feeds_failed, feeds_gone) == (len(failing), 1)
    expected_pages = len([f for f in PAGE_FAULTS if f.page_error]) + 1 + len(NOT_ALLOWED)  # + robots
    assert pages_failed == expected_pages


def test_second_run_honours_feed_health(fault_run: FaultRun):
    second = fault_run.procs[1]
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    rows = fault_run.query(
        "SELECT feeds_skipped, feeds_gone, entries_new, status FROM runs ORDER BY started_at"
    )
    assert len(rows) == 2
    skipped, gone, new, status = rows[1]
    assert (skipped, gone, new, status) == (
        len([f for f in FAULTS if f.feed_error and not f.gone]),
        1,
        0,
        "success",
    )
    # Nothing loaded twice.
    assert fault_run.query("SELECT count(*) - count(DISTINCT url) FROM articles")[0][0] == 0
    # Backing off: the failing feeds were not asked again; the healthy ones were.
    assert fault_run.site.hits["/feed/404"] == 1 and fault_run.site.hits["/feed/healthy"] == 2


def test_feeds_reset_clears_backoff_and_gone(fault_run: FaultRun, tmp_path: Path):
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(fault_run.warehouse, copy)
    cli = [sys.executable, "-m", "pipeline.cli", "feeds", "--warehouse", str(copy)]
    for feed_id in ("fault-410", "fault-429"):
        proc = subprocess.run([*cli, "--reset", feed_id], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith(f"feed {feed_id} reset: due at the next run (was: failure score ")
    with duckdb.connect(str(copy), read_only=True) as con:
        rows = con.execute(
            "SELECT feed_id, state, failure_score, next_fetch_at, gone_at FROM feed_status"
            " WHERE feed_id IN ('fault-410', 'fault-429', 'fault-404') ORDER BY feed_id"
        ).fetchall()
    assert rows[0][:3] == ("fault-404", "backing off", Settings().feed_hard_failure_score)  # untouched
    assert [r[2:] for r in rows[1:]] == [(0, None, None), (0, None, None)]
    assert all(r[1] != "gone" and r[1] != "backing off" for r in rows[1:])
    missing = subprocess.run([*cli, "--reset", "nope"], capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "no feed 'nope' in the warehouse" in missing.stderr
