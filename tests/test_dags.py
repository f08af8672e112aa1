"""Airflow 3: DAG integrity, parse-time discipline, and real ``dag.test()`` runs.

Airflow runs in subprocesses with their own AIRFLOW_HOME (SQLite metadata database), so its
import-time warnings stay out of this pytest process and nothing touches a real deployment.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.sample_site import demo_feeds_file, site_host
from pipeline.warehouse import migrations
from tests.conftest import DAGS, airflow_env, python

DAG_FILES = sorted(DAGS.glob("*.py"))


def test_dag_files_import_without_errors_and_declare_what_operators_need(tmp_path: Path):
    proc = python(
        f"""
        import json
        from airflow.dag_processing.dagbag import DagBag
        bag = DagBag(dag_folder={str(DAGS)!r})
        out = {{"errors": {{k: str(v) for k, v in bag.import_errors.items()}}, "dags": {{}}}}
        for dag_id, dag in bag.dags.items():
            out["dags"][dag_id] = {{
                "tags": sorted(dag.tags), "doc_md": bool(dag.doc_md), "catchup": dag.catchup,
                "max_active_runs": dag.max_active_runs,
                "tasks": {{t.task_id: {{"retries": t.retries, "owner": t.owner, "pool": t.pool}} for t in dag.tasks}},
            }}
        print(json.dumps(out))
        """,
        airflow_env(tmp_path),
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    bag = json.loads(proc.stdout.strip().splitlines()[-1])
    assert bag["errors"] == {}
    assert "media_ingest" in bag["dags"]
    for dag_id, dag in bag["dags"].items():
        assert "mediamon" in dag["tags"] and dag["doc_md"], dag_id
        assert dag["catchup"] is False
        for task_id, task in dag["tasks"].items():
            assert task["retries"] >= 1 and task["owner"] == "mediamon", (dag_id, task_id)
    ingest = bag["dags"]["media_ingest"]
    assert ingest["max_active_runs"] == 1
    assert list(ingest["tasks"]) == [
        "fetch_feeds",
        "fetch_articles",
        "tag",
        "validate",
        "load",
        "refresh_marts",
        "build_report",
    ]
    # The report only reads: it stays out of the writers' pool.
    assert ingest["tasks"]["build_report"]["pool"] == "default_pool"
    # Every DuckDB write goes through the one-slot pool.
    assert ingest["tasks"]["load"]["pool"] == ingest["tasks"]["refresh_marts"]["pool"] == "mediamon_duckdb"


@pytest.mark.parametrize("dag_file", DAG_FILES, ids=[f.name for f in DAG_FILES])
def test_parsing_a_dag_file_imports_nothing_heavy(dag_file: Path, tmp_path: Path):
    proc = python(
        f"""
        import runpy, sys
        runpy.run_path({str(dag_file)!r})
        heavy = ("pipeline.stages", "pandas", "great_expectations", "trafilatura", "duckdb", "feedparser")
        print(sorted(m for m in heavy if m in sys.modules))
        """,
        airflow_env(tmp_path),
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def dag_test(home: Path, feeds: Path, warehouse: Path, **extra: str) -> subprocess.CompletedProcess:
    env = airflow_env(
        home,
        MEDIAMON_FEEDS=str(feeds),
        MEDIAMON_WAREHOUSE=str(warehouse),
        MEDIAMON_STAGING=str(warehouse.parent / "staging"),
        **extra,
    )
    return python(
        f"""
        import runpy
        dag = runpy.run_path({str(DAGS / "media_ingest.py")!r})["media_ingest_dag"]
        run = dag.test()
        print("DAGRUN_STATE", run.state)
        """,
        env,
    )


def counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
            for t in ("articles", "feed_entries", "article_companies", "quarantine", "runs")
        }


@pytest.mark.slow
def test_media_ingest_runs_for_real_and_reruns_add_nothing(airflow_home: Path, site_url: str, tmp_path: Path):
    feeds = demo_feeds_file(site_url, tmp_path / "feeds.yaml")
    warehouse = tmp_path / "warehouse.duckdb"
    allow = {"MEDIAMON_ALLOW_HOSTS": site_host(site_url)}  # task processes fetch from the test's site
    first = dag_test(airflow_home, feeds, warehouse, MEDIAMON_EXTRACT_WORKERS="2", **allow)
    assert "DAGRUN_STATE success" in first.stdout, first.stdout[-4000:] + first.stderr[-4000:]
    log = first.stdout + first.stderr
    # The task logs say what happened, in numbers.
    for line in ("feeds: 8 in the file: 7 fetched, 0 not modified, 0 skipped (backing off), 1 failed",
                 "feed discontinued: HTTP 404", "rows to quarantine", "quarantine reason:", "loaded ",
                 "extracting with 2 worker processes (forkserver)"):  # fmt: skip
        assert line in log, line
    after_first = counts(warehouse)
    assert after_first["articles"] >= 40 and after_first["quarantine"] >= 1 and after_first["runs"] == 1

    second = dag_test(airflow_home, feeds, warehouse, **allow)
    assert "DAGRUN_STATE success" in second.stdout, second.stdout[-4000:] + second.stderr[-4000:]
    after_second = counts(warehouse)
    assert {k: v for k, v in after_second.items() if k != "runs"} == {
        k: v for k, v in after_first.items() if k != "runs"
    }
    assert after_second["runs"] == 2

    # The load task emitted an event on the warehouse asset, with the run's counts.
    with sqlite3.connect(airflow_home / "airflow.db") as db:
        extras = [json.loads(e) for (e,) in db.execute("SELECT extra FROM asset_event ORDER BY id")]
    assert extras[-2]["loaded"] == after_first["articles"]
    assert extras[-1]["loaded"] == 0 and extras[-1]["entries_new"] == 0


@pytest.mark.slow
def test_failed_validation_fails_the_run_and_names_the_expectation(
    airflow_home: Path, site_url: str, tmp_path: Path
):
    feeds = demo_feeds_file(site_url, tmp_path / "feeds.yaml")
    warehouse = tmp_path / "warehouse.duckdb"
    proc = dag_test(
        airflow_home, feeds, warehouse, MEDIAMON_LANGUAGES="xx", MEDIAMON_ALLOW_HOSTS=site_host(site_url)
    )
    log = proc.stdout + proc.stderr
    assert "DAGRUN_STATE failed" in proc.stdout, log[-4000:]
    assert "failed expectation: accepted_batch: expect_table_row_count_to_be_between" in log
    assert "mediamon task failed: dag=media_ingest task=load" in log
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT status FROM runs").fetchall() == [("failed",)]
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(0,)]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_make_airflow_demo_runs_the_dag_in_airflow_standalone(tmp_path: Path):
    """`mediamon airflow --demo` (what `make airflow DEMO=1` runs): log in, trigger, watch it succeed.

    Then a headless Chromium logs in through the UI's form and reads the run's grid.
    """
    import signal
    import time

    import httpx

    from tests import browser

    no_browser = browser.missing_browser()
    if no_browser and os.environ.get("MEDIAMON_REQUIRE_BROWSER") == "1":
        pytest.fail(f"MEDIAMON_REQUIRE_BROWSER=1 but {no_browser}")

    port, demo_port = _free_port(), _free_port()
    home = tmp_path / "airflow"
    warehouse = tmp_path / "warehouse.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "MEDIAMON"))}
    env.update(MEDIAMON_WAREHOUSE=str(warehouse), MEDIAMON_STAGING=str(tmp_path / "staging"),
               MEDIAMON_QUALITY_DIR=str(tmp_path / "quality"), MEDIAMON_REPORT_DIR=str(tmp_path / "reports"),
               MEDIAMON_INGEST_SCHEDULE="none")  # fmt: skip
    log = (tmp_path / "standalone.log").open("w")
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "mediamon"), "airflow", "--demo", "--home", str(home),
         "--port", str(port), "--demo-port", str(demo_port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            assert proc.poll() is None, (tmp_path / "standalone.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "Airflow did not become healthy"
            try:
                if httpx.get(f"{base}/api/v2/monitor/health", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(2)
        assert f"Airflow UI: {base}  user: admin  password: " in (tmp_path / "standalone.log").read_text()
        # Unauthenticated requests are refused; the generated login works.
        assert httpx.get(f"{base}/api/v2/dags", timeout=10).status_code == 401
        password = json.loads((home / "simple_auth_manager_passwords.json.generated").read_text())["admin"]
        token = httpx.post(f"{base}/auth/token", json={"username": "admin", "password": password}).json()
        auth = {"Authorization": f"Bearer {token['access_token']}"}
        for dag_id in ("media_ingest", "media_quality"):
            while httpx.get(f"{base}/api/v2/dags/{dag_id}", headers=auth).status_code != 200:
                assert time.monotonic() < deadline, f"{dag_id} was never parsed"
                time.sleep(2)
        pools = httpx.get(f"{base}/api/v2/pools/mediamon_duckdb", headers=auth).json()
        assert pools["slots"] == 1
        # media_quality is scheduled on the warehouse asset: un-paused, the load triggers it.
        for dag_id in ("media_quality", "media_ingest"):
            httpx.patch(
                f"{base}/api/v2/dags/{dag_id}", headers=auth, json={"is_paused": False}
            ).raise_for_status()
        run = httpx.post(
            f"{base}/api/v2/dags/media_ingest/dagRuns", headers=auth, json={"logical_date": None}
        )
        run_id = run.json()["dag_run_id"]
        deadline = time.monotonic() + 240

        def poll(url: str) -> Any:
            """The API's answer, or None when it took too long: on a slow 2-core machine the API
            server can keep a request waiting for more than 5 s while the run's tasks use both
            cores. The deadline still bounds the wait."""
            try:
                return httpx.get(url, headers=auth, timeout=30).json()
            except httpx.TimeoutException:
                return None

        state = "queued"
        while state not in ("success", "failed") and time.monotonic() < deadline:
            time.sleep(3)
            answer = poll(f"{base}/api/v2/dags/media_ingest/dagRuns/{run_id}")
            state = answer["state"] if answer is not None else state
        assert state == "success", (tmp_path / "standalone.log").read_text()[-3000:]
        quality: list[dict] = []
        while not any(r["state"] in ("success", "failed") for r in quality) and time.monotonic() < deadline:
            time.sleep(3)
            answer = poll(f"{base}/api/v2/dags/media_quality/dagRuns")
            quality = answer["dag_runs"] if answer is not None else quality
        assert [(r["run_type"], r["state"]) for r in quality] == [("asset_triggered", "success")], quality
        assert (tmp_path / "quality" / "docs" / "index.html").is_file()
        # The "Media trends" page (the plugin) serves the report build_report wrote, to
        # logged-in users only.
        assert httpx.get(f"{base}/mediamon/", timeout=10).status_code == 401
        trends = httpx.get(f"{base}/mediamon/", headers=auth, timeout=30)
        assert trends.status_code == 200 and "<title>mediamon: AI industry trends</title>" in trends.text
        assert trends.text == (tmp_path / "reports" / "latest.html").read_text(encoding="utf-8")
        if not no_browser:
            check_run_in_the_ui(base, password, run_id)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        log.close()
    assert counts(warehouse)["articles"] >= 40
    # Stopping it stops every Airflow process it started.
    time.sleep(2)
    leftovers = subprocess.run(
        ["pgrep", "-f", f"--home {home}|AIRFLOW_HOME={home}"], capture_output=True, text=True
    )
    ps = subprocess.run(["ps", "-eo", "pid,cmd"], capture_output=True, text=True).stdout
    assert f"port:{port}" not in ps, leftovers.stdout
    if no_browser:
        pytest.skip(f"Airflow standalone checked, but not its UI in a browser: {no_browser}")


INGEST_TASKS = ["fetch_feeds", "fetch_articles", "tag", "validate", "load", "refresh_marts", "build_report"]


def check_run_in_the_ui(base: str, password: str, run_id: str) -> None:
    """What a person sees: the login form works, and the run's grid shows every task succeeded.

    Leaves test-artifacts/airflow-media_ingest-grid.png (and .html) behind, even on failure.
    """
    from tests import browser

    with browser.headless_chromium() as driver:
        browser.log_in(driver, base, "admin", password)
        page = browser.read_dag_run_page(driver, base, "media_ingest", run_id, browser.artifacts_dir())
    assert (page.dag_id, page.run_id, page.run_state) == ("media_ingest", run_id, "success")
    assert page.grid_tasks == INGEST_TASKS
    every_task_succeeded = dict.fromkeys(INGEST_TASKS, "success")
    assert page.grid_states == every_task_succeeded
    assert page.table_states == every_task_succeeded

    # The plugin's nav entry: the trend report framed in the UI, charts drawn, no console error.
    with browser.headless_chromium() as driver:
        browser.log_in(driver, base, "admin", password)
        url, report = browser.read_media_trends_page(
            driver, base, browser.artifacts_dir() / "airflow-media-trends.png"
        )
    assert url == f"{base}/mediamon/"
    assert report.title == "mediamon: AI industry trends" and report.console_errors == []
    assert all(n > 0 for n in report.marks.values()), report.marks


@pytest.mark.slow
def test_media_maintenance_runs_for_real(airflow_home: Path, demo_warehouse: Path, tmp_path: Path):
    env = airflow_env(
        airflow_home, MEDIAMON_WAREHOUSE=str(demo_warehouse), MEDIAMON_STAGING=str(tmp_path / "staging")
    )
    proc = python(
        f"""
        import runpy
        dag = runpy.run_path({str(DAGS / "media_maintenance.py")!r})["media_maintenance_dag"]
        print("DAGRUN_STATE", dag.test().state)
        """,
        env,
    )
    log = proc.stdout + proc.stderr
    assert "DAGRUN_STATE success" in proc.stdout, log[-4000:]
    assert "feed health: 1 feeds need attention" in log  # the demo's 404 feed, backing off
    assert "feed discontinued (A feed whose URL now answers 404) is backing off: until " in log
    assert "staging cleanup: 0 old run folders removed" in log
    assert "quality cleanup: 0 warehouse-check results older than 30 days removed" in log
    assert f"warehouse checkpointed (schema version {migrations()[-1][0]})" in log
