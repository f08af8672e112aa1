"""A generated news site for the throughput benchmark: publishers on 127.0.10.N, with latency.

Every publisher has its own loopback address (127.0.10.1, 127.0.10.2, ...) on one shared port,
an RSS feed at ``/feed.xml`` and article pages of 3-6 KB of text in English or French, built
from sentence templates written for this benchmark, wrapped in the chrome of a real news page
(navigation, related links, footer). One server process answers for every address from
threads; each response waits ``latency`` seconds (sleeping, no lock held) and the server
counts the requests in flight per address, keeping the peak, and the connections opened
(it keeps them alive, HTTP/1.1): ``GET /__stats`` returns them
(and is neither delayed nor counted), ``GET /__reset`` clears them.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from xml.sax.saxutils import escape

ADDRESS_PREFIX = "127.0.10."
NAME_SUFFIX = ".bench.test"  # pN.bench.test -> 127.0.10.N, see resolver_shim()
DEFAULT_PORT = 18080


@dataclass(frozen=True)
class SiteSpec:
    """What to generate and serve. ``names``: URLs name hosts (pN.bench.test), else addresses."""

    publishers: int
    articles: int
    port: int = DEFAULT_PORT
    latency: float = 0.1
    names: bool = False
    seed: int = 7

    def address(self, n: int) -> str:
        return f"{ADDRESS_PREFIX}{n}"

    def base_url(self, n: int) -> str:
        host = f"p{n}{NAME_SUFFIX}" if self.names else self.address(n)
        return f"http://{host}:{self.port}"

    def feed_urls(self) -> list[str]:
        return [f"{self.base_url(n)}/feed.xml" for n in range(1, self.publishers + 1)]


COMPANIES = [
    ("OpenAI", "GPT-5"), ("Anthropic", "Claude"), ("Mistral AI", "Le Chat"), ("Nvidia", "Blackwell"),
    ("Google DeepMind", "Gemini"), ("Meta", "Llama"), ("Microsoft", "Copilot"), ("Amazon", "Trainium"),
    ("AMD", "Instinct MI400"), ("Intel", "Gaudi"), ("xAI", "Grok"), ("Samsung Electronics", "HBM4"),
]  # fmt: skip
CITIES = {
    "en": ["London", "Austin", "Seoul", "Toronto", "Dublin"],
    "fr": ["Paris", "Lyon", "Grenoble", "Nantes"],
}

# Original sentence templates; {c}/{d} are companies, {p} a product, {n} a number, {t} a city.
SENTENCES = {
    "en": [
        "{c} said on Tuesday that it would open a new research office in {t}, its third this year.",
        "Engineers at {c} told reporters that {p} now answers questions in {n} languages.",
        "The deal values {c} at roughly {n} billion dollars, according to two people briefed on it.",
        "Analysts expect {d} to answer within weeks, as the race for data-centre capacity tightens.",
        "A spokesperson for {c} declined to comment on the price of {p} for large customers.",
        "Regulators in {t} have asked {c} to explain how {p} was trained and on which data.",
        "The chips behind {p} are made in small batches, and {d} has asked for {n} thousand more.",
        "Investors have poured money into start-ups that build tools on top of {p} this quarter.",
        "{c} hired {n} researchers from {d} over the summer, people familiar with the matter said.",
        "Customers in {t} can try {p} for free until the end of the month, the company added.",
        "The training run took {n} days on a cluster that {c} describes as its largest so far.",
        "Critics argue that {c} has not shown how {p} behaves when it is wrong about facts.",
    ],
    "fr": [
        "{c} a annoncé mardi l'ouverture d'un laboratoire à {t}, le troisième cette année.",
        "Selon les ingénieurs de {c}, {p} répond désormais dans {n} langues différentes.",
        "L'opération valorise {c} à environ {n} milliards de dollars, selon deux sources proches.",
        "Les analystes attendent une réponse de {d} d'ici quelques semaines.",
        "Un porte-parole de {c} n'a pas souhaité commenter le prix de {p} pour les entreprises.",
        "Le régulateur a demandé à {c} d'expliquer comment {p} a été entraîné, et sur quelles données.",
        "Les puces qui font tourner {p} sont rares, et {d} en réclame {n} milliers de plus.",
        "Les investisseurs financent les jeunes pousses qui construisent des outils autour de {p}.",
        "{c} a recruté {n} chercheurs venus de {d} cet été, selon des personnes informées.",
        "À {t}, les clients peuvent essayer {p} gratuitement jusqu'à la fin du mois.",
        "L'entraînement a duré {n} jours sur une grappe que {c} présente comme sa plus grande.",
        "Les critiques reprochent à {c} de ne pas montrer comment {p} se comporte quand il se trompe.",
    ],
}
TITLES = {
    "en": ["{c} bets on {p} as rivals close in", "{c} and {d} in talks over chips", "Inside the {p} launch"],
    "fr": ["{c} mise sur {p} face à ses rivaux", "{c} et {d} discutent de puces", "Les coulisses de {p}"],
}
CHROME = {
    "en": ("Home", "Business", "Technology", "Science", "Opinion", "Related stories", "All rights reserved."),
    "fr": ("Accueil", "Économie", "Technologie", "Sciences", "Débats", "Sur le même sujet",
           "Tous droits réservés."),
}  # fmt: skip


def _article(spec: SiteSpec, rng: random.Random, n: int, k: int, lang: str) -> tuple[str, str, str, bytes]:
    """One page: (path, title, summary, HTML)."""
    (c, p), (d, _) = rng.sample(COMPANIES, 2)

    def fill(template: str) -> str:
        return template.format(c=c, d=d, p=p, n=rng.randint(2, 90), t=rng.choice(CITIES[lang]))

    title = fill(rng.choice(TITLES[lang])) + f" ({k})"
    paragraphs = []
    size = rng.randint(3_000, 6_000)
    while sum(len(x) for x in paragraphs) < size:
        paragraphs.append(" ".join(fill(rng.choice(SENTENCES[lang])) for _ in range(rng.randint(3, 5))))
    path = f"/{2026}/{k % 12 + 1:02d}/story-{k}.html"
    base = spec.base_url(n)
    nav = "".join(f'<li><a href="{base}/{s.lower()}/">{s}</a></li>' for s in CHROME[lang][:5])
    related = "".join(
        f'<li><a href="{base}/2026/01/story-{j}.html">{escape(fill(rng.choice(TITLES[lang])))}</a></li>'
        for j in rng.sample(range(spec.articles), 4)
    )
    published = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(minutes=k)
    body = "".join(f"<p>{escape(x)}</p>" for x in paragraphs)
    page = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<link rel="canonical" href="{base}{path}">'
        f'<meta property="article:published_time" content="{published.isoformat()}">'
        f'<meta name="author" content="Staff writer {n}"></head><body>'
        f'<header><a href="{base}/">Publisher {n}</a><nav><ul>{nav}</ul></nav></header>'
        f'<main><article><h1>{escape(title)}</h1><p class="byline">Staff writer {n} · '
        f'<time datetime="{published.isoformat()}">{published:%Y-%m-%d}</time></p>{body}</article>'
        f'<aside class="related"><h2>{CHROME[lang][5]}</h2><ul>{related}</ul></aside></main>'
        f"<footer><p>© Publisher {n}. {CHROME[lang][6]}</p><ul>{nav}</ul></footer></body></html>"
    )
    return path, title, paragraphs[0][:300], page.encode("utf-8")


def generate(spec: SiteSpec) -> dict[tuple[str, str], tuple[str, bytes]]:
    """Every document of the site: (address, path) -> (content type, body)."""
    rng = random.Random(spec.seed)
    docs: dict[tuple[str, str], tuple[str, bytes]] = {}
    items: dict[int, list[str]] = {n: [] for n in range(1, spec.publishers + 1)}
    for k in range(spec.articles):
        n = k % spec.publishers + 1
        lang = "fr" if n % 3 == 0 else "en"
        path, title, summary, page = _article(spec, rng, n, k, lang)
        docs[(spec.address(n), path)] = ("text/html; charset=utf-8", page)
        published = format_datetime(datetime(2026, 11, 1, tzinfo=UTC) + timedelta(minutes=k))
        link = spec.base_url(n) + path
        items[n].append(
            f"<item><title>{escape(title)}</title><link>{link}</link><guid>{link}</guid>"
            f"<pubDate>{published}</pubDate><description>{escape(summary)}</description></item>"
        )
    for n, entries in items.items():
        lang = "fr" if n % 3 == 0 else "en"
        feed = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Publisher {n}</title><link>{spec.base_url(n)}/</link><language>{lang}</language>"
            + "".join(entries)
            + "</channel></rss>"
        )
        docs[(spec.address(n), "/feed.xml")] = ("application/rss+xml; charset=utf-8", feed.encode("utf-8"))
    return docs


class _Counter:
    """Requests in flight per address, with the peak."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now: dict[str, int] = {}
        self.peak: dict[str, int] = {}
        self.total: dict[str, int] = {}
        self.connections: dict[str, int] = {}

    def enter(self, host: str) -> None:
        with self.lock:
            self.now[host] = self.now.get(host, 0) + 1
            self.peak[host] = max(self.peak.get(host, 0), self.now[host])
            self.total[host] = self.total.get(host, 0) + 1

    def connected(self, host: str) -> None:
        with self.lock:
            self.connections[host] = self.connections.get(host, 0) + 1

    def leave(self, host: str) -> None:
        with self.lock:
            self.now[host] -= 1


