"""The whole pipeline over the sample site on 127.0.0.1, into a real DuckDB file."""

from __future__ import annotations

import json

import duckdb
import pytest

from pipeline.errors import BatchValidationError, RunFailedError
from pipeline.run import run_pipeline
from pipeline.sample_site import demo_feeds_file, serve_sample_site
from tests.conftest import DemoRun, make_settings

pytestmark = pytest.mark.slow

COUNTED = ("feeds", "feed_entries", "articles", "article_companies", "article_topics", "quarantine",
           "dq_results", "companies", "topics")  # fmt: skip


def q(run: DemoRun, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(run.settings.warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def path_of(url: str) -> str:
    return url.split("/", 3)[3].split("?")[0]


def by_role(manifest: list[dict], role: str) -> list[dict]:
    return [m for m in manifest if m["role"] == role]


def test_every_entry_is_accounted_for(demo_run: DemoRun, manifest: list[dict]):
    s = demo_run.summary
    assert s.status == "success"
    # One entry per (feed, item) in the manifest; the duplicate is carried by two feeds.
    assert s.entries_total == sum(len(m["feeds"]) for m in manifest)
    assert s.entries_new == s.entries_total
    assert s.loaded + s.quarantined + s.duplicates_skipped == s.entries_new
    assert s.loaded >= 40
    assert q(demo_run, "SELECT count(*) FROM articles") == [(s.loaded,)]
    outcomes = dict(q(demo_run, "SELECT outcome, count(*) FROM feed_entries GROUP BY ALL"))
    assert outcomes == {"loaded": s.loaded, "quarantined": s.quarantined, "duplicate": s.duplicates_skipped}


def test_both_languages_and_many_feeds_are_loaded(demo_run: DemoRun):
    langs = dict(q(demo_run, "SELECT language, count(*) FROM articles GROUP BY ALL"))
    assert langs["en"] >= 20 and langs["fr"] >= 20
    feeds = {r[0] for r in q(demo_run, "SELECT DISTINCT feed_id FROM articles")}
    assert {"techwire", "chipletter", "homeandgarden", "lejournalia", "marchestech", "broken"} <= feeds


def test_duplicate_in_two_feeds_is_stored_once(demo_run: DemoRun, manifest: list[dict]):
    (dup,) = by_role(manifest, "duplicate")
    rows = q(demo_run, "SELECT feed_id, outcome, article_id FROM feed_entries WHERE url LIKE ? ORDER BY outcome DESC",
             [f"%{dup['path']}%"])  # fmt: skip
    assert sorted(r[0] for r in rows) == ["chipletter", "techwire"]
    assert sorted(r[1] for r in rows) == ["duplicate", "loaded"]
    assert rows[0][2] == rows[1][2]  # the tracking parameters did not make a second article
    assert q(demo_run, "SELECT count(*) FROM articles WHERE canonical_url LIKE ?", [f"%{dup['path']}"]) == [
        (1,)
    ]


def test_quarantine_keeps_bad_rows_with_reasons(demo_run: DemoRun, manifest: list[dict]):
    rows = {
        path_of(u): (reasons, json.loads(rec))
        for u, reasons, rec in q(demo_run, "SELECT url, reasons, record FROM quarantine")
    }
    future = by_role(manifest, "future_date")[0]["path"]
    italian = by_role(manifest, "unsupported_language")[0]["path"]
    empty = by_role(manifest, "missing_page_no_summary")[0]["path"]
    assert set(rows) == {future, italian, empty}
    assert rows[future][0] == ["articles_rows: expect_column_values_to_be_between(published_at)"]
    assert rows[italian][0] == ["articles_rows: expect_column_values_to_be_in_set(language)"]
    assert rows[empty][0] == ["articles_rows: expect_column_values_to_not_be_null(text)"]
    assert rows[italian][1]["text"]  # the whole record is kept, nothing is lost
    assert rows[empty][1]["extraction_error"] == "HTTP 404"


def test_failed_extraction_keeps_the_feed_summary_flagged(demo_run: DemoRun, manifest: list[dict]):
    for role, error in (("extraction_fail", "extracted text too short"), ("missing_page", "HTTP 404")):
        (item,) = by_role(manifest, role)
        ((status, err, text),) = q(demo_run, "SELECT extraction_status, extraction_error, text FROM articles WHERE url LIKE ?",
                                  [f"%{item['path']}"])  # fmt: skip
        assert status == "fallback_summary"
        assert err.startswith(error)
        assert len(text.split()) >= 10


def test_extraction_drops_boilerplate_comments_and_related_links(demo_run: DemoRun, manifest: list[dict]):
    (comments,) = by_role(manifest, "comments")
    ((text, title, author, site),) = q(demo_run, "SELECT text, title, author, site_name FROM articles WHERE url LIKE ?",
                                      [f"%{comments['path']}"])  # fmt: skip
    assert title == comments["title"]
    assert author and site == "TechWire Daily"
    for noise in ("Subscribe", "cookie", "Tesla", "Samsung"):
        assert noise not in text
    key = next(m for m in by_role(manifest, "lire_aussi") if "clause-agi" in m["path"])
    ((text,),) = q(demo_run, "SELECT text FROM articles WHERE url LIKE ?", [f"%{key['path']}"])
    assert "Lire aussi" not in text
    assert "Microsoft" in text and "OpenAI" in text


def test_agi_clause_article_is_tagged_from_its_body_only(demo_run: DemoRun, manifest: list[dict]):
    key = next(m for m in by_role(manifest, "lire_aussi") if "clause-agi" in m["path"])
    companies = {r[0] for r in q(demo_run, "SELECT company_id FROM article_companies JOIN articles USING (article_id) WHERE url LIKE ?",
                                 [f"%{key['path']}"])}  # fmt: skip
    topics = {r[0] for r in q(demo_run, "SELECT topic_id FROM article_topics JOIN articles USING (article_id) WHERE url LIKE ?",
                              [f"%{key['path']}"])}  # fmt: skip
    assert companies == {"microsoft", "openai"}
    assert not companies & set(key["related_block_companies"])
    assert "agi" in topics


def test_company_tags_against_the_sample_gold(demo_run: DemoRun, manifest: list[dict]):
    """Micro-F1 of company tags on the sample site (written with gold labels); a floor, not a benchmark."""
    got: dict[str, set[str]] = {}
    for url, cid in q(
        demo_run, "SELECT url, company_id FROM articles LEFT JOIN article_companies USING (article_id)"
    ):
        got.setdefault(path_of(url), set()).update([cid] if cid else [])
    tp = fp = fn = 0
    for item in manifest:
        if item["path"] in got:
            gold, pred = set(item["companies"]), got[item["path"]]
            tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.95, (tp, fp, fn)
    traps = [m["path"] for m in by_role(manifest, "trap")]
    assert all(not got.get(p) for p in traps), {p: got.get(p) for p in traps if got.get(p)}


def test_feed_status_is_recorded(demo_run: DemoRun):
    status = {
        r[0]: r[1:]
        for r in q(
            demo_run,
            "SELECT feed_id, last_status, last_http_status, last_error, consecutive_failures FROM feeds",
        )
    }
    assert status["discontinued"] == ("error", 404, "HTTP 404", 1)
    assert status["broken"][0] == "warning" and "2 entries recovered" in status["broken"][2]
    assert status["techwire"] == ("ok", 200, None, 0)


def test_the_feed_date_wins_and_the_page_date_is_kept(demo_run: DemoRun):
    rows = q(
        demo_run,
        """SELECT a.date_source, a.published_at = e.published_at, a.page_published_at IS NOT NULL
           FROM articles AS a JOIN feed_entries AS e USING (article_id)
           WHERE e.published_at IS NOT NULL AND e.outcome = 'loaded'""",
    )
    assert rows and all(source == "feed" and same for source, same, _ in rows)
    # Pages that carry their own date keep it beside the feed's.
    assert sum(1 for *_, has_page_date in rows if has_page_date) >= 3


def test_validation_results_and_run_are_stored(demo_run: DemoRun):
    suites = {r[0] for r in q(demo_run, "SELECT DISTINCT suite FROM dq_results")}
    assert {
        "articles_rows",
        "company_tags_rows",
        "topic_tags_rows",
        "articles_batch",
        "accepted_batch",
    } <= suites
    ((status, loaded, quarantined, timings),) = q(
        demo_run, "SELECT status, loaded, quarantined, stage_seconds FROM runs"
    )
    assert (status, loaded, quarantined) == ("success", demo_run.summary.loaded, demo_run.summary.quarantined)
    assert set(json.loads(timings)) >= {"fetch_feeds", "fetch_pages", "extract", "tag", "validate"}


def test_views_answer_trend_questions(demo_run: DemoRun):
    rows = q(
        demo_run,
        "SELECT company_id, sum(articles) FROM company_mentions_daily GROUP BY ALL ORDER BY 2 DESC LIMIT 3",
    )
    assert rows[0][1] >= 5
    weekly = q(demo_run, "SELECT count(DISTINCT week_start), count(DISTINCT topic_id) FROM topics_weekly")
    assert weekly[0][0] >= 6 and weekly[0][1] >= 10


def test_rerun_adds_nothing(demo_run: DemoRun):
    before = {t: q(demo_run, f"SELECT count(*) FROM {t}")[0][0] for t in COUNTED}
    runs_before = q(demo_run, "SELECT count(*) FROM runs")[0][0]
    again = run_pipeline(demo_run.settings, feeds_file=demo_run.feeds_file)
    after = {t: q(demo_run, f"SELECT count(*) FROM {t}")[0][0] for t in COUNTED}
    assert after == before
    assert (again.entries_new, again.loaded, again.quarantined, again.pages_fetched) == (0, 0, 0, 0)
    assert q(demo_run, "SELECT count(*) FROM runs") == [(runs_before + 1,)]  # only the run itself


def test_article_known_from_another_feed_is_not_fetched_again(demo_run: DemoRun, site_url: str, tmp_path):
    """A feeds file that adds a feed carrying an already-stored article: recorded as a duplicate."""
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(f"feeds:\n  - id: chipmirror\n    url: {site_url}/feeds/chipletter.atom\n")
    articles_before = q(demo_run, "SELECT count(*) FROM articles")
    summary = run_pipeline(demo_run.settings, feeds_file=feeds)
    assert summary.entries_new > 0 and summary.pages_fetched == 0
    assert summary.duplicates_skipped == summary.entries_new
    assert q(demo_run, "SELECT count(*) FROM articles") == articles_before


def test_batch_failure_stops_the_load_and_says_why(site_url: str, tmp_path):
    """Every row fails (no language allowed): the run is recorded as failed and nothing loads."""
    feeds = demo_feeds_file(site_url, tmp_path / "feeds.yaml")
    settings = make_settings(tmp_path / "w.duckdb", languages=("xx",))
    with pytest.raises(BatchValidationError, match="accepted_batch: expect_table_row_count_to_be_between"):
        run_pipeline(settings, feeds_file=feeds)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(0,)]
        assert con.execute("SELECT count(*) FROM feed_entries").fetchall() == [(0,)]  # retried next run
        assert con.execute("SELECT status FROM runs").fetchall() == [("failed",)]
        assert con.execute("SELECT count(*) FROM dq_results WHERE NOT success").fetchall()[0][0] >= 1


def test_every_feed_failing_fails_the_run(tmp_path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("feeds:\n  - id: closed\n    url: http://127.0.0.1:9/feed.xml\n")
    settings = make_settings(tmp_path / "w.duckdb", connect_timeout=2.0, allow_hosts=("127.0.0.1:9",))
    with pytest.raises(RunFailedError, match=r"all 1 feeds failed \(first: closed: ConnectError"):
        run_pipeline(settings, feeds_file=feeds)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert con.execute("SELECT status, feeds_failed FROM runs").fetchall() == [("failed", 1)]
        assert con.execute("SELECT last_status FROM feeds").fetchall() == [("error",)]


def test_canonical_link_reveals_an_already_stored_article(tmp_path):
    """Run 1 stores /story.html; run 2 meets /amp/story.html whose canonical link is /story.html."""
    site = tmp_path / "site"
    (site / "feeds").mkdir(parents=True)
    (site / "amp").mkdir()
    body = (
        "<p>"
        + "Nvidia and OpenAI signed a new supply agreement for data center chips this week. " * 5
        + "</p>"
    )
    page = (
        '<html lang="en"><head><title>Story</title><link rel="canonical" href="{{BASE_URL}}/story.html"></head>'
        f"<body><article><h1>Supply deal</h1>{body}</article></body></html>"
    )
    (site / "story.html").write_text(page)
    (site / "amp" / "story.html").write_text(page)
    for name, link in (("direct", "/story.html"), ("amp", "/amp/story.html")):
        (site / "feeds" / f"{name}.xml").write_text(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><language>en</language>'
            f"<item><title>Supply deal</title><link>{{{{BASE_URL}}}}{link}</link><guid>{name}-1</guid>"
            "<pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>"
        )
    settings = make_settings(tmp_path / "w.duckdb")
    with serve_sample_site(root=site) as base:
        for name in ("direct", "amp"):
            (tmp_path / f"{name}.yaml").write_text(
                f"feeds:\n  - id: {name}\n    url: {base}/feeds/{name}.xml\n"
            )
        first = run_pipeline(settings, feeds_file=tmp_path / "direct.yaml")
        second = run_pipeline(settings, feeds_file=tmp_path / "amp.yaml")
    assert (first.loaded, second.loaded, second.pages_fetched, second.duplicates_skipped) == (1, 0, 1, 1)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        ids = con.execute("SELECT feed_id, outcome, article_id FROM feed_entries ORDER BY feed_id").fetchall()
        assert [(f, o) for f, o, _ in ids] == [("amp", "duplicate"), ("direct", "loaded")]
        assert ids[0][2] == ids[1][2]
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]


def test_mentions_carry_offsets_into_the_stored_text(demo_run: DemoRun):
    rows = q(demo_run, """
        SELECT m.field, m.start_char, m.end_char, m.matched_text, a.title, a.text
        FROM company_mentions m JOIN articles a USING (article_id)""")  # fmt: skip
    assert len(rows) >= 100
    for field, start, end, matched, title, text in rows:
        source = title if field == "title" else text
        assert source[start:end].replace("\u2019", "'") == matched
    # Salience orders the companies of an article: the AGI-clause story is about Microsoft and OpenAI.
    ((top,),) = q(demo_run, """
        SELECT arg_max(company_id, salience) FROM article_companies JOIN articles USING (article_id)
        WHERE url LIKE '%microsoft-openai-clause-agi%'""")  # fmt: skip
    assert top in ("microsoft", "openai")


def test_trend_views_count_only_ai_relevant_articles(demo_run: DemoRun, manifest: list[dict]):
    flags = {path_of(u): r for u, r in q(demo_run, "SELECT url, is_ai_relevant FROM articles")}
    for item in manifest:
        if item["path"] in flags:
            assert flags[item["path"]] == item["ai"], item["path"]
    in_views = q(demo_run, """
        SELECT count(DISTINCT ac.article_id) FROM article_companies ac JOIN articles a USING (article_id)
        WHERE NOT a.is_ai_relevant""")[0][0]  # fmt: skip
    total = q(demo_run, "SELECT sum(articles) FROM company_mentions_daily")[0][0]
    everything = q(demo_run, "SELECT count(*) FROM article_companies")[0][0]
    assert total == everything - in_views


def test_retag_is_idempotent_and_applies_taxonomy_changes(demo_run: DemoRun, tmp_path):
    import shutil

    from pipeline.config import DEFAULT_TAXONOMY_FILE
    from pipeline.retag import retag_warehouse

    wh = tmp_path / "copy.duckdb"
    shutil.copy(demo_run.settings.warehouse, wh)
    settings = demo_run.settings.replace(warehouse=wh)
    snapshot = "SELECT article_id, company_id, mentions, salience FROM article_companies ORDER BY ALL"
    with duckdb.connect(str(wh), read_only=True) as con:
        before = con.execute(snapshot).fetchall()
    same = retag_warehouse(settings)
    assert same.changed == 0 and same.company_tags[0] == same.company_tags[1]
    # A taxonomy without Nvidia: its tags go, nothing is refetched, and restoring it restores them.
    text = DEFAULT_TAXONOMY_FILE.read_text(encoding="utf-8")
    start = text.index("\n  - id: nvidia\n")
    end = text.index("\n  - id: ", start + 1)
    smaller = tmp_path / "taxonomy.yaml"
    smaller.write_text(text[:start] + text[end:], encoding="utf-8")
    changed = retag_warehouse(settings.replace(taxonomy_file=smaller))
    assert changed.changed >= 10
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute(
            "SELECT count(*) FROM article_companies WHERE company_id = 'nvidia'"
        ).fetchall() == [(0,)]
        assert con.execute("SELECT count(DISTINCT tagged_with) FROM articles").fetchall() == [(1,)]
    retag_warehouse(settings)
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute(snapshot).fetchall() == before
