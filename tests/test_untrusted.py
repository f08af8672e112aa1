"""Untrusted input: SSRF, XML entity attacks, size caps and redirects, over real HTTP on 127.0.0.1.

Every server here listens on 127.0.0.1; addresses outside it (169.254.169.254, 10.0.0.1, ...) are
refused before any connection is attempted, which the tests check.
"""

from __future__ import annotations

import asyncio
import gzip
import subprocess
import sys
import threading
import time
import tracemalloc
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.articles import fetch_pages
from pipeline.config import Settings
from pipeline.errors import UserError
from pipeline.feeds import fetch_feeds_sync, parse_feed
from pipeline.net import Fetcher, Response, parse_allow_list
from pipeline.records import FeedSpec
from pipeline.run import run_pipeline
from pipeline.sample_site import site_host
from tests.conftest import make_settings

Route = Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]


def rss(items: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prolog}\n<rss version="2.0"><channel><title>t</title>'
        f"<language>en</language>{items}</channel></rss>"
    ).encode()


def item(n: int, link: str, title: str = "Story") -> str:
    summary = "A short summary of the story that the feed carries for readers. " * 2
    return (
        f"<item><title>{title} {n}</title><link>{link}</link><guid>g{n}</guid>"
        f"<pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate><description>{summary}</description></item>"
    )


PAGE = (
    '<html lang="en"><head><title>Story</title></head><body><article><h1>Story</h1><p>'
    + "Nvidia and OpenAI signed a new supply agreement for data center chips this week. " * 6
    + "</p></article></body></html>"
).encode()

BILLION_LAUGHS = rss(
    item(1, "https://news.example/x.html", "&i;"),
    prolog='<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + "]>",
)
# One 20 KB entity used 20,000 times: expat gives up (amplification limit) and feedparser's
# fallback parser used to expand it anyway, into a 400 MB title.
QUADRATIC = rss(
    item(1, "https://news.example/x.html", "&a;" * 20_000),
    prolog='\n<!DOCTYPE rss [\n<!ENTITY a "' + "x" * 20_000 + '">\n]>',
)
GZIP_BOMB = gzip.compress(b"\0" * 20_000_000, 9)  # ~20 KB on the wire, 20 MB inflated


@dataclass
class Server:
    """A real HTTP server on 127.0.0.1:0 with fixed routes; counts the requests it gets."""

    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    port: int = 0

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"


@contextmanager
def _serve(routes: dict[str, Route]) -> Iterator[Server]:
    server_state = Server(routes)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            server_state.hits[path] += 1
            route = server_state.routes.get(path)
            status, headers, body = route(self) if route else (404, {}, b"no such page")
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server_state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def ok(body: bytes, ctype: str = "application/rss+xml; charset=utf-8", **headers: str) -> Route:
    return lambda _: (200, {"Content-Type": ctype, **headers}, body)


def redirect(location: str) -> Route:
    return lambda _: (302, {"Location": location}, b"")


@pytest.fixture
def other() -> Iterator[Server]:
    """A second loopback server that must never be reached."""
    with _serve({"/secret": ok(b"internal only", "text/plain")}) as server:
        yield server


@pytest.fixture
def site(other: Server) -> Iterator[Server]:
    routes: dict[str, Route] = {
        "/page.html": ok(PAGE, "text/html; charset=utf-8"),
        "/billion.xml": ok(BILLION_LAUGHS),
        "/quadratic.xml": ok(QUADRATIC),
        "/bomb.xml": ok(GZIP_BOMB, **{"Content-Encoding": "gzip"}),
        "/big.xml": ok(b"x" * 3_000_000),
        "/declared-big.xml": lambda _: (200, {"Content-Length": "50000000"}, b""),
        "/brotli.xml": ok(b"\x0b\x02\x80hi\x03", **{"Content-Encoding": "br"}),
        "/loop": redirect("/loop"),
        "/to-other": redirect(other.url("/secret")),
        "/to-file": redirect("file:///etc/passwd"),
        "/to-metadata": redirect("http://169.254.169.254/latest/meta-data/"),
    }
    with _serve(routes) as server:
        yield server


def settings_for(tmp_path: Path, *allow: str, **overrides: Any) -> Settings:
    return make_settings(tmp_path / "w.duckdb", allow_hosts=allow, connect_timeout=2.0, **overrides)


def get(settings: Settings, url: str, max_bytes: int = 1_000_000) -> Response:
    async def go() -> Response:
        async with Fetcher(settings) as fetcher:
            return await fetcher.get(url, max_bytes)

    return asyncio.run(go())


