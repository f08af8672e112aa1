"""Stage 1: read the feeds file, fetch every feed, parse it into typed entries."""

from __future__ import annotations

import asyncio
import calendar
import hashlib
import io
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from pyexpat import ExpatError, ParserCreate
from typing import Any

import feedparser
import yaml
from feedparser.encodings import convert_to_utf8
from feedparser.sanitizer import replace_doctype
from lxml import etree
from lxml import html as lxml_html

from pipeline.config import Settings
from pipeline.errors import FeedsFileError
from pipeline.language import normalize_language
from pipeline.net import Fetcher
from pipeline.records import FeedEntry, FeedResult, FeedSpec
from pipeline.urls import canonicalize_url, is_http_url, resolve

_ID_OK = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,63}$")


def feed_id_for(url: str) -> str:
    """Default feed id: a short hash of the canonical feed URL (stable across renames)."""
    return "f" + hashlib.sha256(canonicalize_url(url).encode()).hexdigest()[:11]


def load_feed_specs(path: Path) -> list[FeedSpec]:
    """Read a feeds file: YAML (``feeds: [{url, name, language, tags}]``) or OPML."""
    if not path.is_file():
        raise FeedsFileError(f"feeds file not found: {path}")
    raw = path.read_bytes()
    if path.suffix.lower() in (".opml", ".xml") or raw.lstrip().startswith(b"<"):
        return _specs_from_opml(raw, path)
    return _specs_from_yaml(raw, path)


def _specs_from_yaml(raw: bytes, path: Path) -> list[FeedSpec]:
    try:
        doc = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None)
        where = f" (line {mark.line + 1}: {problem})" if mark is not None else ""
        raise FeedsFileError(f"{path}: not valid YAML{where}") from exc
    items = doc.get("feeds") if isinstance(doc, dict) else doc
    if not isinstance(items, list) or not items:
        raise FeedsFileError(f"{path}: expected a non-empty list under 'feeds:'")
    specs: list[FeedSpec] = []
    for n, item in enumerate(items, start=1):
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            raise FeedsFileError(f"{path}: feed #{n} has no 'url'")
        unknown = set(item) - {"id", "url", "name", "language", "tags"}
        if unknown:
            raise FeedsFileError(f"{path}: feed #{n} has unknown keys: {', '.join(sorted(unknown))}")
        specs.append(_spec(path, n, item))
    return _check_unique(specs, path)


def _spec(path: Path, n: int, item: dict[str, Any]) -> FeedSpec:
    url = item["url"].strip()
    if not is_http_url(url):
        raise FeedsFileError(f"{path}: feed #{n} url is not http(s): {url!r}")
    feed_id = item.get("id") or feed_id_for(url)
    if not isinstance(feed_id, str) or not _ID_OK.match(feed_id):
        raise FeedsFileError(f"{path}: feed #{n} id must be lowercase letters, digits, - or _")
    tags = item.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    language = item.get("language")
    return FeedSpec(
        feed_id=feed_id,
        url=url,
        name=item.get("name"),
        language=normalize_language(language) if isinstance(language, str) else None,
        tags=tuple(str(t) for t in tags),
    )


def _specs_from_opml(raw: bytes, path: Path) -> list[FeedSpec]:
    # No entity resolution and no network: an OPML file is untrusted input too.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedsFileError(f"{path}: not valid OPML/XML: {exc}") from exc
    specs: list[FeedSpec] = []
    for n, outline in enumerate(root.iter("outline"), start=1):
        url = outline.get("xmlUrl")
        if not url:
            continue  # a folder outline
        parent = outline.getparent()
        folder = parent.get("text") if parent is not None and parent.tag == "outline" else None
        item: dict[str, Any] = {
            "url": url,
            "name": outline.get("title") or outline.get("text"),
            "language": outline.get("language"),
            "tags": [folder] if folder else [],
        }
        specs.append(_spec(path, n, item))
    if not specs:
        raise FeedsFileError(f"{path}: no <outline xmlUrl=...> feeds found")
    return _check_unique(specs, path)


def _check_unique(specs: list[FeedSpec], path: Path) -> list[FeedSpec]:
    seen: set[str] = set()
    for spec in specs:
        if spec.feed_id in seen:
            raise FeedsFileError(f"{path}: duplicate feed id {spec.feed_id!r} ({spec.url})")
        seen.add(spec.feed_id)
    return specs


def _plain_text(fragment: str | None) -> str | None:
    """Feed summaries often carry HTML: keep the text only."""
    if not fragment or not fragment.strip():
        return None
    try:
        text = lxml_html.fromstring(fragment).text_content()
    except (etree.ParserError, ValueError):
        text = fragment
    text = re.sub(r"\s+", " ", text).strip()
    return text or None


