"""Memory at scale: the tag, validate and load stages on 10,000 and 100,000 staged articles.

Run with ``make bench`` (the "Memory at scale" section of docs/BENCHMARKS.md) or alone:
``python -m benchmarks.bench_memory [articles ...]``. Not a test: one run on whatever machine
runs it. A site serving 100,000 pages would take a benchmark half an hour, so the articles are
staged as the fetch stages leave them (benchmarks/staged_run.py: 3-6 KB of generated text
each, with story signatures) and the three later stages run on them in a process of their
own, as ``mediamon run`` runs them; the peak memory is that of its process tree (workers and
the validation process included). The baseline is the smaller run, in the same benchmark: a
run that held its articles would need about ten times the memory at ten times the articles.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_throughput import ROOT, _mb, run_measured
from benchmarks.staged_run import stage
from pipeline.config import Settings

SIZES = (10_000, 100_000)


def measure(n: int, work: Path) -> dict[str, float]:
    folder = work / str(n)
    stage(Settings(warehouse=folder / "warehouse.duckdb"), folder / "staging", n)
    out = folder / "stages.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    seconds, rss, pss, cpu, code = run_measured(
        [sys.executable, "-m", "benchmarks.staged_run", "run", str(folder)], env, out
    )
    result = json.loads(out.read_text(encoding="utf-8").strip().splitlines()[-1]) if code == 0 else {}
    staged = sum(f.stat().st_size for f in (folder / "staging").rglob("articles.parquet"))
    return {"seconds": seconds, "rss": rss, "pss": pss, "cpu": cpu, "code": code, "staged": staged, **result}


def run(sizes: tuple[int, ...] = SIZES) -> str:
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        results = {n: measure(n, Path(tmp)) for n in sizes}
    return render(results)


def render(results: dict[int, dict[str, float]]) -> str:
    rows = []
    for n, r in results.items():
        if r["code"]:
            rows.append(f"| {n:,} | failed (exit {r['code']}) | | | | | | |")
            continue
        rows.append(
            f"| {n:,} | {_mb(int(r['staged']))} | {r['seconds']:,.1f} | {r['tag_s']:,.1f} "
            f"| {r['validate_s']:,.1f} | {r['load_s']:,.1f} | {_mb(int(r['pss']))} | {_mb(int(r['rss']))} |"
        )
    small, large = (results[n] for n in (min(results), max(results)))
    ratio = (
        f"{large['pss'] / small['pss']:.2f}× the peak PSS ({large['rss'] / small['rss']:.2f}× the RSS) "
        f"for {max(results) / min(results):.0f}× the articles"
        if not small["code"] and not large["code"]
        else "not measured (a run failed)"
    )
    return "\n".join(
        [
            "## Memory at scale",
            "",
            "The tag, validate and load stages of one run, on articles staged as the fetch stages "
            "leave them (generated text of 3-6 KB each, with story signatures but no tags, as with "
            "`MEDIAMON_TAG_AT_EXTRACTION=0`, so that the tag stage tags every article, its heavier "
            "path; `benchmarks/staged_run.py`), in a process of their own as `mediamon run` runs them. "
            "Peak PSS and RSS of the process tree (tagging workers and the validation process "
            "included), sampled every 250 ms and 50 ms. The smaller run is the baseline: "
            f"the larger one took {ratio}.",
            "",
            "| articles | staged text (Parquet) | seconds | tag | validate | load | peak PSS | peak RSS |",
            "|---|---|---|---|---|---|---|---|",
            *rows,
            "",
            "Each stage holds a batch of texts (2,000 to tag, 5,000 to validate); the load hands the "
            "staged files to DuckDB, which gets `MEDIAMON_LOAD_MEMORY_MB` (512) and spills the rest of "
            "the run's rows to its temporary directory until the run's single transaction commits "
            "(and while it rebuilds the marts). Per article the run "
            "keeps its ids, its 512-byte story signature and 384 bytes of LSH band keys.",
        ]
    )


if __name__ == "__main__":
    print(run(tuple(int(a) for a in sys.argv[1:]) or SIZES))
