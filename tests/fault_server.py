"""A misbehaving HTTP server on 127.0.0.1 for the fault-injection tests: each fault is a path.

``FAULTS`` below is the whole list of what is tried: the same responder is served as a feed
(``/feed/<name>``) and as an article page (``/page/<name>``, linked from a healthy feed), and
each fault says what the warehouse must show for it at each level. ``tests/test_faults.py``
runs ``mediamon run`` over all of them at once.

Every request is logged with its arrival time (``time.monotonic``), so tests can measure the
gaps between requests to one host, and counted per path, so they can show a path was never hit.
"""

from __future__ import annotations

import functools
import gzip
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Responder = Callable[["FaultHandler"], None]

RSS = "application/rss+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"


@dataclass
class FaultServer:
    """A running server: its routes, a request log and per-path hit counts."""

    routes: dict[str, Responder] = field(default_factory=dict)
    fallback: Callable[[str], Responder | None] | None = None  # path -> responder, for unlisted paths
    port: int = 0
    hits: Counter[str] = field(default_factory=Counter)
    log: list[tuple[float, str]] = field(default_factory=list)  # (monotonic time, path) per request
    sent: Counter[str] = field(default_factory=Counter)  # body bytes written, for streamed bodies
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def base(self) -> str:
        return f"http://{self.host}"

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def times(self, prefix: str = "") -> list[float]:
        with self.lock:
            return [t for t, path in self.log if path.startswith(prefix)]


class FaultHandler(BaseHTTPRequestHandler):
    server_state: FaultServer
    # HTTP/1.0: one request per connection, so a body may end by closing (no length needed)
    # and a stalled response never holds a kept-alive connection others wait for.
    protocol_version = "HTTP/1.0"

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        state = self.server_state
        with state.lock:
            state.log.append((time.monotonic(), path))
            state.hits[path] += 1
        route = state.routes.get(path)
        if route is None and state.fallback is not None:
            route = state.fallback(path)
        try:
            if route is None:
                send(404, b"no such page", "text/plain")(self)
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on us, which is what several faults are for

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a reset or abandoned connection is the point of the exercise, not news


@contextmanager
def serve(
    routes: dict[str, Responder] | None = None, fallback: Callable[[str], Responder | None] | None = None
) -> Iterator[FaultServer]:
    """Serve ``routes`` on 127.0.0.1 (a free port) in background threads while the block runs."""
    state = FaultServer(dict(routes or {}), fallback)
    handler = type("Handler", (FaultHandler,), {"server_state": state})
    httpd = _Server(("127.0.0.1", 0), handler)
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, name="fault-server", daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stopping.set()  # stalled and dripping responders stop at once
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


# --- Responders ---------------------------------------------------------------------------


def send(status: int, body: bytes, ctype: str = RSS, **headers: str) -> Responder:
    def respond(h: FaultHandler) -> None:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            h.send_header(name.replace("_", "-"), value)
        h.end_headers()
        h.wfile.write(body)

    return respond


def redirect(location: str) -> Responder:
    def respond(h: FaultHandler) -> None:
        h.send_response(302)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return respond


def reset(h: FaultHandler) -> None:
    """Close with a TCP RST before answering (SO_LINGER 0): the client sees ECONNRESET."""
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()
    h.close_connection = True


def stall(h: FaultHandler) -> None:
    """Promise 100 KB, send 1 KB, then go silent: the read timeout must end it."""
    h.send_response(200)
    h.send_header("Content-Type", RSS)
    h.send_header("Content-Length", "100000")
    h.end_headers()
    h.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>' + b"x" * 1000)
    h.wfile.flush()
    h.server_state.stopping.wait(120)


def drip(h: FaultHandler) -> None:
    """A byte every 0.2 s, forever: each read is quick, only the whole-request timeout ends it."""
    h.send_response(200)
    h.send_header("Content-Type", RSS)
    h.end_headers()
    h.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>')
    while not h.server_state.stopping.wait(0.2):
        h.wfile.write(b"x")
        h.wfile.flush()