# --- SSRF: schemes, addresses, host names, redirects -------------------------------------------


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml", "gopher://127.0.0.1:70/_GET", "feed.xml"]
)
def test_urls_that_are_not_http_are_refused_with_the_reason(tmp_path: Path, url: str):
    resp = get(settings_for(tmp_path, "127.0.0.0/8"), url)
    assert resp.error is not None and resp.error.startswith("refused: scheme "), resp.error
    assert "is not http(s)" in resp.error and resp.body == b""


def test_article_links_with_other_schemes_are_recorded_as_failed_pages(tmp_path: Path):
    links = ["file:///etc/passwd", "ftp://news.example/a", "gopher://news.example/1"]
    pages = asyncio.run(fetch_pages(links, settings_for(tmp_path)))
    for link in links:
        assert pages[link].html is None
        assert pages[link].error.startswith("refused: scheme "), pages[link].error


def test_loopback_feed_is_refused_without_the_allow_list_and_fetched_with_it(site: Server, tmp_path: Path):
    spec = FeedSpec("local", site.url("/feed.xml"))
    site.routes["/feed.xml"] = ok(rss(item(1, site.url("/page.html"))))
    (refused,), _ = fetch_feeds_sync([spec], settings_for(tmp_path))
    assert refused.error == "refused: 127.0.0.1 is a loopback address (not in the allow-list)"
    assert site.hits["/feed.xml"] == 0
    (fetched,), _ = fetch_feeds_sync([spec], settings_for(tmp_path, site.host))
    assert fetched.ok and [e.url for e in fetched.entries] == [site.url("/page.html")]
    assert site.hits["/feed.xml"] == 1


def test_a_redirect_to_a_loopback_port_not_allowed_is_refused_at_that_hop(
    site: Server, other: Server, tmp_path: Path
):
    resp = get(settings_for(tmp_path, site.host), site.url("/to-other"))
    assert resp.error == (
        f"refused: redirect to {other.url('/secret')}: 127.0.0.1 is a loopback address (not in the allow-list)"
    )
    assert site.hits["/to-other"] == 1 and other.hits["/secret"] == 0
    # Redirects to other schemes and to the metadata address are refused the same way.
    to_file = get(settings_for(tmp_path, site.host), site.url("/to-file")).error or ""
    assert to_file.startswith("refused: redirect to file:") and to_file.endswith(
        ": scheme 'file' is not http(s)"
    )
    meta = get(settings_for(tmp_path, site.host), site.url("/to-metadata")).error
    assert meta is not None and meta.startswith("refused: redirect to http://169.254.169.254/")
    assert "a cloud metadata address" in meta
    # Allowing the second server's port lets the same redirect through.
    allowed = get(settings_for(tmp_path, site.host, other.host), site.url("/to-other"))
    assert allowed.error is None and allowed.body == b"internal only"
    assert allowed.final_url == other.url("/secret")


def test_a_host_name_resolving_to_loopback_is_refused_when_connecting(site: Server, tmp_path: Path):
    """The URL names no address: the check has to happen on what the name resolves to."""
    site.routes["/feed.xml"] = ok(rss(item(1, "https://news.example/a")))
    url = f"http://localhost:{site.port}/feed.xml"
    # Allowing 127.0.0.1 on another port, or another name, does not let it through.
    resp = get(settings_for(tmp_path, "127.0.0.1:1", "example.org"), url)
    assert resp.error == (
        "refused: localhost resolves to 127.0.0.1, which is a loopback address (not in the allow-list)"
    )
    # An address written as a bare number, which the resolver reads as 127.0.0.1, too.
    number = get(settings_for(tmp_path), f"http://2130706433:{site.port}/feed.xml").error
    assert number is not None and "resolves to 127.0.0.1" in number
    assert site.hits["/feed.xml"] == 0
    # The host-name form of the allow-list, with and without a port.
    assert get(settings_for(tmp_path, f"localhost:{site.port}"), url).error is None
    assert get(settings_for(tmp_path, "localhost"), url).error is None
    assert site.hits["/feed.xml"] == 2


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address"),
        ("http://10.0.0.1/feed.xml", "10.0.0.1 is a private address"),
        ("https://192.168.1.1:8443/", "192.168.1.1 is a private address"),
        ("http://100.64.0.1/", "100.64.0.1 is a shared (carrier-grade NAT) address"),
        ("http://[::1]/", "::1 is a loopback address"),
        ("http://[::ffff:169.254.169.254]/", "::ffff:169.254.169.254 is a cloud metadata address"),
        ("http://[fd00:ec2::254]/", "fd00:ec2::254 is a cloud metadata address"),
        ("http://[fe80::1]/", "fe80::1 is a link-local address"),
        ("http://0.0.0.0:80/", "0.0.0.0 is an unspecified address"),
        ("http://224.0.0.1/", "224.0.0.1 is a multicast address"),
    ],
)
def test_internal_addresses_are_refused_before_any_connection(tmp_path: Path, url: str, why: str):
    started = time.perf_counter()
    with connect_attempts() as attempts:  # every socket this process tries to connect
        resp = get(settings_for(tmp_path, "127.0.0.1"), url)
    assert time.perf_counter() - started < 1.0  # fails fast, not by a timeout
    assert resp.error == f"refused: {why} (not in the allow-list)"
    assert attempts == []


