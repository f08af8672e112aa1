"""Throughput: ``mediamon run`` end to end against trafilatura's own feed crawler, same site.

Run with ``make bench`` (the "Throughput" section of docs/BENCHMARKS.md) or alone:
``python -m benchmarks.bench_throughput [articles ...]``. Not a test: one run on whatever
machine runs it; compare the columns of one run.

The site (benchmarks/bench_site.py) is generated, served by one threaded process on
127.0.10.1..N with 100 ms per response, and counts requests in flight per host. Both tools
are run as a user would, as subprocesses on a fresh output, with the same feeds file; the
peak memory is that of the whole process tree (workers included), polled every 50 ms.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import psutil

from benchmarks.bench_site import SiteSpec, generate, resolver_shim, serve_site
from pipeline.config import Settings
from pipeline.records import FeedEntry, Page

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SIZES = (1_000, 5_000)
PUBLISHERS = {1_000: 20, 5_000: 50}
LATENCY = 0.1
EXTRACT_PAGES = int(os.environ.get("BENCH_EXTRACT_PAGES", "200"))
EXTRACT_ROUNDS = 5
TRAFILATURA_PARALLEL = 16
PSS_EVERY = 5  # samples: RSS and CPU every 50 ms, PSS every 250 ms
DIRECT = "trafilatura.bare_extraction(with_metadata=True)"
# What mediamon's extraction runs first (its cascade falls back to the full extraction only
# for pages where this finds too little text): the like-for-like baseline for its overhead.
FAST = "trafilatura.bare_extraction(with_metadata=True, fast=True)"
# The pool's workers also identify each article's language, sign its text for story
# clustering and tag it, as in a run: these rows do more per page than build_article.
POOL_1 = "ExtractionPool, 1 worker process (build_article + language + story signature + tags)"
POOL_2 = "ExtractionPool, 2 worker processes (build_article + language + story signature + tags)"


@dataclass
class Measured:
    """One tool's run over the site."""

    articles: int
    seconds: float
    peak_rss: int
    peak_pss: int
    peak_in_flight: int
    requests: int
    stage_seconds: dict[str, float] = field(default_factory=dict)
    status: str = "success"
    connections: int = 0  # TCP connections the site saw (kept alive, so far fewer than requests)
    cpu_seconds: float = 0.0  # user + system, summed over the process tree

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def _sample_tree(proc: psutil.Process, cpu: dict[int, float], with_pss: bool) -> tuple[int, int]:
    """The RSS and (``with_pss``, else 0) the PSS of ``proc`` and its descendants, summed;
    records each one's CPU seconds so far in ``cpu``. RSS counts a page shared by forked
    workers once per process; PSS splits it between them, so its sum is the memory the tree
    really holds. PSS means reading every process's smaps (milliseconds each), so it is
    sampled less often, to keep the measuring from taking CPU from the measured."""
    rss = pss = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error), p.oneshot():
            if with_pss:
                full = p.memory_full_info()
                rss += full.rss
                pss += full.pss
            else:
                rss += p.memory_info().rss
            times = p.cpu_times()
            cpu[p.pid] = times.user + times.system
    return rss, pss