def endless(total: int, ctype: str) -> Responder:
    """``total`` bytes (50 MB by default) written in 64 KB chunks, no Content-Length: never built whole."""

    def respond(h: FaultHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", ctype)
        h.end_headers()
        chunk = b"<p>" + b"filler " * 9360 + b"</p>\n"  # ~64 KB
        sent = 0
        path = h.path.split("?")[0]
        while sent < total and not h.server_state.stopping.is_set():
            h.wfile.write(chunk)
            sent += len(chunk)
            with h.server_state.lock:
                h.server_state.sent[path] += len(chunk)

    return respond


@functools.cache
def gzip_bomb() -> bytes:
    """~60 KB on the wire, 60 MB once inflated (over both the feed and the page cap)."""
    return gzip.compress(b"\0" * 60_000_000, 9)


def bomb(ctype: str) -> Responder:
    def respond(h: FaultHandler) -> None:
        send(200, gzip_bomb(), ctype, Content_Encoding="gzip")(h)

    return respond


# --- Documents ----------------------------------------------------------------------------

SUMMARY = "A short summary of the story that the feed carries for its readers, in two sentences. " * 2
PUB = "Mon, 02 Nov 2026 10:00:00 GMT"


def item(title: str, link: str | None, guid: str, pub: str | None = PUB, summary: str = SUMMARY) -> str:
    parts = [
        f"<title>{title}</title>",
        f'<guid isPermaLink="false">{guid}</guid>',
        f"<description>{summary}</description>",
    ]
    if link is not None:
        parts.append(f"<link>{link}</link>")
    if pub is not None:
        parts.append(f"<pubDate>{pub}</pubDate>")
    return "<item>" + "".join(parts) + "</item>"


def rss(items: list[str], title: str = "Fault feed", encoding: str = "utf-8", prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>{prolog}\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.org/</link><language>en</language>"
        + "".join(items)
        + "</channel></rss>"
    )


def article(title: str, body: str, lang: str = "en", charset: str = "utf-8", date: str | None = None) -> str:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}"><title>{title}</title>{meta}'
        f"</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def story(n: int) -> str:
    """A distinct, extractable article body (well over the extractor's word floor)."""
    return "".join(
        f"<p>Report {n}, part {k}: Nvidia and OpenAI signed a new supply agreement for data center "
        f"chips, the {n}th such deal this quarter, according to people briefed on the talks.</p>"
        for k in range(4)
    )


# Accented text in both directions of the charset mix-up: readable only if decoded right.
ACCENTED_TITLE = "Élysée: la sécurité de l'IA évaluée à Genève"
ACCENTED_BODY = "".join(
    f"<p>Partie {k}: les députés ont débattu de la sécurité des modèles d'intelligence artificielle, "
    "un sujet où l'Europe s'était déjà engagée à Genève et à Zürich.</p>"
    for k in range(4)
)

BILLION_LAUGHS_PROLOG = (
    '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + "]>"
)


@dataclass(frozen=True)
class Fault:
    """One misbehaviour, and what the warehouse must show for it.

    ``feed_error``: a substring of the feed's recorded error when served as a feed (None: the
    feed loads, possibly with a warning, see ``feed_warning``); ``page_error``: a substring of
    the article's extraction_error when served as an article page (None: the page extracts).
    ``as_page`` False: the fault only makes sense for feeds.
    """

    name: str
    what: str
    feed: Callable[[FaultServer], Responder]
    page: Callable[[FaultServer], Responder] | None
    feed_error: str | None
    page_error: str | None
    feed_warning: str | None = None
    gone: bool = False


def good_pages(path: str) -> Responder | None:
    """Every /good/<name>.html (and /dates/<name>.html) is a distinct, healthy article page."""
    if not (path.startswith(("/good/", "/dates/")) and path.endswith(".html")):
        return None
    n = sum(path.encode())  # distinct enough per name for distinct texts
    title = f"Good story {path.removeprefix('/good/').removesuffix('.html')}"
    return send(200, article(title, story(n) + f"<p>Item {path}.</p>").encode(), HTML)


# A page whose own date is plausible (and not in UTC), for a feed item dated 2099.
DATED_PAGE = article("Dated story", story(7), date="2026-11-01T09:00:00+01:00")


def _same(r: Responder) -> Callable[[FaultServer], Responder]:
    return lambda _s: r


def _feed_items(s: FaultServer, n: int, *, prefix: str) -> list[str]:
    return [item(f"{prefix} story {k}", s.url(f"/good/{prefix}-{k}.html"), f"{prefix}-{k}") for k in range(n)]


def _loop(kind: str) -> Callable[[FaultServer], Responder]:
    return lambda s: redirect(s.url(f"/loop/{kind}/b"))