def test_the_connect_recorder_sees_an_allowed_connection(site: Server, tmp_path: Path):
    """The control for the test above: the audit hook does record the fetcher's connects."""
    site.routes["/feed.xml"] = ok(rss(item(1, "https://news.example/a")))
    with connect_attempts() as attempts:
        resp = get(settings_for(tmp_path, "127.0.0.1"), site.url("/feed.xml"))
    assert resp.error is None
    assert ("127.0.0.1", site.port) in attempts


def test_cidr_and_host_port_allow_list_forms(site: Server, other: Server, tmp_path: Path):
    site.routes["/feed.xml"] = ok(rss(item(1, "https://news.example/a")))
    url = site.url("/feed.xml")
    for allowed in ("127.0.0.0/8", "127.0.0.1", site.host, f"127.0.0.1:{site.port}"):
        assert get(settings_for(tmp_path, allowed), url).error is None, allowed
    for refused in ("127.0.0.2", "10.0.0.0/8", f"127.0.0.1:{other.port}", "[::1]", "feeds.internal"):
        assert (get(settings_for(tmp_path, refused), url).error or "").startswith("refused: "), refused


@pytest.mark.parametrize(
    ("entry", "rule"),
    [
        ("10.0.0.0/8", ("network", "10.0.0.0/8", None)),
        ("127.0.0.1:8765", ("network", "127.0.0.1/32", 8765)),
        ("[::1]:8080", ("network", "::1/128", 8080)),
        ("fd00::/8", ("network", "fd00::/8", None)),
        ("Feeds.Internal.", ("host", "feeds.internal", None)),
        ("localhost:8080", ("host", "localhost", 8080)),
    ],
)
def test_allow_list_entries_parse(entry: str, rule: tuple[str, str, int | None]):
    (parsed,) = parse_allow_list([entry])
    kind, value, port = rule
    assert str(getattr(parsed, kind)) == value and parsed.port == port


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("10.0.0.0/33", "not a valid CIDR network"),
        ("10.0.0.1/8", "has host bits set"),
        ("300.1.1.1", "not a host name, an IP address, host:port or a CIDR network"),
        ("localhost:0", "not a host name"),
        ("localhost:http", "not a host name"),
        ("http://example.org/", "not a host name"),
        ("10.0.0.0/8:80", "not a host name"),
    ],
)
def test_bad_allow_list_entries_say_what_is_wrong(entry: str, message: str):
    with pytest.raises(UserError, match=message):
        parse_allow_list([entry])


def test_allow_hosts_come_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MEDIAMON_ALLOW_HOSTS", " 10.0.0.0/8, feeds.internal:8080 ,,")
    assert Settings.from_env().allow_hosts == ("10.0.0.0/8", "feeds.internal:8080")


def mediamon(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    full = {k: v for k, v in os.environ.items() if not k.startswith("MEDIAMON")} | (env or {})
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, timeout=300, env=full
    )


def one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2, proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("mediamon: error: ") and "Traceback" not in proc.stderr
    return line


