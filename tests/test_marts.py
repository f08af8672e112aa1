"""Trend marts (sql/views/1x_stg_*, 2x_mart_*), `mediamon trends|spikes|search`, docs/queries.md.

The numbers come from a hand-built case: synthetic companies, a topic and articles in August 2026
(before any sample-site article) added to a copy of the demo warehouse, every expected figure
worked out by hand in the comments.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.config import SQL_DIR
from pipeline.warehouse import read_connection, write_connection
from tests.conftest import DemoRun
from tests.test_cli import assert_one_line_error, mediamon

ROOT = Path(__file__).resolve().parent.parent
MARTS = sorted(p.stem.split("_", 1)[1] for p in (SQL_DIR / "views").glob("[12][0-9]_*.sql"))
WIDE = {**os.environ, "COLUMNS": "220"}  # rich tables in a pipe are 80 columns wide otherwise


def copy_warehouse(demo_run: DemoRun, dest: Path) -> Path:
    src = demo_run.settings.warehouse
    shutil.copy(src, dest)
    if src.with_suffix(".duckdb.wal").exists():
        shutil.copy(src.with_suffix(".duckdb.wal"), dest.with_suffix(".duckdb.wal"))
    return dest


def add_article(
    con: duckdb.DuckDBPyConnection,
    article_id: str,
    day: str,
    *,
    source: str = "synthetic.example",
    language: str = "en",
    relevant: bool | None = True,
    content_hash: str | None = None,
    companies: dict[str, tuple[int, float]] | None = None,
    topics: dict[str, float] | None = None,
    status: str = "ok",
    title: str = "A synthetic story",
    text: str = "Nothing to see here.",
) -> None:
    published = datetime.fromisoformat(day + "T09:00:00+00:00")
    con.execute(
        """
        INSERT INTO articles (article_id, url, canonical_url, feed_id, source_domain, title, published_at,
            fetched_at, language, text, word_count, extraction_status, content_hash, run_id, is_ai_relevant)
        VALUES ($id, $url, $url, 'synthetic', $source, $title, $published, $published + INTERVAL 1 HOUR,
            $language, $text, 50, $status, $hash, 'synthetic-run', $relevant)
        """,
        {
            "id": article_id, "url": f"https://{source}/{article_id}", "source": source, "title": title,
            "published": published, "language": language, "text": text, "status": status,
            "hash": content_hash, "relevant": relevant,
        },
    )  # fmt: skip
    for company_id, (mentions, salience) in (companies or {}).items():
        con.execute(
            "INSERT INTO article_companies VALUES (?, ?, ?, FALSE, FALSE, ?)",
            [article_id, company_id, mentions, salience],
        )
    for topic_id, score in (topics or {}).items():
        con.execute("INSERT INTO article_topics VALUES (?, ?, ?)", [article_id, topic_id, score])


@pytest.fixture(scope="module")
def synthetic(demo_run: DemoRun, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo warehouse plus the hand-built case."""
    wh = copy_warehouse(demo_run, tmp_path_factory.mktemp("marts") / "w.duckdb")
    with write_connection(wh) as con:
        con.execute(
            """
            INSERT INTO companies VALUES ('acme', 'Acme', NULL, [], FALSE), ('globex', 'Globex', NULL, [], FALSE),
                ('initech', 'Initech', NULL, [], FALSE), ('umbrella', 'Umbrella', NULL, [], FALSE);
            INSERT INTO topics VALUES ('zz_test', 'Test topic', NULL);
            """
        )
        # ISO week 32 (Mon 2026-08-03 .. Sun 08-09): relevant stories a1, a2, a3, a4, a7 (N = 5).
        add_article(con, "a1", "2026-08-03", content_hash="h1", companies={"acme": (3, 0.9), "globex": (1, 0.2)},
                    topics={"zz_test": 4.0}, title="Acme and Globex in quantum talks",
                    text="Quantum computing: Acme talks to Globex. Quantum again, quantum thrice.")  # fmt: skip
        add_article(con, "a2", "2026-08-04", companies={"acme": (2, 0.9), "initech": (1, 0.3)},
                    topics={"zz_test": 6.0}, title="Quantum leap at Acme", text="Acme hires.")  # fmt: skip
        add_article(con, "a3", "2026-08-05", source="other.example", language="de",
                    companies={"globex": (2, 0.8), "initech": (1, 0.1)})  # fmt: skip
        add_article(con, "a4", "2026-08-05", status="fallback_summary")  # relevant, no company
        # a5: same text as a1, later, elsewhere: one story with a1 (2 sources), never counted itself.
        add_article(con, "a5", "2026-08-06", source="mirror.example", content_hash="h1",
                    companies={"acme": (3, 0.9), "globex": (1, 0.2)}, topics={"zz_test": 4.0})  # fmt: skip
        add_article(
            con, "a6", "2026-08-06", relevant=False, companies={"acme": (5, 1.0)}, text="Acme, again."
        )  # not AI
        add_article(con, "a7", "2026-08-07", relevant=None, language="fr", companies={"initech": (1, 0.5)})
        # Umbrella: quiet baseline (one story on 08-10 and on 08-13), then 4 stories on 08-20, 2 on 08-21.
        for aid, day in [("u1", "2026-08-10"), ("u2", "2026-08-13")]:
            add_article(con, aid, day, source="umbrella.example", companies={"umbrella": (1, 0.5)})
        for i in range(4):
            add_article(con, f"u3{i}", "2026-08-20", source="umbrella.example",
                        companies={"umbrella": (1, 0.5)}, topics={"zz_test": 5.0})  # fmt: skip
        for i in range(2):
            add_article(
                con, f"u4{i}", "2026-08-21", source="umbrella.example", companies={"umbrella": (1, 0.5)}
            )
    return wh


