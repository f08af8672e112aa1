"""HTTP politeness: a minimum delay between requests to one host, and robots.txt for article pages.

Real HTTP servers on 127.0.0.1 (tests/fault_server.py) log when each request arrives; the gaps
are measured there, on the server's side, as a site operator would see them.
"""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

import pytest

from pipeline.articles import fetch_pages
from pipeline.config import Settings
from pipeline.feeds import fetch_feeds_sync
from pipeline.net import MAX_CRAWL_DELAY, ROBOTS_DISALLOWED, Fetcher
from pipeline.records import FeedSpec
from tests.conftest import make_settings
from tests.fault_server import HTML, FaultServer, article, good_pages, item, rss, send, serve, story


def settings_for(tmp_path: Path, *servers: FaultServer, **overrides: object) -> Settings:
    return make_settings(tmp_path / "w.duckdb", allow_hosts=tuple(s.host for s in servers)).replace(
        **overrides
    )


def robots(text: str, status: int = 200) -> dict[str, object]:
    return {"/robots.txt": send(status, text.encode(), "text/plain")}


def gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in itertools.pairwise(times)]


def fetch(urls: list[str], settings: Settings) -> dict:
    return asyncio.run(fetch_pages(urls, settings))


def test_requests_to_one_host_start_at_least_the_delay_apart(tmp_path: Path):
    with serve(fallback=good_pages) as site:
        settings = settings_for(tmp_path, site, per_host_delay=0.3, per_host_concurrency=4)
        pages = fetch([site.url(f"/good/p{k}.html") for k in range(6)], settings)
        assert all(p.error is None for p in pages.values())
        times = site.times("/good/")
    assert len(times) == 6
    # Four requests could be in flight at once; the delay still spaces their starts. The server
    # logs a request after reading it, so a little network jitter is allowed for.
    assert min(gaps(times)) >= 0.3 - 0.05, gaps(times)


def test_waiting_for_one_host_does_not_hold_up_another(tmp_path: Path):
    with serve(fallback=good_pages) as slow, serve(fallback=good_pages) as fast:
        settings = settings_for(tmp_path, slow, fast, per_host_delay=0.5, max_concurrency=2)
        urls = [slow.url(f"/good/s{k}.html") for k in range(4)] + [
            fast.url(f"/good/f{k}.html") for k in range(4)
        ]
        fetch(urls, settings)
        slow_times, fast_times = slow.times("/good/"), fast.times("/good/")
    # With a global limit of two, a request asleep for its host's turn must not keep a global
    # slot: the other host's requests go on meanwhile, between the slow host's.
    assert len(slow_times) == len(fast_times) == 4
    assert fast_times[1] < slow_times[-1]


def test_robots_txt_disallow_is_respected_and_read_once(tmp_path: Path):
    rules = "User-agent: *\nDisallow: /private/\n\nUser-agent: othercrawler\nDisallow: /\n"
    with serve(robots(rules), fallback=good_pages) as site:
        settings = settings_for(tmp_path, site)
        open_urls = [site.url(f"/good/a{k}.html") for k in range(4)]
        private = site.url("/private/secret.html")
        pages = fetch([*open_urls, private], settings)
        assert all(pages[u].error is None for u in open_urls)
        assert pages[private].error == ROBOTS_DISALLOWED
        assert site.hits["/private/secret.html"] == 0
        assert site.hits["/robots.txt"] == 1


def test_robots_txt_groups_by_user_agent(tmp_path: Path):
    rules = "User-agent: *\nAllow: /\n\nUser-agent: mediamon\nDisallow: /good/b\n"
    with serve(robots(rules), fallback=good_pages) as site:
        pages = fetch([site.url("/good/a.html"), site.url("/good/b.html")], settings_for(tmp_path, site))
    assert pages[site.url("/good/a.html")].error is None
    assert pages[site.url("/good/b.html")].error == ROBOTS_DISALLOWED


@pytest.mark.parametrize("status", [404, 401, 403, 410])
def test_robots_txt_4xx_allows_everything(tmp_path: Path, status: int):
    with serve(robots("Disallow: /", status), fallback=good_pages) as site:
        pages = fetch([site.url("/good/a.html")], settings_for(tmp_path, site))
        assert pages[site.url("/good/a.html")].error is None
        assert site.hits["/good/a.html"] == 1


@pytest.mark.parametrize("status", [500, 503])
def test_robots_txt_5xx_disallows_the_site_for_this_run(tmp_path: Path, status: int):
    with serve(robots("", status), fallback=good_pages) as site:
        pages = fetch([site.url("/good/a.html"), site.url("/good/b.html")], settings_for(tmp_path, site))
        for page in pages.values():
            assert page.error is not None and page.error.startswith(ROBOTS_DISALLOWED)
            assert f"robots.txt unreachable: HTTP {status}" in page.error
        assert site.hits["/good/a.html"] == site.hits["/good/b.html"] == 0
        assert site.hits["/robots.txt"] == 1


