"""HTTP fetching: one async client (aiohttp), bounded concurrency globally and per host, size limits.

Everything fetched here comes from untrusted documents (feeds name article URLs, servers
name redirect targets), so the fetcher also guards against server-side request forgery:
see ``AddressPolicy``, ``_GuardedResolver`` and ``_GuardedConnector``.
"""

from __future__ import annotations

import asyncio
import codecs
import errno
import inspect
import ipaddress
import os
import re
import select
import socket
import ssl
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import aiohttp

# httpx only parses and joins URLs here (and supplies the CA bundle): which URLs are refused as
# invalid, and the exact URL each request goes to, stay what they were when it was the client.
import httpx
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.client_reqrep import ConnectionKey
from aiohttp.connector import Connection
from aiohttp.tracing import Trace
from protego import Protego
from yarl import URL

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
        self.parse_url(url)

    def parse_url(self, url: str) -> httpx.URL:
        """``check_url``, returning the URL as parsed (and normalised) for the request."""
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
            return parsed  # a name: judged on what it resolves to, when connecting
        self.check_address(parsed.host, parsed.port or (443 if scheme == "https" else 80), ip)
        return parsed

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


class _GuardedResolver(AbstractResolver):
    """aiohttp resolver that resolves the host itself and checks every address it returns.

    Checking the URL text is not enough: a public-looking name can resolve to 127.0.0.1 or
    169.254.169.254, and a name that resolved to a public address when checked can resolve to
    a private one a moment later, when the socket opens (DNS rebinding). So the check sits
    where the connection is made, on every connection, including each redirect hop: we
    resolve once, refuse the host if any of its addresses is blocked and not allowed, and hand
    the connector the IP literals, so nothing resolves the name again. TLS still verifies the
    certificate against the host name (the connector passes the URL's host as server_hostname).

    A refusal is a URLRefused, which aiohttp lets through unwrapped (it only wraps OSError) and
    never retries: the request ends there, as "refused: ...".
    """

    def __init__(self, policy: AddressPolicy, timeout: float | None) -> None:
        self._policy = policy
        self._timeout = timeout

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_UNSPEC
    ) -> list[ResolveResult]:
        loop = asyncio.get_running_loop()
        try:
            # getaddrinfo runs in the loop's thread pool; an IP literal never touches DNS.
            infos = await asyncio.wait_for(
                loop.getaddrinfo(
                    host, port, family=family, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
                ),
                self._timeout,
            )
        except TimeoutError:
            # A bare TimeoutError: aiohttp re-raises it as ConnectionTimeoutError ("timeout: ConnectTimeout").
            raise TimeoutError(f"resolving {host} took too long") from None
        # Any other OSError (socket.gaierror: "Name or service not known") goes up as it is:
        # aiohttp wraps it in ClientConnectorDNSError, reported as "ConnectError: <the OS message>".
        addresses: list[IPAddress] = []
        for *_, sockaddr in infos:
            ip = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
            if ip not in addresses:
                addresses.append(ip)
        for ip in addresses:
            self._policy.check_address(host, port, ip)
        if not addresses:
            raise OSError(f"no address for {host}")
        return [
            {
                "hostname": host,
                "host": str(ip),
                "port": port,
                "family": socket.AF_INET6 if ip.version == 6 else socket.AF_INET,
                "proto": socket.IPPROTO_TCP,
                "flags": socket.AI_NUMERICHOST | socket.AI_NUMERICSERV,
            }
            for ip in addresses
        ]

    async def close(self) -> None:
        pass


class _GuardedConnector(aiohttp.TCPConnector):
    """TCPConnector whose every connection, IP literal or host name, goes through the resolver.

    aiohttp itself skips the resolver for a host that looks like an IP address (and refuses
    legacy numeric forms such as ``2130706433`` outright); here every host is resolved and
    checked by ``_GuardedResolver``, so the address guard is on every connection, as it was
    with the httpcore backend, and a numeric form is judged on the address it stands for.
    There is no DNS cache: a new connection resolves its host anew (connections are reused
    per origin, so that is once per connection, not per request).
    """

    async def _resolve_host(
        self, host: str, port: int, traces: Sequence[Trace] | None = None
    ) -> list[ResolveResult]:
        return await self._resolver.resolve(host, port, family=self._family)

    async def _get(self, key: ConnectionKey, traces: list[Trace]) -> Connection | None:
        """An idle kept-alive connection for ``key``, if one is still usable.

        As httpcore did before reusing one: an idle connection whose socket is readable has
        been closed by the server (or sent something unasked), and is dropped rather than
        sent a request that would fail with "Server disconnected" (aiohttp would resend it;
        its resending is off, see Fetcher._session).
        """
        while (conn := await super()._get(key, traces)) is not None:
            transport = conn.transport
            sock = transport.get_extra_info("socket") if transport is not None else None
            if not _is_readable(sock):
                return conn
            conn.close()
        return None