def _serve(spec: SiteSpec, ready: Connection) -> None:
    docs = generate(spec)
    counter = _Counter()

    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.1 keeps connections alive, as news sites do (http.server's default, HTTP/1.0,
        # closes each one): a client that reuses connections should not pay a new one per page.
        protocol_version = "HTTP/1.1"

        counted = False  # this connection (one handler per connection) is in the counts

        def do_GET(self) -> None:
            host = self.server.server_address[0]
            path = self.path.split("?")[0]
            if path in ("/__stats", "/__reset"):
                if path == "/__reset":
                    with counter.lock:
                        counter.peak.clear()
                        counter.total.clear()
                        counter.connections.clear()
                body = json.dumps(
                    {"peak": counter.peak, "requests": counter.total, "connections": counter.connections}
                ).encode()
                self._send(200, "application/json", body)
                return
            if not self.counted:  # its first counted request; /__stats and /__reset are not
                self.counted = True
                counter.connected(str(host))
            counter.enter(str(host))
            try:
                time.sleep(spec.latency)  # the injected latency: no lock is held here
                ctype, body = docs.get((str(host), path), ("text/plain", b""))
                self._send(200 if body else 404, ctype, body or b"not found")
            finally:
                counter.leave(str(host))

        def _send(self, status: int, ctype: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    servers = []
    for n in range(1, spec.publishers + 1):
        server = ThreadingHTTPServer((spec.address(n), spec.port), Handler)
        server.daemon_threads = True
        server.request_queue_size = 128
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    ready.send(len(docs))
    ready.recv()  # blocks until the parent says stop (or goes away)


@dataclass
class RunningSite:
    spec: SiteSpec
    documents: int

    def _get(self, path: str) -> dict[str, dict[str, int]]:
        url = f"http://{self.spec.address(1)}:{self.spec.port}{path}"
        with urllib.request.urlopen(url, timeout=10) as resp:
            return dict(json.loads(resp.read()))

    def stats(self) -> dict[str, dict[str, int]]:
        """{"peak": {address: most requests in flight at once}, "requests": {address: count},
        "connections": {address: connections that carried a counted request}}."""
        return self._get("/__stats")

    def reset(self) -> None:
        self._get("/__reset")


@contextmanager
def serve_site(spec: SiteSpec) -> Iterator[RunningSite]:
    """Run the site's server in its own process (its threads do not compete with ours for the GIL)."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_serve, args=(spec, child), daemon=True, name="bench-site")
    proc.start()
    try:
        if not parent.poll(120):
            raise RuntimeError("the benchmark site did not start")
        yield RunningSite(spec, parent.recv())
    finally:
        with suppress(OSError):
            parent.send("stop")
        proc.join(10)
        if proc.is_alive():
            proc.kill()


def resolver_shim() -> str:
    """A ``sitecustomize`` that resolves pN.bench.test to 127.0.10.N in the processes it is given to.

    trafilatura's URL checks (courlan) drop ``http://IP:port/`` URLs, and port 80 needs root, so
    the benchmark names its hosts; with no DNS or /etc/hosts entry for them, both sides of the
    comparison get this same in-process resolver on PYTHONPATH.
    """
    return (
        "import re, socket\n"
        "_getaddrinfo = socket.getaddrinfo\n"
        f"_NAME = re.compile(r'p(\\d+){NAME_SUFFIX.replace('.', chr(92) + '.')}\\.?$')\n"
        "def getaddrinfo(host, *args, **kwargs):\n"
        "    name = host.decode() if isinstance(host, bytes) else host\n"
        "    m = _NAME.match(name or '')\n"
        f"    return _getaddrinfo('{ADDRESS_PREFIX}' + m.group(1) if m else host, *args, **kwargs)\n"
        "socket.getaddrinfo = getaddrinfo\n"
    )