def rows(wh: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with read_connection(wh) as con:
        return con.execute(sql, params or []).fetchall()


def test_views_are_layered_staging_then_marts_then_the_public_views():
    names = [p.name for p in sorted((SQL_DIR / "views").glob("*.sql"))]
    stg = [i for i, n in enumerate(names) if re.match(r"1\d_stg_", n)]
    marts = [i for i, n in enumerate(names) if re.match(r"2\d_mart_", n)]
    public = [names.index(n) for n in ("company_mentions_daily.sql", "topics_weekly.sql", "feed_status.sql")]
    assert stg and marts and max(stg) < min(marts) and max(marts) < min(public)


@pytest.mark.parametrize("view", MARTS)
def test_every_column_is_documented_in_the_sql_and_the_readme(demo_run: DemoRun, view: str):
    (file,) = (SQL_DIR / "views").glob(f"[12][0-9]_{view}.sql")
    comments = " ".join(line for line in file.read_text().splitlines() if line.startswith("--"))
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Trend marts") : readme.index("## Tagging quality")]
    with read_connection(demo_run.settings.warehouse) as con:
        columns = [r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()]
    for column in columns:
        assert re.search(rf"\b{column}\b", comments), f"{view}.{column} not described in {file.name}"
    if view.startswith("mart_"):
        assert f"`{view}`" in section, f"{view} missing from the README's Trend marts table"
        row = next(line for line in section.splitlines() if line.startswith(f"| `{view}`"))
        for column in columns:
            assert f"`{column}`" in row, f"{view}.{column} missing from its README row"


def test_public_views_keep_their_columns(demo_run: DemoRun):
    with read_connection(demo_run.settings.warehouse) as con:
        cols = {v: [r[0] for r in con.execute(f"DESCRIBE {v}").fetchall()]
                for v in ("company_mentions_daily", "topics_weekly", "feed_status")}  # fmt: skip
    assert cols["company_mentions_daily"] == ["day", "company_id", "company_name", "articles", "mentions"]
    assert cols["topics_weekly"] == ["week_start", "topic_id", "topic_name", "articles", "avg_score"]
    assert cols["feed_status"][:2] == ["feed_id", "name"] and cols["feed_status"][-2:] == [
        "entries_seen",
        "articles",
    ]


def test_stories_deduplicate_by_content_hash_keeping_the_earliest(synthetic: Path):
    stories = dict(rows(synthetic, "SELECT article_id, (copies, sources) FROM stg_stories WHERE day BETWEEN '2026-08-01' AND '2026-08-09'"))  # fmt: skip
    # a5 repeats a1's text: one story, kept as a1 (earlier), carried by 2 sources; a6 is not AI; a7 (NULL) is.
    assert sorted(stories) == ["a1", "a2", "a3", "a4", "a7"]
    assert stories["a1"] == (2, 2) and stories["a4"] == (1, 1)
    daily = dict(
        rows(synthetic, "SELECT day::VARCHAR, articles FROM company_mentions_daily WHERE company_id = 'acme'")
    )
    assert daily == {"2026-08-03": 1, "2026-08-04": 1}  # nothing on 08-06 (a5 duplicate, a6 irrelevant)
    # Moving the copy before the original makes the copy the kept one.
    wh = synthetic.with_name("dedup.duckdb")
    shutil.copy(synthetic, wh)
    with write_connection(wh) as con:
        con.execute(
            "UPDATE articles SET published_at = TIMESTAMPTZ '2026-08-02 08:00:00+00' WHERE article_id = 'a5'"
        )
    kept = rows(wh, "SELECT article_id, day::VARCHAR, source FROM stg_stories WHERE story_key = 'h1'")
    assert kept == [("a5", "2026-08-02", "mirror.example")]


def test_company_daily_and_weekly(synthetic: Path):
    daily = {
        str(d): (n, m, round(avg, 6))
        for d, n, m, avg in rows(synthetic, """
            SELECT day, articles, mentions, articles_7d_avg FROM mart_company_daily
            WHERE company_id = 'acme' AND day BETWEEN '2026-08-03' AND '2026-08-11' ORDER BY day""")
    }  # fmt: skip
    # The calendar starts on 08-03 (the earliest story), so the first windows are shorter than 7 days.
    assert daily["2026-08-03"] == (1, 3, 1.0)
    assert daily["2026-08-04"] == (1, 2, 1.0)
    assert daily["2026-08-05"] == (0, 0, round(2 / 3, 6))
    assert daily["2026-08-09"] == (0, 0, round(2 / 7, 6))
    assert daily["2026-08-10"] == (0, 0, round(1 / 7, 6))  # 08-04 .. 08-10
    assert daily["2026-08-11"] == (0, 0, 0.0)
    weekly = rows(synthetic, """
        SELECT iso_year, iso_week, company_id, articles, mentions, articles_daily_avg, articles_prev_week
        FROM mart_company_weekly WHERE week_start = '2026-08-03' ORDER BY company_id""")  # fmt: skip
    got = {r[2]: r for r in weekly}
    assert got["acme"] == (2026, 32, "acme", 2, 5, 2 / 7, None)
    assert got["initech"][3:5] == (3, 3) and got["globex"][3:5] == (2, 3) and got["umbrella"][3] == 0


def test_share_of_voice_overall_per_language_and_per_source(synthetic: Path):
    def shares(period: str, start: str, breakdown: str, segment: str) -> dict[str, tuple[Any, ...]]:
        return {
            r[0]: r[1:]
            for r in rows(
                synthetic,
                """SELECT company_id, mentions, total_mentions, share_of_mentions, share_of_articles
                   FROM mart_share_of_voice
                   WHERE period = ? AND period_start = ? AND breakdown = ? AND segment = ?""",
                [period, start, breakdown, segment],
            )
        }

    # Week 32: acme 3+2 = 5 mentions, globex 1+2 = 3, initech 1+1+1 = 3: 11 in all.
    # Company-story pairs: acme 2, globex 2, initech 3 of 7.
    week = shares("week", "2026-08-03", "all", "all")
    assert week == {
        "acme": (5, 11, 5 / 11, 2 / 7),
        "globex": (3, 11, 3 / 11, 2 / 7),
        "initech": (3, 11, 3 / 11, 3 / 7),
    }
    assert shares("month", "2026-08-01", "all", "all")["acme"][:2] == (
        5,
        5 + 3 + 3 + 8,
    )  # + umbrella: 2 + 4 + 2
    # German: a3 only (globex 2, initech 1).
    assert shares("week", "2026-08-03", "language", "de") == {
        "globex": (2, 3, 2 / 3, 1 / 2),
        "initech": (1, 3, 1 / 3, 1 / 2),
    }
    # synthetic.example: a1 (acme 3, globex 1), a2 (acme 2, initech 1), a7 (initech 1): 8 mentions.
    source = shares("week", "2026-08-03", "source", "synthetic.example")
    assert {k: v[2] for k, v in source.items()} == {"acme": 5 / 8, "globex": 1 / 8, "initech": 2 / 8}
    assert shares("day", "2026-08-03", "all", "all")["acme"] == (3, 4, 3 / 4, 1 / 2)


def test_topic_weekly_and_company_topic_matrix(synthetic: Path):
    weekly = {
        str(r[0]): r[1:]
        for r in rows(synthetic, """
            SELECT week_start, articles, avg_score, week_articles, share, articles_prev_week, change
            FROM mart_topic_weekly WHERE topic_id = 'zz_test' AND week_start BETWEEN '2026-08-03' AND '2026-08-17'""")
    }  # fmt: skip
    # Week 32: a1 (4.0) and a2 (6.0) of 5 stories; week 33: none of u1, u2; week 34: 4 of 6 (u3*, u4*).
    assert weekly["2026-08-03"] == (2, 5.0, 5, 2 / 5, None, None)
    assert weekly["2026-08-10"] == (0, None, 2, 0.0, 2, -2)
    assert weekly["2026-08-17"] == (4, 5.0, 6, 4 / 6, 0, 4)
    assert rows(synthetic, "SELECT week_start::VARCHAR, articles, avg_score FROM topics_weekly WHERE topic_id = 'zz_test'") == [
        ("2026-08-03", 2, 5.0), ("2026-08-17", 4, 5.0)]  # fmt: skip
    matrix = {
        r[0]: r[1:]
        for r in rows(synthetic, """
            SELECT company_id, articles, company_articles, topic_share FROM mart_company_topics
            WHERE period = 'week' AND period_start = '2026-08-03' AND topic_id = 'zz_test'""")
    }  # fmt: skip
    assert matrix == {"acme": (2, 2, 1.0), "globex": (1, 2, 0.5), "initech": (1, 3, 1 / 3)}


def test_co_mentions_count_and_lift(synthetic: Path):
    pairs = {
        (r[0], r[1]): r[2:]
        for r in rows(synthetic, """
            SELECT company_a, company_b, articles, company_a_articles, company_b_articles, period_articles, lift
            FROM mart_co_mentions WHERE period = 'week' AND period_start = '2026-08-03'""")
    }  # fmt: skip
    # N = 5 stories; lift = n_ab × N / (n_a × n_b).
    assert pairs == {
        ("acme", "globex"): (1, 2, 2, 5, 1 * 5 / (2 * 2)),
        ("acme", "initech"): (1, 2, 3, 5, 1 * 5 / (2 * 3)),
        ("globex", "initech"): (1, 2, 3, 5, 1 * 5 / (2 * 3)),
    }


def test_spikes_z_score_and_flag(synthetic: Path):
    got = {
        (r[0], str(r[1])): r[2:]
        for r in rows(synthetic, """
            SELECT entity_id, day, articles, baseline_days, baseline_mean, baseline_stddev, week_ago_articles,
                z_score, is_spike
            FROM mart_spikes WHERE entity_id IN ('umbrella', 'zz_test') AND day IN ('2026-08-20', '2026-08-21')""")
    }  # fmt: skip
    # Umbrella on 08-20: baseline 08-06..08-19 holds two 1s: mean 1/7, population sd √6/7 ≈ 0.35 < 1,
    # so the floor applies: z = (4 - 1/7) / 1 = 27/7; 4 > 1 a week earlier: a spike.
    n, days, mean, sd, week_ago, z, flag = got[("umbrella", "2026-08-20")]
    assert (n, days, week_ago, flag) == (4, 14, 1, True)
    assert mean == pytest.approx(1 / 7) and sd == pytest.approx(6**0.5 / 7) and z == pytest.approx(27 / 7)
    # 08-21: 2 stories; baseline 08-07..08-20 = [1 (08-10), 1 (08-13), 4 (08-20), eleven 0s]:
    # mean 6/14 = 3/7, variance 18/14 - 9/49 = 54/49, sd √54/7 ≈ 1.05 (above the floor).
    n, days, mean, sd, week_ago, z, flag = got[("umbrella", "2026-08-21")]
    assert mean == pytest.approx(3 / 7) and sd == pytest.approx(54**0.5 / 7)
    assert z == pytest.approx(11 / 54**0.5) and flag is False  # z = (2 - 3/7) / (√54/7) ≈ 1.50; < 3 stories
    # The topic: silent for 14 days, then 4 stories: mean 0, sd 0 → floor 1 → z = 4.
    n, days, mean, sd, week_ago, z, flag = got[("zz_test", "2026-08-20")]
    assert (n, mean, sd, week_ago, z, flag) == (4, 0.0, 0.0, 0, 4.0, True)
    flagged = rows(
        synthetic, "SELECT entity_id, day::VARCHAR FROM mart_spikes WHERE is_spike AND day < '2026-09-01'"
    )
    assert sorted(flagged) == [("umbrella", "2026-08-20"), ("zz_test", "2026-08-20")]


def test_top_stories_rank_by_salience_then_sources(synthetic: Path):
    top = rows(synthetic, """
        SELECT company_id, rank, article_id, salience, sources FROM mart_top_stories
        WHERE period = 'week' AND period_start = '2026-08-03' AND company_id IN ('acme', 'globex')
        ORDER BY company_id, rank""")  # fmt: skip
    # acme: a1 and a2 both 0.9, a1 carried by 2 sources → first. globex: a3 (0.8) before a1 (0.2).
    assert top == [("acme", 1, "a1", 0.9, 2), ("acme", 2, "a2", 0.9, 1),
                   ("globex", 1, "a3", 0.8, 1), ("globex", 2, "a1", 0.2, 2)]  # fmt: skip


def test_sources_volume_languages_and_failure_rate(synthetic: Path):
    got = {
        r[0]: r[1:]
        for r in rows(synthetic, """
            SELECT source, articles, duplicates, relevant_articles, languages, main_language,
                extraction_failures, extraction_failure_rate, first_day::VARCHAR, last_day::VARCHAR
            FROM mart_sources WHERE source LIKE '%.example'""")
    }  # fmt: skip
    # synthetic.example: a1, a2, a4 (fallback), a6 (not AI), a7 (fr, relevance NULL).
    assert got["synthetic.example"] == (5, 0, 4, ["en", "fr"], "en", 1, 1 / 5, "2026-08-03", "2026-08-07")
    assert got["mirror.example"][:3] == (1, 1, 1)
    assert got["umbrella.example"][0] == 8


def test_cli_trends(synthetic: Path):
    wh = str(synthetic)
    proc = mediamon("trends", "-w", wh, "--since", "2026-08-03", "--until", "2026-08-09", env=WIDE)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    acme = next(line for line in lines if line.startswith("│ Acme "))
    # 08-03 .. 08-09 columns, then stories, mentions, share of voice (5 of 11 mentions).
    assert re.findall(r"[\w%·]+", acme) == ["Acme", "1", "1", "·", "·", "·", "·", "·", "2", "5", "45%"]
    assert any("Acme" in line and "Globex" in line and "1.25" in line for line in lines)  # lift
    assert any("Test topic" in line and "40%" in line for line in lines)
    proc = mediamon(
        "trends", "-w", wh, "--since", "2026-08-03", "--until", "2026-08-09", "-l", "de", env=WIDE
    )
    assert "Acme" not in proc.stdout and re.search(r"│ Globex .* 2 │ +67% │", proc.stdout), proc.stdout
    proc = mediamon(
        "trends", "-w", wh, "--since", "2026-08-01", "--until", "2026-08-31", "-c", "umbrella", env=WIDE
    )
    assert "Umbrella (08-20)" in proc.stdout and "W34" in proc.stdout
    for args, message in [
        (["--since", "2026-02-30"], "bad date for --since: '2026-02-30'"),
        (["--until", "yesterday"], "bad date for --until: 'yesterday'"),
        (["--company", "acmee"], "unknown company id 'acmee'"),
        (["--topic", "quantum"], "unknown topic id 'quantum'"),
        (["--language", "english"], "unknown language 'english'"),
        (["--days", "7", "--since", "2026-08-01"], "give --days or --since, not both"),
        (["--since", "2026-09-01", "--until", "2026-08-01"], "is after the end of the period"),
    ]:
        assert_one_line_error(mediamon("trends", "-w", wh, *args), message)


def test_cli_spikes(synthetic: Path):
    wh = str(synthetic)
    proc = mediamon("spikes", "-w", wh, "--since", "2026-08-01", "--until", "2026-08-31", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    found = [(s["entity_id"], s["day"], s["articles"], s["z_score"]) for s in json.loads(proc.stdout)]
    assert found == [
        ("zz_test", "2026-08-20", 4, 4.0),
        ("umbrella", "2026-08-20", 4, 3.86),
    ]  # strongest first
    proc = mediamon("spikes", "-w", wh, "--since", "2026-08-01", "--until", "2026-08-31", "-t", "zz_test",
                    "--format", "csv")  # fmt: skip
    assert proc.stdout.splitlines()[1].startswith("2026-08-20,topic,zz_test,Test topic,4,")
    proc = mediamon("spikes", "-w", wh, "--since", "2026-08-22", "--until", "2026-08-31")
    assert proc.returncode == 0 and "no spikes between 2026-08-22 and 2026-08-31" in proc.stdout
    assert_one_line_error(mediamon("spikes", "-w", wh, "--since", "08/01/2026"), "bad date for --since")
    assert_one_line_error(mediamon("spikes", "-w", wh, "-c", "nope"), "unknown company id 'nope'")
    assert_one_line_error(
        mediamon("spikes", "-w", wh, "--format", "xml"), "--format must be table, csv or json"
    )


def test_cli_search_ranks_by_matches_and_filters(synthetic: Path):
    wh = str(synthetic)

    def search(*args: str) -> list[tuple[str, int]]:
        proc = mediamon("search", *args, "-w", wh, "--format", "json")
        assert proc.returncode == 0, proc.stderr
        return [(h["article_id"], h["score"]) for h in json.loads(proc.stdout)]

    # a1: title once (×3) + text 3 times = 6; a2: title once (×3) = 3. Case and accents are ignored.
    assert search("QUANTUM", "--since", "2026-08-01", "--until", "2026-08-31") == [("a1", 6), ("a2", 3)]
    assert search("quântum acme", "--until", "2026-08-31") == [("a1", 6 + 3 + 1), ("a2", 3 + 3 + 1)]
    assert search('"quantum talks"') == [("a1", 3)]  # a phrase, whole words
    assert search("quant") == [] and search("quant*")[0] == ("a1", 6)  # whole words unless a prefix
    assert search("quantum", "-c", "initech") == [("a2", 3)]
    assert search("quantum", "-t", "zz_test", "-l", "de") == []
    assert search("acme", "--until", "2026-08-31") == [
        ("a2", 4),
        ("a1", 4),
    ]  # ties: newest first; a6 (not AI) is left out...
    assert ("a6", 1) in search("acme", "--until", "2026-08-31", "--all")  # ...unless --all
    proc = mediamon("search", "quantum", "-w", wh, env=WIDE)
    assert "Acme and Globex in quantum talks" in proc.stdout and "2 articles matching" in proc.stdout
    assert_one_line_error(mediamon("search", "  ", "-w", wh), "search text is empty")
    assert_one_line_error(mediamon("search", "x", "-w", wh, "--since", "2026-8-1"), "bad date for --since")
    assert_one_line_error(mediamon("search", "x", "-w", wh, "-t", "nope"), "unknown topic id 'nope'")
    assert_one_line_error(mediamon("search", "x", "-w", wh, "-l", "xx"), "unknown language 'xx'")


def test_cli_on_the_demo_warehouse(demo_run: DemoRun):
    wh = str(demo_run.settings.warehouse)
    proc = mediamon("trends", "-w", wh, "--days", "30", env=WIDE)
    assert proc.returncode == 0, proc.stderr
    assert "Companies: stories per week" in proc.stdout and "OpenAI" in proc.stdout
    proc = mediamon("search", "Nvidia", "-w", wh, "--format", "json", "--limit", "3")
    hits = json.loads(proc.stdout)
    assert len(hits) == 3 and all("Nvidia" in h["companies"] for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert mediamon("spikes", "-w", wh).returncode == 0


def cookbook_queries() -> list[tuple[str, str]]:
    doc = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    found, heading = [], ""
    for block in re.finditer(r"^(#+ [^\n]*)$|^```sql\n(.*?)^```", doc, flags=re.M | re.S):
        if block.group(1):
            heading = block.group(1).lstrip("# ")
        else:
            found.append((heading, block.group(2)))
    return found


def test_the_cookbook_has_at_least_ten_questions():
    assert len(cookbook_queries()) >= 10


@pytest.mark.parametrize("question,sql", cookbook_queries(), ids=[q for q, _ in cookbook_queries()])
def test_every_cookbook_query_runs_on_the_demo_warehouse(demo_run: DemoRun, question: str, sql: str):
    with read_connection(demo_run.settings.warehouse) as con:
        cur = con.execute(sql)
        assert cur.description, question
        cur.fetchall()


def test_default_period_ends_on_the_last_day_with_data(synthetic: Path):
    from pipeline.trends import TrendFilter, resolve_filter

    with read_connection(synthetic) as con:
        last = con.execute("SELECT max(day) FROM stg_stories").fetchall()[0][0]
        f = resolve_filter(con, days=None, since=None, until=None)
        assert f == TrendFilter(last - timedelta(days=6), last)
        f = resolve_filter(con, days=None, since=None, until="2026-08-09", default_days=None)
        assert f == TrendFilter(date.min, date(2026, 8, 9))
