"""Feed health as data: conditional GET, body hashes, failure scores, backoff, Retry-After, 410 Gone.

Real HTTP servers on 127.0.0.1 (the ones of tests/test_untrusted.py), allowed by host:port.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.feeds import HARD, SOFT, backoff_delay, failure_kind, retry_after_seconds
from pipeline.maintenance import feed_health
from pipeline.run import RunSummary, run_pipeline
from pipeline.warehouse import MIGRATIONS_DIR, migrations, write_connection
from tests.test_untrusted import PAGE, Route, Server, _serve, item, ok, rss, settings_for

FEED = rss(item(1, "/page.html"))


@pytest.fixture
def server() -> Any:
    with _serve({"/page.html": ok(PAGE, "text/html; charset=utf-8")}) as s:
        yield s


def feeds_file(tmp_path: Path, server: Server, **paths: str) -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text(
        "feeds:\n" + "".join(f"  - id: {i}\n    url: {server.url(p)}\n" for i, p in paths.items())
    )
    return path


def feed_row(settings: Any, feed_id: str) -> dict[str, Any]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        cur = con.execute("SELECT * FROM feeds WHERE feed_id = ?", [feed_id])
        return dict(zip([d[0] for d in cur.description], cur.fetchall()[0], strict=True))


def run(settings: Any, feeds: Path, **kw: Any) -> RunSummary:
    return run_pipeline(settings, feeds_file=feeds, **kw)


def status(code: int, **headers: str) -> Route:
    return lambda _: (code, {"Content-Type": "text/plain", **headers}, b"nope")


# --- conditional GET and body hashes -----------------------------------------------------------


def test_etag_gives_304_on_the_second_run(server: Server, tmp_path: Path):
    seen: list[str | None] = []

    def feed(h: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        seen.append(h.headers.get("If-None-Match"))
        if h.headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return (
            200,
            {"Content-Type": "application/rss+xml", "ETag": '"v1"'},
            FEED.replace(b"/page", server.url("/page").encode()),
        )

    server.routes["/feed.xml"] = feed
    settings = settings_for(tmp_path, server.host)
    feeds = feeds_file(tmp_path, server, a="/feed.xml")
    first = run(settings, feeds)
    assert (first.feeds_fetched, first.loaded) == (1, 1)
    assert feed_row(settings, "a")["etag"] == '"v1"'
    second = run(settings, feeds)
    assert seen == [None, '"v1"']  # the server received If-None-Match the second time
    assert (second.feeds_fetched, second.feeds_not_modified, second.entries_total, second.status) == (
        0,
        1,
        0,
        "success",
    )
    row = feed_row(settings, "a")
    assert (row["last_outcome"], row["last_http_status"], row["last_status"], row["last_entry_count"]) == (
        "not_modified", 304, "ok", 1,
    )  # fmt: skip
    assert row["last_fetched_at"] > row["first_seen_at"] and row["next_fetch_at"] == row["last_fetched_at"]


def test_last_modified_is_sent_back_as_if_modified_since(server: Server, tmp_path: Path):
    stamp = "Mon, 02 Nov 2026 10:00:00 GMT"
    seen: list[str | None] = []

    def feed(h: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        seen.append(h.headers.get("If-Modified-Since"))
        if h.headers.get("If-Modified-Since") == stamp:
            return 304, {}, b""
        return 200, {"Content-Type": "application/rss+xml", "Last-Modified": stamp}, rss("")

    server.routes["/feed.xml"] = feed
    settings = settings_for(tmp_path, server.host)
    feeds = feeds_file(tmp_path, server, a="/feed.xml")
    run(settings, feeds)
    assert run(settings, feeds).feeds_not_modified == 1
    assert seen == [None, stamp]
    assert feed_row(settings, "a")["last_modified"] == stamp


def test_same_body_is_skipped_by_hash_and_a_changed_body_is_processed(server: Server, tmp_path: Path):
    body = {"v": rss(item(1, server.url("/page.html")))}
    server.routes["/feed.xml"] = lambda _: (200, {"Content-Type": "application/rss+xml"}, body["v"])
    settings = settings_for(tmp_path, server.host)
    feeds = feeds_file(tmp_path, server, a="/feed.xml")
    run(settings, feeds)
    first_hash = feed_row(settings, "a")["body_hash"]
    again = run(settings, feeds)  # the server ignores conditional requests: same bytes
    assert (again.feeds_not_modified, again.entries_total) == (1, 0)
    assert feed_row(settings, "a")["last_outcome"] == "not_modified"
    body["v"] = rss(item(1, server.url("/page.html")) + item(2, server.url("/page.html?b")))
    changed = run(settings, feeds)
    assert (changed.feeds_fetched, changed.entries_total, changed.entries_new) == (1, 2, 1)
    assert feed_row(settings, "a")["body_hash"] != first_hash
    assert server.hits["/feed.xml"] == 3


# --- failures, scores, backoff ------------------------------------------------------------------


def test_429_retry_after_sets_the_next_fetch_and_the_next_run_skips_it(server: Server, tmp_path: Path):
    server.routes["/ok.xml"] = ok(rss(item(1, server.url("/page.html"))))
    server.routes["/busy.xml"] = status(429, **{"Retry-After": "3600"})
    settings = settings_for(tmp_path, server.host)
    feeds = feeds_file(tmp_path, server, ok="/ok.xml", busy="/busy.xml")
    first = run(settings, feeds)
    assert (first.feeds_fetched, first.feeds_failed) == (1, 1)
    row = feed_row(settings, "busy")
    wait = row["next_fetch_at"] - row["last_fetched_at"]
    assert abs(wait - timedelta(hours=1)) < timedelta(seconds=5)
    assert (row["failure_score"], row["last_failure_kind"], row["last_error"]) == (1, SOFT, "HTTP 429")
    second = run(settings, feeds)
    assert (second.feeds_skipped, second.feeds_failed, second.feeds_not_modified, second.status) == (
        1,
        0,
        1,
        "success",
    )
    assert (
        "busy",
        f"skipped (backing off until {row['next_fetch_at'].astimezone(UTC):%Y-%m-%d %H:%M:%S}Z)",
    ) in second.feed_problems
    assert server.hits["/busy.xml"] == 1  # not fetched again
    assert feed_row(settings, "busy")["last_fetched_at"] == row["last_fetched_at"]  # nor counted as a failure
    # --force-all fetches it anyway.
    assert run(settings, feeds, force_all=True).feeds_failed == 1 and server.hits["/busy.xml"] == 2


def test_503_is_soft_404_is_hard(server: Server, tmp_path: Path):
    server.routes["/down.xml"] = status(503)
    server.routes["/ok.xml"] = ok(rss(item(1, server.url("/page.html"))))
    settings = settings_for(tmp_path, server.host)
    feeds = feeds_file(tmp_path, server, ok="/ok.xml", down="/down.xml", missing="/missing.xml")
    summary = run(settings, feeds)
    assert (summary.feeds_fetched, summary.feeds_failed, summary.status) == (1, 2, "success")
    down, missing = feed_row(settings, "down"), feed_row(settings, "missing")
    assert (down["failure_score"], down["last_failure_kind"]) == (1, SOFT)
    assert (missing["failure_score"], missing["last_failure_kind"]) == (2, HARD)
    assert (
        missing["next_fetch_at"] - missing["last_fetched_at"]
        > down["next_fetch_at"] - down["last_fetched_at"]
    )


def test_backoff_grows_with_failures_and_resets_on_success(server: Server, tmp_path: Path):
    state = {"up": False}
    feed = rss(item(1, server.url("/page.html")))
    server.routes["/flaky.xml"] = lambda _: (
        (200, {"Content-Type": "application/rss+xml"}, feed) if state["up"] else (503, {}, b"down")
    )
    settings = settings_for(tmp_path, server.host)
    feeds = feeds_file(tmp_path, server, flaky="/flaky.xml")
    waits = []
    for _ in range(4):
        with pytest.raises(Exception, match="all 1 feeds failed"):
            run(settings, feeds, force_all=True)
        row = feed_row(settings, "flaky")
        waits.append(row["next_fetch_at"] - row["last_fetched_at"])
    assert [feed_row(settings, "flaky")[k] for k in ("failure_score", "consecutive_failures")] == [4, 4]
    assert waits == sorted(waits) and waits[-1] > 6 * waits[0]
    state["up"] = True
    assert run(settings, feeds, force_all=True).feeds_fetched == 1
    row = feed_row(settings, "flaky")
    assert (row["failure_score"], row["consecutive_failures"], row["last_status"]) == (0, 0, "ok")
    assert row["next_fetch_at"] == row["last_fetched_at"] == row["last_success_at"]  # due at the next run


def test_backoff_formula_is_capped_and_jittered_deterministically(tmp_path: Path):
    settings = settings_for(tmp_path)
    assert backoff_delay(settings, "f", 0) == timedelta(0)
    one = backoff_delay(settings, "f", 1)
    assert timedelta(minutes=27) <= one <= timedelta(minutes=30) and one == backoff_delay(settings, "f", 1)
    assert timedelta(minutes=54) <= backoff_delay(settings, "f", 2) <= timedelta(minutes=60)
    assert timedelta(hours=21.6) <= backoff_delay(settings, "f", 50) <= timedelta(hours=24)
    assert len({backoff_delay(settings, f"f{i}", 3) for i in range(10)}) > 1  # feeds spread out
    assert failure_kind(None, "refused: 10.0.0.1 is a private address") == HARD
    assert failure_kind(None, "ConnectError: [Errno -2] Name or service not known") == HARD
    assert failure_kind(None, "ConnectError: [Errno 111] Connection refused") == SOFT
    assert failure_kind(None, "timeout: ReadTimeout") == SOFT
    assert failure_kind(None, "not a feed (no RSS/Atom root element)") == HARD
    now = datetime(2026, 11, 2, 10, tzinfo=UTC)
    assert retry_after_seconds("120", now) == 120
    assert retry_after_seconds("Mon, 02 Nov 2026 11:00:00 GMT", now) == 3600
    assert retry_after_seconds("soon", now) is None


def test_410_marks_the_feed_gone_and_it_is_not_fetched_again(server: Server, tmp_path: Path):
    server.routes["/ok.xml"] = ok(rss(item(1, server.url("/page.html"))))
    server.routes["/old.xml"] = status(410)
    settings = settings_for(tmp_path, server.host)
    feeds = feeds_file(tmp_path, server, ok="/ok.xml", old="/old.xml")
    assert run(settings, feeds).feeds_gone == 1
    row = feed_row(settings, "old")
    assert row["gone_at"] is not None and row["next_fetch_at"] is None and row["last_outcome"] == "gone"
    again = run(settings, feeds)
    assert (again.feeds_gone, again.feeds_failed) == (1, 0) and server.hits["/old.xml"] == 1
    # The feed moved: a new url in the feeds file is a new start.
    server.routes["/new.xml"] = ok(rss(item(1, server.url("/page.html"))))
    moved = feeds_file(tmp_path, server, ok="/ok.xml", old="/new.xml")
    assert run(settings, moved).feeds_gone == 0
    row = feed_row(settings, "old")
    assert row["gone_at"] is None and row["last_outcome"] == "fetched"


# --- what users see: mediamon feeds, the health report ------------------------------------------


def test_feeds_command_and_health_report_show_state_reason_and_next_fetch(server: Server, tmp_path: Path):
    server.routes["/ok.xml"] = ok(rss(item(1, server.url("/page.html"))))
    server.routes["/old.xml"] = status(410)
    server.routes["/busy.xml"] = status(503, **{"Retry-After": "7200"})
    settings = settings_for(tmp_path, server.host)
    run(settings, feeds_file(tmp_path, server, ok="/ok.xml", old="/old.xml", busy="/busy.xml"))
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("mediamon")), "feeds", "-w", str(settings.warehouse), "--format", "json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    rows = {r["feed_id"]: r for r in json.loads(proc.stdout)}
    assert rows["ok"]["state"] == "ok" and rows["ok"]["reason"] is None
    assert rows["old"]["state"] == "gone" and rows["old"]["next_fetch_at"] is None
    assert rows["old"]["reason"].startswith("HTTP 410 since ") and "--force-all" in rows["old"]["reason"]
    assert rows["busy"]["state"] == "backing off" and rows["busy"]["failure_score"] == 1
    assert rows["busy"]["reason"] == "HTTP 503 (soft failure, score 1)" and rows["busy"]["next_fetch_at"]
    problems = {p.feed_id: p for p in feed_health(settings)}
    assert set(problems) == {"old", "busy"}
    assert problems["old"].problem == "gone" and "HTTP 410" in problems["old"].detail
    assert problems["busy"].problem == "backing off" and "HTTP 503" in problems["busy"].detail
    assert not feed_health(settings, now=datetime.now(UTC) + timedelta(hours=3)).count(problems["busy"])


# --- upgrading a warehouse made at schema version 2 ---------------------------------------------


def test_a_version_2_warehouse_is_upgraded(server: Server, tmp_path: Path):
    wh = tmp_path / "w.duckdb"
    with duckdb.connect(str(wh)) as con:
        con.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
            " applied_at TIMESTAMPTZ NOT NULL)"
        )
        for version, name in ((1, "initial_schema"), (2, "tag_evidence")):
            con.execute((MIGRATIONS_DIR / f"{version:04d}_{name}.sql").read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
        con.execute(
            "INSERT INTO feeds (feed_id, url, first_seen_at, last_fetched_at, last_status, last_error,"
            " consecutive_failures) VALUES ('a', ?, now(), now(), 'error', 'HTTP 500', 2)",
            [server.url("/feed.xml")],
        )
    server.routes["/feed.xml"] = ok(rss(item(1, server.url("/page.html"))), ETag='"x"')
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(wh.read_bytes())
    with write_connection(copy) as con:  # opened normally: migrated, past failures kept as a score
        assert con.execute(
            "SELECT f.failure_score, f.last_outcome, f.next_fetch_at, s.state FROM feeds AS f JOIN feed_status AS s USING (feed_id)"
        ).fetchall() == [(2, "failed", None, "failing")]
    settings = settings_for(tmp_path, server.host).replace(warehouse=wh)
    # The fetch stage reads the old file read-only; the load migrates it.
    summary = run(settings, feeds_file(tmp_path, server, a="/feed.xml"))
    assert (summary.feeds_fetched, summary.loaded) == (1, 1)
    row = feed_row(settings, "a")
    assert (row["etag"], row["failure_score"], row["consecutive_failures"], row["last_outcome"]) == (
        '"x"',
        0,
        0,
        "fetched",
    )
    with write_connection(wh) as con:
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchall() == [
            (migrations()[-1][0],)
        ]
        assert con.execute("SELECT feeds_fetched, feeds_failed FROM runs").fetchall() == [(1, 0)]
