"""URL canonicalisation and the article key derived from it."""

from __future__ import annotations

import hashlib
from urllib.parse import urljoin, urlsplit, urlunsplit

import courlan


def canonicalize_url(url: str) -> str:
    """Normalise a URL for identity: lower-case host, no fragment, tracking parameters removed.

    courlan strips utm_*/fbclid-style parameters and default ports but keeps the fragment;
    a fragment never names a different article, so it goes too.
    """
    normalized = courlan.normalize_url(url.strip())
    parts = urlsplit(normalized)
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def url_key(canonical_url: str) -> str:
    """Stable article id: the first 128 bits of SHA-256 of the canonical URL, in hex.

    The warehouse computes the same value as ``left(sha256(url), 32)``.
    """
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:32]


def domain_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def resolve(base: str, href: str) -> str:
    return urljoin(base, href)


def is_http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)
