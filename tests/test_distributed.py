"""The distributed configuration for real: Airflow 3 on PostgreSQL, CeleryExecutor on Redis, two workers.

Uses the machine's PostgreSQL (127.0.0.1:5432, trust auth) and Redis (127.0.0.1:6379), no Docker:
a fresh database and an unused Redis database number per test, both cleaned up at teardown. The
api-server, scheduler, dag-processor and two Celery workers run as separate processes, each in
its own session with its log in the test's tmp folder. `make test-distributed` runs this; where
the services are missing it skips, or fails when MEDIAMON_REQUIRE_SERVICES=1 (CI).
"""

from __future__ import annotations

import getpass
import importlib.util
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import pytest

from pipeline.airflow_local import POOL, airflow_env, login, prepare
from pipeline.sample_site import demo_feeds_file, site_host

pytestmark = pytest.mark.distributed

HOST = "127.0.0.1"
PG_PORT, REDIS_PORT = 5432, 6379
AIRFLOW = str(Path(sys.executable).parent / "airflow")
WORKERS = ("worker1", "worker2")
DAG_ID = "media_ingest"
TASKS = {"fetch_feeds", "fetch_articles", "tag", "validate", "load", "refresh_marts", "build_report"}
STARTUP_TIMEOUT = 240  # all five components start at once: slow on a loaded 2-core machine
RUN_TIMEOUT = 360
MAX_RUNS = 3  # more runs only if the first ones happened to land on a single worker


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("MEDIAMON_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (MEDIAMON_REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(reason)


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(3)
        return s.connect_ex((HOST, port)) == 0


@dataclass
class Services:
    pg_user: str
    database: str
    redis_db: int
    key_prefix: str

    @property
    def sql_alchemy_conn(self) -> str:
        return f"postgresql+psycopg2://{self.pg_user}@{HOST}:{PG_PORT}/{self.database}"

    @property
    def sql_alchemy_conn_async(self) -> str:
        return f"postgresql+asyncpg://{self.pg_user}@{HOST}:{PG_PORT}/{self.database}"

    @property
    def result_backend(self) -> str:
        # The driver is named: SQLAlchemy 2.1's default for postgresql:// is psycopg 3, not installed.
        return f"db+postgresql+psycopg2://{self.pg_user}@{HOST}:{PG_PORT}/{self.database}"

    @property
    def broker_url(self) -> str:
        return f"redis://{HOST}:{REDIS_PORT}/{self.redis_db}"


def _pg_admin_connection() -> tuple[Any, str]:
    """A connection to an existing database (for CREATE/DROP DATABASE) and the user that worked."""
    import psycopg2

    errors = []
    for user in dict.fromkeys(("postgres", "root", getpass.getuser())):
        for dbname in ("test", "postgres"):
            try:
                con = psycopg2.connect(host=HOST, port=PG_PORT, user=user, dbname=dbname, connect_timeout=5)
            except psycopg2.OperationalError as exc:
                errors.append(f"{user}@{dbname}: {str(exc).strip().splitlines()[0]}")
                continue
            con.autocommit = True  # CREATE/DROP DATABASE cannot run in a transaction
            return con, user
    raise ConnectionError("; ".join(errors))


CLAIM_KEY = "mediamon_dist:claim"


def _claim_redis_db(token: str) -> int:
    """An empty Redis database number, claimed with a key so a concurrent test picks another one."""
    import random

    import redis

    numbers = list(range(1, 16))
    random.shuffle(numbers)
    for n in numbers:
        r = redis.Redis(host=HOST, port=REDIS_PORT, db=n, socket_timeout=5)
        try:
            if r.dbsize() == 0 and r.set(CLAIM_KEY, token, nx=True, ex=3600):
                return n
        finally:
            r.close()
    raise ConnectionError("no empty Redis database among 1-15")


@pytest.fixture
def services() -> Iterator[Services]:
    """A fresh PostgreSQL database and a Redis database number of our own; both cleaned at teardown."""
    missing = [f"{name} on {HOST}:{port}" for name, port in (("PostgreSQL", PG_PORT), ("Redis", REDIS_PORT))
               if not _port_open(port)]  # fmt: skip
    if missing:
        _unavailable("not reachable: " + ", ".join(missing))
    try:
        import psycopg2  # noqa: F401
        import redis
    except ImportError as exc:
        _unavailable(f"the `distributed` dependency group is not installed ({exc})")
    if importlib.util.find_spec("asyncpg") is None:
        # Every Airflow 3 process also opens the metadata DB through an async engine
        # (sql_alchemy_conn_async), and on PostgreSQL that driver is asyncpg.
        _unavailable("asyncpg is not installed: Airflow 3 needs it next to psycopg2 for PostgreSQL")
    try:
        redis.Redis(host=HOST, port=REDIS_PORT, socket_timeout=5).ping()
    except redis.RedisError as exc:
        _unavailable(f"Redis on {HOST}:{REDIS_PORT} does not answer PING: {exc}")
    try:
        admin, user = _pg_admin_connection()
    except ConnectionError as exc:
        _unavailable(f"cannot log in to PostgreSQL on {HOST}:{PG_PORT}: {exc}")

    from psycopg2 import sql

    token = f"mediamon_dist_{secrets.token_hex(4)}"
    with admin.cursor() as cur:
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(token)))
    try:
        redis_db = _claim_redis_db(token)
    except BaseException:
        with admin.cursor() as cur:
            cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(token)))
        raise
    try:
        yield Services(pg_user=user, database=token, redis_db=redis_db, key_prefix=f"{token}:")
    finally:
        r = redis.Redis(host=HOST, port=REDIS_PORT, db=redis_db, socket_timeout=5)
        keys = list(r.scan_iter(match=f"{token}:*", count=500))
        if keys:
            r.delete(*keys)
        if r.get(CLAIM_KEY) == token.encode():
            r.delete(CLAIM_KEY)
        r.close()
        with admin.cursor() as cur:
            # FORCE: a component killed at teardown may leave a connection behind.
            cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(token)))
        admin.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _session_members(sid: int) -> list[int]:
    """Every live process in session `sid`, including task processes in their own process groups."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == sid and fields[0] != "Z":
                pids.append(int(stat.parent.name))
    return pids


@dataclass
class Cluster:
    base: str
    home: Path
    warehouse: Path
    logs: dict[str, Path]
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def log_tails(self, lines: int = 40) -> str:
        parts = []
        for name, path in self.logs.items():
            text = path.read_text(errors="replace").splitlines() if path.exists() else ["(no log)"]
            parts.append(f"----- {name} ({path}) -----\n" + "\n".join(text[-lines:]))
        return "\n".join(parts)

    def check_alive(self) -> None:
        dead = {n: p.returncode for n, p in self.procs.items() if p.poll() is not None}
        assert not dead, f"Airflow components exited: {dead}\n{self.log_tails()}"

    def wait_for(self, what: str, ready: Callable[[], bool], timeout: float, every: float = 2) -> None:
        deadline = time.monotonic() + timeout
        while True:
            self.check_alive()
            with suppress(Exception):  # not up yet: connection refused, 401 before login, 404...
                if ready():
                    return
            assert time.monotonic() < deadline, f"{what}: not after {timeout:.0f}s\n{self.log_tails()}"
            time.sleep(every)

    def api(self, method: str, path: str, **kwargs: Any) -> Any:
        import httpx

        resp = httpx.request(method, f"{self.base}{path}", headers=self.headers, timeout=30, **kwargs)
        resp.raise_for_status()
        return resp.json()


def _stop(procs: list[subprocess.Popen[bytes]], grace: float = 45) -> None:
    """SIGTERM each component's process group, wait, then SIGKILL whatever is left in its session."""
    for proc in procs:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for proc in procs:
        with suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
    while time.monotonic() < deadline and any(_session_members(p.pid) for p in procs):
        time.sleep(0.5)
    for proc in procs:
        for pid in _session_members(proc.pid):
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        with suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)


