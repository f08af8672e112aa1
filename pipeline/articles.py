"""Stage 2: download each new entry's page and extract its main text and metadata."""

from __future__ import annotations

import asyncio
import copy
import hashlib
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from pipeline.boilerplate import LABEL_MAX_CHARS, RELATED_LABEL
from pipeline.config import FUTURE_SLACK, Settings
from pipeline.language import normalize_language
from pipeline.records import Article, Extracted, FeedEntry, Page
from pipeline.urls import canonicalize_url, domain_of, resolve, url_key

if TYPE_CHECKING:
    from pipeline.extraction import ExtractionPool
    from pipeline.net import Fetcher

# Fewer words than this and the "article" is a JS shell, a paywall stub or a cookie wall.
MIN_EXTRACTED_WORDS = 25

# trafilatura drops related-links blocks inside <aside> or a div classed "related", but keeps
# them when a site writes them as plain paragraphs in the article body, so we remove them
# before extracting.
_BLOCKS = {"p", "div", "li", "h2", "h3", "h4", "h5", "h6", "section"}
# Characters enough to hold any label of RELATED_LABEL, loose whitespace included.
_LABEL_WINDOW = 100


# lxml.html's parser finds each element's class with a Python callback (forms, inputs, labels
# and the like get classes of their own, which extraction never uses): here every element is an
# HtmlElement, found in C. About a fortieth of a page's extraction, trafilatura's included.
_PARSER = lxml_html.HTMLParser()
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement,
        comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity,
    )
)


def _norm_ws(text: str) -> str:
    # str.split() splits on the same Unicode whitespace as re's \s, several times faster.
    return " ".join(text.split())


def _link_share(el: lxml_html.HtmlElement) -> float:
    """Share of an element's text that sits inside links."""
    total = len(_norm_ws(el.text_content()))
    if total == 0:
        return 0.0
    linked = sum(len(_norm_ws(a.text_content())) for a in el.iter("a"))
    return linked / total


def _is_link_block(el: lxml_html.HtmlElement) -> bool:
    return el.tag in _BLOCKS | {"ul", "ol"} and _link_share(el) >= 0.7


def _opening(el: lxml_html.HtmlElement) -> str:
    """The first _LABEL_WINDOW characters of the element's text, leading whitespace left out."""
    opening = el.text
    if opening and len(opening) >= _LABEL_WINDOW:  # most blocks: their own first text node is long enough
        opening = opening.lstrip()
        if len(opening) >= _LABEL_WINDOW:
            return opening[:_LABEL_WINDOW]
    # All of its text at once, in C: a generator over its text nodes (``itertext``) costs more
    # per node than this costs per character, even for the outer div holding the whole article.
    return el.text_content().lstrip()[:_LABEL_WINDOW]


def _in_document(el: lxml_html.HtmlElement, root: lxml_html.HtmlElement) -> bool:
    """Whether ``el`` still hangs from ``root``: not in a subtree already dropped."""
    top = el
    for ancestor in el.iterancestors():
        top = ancestor
    return top is root


def strip_related_links(root: lxml_html.HtmlElement) -> int:
    """Remove "Read also"-style related-links blocks in place; return how many were removed."""
    removed = 0
    body = root.find("body")
    scope = body if body is not None else root
    labelled: dict[str, bool] = {}  # openings seen on this page (a wrapper opens as its first child)
    for el in list(scope.iter(*_BLOCKS)):
        # A label opens the block: look at its first words before working on all of its text
        # (an outer div holds the whole article, and most blocks open with no label).
        opening = _opening(el)
        is_label = labelled.get(opening)
        if is_label is None:
            is_label = labelled[opening] = RELATED_LABEL.match(opening) is not None
        if not is_label:
            continue
        if not _in_document(el, root):  # already removed: a link block after a label, or inside one
            continue
        text = _norm_ws(el.text_content())
        match = RELATED_LABEL.match(text)
        if not match:
            continue
        rest = text[match.end() :]
        if rest:
            # "À lire aussi : <a>Title</a>" in one paragraph: drop it when the rest is a link.
            if _link_share(el) >= 0.6:
                el.drop_tree()
                removed += 1
            continue
        if len(text) > LABEL_MAX_CHARS:
            continue
        # A bare label: drop it and the run of link-only blocks that follows it.
        sibling = el.getnext()
        el.drop_tree()
        removed += 1
        while sibling is not None and _is_link_block(sibling):
            nxt = sibling.getnext()
            sibling.drop_tree()
            sibling = nxt
    return removed


