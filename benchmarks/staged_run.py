"""A staged run of N generated articles, as the fetch stages leave it, for the later stages.

``stage(settings, staging, n)`` writes what ``fetch_feeds_stage`` and ``fetch_articles_stage``
would have staged for N new articles (3-6 KB of text from bench_site's original sentence
templates, English and French, with their story signatures, but untagged, as with
``MEDIAMON_TAG_AT_EXTRACTION=0``: the tag stage then tags every article, its heavier path),
without a network or an extractor: the tag, validate and load stages can then be measured
at sizes a site could not serve in a benchmark's time. ``python -m benchmarks.staged_run stage
N DIR`` stages N articles; ``python -m benchmarks.staged_run run DIR`` runs the three stages on
them, as ``mediamon run`` does, printing one JSON line: each stage's seconds and the process's
peak RSS after each.
"""

from __future__ import annotations

import hashlib
import json
import random
import resource
import sys
import time
from datetime import UTC, datetime, timedelta
from multiprocessing import get_context
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from benchmarks.bench_site import CITIES, COMPANIES, SENTENCES, TITLES
from pipeline.config import Settings
from pipeline.minhash import signature_blob

ROW_GROUP = 500
PUBLISHERS = 50
FEEDS_YAML = "feeds:\n" + "".join(
    f"  - id: p{n}\n    url: http://127.0.10.{n}:9/feed.xml\n    language: {'fr' if n % 3 == 0 else 'en'}\n"
    for n in range(1, PUBLISHERS + 1)
)


_SYLLABLES = ["ka", "zu", "mo", "ri", "ven", "tor", "lix", "qua", "bre", "sho", "dan", "pel", "ny", "gro"]