def test_robots_txt_unreachable_server_disallows(tmp_path: Path):
    from tests.fault_server import reset

    with serve({"/robots.txt": reset}, fallback=good_pages) as site:
        pages = fetch([site.url("/good/a.html")], settings_for(tmp_path, site))
        error = pages[site.url("/good/a.html")].error
        assert error is not None and error.startswith(f"{ROBOTS_DISALLOWED} (robots.txt unreachable:")
        assert site.hits["/good/a.html"] == 0


def test_robots_txt_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MEDIAMON_RESPECT_ROBOTS", "0")
    monkeypatch.setenv("MEDIAMON_PER_HOST_DELAY", "0.25")
    env_settings = Settings.from_env()
    assert (env_settings.respect_robots, env_settings.per_host_delay) == (False, 0.25)
    assert Settings().respect_robots and Settings().per_host_delay == 0.1
    with serve(robots("User-agent: *\nDisallow: /\n"), fallback=good_pages) as site:
        settings = settings_for(tmp_path, site, respect_robots=False)
        pages = fetch([site.url("/good/a.html")], settings)
        assert pages[site.url("/good/a.html")].error is None
        assert site.hits["/robots.txt"] == 0


def test_feeds_are_fetched_even_when_robots_txt_disallows_them(tmp_path: Path):
    feed = rss([item("One", "http://127.0.0.1:9/x.html", "g1")]).encode()
    with serve({**robots("User-agent: *\nDisallow: /\n"), "/feed.xml": send(200, feed)}) as site:
        spec = FeedSpec(feed_id="f", url=site.url("/feed.xml"))
        [result], _ = fetch_feeds_sync([spec], settings_for(tmp_path, site))
        assert result.error is None and len(result.entries) == 1
        assert site.hits["/robots.txt"] == 0  # the operator subscribed to the feed by name


def test_crawl_delay_raises_the_per_host_delay(tmp_path: Path):
    with serve(robots("User-agent: *\nCrawl-delay: 0.4\n"), fallback=good_pages) as site:
        settings = settings_for(tmp_path, site, per_host_delay=0.0, per_host_concurrency=4)
        pages = fetch([site.url(f"/good/c{k}.html") for k in range(4)], settings)
        assert all(p.error is None for p in pages.values())
        times = site.times("/good/")
    assert min(gaps(times)) >= 0.4 - 0.05, gaps(times)


def test_crawl_delay_is_capped(tmp_path: Path):
    async def delay_after_robots(site: FaultServer) -> float:
        async with Fetcher(settings_for(tmp_path, site, per_host_delay=0.0)) as fetcher:
            assert await fetcher.robots_verdict(site.url("/good/a.html")) is None
            return fetcher.host_delay(site.host)

    with serve(robots("User-agent: *\nCrawl-delay: 3600\n")) as site:
        assert asyncio.run(delay_after_robots(site)) == MAX_CRAWL_DELAY


def test_a_huge_robots_txt_is_read_up_to_500_kib(tmp_path: Path):
    # RFC 9309: at least the first 500 KiB are parsed; what lies past them is not.
    text = "User-agent: *\nDisallow: /early/\n" + "# padding\n" * 60_000 + "Disallow: /late/\n"
    with serve(robots(text), fallback=good_pages) as site:
        page_a = site.url("/early/x.html")
        page_b = site.url("/late/x.html")
        pages = fetch([page_a, page_b], settings_for(tmp_path, site))
    assert pages[page_a].error == ROBOTS_DISALLOWED
    assert pages[page_b].error != ROBOTS_DISALLOWED


def test_sample_site_robots_txt_allows_articles_and_keeps_out_of_private(site_url: str, tmp_path: Path):
    async def verdicts() -> tuple[str | None, str | None]:
        async with Fetcher(make_settings(tmp_path / "w.duckdb")) as fetcher:
            article_url = f"{site_url}/techwire/2026/11/anything.html"
            return await fetcher.robots_verdict(article_url), await fetcher.robots_verdict(
                f"{site_url}/private/drafts.html"
            )

    allowed, private = asyncio.run(verdicts())
    assert allowed is None
    assert private == ROBOTS_DISALLOWED


def test_page_after_robots_is_a_normal_page(tmp_path: Path):
    body = article("Fine", story(1)).encode()
    with serve({**robots("User-agent: *\nAllow: /\n"), "/fine.html": send(200, body, HTML)}) as site:
        pages = fetch([site.url("/fine.html")], settings_for(tmp_path, site))
    page = pages[site.url("/fine.html")]
    assert page.error is None and page.html is not None and "Nvidia" in page.html
