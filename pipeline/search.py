"""`mediamon search`: find stored articles by words in their title and text.

DuckDB's full-text search extension (fts) cannot be used: the DuckDB line we lock is 2.0, the
extension downloads at run time (impossible offline), and the PyPI packages that carry it
(`duckdb-extension-fts`, `duckdb-ext-fts`) stop at 1.5.x, whose binary DuckDB 2.0 refuses to load.
So this is the documented fallback: every term becomes a bound regular expression over the
accent-folded, lower-cased title and text; an article must contain every term, and ranks by
3 × matches in the title + matches in the text. It scans every candidate article, which is fine
for the tens of thousands of articles a year this project stores, not for millions.
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from pipeline.errors import UserError
from pipeline.trends import TrendFilter

MAX_TERMS = 8
TITLE_WEIGHT = 3


def fold(text: str) -> str:
    """Lower-case and drop accents, the same folding as DuckDB's strip_accents(lower(x))."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def parse_terms(query: str) -> list[str]:
    """Split the query into terms; "quoted phrases" stay one term."""
    try:
        terms = [t for t in (fold(t).strip() for t in shlex.split(query)) if t]
    except ValueError:
        raise UserError(f"unbalanced quotes in search text: {query!r}") from None
    if not terms or all(t == "*" for t in terms):
        raise UserError("search text is empty")
    if len(terms) > MAX_TERMS:
        raise UserError(f"at most {MAX_TERMS} search terms, got {len(terms)}")
    return terms


def term_pattern(term: str) -> str:
    """A whole-word RE2 pattern for one folded term; a trailing * makes it a prefix ("chip*")."""
    prefix = term.endswith("*")
    words = term.rstrip("*").split()
    # \Q...\E quotes a literal in RE2; a literal "\E" inside the term would end it early.
    body = r"\s+".join(r"\Q" + w.replace("\\E", "\\E\\\\E\\Q") + r"\E" for w in words)
    return r"\b" + body + ("" if prefix else r"\b")


@dataclass
class Hit:
    article_id: str
    score: int
    day: date
    source: str
    language: str | None
    title: str
    url: str
    companies: str
    snippet: str


COLUMNS = ["score", "day", "source", "language", "title", "companies", "snippet", "url", "article_id"]


def search_articles(
    con: Any, query: str, f: TrendFilter, *, include_irrelevant: bool = False, limit: int = 20
) -> list[Hit]:
    """Articles (one per story) containing every term, best first."""
    terms = parse_terms(query)
    params: dict[str, Any] = {**f.params(), "irrelevant": include_irrelevant, "limit": limit}
    must, score = [], []
    for i, term in enumerate(terms):
        params[f"p{i}"] = term_pattern(term)
        # Placeholders only: the patterns themselves are bound parameters.
        must.append(f"(regexp_matches(t, $p{i}) OR regexp_matches(x, $p{i}))")
        score.append(
            f"{TITLE_WEIGHT} * len(regexp_extract_all(t, $p{i})) + len(regexp_extract_all(x, $p{i}))"
        )
    rows = con.execute(
        f"""
        WITH candidates AS (
            SELECT a.*,
                strip_accents(lower(coalesce(a.title, ''))) AS t,
                strip_accents(lower(coalesce(a.text, ''))) AS x
            FROM stg_articles AS a
            WHERE a.story_rank = 1
              AND ($irrelevant OR a.is_relevant)
              AND a.day BETWEEN $since AND $until
              AND ($language IS NULL OR a.language = $language)
              AND ($company IS NULL OR EXISTS (SELECT 1 FROM article_companies AS ac
                   WHERE ac.article_id = a.article_id AND ac.company_id = $company))
              AND ($topic IS NULL OR EXISTS (SELECT 1 FROM article_topics AS tp
                   WHERE tp.article_id = a.article_id AND tp.topic_id = $topic))
        ),
        hits AS (
            SELECT article_id, day, source, language, title, url, text,
                {" + ".join(score)} AS score
            FROM candidates
            WHERE {" AND ".join(must)}
        )
        SELECT h.article_id, h.score, h.day, h.source, h.language, coalesce(h.title, ''), h.url, h.text,
            coalesce(string_agg(c.name, ', ' ORDER BY ac.salience DESC NULLS LAST, c.name), '')
        FROM hits AS h
        LEFT JOIN article_companies AS ac USING (article_id)
        LEFT JOIN companies AS c USING (company_id)
        GROUP BY ALL
        ORDER BY h.score DESC, h.day DESC, h.article_id
        LIMIT $limit
        """,
        params,
    ).fetchall()
    return [
        Hit(aid, int(score), day, source, lang, title, url, names, snippet(text or "", terms))
        for aid, score, day, source, lang, title, url, text, names in rows
    ]


def snippet(text: str, terms: list[str], width: int = 70) -> str:
    """Some words around the first match in the text (or its start when only the title matched)."""
    # Folding character by character keeps offsets aligned with the original text.
    folded = "".join(fold(c)[:1] or c for c in text)
    first = None
    for term in terms:
        words = [re.escape(w) for w in term.rstrip("*").split()]
        m = re.search(r"\b" + r"\s+".join(words), folded)
        if m and (first is None or m.start() < first):
            first = m.start()
    start = max(0, (first or 0) - width // 2)
    piece = " ".join(text[start : start + width].split())
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
