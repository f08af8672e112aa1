"""``make bench``: run every benchmark and write docs/BENCHMARKS.md."""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import bench_marts, bench_memory, bench_tagging, bench_throughput

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "BENCHMARKS.md"


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
        "not figures across runs."
    )


def main() -> None:
    sections = [bench_tagging.run(), bench_marts.run(), bench_throughput.run(), bench_memory.run()]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("# Benchmarks\n\n" + machine() + "\n\n" + "\n\n".join(sections) + "\n", encoding="utf-8")
    print(OUT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