def test_cli_allow_host_errors_are_one_line(tmp_path: Path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("feeds:\n  - https://news.example/feed.xml\n")
    wh = str(tmp_path / "w.duckdb")
    line = one_line_error(mediamon("run", "--feeds", str(feeds), "-w", wh, "--allow-host", "10.0.0.0/33"))
    assert "allow-list entry '10.0.0.0/33' is not a valid CIDR network" in line
    line = one_line_error(mediamon("demo", "-w", wh, "--allow-host", "bad host"))
    assert "allow-list entry 'bad host' is not a host name" in line
    line = one_line_error(
        mediamon("run", "--feeds", str(feeds), "-w", wh, env={"MEDIAMON_ALLOW_HOSTS": "::1/200"})
    )
    assert "'::1/200' is not a valid CIDR network" in line
    assert not Path(wh).exists()  # refused before anything ran


@pytest.mark.slow
def test_cli_run_fetches_a_loopback_site_only_with_allow_host(site_url: str, tmp_path: Path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(f"feeds:\n  - id: techwire\n    url: {site_url}/feeds/techwire.xml\n")
    common = ["run", "--feeds", str(feeds), "--no-progress", "--no-trends"]
    refused = mediamon(*common, "-w", str(tmp_path / "a.duckdb"))
    assert refused.returncode == 1, refused.stderr
    assert "all 1 feeds failed (first: techwire: refused: 127.0.0.1 is a loopback address" in refused.stderr
    allowed = mediamon(*common, "-w", str(tmp_path / "b.duckdb"), "--allow-host", site_host(site_url))
    assert allowed.returncode == 0, allowed.stderr
    with duckdb.connect(str(tmp_path / "b.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchall()[0][0] >= 5


# --- XML entities -------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [BILLION_LAUGHS, QUADRATIC], ids=["billion-laughs", "quadratic"])
def test_entity_expansion_feeds_are_refused_in_bounded_memory(site: Server, tmp_path: Path, body: bytes):
    path = "/billion.xml" if body is BILLION_LAUGHS else "/quadratic.xml"
    tracemalloc.start()
    try:
        (result,), _ = fetch_feeds_sync([FeedSpec("bomb", site.url(path))], settings_for(tmp_path, site.host))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (
        result.error
        == "refused: the feed declares XML entities (<!ENTITY>), which could expand without bound"
    )
    assert result.entries == [] and peak < 20_000_000


def test_a_dtd_that_only_feedparsers_rewriting_makes_valid_is_refused_too():
    """feedparser drops <!ENTITY lines at line starts: here that repairs the DTD expat then expands."""
    prolog = '<!DOCTYPE rss [\n<!ENTITY %%%bad>\n<!ELEMENT x ANY><!ENTITY a "aaaa"><!ENTITY b "&a;&a;">\n]>'
    result = parse_feed(
        rss(item(1, "https://news.example/a", "&b;"), prolog), FeedSpec("x", "https://x.example/")
    )
    assert result.error is not None and result.error.startswith("refused: the feed declares XML entities")


_opened: list[str] = []
_watching: set[str] = set()
_connects: list[list[object]] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _watching and event == "open" and str(args[0]) in _watching:
        _opened.append(str(args[0]))
    if _connects and event == "socket.connect":
        _connects[-1].append(args[1])


sys.addaudithook(_audit)


@contextmanager
def connect_attempts() -> Iterator[list[object]]:
    """Record the address of every socket connect this process attempts (Python's audit hooks:
    socket.connect and connect_ex, whichever library or event loop makes the call)."""
    attempts: list[object] = []
    _connects.append(attempts)
    try:
        yield attempts
    finally:
        _connects.remove(attempts)


@contextmanager
def watching(path: Path) -> Iterator[list[str]]:
    """Record every attempt of this process to open ``path`` (through Python's audit hooks)."""
    _opened.clear()
    _watching.add(str(path))
    try:
        yield _opened
    finally:
        _watching.discard(str(path))


def test_external_entities_are_never_read(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    spec = FeedSpec("xxe", "https://news.example/feed.xml")
    for prolog in (
        f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>',
        f'\n<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "file://{secret}">\n]>',
        f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>',
    ):
        with watching(secret) as opened:
            result = parse_feed(rss(item(1, "https://news.example/a", "&xxe;"), prolog), spec)
        assert opened == [] and result.error is not None and result.error.startswith("refused: ")
        assert "TOP-SECRET" not in repr(result)
    # A DOCTYPE naming an external DTD (RSS 0.91) is fine: the DTD is never fetched.
    dtd = f'\n<!DOCTYPE rss SYSTEM "file://{secret}">'
    with watching(secret) as opened:
        result = parse_feed(rss(item(1, "https://news.example/a", "Fine"), dtd), spec)
    assert opened == [] and result.ok and result.entries[0].title == "Fine 1"


def test_a_body_that_names_a_local_file_is_not_opened(tmp_path: Path):
    """feedparser opens a bytes argument as a path if it can: the body goes in as a file object."""
    local = tmp_path / "local-feed.xml"
    local.write_bytes(rss(item(1, "https://internal.example/a", "LOCAL-FILE")))
    with watching(local) as opened:
        result = parse_feed(str(local).encode(), FeedSpec("p", "https://news.example/feed.xml"))
    assert opened == [] and result.entries == [] and result.error is not None


# --- sizes, compression and redirects ------------------------------------------------------------


def test_gzip_bomb_is_stopped_at_the_cap_in_bounded_memory(site: Server, tmp_path: Path):
    assert len(GZIP_BOMB) < 50_000
    tracemalloc.start()
    try:
        (result,), _ = fetch_feeds_sync(
            [FeedSpec("bomb", site.url("/bomb.xml"))],
            settings_for(tmp_path, site.host, max_feed_bytes=1_000_000),
        )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.error == "too large: larger than 1000000 bytes after decompression"
    assert peak < 5_000_000


def test_size_caps_before_and_without_compression(site: Server, tmp_path: Path):
    settings = settings_for(tmp_path, site.host)
    assert get(settings, site.url("/big.xml"), 1_000_000).error == "too large: more than 1000000 bytes sent"
    assert get(settings, site.url("/declared-big.xml"), 1_000_000).error == (
        "too large: Content-Length 50000000 is over the 1000000-byte cap"
    )
    assert (
        get(settings, site.url("/brotli.xml")).error == "bad response body: unsupported content-encoding 'br'"
    )


@pytest.mark.parametrize(
    "encode",
    [
        lambda b: (gzip.compress(b), "gzip"),
        lambda b: (gzip.compress(b[:100]) + gzip.compress(b[100:]), "gzip"),  # two gzip members
        lambda b: (zlib.compress(b), "deflate"),
        lambda b: (zlib.compress(b)[2:-4], "deflate"),  # raw DEFLATE, as some servers send it
    ],
    ids=["gzip", "gzip-members", "deflate-zlib", "deflate-raw"],
)
def test_compressed_responses_still_decode(site: Server, tmp_path: Path, encode: Callable[[bytes], Any]):
    body, coding = encode(PAGE)
    site.routes["/z.html"] = ok(body, "text/html", **{"Content-Encoding": coding})
    resp = get(settings_for(tmp_path, site.host), site.url("/z.html"))
    assert resp.error is None and resp.body == PAGE


def test_redirect_loops_are_bounded(site: Server, tmp_path: Path):
    resp = get(settings_for(tmp_path, site.host), site.url("/loop"))
    assert resp.error == "too many redirects (more than 5)"
    assert site.hits["/loop"] == 6


# --- the whole run: refused and failing URLs are recorded, the run goes on -------------------


@pytest.mark.slow
def test_a_run_records_every_refusal_and_goes_on(site: Server, tmp_path: Path):
    site.routes["/good.xml"] = ok(
        rss(
            item(1, site.url("/page.html"))
            + item(2, "file:///etc/passwd")
            + item(3, "http://169.254.169.254/latest/meta-data/")
            + item(4, site.url("/to-other"))
        )
    )
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        "feeds:\n"
        + "".join(
            f"  - id: {name}\n    url: {site.url(path)}\n"
            for name, path in [
                ("good", "/good.xml"),
                ("billion", "/billion.xml"),
                ("bomb", "/bomb.xml"),
                ("loop", "/loop"),
            ]
        )
        + "  - id: metadata\n    url: http://169.254.169.254/latest/meta-data/\n"
    )
    settings = settings_for(tmp_path, site.host, max_feed_bytes=1_000_000)
    summary = run_pipeline(settings, feeds_file=feeds)
    assert summary.status == "success" and summary.feeds_failed == 4
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        feed_errors = dict(
            con.execute("SELECT feed_id, last_error FROM feeds WHERE last_status = 'error'").fetchall()
        )
        # A page whose URL fails validation (file:) is quarantined: its record keeps the reason.
        pages = dict(
            con.execute("""
                SELECT url, extraction_error FROM articles WHERE extraction_status <> 'ok'
                UNION ALL
                SELECT url, json_extract_string(record, '$.extraction_error') FROM quarantine""").fetchall()
        )
        ok_pages = con.execute("SELECT url FROM articles WHERE extraction_status = 'ok'").fetchall()
    assert feed_errors["billion"].startswith("refused: the feed declares XML entities")
    assert feed_errors["bomb"] == "too large: larger than 1000000 bytes after decompression"
    assert feed_errors["loop"] == "too many redirects (more than 5)"
    assert feed_errors["metadata"].startswith("refused: 169.254.169.254 is a cloud metadata address")
    assert ok_pages == [(site.url("/page.html"),)]
    (file_url,) = [u for u in pages if u.startswith("file:")]  # stored canonicalised: file://etc/passwd
    assert pages[file_url] == "refused: scheme 'file' is not http(s)"
    assert pages["http://169.254.169.254/latest/meta-data/"].startswith("refused: 169.254.169.254")
    assert pages[site.url("/to-other")].startswith("refused: redirect to ")
