"""Small trend queries over the warehouse views, for the terminal summary."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from pipeline.errors import UserError


def company_daily(
    con: Any, days: int = 7, top: int = 10
) -> tuple[list[date], list[tuple[str, list[int], int]]]:
    """Articles per company for the last ``days`` days that have data; the ``top`` companies."""
    day_rows = con.execute(
        "SELECT DISTINCT day FROM company_mentions_daily ORDER BY day DESC LIMIT ?", [days]
    ).fetchall()
    day_cols = sorted(r[0] for r in day_rows)
    totals = con.execute(
        """
        SELECT company_id, company_name, sum(articles) AS n
        FROM company_mentions_daily GROUP BY ALL ORDER BY n DESC, company_id LIMIT ?
        """,
        [top],
    ).fetchall()
    cells = {
        (cid, d): n
        for cid, d, n in con.execute(
            "SELECT company_id, day, articles FROM company_mentions_daily WHERE day >= ?",
            [day_cols[0] if day_cols else date.min],
        ).fetchall()
    }
    rows = [(name, [cells.get((cid, d), 0) for d in day_cols], int(n)) for cid, name, n in totals]
    return day_cols, rows


def top_topics(con: Any, top: int = 10) -> list[tuple[str, int]]:
    return [
        (name, int(n))
        for name, n in con.execute(
            """
            SELECT t.name, count(*) AS n FROM article_topics JOIN topics AS t USING (topic_id)
            GROUP BY ALL ORDER BY n DESC, t.name LIMIT ?
            """,
            [top],
        ).fetchall()
    ]


# --- `mediamon trends` and `mediamon spikes`: filtered reads of the staging layer and marts ---

# Every filtered query starts from the same story set: AI-relevant, de-duplicated stories in the
# period, optionally in one language, naming one company, carrying one topic. NULL means "any".
_PICKED = """
    picked AS (
        SELECT s.*
        FROM stg_stories AS s
        WHERE s.day BETWEEN $since AND $until
          AND ($language IS NULL OR s.language = $language)
          AND ($company IS NULL OR s.story_key IN
                (SELECT story_key FROM stg_story_companies WHERE company_id = $company))
          AND ($topic IS NULL OR s.story_key IN
                (SELECT story_key FROM stg_story_topics WHERE topic_id = $topic))
    )
