"""`make airflow`: Airflow 3 standalone in the project (SQLite metadata DB), DAGs and pool ready.

With ``demo=True`` it also serves the bundled sample site and points the DAGs at it, so the
whole thing can be watched working with no internet.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from pathlib import Path

from pipeline.config import PACKAGE_DIR
from pipeline.errors import UserError
from pipeline.orchestration import DUCKDB_POOL

PROJECT = PACKAGE_DIR.parent
POOL = DUCKDB_POOL


def airflow_env(home: Path, port: int, extra: dict[str, str] | None = None) -> dict[str, str]:
    venv_bin = str(Path(sys.executable).parent)
    env = dict(os.environ)
    env.update(
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__CORE__DAGS_FOLDER=str(PROJECT / "dags"),
        # 32 idle workers by default (~1 GB); a laptop or a 2-core VM needs few.
        AIRFLOW__CORE__PARALLELISM="4",
        AIRFLOW__API__HOST="127.0.0.1",
        AIRFLOW__API__PORT=str(port),
        # Task processes report to the API server: same port, or every task fails to start.
        AIRFLOW__CORE__EXECUTION_API_SERVER_URL=f"http://127.0.0.1:{port}/execution/",
        # Standalone starts its components as `airflow ...`: the venv must come first on PATH.
        PATH=f"{venv_bin}{os.pathsep}{env.get('PATH', '')}",
        PYTHONPATH=str(PROJECT),
        MEDIAMON_WAREHOUSE=env.get("MEDIAMON_WAREHOUSE", str(PROJECT / "data" / "warehouse.duckdb")),
        MEDIAMON_STAGING=env.get("MEDIAMON_STAGING", str(PROJECT / "data" / "staging")),
        MEDIAMON_QUALITY_DIR=env.get("MEDIAMON_QUALITY_DIR", str(PROJECT / "data" / "quality")),
        MEDIAMON_REPORT_DIR=env.get("MEDIAMON_REPORT_DIR", str(PROJECT / "data" / "reports")),
    )
    env.update(extra or {})
    return env


def prepare(env: dict[str, str]) -> None:
    """Migrate the metadata database and create the DuckDB writer pool (both idempotent)."""
    airflow = str(Path(sys.executable).parent / "airflow")
    for cmd in (
        [airflow, "db", "migrate"],
        [airflow, "pools", "set", POOL, "1", "DuckDB allows one writer process per file"],
    ):
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            raise UserError(f"`{' '.join(cmd[1:])}` failed: {proc.stderr.strip().splitlines()[-1:]}")


def login(home: Path, timeout: float = 120) -> tuple[str, str]:
    """The admin user and the password standalone generated."""
    passwords = home / "simple_auth_manager_passwords.json.generated"
    deadline = time.monotonic() + timeout
    while not passwords.exists():
        if time.monotonic() > deadline:
            raise UserError(f"no password file at {passwords} after {timeout:.0f}s")
        time.sleep(0.5)
    users = json.loads(passwords.read_text())
    user = "admin" if "admin" in users else next(iter(users))
    return user, users[user]


@contextmanager
def _demo_site(port: int, home: Path) -> Iterator[dict[str, str]]:
    from pipeline.sample_site import demo_feeds_file, serve_sample_site, with_allowed

    with serve_sample_site(port) as base_url:
        feeds = demo_feeds_file(base_url, home / "demo-feeds.yaml")
        print(f"sample site: {base_url} (feeds: {feeds})", flush=True)
        # Task processes fetch from the site too: allow exactly its host:port, nothing more.
        allow = with_allowed(base_url, os.environ.get("MEDIAMON_ALLOW_HOSTS"))
        yield {"MEDIAMON_FEEDS": str(feeds), "MEDIAMON_ALLOW_HOSTS": allow}


def run_standalone(home: Path, port: int = 8080, demo: bool = False, demo_port: int = 8765) -> int:
    """Start `airflow standalone` and stay in the foreground until Ctrl-C."""
    home.mkdir(parents=True, exist_ok=True)
    site: AbstractContextManager[dict[str, str]] = _demo_site(demo_port, home) if demo else nullcontext({})
    with site as extra:
        env = airflow_env(home, port, extra)
        prepare(env)
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "airflow"), "standalone"], env=env, start_new_session=True
        )

        def _stop(signum: int, frame: object) -> None:
            raise KeyboardInterrupt  # run the cleanup below on SIGTERM too

        signal.signal(signal.SIGTERM, _stop)
        try:
            user, password = login(home)
            print(f"\nAirflow UI: http://127.0.0.1:{port}  user: {user}  password: {password}\n", flush=True)
            return proc.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            # Standalone starts several processes: stop the whole group.
            _stop_group(proc)


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the whole process group, then SIGKILL whatever is still there after 30 s."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    with suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=30)
    # Components can outlive the standalone parent (the API server's workers): stragglers go.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.5)
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
