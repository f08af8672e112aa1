"""Stage 1: read the feeds file, fetch every feed, parse it into typed entries."""

from __future__ import annotations

import asyncio
import calendar
import codecs
import hashlib
import io
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
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
from pipeline.net import Fetcher, decode_text, header_charset
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


_XML_DECL_ENCODING = re.compile(rb"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([A-Za-z0-9_.:\-]*)(["'])""")


def to_utf8(body: bytes, content_type: str | None) -> tuple[bytes, str | None, str | None]:
    """Re-encode a feed as UTF-8, labelled so; return (body, content type, note on a wrong label).

    feedparser trusts a Latin-1 label on UTF-8 bytes and produces mojibake ("sÃ©curitÃ©"), so
    the charset is decided here (``decode_text``: header, then the XML declaration, checked
    against the bytes) and feedparser is handed bytes whose labels are true.
    """
    declared = [c for c in (header_charset(content_type),) if c]
    if m := _XML_DECL_ENCODING.match(body[:200]):
        declared.append(m.group(2).decode("ascii"))
    text, codec = decode_text(body, declared)
    note = None
    named = {_codec_name(c) for c in declared} - {None}
    if named and codec not in named and not (codec == "utf-8-sig" and "utf-8" in named):
        note = f"declared {', '.join(sorted(set(declared)))} but is not: read as {codec}"
    out = text.encode("utf-8")
    out = _XML_DECL_ENCODING.sub(lambda m: m.group(1) + b"utf-8" + m.group(3), out, count=1)
    if content_type and header_charset(content_type):
        content_type = re.sub(r"charset\s*=\s*[\"']?[A-Za-z0-9_\-:.]+[\"']?", "charset=utf-8", content_type)
    return out, content_type, note


def _codec_name(charset: str) -> str | None:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def parse_feed(body: bytes, spec: FeedSpec, content_type: str | None = None) -> FeedResult:
    """Parse a feed document with feedparser into typed entries (never raises on bad input)."""
    body, content_type, charset_note = to_utf8(body, content_type)
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
    without_link = repeated = reused = 0
    seen: set[tuple[str, str]] = set()
    guids: set[str] = set()
    for entry in parsed.entries:
        link = entry.get("link")
        if not link or not link.strip():
            without_link += 1  # nothing to fetch or to identify the article by
            continue
        url = resolve(base, link.strip())
        guid = (entry.get("id") or url).strip()
        if (guid, url) in seen:
            repeated += 1  # the same item twice: kept once
            continue
        seen.add((guid, url))
        if guid in guids:
            # Another item reuses the GUID: a broken feed, but a different article. It is kept
            # under the GUID and its link, which the next run computes alike (seen once).
            reused += 1
            guid = f"{guid} <{url}>"
        guids.add(guid)
        entry_lang = None
        detail = entry.get("title_detail")
        if detail is not None:
            entry_lang = normalize_language(detail.get("language"))
        result.entries.append(
            FeedEntry(
                feed_id=spec.feed_id,
                url=url,
                guid=guid,
                title=_plain_text(entry.get("title")),
                summary=_plain_text(entry.get("summary")),
                published_at=_entry_time(entry),
                language=entry_lang or feed_lang or spec.language,
            )
        )
    notes = [charset_note] if charset_note else []
    if without_link:
        notes.append(f"{without_link} entries without a link skipped")
    if repeated:
        notes.append(f"{repeated} entries repeated (kept once)")
    if reused:
        notes.append(f"{reused} entries reuse another entry's GUID (told apart by their link)")
    if parsed.get("bozo"):
        reason = f"{type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}"
        if result.entries:
            notes.insert(0, f"malformed feed, {len(result.entries)} entries recovered ({reason})")
        else:
            result.error = f"not a feed ({reason})"
    elif not parsed.get("version") and not result.entries:
        result.error = "not a feed (no RSS/Atom root element)"
    if notes and result.error is None:
        result.warning = "; ".join(notes)
    return result


async def fetch_feed(fetcher: Fetcher, spec: FeedSpec) -> FeedResult:
    """Fetch and parse one feed unconditionally (no state: every body is parsed)."""
    return (await check_feed(fetcher, spec, None)).result


async def fetch_feeds(specs: list[FeedSpec], settings: Settings) -> list[FeedResult]:
    """Fetch and parse every feed concurrently; a failing feed is a result, not an exception."""
    async with Fetcher(settings) as fetcher:
        return list(await asyncio.gather(*(fetch_feed(fetcher, s) for s in specs)))


def fetch_feeds_sync(specs: list[FeedSpec], settings: Settings) -> tuple[list[FeedResult], float]:
    started = time.perf_counter()
    results = asyncio.run(fetch_feeds(specs, settings))
    return results, time.perf_counter() - started


# --- Feed health: conditional requests, failure scores, backoff --------------------------------

HARD, SOFT = "hard", "soft"

# What became of a feed in one run. The first four are fetches; the last two are not.
FETCHED, NOT_MODIFIED, FAILED, GONE = "fetched", "not_modified", "failed", "gone"
SKIPPED, SKIPPED_GONE = "skipped", "skipped_gone"


@dataclass(frozen=True)
class FeedState:
    """What the warehouse remembers about a feed between runs (``feeds``' health columns)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    failure_score: int = 0
    consecutive_failures: int = 0
    next_fetch_at: datetime | None = None
    gone_at: datetime | None = None
    last_success_at: datetime | None = None
    last_entry_count: int | None = None
    last_error: str | None = None


@dataclass
class FeedCheck:
    """One feed's turn in a run: the parsed result, and what its health columns need."""

    result: FeedResult
    outcome: str  # fetched | not_modified | failed | gone | skipped | skipped_gone
    failure: str | None = None  # hard | soft, when outcome is failed or gone
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    retry_after: float | None = None  # seconds the server asked us to wait (429/503)
    note: str | None = None  # why a feed was skipped


def failure_kind(status: int | None, error: str) -> str:
    """Hard failures (the feed is wrong) weigh more than soft ones (the server is having a bad day).

    Hard: refused by the SSRF guard, DNS name not found, too large, redirect loop, 4xx other
    than 408/429, a document that is not a feed. Soft: timeouts, refused or reset connections,
    temporary DNS failures, 408, 429, 5xx, a corrupt compressed body.
    """
    if status is not None:
        return SOFT if status in (408, 429) or status >= 500 else HARD
    if error.startswith(("refused:", "too large:", "too many redirects", "not a feed")):
        return HARD
    # getaddrinfo's EAI_NONAME ("Name or service not known", "nodename nor servname") is a name
    # that does not exist; EAI_AGAIN ("Temporary failure in name resolution") may heal.
    if "not known" in error or "No address associated" in error:
        return HARD
    return SOFT


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Retry-After as seconds from now: delay-seconds or an HTTP-date (RFC 9110 section 10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def backoff_delay(settings: Settings, feed_id: str, score: int) -> timedelta:
    """How long a feed with this failure score waits: 0 when healthy, else exponential, capped.

    base x 2^min(score - 1, doublings), capped at the maximum, then shortened by a share in
    [0, jitter) drawn from a hash of the feed id and score: deterministic (a retried task
    computes the same time) yet different per feed, so feeds that failed together spread out.
    """
    if score <= 0:
        return timedelta(0)
    minutes = settings.feed_backoff_base_minutes * 2 ** min(score - 1, settings.feed_backoff_doublings)
    minutes = min(minutes, settings.feed_backoff_max_hours * 60)
    draw = int(hashlib.sha256(f"{feed_id}:{score}".encode()).hexdigest()[:8], 16) / 2**32
    return timedelta(minutes=minutes * (1 - settings.feed_backoff_jitter * draw))


def skip_reason(state: FeedState | None, now: datetime, force: bool) -> tuple[str, str] | None:
    """(outcome, note) when a feed is not fetched this run: gone, or backing off."""
    if state is None or force:
        return None
    if state.gone_at is not None:
        return SKIPPED_GONE, f"gone since {state.gone_at:%Y-%m-%d %H:%M}Z ({state.last_error}): not fetched"
    if state.next_fetch_at is not None and state.next_fetch_at > now:
        return SKIPPED, f"skipped (backing off until {state.next_fetch_at:%Y-%m-%d %H:%M:%S}Z)"
    return None


async def check_feed(fetcher: Fetcher, spec: FeedSpec, state: FeedState | None) -> FeedCheck:
    """Fetch one feed, conditionally when its state has validators, and parse it if it changed.

    Conditional GET per RFC 9110 section 13.1: If-None-Match with the stored ETag and
    If-Modified-Since with the stored Last-Modified (both sent, the server picks); a 304 means
    the stored body is still current, and new validators it carries replace the stored ones
    (RFC 9111 section 4.3.4). Servers that ignore both still send the same bytes, so a body
    whose SHA-256 matches the last one is not parsed either.
    """
    headers: dict[str, str] = {}
    if state is not None:
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
    resp = await fetcher.get(spec.url, fetcher.settings.max_feed_bytes, headers=headers)
    kept = state or FeedState(spec.url)
    etag = resp.headers.get("etag") or kept.etag
    last_modified = resp.headers.get("last-modified") or kept.last_modified
    if resp.status == 304:
        result = FeedResult(spec=spec, http_status=304)
        return FeedCheck(
            result, NOT_MODIFIED, etag=etag, last_modified=last_modified, body_hash=kept.body_hash
        )
    if resp.error:
        result = FeedResult(spec=spec, http_status=resp.status, error=resp.error)
        check = FeedCheck(
            result, GONE if resp.status == 410 else FAILED, failure_kind(resp.status, resp.error)
        )
        check.etag, check.last_modified, check.body_hash = kept.etag, kept.last_modified, kept.body_hash
        if resp.status in (429, 503):
            check.retry_after = retry_after_seconds(resp.headers.get("retry-after"), datetime.now(UTC))
        return check
    # A new body replaces the validators: ones the server no longer sends are dropped.
    etag, last_modified = resp.headers.get("etag"), resp.headers.get("last-modified")
    body_hash = hashlib.sha256(resp.body).hexdigest()
    if state is not None and body_hash == state.body_hash:
        result = FeedResult(spec=spec, http_status=resp.status)
        return FeedCheck(result, NOT_MODIFIED, etag=etag, last_modified=last_modified, body_hash=body_hash)
    result = parse_feed(resp.body, spec, resp.content_type)
    result.http_status = resp.status
    if result.error:
        check = FeedCheck(result, FAILED, HARD, kept.etag, kept.last_modified, kept.body_hash)
        return check
    return FeedCheck(result, FETCHED, etag=etag, last_modified=last_modified, body_hash=body_hash)


async def _check_feeds(
    specs: list[FeedSpec], states: dict[str, FeedState], settings: Settings, now: datetime, force: bool
) -> list[FeedCheck]:
    async def one(fetcher: Fetcher, spec: FeedSpec) -> FeedCheck:
        state = states.get(spec.feed_id)
        if state is not None and state.url != spec.url:
            state = None  # the feeds file changed its url: a new feed, with a clean slate
        skip = skip_reason(state, now, force)
        if skip is not None:
            return FeedCheck(FeedResult(spec=spec), skip[0], note=skip[1])
        return await check_feed(fetcher, spec, state)

    async with Fetcher(settings) as fetcher:
        return list(await asyncio.gather(*(one(fetcher, s) for s in specs)))


def check_feeds_sync(
    specs: list[FeedSpec],
    states: dict[str, FeedState],
    settings: Settings,
    now: datetime,
    force: bool = False,
) -> list[FeedCheck]:
    """Fetch every feed that is due (all of them with ``force``), conditionally; skip the others."""
    return asyncio.run(_check_feeds(specs, states, settings, now, force))


def next_state(
    check: FeedCheck, state: FeedState | None, settings: Settings, now: datetime
) -> dict[str, object]:
    """The feed's row for the ``feeds`` table after this run's check (not called for skipped feeds)."""
    r = check.result
    prev = state if state is not None and state.url == r.spec.url else FeedState(r.spec.url)
    row: dict[str, object] = {
        "feed_id": r.spec.feed_id, "url": r.spec.url, "name": r.spec.name, "language": r.spec.language,
        "tags": list(r.spec.tags), "fetched_at": now, "http_status": r.http_status, "outcome": check.outcome,
        "etag": check.etag, "last_modified": check.last_modified, "body_hash": check.body_hash,
        "failure_kind": check.failure,
    }  # fmt: skip
    if check.outcome in (FETCHED, NOT_MODIFIED):
        warning = r.warning
        if check.outcome == NOT_MODIFIED and prev.failure_score == 0:
            warning = prev.last_error  # the same body as last time: its warning still holds
        row.update(
            status="warning" if warning else "ok",
            error=warning,
            entry_count=len(r.entries) if check.outcome == FETCHED else prev.last_entry_count,
            failure_score=0,
            consecutive_failures=0,
            next_fetch_at=now,  # healthy: due at the next run (the schedule sets the pace)
            gone_at=None,
            last_success_at=now,
        )
        return row
    score = prev.failure_score + (settings.feed_hard_failure_score if check.failure == HARD else 1)
    delay = backoff_delay(settings, r.spec.feed_id, score)
    if check.retry_after is not None:
        delay = max(delay, timedelta(seconds=min(check.retry_after, settings.feed_backoff_max_hours * 3600)))
    gone = check.outcome == GONE
    row.update(
        status="error",
        error=r.error,
        entry_count=0,
        failure_score=score,
        consecutive_failures=prev.consecutive_failures + 1,
        next_fetch_at=None if gone else now + delay,
        gone_at=(prev.gone_at or now) if gone else None,
        last_success_at=prev.last_success_at,
    )
    return row