# The fault table. Feeds that still parse (duplicates, missing links/dates, charsets) link to
# good pages under /good/, which count towards "every good article is loaded".
FAULTS: list[Fault] = [
    Fault("404", "HTTP 404 Not Found", _same(send(404, b"gone missing", "text/plain")),
          _same(send(404, b"gone missing", "text/plain")), "HTTP 404", "HTTP 404"),
    Fault("410", "HTTP 410 Gone: the feed is marked gone", _same(send(410, b"", "text/plain")),
          _same(send(410, b"", "text/plain")), "HTTP 410", "HTTP 410", gone=True),
    Fault("429", "HTTP 429 with Retry-After: 7200", _same(send(429, b"slow down", "text/plain", Retry_After="7200")),
          _same(send(429, b"slow down", "text/plain", Retry_After="7200")), "HTTP 429", "HTTP 429"),
    Fault("500", "HTTP 500", _same(send(500, b"oops", "text/plain")), _same(send(500, b"oops", "text/plain")),
          "HTTP 500", "HTTP 500"),
    Fault("503", "HTTP 503 with Retry-After (HTTP-date form)",
          _same(send(503, b"maintenance", "text/plain", Retry_After="Wed, 21 Oct 2099 07:28:00 GMT")),
          _same(send(503, b"maintenance", "text/plain")), "HTTP 503", "HTTP 503"),
    Fault("reset", "connection reset before any answer", _same(reset), _same(reset), "Error", "Error"),
    Fault("stall", "headers and 1 KB, then silence (read timeout mid-body)", _same(stall), _same(stall),
          "timeout", "timeout"),
    Fault("drip", "a byte every 0.2 s (only the whole-request timeout ends it)", _same(drip), _same(drip),
          "timeout", "timeout"),
    Fault("truncated", "XML cut off in the middle of an item",
          lambda s: send(200, rss(_feed_items(s, 3, prefix="trunc")).encode()[:-60]),
          None, None, None, feed_warning="malformed feed"),
    Fault("html", "an HTML page served where a feed should be",
          _same(send(200, article("Home", "<p>Welcome</p>").encode(), HTML)), None, "not a feed", None),
    Fault("empty", "200 with an empty body", _same(send(200, b"")), _same(send(200, b"", HTML)),
          "not a feed", "empty body"),
    Fault("huge", "50 MB body, no Content-Length (streamed by the server)",
          _same(endless(50_000_000, RSS)), _same(endless(50_000_000, HTML)), "too large", "too large"),
    Fault("bomb", "gzip bomb: 60 KB inflating to 60 MB", _same(bomb(RSS)), _same(bomb(HTML)),
          "after decompression", "after decompression"),
    Fault("loop", "redirect loop", _loop("feed"), _loop("page"), "too many redirects", "too many redirects"),
    Fault("private", "redirect to a private address (10.0.0.1) and to the metadata address",
          _same(redirect("http://10.0.0.1/feed.xml")), _same(redirect("http://169.254.169.254/latest/meta-data/")),
          "private address", "metadata address"),
    Fault("latin1-as-utf8", "Latin-1 bytes declared UTF-8",
          lambda s: send(200, rss([item(ACCENTED_TITLE, s.url("/good/latin1-feed.html"), "l1")]).encode("latin-1")),
          _same(send(200, article(ACCENTED_TITLE, ACCENTED_BODY, "fr").encode("latin-1"), HTML)), None, None),
    Fault("utf8-as-latin1", "UTF-8 bytes declared ISO-8859-1",
          lambda s: send(200, rss([item(ACCENTED_TITLE, s.url("/good/utf8-feed.html"), "u8")],
                                  encoding="iso-8859-1").encode("utf-8"), "application/rss+xml; charset=iso-8859-1"),
          _same(send(200, article(ACCENTED_TITLE, ACCENTED_BODY, "fr", charset="iso-8859-1").encode("utf-8"),
                     "text/html; charset=iso-8859-1")), None, None),
    Fault("invalid-bytes", "UTF-8 with invalid bytes (0xff 0xfe 0x80) in the text",
          lambda s: send(200, rss([item("Broken \udcff bytes", s.url("/good/invalid-feed.html"), "ib")])
                         .encode("utf-8", "surrogateescape")),
          _same(send(200, article("Broken bytes", story(99).replace("chips", "chips \udcff\udcfe\udc80"))
                     .encode("utf-8", "surrogateescape"), HTML)), None, None),
    Fault("laughs", "billion-laughs XML (nested entity declarations)",
          lambda s: send(200, rss([item("&i;", s.url("/good/laughs.html"), "bl")], prolog=BILLION_LAUGHS_PROLOG)
                         .encode()), None, "declares XML entities", None),
    Fault("dup-guids", "the same GUID on two different items, and one item twice",
          lambda s: send(200, rss([item("Dup A", s.url("/good/dup-a.html"), "same"),
                                   item("Dup B", s.url("/good/dup-b.html"), "same"),
                                   item("Dup A", s.url("/good/dup-a.html"), "same")]).encode()),
          None, None, None, feed_warning="reuse another entry's GUID"),
    Fault("no-links-dates", "entries without links, entries without dates",
          lambda s: send(200, rss([item("No link", None, "nl1"),
                                   item("No date", s.url("/good/no-date.html"), "nd1", pub=None)]).encode()),
          None, None, None, feed_warning="without a link"),
    Fault("bad-dates", "dates in 2099 and 1970 (undated pages), and 2099 on a page dated in 2026",
          lambda s: send(200, rss([item("Future", s.url("/dates/future.html"), "fd1", pub="Thu, 01 Jan 2099 00:00:00 GMT"),
                                   item("Epoch", s.url("/dates/epoch.html"), "fd2", pub="Thu, 01 Jan 1970 00:00:00 GMT"),
                                   item("Dated", s.url("/dates/dated.html"), "fd3", pub="Thu, 01 Jan 2099 00:00:00 GMT")])
                         .encode()), None, None, None),
]  # fmt: skip
