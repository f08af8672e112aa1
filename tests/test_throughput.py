"""Streaming fetch-and-extract: same articles as the sequential path, politeness measured by the server."""

from __future__ import annotations

import asyncio
import multiprocessing
import multiprocessing.queues
import threading
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from benchmarks.bench_site import SiteSpec, serve_site
from pipeline.articles import build_article, fetch_pages, stream_articles
from pipeline.config import DEFAULT_FEEDS_FILE, Settings
from pipeline.extraction import ExtractionPool, loaded_modules
from pipeline.language import resolve_language
from pipeline.records import Article, FeedEntry, Page
from pipeline.sample_site import demo_feeds_file
from pipeline.stages import _ArticleStager, begin_run, fetch_articles_stage, fetch_feeds_stage
from tests.conftest import make_settings

# A high port of its own, so the tests do not meet a benchmark running on the same machine.
TEST_PORT = 18391


def staged_articles(settings: Settings, feeds: Path, staging: Path) -> tuple[pd.DataFrame, dict[str, str]]:
    run = begin_run(settings, staging, feeds, run_id=f"workers-{settings.extract_workers}")
    fetch_feeds_stage(settings, run)
    fetch_articles_stage(settings, run)
    df = run.read("articles").drop(columns=["run_id", "fetched_at"])  # these differ by run
    df = df.sort_values("article_id").reset_index(drop=True)
    return df, run.read_json("key_to_article")


def test_pool_of_two_stages_the_same_articles_as_sequential_extraction(site_url: str, tmp_path: Path):
    feeds = demo_feeds_file(site_url, tmp_path / "feeds.yaml")
    settings = make_settings(tmp_path / "warehouse.duckdb", extract_batch_size=7)  # several row groups
    pooled, pooled_keys = staged_articles(settings.replace(extract_workers=2), feeds, tmp_path / "a")
    here, here_keys = staged_articles(settings.replace(extract_workers=0), feeds, tmp_path / "b")
    pd.testing.assert_frame_equal(pooled, here)
    assert pooled_keys == here_keys

    # ... and the same as downloading everything, then extracting one page after the other.
    run = begin_run(settings, tmp_path / "c", feeds, run_id="reference")
    fetch_feeds_stage(settings, run)
    fetched_at = datetime.fromisoformat(run.state()["fetched_at"])
    entries = {}
    for row in run.records("entries"):
        entries.setdefault(row.pop("key"), FeedEntry(**row))
    pages = asyncio.run(fetch_pages([e.url for e in entries.values()], settings))
    expected: dict[str, dict] = {}
    for e in entries.values():
        article = build_article(e, pages[e.url], fetched_at)
        article.language, article.language_source = resolve_language(article.language, article.text)
        expected.setdefault(article.article_id, asdict(article))
    assert len(pooled) == len(expected) >= 40
    assert sorted(expected) == list(pooled["article_id"])
    for row in pooled.to_dict(orient="records"):
        want = expected[row["article_id"]]
        for col in (
            "url",
            "feed_id",
            "title",
            "text",
            "extraction_status",
            "language",
            "language_source",
            "content_hash",
        ):
            got = None if pd.isna(row[col]) else row[col]
            assert got == want[col], (row["article_id"], col)


def test_workers_import_neither_airflow_nor_great_expectations():
    with ExtractionPool(2) as pool:
        assert pool.processes == 2
        heavy = pool.run(
            loaded_modules,
            (
                "airflow",
                "great_expectations",
                "pandas",
                "duckdb",
                "pytest",
                "httpx",
                "aiohttp",
                "datasketch",
                "scipy",
                "trafilatura",
            ),
        )
    # No HTTP client either (the fetching process fetches), and story signatures need neither
    # datasketch nor SciPy.
    assert heavy == ["trafilatura"]


def _hit(url: str) -> None:
    with urllib.request.urlopen(url, timeout=10) as resp:
        resp.read()


def test_bench_site_counts_requests_in_flight_per_host():
    spec = SiteSpec(publishers=2, articles=6, port=TEST_PORT, latency=0.3)
    with serve_site(spec) as site:
        first, second = (spec.base_url(n) for n in (1, 2))
        threads = [threading.Thread(target=_hit, args=(f"{first}/feed.xml",)) for _ in range(4)]
        threads.append(threading.Thread(target=_hit, args=(f"{second}/feed.xml",)))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        stats = site.stats()
        assert stats["peak"] == {spec.address(1): 4, spec.address(2): 1}
        assert stats["requests"] == {spec.address(1): 4, spec.address(2): 1}
        assert stats["connections"] == {spec.address(1): 4, spec.address(2): 1}  # urllib's: one each
        site.reset()
        assert site.stats() == {"peak": {}, "requests": {}, "connections": {}}


