"""Crash safety: ``mediamon run`` killed with SIGKILL while it loads, then run again.

The load writes one run in one DuckDB transaction (pipeline/warehouse.py, ``load_batch``), so a
kill either leaves the warehouse as it was or with the whole run in it, never half of one; the
rerun then loads what is missing, once. The load is seen starting from outside, with no hook
in the code: validation has staged its verdict (``verdict.json``, the load's input) and the
process holds the warehouse file open (/proc/PID/fd). A calibration run measures how long the
process lives from there; the kills land at increasing shares of that time, and the warehouse
is checked after each one and at the end.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.sample_site import demo_feeds_file, site_host

pytestmark = pytest.mark.slow

KILL_AT = (0.05, 0.25, 0.45, 0.65, 0.85)  # shares of the calibrated verdict-to-exit time


def _start(feeds: Path, warehouse: Path, site_url: str, tmpdir: Path) -> subprocess.Popen[str]:
    tmpdir.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIAMON_")}
    # The staging folder is a TemporaryDirectory: TMPDIR tells us where to watch for it.
    env.update(TMPDIR=str(tmpdir), MEDIAMON_PER_HOST_DELAY="0")
    cmd = [sys.executable, "-m", "pipeline.cli", "run", "--feeds", str(feeds), "--warehouse", str(warehouse),
           "--allow-host", site_host(site_url), "--no-progress", "--no-trends"]  # fmt: skip
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _has_open(pid: int, path: Path) -> bool:
    """Whether process ``pid`` has ``path`` open (Linux /proc): the load is at the warehouse."""
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.readlink(fd) == str(path) for fd in fds.iterdir())
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return False


def _wait_for_load(
    proc: subprocess.Popen[str], tmpdir: Path, warehouse: Path, timeout: float = 300
) -> float | None:
    """When the load opened the warehouse (monotonic time), or None if the process ended first.

    The load stage starts once validation has staged ``verdict.json``; the first time after
    that the process holds the warehouse file open, the load is under way.
    """
    deadline = time.monotonic() + timeout
    verdict = False
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return None
        verdict = verdict or bool(list(tmpdir.glob("mediamon-run-*/*/verdict.json")))
        if verdict and _has_open(proc.pid, warehouse):
            return time.monotonic()
        time.sleep(0.001 if verdict else 0.01)
    proc.kill()
    raise AssertionError("the load did not start in time")


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return con.execute(sql).fetchall()


def check_consistent(warehouse: Path) -> dict[str, int]:
    """No duplicates, no orphans, no half-recorded run; return the table counts."""
    if not warehouse.exists():
        return {"runs": 0, "articles": 0, "feed_entries": 0}
    con = duckdb.connect(str(warehouse))  # read-write: replays the WAL the kill may have left
    try:
        if not _rows(con, "SELECT 1 FROM information_schema.tables WHERE table_name = 'runs'"):
            return {"runs": 0, "articles": 0, "feed_entries": 0}
        keys = {
            "articles": "article_id",
            "feed_entries": "feed_id, guid",
            "article_companies": "article_id, company_id",
            "article_topics": "article_id, topic_id",
            "runs": "run_id",
            "feeds": "feed_id",
        }
        for table, key in keys.items():
            [(total, distinct)] = _rows(con, f"SELECT count(*), count(DISTINCT ({key})) FROM {table}")
            assert total == distinct, f"duplicates in {table}"
        [(dup_urls,)] = _rows(con, "SELECT count(*) - count(DISTINCT canonical_url) FROM articles")
        assert dup_urls == 0
        assert _rows(con, "SELECT run_id FROM runs WHERE status <> 'success' OR finished_at IS NULL") == []
        # Every article came with its entries and every loaded entry has its article, in one run.
        assert _rows(con, "SELECT article_id FROM articles EXCEPT SELECT article_id FROM feed_entries") == []
        assert (
            _rows(
                con,
                "SELECT article_id FROM feed_entries WHERE outcome = 'loaded' EXCEPT SELECT article_id FROM articles",
            )
            == []
        )
        assert (
            _rows(
                con,
                "SELECT article_id FROM article_companies EXCEPT SELECT article_id FROM articles",
            )
            == []
        )
        assert _rows(con, "SELECT DISTINCT run_id FROM articles EXCEPT SELECT run_id FROM runs") == []
        return {
            t: _rows(con, f"SELECT count(*) FROM {t}")[0][0] for t in ("runs", "articles", "feed_entries")
        }
    finally:
        con.close()


def test_sigkill_during_the_load_leaves_the_warehouse_consistent(site_url: str, tmp_path: Path):
    feeds = demo_feeds_file(site_url, tmp_path / "feeds.yaml")

    # Calibration, and the reference: one run that is left alone.
    reference = tmp_path / "reference.duckdb"
    proc = _start(feeds, reference, site_url, tmp_path / "t0")
    seen = _wait_for_load(proc, tmp_path / "t0", reference)
    assert seen is not None
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, out[-2000:] + err[-2000:]
    load_time = time.monotonic() - seen
    want = check_consistent(reference)
    assert want["articles"] > 0
    with duckdb.connect(str(reference), read_only=True) as con:
        expected_ids = {r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()}

    warehouse = tmp_path / "warehouse.duckdb"
    outcomes = []
    for n, share in enumerate(KILL_AT, start=1):
        before = check_consistent(warehouse)
        proc = _start(feeds, warehouse, site_url, tmp_path / f"t{n}")
        seen = _wait_for_load(proc, tmp_path / f"t{n}", warehouse)
        if seen is not None:
            time.sleep(max(0.0, seen + share * load_time - time.monotonic()))
        finished_first = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        after = check_consistent(warehouse)
        committed = after["runs"] > before["runs"]
        # All or nothing: either this run is in the warehouse with every article, or not at all.
        if committed:
            assert after["runs"] == before["runs"] + 1
            assert after["articles"] == want["articles"] and after["feed_entries"] == want["feed_entries"]
        else:
            assert after == before
        outcomes.append((share, finished_first, committed))
        if committed:
            break  # nothing is left to load: later kills would only find an empty batch

    print(f"load to exit {load_time:.2f} s; kills (share, process had ended, committed): {outcomes}")
    # At least one kill hit the load (the warehouse open) before it committed, else this proved
    # nothing.
    assert any(not committed and not finished for _, finished, committed in outcomes), outcomes

    # The rerun completes the warehouse: every article of the site exactly once.
    proc = _start(feeds, warehouse, site_url, tmp_path / "final")
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, out[-2000:] + err[-2000:]
    final = check_consistent(warehouse)
    assert final["articles"] == want["articles"] and final["feed_entries"] == want["feed_entries"]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        ids = [r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()]
        loaded_runs = con.execute("SELECT count(*) FROM runs WHERE loaded > 0").fetchone()
    assert sorted(ids) == sorted(expected_ids)
    assert loaded_runs == (1,)  # the articles came in one run, not spread over partial ones
