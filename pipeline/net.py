"""HTTP fetching: one async client, bounded concurrency globally and per host, size limits.

Everything fetched here comes from untrusted documents (feeds name article URLs, servers
name redirect targets), so the fetcher also guards against server-side request forgery:
see ``AddressPolicy`` and ``_GuardedBackend``.
"""

from __future__ import annotations

import asyncio
import codecs
import ipaddress
import re
import socket
import ssl
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpcore
import httpx
from protego import Protego

from pipeline.config import Settings
from pipeline.errors import UserError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

MAX_REDIRECTS = 5
# RFC 9309 section 2.5: crawlers must read at least the first 500 KiB of a robots.txt.
MAX_ROBOTS_BYTES = 500 * 1024
# A site's Crawl-delay is honoured up to this many seconds between requests: beyond that one
# site with many new pages could hold the whole run for hours.
MAX_CRAWL_DELAY = 10.0
ROBOTS_DISALLOWED = "disallowed by robots.txt"

# Cloud metadata services, named so the refusal says what was at stake. AWS/GCP/Azure/
# OpenStack answer on 169.254.169.254 (AWS also on fd00:ec2::254), Alibaba on
# 100.100.100.200, Oracle on 192.0.0.192 (which Python 3.11 even calls "global").
_METADATA = {
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200", "192.0.0.192")
}
_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT, RFC 6598
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))  # RFC 6052/8215


def blocked_reason(ip: IPAddress) -> str | None:
    """Why an address is not a public destination, or None if it is one."""
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv6 address can carry an IPv4 one (::ffff:127.0.0.1, 6to4, NAT64); Python 3.11
        # does not look inside, so the embedded address is judged too.
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and any(ip in net for net in _NAT64):
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and (why := blocked_reason(embedded)):
            return why
    if ip in _METADATA:
        return "a cloud metadata address"
    checks = (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("shared (carrier-grade NAT)", isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED),
        ("non-public", not ip.is_global),
    )
    for label, hit in checks:
        if hit:
            return f"{'an' if label[0] in 'aeiou' else 'a'} {label} address"
    return None


_HOSTNAME = re.compile(
    r"^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$"
)


@dataclass(frozen=True)
class AllowRule:
    """One allow-list entry: a host name, an IP address or a CIDR network, optionally with a port."""

    text: str
    host: str | None = None  # a host name, matched against the URL's host
    network: IPNetwork | None = None  # an address or network, matched against the resolved address
    port: int | None = None

    @classmethod
    def parse(cls, entry: str) -> AllowRule:
        text = entry.strip()
        bad = UserError(
            f"allow-list entry {entry!r} is not a host name, an IP address, host:port or a CIDR network"
        )
        host, port = text, None
        if m := re.fullmatch(r"\[([0-9A-Fa-f:.]+)\](?::(\d+))?", text):  # [::1] or [::1]:8080
            host, port = m.group(1), m.group(2)
        elif text.count(":") == 1:  # host:port or a.b.c.d:port (a bare IPv6 has several colons)
            host, port = text.split(":")
        port_num = None
        if port is not None:
            if not port.isdigit() or not 0 < int(port) < 65536:
                raise bad
            port_num = int(port)
        if "/" in host:
            if port_num is not None:
                raise bad
            try:
                return cls(text, network=ipaddress.ip_network(host, strict=True))
            except ValueError as exc:
                raise UserError(f"allow-list entry {entry!r} is not a valid CIDR network ({exc})") from None
        try:
            return cls(text, network=ipaddress.ip_network(host), port=port_num)
        except ValueError:
            pass
        name = host.lower().rstrip(".")
        if not _HOSTNAME.match(name) or name.replace(".", "").isdigit():
            raise bad
        return cls(text, host=name, port=port_num)

    def matches(self, host: str, port: int, ip: IPAddress | None) -> bool:
        if self.port is not None and self.port != port:
            return False
        if self.host is not None:
            return self.host == host.lower().rstrip(".")
        assert self.network is not None
        if ip is None:
            return False
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped and self.network.version == 4:
            ip = ip.ipv4_mapped
        return ip.version == self.network.version and ip in self.network