@pytest.mark.parametrize("per_host", [1, 2])
def test_the_pipeline_keeps_to_the_per_host_limit_measured_by_the_server(tmp_path: Path, per_host: int):
    spec = SiteSpec(publishers=2, articles=24, port=TEST_PORT, latency=0.05)
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        "feeds:\n" + "".join(f"  - id: p{i}\n    url: {u}\n" for i, u in enumerate(spec.feed_urls(), 1))
    )
    settings = make_settings(
        tmp_path / "warehouse.duckdb", allow_hosts=("127.0.10.0/24",), per_host_concurrency=per_host,
        max_concurrency=16, extract_workers=2,
        per_host_delay=0.0,  # requests overlap only without a pause between starts (tested apart)
    )  # fmt: skip
    with serve_site(spec) as site:
        run = begin_run(settings, tmp_path / "staging", feeds)
        fetch_feeds_stage(settings, run)
        site.reset()
        counts = fetch_articles_stage(settings, run)
        stats = site.stats()
    assert counts["pages_fetched"] == 24
    # Twelve pages per host, and each host's robots.txt read once.
    assert stats["requests"] == {spec.address(1): 13, spec.address(2): 13}
    # Sixteen requests were allowed at once overall: each host was held to its limit, and reached it.
    assert stats["peak"] == {spec.address(1): per_host, spec.address(2): per_host}


def _pool_processes_here(out: multiprocessing.queues.Queue) -> None:
    with ExtractionPool(2) as pool:
        out.put(pool.processes)


def test_a_daemonic_process_extracts_in_process():
    """Celery's prefork children are daemonic: they cannot start a pool, and must still extract."""
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    proc = ctx.Process(target=_pool_processes_here, args=(out,), daemon=True)
    proc.start()
    assert out.get(timeout=60) == 0
    proc.join(10)


def _article(article_id: str, url: str) -> Article:
    now = datetime.now(UTC)
    return Article(article_id, url, url, "f", "example.org", "t", None, None, None, now, "en", None,
                   None, "some text", 2, "ok", None, None)  # fmt: skip


def test_an_entry_listed_earlier_wins_even_when_its_twin_was_written_first(tmp_path: Path):
    """Rows arrive in completion order; two entries naming one article keep the first listed."""
    settings = make_settings(tmp_path / "none.duckdb", extract_batch_size=1)  # one row group per row
    run = begin_run(settings, tmp_path, DEFAULT_FEEDS_FILE, run_id="twins")
    stager = _ArticleStager(settings, run, known={})
    stager.add(5, "k5", _article("same", "https://example.org/late"))
    stager.add(1, "k1", _article("other", "https://example.org/other"))
    stager.add(2, "k2", _article("same", "https://example.org/early"))
    stager.add(7, "k7", _article("same", "https://example.org/later-still"))
    key_to_article, counts = stager.close()
    rows = run.read("articles")
    assert sorted(zip(rows["article_id"], rows["url"], strict=True)) == [
        ("other", "https://example.org/other"), ("same", "https://example.org/early")
    ]  # fmt: skip
    assert key_to_article == {"k5": "same", "k1": "other", "k2": "same", "k7": "same"}
    assert counts == {"ok": 2}


def test_connections_are_reused_per_host_when_a_run_spans_more_hosts_than_requests_in_flight(
    tmp_path: Path,
):
    """Five hosts, three requests in flight overall, one per host: each host's pages (and its
    robots.txt) come over one kept-alive connection, not one connection per page."""
    spec = SiteSpec(publishers=5, articles=40, port=TEST_PORT, latency=0.01)
    settings = make_settings(
        tmp_path / "none.duckdb", allow_hosts=("127.0.10.0/24",), per_host_concurrency=1,
        max_concurrency=3, per_host_delay=0.0,
    )  # fmt: skip
    urls = _page_urls(spec)
    with serve_site(spec) as site:
        site.reset()
        pages = asyncio.run(fetch_pages(urls, settings))
        stats = site.stats()
    assert len(pages) == 40 and all(p.error is None for p in pages.values())
    hosts = [spec.address(n) for n in range(1, 6)]
    assert stats["requests"] == {h: 9 for h in hosts}  # 8 pages and robots.txt
    assert stats["connections"] == {h: 1 for h in hosts}


def _page_urls(spec: SiteSpec) -> list[str]:
    from benchmarks.bench_site import generate

    return [
        f"{spec.base_url(int(address.rsplit('.', 1)[1]))}{path}"
        for (address, path), (ctype, _) in generate(spec).items()
        if ctype.startswith("text/html")
    ]