def _text(rng: random.Random, lang: str) -> tuple[str, str]:
    """A title and 3-6 KB of text from bench_site's sentence templates, with a made-up word
    after every second word of a template: as between real articles, two texts then share
    few 3-word shingles (the templates alone make every pair look alike to story clustering,
    its worst case, which the throughput site already measures)."""
    (c, p), (d, _) = rng.sample(COMPANIES, 2)

    def fill(template: str) -> str:
        words = template.split()
        for i in range(len(words) - 1, 0, -1):
            if i % 2 == 0:
                words.insert(i, "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
        return " ".join(words).format(c=c, d=d, p=p, n=rng.randint(2, 90), t=rng.choice(CITIES[lang]))

    paragraphs: list[str] = []
    size = rng.randint(3_000, 6_000)
    while sum(len(x) for x in paragraphs) < size:
        paragraphs.append(" ".join(fill(rng.choice(SENTENCES[lang])) for _ in range(rng.randint(3, 5))))
    title = rng.choice(TITLES[lang]).format(c=c, d=d, p=p)
    return title, "\n".join(paragraphs)


def _rows(start: int, stop: int, seed: int) -> list[dict[str, object]]:
    """Articles start..stop-1 (deterministic for a seed, whichever process makes them)."""
    rows = []
    fetched = datetime(2026, 11, 27, 6, tzinfo=UTC)
    for k in range(start, stop):
        rng = random.Random(seed * 1_000_003 + k)
        n = k % PUBLISHERS + 1
        lang = "fr" if n % 3 == 0 else "en"
        title, text = _text(rng, lang)
        url = f"http://127.0.10.{n}:9/2026/11/story-{k}.html"
        rows.append(
            {"article_id": hashlib.sha256(url.encode()).hexdigest()[:32], "url": url, "canonical_url": url,
             "feed_id": f"p{n}", "source_domain": f"127.0.10.{n}", "title": f"{title} ({k})",
             "author": f"Staff writer {n}", "published_at": fetched - timedelta(minutes=k % 10_000),
             "date_source": "page", "fetched_at": fetched, "language": lang, "site_name": f"Publisher {n}",
             "summary": text[:300], "text": text, "word_count": len(text.split()), "extraction_status": "ok",
             "extraction_error": None, "content_hash": hashlib.sha256(text.encode()).hexdigest(),
             "language_source": "metadata", "ai_relevance": None, "is_ai_relevant": None, "tagged_with": None,
             "page_published_at": fetched - timedelta(minutes=k % 10_000), "minhash": signature_blob(text),
             "tags": None}
        )  # fmt: skip
    return rows


def _chunk(args: tuple[int, int, int]) -> list[dict[str, object]]:
    return _rows(*args)


def stage(settings: Settings, staging: Path, n: int, seed: int = 11, workers: int = 2) -> Path:
    """Stage a run of ``n`` new articles under ``staging``; returns its folder."""
    from pipeline import stages

    staging.mkdir(parents=True, exist_ok=True)
    feeds = staging / "feeds.yaml"
    feeds.write_text(FEEDS_YAML, encoding="utf-8")
    fetched = datetime(2026, 11, 27, 6, tzinfo=UTC)
    run = stages.begin_run(settings, staging, feeds, run_id=f"staged-{n}", now=fetched)
    writer = pq.ParquetWriter(run.path / "articles.parquet", stages.ARTICLES_SCHEMA)
    entries = []
    chunks = [(i, min(i + ROW_GROUP, n), seed) for i in range(0, n, ROW_GROUP)]
    with get_context("forkserver").Pool(workers) as pool:
        for rows in pool.imap(_chunk, chunks):
            df = pd.DataFrame(rows)
            df["run_id"] = run.run_id
            writer.write_table(pa.Table.from_pandas(df, schema=stages.ARTICLES_SCHEMA, preserve_index=False))
            entries += [
                {"feed_id": r["feed_id"], "url": r["url"], "guid": r["url"], "title": r["title"],
                 "summary": r["summary"], "published_at": r["published_at"], "language": r["language"],
                 "key": r["article_id"]}
                for r in rows
            ]  # fmt: skip
    writer.close()
    run.write("entries", pd.DataFrame(entries))
    run.write("feeds", pd.DataFrame(columns=stages.FEED_COLUMNS))
    run.write_json("known", {})
    run.write_json("key_to_article", {e["key"]: e["key"] for e in entries})
    state = run.state()
    state["fetched_at"] = fetched.isoformat()
    state["summary"]["entries_total"] = state["summary"]["entries_new"] = n
    state["summary"]["extracted_ok"] = n
    run.save_state(state)
    return run.path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_stages(settings: Settings, path: Path) -> dict[str, float]:
    """The tag, validate and load stages on a staged run, as ``run_pipeline`` runs them."""
    from pipeline import stages
    from pipeline.extraction import ExtractionPool
    from pipeline.forkserver import start_fork_server
    from pipeline.validation import preload_gx

    start_fork_server()
    run = stages.RunDir(path)
    out: dict[str, float] = {"start_rss_mb": _peak_mb()}
    with ExtractionPool(1, use_processes=True) as helper:
        helper.call(preload_gx, helper.processes > 0).result()
        started = time.perf_counter()
        stages.tag_stage(settings, run, workers_warm=True, helper=helper)
        out["tag_s"], out["tag_rss_mb"] = time.perf_counter() - started, _peak_mb()
        started = time.perf_counter()
        helper.run(stages.validate_stage, settings, run)
        out["validate_s"], out["validate_rss_mb"] = time.perf_counter() - started, _peak_mb()
    started = time.perf_counter()
    summary = stages.load_stage(settings, run)
    out["load_s"], out["load_rss_mb"] = time.perf_counter() - started, _peak_mb()
    out["loaded"], out["quarantined"] = summary.loaded, summary.quarantined
    return out


def main() -> None:
    """``stage N DIR``: stage N articles in DIR; ``run DIR``: run the three stages on them."""
    command, folder = sys.argv[1], Path(sys.argv[-1])
    settings = Settings.from_env().replace(warehouse=folder / "warehouse.duckdb")
    if command == "stage":
        folder.mkdir(parents=True, exist_ok=True)
        print(stage(settings, folder / "staging", int(sys.argv[2])))
    else:
        (path,) = (folder / "staging").glob("staged-*")
        print(json.dumps(run_stages(settings, path)))


if __name__ == "__main__":
    main()