def parse_allow_list(entries: Iterable[str]) -> tuple[AllowRule, ...]:
    """Parse allow-list entries (``--allow-host``, ``MEDIAMON_ALLOW_HOSTS``); a bad one is a UserError."""
    return tuple(AllowRule.parse(e) for e in entries if e.strip())


# The sample site (pipeline/sample_site.py) registers the exact host:port it serves on while it
# runs, so the demo and the tests can fetch from it without opening loopback to everything.
_SERVED_HERE: Counter[str] = Counter()


@contextmanager
def allowing_local_server(host_port: str) -> Iterator[None]:
    """Allow fetching from ``host_port`` (a server this process runs) while the block runs."""
    _SERVED_HERE[host_port] += 1
    try:
        yield
    finally:
        _SERVED_HERE[host_port] -= 1
        if _SERVED_HERE[host_port] <= 0:
            del _SERVED_HERE[host_port]


class URLRefused(Exception):
    """The URL or the address it resolves to is not one we fetch from."""


class AddressPolicy:
    """Which URLs and addresses may be fetched: public http(s) ones, plus the allow-list."""

    def __init__(self, allow: Iterable[str]) -> None:
        self.rules = parse_allow_list([*allow, *_SERVED_HERE])

    def _allowed(self, host: str, port: int, ip: IPAddress | None) -> bool:
        return any(rule.matches(host, port, ip) for rule in self.rules)

    def check_url(self, url: str) -> None:
        """Refuse a URL on its text: scheme, and an address written in the URL (no DNS needed)."""
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise URLRefused(f"scheme {scheme or '(none)'!r} is not http(s)")
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise URLRefused(f"invalid URL ({exc})") from None
        if not parsed.host:
            raise URLRefused("no host in the URL")
        try:
            ip = ipaddress.ip_address(parsed.host.split("%")[0])
        except ValueError:
            return  # a name: judged on what it resolves to, when connecting
        self.check_address(parsed.host, parsed.port or (443 if scheme == "https" else 80), ip)

    def check_address(self, host: str, port: int, ip: IPAddress) -> None:
        why = blocked_reason(ip)
        if why and not self._allowed(host, port, ip):
            shown = host if _is_literal(host, ip) else f"{host} resolves to {ip}, which"
            raise URLRefused(f"{shown} is {why} (not in the allow-list)")