def test_tagging_on_every_core_gives_the_frames_of_one_process(monkeypatch: pytest.MonkeyPatch):
    """Large batches are tagged in worker processes; the frames are the same, in the same order."""
    from pipeline import run
    from pipeline.evaluation import load_labelled

    docs = load_labelled([Path(__file__).parent / "data" / "labelled"])
    rows = [(str(d["id"]), d.get("title"), d["text"], d.get("language")) for d in docs]
    settings = Settings(extract_workers=2)
    alone = run.tag_articles(rows, run.tagger_for(settings))
    assert len(alone.companies) > len(rows) and len(alone.relevance) == len(rows)

    def not_here(*args: object) -> None:  # the workers import their own copy of the module
        raise AssertionError("tagged in the calling process")

    monkeypatch.setattr(run, "tag_articles", not_here)
    with run.BatchTagger(settings, parallel=True) as tagger:
        assert tagger.pool is not None and tagger.pool.processes == 2
        parallel = tagger.submit(rows)()
    for name in ("companies", "topics", "mentions", "relevance"):
        pd.testing.assert_frame_equal(getattr(parallel, name), getattr(alone, name), check_dtype=True)


def test_workers_end_when_the_process_that_started_them_is_killed():
    """A run killed with SIGKILL leaves no worker behind holding its stdout open (they are the
    fork server's children and would otherwise wait on their task queue forever)."""
    import signal
    import subprocess
    import sys
    import time

    import psutil

    script = (
        "import psutil, time\n"
        "from pipeline.extraction import ExtractionPool\n"
        "with ExtractionPool(2) as pool:\n"
        "    print(' '.join(str(p.pid) for p in psutil.Process().children(recursive=True)), flush=True)\n"
        "    time.sleep(600)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    pids = [int(p) for p in proc.stdout.readline().split()]
    assert len(pids) >= 2  # the fork server and its workers (and the resource tracker)
    proc.send_signal(signal.SIGKILL)
    # communicate() reads to the end before it reaps: the killed process stays a zombie
    # meanwhile, and the read ends only once every holder of its stdout is gone.
    out, _ = proc.communicate(timeout=20)
    assert out == ""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(
        psutil.pid_exists(p) and psutil.Process(p).status() != "zombie" for p in pids
    ):
        time.sleep(0.2)
    alive = [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != "zombie"]
    assert alive == [], alive


class _HeldPool:
    """An extraction pool whose extractions wait for ``release``: what fetching does while
    every worker is busy. Threads stand in for worker processes."""

    capacity = 3

    def __init__(self) -> None:
        self.release = threading.Event()
        self.submitted = 0
        self._threads = ThreadPoolExecutor(max_workers=32)

    def submit(
        self, entry: FeedEntry, page: Page, fetched_at: datetime
    ) -> asyncio.Future[tuple[Article, float]]:
        self.submitted += 1
        return asyncio.wrap_future(self._threads.submit(self._extract, entry, page, fetched_at))

    def _extract(self, entry: FeedEntry, page: Page, fetched_at: datetime) -> tuple[Article, float]:
        self.release.wait(timeout=60)
        return build_article(entry, page, fetched_at), 0.0


def test_downloads_go_on_while_the_workers_extract_up_to_a_cap_of_held_pages(tmp_path: Path):
    """Pages held (downloading or waiting for extraction) are capped at the fetch slots plus the
    pool's queue; before, no download started while the queue was full, so downloads and
    extraction took turns (measured: 5,000 articles took 18 s to fetch instead of 22)."""
    spec = SiteSpec(publishers=4, articles=40, port=TEST_PORT, latency=0.02)
    settings = make_settings(
        tmp_path / "warehouse.duckdb", allow_hosts=("127.0.10.0/24",), max_concurrency=4,
        per_host_delay=0.0, respect_robots=False,
    )  # fmt: skip
    pool = _HeldPool()
    got: list[Article] = []
    with serve_site(spec) as site:
        entries = [FeedEntry(f"p{n}", u, u, None, None, None, None) for n, u in _article_urls(spec)]
        fetched_at = datetime.now(UTC)

        def run() -> None:
            asyncio.run(stream_articles(entries, settings, fetched_at, pool,  # type: ignore[arg-type]
                                        lambda i, a: got.append(a)))  # fmt: skip

        worker = threading.Thread(target=run)
        worker.start()
        served = _settled(lambda: sum(site.stats()["requests"].values()))
        # Nothing is extracted yet: 4 fetch slots + 3 queued pages were downloaded, and no more.
        assert served == settings.max_concurrency + _HeldPool.capacity
        assert pool.submitted == served
        pool.release.set()
        worker.join(timeout=60)
    assert sorted(a.url for a in got) == sorted(e.url for e in entries)
    assert all(a.extraction_status == "ok" for a in got)


def _article_urls(spec: SiteSpec) -> list[tuple[int, str]]:
    from benchmarks.bench_site import generate

    return sorted(
        (int(address.rsplit(".", 1)[1]), f"http://{address}:{spec.port}{path}")
        for (address, path), (ctype, _) in generate(spec).items()
        if ctype.startswith("text/html")
    )


def _settled(read: Callable[[], int], quiet: float = 0.5) -> int:
    """The value once it has not changed for ``quiet`` seconds (waits, asserts nothing on time)."""
    value, since = read(), time.monotonic()
    while time.monotonic() - since < quiet:
        time.sleep(0.05)
        if (now := read()) != value:
            value, since = now, time.monotonic()
    return value