_META_KEYS = ("property", "name", "itemprop")


def _metas(root: lxml_html.HtmlElement) -> dict[str, str]:
    """Every ``<meta>``'s content under its property, name and itemprop, "property" first (the
    first non-empty one in the page per key): one pass over the page, not one per name."""
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        content = (el.get("content") or "").strip()
        if content:
            for rank, attr in enumerate(_META_KEYS):
                if (key := el.get(attr)) is not None:
                    found.setdefault(f"{rank}:{key}", content)
    return found


def _meta(metas: dict[str, str], *names: str) -> str | None:
    """The content of the first of ``names`` a ``<meta>`` of the page gives."""
    for name in names:
        for rank in range(len(_META_KEYS)):
            if (content := metas.get(f"{rank}:{name}")) is not None:
                return content
    return None


@cache
def _extractor(fast: bool) -> Any:
    """trafilatura's options for our calls, built once: ``bare_extraction`` otherwise builds them
    on every call (reading its config file's values anew, about 40 microseconds a page)."""
    from trafilatura.settings import Extractor

    options = Extractor(output_format="python", fast=fast, with_metadata=True, comments=False, tables=True)
    # htmldate's extensive search falls back to dateparser, whose first call loads every
    # locale (~8 s); the feed's date or the page's metadata is the better source anyway.
    options.date_params = {"extensive_search": False, "original_date": True}
    return options


def _trafilatura(root: lxml_html.HtmlElement, url: str | None, fast: bool) -> Any:
    # Imported here: only extraction workers (and the fork server they come from) need it, not
    # the process that fetches (about a second of imports).
    import trafilatura

    options = copy.copy(_extractor(fast))
    options.url = options.source = url
    return trafilatura.bare_extraction(root, options=options)


def _as_dict(doc: Any) -> dict[str, Any]:
    return doc if isinstance(doc, dict) else dict(doc.as_dict())


def extract_article(html: str, url: str | None = None) -> Extracted:
    """Extract main text and metadata from one page's HTML (comments are not article text)."""
    try:
        root = lxml_html.document_fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        return Extracted(text=None, error=f"unparseable HTML: {exc}")
    metas = _metas(root)
    language = normalize_language(root.get("lang")) or normalize_language(
        _meta(metas, "og:locale", "content-language")
    )
    canonical = None
    links = root.xpath("//link[@rel='canonical']/@href")
    if links and str(links[0]).strip():
        canonical = str(links[0]).strip()
        if url:
            canonical = resolve(url, canonical)
    published = _meta(metas, "article:published_time", "datePublished", "date", "pubdate")
    removed = strip_related_links(root)
    # A cascade: trafilatura's own extractor alone first ("fast": no comparison with its
    # fallback extractors, a third less work per page), then, only where that finds no text
    # or too little, the full extraction with the fallbacks, on a fresh parse (extraction
    # prunes the tree it is given).
    doc = _trafilatura(root, url, fast=True)
    data = _as_dict(doc) if doc is not None else {}
    text = str(data.get("text") or "").strip()
    # The words up to one past the minimum: the count when there are fewer, no need for all of them.
    words = len(text.split(None, MIN_EXTRACTED_WORDS))
    if words < MIN_EXTRACTED_WORDS:
        again = lxml_html.document_fromstring(html, parser=_PARSER)
        strip_related_links(again)
        if (full := _trafilatura(again, url, fast=False)) is not None:
            doc, data = full, _as_dict(full)
            text = str(data.get("text") or "").strip()
            words = len(text.split(None, MIN_EXTRACTED_WORDS))
    if doc is None:
        return Extracted(
            text=None,
            language=language,
            canonical_url=canonical,
            published=published,
            removed_related_blocks=removed,
            error="no main text found",
        )
    error = None
    if words < MIN_EXTRACTED_WORDS:
        error = f"extracted text too short ({words} words)"
        text = ""
    return Extracted(
        text=text or None,
        title=data.get("title") or None,
        author=data.get("author") or None,
        published=published or data.get("date") or None,
        site_name=data.get("sitename") or None,
        language=language,
        canonical_url=canonical,
        removed_related_blocks=removed,
        error=error,
    )