def _is_literal(host: str, ip: IPAddress) -> bool:
    try:
        return ipaddress.ip_address(host.split("%")[0]) == ip
    except ValueError:
        return False


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore network backend that resolves the host itself, checks every address, and
    connects to the checked address.

    Checking the URL text is not enough: a public-looking name can resolve to 127.0.0.1 or
    169.254.169.254, and a name that resolved to a public address when checked can resolve to
    a private one a moment later, when the socket opens (DNS rebinding). So the check sits
    where the connection is made, on every connection, including each redirect hop: we
    resolve once, refuse the host if any of its addresses is blocked and not allowed, and
    hand the inner backend the IP literal, so nothing resolves the name again. TLS still
    verifies the certificate against the host name (httpcore passes it as server_hostname).
    """

    def __init__(self, policy: AddressPolicy, inner: httpcore.AsyncNetworkBackend) -> None:
        self._policy = policy
        self._inner = inner

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            # getaddrinfo runs in the loop's thread pool; an IP literal never touches DNS.
            infos = await asyncio.wait_for(
                loop.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP), timeout
            )
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} took too long") from None
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from None
        addresses: list[IPAddress] = []
        for *_, sockaddr in infos:
            ip = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
            if ip not in addresses:
                addresses.append(ip)
        for ip in addresses:
            self._policy.check_address(host, port, ip)
        last: Exception = httpcore.ConnectError(f"no address for {host}")
        for ip in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(ip), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise URLRefused("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def _guarded_transport(policy: AddressPolicy, ssl_context: ssl.SSLContext) -> httpx.AsyncHTTPTransport:
    """An httpx transport whose connections all go through the address guard."""
    # trust_env=False: no proxy from the environment. Through a proxy the guard would check
    # the proxy's address, not the target's, and the SSRF check would be void. Requests in
    # flight are bounded by the Fetcher's semaphores, not by the pool: the pool only keeps
    # connections open for reuse.
    transport = httpx.AsyncHTTPTransport(
        verify=ssl_context, limits=httpx.Limits(max_connections=None), trust_env=False
    )
    pool = transport._pool
    # httpx 0.28 has no public hook for the network backend; httpcore's pool keeps it in
    # `_network_backend` and hands it to every connection it opens. Fail loudly if that
    # ever changes rather than fetch without the address check.
    if not isinstance(getattr(pool, "_network_backend", None), httpcore.AsyncNetworkBackend):
        raise RuntimeError("cannot install the address guard: httpcore's pool has changed")
    pool._network_backend = _GuardedBackend(policy, pool._network_backend)
    return transport


class _PerOriginTransport(httpx.AsyncBaseTransport):
    """One guarded connection pool per origin (scheme, host, port), so connections are reused.

    httpcore's pool scans every connection it holds, and polls each idle one's socket, for
    every request it assigns: one pool over a run's many hosts costs more CPU per page than
    the page's own parsing, and a pool capped at the global concurrency closes one host's idle
    connection to open another's whenever the run spans more hosts than that (a new
    connection, DNS and address check for nearly every page). Per origin, a pool holds at
    most ``per_host_concurrency`` connections in use.
    """

    def __init__(self, policy: AddressPolicy) -> None:
        self._policy = policy
        # One TLS context for every pool: loading the CA bundle takes ~30 ms of CPU each time.
        self._ssl_context = httpx.create_ssl_context(trust_env=False)
        self._pools: dict[tuple[bytes, bytes, int | None], httpx.AsyncHTTPTransport] = {}
        # Raises now, not at the first request, if the guard cannot be installed.
        _guarded_transport(policy, self._ssl_context)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        origin = (url.raw_scheme, url.raw_host, url.port)
        pool = self._pools.get(origin)
        if pool is None:
            pool = self._pools[origin] = _guarded_transport(self._policy, self._ssl_context)
        return await pool.handle_async_request(request)

    async def aclose(self) -> None:
        for pool in self._pools.values():
            await pool.aclose()
        self._pools.clear()


@dataclass(frozen=True)
class Response:
    url: str
    final_url: str
    status: int | None
    content_type: str | None
    body: bytes
    error: str | None = None
    # The final response's headers (lower-case names): ETag, Last-Modified, Retry-After.
    headers: dict[str, str] = field(default_factory=dict)


class ResponseTooLarge(Exception):
    pass


class _BadBody(Exception):
    """A body we cannot decode: an unknown content-encoding or corrupt compressed data."""


class _Inflater:
    """gzip/deflate decoder whose output is bounded, so a small bomb cannot allocate gigabytes.

    httpx's own decoders inflate each network chunk whole: a 64 KB chunk of gzip can become
    64 MB before anyone counts it. ``zlib``'s ``max_length`` stops at the cap instead.
    """

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._first = True
        self._d = self._new(zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS)

    @staticmethod
    def _new(wbits: int) -> zlib._Decompress:
        return zlib.decompressobj(wbits)

    def decode(self, data: bytes, limit: int) -> bytes:
        """Inflate ``data``; return at most ``limit + 1`` bytes (more than ``limit`` means too large)."""
        out = bytearray()
        while data:
            try:
                out += self._d.decompress(data, limit + 1 - len(out))
            except zlib.error:
                if self._gzip or not self._first:
                    raise
                # "deflate" is raw DEFLATE on some servers, zlib-wrapped on others (as httpx does).
                self._d = self._new(-zlib.MAX_WBITS)
                self._first = False
                continue
            self._first = False
            if len(out) > limit:
                return bytes(out)
            data = self._d.unconsumed_tail
            if self._d.eof:
                data = self._d.unused_data  # gzip allows several members back to back
                if data and self._gzip:
                    self._d = self._new(zlib.MAX_WBITS | 16)
                else:
                    break
        return bytes(out)


def _decoders(content_encoding: str | None) -> list[_Inflater]:
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    decoders: list[_Inflater] = []
    for coding in reversed(codings):  # the last coding applied is the first to undo
        if coding in ("identity", ""):
            continue
        if coding not in ("gzip", "x-gzip", "deflate"):
            raise _BadBody(f"unsupported content-encoding {coding!r}")
        decoders.append(_Inflater(coding))
    return decoders


class Fetcher:
    """Async HTTP GET with a global and a per-host concurrency cap, SSRF checks and size caps.

    Use as ``async with Fetcher(settings) as fetcher: await fetcher.get(url, max_bytes)``.
    ``get`` never raises for a bad URL or a failed fetch: the Response carries the reason.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.policy = AddressPolicy(settings.allow_hosts)
        timeout = httpx.Timeout(
            connect=settings.connect_timeout,
            read=settings.read_timeout,
            write=settings.read_timeout,
            pool=settings.request_timeout,
        )
        # trust_env=False here and in every pool (_guarded_transport): no proxy from the environment.
        self._transport = _PerOriginTransport(self.policy)
        self._client = httpx.AsyncClient(
            transport=self._transport,
            timeout=timeout,
            # Redirects are followed by hand (_get), so every hop's URL is checked and counted.
            follow_redirects=False,
            # Only codings we can inflate with a bounded output (no br/zstd decoders).
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=False,
        )
        self._global = asyncio.Semaphore(settings.max_concurrency)
        self._per_host: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(settings.per_host_concurrency)
        )
        # Politeness: the earliest loop time the next request to a host may start, and each
        # host's Crawl-delay (from its robots.txt) when it asks for more than per_host_delay.
        self._next_start: dict[str, float] = {}
        self._crawl_delay: dict[str, float] = {}
        self._robots: dict[str, asyncio.Task[_RobotsRules]] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    async def get(
        self, url: str, max_bytes: int, headers: dict[str, str] | None = None, truncate: bool = False
    ) -> Response:
        """GET ``url``; ``headers`` are added to every hop (conditional requests: If-None-Match...).

        With ``truncate`` a body over ``max_bytes`` is cut there instead of refused (robots.txt).
        """
        try:
            self.policy.check_url(url)  # fails fast: no semaphore, no DNS, no connection
        except URLRefused as exc:
            return Response(url, url, None, None, b"", error=f"refused: {exc}")
        host = urlsplit(url).netloc.lower()
        # The host's slot is taken before the global one, and the delay waited between the two,
        # so a request sleeping for its turn on one host holds nothing other hosts need.
        async with self._per_host[host]:
            await self._wait_turn(host)
            async with self._global:
                try:
                    return await asyncio.wait_for(
                        self._get(url, max_bytes, headers or {}, truncate),
                        timeout=self.settings.request_timeout,
                    )
                except TimeoutError:
                    return Response(url, url, None, None, b"", error="timeout: request took too long")

    async def _wait_turn(self, host: str) -> None:
        """Sleep until this host's next request may start: per_host_delay (or its Crawl-delay) apart.

        The slot is reserved before sleeping, with no await in between, so concurrent requests
        to one host line up one delay apart without a lock.
        """
        delay = self.host_delay(host)
        loop = asyncio.get_running_loop()
        now = loop.time()
        start = max(now, self._next_start.get(host, now))
        self._next_start[host] = start + delay
        if start > now:
            await asyncio.sleep(start - now)

    def host_delay(self, host: str) -> float:
        """Seconds between request starts to ``host`` (host:port): per_host_delay or its Crawl-delay."""
        return max(self.settings.per_host_delay, self._crawl_delay.get(host, 0.0))

    async def robots_verdict(self, url: str) -> str | None:
        """None if robots.txt lets us fetch ``url``, else the reason (starting "disallowed by robots.txt").

        robots.txt is read once per origin per Fetcher (one run), through the same guarded
        client, delay and caps; concurrent pages of one site wait for the same read.
        """
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            return None  # get() refuses it with the real reason
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        task = self._robots.get(origin)
        if task is None:
            task = asyncio.ensure_future(self._read_robots(origin))
            self._robots[origin] = task
        rules = await task
        return rules.verdict(url, self.settings.user_agent)

    async def _read_robots(self, origin: str) -> _RobotsRules:
        resp = await self.get(f"{origin}/robots.txt", MAX_ROBOTS_BYTES, truncate=True)
        rules = _RobotsRules.from_response(resp)
        if rules.parser is not None and (delay := rules.parser.crawl_delay(self.settings.user_agent)):
            self._crawl_delay[urlsplit(origin).netloc] = min(float(delay), MAX_CRAWL_DELAY)
        return rules

    async def _get(self, url: str, max_bytes: int, headers: dict[str, str], truncate: bool) -> Response:
        current = url
        try:
            for hop in range(MAX_REDIRECTS + 1):
                if hop:
                    try:
                        self.policy.check_url(current)
                    except URLRefused as exc:
                        raise URLRefused(f"redirect to {current}: {exc}") from None
                request = self._client.build_request("GET", current, headers=headers)
                try:
                    resp = await self._client.send(request, stream=True)
                except URLRefused as exc:
                    raise URLRefused(f"redirect to {current}: {exc}" if hop else str(exc)) from None
                try:
                    # Not is_redirect: that is any 3xx, and a 304 (conditional GET) has no Location.
                    if resp.has_redirect_location:
                        location = resp.headers["location"]
                        try:
                            current = str(resp.url.join(location))
                        except httpx.InvalidURL:
                            raise URLRefused(f"redirect to an invalid URL {location!r}") from None
                        continue
                    body = await _read_capped(resp, max_bytes, truncate)
                finally:
                    await resp.aclose()
                error = None if resp.status_code < 400 else f"HTTP {resp.status_code}"
                return Response(
                    url=url,
                    final_url=str(resp.url),
                    status=resp.status_code,
                    content_type=resp.headers.get("content-type"),
                    body=body,
                    error=error,
                    headers={k.lower(): v for k, v in resp.headers.items()},
                )
            return Response(
                url, current, None, None, b"", error=f"too many redirects (more than {MAX_REDIRECTS})"
            )
        except URLRefused as exc:
            return Response(url, current, None, None, b"", error=f"refused: {exc}")
        except ResponseTooLarge as exc:
            return Response(url, current, None, None, b"", error=f"too large: {exc}")
        except _BadBody as exc:
            return Response(url, current, None, None, b"", error=f"bad response body: {exc}")
        except httpx.TimeoutException as exc:
            return Response(url, current, None, None, b"", error=f"timeout: {type(exc).__name__}")
        except httpx.HTTPError as exc:
            # A reset or a close mid-response often comes with no message at all.
            detail = str(exc) or "connection reset or closed by the server"
            return Response(url, current, None, None, b"", error=f"{type(exc).__name__}: {detail}")