def _entry_time(entry: Any) -> datetime | None:
    # feedparser normalises every date format it knows to a UTC struct_time.
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None


class _RootElement(Exception):
    pass


class _EntityDeclared(Exception):
    pass


def _declares_entities(body: bytes, headers: dict[str, str]) -> bool:
    """Whether feedparser would expand entities the document declares (<!ENTITY> in its DOCTYPE).

    feedparser 6 is only half safe here. External entities are never fetched (it turns off
    external general entities, and expat itself does no I/O). But internal ones are expanded:
    by expat, which on this Python (expat 2.5) stops a billion-laughs document only after
    about 8 MB of output; and, when expat gives up, by feedparser's fallback "loose" parser,
    which re-declares the "safe" (non-nested) entities and expands them without any limit, so
    a 400 KB feed repeating one 20 KB entity becomes a 400 MB title. Real feeds have no use
    for entity declarations, so such a document is refused. This replays feedparser's own
    first steps (conversion to UTF-8, DOCTYPE rewriting) to look at exactly what its two
    parsers would see, and lets expat stop at the first declaration or at the root element.
    """
    converted = convert_to_utf8(headers, body, {})
    _, rewritten, loose_entities = replace_doctype(converted)
    # Before and after the rewriting: what feedparser strips is harmless, but a feed that
    # tries is refused all the same, and the rewriting can also make a broken DTD valid.
    return bool(loose_entities) or any(_expat_sees_entities(data) for data in (converted, rewritten))


def _expat_sees_entities(data: bytes) -> bool:
    parser = ParserCreate()
    parser.EntityDeclHandler = _raise(_EntityDeclared)
    parser.StartElementHandler = _raise(_RootElement)  # the prolog is over: nothing more to declare
    try:
        parser.Parse(data, True)
    except _EntityDeclared:
        return True
    except (_RootElement, ExpatError, ValueError):
        pass
    return False


def _raise(exc: type[Exception]) -> Callable[..., None]:
    def handler(*_: object) -> None:
        raise exc

    return handler


def parse_feed(body: bytes, spec: FeedSpec, content_type: str | None = None) -> FeedResult:
    """Parse a feed document with feedparser into typed entries (never raises on bad input)."""
    headers = {"content-type": content_type} if content_type else {}
    result = FeedResult(spec=spec)
    if _declares_entities(body, headers):
        result.error = "refused: the feed declares XML entities (<!ENTITY>), which could expand without bound"
        return result
    # A file object, never bytes: feedparser opens a bytes or str argument as a local path
    # (or fetches it, if it looks like a URL) when it can, so a server answering
    # "/etc/passwd" would have us parse our own file.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=False)
    base = spec.url
    feed_lang = normalize_language(parsed.feed.get("language"))
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        url = resolve(base, link.strip())
        entry_lang = None
        detail = entry.get("title_detail")
        if detail is not None:
            entry_lang = normalize_language(detail.get("language"))
        result.entries.append(
            FeedEntry(
                feed_id=spec.feed_id,
                url=url,
                guid=(entry.get("id") or url).strip(),
                title=_plain_text(entry.get("title")),
                summary=_plain_text(entry.get("summary")),
                published_at=_entry_time(entry),
                language=entry_lang or feed_lang or spec.language,
            )
        )
    if parsed.get("bozo"):
        reason = f"{type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}"
        if result.entries:
            result.warning = f"malformed feed, {len(result.entries)} entries recovered ({reason})"
        else:
            result.error = f"not a feed ({reason})"
    elif not parsed.get("version") and not result.entries:
        result.error = "not a feed (no RSS/Atom root element)"
    return result


async def fetch_feed(fetcher: Fetcher, spec: FeedSpec) -> FeedResult:
    resp = await fetcher.get(spec.url, fetcher.settings.max_feed_bytes)
    if resp.error:
        return FeedResult(spec=spec, http_status=resp.status, error=resp.error)
    result = parse_feed(resp.body, spec, resp.content_type)
    result.http_status = resp.status
    return result


async def fetch_feeds(specs: list[FeedSpec], settings: Settings) -> list[FeedResult]:
    """Fetch and parse every feed concurrently; a failing feed is a result, not an exception."""
    async with Fetcher(settings) as fetcher:
        return list(await asyncio.gather(*(fetch_feed(fetcher, s) for s in specs)))


def fetch_feeds_sync(specs: list[FeedSpec], settings: Settings) -> tuple[list[FeedResult], float]:
    started = time.perf_counter()
    results = asyncio.run(fetch_feeds(specs, settings))
    return results, time.perf_counter() - started