"""


@dataclass(frozen=True)
class TrendFilter:
    """A closed date range plus optional language, company and topic (ids as stored)."""

    since: date
    until: date
    language: str | None = None
    company: str | None = None
    topic: str | None = None

    def params(self) -> dict[str, Any]:
        return {
            "since": self.since,
            "until": self.until,
            "language": self.language,
            "company": self.company,
            "topic": self.topic,
        }

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def previous(self) -> TrendFilter:
        """The period of the same length just before this one."""
        return replace(
            self, since=self.since - timedelta(days=self.days), until=self.since - timedelta(days=1)
        )

    def describe(self) -> str:
        parts = [f"{self.since} – {self.until}"]
        parts += [f"{k} {v}" for k, v in (("language", self.language), ("company", self.company),
                                          ("topic", self.topic)) if v]  # fmt: skip
        return ", ".join(parts)


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"bad date for {option}: {value!r} (want YYYY-MM-DD)") from None


def latest_day(con: Any) -> date | None:
    """The last day with an AI-relevant story: periods end there unless --until says otherwise."""
    day: date | None = con.execute("SELECT max(day) FROM stg_stories").fetchall()[0][0]
    return day


def resolve_filter(
    con: Any,
    *,
    days: int | None,
    since: str | None,
    until: str | None,
    language: str | None = None,
    company: str | None = None,
    topic: str | None = None,
    known_languages: tuple[str, ...] = (),
    default_days: int | None = 7,
) -> TrendFilter | None:
    """Check the user's filters against the warehouse; None when it has no AI-relevant story yet.

    The period ends at --until, else at the last day with an AI-relevant story (so a warehouse
    that stopped updating still shows its latest data), and starts at --since or --days before
    its end. With ``default_days=None`` and no date option at all, the period is unbounded.
    """
    if days is not None and since is not None:
        raise UserError("give --days or --since, not both")
    if days is not None and days < 1:
        raise UserError(f"--days must be at least 1, not {days}")
    since_day, until_day = parse_day(since, "--since"), parse_day(until, "--until")
    if language is not None:
        stored = {r[0] for r in con.execute("SELECT DISTINCT language FROM articles").fetchall() if r[0]}
        known = sorted(stored | set(known_languages))
        if language not in known:
            raise UserError(f"unknown language {language!r} (known: {', '.join(known)})")
    if (
        company is not None
        and not con.execute("SELECT 1 FROM companies WHERE company_id = ?", [company]).fetchall()
    ):
        raise UserError(f"unknown company id {company!r} (see `mediamon query companies`)")
    if topic is not None and not con.execute("SELECT 1 FROM topics WHERE topic_id = ?", [topic]).fetchall():
        raise UserError(f"unknown topic id {topic!r} (see `mediamon query topics`)")
    if default_days is None and days is None and since_day is None:
        return TrendFilter(date.min, until_day or date.max, language, company, topic)
    end = until_day or latest_day(con)
    if end is None:
        return None
    start = since_day or end - timedelta(days=(days or default_days or 1) - 1)
    if start > end:
        raise UserError(f"--since {start} is after the end of the period ({end})")
    return TrendFilter(start, end, language, company, topic)


@dataclass
class CompanyRow:
    company_id: str
    name: str
    buckets: list[int]
    articles: int
    mentions: int
    share: float


def buckets_of(f: TrendFilter) -> tuple[str, list[date]]:
    """Columns for the company table: days up to two weeks, ISO weeks (Mondays) beyond."""
    if f.days <= 14:
        return "day", [f.since + timedelta(days=i) for i in range(f.days)]
    first = f.since - timedelta(days=f.since.weekday())
    return "week", [first + timedelta(weeks=i) for i in range((f.until - first).days // 7 + 1)]


def company_table(con: Any, f: TrendFilter, top: int = 10) -> tuple[str, list[date], list[CompanyRow]]:
    """The top companies by stories in the period, with per-bucket counts and share of voice."""
    grain, columns = buckets_of(f)
    rows = con.execute(
        f"""
        WITH {_PICKED},
        named AS (
            SELECT sc.* FROM stg_story_companies AS sc WHERE sc.story_key IN (SELECT story_key FROM picked)
        )
        SELECT company_id, company_name, count(*) AS articles, sum(mentions) AS mentions,
            sum(mentions) / sum(sum(mentions)) OVER () AS share
        FROM named
        GROUP BY ALL
        ORDER BY articles DESC, mentions DESC, company_id
        LIMIT $top
        """,
        {**f.params(), "top": top},
    ).fetchall()
    bucket = "day" if grain == "day" else "week_start"  # a column name chosen here, not user input
    cells = {
        (cid, b): n
        for cid, b, n in con.execute(
            f"""
            WITH {_PICKED}
            SELECT company_id, {bucket}, count(*)
            FROM stg_story_companies
            WHERE story_key IN (SELECT story_key FROM picked)
            GROUP BY ALL
            """,
            f.params(),
        ).fetchall()
    }
    return (
        grain,
        columns,
        [
            CompanyRow(cid, name, [cells.get((cid, b), 0) for b in columns], int(n), int(m), float(share))
            for cid, name, n, m, share in rows
        ],
    )


def topic_table(con: Any, f: TrendFilter, top: int = 10) -> list[tuple[str, int, float, float, int]]:
    """(topic, stories, share of the period's stories, mean score, stories in the previous period)."""
    prev = f.previous()
    rows = con.execute(
        f"""
        WITH {_PICKED},
        totals AS (SELECT count(*) AS n FROM picked),
        current AS (
            SELECT topic_id, topic_name, count(*) AS articles, avg(score) AS avg_score
            FROM stg_story_topics WHERE story_key IN (SELECT story_key FROM picked)
            GROUP BY ALL
        )
        SELECT topic_id, topic_name, articles, articles / (SELECT n FROM totals), avg_score
        FROM current ORDER BY articles DESC, topic_id LIMIT $top
        """,
        {**f.params(), "top": top},
    ).fetchall()
    before = dict(
        con.execute(
            f"""
            WITH {_PICKED}
            SELECT topic_id, count(*) FROM stg_story_topics
            WHERE story_key IN (SELECT story_key FROM picked) GROUP BY ALL
            """,
            prev.params(),
        ).fetchall()
    )
    return [
        (name, int(n), float(share), float(score), int(before.get(tid, 0)))
        for tid, name, n, share, score in rows
    ]


def co_mention_table(con: Any, f: TrendFilter, top: int = 10) -> list[tuple[str, str, int, float]]:
    """Company pairs named together in the period's stories: (a, b, stories, lift)."""
    rows = con.execute(
        f"""
        WITH {_PICKED},
        named AS (
            SELECT story_key, company_id, company_name FROM stg_story_companies
            WHERE story_key IN (SELECT story_key FROM picked)
        ),
        singles AS (SELECT company_id, count(*) AS n FROM named GROUP BY ALL),
        pairs AS (
            SELECT a.company_id AS a, a.company_name AS a_name, b.company_id AS b, b.company_name AS b_name,
                count(*) AS n
            FROM named AS a JOIN named AS b ON a.story_key = b.story_key AND a.company_id < b.company_id
            GROUP BY ALL
        )
        SELECT a_name, b_name, pairs.n,
            pairs.n * (SELECT count(*) FROM picked) / (sa.n * sb.n) AS lift
        FROM pairs
        JOIN singles AS sa ON sa.company_id = pairs.a
        JOIN singles AS sb ON sb.company_id = pairs.b
        ORDER BY pairs.n DESC, lift DESC, a, b
        LIMIT $top
        """,
        {**f.params(), "top": top},
    ).fetchall()
    return [(a, b, int(n), float(lift)) for a, b, n, lift in rows]


def top_stories(con: Any, f: TrendFilter, top: int = 5) -> list[tuple[date, str, str, str, float, int]]:
    """(day, source, title, companies, best salience, sources): by salience, then sources."""
    rows = con.execute(
        f"""
        WITH {_PICKED},
        scored AS (
            SELECT p.story_key, p.day, p.source, p.title, p.sources,
                max(sc.salience) FILTER (WHERE $company IS NULL OR sc.company_id = $company) AS salience,
                string_agg(sc.company_name, ', ' ORDER BY sc.salience DESC, sc.company_name) AS companies
            FROM picked AS p
            JOIN stg_story_companies AS sc USING (story_key)
            GROUP BY ALL
        )
        SELECT day, source, title, companies, salience, sources
        FROM scored
        ORDER BY salience DESC, sources DESC, day DESC, story_key
        LIMIT $top
        """,
        {**f.params(), "top": top},
    ).fetchall()
    return [(d, src, title or "", names, float(sal), int(n)) for d, src, title, names, sal, n in rows]


SPIKE_COLUMNS = [
    "day", "entity_type", "entity_id", "entity_name", "articles", "baseline_mean", "baseline_stddev",
    "week_ago_articles", "z_score",
]  # fmt: skip


def spikes(con: Any, f: TrendFilter) -> list[tuple[Any, ...]]:
    """Flagged days from mart_spikes in the period, newest and strongest first."""
    rows: list[tuple[Any, ...]] = con.execute(
        """
        SELECT day, entity_type, entity_id, entity_name, articles, round(baseline_mean, 2),
            round(baseline_stddev, 2), week_ago_articles, round(z_score, 2)
        FROM mart_spikes
        WHERE is_spike AND day BETWEEN $since AND $until
          AND (($company IS NULL AND $topic IS NULL)
               OR (entity_type = 'company' AND entity_id = $company)
               OR (entity_type = 'topic' AND entity_id = $topic))
        ORDER BY day DESC, z_score DESC, entity_type, entity_id
        """,
        {k: v for k, v in f.params().items() if k != "language"},
    ).fetchall()
    return rows