async def _read_capped(resp: httpx.Response, max_bytes: int, truncate: bool = False) -> bytes:
    """Read a body, counting bytes as sent and after decompression; stop as soon as either passes the cap.

    Past the cap the response is refused (ResponseTooLarge), or with ``truncate`` cut at the cap.
    """
    length = resp.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes and not truncate:
        raise ResponseTooLarge(f"Content-Length {length} is over the {max_bytes}-byte cap")
    decoders = _decoders(resp.headers.get("content-encoding"))
    body = bytearray()
    sent = 0
    async for raw in resp.aiter_raw():
        sent += len(raw)
        if sent > max_bytes and not truncate:
            raise ResponseTooLarge(f"more than {max_bytes} bytes sent")
        chunk = raw
        try:
            for decoder in decoders:
                chunk = decoder.decode(chunk, max_bytes - len(body))
        except zlib.error as exc:
            raise _BadBody(f"corrupt compressed data ({exc})") from None
        body += chunk
        if truncate and (len(body) >= max_bytes or sent > max_bytes):
            return bytes(body[:max_bytes])
        if len(body) > max_bytes:
            where = " after decompression" if decoders else ""
            raise ResponseTooLarge(f"larger than {max_bytes} bytes{where}")
    return bytes(body)


@dataclass(frozen=True)
class _RobotsRules:
    """What one origin's robots.txt says, or how the site is treated without one (RFC 9309 2.3.1)."""

    parser: Protego | None = None
    allow_all: bool = False
    why_not: str | None = None  # the whole site is off limits this run, and why

    @classmethod
    def from_response(cls, resp: Response) -> _RobotsRules:
        if resp.error and resp.error.startswith("refused:"):
            # The site itself is refused (SSRF guard): the page's own fetch says so, in full.
            return cls(allow_all=True)
        if resp.status is not None and 400 <= resp.status < 500:
            return cls(allow_all=True)  # "unavailable": no rules, everything may be fetched
        if resp.error or resp.status is None or resp.status >= 300:
            # "unreachable" (5xx, network error, timeout, too many redirects): assume the whole
            # site is disallowed until a later run can read the file.
            return cls(why_not=f"{ROBOTS_DISALLOWED} (robots.txt unreachable: {resp.error or resp.status})")
        return cls(parser=Protego.parse(resp.body.decode("utf-8", errors="replace")))

    def verdict(self, url: str, user_agent: str) -> str | None:
        if self.why_not:
            return self.why_not
        if self.allow_all or self.parser is None or self.parser.can_fetch(url, user_agent):
            return None
        return ROBOTS_DISALLOWED


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Single-byte charsets that any byte string "decodes" in: they never fail, so a UTF-8 document
# mislabelled as one of them would silently become mojibake ("Ã©" for "é").
_SINGLE_BYTE = {"ascii", "latin-1", "iso8859-1", "iso8859-15", "cp1252"}


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    m = _HEADER_CHARSET.search(content_type or "")
    return m.group(1) if m else None


