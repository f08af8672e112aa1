"""Typed records passed between stages. Nothing downstream of a stage sees library objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class FeedSpec:
    """One line of the feeds file."""

    feed_id: str
    url: str
    name: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedEntry:
    """One item of a parsed feed."""

    feed_id: str
    url: str
    guid: str
    title: str | None
    summary: str | None
    published_at: datetime | None
    language: str | None


@dataclass
class FeedResult:
    """What fetching one feed produced: its entries, or why there are none."""

    spec: FeedSpec
    entries: list[FeedEntry] = field(default_factory=list)
    http_status: int | None = None
    error: str | None = None  # hard failure: no entries could be read
    warning: str | None = None  # entries were recovered from a malformed document

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Page:
    """A downloaded article page, decoded to text (or the reason it could not be)."""

    url: str
    final_url: str
    html: str | None
    http_status: int | None
    error: str | None = None


@dataclass(frozen=True)
class Extracted:
    """Main text and metadata that trafilatura found in a page."""

    text: str | None
    title: str | None = None
    author: str | None = None
    published: str | None = None  # as the page gave it (trafilatura: YYYY-MM-DD)
    site_name: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    removed_related_blocks: int = 0
    error: str | None = None


@dataclass
class Article:
    """An article ready for tagging and validation (one row of ``articles``)."""

    article_id: str
    url: str
    canonical_url: str
    feed_id: str
    source_domain: str
    title: str | None
    author: str | None
    published_at: datetime | None
    date_source: str | None
    fetched_at: datetime
    language: str | None
    site_name: str | None
    summary: str | None
    text: str | None
    word_count: int
    extraction_status: str  # ok | fallback_summary | failed
    extraction_error: str | None
    content_hash: str | None
    language_source: str | None = None  # metadata | detected
    ai_relevance: float | None = None
    is_ai_relevant: bool | None = None
    tagged_with: str | None = None
    page_published_at: datetime | None = None  # the page's own date, whichever date was chosen
    # The text's MinHash signature (pipeline.clusters), computed with the extraction; staged
    # only, not a warehouse column (stored in story_signatures once the story is known).
    minhash: bytes | None = None
    # Its tags, made by the extraction worker (pipeline.staged_tags); staged only, like minhash.
    tags: str | None = None


@dataclass(frozen=True)
class Mention:
    """One accepted company name in an article: the evidence behind a company tag."""

    company_id: str
    field: str  # title | text
    start: int  # character offsets into the field (text: the extracted text as stored)
    end: int
    matched: str
    kind: str  # alias | product | name
    in_lead: bool


@dataclass(frozen=True)
class CompanyTag:
    company_id: str
    mentions: int
    in_title: bool
    in_lead: bool = False
    salience: float = 0.0


@dataclass(frozen=True)
class TopicTag:
    topic_id: str
    score: float


@dataclass(frozen=True)
class Tags:
    """What the tagger says about one article."""

    language: str | None
    companies: tuple[CompanyTag, ...] = ()
    topics: tuple[TopicTag, ...] = ()
    mentions: tuple[Mention, ...] = ()
    ai_relevance: float = 0.0
    is_ai_relevant: bool = False
