"""Story clusters: syndicated copies of one story (a wire story republished by several outlets,
each with its own headline, boilerplate, an added paragraph or a trimmed ending) share a story_id.

Each article's text is normalised (case and accents folded, words only) and cut into overlapping
word shingles; a MinHash of the shingles estimates the Jaccard similarity of two texts, and a
LSH index (``_Bands``) finds the few earlier articles worth comparing. An article joins the story of
its most similar earlier article when the estimated Jaccard similarity reaches ``THRESHOLD``;
otherwise it starts a story whose id is its own article_id, so a story id never changes once
given. "Earlier" means already in the warehouse (signed within ``cluster_window_days``) or
before it in this batch by (published_at or fetched_at, fetched_at, article_id). Identical
texts (the same ``content_hash``) always share a story, however old or short.

The parameters, measured on the test texts in tests/data/syndication (a 306-word wire story,
three outlets' copies of it, and two other stories sharing its company, city and week):

- ``SHINGLE_WORDS = 3``. Exact Jaccard of the copies against the wire story is 0.91 (other
  boilerplate), 0.81 (a paragraph added) and 0.71 (last two paragraphs cut), 0.58 for the two
  most different copies against each other; the other stories score 0.00 at 3 words, against
  0.20 for single words and 0.04 for word pairs (shared vocabulary: "Mistral", "Paris", "model",
  "European banks"). Longer shingles change nothing here and make every edited word cost more.
- ``THRESHOLD = 0.5``: midway between the two groups. Against a part of itself a text scores
  about the share kept: the wire story cut to five of its eight paragraphs scores 0.61 and
  joins, cut to four 0.45 and does not. Between different articles of the sample site
  (pipeline/demo_site, 59 signed) the highest score is 0.04. The index is queried at
  ``LSH_THRESHOLD = 0.4`` so that a pair near 0.5 is not lost to banding before its estimate
  is checked.
- ``NUM_PERM = 128``: the estimate's standard error is sqrt(J(1 - J) / 128), 0.044 at J = 0.5,
  small against the gap above; a signature is 512 bytes (32-bit values).
- ``MIN_WORDS = 80``: below this (feed-summary fallbacks are a sentence or two) a shared lead
  sentence would make two different stories look alike, so short texts only join exact
  duplicates and get no signature.

Signatures are stored in ``story_signatures`` (migration 0004) with their ``METHOD``; a run
compares its articles with the stored signatures of the same method within
``cluster_window_days`` of their day, never recomputing old ones. Articles loaded before 0004
have no signature (the migration gives them story ids from their content_hash groups), so
copies of them are only found by identical text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pipeline.config import Settings
from pipeline.minhash import (
    NUM_PERM,
    SCHEME,
    SEED,
    SHINGLE_WORDS,
    from_blob,
    signature,
    signature_blob,
    to_blob,
)
from pipeline.warehouse import read_connection, schema_version

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "CLUSTER_COLUMNS",
    "METHOD",
    "assign_stories",
    "cluster_articles",
    "signature",
    "signature_blob",
    "signatures_to_load",
    "similarity",
    "story_ids",
]

THRESHOLD = 0.5
LSH_THRESHOLD = 0.4
METHOD = f"minhash-{SCHEME}-seed{SEED}-w{SHINGLE_WORDS}-p{NUM_PERM}"
SCHEMA_VERSION = 4  # the migration that added story ids and signatures

# clusters.parquet: one row per article of the run.
CLUSTER_COLUMNS = ["article_id", "story_id", "matched_article_id", "similarity", "day", "signature"]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(frozen=True)
class Signed:
    """An article already given a story, with its signature: a candidate for later articles."""

    article_id: str
    story_id: str
    day: date
    values: np.ndarray


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, bytes | str) and bool(pd.isna(value)))


# LSH banding: 32 bands of 4 values, the (b, r) that datasketch's MinHashLSH picks for
# LSH_THRESHOLD over NUM_PERM values (least false positives plus false negatives; a test checks).
BANDS, BAND_ROWS = 32, 4
_MULTIPLIERS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5],
                        dtype=np.uint64)  # fmt: skip
_BAND_SALT = np.arange(BANDS, dtype=np.uint64) * np.uint64(0xD6E8FEB86659FD93)


def band_keys(values: np.ndarray) -> np.ndarray:
    """One 64-bit key per band: a hash of the band's number and its 4 values. Equal bands give
    equal keys; unequal ones collide with a chance of about 2**-64 (a collision only adds a
    candidate, whose similarity is then checked on the signatures themselves)."""
    x = values.reshape(BANDS, BAND_ROWS).astype(np.uint64)
    with np.errstate(over="ignore"):
        z = (x * _MULTIPLIERS).sum(axis=1, dtype=np.uint64) ^ _BAND_SALT  # wraps modulo 2**64
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)  # splitmix64's finaliser
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


class _Bands:
    """An LSH index of band keys: which rows share a band with a query.

    Keys live in sorted numpy arrays merged like an LSM tree (a new level of ``TAIL`` rows
    merges with the levels not larger than it), plus an unsorted tail of the latest rows: 12
    bytes per band and row, 384 bytes an article, found with a binary search per level.
    (datasketch's MinHashLSH, used before, kept a set and byte strings per band and article,
    about 10 KB an article: more than the article's text.)
    """

    TAIL = 1024

    def __init__(self) -> None:
        self.levels: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted keys, their rows)
        self.tail_keys = np.empty((self.TAIL, BANDS), dtype=np.uint64)
        self.tail_rows = np.empty(self.TAIL, dtype=np.int32)
        self.tail = 0
        self.size = 0  # rows inserted

    def insert(self, row: int, keys: np.ndarray) -> None:
        self.tail_keys[self.tail] = keys
        self.tail_rows[self.tail] = row
        self.tail += 1
        self.size = max(self.size, row + 1)
        if self.tail == self.TAIL:
            keys_, rows = self.tail_keys.ravel(), np.repeat(self.tail_rows, BANDS)
            self.tail = 0
            while self.levels and len(self.levels[-1][0]) <= len(keys_):
                older_keys, older_rows = self.levels.pop()
                keys_, rows = np.concatenate([older_keys, keys_]), np.concatenate([older_rows, rows])
            order = np.argsort(keys_, kind="stable")
            self.levels.append((keys_[order], rows[order]))

    def query(self, keys: np.ndarray) -> np.ndarray:
        """The rows sharing at least one band with ``keys``, each once."""
        found = [self.tail_rows[: self.tail][(self.tail_keys[: self.tail] == keys).any(axis=1)]]
        for sorted_keys, rows in self.levels:
            lo = np.searchsorted(sorted_keys, keys, side="left")
            hi = np.searchsorted(sorted_keys, keys, side="right")
            found += [rows[a:b] for a, b in zip(lo, hi, strict=True) if b > a]
        hits = np.concatenate(found)
        if len(hits) < 64:
            return np.unique(hits)
        seen = np.zeros(self.size, dtype=bool)  # many candidates (template texts): no sort
        seen[hits] = True
        return np.flatnonzero(seen)


class _Index:
    """The signed articles a new one may join: an LSH index for candidates, and every signature
    in one matrix, so a new article is compared with all its candidates in one numpy operation
    (template-heavy sites give hundreds of candidates per article)."""

    def __init__(self, capacity: int = 64) -> None:
        """``capacity``: the rows expected (the index grows past it by doubling, which holds
        both matrices for a moment and up to twice the rows needed)."""
        self.bands = _Bands()
        self.position: dict[str, int] = {}
        self.ids: list[str] = []
        self.stories: list[str] = []
        self.days = np.zeros(max(capacity, 64), dtype=np.int64)  # date ordinals
        self.values = np.zeros((max(capacity, 64), NUM_PERM), dtype=np.uint32)

    def add(self, s: Signed, keys: np.ndarray | None = None) -> None:
        """Index ``s`` (``keys``: its band keys, when the caller has them already)."""
        if s.article_id in self.position:
            return
        n = len(self.ids)
        if n == len(self.days):
            self.days = np.concatenate([self.days, np.zeros_like(self.days)])
            self.values = np.concatenate([self.values, np.zeros_like(self.values)])
        self.position[s.article_id] = n
        self.ids.append(s.article_id)
        self.stories.append(s.story_id)
        self.days[n] = s.day.toordinal()
        self.values[n] = s.values
        # Keyed by position: a query then gives the matrix rows without a lookup per candidate.
        self.bands.insert(n, band_keys(s.values) if keys is None else keys)

    def best(
        self, values: np.ndarray, day: date, window: timedelta, keys: np.ndarray | None = None
    ) -> tuple[str, float, str] | None:
        """The most similar signed article within ``window`` of ``day`` at ``THRESHOLD`` or more
        (ties: the earliest day, then the smallest id): (its story, the similarity, its id).
        ``keys``: the band keys of ``values``, when the caller has them already."""
        rows = self.bands.query(band_keys(values) if keys is None else keys)
        rows = rows[np.abs(self.days[rows] - day.toordinal()) <= window.days]
        if not len(rows):
            return None
        similarity = np.count_nonzero(self.values[rows] == values, axis=1) / NUM_PERM
        top = similarity.max()
        if top < THRESHOLD:
            return None
        tied = rows[similarity == top]
        _, _, winner = min((self.days[r], self.ids[r], r) for r in tied)
        return self.stories[winner], float(top), self.ids[winner]


def assign_stories(
    articles: Iterable[dict[str, Any]] | pd.DataFrame,
    earlier: list[Signed],
    stored_by_hash: dict[str, str],
    window_days: float,
) -> pd.DataFrame:
    """Give each article a story: its identical text's, its most similar earlier article's, or its own.

    ``articles`` (records or a frame) need article_id, text, content_hash, published_at and
    fetched_at, and may carry their signature already (``minhash``, as ``signature_blob``
    gives it; the text is then not read); ``stored_by_hash`` maps a content_hash already in
    the warehouse to its story. Returns one row per article (CLUSTER_COLUMNS), in the order
    they were assigned. Per article it holds its ids and signature, never a Python object per
    field: 100,000 articles take about 100 MB.
    """
    frame = articles if isinstance(articles, pd.DataFrame) else pd.DataFrame(list(articles))
    if "minhash" not in frame:
        frame = frame.assign(minhash=None)
    when, fetched, days = _days(frame)
    order = pd.DataFrame({"when": when, "fetched": fetched, "id": frame["article_id"].astype(str)})
    order = order.sort_values(["when", "fetched", "id"], kind="stable").index
    index = _Index(len(earlier) + len(frame))
    for s in earlier:
        index.add(s)
    by_hash = dict(stored_by_hash)
    window = timedelta(days=window_days)
    out: dict[str, list[Any]] = {c: [] for c in CLUSTER_COLUMNS}
    columns = frame.loc[order, ["article_id", "content_hash", "minhash", "text"]]
    for (article_id, content_hash, blob, text), day in zip(
        columns.itertuples(index=False, name=None), days[order], strict=True
    ):
        article_id = str(article_id)
        content_hash = None if _missing(content_hash) else content_hash
        if _missing(blob):
            values = signature(None if _missing(text) else text)
            blob = None if values is None else to_blob(values)
        else:
            values = from_blob(blob)
        story_id, matched, score = None, None, None
        keys = None if values is None else band_keys(values)  # once: to query the index and to join it
        if content_hash is not None and content_hash in by_hash:
            story_id, score = by_hash[content_hash], 1.0
        elif values is not None:
            found = index.best(values, day, window, keys)
            if found is not None:
                story_id, score, matched = found
        story_id = story_id or article_id
        if content_hash is not None:
            by_hash.setdefault(content_hash, story_id)
        if values is not None:
            index.add(Signed(article_id, story_id, day, values), keys)
        for column, value in zip(
            CLUSTER_COLUMNS, (article_id, story_id, matched, score, day, blob), strict=True
        ):
            out[column].append(value)
    return pd.DataFrame(out, columns=CLUSTER_COLUMNS)


def _days(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series, np.ndarray]:
    """Each article's time (published, else fetched), fetch time and day (UTC; naive times are UTC)."""
    fetched = pd.to_datetime(frame["fetched_at"], utc=True)
    when = pd.to_datetime(frame["published_at"], utc=True).fillna(fetched)
    return when, fetched, np.array(when.dt.date.tolist() or [], dtype=object)


def recent_signatures(
    con: duckdb.DuckDBPyConnection, first_day: date, last_day: date, window_days: float
) -> list[Signed]:
    """Stored signatures (of this METHOD) within the window around the batch's days."""
    span = timedelta(days=window_days)
    rows = con.execute(
        "SELECT article_id, story_id, day, signature FROM story_signatures"
        " WHERE method = ? AND day BETWEEN ? AND ? ORDER BY article_id",
        [METHOD, first_day - span, last_day + span],
    ).fetchall()
    return [Signed(a, s, d, from_blob(b)) for a, s, d, b in rows]


def stored_stories_by_hash(con: duckdb.DuckDBPyConnection, hashes: list[str]) -> dict[str, str]:
    """The story of the earliest stored article with each of these texts (as the views key it)."""
    if not hashes:
        return {}
    rows = con.execute(
        """
        SELECT content_hash,
               arg_min(coalesce(story_id, content_hash, article_id),
                       (coalesce(published_at, fetched_at), fetched_at, article_id))
        FROM articles
        WHERE content_hash IN (SELECT unnest(CAST(? AS VARCHAR[])))
        GROUP BY content_hash
        """,
        [hashes],
    ).fetchall()
    return {h: s for h, s in rows}


def cluster_articles(settings: Settings, articles: pd.DataFrame) -> pd.DataFrame:
    """Assign this run's articles to stories against the warehouse (read-only); the tag stage's part."""
    earlier: list[Signed] = []
    by_hash: dict[str, str] = {}
    if len(articles) and settings.warehouse.is_file():
        with read_connection(settings.warehouse, settings.lock_timeout) as con:
            if schema_version(con) >= SCHEMA_VERSION:  # an older file is migrated by the next load
                days = _days(articles)[2]
                earlier = recent_signatures(con, min(days), max(days), settings.cluster_window_days)
                hashes = articles["content_hash"].dropna().unique().tolist()
                by_hash = stored_stories_by_hash(con, sorted(hashes))
    return assign_stories(articles, earlier, by_hash, settings.cluster_window_days)


def _loaded_only(clusters: pd.DataFrame, loaded: set[str]) -> pd.DataFrame:
    """Drop articles that are not loaded (quarantined); a story they started is re-rooted on its
    next member, so every story id names a stored article."""
    keep = clusters[clusters["article_id"].isin(loaded)].copy()
    dropped = set(clusters["article_id"]) - loaded
    for old in sorted(dropped & set(keep["story_id"])):
        members = keep["story_id"] == old
        keep.loc[members, "story_id"] = keep.loc[members, "article_id"].iloc[0]
    return keep


def story_ids(clusters: pd.DataFrame, loaded: set[str]) -> pd.DataFrame:
    """article_id -> story_id of the loaded articles."""
    return _loaded_only(clusters, loaded)[["article_id", "story_id"]]


def signatures_to_load(loaded: pd.DataFrame | set[str], clusters: pd.DataFrame) -> pd.DataFrame:
    """story_signatures rows for the loaded articles (a frame of them, or their ids) that have a signature."""
    rows = _loaded_only(clusters, loaded if isinstance(loaded, set) else set(loaded["article_id"]))
    return rows[rows["signature"].notna()].assign(method=METHOD)
