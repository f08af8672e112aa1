"""The Docker deployment (docker/), checked without a Docker engine.

The compose file and the Dockerfile are parsed, and everything in them that names Airflow
(config options, CLI commands, executors, the auth manager, the health endpoint, the dags
folder) is checked against the Airflow that uv.lock installs, in one subprocess with a
throwaway AIRFLOW_HOME, so a misspelt, renamed or removed name fails here rather than in a
container.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from pipeline.config import Settings

ROOT = Path(__file__).resolve().parent.parent
DOCKER = ROOT / "docker"
COMPOSE_FILE = DOCKER / "docker-compose.yml"
DOCKERFILE = DOCKER / "Dockerfile"
ENV_EXAMPLE = DOCKER / ".env.example"

# Service name -> the Airflow command it must run (the image's entrypoint prefixes `airflow`).
AIRFLOW_COMPONENTS = {
    "airflow-api-server": ["api-server"],
    "airflow-scheduler": ["scheduler"],
    "airflow-dag-processor": ["dag-processor"],
    "airflow-triggerer": ["triggerer"],
    "airflow-worker": ["celery", "worker"],
    "airflow-flower": ["celery", "flower"],
}
DEFAULT_SERVICES = {
    "postgres",
    "airflow-init",
    "airflow-api-server",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
}
CELERY_SERVICES = {"redis", "airflow-worker"}
# The official image's AIRFLOW_HOME; its entrypoint runs `airflow ARGS` for a plain command.
IMAGE_AIRFLOW_HOME = "/opt/airflow"
AIRFLOW_VAR = re.compile(r"AIRFLOW__([A-Z0-9_]+?)__([A-Z0-9_]+)")
REQUIRED_SETTINGS = {
    ("core", "executor"),
    ("core", "execution_api_server_url"),
    ("core", "fernet_key"),
    ("core", "load_examples"),
    ("core", "auth_manager"),
    ("api_auth", "jwt_secret"),
    ("database", "sql_alchemy_conn"),
}


# --- compose-file helpers ---------------------------------------------------------------------

_INTERPOLATION = re.compile(
    r"\$\$|\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}"
    r"|\$(?P<bare>[A-Za-z_][A-Za-z0-9_]*)"
)


class MissingVariable(Exception):
    pass


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}` and `$$`."""

    def replace(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group("name") or match.group("bare")
        op, arg = match.group("op"), match.group("arg") or ""
        value = env.get(name)
        # With the colon, an empty value counts as unset.
        unset = not value if op and op.startswith(":") else value is None
        if op in (":-", "-"):
            return arg if unset else str(value)
        if op in (":?", "?"):
            if unset:
                raise MissingVariable(f"{name}: {arg}")
            return str(value)
        return value or ""

    return _INTERPOLATION.sub(replace, value)


def referenced_variables(text: str) -> dict[str, str | None]:
    """Variable name -> its operator (None, ':-', ':?', ...) for every `${...}` in the text."""
    found: dict[str, str | None] = {}
    for match in _INTERPOLATION.finditer(text):
        name = match.group("name") or match.group("bare")
        if name:
            found[name] = match.group("op") or found.get(name)
    return found


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


def profiles(service: dict[str, Any]) -> set[str]:
    return set(service.get("profiles", []))


def one_shot(service: dict[str, Any]) -> bool:
    return service.get("restart") == "no" or "tools" in profiles(service)


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {str(k): str(v) for k, v in env.items()}


def resolved_environment(service: dict[str, Any], variables: dict[str, str]) -> dict[str, str]:
    return {k: interpolate(v, variables) for k, v in environment(service).items()}


SECRETS = {
    "POSTGRES_PASSWORD": "pw",
    "AIRFLOW_FERNET_KEY": "fernet",
    "AIRFLOW_JWT_SECRET": "jwt",
    "AIRFLOW_API_SECRET_KEY": "api",
}


def command(service: dict[str, Any]) -> list[str]:
    cmd = service.get("command", [])
    return shlex.split(cmd) if isinstance(cmd, str) else [str(c) for c in cmd]


def built_from_dockerfile(service: dict[str, Any]) -> bool:
    build = service.get("build")
    if not build:
        return False
    context = (DOCKER / build["context"]).resolve()
    return context == ROOT and (context / build.get("dockerfile", "Dockerfile")).resolve() == DOCKERFILE


def airflow_services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Services that run the image with its own entrypoint (the `airflow` CLI)."""
    return {
        name: svc
        for name, svc in services(compose).items()
        if built_from_dockerfile(svc) and "entrypoint" not in svc
    }


def mounts(service: dict[str, Any]) -> list[tuple[str, str]]:
    """(source, target) of every volume entry, short or long syntax."""
    out = []
    for entry in service.get("volumes", []):
        if isinstance(entry, str):
            source, target = entry.split(":")[:2]
        else:
            source, target = entry.get("source", ""), entry["target"]
        out.append((source, target.rstrip("/")))
    return out


def named_mounts(compose: dict[str, Any], service: dict[str, Any]) -> dict[str, str]:
    """Mount target -> named volume, for the volumes declared at the top level."""
    declared = set(compose.get("volumes") or {})
    return {target: source for source, target in mounts(service) if source in declared}


def volume_holding(compose: dict[str, Any], service: dict[str, Any], path: str) -> str | None:
    for target, volume in named_mounts(compose, service).items():
        if path == target or path.startswith(target + "/"):
            return volume
    return None


def shell_commands(script: str) -> Iterator[list[str]]:
    """Each simple command of a shell script (split on newlines, `&&`, `||` and `;`)."""
    for line in script.splitlines():
        for part in re.split(r"&&|\|\||;", line):
            words = shlex.split(part, comments=True)
            if words:
                yield words


def healthcheck_commands(service: dict[str, Any]) -> list[list[str]]:
    test = service["healthcheck"]["test"]
    if isinstance(test, str):
        return list(shell_commands(interpolate(test, {})))
    kind, *rest = test
    if kind == "NONE":  # the healthcheck is disabled
        return []
    if kind == "CMD-SHELL":
        return list(shell_commands(interpolate(" ".join(rest), {})))
    return [rest]


def airflow_invocations(compose: dict[str, Any]) -> dict[str, list[str]]:
    """Every `airflow ...` command line in the compose file, as argv after `airflow`."""
    found: dict[str, list[str]] = {}
    for name, svc in services(compose).items():
        if name in airflow_services(compose):
            argv = command(svc)
            if argv and argv[0] in ("bash", "sh"):
                for words in shell_commands(argv[-1]):
                    if words[0] == "airflow":
                        found[f"{name}: {shlex.join(words)}"] = words[1:]
            elif argv:
                found[f"{name}: command"] = argv
        if "healthcheck" in svc:
            for words in healthcheck_commands(svc):
                if words[0] == "airflow":
                    found[f"{name}: healthcheck"] = words[1:]
    return found


def celery_apps(compose: dict[str, Any]) -> list[str]:
    apps = []
    for svc in services(compose).values():
        if "healthcheck" in svc:
            for words in healthcheck_commands(svc):
                if words[0] == "celery":
                    apps.append(words[words.index("--app") + 1])
    return apps


# --- Dockerfile helpers -----------------------------------------------------------------------


def dockerfile_instructions(path: Path = DOCKERFILE) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with comments dropped and continuation lines joined."""
    instructions, pending = [], ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if line.startswith("#") or (not line and not pending):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        full = (pending + line).strip()
        pending = ""
        if full:
            keyword, _, rest = full.partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


def final_stage(instructions: list[tuple[str, str]]) -> list[tuple[str, str]]:
    last_from = max(i for i, (kw, _) in enumerate(instructions) if kw == "FROM")
    return instructions[last_from:]


def global_args(instructions: list[tuple[str, str]]) -> dict[str, str]:
    args = {}
    for keyword, rest in instructions:
        if keyword == "FROM":
            break
        if keyword == "ARG" and "=" in rest:
            name, value = rest.split("=", 1)
            args[name] = value.strip("\"'")
    return args


def env_instructions(instructions: list[tuple[str, str]]) -> dict[str, str]:
    env = {}
    for keyword, rest in instructions:
        if keyword == "ENV":
            words = shlex.split(rest)
            if "=" in words[0]:
                env.update(word.split("=", 1) for word in words)
            else:
                env[words[0]] = " ".join(words[1:])
    return env


def copy_instructions(instructions: list[tuple[str, str]]) -> list[tuple[list[str], list[str], str]]:
    """(flags, sources, destination) of every COPY."""
    out = []
    for keyword, rest in instructions:
        if keyword in ("COPY", "ADD"):
            words = shlex.split(rest)
            flags = [w for w in words if w.startswith("--")]
            paths = [w for w in words if not w.startswith("--")]
            out.append((flags, paths[:-1], paths[-1]))
    return out


def run_commands(instructions: list[tuple[str, str]]) -> list[list[str]]:
    commands = []
    for keyword, rest in instructions:
        if keyword == "RUN":
            script = re.sub(r"^(--\S+\s+)+", "", rest)  # RUN --mount=... flags
            commands.extend(shell_commands(script))
    return commands


def locked_version(package: str) -> str:
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    return next(p["version"] for p in lock["package"] if p["name"] == package)


# --- The installed Airflow, asked once --------------------------------------------------------

FACTS_SCRIPT = """
import contextlib, importlib, io, json, sys

wanted = json.loads(open(sys.argv[1]).read())

from airflow.configuration import conf

conf.load_providers_configuration()
description = conf.configuration_description
options = {section: sorted(v.get("options", {})) for section, v in description.items()}
defaults = {
    f"{s}.{k}": description[s]["options"][k].get("default") for s, k in wanted["defaults"]
}

from airflow.cli.cli_parser import get_parser

parser = get_parser()
cli = {}
for argv in wanted["cli"]:
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            parser.parse_args(argv)
        cli[json.dumps(argv)] = 0
    except SystemExit as exc:
        cli[json.dumps(argv)] = exc.code or 0


def importable(path):
    module, _, attr = path.replace(":", ".").rpartition(".")
    try:
        return hasattr(importlib.import_module(module), attr)
    except ImportError:
        return False


from airflow.executors.executor_loader import ExecutorLoader
from airflow.api_fastapi.app import RESERVED_URL_PREFIXES
from airflow.api_fastapi.core_api.routes.public import public_router

json.dump(
    {
        "options": options,
        "defaults": defaults,
        "cli": cli,
        "imports": {path: importable(path) for path in wanted["imports"]},
        "executors": {k: importable(v) for k, v in ExecutorLoader.executors.items()},
        "public_paths": sorted(route.path for route in public_router.routes),
        "mounts": list(RESERVED_URL_PREFIXES),
    },
    open(sys.argv[2], "w"),
)
"""


@pytest.fixture(scope="module")
def airflow(compose: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the installed Airflow says about every name the deployment uses."""
    tmp = tmp_path_factory.mktemp("airflow-docker")
    variables = {**SECRETS, "MEDIAMON_EXECUTOR": "CeleryExecutor"}
    classes = [*celery_apps(compose)]
    for svc in airflow_services(compose).values():
        env = resolved_environment(svc, variables)
        if "AIRFLOW__CORE__AUTH_MANAGER" in env:
            classes.append(env["AIRFLOW__CORE__AUTH_MANAGER"])
    wanted = {
        "cli": [*airflow_invocations(compose).values(), ["celery", "worker", "--help"]],
        "imports": classes,
        "defaults": [
            ("core", "dags_folder"),
            ("core", "auth_manager"),
            ("api", "port"),
            ("scheduler", "scheduler_health_check_server_port"),
        ],
    }
    (tmp / "wanted.json").write_text(json.dumps(wanted))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "MEDIAMON"))}
    env.update(
        AIRFLOW_HOME=str(tmp / "home"),
        # The celery command group only exists while a Celery executor is configured.
        AIRFLOW__CORE__EXECUTOR="CeleryExecutor",
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__CORE__UNIT_TEST_MODE="False",
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            FACTS_SCRIPT,
            str(tmp / "wanted.json"),
            str(tmp / "facts.json"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads((tmp / "facts.json").read_text())


# --- compose: services, commands, health, order -----------------------------------------------


def test_compose_declares_the_deployment_and_its_profiles(compose: dict[str, Any]):
    svcs = services(compose)
    assert {n for n, s in svcs.items() if not profiles(s)} == DEFAULT_SERVICES
    for name in CELERY_SERVICES:
        assert "celery" in profiles(svcs[name]), name
    assert set(AIRFLOW_COMPONENTS) <= set(svcs)
    # One image for every Airflow component, built from docker/Dockerfile with the repository
    # root as context (the Dockerfile copies pipeline/, sql/ and dags/ from there).
    images = {svcs[n]["image"] for n in (*AIRFLOW_COMPONENTS, "airflow-init")}
    assert len(images) == 1
    for name in (*AIRFLOW_COMPONENTS, "airflow-init"):
        assert built_from_dockerfile(svcs[name]), name
    # Third-party images are pinned to a release, not `latest`.
    for name in ("postgres", "redis"):
        image = svcs[name]["image"]
        assert re.fullmatch(r"[a-z0-9./-]+:\d[\w.-]*", image), image


def test_components_run_real_airflow_3_commands(compose: dict[str, Any], airflow: dict[str, Any]):
    svcs = services(compose)
    for name, expected in AIRFLOW_COMPONENTS.items():
        assert command(svcs[name]) == expected, name
    invocations = airflow_invocations(compose)
    assert len(invocations) >= len(AIRFLOW_COMPONENTS) + 2  # + init's migrate and pool
    rejected = {where: argv for where, argv in invocations.items() if airflow["cli"][json.dumps(argv)] != 0}
    assert not rejected, f"the installed airflow CLI rejects: {rejected}"


def test_celery_worker_command_exists_in_the_installed_cli(airflow: dict[str, Any]):
    assert airflow["cli"][json.dumps(["celery", "worker", "--help"])] == 0
    assert airflow["executors"]["CeleryExecutor"], "the Celery provider is not installed"


def test_every_long_running_service_has_a_working_healthcheck(
    compose: dict[str, Any], airflow: dict[str, Any]
):
    svcs = services(compose)
    long_running = {name: svc for name, svc in svcs.items() if not one_shot(svc)}
    assert set(AIRFLOW_COMPONENTS) | {"postgres", "redis"} <= set(long_running)
    for name, svc in long_running.items():
        check = svc.get("healthcheck", {})
        assert check.get("test") and check["test"][0] in ("CMD", "CMD-SHELL"), name
        assert not check.get("disable"), name
        assert svc.get("restart") in ("always", "unless-stopped"), name

    # The URLs and programs the checks call exist where they point.
    [api] = healthcheck_commands(svcs["airflow-api-server"])
    url = urlsplit(next(word for word in api if word.startswith("http")))
    assert url.path in airflow["public_paths"]
    assert url.port == int(airflow["defaults"]["api.port"])
    [scheduler] = healthcheck_commands(svcs["airflow-scheduler"])
    url = urlsplit(next(word for word in scheduler if word.startswith("http")))
    assert url.port == int(airflow["defaults"]["scheduler.scheduler_health_check_server_port"])
    assert url.path == "/health"
    env = environment(svcs["airflow-scheduler"])
    assert env.get("AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK", "").lower() == "true", (
        "the scheduler serves /health only with [scheduler] enable_health_check"
    )
    assert celery_apps(compose), "the Celery worker's healthcheck should ping it"
    for app in celery_apps(compose):
        assert airflow["imports"][app], f"celery --app {app} does not import"
    pg_env = environment(svcs["postgres"])
    [pg] = healthcheck_commands(svcs["postgres"])
    assert pg[0] == "pg_isready"
    assert pg[pg.index("--username") + 1] == pg_env["POSTGRES_USER"]
    assert pg[pg.index("--dbname") + 1] == pg_env["POSTGRES_DB"]


def test_start_order_waits_for_health_and_for_the_init(compose: dict[str, Any]):
    svcs = services(compose)
    for name, svc in svcs.items():
        for dep, spec in (svc.get("depends_on") or {}).items():
            assert dep in svcs, f"{name} depends on unknown {dep}"
            condition = spec["condition"]
            if condition == "service_healthy":
                assert "healthcheck" in svcs[dep], f"{name} waits for {dep}'s health, which has no check"
            elif condition == "service_completed_successfully":
                assert one_shot(svcs[dep]), f"{dep} never completes"
            else:
                pytest.fail(f"{name} -> {dep}: {condition} does not wait for readiness")
            # A dependency in a profile the dependent's profiles do not start breaks `up`.
            if profiles(svcs[dep]):
                assert profiles(svc) and profiles(svc) <= profiles(svcs[dep]), f"{name} -> {dep}"
    assert svcs["airflow-init"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in AIRFLOW_COMPONENTS:
        deps = svcs[name]["depends_on"]
        assert deps["postgres"]["condition"] == "service_healthy", name
        assert deps["airflow-init"]["condition"] == "service_completed_successfully", name
    for name in ("airflow-worker", "airflow-flower"):
        assert svcs[name]["depends_on"]["redis"]["condition"] == "service_healthy", name


def string_constants(path: Path) -> dict[str, str]:
    """Module-level `NAME = "..."` assignments of a Python file."""
    found = {}
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    found[target.id] = node.value.value
    return found


def duckdb_pools() -> set[str]:
    """The pools that the DAG files' tasks name (`pool="..."` or a constant, local or imported)."""
    pools = set()
    for path in (ROOT / "dags").glob("*.py"):
        tree = ast.parse(path.read_text())
        constants = string_constants(path)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                source = ROOT / (node.module.replace(".", "/") + ".py")
                if source.exists():
                    imported = string_constants(source)
                    for alias in node.names:
                        if alias.name in imported:
                            constants[alias.asname or alias.name] = imported[alias.name]
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "pool":
                if isinstance(node.value, ast.Constant):
                    pools.add(node.value.value)
                else:
                    assert isinstance(node.value, ast.Name), ast.unparse(node)
                    pools.add(constants[node.value.id])
    return pools


def test_init_migrates_the_database_and_creates_the_one_slot_writer_pool(compose: dict[str, Any]):
    init = services(compose)["airflow-init"]
    argv = command(init)
    assert argv[0] == "bash" and "e" in argv[1].lstrip("-"), "a failed step must fail the init"
    steps = [words[1:] for words in shell_commands(argv[-1]) if words[0] == "airflow"]
    assert steps[0] == ["db", "migrate"]
    created = {step[2]: step[3] for step in steps if step[:2] == ["pools", "set"]}
    pools = duckdb_pools()
    assert "mediamon_duckdb" in pools
    missing = pools - set(created)
    assert not missing, f"the DAGs use pools that the init does not create: {missing}"
    assert created["mediamon_duckdb"] == "1", "DuckDB allows one writer: the pool has one slot"


# --- compose: configuration -------------------------------------------------------------------


def airflow_variables(compose: dict[str, Any]) -> dict[str, str]:
    """Every AIRFLOW__... name anywhere in the compose file or the Dockerfile -> where."""
    found = {}

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(key, where)
                walk(value, f"{where}.{key}" if where else str(key))
        elif isinstance(node, list):
            for item in node:
                walk(item, where)
        elif isinstance(node, str):
            for var in re.findall(r"AIRFLOW__[A-Za-z0-9_]+", node):
                found[var] = f"docker-compose.yml {where}"

    walk(compose, "")  # the parsed document: comments are not in it, x- blocks are
    for keyword, rest in dockerfile_instructions():
        for var in re.findall(r"AIRFLOW__[A-Za-z0-9_]+", rest):
            found[var] = f"Dockerfile {keyword}"
    return found


def test_every_airflow_option_exists_in_the_installed_airflow(
    compose: dict[str, Any], airflow: dict[str, Any]
):
    variables = airflow_variables(compose)
    assert len(variables) >= len(REQUIRED_SETTINGS)
    unknown = []
    for var, where in variables.items():
        match = AIRFLOW_VAR.fullmatch(var)
        if not match:
            unknown.append(f"{var} ({where}): not AIRFLOW__SECTION__KEY")
            continue
        section, key = match.group(1).lower(), match.group(2).lower()
        known = airflow["options"].get(section, [])
        # OPTION_CMD / OPTION_SECRET read OPTION from a command or a secrets backend.
        indirect = re.sub(r"_(cmd|secret)$", "", key)
        # configuration_description lists current names only: an option that was renamed
        # (e.g. [webserver] secret_key -> [api] secret_key) or removed fails here too.
        if key not in known and indirect not in known:
            unknown.append(f"{var} ({where})")
    assert not unknown, f"not options of the installed Airflow: {unknown}"
    # The settings every component needs, set the same way for all of them.
    components = airflow_services(compose)
    shared = [dict(environment(svc)) for svc in components.values()]
    for section, key in REQUIRED_SETTINGS:
        var = f"AIRFLOW__{section.upper()}__{key.upper()}"
        values = {env.get(var) for env in shared}
        assert len(values) == 1 and None not in values, f"{var} differs between components"


def test_urls_point_at_the_services_that_serve_them(compose: dict[str, Any], airflow: dict[str, Any]):
    svcs = services(compose)
    env = resolved_environment(svcs["airflow-scheduler"], SECRETS)

    execution = urlsplit(env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"])
    assert execution.hostname == "airflow-api-server"
    api_targets = {str(p).rsplit(":", 1)[-1] for p in svcs["airflow-api-server"]["ports"]}
    assert api_targets == {str(execution.port)} == {airflow["defaults"]["api.port"]}
    assert "/" + execution.path.strip("/") in airflow["mounts"]

    database = urlsplit(env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"])
    pg_env = resolved_environment(svcs["postgres"], SECRETS)
    assert database.scheme == "postgresql+psycopg2"
    assert database.hostname == "postgres"
    assert (database.username, database.password) == (pg_env["POSTGRES_USER"], pg_env["POSTGRES_PASSWORD"])
    assert database.path.lstrip("/") == pg_env["POSTGRES_DB"]

    broker = urlsplit(env["AIRFLOW__CELERY__BROKER_URL"])
    assert broker.scheme == "redis" and broker.hostname in svcs
    assert "image" in svcs[broker.hostname] and svcs[broker.hostname]["image"].startswith("redis:")


def test_executor_is_local_by_default_and_celery_on_request(compose: dict[str, Any], airflow: dict[str, Any]):
    components = airflow_services(compose)
    for variables, expected in (
        ({}, "LocalExecutor"),
        ({"MEDIAMON_EXECUTOR": "CeleryExecutor"}, "CeleryExecutor"),
    ):
        executors = {
            name: resolved_environment(svc, {**SECRETS, **variables})["AIRFLOW__CORE__EXECUTOR"]
            for name, svc in components.items()
        }
        assert set(executors.values()) == {expected}, executors
        assert airflow["executors"].get(expected), f"{expected} does not import"
    # The switch is documented where people look for it, with the exact command.
    readme = (DOCKER / "README.md").read_text()
    assert "MEDIAMON_EXECUTOR=CeleryExecutor docker compose --profile celery up -d" in readme
    example = ENV_EXAMPLE.read_text()
    assert re.search(r"^# ?MEDIAMON_EXECUTOR=CeleryExecutor$", example, re.M)
    assert re.search(r"^# ?COMPOSE_PROFILES=celery$", example, re.M)


def test_celery_workers_scale(compose: dict[str, Any]):
    worker = services(compose)["airflow-worker"]
    replicas = int(interpolate(str(worker["deploy"]["replicas"]), {}))
    assert replicas >= 2
    # A fixed name or hostname would make every replica the same container / Celery node.
    assert "container_name" not in worker and "hostname" not in worker


def test_named_volumes_hold_the_database_and_the_warehouse(compose: dict[str, Any]):
    svcs = services(compose)
    declared = set(compose["volumes"])

    # PostgreSQL's data directory: /var/lib/postgresql/data up to 17, the parent from 18 on.
    major = int(svcs["postgres"]["image"].split(":")[1].split(".")[0].split("-")[0])
    pgdata = "/var/lib/postgresql/data" if major < 18 else "/var/lib/postgresql"
    assert named_mounts(compose, svcs["postgres"]).get(pgdata) in declared

    # The warehouse and the staging folder: on one named volume, the same in every service
    # that runs tasks (LocalExecutor: the scheduler; CeleryExecutor: every worker).
    volumes = set()
    for name in ("airflow-scheduler", "airflow-worker", "airflow-init"):
        env = resolved_environment(svcs[name], SECRETS)
        for var in ("MEDIAMON_WAREHOUSE", "MEDIAMON_STAGING"):
            volume = volume_holding(compose, svcs[name], env[var])
            assert volume in declared, f"{name}: {var}={env[var]} is not on a named volume"
            volumes.add(volume)
    assert len(volumes) == 1 and "postgres-data" not in volumes


def test_every_named_volume_mount_point_is_writable_by_airflow(compose: dict[str, Any]):
    """A new named volume copies its mount point from the image: it must exist, airflow's."""
    created = set()
    for words in run_commands(final_stage(dockerfile_instructions())):
        if words[:2] == ["install", "-d"] and words[words.index("-o") + 1] in ("airflow", "50000"):
            created |= {w.rstrip("/") for w in words if w.startswith("/")}
    # Made by the official image itself, owned by airflow.
    created |= {f"{IMAGE_AIRFLOW_HOME}/logs", f"{IMAGE_AIRFLOW_HOME}/dags"}
    for name, svc in services(compose).items():
        if built_from_dockerfile(svc):
            for target in named_mounts(compose, svc):
                assert target in created, f"{name}: {target} is not created for airflow in the Dockerfile"


def test_the_password_file_survives_recreation(compose: dict[str, Any], airflow: dict[str, Any]):
    api = services(compose)["airflow-api-server"]
    env = environment(api)
    # The project runs Airflow's default auth manager (`make airflow` sets none).
    assert env["AIRFLOW__CORE__AUTH_MANAGER"] == airflow["defaults"]["core.auth_manager"]
    assert airflow["imports"][env["AIRFLOW__CORE__AUTH_MANAGER"]]
    passwords = env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"]
    assert volume_holding(compose, api, passwords) in compose["volumes"]
    assert passwords in (DOCKER / "README.md").read_text(), "the README says where the password is"


def test_env_example_lists_every_variable_and_no_secret(compose: dict[str, Any]):
    text = COMPOSE_FILE.read_text()
    used = referenced_variables(text)
    required = {name for name, op in used.items() if op in (":?", "?")}
    assert required == set(SECRETS)
    example = ENV_EXAMPLE.read_text()
    assigned = dict(re.findall(r"^([A-Z_][A-Z0-9_]*)=(.*)$", example, re.M))
    for name in required:
        assert assigned.get(name) == "", f"{name} must be in .env.example, empty"
    mentioned = set(re.findall(r"^#? ?([A-Z_][A-Z0-9_]*)=", example, re.M))
    undocumented = set(used) - mentioned - {"HOSTNAME"}
    assert not undocumented, f"used by docker-compose.yml, missing from .env.example: {undocumented}"
    # Without the secrets, compose must refuse to start rather than run with empty ones.
    with pytest.raises(MissingVariable):
        resolved_environment(services(compose)["airflow-scheduler"], {})
    assert ".env" in (DOCKER / ".gitignore").read_text().split()


def test_mediamon_variables_are_ones_the_pipeline_reads(compose: dict[str, Any]):
    sources = "\n".join(p.read_text() for d in ("pipeline", "dags") for p in (ROOT / d).glob("*.py"))
    read = set(re.findall(r"MEDIAMON_([A-Z_]+)", sources)) | set(re.findall(r'_env\("([A-Z_]+)"', sources))
    env: dict[str, str] = {}
    for svc in services(compose).values():
        env.update(environment(svc))
    env.update(env_instructions(dockerfile_instructions()))
    names = {k.removeprefix("MEDIAMON_") for k in env if k.startswith("MEDIAMON_")}
    assert names and names <= read, f"not read by the pipeline: {names - read}"
    # Defaults written into the compose file stay those of the project.
    assert interpolate(env["MEDIAMON_CONTACT"], {}) == Settings().contact
    ingest = (ROOT / "dags" / "media_ingest.py").read_text()
    [schedule] = re.findall(r'"MEDIAMON_INGEST_SCHEDULE",\s*"([^"]*)"', ingest)
    assert interpolate(env["MEDIAMON_INGEST_SCHEDULE"], {}) == schedule


# --- Dockerfile -------------------------------------------------------------------------------


def base_images() -> list[str]:
    instructions = dockerfile_instructions()
    args = global_args(instructions)
    return [interpolate(rest.split()[0], args) for kw, rest in instructions if kw == "FROM"]


def test_base_image_is_the_locked_airflow_on_python_3_11():
    airflow_version = locked_version("apache-airflow")
    images = base_images()
    assert images
    for image in images:
        match = re.fullmatch(r"apache/airflow:(?:slim-)?(\d+\.\d+\.\d+)-python(\d+\.\d+)", image)
        assert match, f"{image} is not an exact official apache/airflow tag"
        assert match.group(1) == airflow_version, f"{image}: uv.lock pins apache-airflow {airflow_version}"
        assert match.group(2) == "3.11"


def test_dockerfile_installs_the_locked_project_without_caches():
    instructions = dockerfile_instructions()
    commands = run_commands(instructions)
    [export] = [c for c in commands if c[:2] == ["uv", "export"]]
    assert {"--frozen", "--no-dev", "--no-emit-project"} <= set(export)
    assert not {"--all-groups", "--only-dev", "--upgrade"} & set(export)
    requirements = export[export.index("--output-file") + 1]
    assert any(c[:2] == ["uv", "build"] and "--wheel" in c for c in commands), "the project is built"

    final = run_commands(final_stage(instructions))
    [install] = [c for c in final if c[:3] == ["uv", "pip", "install"]]
    assert "--no-cache" in install
    assert Path(install[install.index("--requirement") + 1]).name == Path(requirements).name
    assert "apache-airflow==${AIRFLOW_VERSION}" in install, "guards the image's own Airflow"
    assert any(re.fullmatch(r"\S+/mediamon-\*\.whl", word) for word in install)
    assert ["uv", "pip", "check"] in final
    assert not [c for c in final if c[:2] in (["pip", "install"], ["uv", "sync"])]


def test_dockerfile_runs_as_the_airflow_user_and_ships_the_dags(
    compose: dict[str, Any], airflow: dict[str, Any]
):
    final = final_stage(dockerfile_instructions())
    users = [rest for kw, rest in final if kw == "USER"]
    assert users and users[-1] in ("airflow", "50000"), "the image must end as the non-root airflow user"
    dags_folder = airflow["defaults"]["core.dags_folder"].replace("{AIRFLOW_HOME}", IMAGE_AIRFLOW_HOME)
    dag_copies = [dest for _, sources, dest in copy_instructions(final) if sources == ["dags/"]]
    assert [d.rstrip("/") for d in dag_copies] == [dags_folder]
    # The image's MEDIAMON_* paths agree with the compose file's, so `docker run` matches compose.
    image_env = env_instructions(final)
    compose_env = environment(services(compose)["airflow-scheduler"])
    for var in ("MEDIAMON_WAREHOUSE", "MEDIAMON_STAGING"):
        assert image_env[var] == compose_env[var], var


def test_build_context_is_limited_to_what_the_dockerfile_copies():
    patterns = [
        line.strip()
        for line in (DOCKER / "Dockerfile.dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert patterns[0] == "*", "start from nothing: .venv alone is hundreds of MB"
    allowed = {p[1:].rstrip("/") for p in patterns if p.startswith("!")}
    for flags, sources, _ in copy_instructions(dockerfile_instructions()):
        if any(f.startswith("--from") for f in flags):
            continue
        for source in sources:
            top = source.removeprefix("./").split("/")[0]
            assert top in allowed, f"COPY {source}: excluded from the build context"
            assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
    assert not {".venv", ".git", "data", ".airflow", ".tools"} & allowed


def find_uv() -> str | None:
    local = ROOT / ".tools" / "bin" / "uv"
    return shutil.which("uv") or (str(local) if local.exists() else None)


def test_the_dockerfiles_export_yields_the_runtime_packages_and_no_dev_tools():
    uv = find_uv()
    if uv is None:
        pytest.skip("uv is not installed (make setup installs it)")
    [export] = [c for c in run_commands(dockerfile_instructions()) if c[:2] == ["uv", "export"]]
    out = export.index("--output-file")
    argv = [uv, *export[1:out], *export[out + 2 :]]
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", proc.stdout, re.M))
    assert pins["apache-airflow"] == locked_version("apache-airflow")
    # What the compose file's URLs and commands need: psycopg2 for postgresql+psycopg2://,
    # the Celery provider and redis for the broker, flower for `celery flower`.
    for package in ("psycopg2-binary", "apache-airflow-providers-celery", "redis", "flower", "duckdb"):
        assert pins.get(package) == locked_version(package), package
    assert not {"pytest", "ruff", "mypy", "selenium"} & set(pins)
    # The project comes from its wheel, not from the requirements (no `.`, `-e .`, `mediamon`).
    lines = [line.strip() for line in proc.stdout.splitlines() if not line.strip().startswith("#")]
    assert not [line for line in lines if re.match(r"(-e\s+)?\.$|mediamon\b", line)]