def run_measured(cmd: list[str], env: dict[str, str], stdout: Path) -> tuple[float, int, int, float, int]:
    """Run ``cmd``; return its wall seconds, the peak RSS and PSS and the CPU seconds of its
    process tree (sampled every 50 ms, PSS every 250 ms, so the last moments of each process
    are missed) and its exit code."""
    with stdout.open("wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.PIPE, cwd=stdout.parent)
        watched = psutil.Process(proc.pid)
        peak = peak_pss = samples = 0
        cpu: dict[int, float] = {}
        while proc.poll() is None:
            with contextlib.suppress(psutil.Error):
                rss, pss = _sample_tree(watched, cpu, with_pss=samples % PSS_EVERY == 0)
                peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            samples += 1
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode:
        print(f"{cmd[0]} exited with {proc.returncode}:\n{err[-2000:]}", file=sys.stderr)
    return seconds, peak, peak_pss, sum(cpu.values()), proc.returncode


def _env(shim: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIAMON_")}
    env.update(PYTHONPATH=str(shim), PATH=f"{VENV_BIN}:{env.get('PATH', '')}", **extra)
    return env


def run_mediamon(
    site_feeds: list[str],
    tmp: Path,
    shim: Path,
    site: object,
    per_host_delay: float | None = None,
    max_concurrency: int | None = None,
) -> Measured:
    """``mediamon run`` into a fresh warehouse; figures from its ``runs`` row.

    ``per_host_delay`` sets MEDIAMON_PER_HOST_DELAY and ``max_concurrency``
    MEDIAMON_MAX_CONCURRENCY (None: mediamon's defaults).
    """
    tmp = tmp / f"mediamon-delay-{per_host_delay}-concurrency-{max_concurrency}"
    tmp.mkdir()
    feeds = tmp / "mediamon-feeds.yaml"
    feeds.write_text(
        "feeds:\n" + "".join(f"  - id: p{i}\n    url: {u}\n" for i, u in enumerate(site_feeds, 1)),
        encoding="utf-8",
    )
    warehouse = tmp / "warehouse.duckdb"
    env = _env(
        shim,
        MEDIAMON_WAREHOUSE=str(warehouse),
        MEDIAMON_STAGING=str(tmp / "staging"),
        MEDIAMON_QUALITY_DIR=str(tmp / "quality"),
        MEDIAMON_REPORT_DIR=str(tmp / "reports"),
        MEDIAMON_ALLOW_HOSTS="127.0.10.0/24",
        COLUMNS="400",
        **({} if per_host_delay is None else {"MEDIAMON_PER_HOST_DELAY": str(per_host_delay)}),
        **({} if max_concurrency is None else {"MEDIAMON_MAX_CONCURRENCY": str(max_concurrency)}),
    )
    cmd = [str(VENV_BIN / "mediamon"), "run", "--feeds", str(feeds), "--no-progress", "--no-trends"]
    site.reset()  # type: ignore[attr-defined]
    seconds, rss, pss, cpu, _code = run_measured(cmd, env, tmp / "mediamon.out")
    stats = site.stats()  # type: ignore[attr-defined]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute("SELECT status, loaded FROM runs").fetchone()
    status, loaded = row if row else ("missing", 0)
    # The runs row is written inside the load, before its own time is known: the stage times
    # come from the summary the command prints (one line, COLUMNS keeps rich from wrapping it).
    printed = (tmp / "mediamon.out").read_text(encoding="utf-8")
    stages = {k: float(v) for k, v in re.findall(r"\b([a-z_]+) (\d+\.\d+)s\b", printed)}
    return Measured(
        articles=int(loaded), seconds=seconds, peak_rss=rss, peak_pss=pss,
        peak_in_flight=max(stats["peak"].values(), default=0),
        requests=sum(stats["requests"].values()), stage_seconds=stages, status=str(status),
        connections=sum(stats["connections"].values()), cpu_seconds=cpu,
    )  # fmt: skip


def trafilatura_config(path: Path) -> Path:
    """trafilatura's own settings.cfg with the two changes a loopback site needs."""
    import trafilatura

    text = (Path(trafilatura.__file__).parent / "settings.cfg").read_text(encoding="utf-8")
    text = text.replace("SLEEP_TIME = 5.0", "SLEEP_TIME = 0").replace(
        "SSRF_PROTECTION = on", "SSRF_PROTECTION = off"
    )
    if "SLEEP_TIME = 0\n" not in text or "SSRF_PROTECTION = off" not in text:
        raise RuntimeError("trafilatura's settings.cfg changed: update the benchmark's config")
    path.write_text(text, encoding="utf-8")
    return path


def run_trafilatura(site_feeds: list[str], tmp: Path, shim: Path, site: object) -> Measured:
    """trafilatura's CLI in feed mode, 16 threads, JSON with metadata; one JSON line per article."""
    feeds = tmp / "trafilatura-feeds.txt"
    feeds.write_text("\n".join(site_feeds) + "\n", encoding="utf-8")
    cfg = trafilatura_config(tmp / "trafilatura.cfg")
    cmd = [str(VENV_BIN / "trafilatura"), "--input-file", str(feeds), "--feed",
           "--parallel", str(TRAFILATURA_PARALLEL), "--json", "--with-metadata",
           "--config-file", str(cfg)]  # fmt: skip
    site.reset()  # type: ignore[attr-defined]
    out = tmp / "trafilatura.out"
    seconds, rss, pss, cpu, code = run_measured(cmd, _env(shim), out)
    stats = site.stats()  # type: ignore[attr-defined]
    docs = sum(1 for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("{"))
    return Measured(
        articles=docs, seconds=seconds, peak_rss=rss, peak_pss=pss,
        peak_in_flight=max(stats["peak"].values(), default=0),
        requests=sum(stats["requests"].values()), status="success" if code == 0 else f"exit {code}",
        connections=sum(stats["connections"].values()), cpu_seconds=cpu,
    )  # fmt: skip


def _pages(spec: SiteSpec, n: int) -> list[tuple[FeedEntry, Page]]:
    docs = generate(spec)
    out = []
    for (address, path), (ctype, body) in docs.items():
        if not ctype.startswith("text/html"):
            continue
        url = f"http://{address}:{spec.port}{path}"
        entry = FeedEntry("p", url, url, None, None, None, None)
        out.append((entry, Page(url, url, body.decode("utf-8"), 200)))
        if len(out) == n:
            break
    return out


def _pool_rate(pages: list[tuple[FeedEntry, Page]], workers: int, use_processes: bool) -> float:
    """Pages per second through the pipeline's ExtractionPool (started outside the timing)."""
    from pipeline.extraction import ExtractionPool

    fetched_at = datetime.now(UTC)

    async def all_pages(pool: ExtractionPool) -> None:
        await asyncio.gather(*(pool.submit(e, p, fetched_at) for e, p in pages))

    with ExtractionPool(workers, use_processes=use_processes, tag_with=Settings.from_env()) as pool:
        asyncio.run(all_pages(pool))  # warm-up: imports, lxml and trafilatura caches
        rates = []
        for _ in range(EXTRACT_ROUNDS):
            started = time.perf_counter()
            asyncio.run(all_pages(pool))
            rates.append(len(pages) / (time.perf_counter() - started))
        return statistics.median(rates)


def extraction_rates() -> dict[str, float]:
    """Pages/s on the same pages: trafilatura called directly, our extraction, the pool."""
    import trafilatura

    from pipeline.articles import build_article

    pages = _pages(SiteSpec(publishers=10, articles=EXTRACT_PAGES), EXTRACT_PAGES)
    fetched_at = datetime.now(UTC)
    ways = {
        DIRECT: lambda e, p: trafilatura.bare_extraction(
            p.html, url=p.url, with_metadata=True
        ),
        FAST: lambda e, p: trafilatura.bare_extraction(p.html, url=p.url, with_metadata=True, fast=True),
        "trafilatura.extract(json, with_metadata=True) (what its CLI runs)": lambda e, p: trafilatura.extract(
            p.html, url=p.url, output_format="json", with_metadata=True
        ),
        "pipeline build_article (extract_article + the Article row)": lambda e, p: build_article(
            e, p, fetched_at
        ),
    }  # fmt: skip
    rates: dict[str, list[float]] = {k: [] for k in ways}
    for fn in ways.values():
        for e, p in pages[:20]:
            fn(e, p)  # warm-up
    for _ in range(EXTRACT_ROUNDS):  # interleaved rounds, median
        for name, fn in ways.items():
            started = time.perf_counter()
            for e, p in pages:
                fn(e, p)
            rates[name].append(len(pages) / (time.perf_counter() - started))
    out = {k: statistics.median(v) for k, v in rates.items()}
    out[POOL_1] = _pool_rate(pages, 1, use_processes=True)
    out[POOL_2] = _pool_rate(pages, 2, use_processes=True)
    return out


def _mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB"


def run(sizes: tuple[int, ...] = SIZES) -> str:
    results: dict[int, tuple[Measured, Measured, Measured, Measured]] = {}
    # Extraction per core first, before the runs: measured right after the 5,000-article runs, the
    # same code's overhead over trafilatura's call read 18% in one bench (2026-11-28), and 10-11%
    # when the same function ran in a process of its own or right after the 1,000-article runs.
    extraction = extraction_rates()
    with tempfile.TemporaryDirectory(prefix="bench-throughput-") as tmp_name:
        tmp = Path(tmp_name)
        shim = tmp / "shim"
        shim.mkdir()
        (shim / "sitecustomize.py").write_text(resolver_shim(), encoding="utf-8")
        for size in sizes:
            spec = SiteSpec(publishers=PUBLISHERS.get(size, 20), articles=size, latency=LATENCY, names=True)
            with serve_site(spec) as site:
                work = tmp / str(size)
                work.mkdir()
                # Theirs first, then ours: the page cache and the site are equally warm for both.
                theirs = run_trafilatura(spec.feed_urls(), work, shim, site)
                # Like for like: trafilatura runs with SLEEP_TIME = 0, so mediamon without its
                # pause between request starts to one host; then once more with its default.
                ours = run_mediamon(spec.feed_urls(), work, shim, site, per_host_delay=0.0)
                # Also with trafilatura's --parallel 16 as the overall cap (mediamon's is higher).
                capped = run_mediamon(
                    spec.feed_urls(),
                    work,
                    shim,
                    site,
                    per_host_delay=0.0,
                    max_concurrency=TRAFILATURA_PARALLEL,
                )
                polite = run_mediamon(spec.feed_urls(), work, shim, site)
                results[size] = (ours, theirs, polite, capped)
    return render(results, extraction)


def render(
    results: dict[int, tuple[Measured, Measured, Measured, Measured]], extraction: dict[str, float]
) -> str:
    rows = []
    delay = f"{Settings().per_host_delay:g} s"
    for size, (ours, theirs, polite, capped) in results.items():
        for name, m in (
            ("mediamon run, per-host delay 0", ours),
            ("trafilatura --feed, SLEEP_TIME = 0", theirs),
            (f"mediamon run, per-host delay 0, {TRAFILATURA_PARALLEL} in flight overall", capped),
            (f"mediamon run, default per-host delay ({delay})", polite),
        ):
            rows.append(
                f"| {size:,} | {PUBLISHERS.get(size, 20)} | {name} | {m.status} | {m.articles:,} "
                f"| {m.seconds:,.1f} | {m.cpu_seconds:,.1f} "
                f"| {m.rate:,.1f} | {_mb(m.peak_pss)} | {_mb(m.peak_rss)} | {m.peak_in_flight} "
                f"| {m.requests:,} "
                f"| {m.connections:,} |"
            )
        rows.append(
            f"| {size:,} | | **ratio ours/theirs, both without delay** | | | | "
            f"**{ours.rate / theirs.rate if theirs.rate else 0:.2f}×** | | | | | | |"
        )
    stage_rows = []
    for size, (ours, *_) in results.items():
        st = ours.stage_seconds
        total = ours.seconds
        named = {
            k: st.get(k, 0.0)
            for k in ("fetch_feeds", "fetch_pages", "extract", "tag", "cluster", "validate", "load")
        }
        rest = total - sum(v for k, v in named.items() if k != "cluster")  # cluster runs within tag
        others = named["tag"] + named["validate"] + named["load"] + named["extract"]
        cells = " | ".join(f"{v:,.1f} ({v / total:.0%})" for v in named.values())
        stage_rows.append(
            f"| {size:,} | {total:,.1f} | {cells} | {st.get('extract_busy', 0):,.1f} "
            f"| {rest:,.1f} ({rest / total:.0%}) "
            f"| {others / total:.0%} |"
        )
    scaling = ""
    if len(results) >= 2:
        (a, (oa, ta, *_)), (b, (ob, tb, *_)) = sorted(results.items())[:2]
        scaling = (
            f"Scaling {a:,} → {b:,} articles ({b / a:.0f}× the work): mediamon's time grew "
            f"{ob.seconds / oa.seconds:.2f}× (articles/s {oa.rate:,.1f} → {ob.rate:,.1f}), trafilatura's "
            f"{tb.seconds / ta.seconds:.2f}× ({ta.rate:,.1f} → {tb.rate:,.1f}); peak memory "
            f"{_mb(oa.peak_pss)} → {_mb(ob.peak_pss)} (PSS) for mediamon, "
            f"{_mb(ta.peak_pss)} → {_mb(tb.peak_pss)} for trafilatura."
        )
    direct = extraction[DIRECT]
    fast = extraction[FAST]
    ours_one = extraction["pipeline build_article (extract_article + the Article row)"]
    one, two = extraction[POOL_1], extraction[POOL_2]
    ext_rows = [f"| {k} | {v:,.1f} | {v / direct:.2f} |" for k, v in extraction.items()]
    return "\n".join(
        [
            "## Throughput",
            "",
            "A generated site (benchmarks/bench_site.py): N publishers, each on its own loopback address "
            "127.0.10.N (one port for all), one RSS feed each and article pages of 3-6 KB of original "
            "en/fr template text about AI companies inside a news page's chrome (navigation, related "
            "links, footer). One threaded server process answers every address after "
            f"{LATENCY * 1000:.0f} ms "
            "(a sleep, no lock held) and counts the requests in flight per address. Hosts are named "
            "pN.bench.test (trafilatura's URL checks drop `IP:port` URLs and port 80 needs root), "
            "resolved to 127.0.10.N by the same `sitecustomize` shim in both tools' processes.",
            "",
            "Each tool runs once per size as a user would, as a subprocess on the same feeds, wall "
            "time including its start-up; peak memory summed over the process tree (mediamon's "
            "extraction workers, fork server and validation process included), polled every 50 ms "
            "(PSS every 250 ms), as PSS (a page shared by forked processes counted once, split "
            "between them: the memory the tree holds) and as RSS (counted in every process that "
            "maps it). **mediamon**: "
            "`mediamon run` into a "
            "fresh DuckDB warehouse (fetch feeds, fetch pages, extract, tag, Great Expectations "
            f"validation, load), defaults: {Settings().max_concurrency} requests at once, at most "
            f"{Settings().per_host_concurrency} per host, one extraction "
            f"process per core ({os.cpu_count()} here); articles = rows loaded. **trafilatura**: "
            f"`trafilatura --input-file FEEDS --feed --parallel {TRAFILATURA_PARALLEL} --json "
            "--with-metadata` with its own "
            "settings.cfg except `SLEEP_TIME = 0` and `SSRF_PROTECTION = off`; articles = JSON "
            "documents printed. It only fetches and extracts (no tagging, validation or storage). "
            "CPU seconds = user + system time of the whole process tree (workers included): with "
            f"{os.cpu_count()} cores shared with the site's server (and whatever else runs on the "
            "machine), a tool that needs more CPU than the cores can give is bound by it, not by "
            "the network. "
            "In flight = the most requests the server saw at once on one host; connections = TCP "
            "connections the site saw (it keeps them alive, as news sites do). trafilatura sleeps "
            "nothing between requests to a host here, so the comparison row runs mediamon with "
            "`MEDIAMON_PER_HOST_DELAY=0` too, and once more with trafilatura's "
            f"`--parallel {TRAFILATURA_PARALLEL}` as its overall cap; the last row of each size is "
            f"mediamon with its default pause of {delay} between request starts to one host.",
            "",
            "| articles | feeds | tool | status | articles out | seconds | CPU seconds | articles/s "
            "| peak PSS | peak RSS | peak in flight per host | requests | connections |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
            *rows,
            "",
            "Target: mediamon ≥ 1.5× trafilatura's articles/s, never more than 2 requests in flight "
            "per host.",
            "",
            "### Where mediamon's time goes",
            "",
            "Seconds (share of the wall time) from the run's `stage_seconds` (the run without "
            "per-host delay). Fetching pages and "
            "extraction overlap: `fetch_pages` spans the downloads, `extract` is what extraction adds "
            "after the last download, `extract busy` the extraction work summed over the workers "
            "(hidden behind fetching; the workers also tag each article as they extract it). `tag` "
            "is the tag stage, which keeps those tags (it checks that its tagger is the one that "
            "made them and writes the tag tables) while the stories are clustered (`cluster`, its "
            "own time). The rest is process start-up, "
            "the imports not hidden behind fetching "
            "(Great Expectations is imported by a process of its own, at low CPU priority, while "
            "pages download) and exit; the runs pass `--no-trends`, so no trend marts are rebuilt.",
            "",
            "| articles | wall s | fetch_feeds | fetch_pages | extract | tag | cluster (within tag) "
            "| validate | load | extract busy | rest | extract+tag+validate+load |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
            *stage_rows,
            "",
            "Target: stages other than fetch and extract under 15% of the total.",
            "",
            scaling,
            "",
            "### Extraction per core",
            "",
            f"Measured before the runs above. The same {EXTRACT_PAGES} generated pages, pages/s, "
            f"median of {EXTRACT_ROUNDS} interleaved rounds "
            "in one process for the direct calls; the pool runs through `pipeline.extraction.ExtractionPool` "
            "(pages pickled to worker processes, Articles back), median of as many rounds after a "
            "warm-up round.",
            "",
            "| way | pages/s | vs bare_extraction |",
            "|---|---|---|",
            *ext_rows,
            "",
            "mediamon's extraction is a cascade: trafilatura's own extractor alone (`fast=True`, "
            "no comparison with its fallback extractors) and, only for a page where that finds too "
            "little text, the full extraction. Its overhead is measured against the same call "
            f"made directly: {1 - ours_one / fast:.0%} (target under 10%; it also reads "
            "canonical/date/language metadata with lxml and removes related-links blocks); against "
            f"the full extraction it runs at {ours_one / direct:.2f}× the pages/s. Two worker "
            f"processes vs one: {two / one:.2f}× (target close to 2×).",
        ]
    )


if __name__ == "__main__":
    chosen = tuple(int(a) for a in sys.argv[1:]) or SIZES
    print(run(chosen))
