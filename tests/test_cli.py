"""The ``mediamon`` command as a user runs it: a real subprocess, real files, real HTTP."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.config import DEMO_SITE_DIR
from tests.conftest import DemoRun

MEDIAMON = [sys.executable, "-m", "pipeline.cli"]


def mediamon(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MEDIAMON, *args], input=stdin, capture_output=True, text=True, timeout=300, env=env
    )


def assert_one_line_error(proc: subprocess.CompletedProcess, text: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("mediamon: error: ") and text in lines[0], lines[0]
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("command", [[], ["run"], ["demo"], ["extract"], ["tag"], ["query"], ["feeds"]])
def test_help_everywhere(command: list[str]):
    proc = mediamon(*command, "--help")
    assert proc.returncode == 0 and "Usage" in proc.stdout


def test_user_mistakes_get_one_line_and_nonzero_exit(tmp_path: Path):
    assert_one_line_error(mediamon("run", "--feeds", str(tmp_path / "nope.yaml")), "feeds file not found")
    bad = tmp_path / "bad.yaml"
    bad.write_text("feeds:\n  - url: a: b\n")
    assert_one_line_error(
        mediamon("run", "--feeds", str(bad)), "not valid YAML (line 2: mapping values are not allowed here)"
    )
    assert_one_line_error(
        mediamon("query", "runs", "--warehouse", str(tmp_path / "none.duckdb")), "warehouse not found"
    )
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a duckdb file\n" * 200)
    assert_one_line_error(mediamon("query", "runs", "--warehouse", str(junk)), "cannot open warehouse")
    assert_one_line_error(mediamon("extract", str(tmp_path / "missing.html")), "file not found")
    assert_one_line_error(mediamon("tag", stdin='{"id": 1, "text": "ok"}\nnot json\n'), "line 2: not JSON")


def test_extract_prints_text_and_metadata_as_json():
    page = DEMO_SITE_DIR / "lejournalia/2026/11/microsoft-openai-clause-agi.html"
    proc = mediamon("extract", str(page), "--url", "https://lejournalia.example/2026/11/x.html")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["language"] == "fr" and doc["site_name"] == "Le Journal de l'IA"
    assert doc["author"] and doc["title"] and doc["word_count"] > 300
    assert doc["removed_related_blocks"] == 1 and "Lire aussi" not in doc["text"]
    shell = (DEMO_SITE_DIR / "techwire/2026/11/deepmind-gemini-3-deep-think.html").read_text()
    proc = mediamon("extract", "-", stdin=shell)
    assert proc.returncode == 1 and json.loads(proc.stdout)["error"].startswith("extracted text too short")


def test_tag_reads_json_lines(tmp_path: Path):
    lines = [
        {
            "id": "a",
            "title": "Nvidia's results",
            "text": "Nvidia reported record quarterly revenue from its AI chips and raised guidance for its earnings.",
            "language": "en",
        },
        {
            "id": 7,
            "title": "Tarte aux pommes",
            "text": "Une recette de tarte aux pommes pour le dimanche, avec des pommes bien mûres, du beurre, du sucre et une pâte brisée maison.",
        },
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    proc = mediamon("tag", "--input", str(src))
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert out[0] == {
        "id": "a",
        "language": "en",
        "companies": ["nvidia"],
        "topics": out[0]["topics"],
        "ai_relevant": True,
    }
    assert "earnings" in out[0]["topics"]
    assert out[1] == {
        "id": 7,
        "language": "fr",
        "companies": [],
        "topics": [],
        "ai_relevant": False,
    }  # language detected


def test_tag_explain_shows_the_evidence():
    doc = {
        "id": 1,
        "title": "Apple pie and Apple Intelligence",
        "text": "Apple pie is a classic.\nApple Inc. said its artificial intelligence features reach more iPhone models.\nRead also\nNvidia beats estimates on data centre demand",
        "language": "en",
    }
    proc = mediamon("tag", "--explain", stdin=json.dumps(doc))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["companies"] == ["apple"]
    ev = out["evidence"]
    reasons = {m["text"]: m["why"] for m in ev["companies"]["apple"]}
    assert reasons["Apple Inc"] == "alias" and reasons["iPhone"] == "product"
    assert any(m["kind"] == "related" and "Nvidia" in m["text"] for m in ev["masked"])
    assert ev["relevance"]["score"] >= 0.5


def test_query_and_feeds_read_the_warehouse(demo_run: DemoRun):
    wh = str(demo_run.settings.warehouse)
    proc = mediamon(
        "query",
        "SELECT company_id, count(*) AS n FROM article_companies GROUP BY ALL ORDER BY n DESC, company_id",
        "-w",
        wh,
        "--format",
        "csv",
    )
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert rows[0].keys() == {"company_id", "n"} and int(rows[0]["n"]) >= 5
    proc = mediamon("query", "company_mentions_daily", "-w", wh, "--format", "json", "--limit", "5")
    assert len(json.loads(proc.stdout)) == 5
    proc = mediamon("query", "topics_weekly", "-w", wh)
    assert proc.returncode == 0 and "rows" in proc.stdout
    assert_one_line_error(mediamon("query", "SELEC nonsense", "-w", wh), "query failed: Parser Error")
    assert_one_line_error(
        mediamon("query", "no_such_view", "-w", wh), "no table or view named 'no_such_view'"
    )
    assert_one_line_error(mediamon("query", "DELETE FROM runs", "-w", wh), "read-only")
    for command in (["query", "runs"], ["feeds"]):
        assert_one_line_error(
            mediamon(*command, "-w", wh, "--format", "xml"), "--format must be table, csv or json"
        )
    proc = mediamon("feeds", "-w", wh, "--format", "json")
    feeds = {f["feed_id"]: f for f in json.loads(proc.stdout)}
    assert (
        feeds["discontinued"]["last_status"] == "error" and feeds["discontinued"]["last_error"] == "HTTP 404"
    )


def test_feeds_lists_the_default_real_feeds_without_a_warehouse(tmp_path: Path):
    proc = mediamon("feeds", "-w", str(tmp_path / "none.duckdb"), "--format", "json")
    feeds = json.loads(proc.stdout)
    assert len(feeds) >= 12
    assert {f["language"] for f in feeds} == {"en", "fr"}
    assert all(f["url"].startswith("https://") and f["last_status"] == "never fetched" for f in feeds)


@pytest.mark.slow
def test_demo_command_end_to_end(tmp_path: Path):
    wh = tmp_path / "demo.duckdb"
    port = str(free_port())
    proc = mediamon("demo", "--warehouse", str(wh), "--port", port, "--no-progress")
    assert proc.returncode == 0, proc.stderr
    for text in (
        "articles loaded",
        "quarantined",
        "skipped as duplicates",
        "Articles per company per day",
        "Top topics",
    ):
        assert text in proc.stdout
    again = mediamon("demo", "--warehouse", str(wh), "--port", port, "--no-progress")
    assert again.returncode == 0, again.stderr
    assert "(0 new)" in again.stdout


def test_demo_port_in_use_is_a_clear_error(tmp_path: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        proc = mediamon("demo", "--warehouse", str(tmp_path / "w.duckdb"), "--port", port)
    assert_one_line_error(proc, f"cannot serve the sample site on 127.0.0.1:{port}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_heavy_modules_stay_unimported_until_used():
    code = (
        "import sys, pipeline.cli, pipeline.run, pipeline.warehouse, pipeline.validation\n"
        "print(sorted(m for m in ('great_expectations', 'scipy', 'altair') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "[]", proc.stderr