def decode_text(body: bytes, declared: Iterable[str]) -> tuple[str, str]:
    """Decode a document that declares ``declared`` charsets (first wins); return (text, codec used).

    Declarations are often wrong, so they are checked against the bytes: a byte-order mark
    wins; a declared charset the bytes are not valid in is passed over; bytes that are valid
    UTF-8 with multi-byte sequences are UTF-8 even when labelled Latin-1 or Windows-1252 (real
    Latin-1 text is almost never valid UTF-8). Undeclared or undecodable: UTF-8 when most
    non-ASCII bytes form valid UTF-8 (a few stray bytes become U+FFFD), else Windows-1252,
    the usual real-world culprit. Never raises.
    """
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body.decode(codec, errors="replace"), codec
    try:
        body.decode("utf-8")
        valid_utf8, non_ascii = True, not body.isascii()
    except UnicodeDecodeError:
        valid_utf8, non_ascii = False, True
    for charset in declared:
        try:
            codec = codecs.lookup(charset).name
        except LookupError:
            continue
        if codec in _SINGLE_BYTE and valid_utf8 and non_ascii:
            return body.decode("utf-8"), "utf-8"
        try:
            return body.decode(codec), codec
        except (UnicodeDecodeError, UnicodeError):
            continue
    if valid_utf8:
        return body.decode("utf-8"), "utf-8"
    lenient = body.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    if sum(1 for c in lenient if ord(c) > 127) - bad > bad:
        return lenient, "utf-8"
    return body.decode("cp1252", errors="replace"), "cp1252"


def decode_html(body: bytes, content_type: str | None) -> str:
    """Decode a page to text: declared charset (header, then <meta>), checked against the bytes."""
    declared: list[str] = []
    if charset := header_charset(content_type):
        declared.append(charset)
    if m2 := _META_CHARSET.search(body[:4096]):
        declared.append(m2.group(1).decode("ascii", "replace"))
    return decode_text(body, declared)[0]