def parse_page_date(value: str | None) -> datetime | None:
    """ISO 8601 date or datetime from page metadata -> aware UTC datetime."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


# Dates before this are a feed's placeholder (1970, 0001) rather than news: validation's floor.
OLDEST_PLAUSIBLE = datetime.fromisoformat(Settings.oldest_published).replace(tzinfo=UTC)


def choose_date(
    feed_date: datetime | None, page_date: datetime | None, fetched_at: datetime
) -> tuple[datetime | None, str | None]:
    """The article's date and where it came from: the feed's, else the page's; plausible first.

    Both arrive timezone-normalised (UTC). A date in the future or before 1995 is passed over
    for the other source when that one is plausible, and ``date_source`` says so, e.g. "page
    (feed date 2099-01-01T00:00:00+00:00 rejected: in the future)". With no plausible date the
    first one stays, with its plain source, and validation quarantines the row with the reason
    (its record keeps the date and the source). The feed's own date and the first-seen time
    stay in feed_entries either way.
    """
    candidates = [(source, value) for source, value in (("feed", feed_date), ("page", page_date)) if value]
    rejected: list[str] = []
    for source, value in candidates:
        if value > fetched_at + FUTURE_SLACK:
            rejected.append(f"{source} date {value.isoformat()} rejected: in the future")
        elif value < OLDEST_PLAUSIBLE:
            rejected.append(f"{source} date {value.isoformat()} rejected: before {OLDEST_PLAUSIBLE:%Y}")
        else:
            return value, f"{source} ({'; '.join(rejected)})" if rejected else source
    return (candidates[0][1], candidates[0][0]) if candidates else (None, None)


async def _fetch_page(fetcher: Fetcher, url: str) -> Page:
    if fetcher.settings.respect_robots and (refusal := await fetcher.robots_verdict(url)):
        return Page(url=url, final_url=url, html=None, http_status=None, error=refusal)
    from pipeline.net import decode_html

    resp = await fetcher.get(url, fetcher.settings.max_page_bytes)
    if resp.error:
        return Page(url=url, final_url=resp.final_url, html=None, http_status=resp.status, error=resp.error)
    if not resp.body.strip():
        return Page(url, resp.final_url, None, resp.status, "empty body")
    if resp.content_type and not any(t in resp.content_type for t in ("html", "xml", "text/plain")):
        return Page(url, resp.final_url, None, resp.status, f"not a web page ({resp.content_type})")
    return Page(url, resp.final_url, decode_html(resp.body, resp.content_type), resp.status)


async def fetch_pages(urls: Iterable[str], settings: Settings) -> dict[str, Page]:
    """Download pages concurrently through a run's fetch path, without extracting (the tests use
    it); failures are Pages too."""
    from pipeline.net import Fetcher  # the fetching process only: extraction workers need no HTTP client

    async with Fetcher(settings) as fetcher:
        pages = await asyncio.gather(*(_fetch_page(fetcher, u) for u in urls))
    return {p.url: p for p in pages}


@dataclass
class StreamTimes:
    """Where a streamed fetch-and-extract spent its time (seconds)."""

    fetch: float = 0.0  # from the first request to the last page downloaded
    extract_tail: float = 0.0  # after the last download, waiting for the last extraction
    extract_busy: float = 0.0  # extraction work summed over the workers (overlaps fetching)


async def stream_articles(
    entries: Sequence[FeedEntry],
    settings: Settings,
    fetched_at: datetime,
    pool: ExtractionPool,
    on_article: Callable[[int, Article], None],
    on_fetched: Callable[[Page], None] | None = None,
) -> StreamTimes:
    """Download every entry's page and extract it in ``pool`` while the next pages download.

    ``on_article(i, article)`` gets each article as it is ready (in completion order; ``i`` is
    the entry's position). Requests are started here only when their host has a free slot
    (``per_host_concurrency``), taking hosts in turn: the Fetcher's own limits then never make a
    request wait while it holds one of the global slots, which would leave them idle when
    entries come grouped by feed, i.e. by host. Pages held, downloading or waiting for
    extraction, are capped at ``max_concurrency`` plus the pool's queue (``pool.capacity``):
    when extraction falls behind, fetching waits, so memory stays flat however many entries
    there are, and a download starts as each page is extracted, so the two never take turns.
    """
    queued: defaultdict[str, deque[int]] = defaultdict(deque)
    for i, entry in enumerate(entries):
        queued[urlsplit(entry.url).netloc].append(i)
    ready: deque[str] = deque(queued)  # hosts with queued pages and a free slot, in turn
    in_flight: Counter[str] = Counter()
    per_host = max(settings.per_host_concurrency, 1)
    max_fetching = max(settings.max_concurrency, 1)
    held_max = max_fetching + pool.capacity
    fetching: dict[asyncio.Future[Any], int] = {}
    extracting: dict[asyncio.Future[Any], int] = {}
    times = StreamTimes()
    started = last_page = time.perf_counter()
    from pipeline.net import Fetcher  # the fetching process only: extraction workers need no HTTP client

    async with Fetcher(settings) as fetcher:
        while ready or fetching or extracting:
            # Pages held (downloading or waiting for extraction) are capped at the fetch slots
            # plus the pool's queue: a new download starts as soon as a page is extracted, so
            # downloads keep going while the workers extract, rather than in bursts.
            while ready and len(fetching) < max_fetching and len(fetching) + len(extracting) < held_max:
                host = ready.popleft()
                i = queued[host].popleft()
                in_flight[host] += 1
                if queued[host] and in_flight[host] < per_host:
                    ready.append(host)
                fetching[asyncio.ensure_future(_fetch_page(fetcher, entries[i].url))] = i
            done, _ = await asyncio.wait([*fetching, *extracting], return_when=asyncio.FIRST_COMPLETED)
            for fut in done:
                if fut in fetching:
                    i = fetching.pop(fut)
                    host = urlsplit(entries[i].url).netloc
                    in_flight[host] -= 1
                    if queued[host] and in_flight[host] == per_host - 1:
                        ready.append(host)  # it was full, so it was not in `ready`
                    page: Page = fut.result()
                    last_page = time.perf_counter()
                    if on_fetched:
                        on_fetched(page)
                    extracting[pool.submit(entries[i], page, fetched_at)] = i
                else:
                    i = extracting.pop(fut)
                    article, busy = fut.result()
                    times.extract_busy += busy
                    on_article(i, article)
    finished = time.perf_counter()
    times.fetch = last_page - started
    times.extract_tail = finished - last_page
    return times


def content_hash(text: str, words: list[str] | None = None) -> str:
    """SHA-256 of the text with its whitespace runs made one space, in lower case; ``words``:
    ``text.split()`` when the caller has it already."""
    normalized = " ".join(text.split() if words is None else words).lower()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def build_article(entry: FeedEntry, page: Page, fetched_at: datetime) -> Article:
    """Combine a feed entry, its page and what extraction found into one article row."""
    extracted = extract_article(page.html, page.final_url) if page.html is not None else None
    entry_url = canonicalize_url(entry.url)
    canonical = entry_url
    if extracted and extracted.canonical_url:
        candidate = canonicalize_url(extracted.canonical_url)
        # A canonical link to another site is more often a syndication credit than the truth.
        if domain_of(candidate) == domain_of(page.final_url):
            canonical = candidate
    error: str | None
    text: str | None
    if extracted is not None and extracted.text:
        status, error, text = "ok", None, extracted.text
    else:
        error = page.error or (extracted.error if extracted else None) or "no main text found"
        text = entry.summary
        status = "fallback_summary" if text else "failed"
    words = text.split() if text else []
    page_date = parse_page_date(extracted.published) if extracted else None
    published_at, date_source = choose_date(entry.published_at, page_date, fetched_at)
    title = (extracted.title if extracted else None) or entry.title
    return Article(
        article_id=url_key(canonical),
        url=entry_url,
        canonical_url=canonical,
        feed_id=entry.feed_id,
        source_domain=domain_of(canonical),
        title=title,
        author=extracted.author if extracted else None,
        published_at=published_at,
        date_source=date_source,
        fetched_at=fetched_at,
        language=(extracted.language if extracted else None) or entry.language,
        site_name=extracted.site_name if extracted else None,
        summary=entry.summary,
        text=text,
        word_count=len(words),
        extraction_status=status,
        extraction_error=error,
        content_hash=content_hash(text, words) if text else None,
        page_published_at=page_date,
    )