def _is_readable(sock: socket.socket | None) -> bool:
    """Whether ``sock`` has data or an EOF waiting (a closed or unusable socket counts as readable)."""
    fd = -1 if sock is None else sock.fileno()
    if fd < 0:
        return True
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


def _check_aiohttp_hooks() -> None:
    """Fail loudly, rather than fetch without the address guard, if aiohttp's internals moved."""
    for name, params in (("_resolve_host", ["self", "host", "port"]), ("_get", ["self", "key", "traces"])):
        hook = getattr(aiohttp.TCPConnector, name, None)
        if not inspect.iscoroutinefunction(hook) or list(inspect.signature(hook).parameters)[:3] != params:
            raise RuntimeError(f"cannot install the address guard: aiohttp's TCPConnector.{name} has changed")
    if "_retry_connection" not in aiohttp.ClientSession.ATTRS:
        raise RuntimeError("cannot turn off aiohttp's retry of failed requests: ClientSession has changed")


# httpcore's h11 connection refuses a response head over 100 KB; aiohttp limits each header
# line (8 KB by default, which real sites' long Content-Security-Policy or Set-Cookie lines
# pass) and the number of lines (128) instead: 32 KB a line keeps a head under 4 MB, below
# the page cap.
_MAX_HEADER_LINE = 32 * 1024
# aiohttp rounds timeouts of 5 s or more up to the next whole second of loop time by default:
# timeouts here are kept to the Settings' value, as with httpx.
_NO_CEIL = 1e9
# httpx's default keep-alive expiry: an idle connection is closed after 5 s.
_KEEPALIVE_SECONDS = 5.0


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

    httpx's and aiohttp's own decoders inflate each network chunk whole: a 64 KB chunk of gzip can become
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
        _check_aiohttp_hooks()
        self.settings = settings
        self.policy = AddressPolicy(settings.allow_hosts)
        # One TLS context per Fetcher (loading the CA bundle takes ~30 ms of CPU): certifi's
        # bundle as with httpx, offering HTTP/1.1 by ALPN as httpcore did.
        self._ssl_context = httpx.create_ssl_context(trust_env=False)
        self._ssl_context.set_alpn_protocols(["http/1.1"])
        self._client: aiohttp.ClientSession | None = None  # made on first use: it needs the running loop
        self._global = asyncio.Semaphore(settings.max_concurrency)
        self._per_host: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(settings.per_host_concurrency)
        )
        # Politeness: the earliest loop time the next request to a host may start, and each
        # host's Crawl-delay (from its robots.txt) when it asks for more than per_host_delay.
        self._next_start: dict[str, float] = {}
        self._crawl_delay: dict[str, float] = {}
        self._robots: dict[str, asyncio.Task[_RobotsRules]] = {}

    def _session(self) -> aiohttp.ClientSession:
        if self._client is None:
            settings = self.settings
            connector = _GuardedConnector(
                resolver=_GuardedResolver(self.policy, settings.connect_timeout),
                ssl=self._ssl_context,
                use_dns_cache=False,
                # Requests in flight are bounded by the Fetcher's semaphores, not by the pool:
                # the pool (one per origin inside the connector) only keeps connections for reuse.
                limit=0,
                limit_per_host=0,
                keepalive_timeout=_KEEPALIVE_SECONDS,
                # A host's addresses are tried one after the other, in the resolver's order.
                happy_eyeballs_delay=None,
                timeout_ceil_threshold=_NO_CEIL,
            )
            self._client = aiohttp.ClientSession(
                connector=connector,
                timeout=aiohttp.ClientTimeout(
                    total=None,  # the whole request is bounded by request_timeout, in get()
                    sock_connect=settings.connect_timeout,
                    sock_read=settings.read_timeout,
                    ceil_threshold=_NO_CEIL,
                ),
                # Only codings we can inflate with a bounded output (no br/zstd decoders), and
                # inflated by us (_read_capped): aiohttp hands over the raw bytes.
                headers={
                    "Accept": "*/*",
                    "Connection": "keep-alive",
                    "User-Agent": settings.user_agent,
                    "Accept-Encoding": "gzip, deflate",
                },
                auto_decompress=False,
                # No proxy from the environment: through a proxy the guard would check the
                # proxy's address, not the target's, and the SSRF check would be void.
                trust_env=False,
                # Cookies are kept for the run and sent back, IP-address hosts included, as httpx did.
                cookie_jar=aiohttp.CookieJar(unsafe=True),
                max_line_size=_MAX_HEADER_LINE,
                max_field_size=_MAX_HEADER_LINE,
            )
            # aiohttp resends a GET once when the connection fails under it (a reset, a close
            # before the answer): a server that resets would be asked twice. httpx does not.
            self._client._retry_connection = False
        return self._client

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None

    async def get(
        self, url: str, max_bytes: int, headers: dict[str, str] | None = None, truncate: bool = False
    ) -> Response:
        """GET ``url``; ``headers`` are added to every hop (conditional requests: If-None-Match...).

        With ``truncate`` a body over ``max_bytes`` is cut there instead of refused (robots.txt).
        """
        try:
            target = self.policy.parse_url(url)  # fails fast: no semaphore, no DNS, no connection
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
                        self._get(url, target, max_bytes, headers or {}, truncate),
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

    async def _get(
        self, url: str, target: httpx.URL, max_bytes: int, headers: dict[str, str], truncate: bool
    ) -> Response:
        session = self._session()
        current = url
        try:
            for hop in range(MAX_REDIRECTS + 1):
                if hop:
                    try:
                        target = self.policy.parse_url(current)
                    except URLRefused as exc:
                        raise URLRefused(f"redirect to {current}: {exc}") from None
                # The URL as httpx wrote it (normalised, percent-encoded), sent as it is.
                final_url = str(target)
                try:
                    resp = await session.request(
                        "GET",
                        URL(final_url, encoded=True),
                        headers=headers,
                        # Redirects are followed here, so every hop's URL is checked and counted.
                        allow_redirects=False,
                    )
                except URLRefused as exc:
                    raise URLRefused(f"redirect to {current}: {exc}" if hop else str(exc)) from None
                except aiohttp.ClientError:
                    raise
                except ValueError as exc:  # a URL httpx took and yarl does not (a port over 65535)
                    why = f"invalid URL ({exc})"
                    raise URLRefused(f"redirect to {current}: {why}" if hop else why) from None
                try:
                    resp_headers = _header_dict(resp.raw_headers)
                    # Not any 3xx: a 304 (conditional GET) has no Location.
                    if resp.status in _REDIRECT_STATUSES and "location" in resp_headers:
                        location = resp_headers["location"]
                        try:
                            httpx.URL(location)
                        except httpx.InvalidURL as exc:
                            # What httpx reported for a Location it cannot parse.
                            raise _ProtocolError(f"Invalid URL in location header: {exc}.") from None
                        try:
                            current = str(target.join(location))
                        except httpx.InvalidURL:
                            raise URLRefused(f"redirect to an invalid URL {location!r}") from None
                        continue
                    body = await _read_capped(resp, resp_headers, max_bytes, truncate)
                finally:
                    # Back to the pool if the body was read to its end; closed otherwise.
                    resp.release()
                error = None if resp.status < 400 else f"HTTP {resp.status}"
                return Response(
                    url=url,
                    final_url=final_url,
                    status=resp.status,
                    content_type=resp_headers.get("content-type"),
                    body=body,
                    error=error,
                    headers=resp_headers,
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
        except _ProtocolError as exc:
            return Response(url, current, None, None, b"", error=f"RemoteProtocolError: {exc}")
        except aiohttp.ClientError as exc:
            return Response(url, current, None, None, b"", error=_client_error(exc))


_REDIRECT_STATUSES = frozenset((301, 302, 303, 307, 308))
_RESET = "connection reset or closed by the server"


class _ProtocolError(Exception):
    """The server broke HTTP: reported as "RemoteProtocolError: ...", as httpx named it."""


def _header_dict(raw: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    """Response headers as httpx gave them: lower-case names, repeated ones joined with ", ",
    decoded as ASCII, else UTF-8, else Latin-1 (one encoding for the whole head)."""
    raw = tuple(raw)
    encoding = "ascii"
    if not all(k.isascii() and v.isascii() for k, v in raw):
        try:
            for k, v in raw:
                k.decode("utf-8")
                v.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "iso-8859-1"
    headers: dict[str, str] = {}
    for k, v in raw:
        name, value = k.decode(encoding).lower(), v.decode(encoding)
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


def _os_detail(exc: BaseException) -> str:
    """An OS-level connection error as "[Errno 111] Connection refused", "[Errno -2] Name or service
    not known" (getaddrinfo), or the TLS library's message."""
    if (
        isinstance(exc, OSError)
        and not isinstance(exc, ssl.SSLError | socket.gaierror)
        and isinstance(exc.errno, int)
        and exc.errno > 0
    ):
        return f"[Errno {exc.errno}] {os.strerror(exc.errno)}"
    return str(exc) or "connection failed"


def _client_error(exc: aiohttp.ClientError) -> str:
    """aiohttp's exception as the error httpx's would have given: "<Kind>: <detail>" with httpx's
    kinds (ConnectError, ReadError, RemoteProtocolError), or "timeout: <Kind>"."""
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return "timeout: ConnectTimeout"
    if isinstance(exc, aiohttp.ServerTimeoutError):
        return "timeout: ReadTimeout"
    if isinstance(exc, aiohttp.InvalidURL):
        return f"refused: invalid URL ({exc})"
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return f"ConnectError: {_os_detail(exc.certificate_error)}"
    if isinstance(exc, aiohttp.ClientConnectorError):
        return f"ConnectError: {_os_detail(exc.os_error)}"
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "RemoteProtocolError: Server disconnected without sending a response."
    if isinstance(exc, aiohttp.ClientPayloadError):
        return f"RemoteProtocolError: {_payload_detail(exc)}"
    if isinstance(exc, aiohttp.ClientResponseError):
        return f"RemoteProtocolError: {_one_line(exc.message)}"
    if isinstance(exc, aiohttp.ClientOSError) and exc.errno not in (
        errno.ECONNRESET,
        errno.EPIPE,
        errno.ECONNABORTED,
    ):
        return f"ReadError: {_os_detail(exc)}"
    if isinstance(exc, aiohttp.ClientConnectionError):
        return f"ReadError: {_RESET}"
    return f"RemoteProtocolError: {exc or _RESET}"


def _one_line(message: str) -> str:
    """aiohttp's parser errors on one line, without the line pointing at the bad byte."""
    lines = (line.strip() for line in message.splitlines())
    return " ".join(line for line in lines if line and set(line) != {"^"})


_SHORT_BODY = re.compile(r"received (\d+) of (\d+) bytes")


def _payload_detail(exc: aiohttp.ClientPayloadError) -> str:
    """A body cut short, in httpx's words; any other body error in aiohttp's."""
    message = str(exc)
    if "Not enough data to satisfy content length" in message:
        if m := _SHORT_BODY.search(message):
            return (
                "peer closed connection without sending complete message body"
                f" (received {m.group(1)} bytes, expected {m.group(2)})"
            )
        return "peer closed connection without sending complete message body"
    if "Not enough data to satisfy transfer length" in message:
        return "peer closed connection without sending complete message body (incomplete chunked read)"
    return _one_line(message)


async def _read_capped(
    resp: aiohttp.ClientResponse, headers: dict[str, str], max_bytes: int, truncate: bool = False
) -> bytes:
    """Read a body, counting bytes as sent and after decompression; stop as soon as either passes the cap.

    Past the cap the response is refused (ResponseTooLarge), or with ``truncate`` cut at the cap.
    """
    length = headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes and not truncate:
        raise ResponseTooLarge(f"Content-Length {length} is over the {max_bytes}-byte cap")
    decoders = _decoders(headers.get("content-encoding"))
    body = bytearray()
    sent = 0
    async for raw in resp.content.iter_any():
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
