"""``make bench``: run every benchmark and write docs/BENCHMARKS.md."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import bench_marts, bench_memory, bench_tagging, bench_throughput

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "BENCHMARKS.md"


def python_speed(rounds: int = 5) -> float:
    """Milliseconds for two million additions in a pure-Python loop (median of ``rounds``): a
    yardstick of the machine's single-core Python speed, to compare runs on different machines
    (two machines that name the same CPU model can differ by a factor of two or more)."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        total = 0
        for i in range(2_000_000):
            total += i
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    return (
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at commit `{commit or 'unknown'}` "
        f"on {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}. "
        "These machines are shared and noisy: compare the columns of one run (ratios), "
        "not figures across runs. Machine speed: a pure-Python loop of two million additions "
        f"took {python_speed():.0f} ms here (median of 5), a yardstick for figures such as "
        "articles/s measured on other machines."
    )


def main() -> None:
    sections = [bench_tagging.run(), bench_marts.run(), bench_throughput.run(), bench_memory.run()]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("# Benchmarks\n\n" + machine() + "\n\n" + "\n\n".join(sections) + "\n", encoding="utf-8")
    print(OUT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