def _start(cluster: Cluster, name: str, args: list[str], env: dict[str, str]) -> None:
    log = cluster.logs[name]
    with log.open("wb") as out:  # the child keeps its own copy of the descriptor
        cluster.procs[name] = subprocess.Popen(
            [AIRFLOW, *args], env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


@pytest.fixture
def cluster(
    services: Services, site_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Cluster]:
    """api-server, scheduler, dag-processor and two Celery workers, healthy and logged in."""
    import httpx

    started = time.monotonic()
    port = _free_port()
    home = tmp_path / "airflow"
    home.mkdir()
    (tmp_path / "logs").mkdir()
    warehouse = tmp_path / "warehouse.duckdb"
    feeds = demo_feeds_file(site_url, tmp_path / "feeds.yaml")
    ours = {
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": services.sql_alchemy_conn,
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC": services.sql_alchemy_conn_async,
        "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
        "AIRFLOW__CORE__PARALLELISM": "4",
        "AIRFLOW__CELERY__BROKER_URL": services.broker_url,
        "AIRFLOW__CELERY__RESULT_BACKEND": services.result_backend,
        "AIRFLOW__CELERY__WORKER_CONCURRENCY": "1",
        # Every broker key gets our prefix, so teardown can delete exactly what we wrote.
        "AIRFLOW__CELERY_BROKER_TRANSPORT_OPTIONS__GLOBAL_KEYPREFIX": services.key_prefix,
        # Components that sign tokens (scheduler) and check them (api-server) must agree.
        "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(32),
        "AIRFLOW__API__SECRET_KEY": secrets.token_urlsafe(32),
        "AIRFLOW__API__WORKERS": "1",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
        "AIRFLOW__CORE__HOSTNAME_CALLABLE": "tests.distributed_helpers.celery_worker_hostname",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "MEDIAMON_FEEDS": str(feeds),
        "MEDIAMON_ALLOW_HOSTS": site_host(site_url),  # the workers fetch from the test's sample site
        "MEDIAMON_WAREHOUSE": str(warehouse),
        "MEDIAMON_STAGING": str(tmp_path / "staging"),
        "MEDIAMON_INGEST_SCHEDULE": "none",  # only our API triggers create runs
        "MEDIAMON_EXTRACT_WORKERS": "2",  # a process pool inside a Celery worker's task process
    }
    # airflow_env starts from os.environ: settings of the caller's own Airflow must not leak in.
    for key in os.environ:
        if key.startswith(("AIRFLOW", "MEDIAMON")):
            monkeypatch.delenv(key)
    env = airflow_env(home, port, ours)

    names = ("api-server", "scheduler", "dag-processor", *WORKERS)
    c = Cluster(
        base=f"http://{HOST}:{port}",
        home=home,
        warehouse=warehouse,
        logs={n: tmp_path / "logs" / f"{n}.log" for n in names},
    )
    t0 = time.monotonic()
    prepare(env)  # `airflow db migrate` on PostgreSQL, then the one-slot pool
    c.timings["db_migrate_and_pool_s"] = time.monotonic() - t0
    try:
        t0 = time.monotonic()
        _start(c, "api-server", ["api-server", "--port", str(port), "--host", HOST], env)
        _start(c, "scheduler", ["scheduler"], env)
        _start(c, "dag-processor", ["dag-processor"], env)
        for worker in WORKERS:
            # Each worker serves its task logs on a port of its own (two on one host).
            worker_env = {**env, "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(_free_port())}
            _start(c, worker, ["celery", "worker", "--celery-hostname", f"{worker}@%h", "--concurrency", "1"],
                   worker_env)  # fmt: skip

        def healthy() -> bool:
            health = httpx.get(f"{c.base}/api/v2/monitor/health", timeout=10).json()
            return all(
                health[k]["status"] == "healthy" for k in ("metadatabase", "scheduler", "dag_processor")
            )

        c.wait_for("api-server, scheduler and dag-processor healthy", healthy, STARTUP_TIMEOUT)
        for worker in WORKERS:
            pattern, log = re.compile(rf"\b{worker}@\S+ ready\."), c.logs[worker]
            c.wait_for(
                f"{worker} ready", lambda p=pattern, f=log: bool(p.search(f.read_text())), STARTUP_TIMEOUT
            )
        user, password = login(home)
        token = httpx.post(f"{c.base}/auth/token", json={"username": user, "password": password}, timeout=30)
        token.raise_for_status()
        c.headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        c.wait_for(f"{DAG_ID} parsed", lambda: bool(c.api("GET", f"/api/v2/dags/{DAG_ID}")), STARTUP_TIMEOUT)
        c.timings["startup_to_ready_s"] = time.monotonic() - t0
        c.timings["setup_total_s"] = time.monotonic() - started
        yield c
    finally:
        t0 = time.monotonic()
        _stop(list(c.procs.values()))
        c.timings["shutdown_s"] = time.monotonic() - t0
        leftovers = {n: _session_members(p.pid) for n, p in c.procs.items() if _session_members(p.pid)}
        (tmp_path / "timings.json").write_text(json.dumps(c.timings, indent=2))
        print(f"\ndistributed test timings: {json.dumps({k: round(v, 1) for k, v in c.timings.items()})}")
        assert not leftovers, f"processes survived SIGKILL: {leftovers}"


def _run_dag(c: Cluster) -> tuple[dict, list[dict]]:
    """Trigger media_ingest over REST, wait for it to finish; the run and its task instances."""
    run = c.api("POST", f"/api/v2/dags/{DAG_ID}/dagRuns", json={"logical_date": None})
    run_id = run["dag_run_id"]
    path = f"/api/v2/dags/{DAG_ID}/dagRuns/{run_id}"
    deadline = time.monotonic() + RUN_TIMEOUT
    while True:
        c.check_alive()
        run = c.api("GET", path)
        if run["state"] in ("success", "failed"):
            break
        assert time.monotonic() < deadline, (
            f"run {run_id} still {run['state']} after {RUN_TIMEOUT}s\n{c.log_tails()}"
        )
        time.sleep(3)
    tis = c.api("GET", f"{path}/taskInstances")["task_instances"]
    return run, tis


def _task_log_tails(home: Path, run_id: str) -> str:
    parts = []
    for log in sorted((home / "logs").rglob("*.log")):
        if run_id in str(log):
            parts.append(
                f"----- {log.relative_to(home)} -----\n" + "\n".join(log.read_text().splitlines()[-15:])
            )
    return "\n".join(parts)


def test_media_ingest_runs_on_two_celery_workers_with_postgres_metadata(cluster: Cluster):
    import duckdb

    c = cluster
    assert c.api("GET", f"/api/v2/pools/{POOL}")["slots"] == 1
    c.api("PATCH", f"/api/v2/dags/{DAG_ID}", json={"is_paused": False})

    runs: list[tuple[dict, list[dict]]] = []
    worker_of: dict[str, str] = {}  # task instance id -> worker name, from its reported hostname
    while len(runs) < MAX_RUNS and len(set(worker_of.values())) < 2:
        t0 = time.monotonic()
        run, tis = _run_dag(c)
        c.timings[f"run{len(runs) + 1}_s"] = time.monotonic() - t0
        runs.append((run, tis))
        states = {ti["task_id"]: ti["state"] for ti in tis}
        why = f"{run['dag_run_id']}: {states}\n{c.log_tails()}\n{_task_log_tails(c.home, run['dag_run_id'])}"
        assert run["state"] == "success", why
        assert states == dict.fromkeys(TASKS, "success"), why
        for ti in tis:
            worker_of[ti["id"]] = (ti["hostname"] or "?").split("@")[0]

    # More than one Celery worker executed tasks, as reported by the task instances themselves.
    assert set(worker_of.values()) == set(WORKERS), (
        f"tasks ran on {sorted(set(worker_of.values()))} over {len(runs)} runs; expected both {WORKERS}"
    )
    # Cross-check against the workers' own logs: each task instance's workload was received by the
    # worker its hostname names, and by no other.
    logs = {w: c.logs[w].read_text(errors="replace") for w in WORKERS}
    for ti_id, worker in worker_of.items():
        assert ti_id in logs[worker], f"task instance {ti_id} not in {worker}'s log"
        assert all(ti_id not in text for w, text in logs.items() if w != worker), ti_id

    # Each fetch_articles task extracted with its worker processes, or said why it could not.
    fetch_logs = [p for p in (c.home / "logs").rglob("*.log") if "task_id=fetch_articles" in str(p)]
    assert len(fetch_logs) >= len(runs), sorted(str(p) for p in (c.home / "logs").rglob("*.log"))
    for log in fetch_logs:
        text = log.read_text(errors="replace")
        found = re.search(
            r"extracting with 2 worker processes \(forkserver\)|extraction in this process: .*", text
        )
        assert found, f"{log}: no extraction line\n{text[-3000:]}"
        print(f"{log.parent.name}: {found.group(0)}")

    # The warehouse has the articles, as many as the load tasks reported in their asset events.
    events = c.api("GET", "/api/v2/assets/events", params={"source_dag_id": DAG_ID, "limit": 100})
    extras = [e["extra"] for e in events["asset_events"]]
    assert len(extras) == len(runs)
    assert {e["warehouse"] for e in extras} == {str(c.warehouse.resolve())}
    with duckdb.connect(str(c.warehouse), read_only=True) as con:
        articles = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        loaded_runs = con.execute("SELECT count(*) FROM runs").fetchall()[0][0]
    assert articles > 0
    assert articles == sum(e["loaded"] for e in extras)
    assert loaded_runs == len(runs)
    c.timings["articles"] = articles
    c.timings["runs"] = len(runs)
