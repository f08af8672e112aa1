"""The bundled offline sample news site, served from 127.0.0.1 for the demo and the tests.

Files under ``pipeline/demo_site`` write links as ``{{BASE_URL}}/...``; the server fills in
its own address, so the site works on whatever port it gets.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pipeline.config import DEMO_SITE_DIR
from pipeline.net import allowing_local_server

PLACEHOLDER = "{{BASE_URL}}"
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".opml": "text/x-opml; charset=utf-8",
    ".yaml": "text/plain; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


class _Handler(SimpleHTTPRequestHandler):
    base_url = ""
    root = DEMO_SITE_DIR

    def do_GET(self) -> None:
        rel = unquote(urlsplit(self.path).path).lstrip("/")
        target = (self.root / rel).resolve()
        if not target.is_relative_to(self.root.resolve()) or not target.is_file():
            self.send_error(HTTPStatus.NOT_FOUND, "no such page")
            return
        body = target.read_bytes()
        ctype = _TYPES.get(target.suffix, "application/octet-stream")
        if ctype.endswith("charset=utf-8"):
            body = body.replace(PLACEHOLDER.encode(), self.base_url.encode())
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the demo's and the tests' output readable


@contextmanager
def serve_sample_site(port: int = 0, root: Path = DEMO_SITE_DIR) -> Iterator[str]:
    """Serve the sample site on 127.0.0.1 in a background thread; yield its base URL.

    While it serves, this process may fetch from exactly its host:port (loopback is otherwise
    refused); other processes need ``site_host(base_url)`` in MEDIAMON_ALLOW_HOSTS.
    """
    handler: type[_Handler] = type("SampleSiteHandler", (_Handler,), {"root": root})
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(handler))
    server.daemon_threads = True
    handler.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="sample-site", daemon=True)
    thread.start()
    try:
        with allowing_local_server(site_host(handler.base_url)):
            yield handler.base_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def site_host(base_url: str) -> str:
    """The sample site's ``host:port``, the allow-list entry that lets the pipeline fetch from it."""
    return urlsplit(base_url).netloc


def with_allowed(base_url: str, allow_hosts: str | None) -> str:
    """A MEDIAMON_ALLOW_HOSTS value: ``allow_hosts`` plus the sample site's host:port."""
    return ",".join(filter(None, [allow_hosts, site_host(base_url)]))


def demo_feeds_file(base_url: str, dest: Path, root: Path = DEMO_SITE_DIR) -> Path:
    """Write the demo's feeds file (the bundled template with the server's address filled in)."""
    template = (root / "feeds.yaml").read_text(encoding="utf-8")
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(template.replace(PLACEHOLDER, base_url), encoding="utf-8")
    return dest
