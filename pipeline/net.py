"""HTTP fetching: one async client, bounded concurrency globally and per host, size limits."""

from __future__ import annotations

import asyncio
import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from pipeline.config import Settings


@dataclass(frozen=True)
class Response:
    url: str
    final_url: str
    status: int | None
    content_type: str | None
    body: bytes
    error: str | None = None


class ResponseTooLarge(Exception):
    pass


class Fetcher:
    """Async HTTP GET with a global and a per-host concurrency cap.

    Use as ``async with Fetcher(settings) as fetcher: await fetcher.get(url, max_bytes)``.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        timeout = httpx.Timeout(
            connect=settings.connect_timeout,
            read=settings.read_timeout,
            write=settings.read_timeout,
            pool=settings.request_timeout,
        )
        self._client = httpx.AsyncClient(
            timeout=timeout,
            follow_redirects=True,
            max_redirects=5,
            headers={"User-Agent": settings.user_agent},
            limits=httpx.Limits(max_connections=settings.max_concurrency),
            trust_env=False,
        )
        self._global = asyncio.Semaphore(settings.max_concurrency)
        self._per_host: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(settings.per_host_concurrency)
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    async def get(self, url: str, max_bytes: int) -> Response:
        host = urlsplit(url).netloc
        async with self._global, self._per_host[host]:
            try:
                return await asyncio.wait_for(
                    self._get(url, max_bytes), timeout=self.settings.request_timeout
                )
            except TimeoutError:
                return Response(url, url, None, None, b"", error="timeout: request took too long")

    async def _get(self, url: str, max_bytes: int) -> Response:
        try:
            async with self._client.stream("GET", url) as resp:
                body = bytearray()
                # aiter_bytes yields decompressed bytes, so the cap also holds after gzip.
                async for chunk in resp.aiter_bytes():
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        raise ResponseTooLarge(f"response larger than {max_bytes} bytes")
                error = None if resp.status_code < 400 else f"HTTP {resp.status_code}"
                return Response(
                    url=url,
                    final_url=str(resp.url),
                    status=resp.status_code,
                    content_type=resp.headers.get("content-type"),
                    body=bytes(body),
                    error=error,
                )
        except ResponseTooLarge as exc:
            return Response(url, url, None, None, b"", error=f"too large: {exc}")
        except httpx.TooManyRedirects:
            return Response(url, url, None, None, b"", error="too many redirects")
        except httpx.TimeoutException as exc:
            return Response(url, url, None, None, b"", error=f"timeout: {type(exc).__name__}")
        except httpx.HTTPError as exc:
            return Response(url, url, None, None, b"", error=f"{type(exc).__name__}: {exc}")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.I)


def decode_html(body: bytes, content_type: str | None) -> str:
    """Decode a page to text: declared charset (header, then <meta>), checked against the bytes.

    A page that declares UTF-8 but is not valid UTF-8 is decoded as Windows-1252, the usual
    real-world culprit, instead of producing mojibake downstream.
    """
    declared: list[str] = []
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        declared.append(m.group(1))
    if m2 := _META_CHARSET.search(body[:4096]):
        declared.append(m2.group(1).decode("ascii", "replace"))
    for charset in [*declared, "utf-8"]:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1252", errors="replace")
