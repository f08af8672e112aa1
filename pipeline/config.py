"""Settings: every default in one place, overridable by ``MEDIAMON_*`` environment variables."""

from __future__ import annotations

import dataclasses
import logging
import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
DEFAULT_FEEDS_FILE = DATA_DIR / "feeds.yaml"
DEFAULT_TAXONOMY_FILE = DATA_DIR / "taxonomy.yaml"
DEFAULT_TOPIC_MODEL = DATA_DIR / "topic_model.json"
DEMO_SITE_DIR = PACKAGE_DIR / "demo_site"


def _sql_dir() -> Path:
    # A wheel carries sql/ inside the package; a source checkout keeps it at the top level.
    for candidate in (PACKAGE_DIR / "sql", PACKAGE_DIR.parent / "sql"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("sql/ directory not found next to the pipeline package")


SQL_DIR = _sql_dir()


# A published date this far past the fetch is a publisher's clock or time zone being off, not
# an error; beyond it the date is implausible (extraction passes it over, validation rejects it).
FUTURE_SLACK = timedelta(days=1)


def _env(name: str, default: str) -> str:
    return os.environ.get(f"MEDIAMON_{name}", default)


def _optional_path(value: str) -> Path | None:
    return None if value.strip().lower() in ("", "none", "off") else Path(value)


@dataclass(frozen=True)
class Settings:
    """Run-time configuration. Build with ``Settings.from_env()``; override with ``replace``."""

    warehouse: Path = Path("data/warehouse.duckdb")
    staging_dir: Path = Path("data/staging")  # per-run Parquet handed between Airflow tasks
    feeds_file: Path = DEFAULT_FEEDS_FILE
    taxonomy_file: Path = DEFAULT_TAXONOMY_FILE
    contact: str = "https://github.com/mediamon/mediamon"
    # Timeouts in seconds (connect, read, whole request).
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    request_timeout: float = 30.0
    # Requests in flight: per host is the politeness bound; overall only bounds this machine's
    # sockets and buffered bodies (at most max_page_bytes each). 64 lets a run's wall time be
    # set by its hosts and their latency (32 hosts x 2) rather than by this cap.
    max_concurrency: int = 64
    per_host_concurrency: int = 2
    # Politeness: at least this many seconds between the starts of two requests to one host
    # (a robots.txt Crawl-delay raises it, up to 10 s), and robots.txt obeyed for article pages.
    # Feeds are exempt from robots.txt: the operator subscribed to them by name.
    per_host_delay: float = 0.1
    respect_robots: bool = True
    # Extraction is CPU-bound: a pool of this many worker processes extracts pages while the
    # next ones download; 0 or 1 extracts in this process (one thread, still overlapping).
    extract_workers: int = dataclasses.field(default_factory=lambda: os.cpu_count() or 1)
    # Articles staged per Parquet row group: with the bounded page buffer (pipeline/articles.py)
    # this keeps a run's memory flat whatever its size.
    extract_batch_size: int = 500
    # Tag each article in the extraction worker that extracted it, while pages download (the
    # tag stage then only checks that its tagger is the same); off: the tag stage tags them all.
    tag_at_extraction: bool = True
    # Articles the tag and validate stages hold at a time (and one Great Expectations
    # validation per validate batch): a run of any size needs a batch's memory, not the run's.
    tag_batch_size: int = 2_000
    validate_batch_size: int = 5_000
    # DuckDB's memory while it loads a run and rebuilds the marts; it spills the rest to disk.
    load_memory_mb: int = 512
    max_feed_bytes: int = 10_000_000
    # Feed backoff (pipeline/feeds.py, ``backoff_delay``). A feed's failure score grows by
    # `feed_hard_failure_score` for a hard failure (DNS, refused, 4xx, not a feed) and by 1 for
    # a soft one (timeout, connection, 5xx, 429), and drops to 0 on success. While it is above 0
    # the feed waits base x 2^min(score - 1, doublings), capped at `feed_backoff_max_hours`,
    # shortened by a deterministic 0..jitter share; 429/503 wait at least their Retry-After.
    feed_backoff_base_minutes: float = 30.0
    feed_backoff_max_hours: float = 24.0
    feed_backoff_doublings: int = 6
    feed_backoff_jitter: float = 0.1
    feed_hard_failure_score: int = 2
    max_page_bytes: int = 5_000_000
    # Loopback, private, link-local and metadata addresses are refused (SSRF); these entries
    # (host name, IP, host:port or CIDR network) are let through anyway. See pipeline/net.py.
    allow_hosts: tuple[str, ...] = ()
    # Validation bounds.
    languages: tuple[str, ...] = ("en", "fr", "de", "es")
    min_text_chars: int = 20
    max_text_chars: int = 200_000
    oldest_published: str = "1995-01-01"
    # Batch-level gate: fail the run when fewer than this share of fetched pages extract.
    min_extraction_rate: float = 0.5
    min_pages_for_rate_check: int = 5
    # Tagging: the vocabulary rule keeps a topic with this score, at least this share of the
    # article's best topic score and a place among its top few (the model below adds the
    # secondary topics it implies); an article is AI-relevant from this score up. The values
    # were chosen by leaving out one writers' set at a time (pipeline/topic_model.py).
    topic_threshold: float = 3.0
    topic_relative: float = 0.6
    max_topics: int = 3
    relevance_threshold: float = 0.5
    # The learned secondary-topic model (pipeline/topic_model.py; None = the rule alone) adds a
    # topic whose probability reaches `topic_probability` (chosen by nested cross-validation).
    topic_model: Path | None = DEFAULT_TOPIC_MODEL
    topic_probability: float = 0.55
    lock_timeout: float = 60.0
    # Story clusters (pipeline/clusters.py): a new article is compared with the signatures of
    # articles published within this many days of it.
    cluster_window_days: float = 14.0
    # Warehouse-level checks (the media_quality DAG), over the last `quality_window_days`: a
    # feed is fresh if it brought a new entry within `freshness_hours`, and that share of feeds
    # must be fresh; caps on same-text duplicates and on quarantined rows; floors on the
    # share of AI-relevant articles with a company tag and with a topic tag.
    quality_dir: Path = Path("data/quality")  # GX project and Data Docs (quality_dir/docs)
    report_dir: Path = Path("data/reports")  # `mediamon report` and the DAG write latest.html here
    quality_window_days: float = 7.0
    freshness_hours: float = 72.0
    min_fresh_feed_share: float = 0.75
    max_duplicate_share: float = 0.05
    max_quarantine_share: float = 0.2
    min_company_coverage: float = 0.5
    min_topic_coverage: float = 0.5
    show_progress: bool = True

    @property
    def user_agent(self) -> str:
        from pipeline import __version__

        return f"mediamon/{__version__} (+{self.contact})"

    @classmethod
    def from_env(cls) -> Settings:
        d = cls()
        settings = cls(
            warehouse=Path(_env("WAREHOUSE", str(d.warehouse))),
            staging_dir=Path(_env("STAGING", str(d.staging_dir))),
            feeds_file=Path(_env("FEEDS", str(d.feeds_file))),
            taxonomy_file=Path(_env("TAXONOMY", str(d.taxonomy_file))),
            contact=_env("CONTACT", d.contact),
            connect_timeout=float(_env("CONNECT_TIMEOUT", str(d.connect_timeout))),
            read_timeout=float(_env("READ_TIMEOUT", str(d.read_timeout))),
            request_timeout=float(_env("REQUEST_TIMEOUT", str(d.request_timeout))),
            max_concurrency=int(_env("MAX_CONCURRENCY", str(d.max_concurrency))),
            per_host_concurrency=int(_env("PER_HOST_CONCURRENCY", str(d.per_host_concurrency))),
            per_host_delay=float(_env("PER_HOST_DELAY", str(d.per_host_delay))),
            respect_robots=_env("RESPECT_ROBOTS", "1").strip().lower() not in ("0", "false", "no", "off"),
            extract_workers=int(_env("EXTRACT_WORKERS", str(d.extract_workers))),
            tag_at_extraction=_env("TAG_AT_EXTRACTION", "1").strip().lower()
            not in ("0", "false", "no", "off"),
            feed_backoff_base_minutes=float(
                _env("FEED_BACKOFF_BASE_MINUTES", str(d.feed_backoff_base_minutes))
            ),
            feed_backoff_max_hours=float(_env("FEED_BACKOFF_MAX_HOURS", str(d.feed_backoff_max_hours))),
            feed_backoff_doublings=int(_env("FEED_BACKOFF_DOUBLINGS", str(d.feed_backoff_doublings))),
            feed_backoff_jitter=float(_env("FEED_BACKOFF_JITTER", str(d.feed_backoff_jitter))),
            feed_hard_failure_score=int(_env("FEED_HARD_FAILURE_SCORE", str(d.feed_hard_failure_score))),
            allow_hosts=tuple(h.strip() for h in _env("ALLOW_HOSTS", "").split(",") if h.strip()),
            languages=tuple(_env("LANGUAGES", ",".join(d.languages)).split(",")),
            min_extraction_rate=float(_env("MIN_EXTRACTION_RATE", str(d.min_extraction_rate))),
            topic_threshold=float(_env("TOPIC_THRESHOLD", str(d.topic_threshold))),
            topic_relative=float(_env("TOPIC_RELATIVE", str(d.topic_relative))),
            max_topics=int(_env("MAX_TOPICS", str(d.max_topics))),
            relevance_threshold=float(_env("RELEVANCE_THRESHOLD", str(d.relevance_threshold))),
            topic_model=_optional_path(_env("TOPIC_MODEL", str(d.topic_model))),
            topic_probability=float(_env("TOPIC_PROBABILITY", str(d.topic_probability))),
            lock_timeout=float(_env("LOCK_TIMEOUT", str(d.lock_timeout))),
            load_memory_mb=int(_env("LOAD_MEMORY_MB", str(d.load_memory_mb))),
            cluster_window_days=float(_env("CLUSTER_WINDOW_DAYS", str(d.cluster_window_days))),
            quality_dir=Path(_env("QUALITY_DIR", str(d.quality_dir))),
            report_dir=Path(_env("REPORT_DIR", str(d.report_dir))),
            quality_window_days=float(_env("QUALITY_WINDOW_DAYS", str(d.quality_window_days))),
            freshness_hours=float(_env("FRESHNESS_HOURS", str(d.freshness_hours))),
            min_fresh_feed_share=float(_env("MIN_FRESH_FEED_SHARE", str(d.min_fresh_feed_share))),
            max_duplicate_share=float(_env("MAX_DUPLICATE_SHARE", str(d.max_duplicate_share))),
            max_quarantine_share=float(_env("MAX_QUARANTINE_SHARE", str(d.max_quarantine_share))),
            min_company_coverage=float(_env("MIN_COMPANY_COVERAGE", str(d.min_company_coverage))),
            min_topic_coverage=float(_env("MIN_TOPIC_COVERAGE", str(d.min_topic_coverage))),
        )
        log.info(
            "settings: %s",
            {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings)},
        )
        return settings

    def replace(self, **changes: object) -> Settings:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]
