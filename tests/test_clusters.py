"""Story clusters (pipeline/clusters.py, migration 0004): syndicated copies are one story.

The texts in tests/data/syndication were written for these tests: a wire story, the copies three
outlets made of it (another headline and boilerplate each; one adds a paragraph, one cuts the
last two), and two other stories that share its company, city and week.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
import yaml

from pipeline import clusters, minhash
from pipeline.articles import content_hash
from pipeline.clusters import THRESHOLD, cluster_articles, signatures_to_load, similarity, story_ids
from pipeline.config import DEFAULT_TAXONOMY_FILE, SQL_DIR
from pipeline.minhash import MIN_WORDS, from_blob, signature, words
from pipeline.records import Article
from pipeline.run import run_pipeline
from pipeline.sample_site import serve_sample_site
from pipeline.stages import _articles_frame
from pipeline.taxonomy import load_taxonomy
from pipeline.urls import url_key
from pipeline.warehouse import LoadBatch, load_batch, read_connection, write_connection
from tests.conftest import DemoRun, make_settings

DATA = Path(__file__).resolve().parent / "data" / "syndication"
OUTLETS = yaml.safe_load((DATA / "boilerplate.yaml").read_text(encoding="utf-8"))
T0 = datetime(2026, 11, 17, 7, 0, tzinfo=UTC)  # the wire story's publication time


def with_story_ids(articles: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """The articles as a load takes them, with their story_id (the load stage has DuckDB add it
    to the staged file; these tests load frames)."""
    ids = story_ids(clusters, set(articles["article_id"]))
    staged_only = ["minhash", "tags"]  # staged with the article, not warehouse columns
    return articles.drop(columns=staged_only, errors="ignore").merge(ids, on="article_id", how="left")


def paragraphs(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").strip().split("\n\n")


def copies() -> dict[str, tuple[str, list[str]]]:
    """outlet -> (headline, paragraphs) of the wire story and the three outlets' copies of it."""
    wire = paragraphs("wire.txt")
    added = (DATA / "added_paragraph.txt").read_text(encoding="utf-8").strip()
    bodies = {
        "northbridge": wire,  # only its boilerplate differs
        "lowvalley": [*wire[:3], added, *wire[3:]],
        "harbourpost": wire[:-2],  # the ending cut
    }
    made = {"wire": ("Mistral AI plans data centre south of Paris", wire)}
    for outlet, body in bodies.items():
        o = OUTLETS[outlet]
        made[outlet] = (o["headline"], [o["before"], *body, o["after"]])
    return made


def article(source: str, slug: str, text: str, published: datetime | None, fetched: datetime,
            title: str = "A story") -> Article:  # fmt: skip
    url = f"https://{source}/news/{slug}"
    return Article(
        article_id=url_key(url), url=url, canonical_url=url, feed_id=source.split(".")[0],
        source_domain=source, title=title, author=None, published_at=published,
        date_source="feed" if published else None, fetched_at=fetched, language="en", site_name=None,
        summary=None, text=text, word_count=len(text.split()), extraction_status="ok",
        extraction_error=None, content_hash=content_hash(text),
    )  # fmt: skip


def syndicated(fetched: datetime) -> dict[str, Article]:
    """The wire story first (07:00), the copies an hour apart after it, and the two other stories."""
    made = {}
    for i, (outlet, (headline, body)) in enumerate(copies().items()):
        text = "\n\n".join(body)
        made[outlet] = article(
            f"{outlet}.example", "mistral-data-centre", text, T0 + timedelta(hours=i), fetched, headline
        )
    made["rival"] = article("northbridge.example", "mistral-model", (DATA / "rival.txt").read_text(),
                            T0 + timedelta(days=2), fetched)  # fmt: skip
    made["other"] = article("lowvalley.example", "carmakers-voice", (DATA / "other.txt").read_text(),
                            T0 + timedelta(days=1), fetched)  # fmt: skip
    return made


def load(warehouse: Path, articles: list[Article], run_id: str, **settings: Any) -> pd.DataFrame:
    """What the tag and load stages do with story clusters, into a real DuckDB file."""
    s = make_settings(warehouse, **settings)
    df = _articles_frame(articles, run_id)
    found = cluster_articles(s, df)
    batch = LoadBatch(
        run={"run_id": run_id, "started_at": datetime.now(UTC), "status": "success"},
        articles=with_story_ids(df, found),
        story_signatures=signatures_to_load(df, found),
    )
    load_batch(warehouse, batch, load_taxonomy(DEFAULT_TAXONOMY_FILE), s.lock_timeout)
    return found


def q(warehouse: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with read_connection(warehouse) as con:
        return con.execute(sql, params or []).fetchall()


def test_the_parameters_separate_copies_from_stories_sharing_their_vocabulary():
    """The figures the module docstring gives for its parameters, on its own signatures."""
    made = syndicated(T0)
    sig = {k: signature(a.text) for k, a in made.items()}
    outlets = list(copies())
    for i, a in enumerate(outlets):
        for b in outlets[i + 1 :]:
            assert similarity(sig[a], sig[b]) >= THRESHOLD + 0.05, (a, b)
        for other in ("rival", "other"):
            assert similarity(sig[a], sig[other]) < 0.1, (a, other)
    # A single shared word set would not separate them: the rival story shares the vocabulary.
    vocab = {k: set(words(a.text or "")) for k, a in made.items()}
    overlap = len(vocab["wire"] & vocab["rival"]) / len(vocab["wire"] | vocab["rival"])
    assert overlap > 0.15


def test_the_sample_site_has_no_copies_and_no_story_is_merged(demo_run: DemoRun):
    """Different articles, some on the same companies and days, stay apart by a wide margin."""
    wh = demo_run.settings.warehouse
    assert q(wh, "SELECT count(*) = count(DISTINCT story_id), count(story_id) FROM articles")[0] == (
        True,
        demo_run.summary.loaded,
    )
    signed = [from_blob(b) for (b,) in q(wh, "SELECT signature FROM story_signatures")]
    assert len(signed) >= 40
    top = max(similarity(a, b) for i, a in enumerate(signed) for b in signed[i + 1 :])
    assert top < THRESHOLD / 4


def test_wire_copies_are_one_story_first_published_by_the_wire(tmp_path: Path):
    wh = tmp_path / "w.duckdb"
    made = syndicated(T0 + timedelta(days=3))
    batch = list(made.values())
    random.Random(6).shuffle(batch)  # arrival order in a run is not publication order
    found = load(wh, batch, "run-1").set_index("article_id")
    wire_id = made["wire"].article_id
    story = {k: found.loc[a.article_id, "story_id"] for k, a in made.items()}
    assert {story[k] for k in copies()} == {wire_id}
    assert len({story["wire"], story["rival"], story["other"]}) == 3
    # Each copy names the earlier article it matched and how similar they were.
    for outlet in ("northbridge", "lowvalley", "harbourpost"):
        assert found.loc[made[outlet].article_id, "similarity"] >= THRESHOLD
        assert found.loc[made[outlet].article_id, "matched_article_id"] in {
            a.article_id for a in made.values()
        }

    stories = q(
        wh,
        "SELECT story_key, article_id, first_source, copies, sources FROM stg_stories ORDER BY copies DESC",
    )
    assert stories[0] == (wire_id, wire_id, "wire.example", 4, 4)
    assert [s[3] for s in stories[1:]] == [1, 1]
    assert q(wh, "SELECT count(*) FROM story_signatures") == [(6,)]
    assert q(wh, "SELECT count(DISTINCT story_id) FROM articles") == [(3,)]


def test_the_first_source_is_the_earliest_copy_not_the_first_loaded(tmp_path: Path):
    wh = tmp_path / "w.duckdb"
    made = syndicated(T0 + timedelta(days=3))
    load(wh, [made["northbridge"], made["lowvalley"]], "run-1")
    # The wire's own copy arrives a run later, published before both.
    load(wh, [made["wire"]], "run-2")
    first = made["northbridge"].article_id
    assert q(wh, "SELECT DISTINCT story_id FROM articles") == [(first,)]  # the id does not move
    assert q(wh, "SELECT article_id, first_source, copies FROM stg_stories") == [
        (made["wire"].article_id, "wire.example", 3)
    ]


def test_a_copy_in_a_later_run_joins_the_earlier_story_and_reruns_change_nothing(tmp_path: Path):
    wh = tmp_path / "w.duckdb"
    made = syndicated(T0 + timedelta(days=3))
    load(wh, [made["wire"], made["rival"], made["other"]], "run-1")
    counted = "SELECT count(*) FROM stg_stories"
    assert q(wh, counted) == [(3,)]
    second = load(wh, [made["lowvalley"], made["harbourpost"]], "run-2").set_index("article_id")
    wire_id = made["wire"].article_id
    assert set(second["story_id"]) == {wire_id}
    assert q(wh, counted) == [(3,)]
    assert q(wh, "SELECT copies, sources FROM stg_stories WHERE story_key = ?", [wire_id]) == [(3, 3)]

    tables = "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM story_signatures)"
    before = q(wh, "SELECT article_id, story_id FROM articles ORDER BY article_id") + q(wh, tables)
    # The same articles again (a rerun, or a retried load under another run id).
    again = load(wh, [made["wire"], made["lowvalley"], made["harbourpost"]], "run-3")
    assert set(again["story_id"]) == {wire_id}
    assert q(wh, "SELECT article_id, story_id FROM articles ORDER BY article_id") + q(wh, tables) == before


def test_copies_further_apart_than_the_window_are_separate_stories(tmp_path: Path):
    wh = tmp_path / "w.duckdb"
    made = syndicated(T0 + timedelta(days=40))
    load(wh, [made["wire"]], "run-1", cluster_window_days=14.0)
    late = replace(made["northbridge"], published_at=T0 + timedelta(days=20))
    found = load(wh, [late], "run-2", cluster_window_days=14.0)
    assert list(found["story_id"]) == [late.article_id]
    near = replace(made["lowvalley"], published_at=T0 + timedelta(days=13))
    found = load(wh, [near], "run-3", cluster_window_days=14.0)
    assert list(found["story_id"]) == [made["wire"].article_id]


def test_short_texts_only_join_identical_texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    wh = tmp_path / "w.duckdb"
    summary = paragraphs("wire.txt")[0] + " " + paragraphs("wire.txt")[1]
    edited = summary.replace("completed in two years", "finished in three years")
    assert len(summary.split()) < MIN_WORDS
    fetched = T0 + timedelta(days=1)
    # Two feed summaries that differ by three words, and an identical copy of the first.
    a = article("wire.example", "a", summary, T0, fetched)
    b = article("northbridge.example", "b", edited, T0, fetched)
    c = article("lowvalley.example", "c", summary, T0 + timedelta(hours=2), fetched)
    load(wh, [a, b], "run-1")
    found = load(wh, [c], "run-2").set_index("article_id")
    assert found.loc[c.article_id, "story_id"] == a.article_id
    assert found.loc[c.article_id, "similarity"] == 1.0
    assert dict(q(wh, "SELECT article_id, story_id FROM articles")) == {
        a.article_id: a.article_id,
        b.article_id: b.article_id,  # alike, but too short to tell
        c.article_id: a.article_id,
    }
    assert q(wh, "SELECT count(*) FROM story_signatures") == [(0,)]  # short texts are not signed
    # Only the length rule keeps a and b apart: signed, they would be one story.
    monkeypatch.setattr(minhash, "MIN_WORDS", 1)
    assert similarity(signature(a.text), signature(b.text)) >= THRESHOLD


def test_signatures_made_at_extraction_give_the_same_stories_as_signing_in_the_tag_stage():
    """Extraction workers stage each text's signature (Article.minhash); clustering uses it as is."""
    made = syndicated(T0)
    entry_order = [made[k] for k in ("northbridge", "wire", "rival", "lowvalley", "other")]
    for a in entry_order:
        assert a.minhash is None
    unsigned = clusters.assign_stories(
        _articles_frame(entry_order, "r").to_dict(orient="records"), [], {}, 14.0
    )
    signed = [dataclasses.replace(a, minhash=minhash.signature_blob(a.text)) for a in entry_order]
    records = _articles_frame(signed, "r").to_dict(orient="records")
    assert all(r["minhash"] is not None for r in records)
    presigned = clusters.assign_stories(records, [], {}, 14.0)
    pd.testing.assert_frame_equal(presigned, unsigned)
    assert len(set(unsigned["story_id"])) == 3  # the wire and its copies, the rival, the other
    # A wrong staged signature would be used as given: the staged value is what counts.
    records[0]["minhash"] = minhash.signature_blob(made["rival"].text)
    assert not clusters.assign_stories(records, [], {}, 14.0).equals(unsigned)


def test_the_cluster_stage_reads_texts_only_for_articles_staged_unsigned(tmp_path: Path):
    """A staged run where some articles carry their signature and some do not (staged before
    signatures were made at extraction), in row groups of 2 read 3 at a time: the stage gives
    the stories that assigning them in memory gives, signing the unsigned ones from their text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.stages import ARTICLES_SCHEMA, cluster_stage

    made = syndicated(T0)
    order = [made[k] for k in ("northbridge", "wire", "rival", "lowvalley", "other")]
    mixed = [replace(a, minhash=minhash.signature_blob(a.text)) if i % 2 else a for i, a in enumerate(order)]
    frame = _articles_frame(mixed, "r")
    table = pa.Table.from_pandas(frame, schema=ARTICLES_SCHEMA, preserve_index=False)
    pq.write_table(table, tmp_path / "articles.parquet", row_group_size=2)
    settings = make_settings(tmp_path / "warehouse.duckdb").replace(tag_batch_size=3)
    cluster_stage(settings, tmp_path)
    staged = pd.read_parquet(tmp_path / "clusters.parquet")
    expected = clusters.assign_stories(_articles_frame(order, "r").to_dict(orient="records"), [], {}, 14.0)
    pd.testing.assert_frame_equal(staged, expected)
    assert len(set(staged["story_id"])) == 3


def test_a_story_started_by_a_quarantined_article_is_named_after_its_next_member():
    made = syndicated(T0)
    df = _articles_frame([made["wire"], made["northbridge"], made["lowvalley"], made["rival"]], "r")
    found = clusters.assign_stories(df.to_dict(orient="records"), [], {}, 14.0)
    assert set(found["story_id"]) == {made["wire"].article_id, made["rival"].article_id}
    loaded = df[df["article_id"] != made["wire"].article_id]  # the wire's copy was quarantined
    ids = dict(with_story_ids(loaded, found)[["article_id", "story_id"]].itertuples(index=False))
    northbridge = made["northbridge"].article_id
    assert ids == {northbridge: northbridge, made["lowvalley"].article_id: northbridge,
                   made["rival"].article_id: made["rival"].article_id}  # fmt: skip
    assert set(signatures_to_load(loaded, found)["article_id"]) == set(ids)


def test_migration_gives_existing_articles_story_ids_from_identical_texts(tmp_path: Path):
    """A warehouse at schema 0003 (as the 1M bench cache is) gets story ids in the migration."""
    wh = tmp_path / "old.duckdb"
    con = duckdb.connect(str(wh))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                " applied_at TIMESTAMPTZ NOT NULL)")  # fmt: skip
    for n, name in ((1, "initial_schema"), (2, "tag_evidence"), (3, "feed_health")):
        con.execute((SQL_DIR / "migrations" / f"{n:04d}_{name}.sql").read_text())
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [n, name])
    made = syndicated(T0 + timedelta(days=3))
    old = _articles_frame([made["northbridge"], made["wire"], made["rival"]], "old-run")
    old.loc[:, "content_hash"] = ["same", "same", None]  # the two copies were identical texts
    con.register(
        "old",
        old.drop(
            columns=[
                "language_source",
                "ai_relevance",
                "is_ai_relevant",
                "tagged_with",
                "page_published_at",
                "minhash",
                "tags",
            ]
        ),
    )
    con.execute("INSERT INTO articles BY NAME SELECT * FROM old")
    con.close()
    with write_connection(wh):
        pass
    wire, rival = made["wire"].article_id, made["rival"].article_id
    assert dict(q(wh, "SELECT article_id, story_id FROM articles")) == {
        made["northbridge"].article_id: wire,
        wire: wire,
        rival: rival,  # the wire's copy is the earlier
    }
    assert q(wh, "SELECT story_key, copies FROM stg_stories ORDER BY copies DESC") == [(wire, 2), (rival, 1)]
    # A later copy of an old article is found by its identical text (old articles have no signature).
    late = replace(made["wire"], article_id=url_key("https://late.example/x"), url="https://late.example/x",
                   canonical_url="https://late.example/x", source_domain="late.example", content_hash="same")  # fmt: skip
    found = load(wh, [late], "run-new")
    assert list(found["story_id"]) == [wire]


# --- the whole pipeline over a local site with syndicated copies on two hosts -----------------


def _page(title: str, body: list[str]) -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in body)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>\n'
        f"<body><header><nav><a href='/'>Home</a></nav></header><main><article><h1>{title}</h1>\n"
        f"{paras}\n</article></main><footer>Contact us</footer></body></html>\n"
    )


def _feed(name: str, items: list[tuple[str, str, datetime]]) -> str:
    entries = "\n".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{when:%a, %d %b %Y %H:%M:%S +0000}</pubDate></item>"
        for t, link, when in items
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{name}</title>'
        f"<link>http://example.invalid/</link><description>{name}</description><language>en</language>\n"
        f"{entries}\n</channel></rss>\n"
    )


def test_a_pipeline_run_counts_syndicated_copies_once(tmp_path: Path):
    """Four copies of the wire story on two hosts through four feeds, one of them a run later."""
    site = tmp_path / "site"
    now = datetime.now(UTC).replace(microsecond=0)
    published = {outlet: now - timedelta(hours=30 - i) for i, outlet in enumerate(copies())}
    with serve_sample_site(root=site) as base:
        port = base.rsplit(":", 1)[1]
        # The wire and northbridge on 127.0.0.1, lowvalley and harbourpost on localhost.
        hosts = {"wire": base, "northbridge": base, "lowvalley": f"http://localhost:{port}",
                 "harbourpost": f"http://localhost:{port}"}  # fmt: skip
        links = {o: f"{hosts[o]}/{o}/mistral-data-centre.html" for o in hosts}
        for outlet, (headline, body) in copies().items():
            (site / outlet).mkdir(parents=True)
            (site / outlet / "mistral-data-centre.html").write_text(_page(headline, body), encoding="utf-8")
        (site / "wire" / "mistral-model.html").write_text(
            _page("Mistral AI releases a new flagship model", paragraphs("rival.txt")), encoding="utf-8"
        )
        (site / "feeds").mkdir()

        def write_feed(outlet: str, items: list[tuple[str, str, datetime]]) -> None:
            (site / "feeds" / f"{outlet}.xml").write_text(_feed(outlet, items), encoding="utf-8")

        write_feed("wire", [(copies()["wire"][0], links["wire"], published["wire"]),
                            ("Mistral AI releases a new flagship model", f"{base}/wire/mistral-model.html",
                             now - timedelta(hours=3))])  # fmt: skip
        for outlet in ("northbridge", "lowvalley", "harbourpost"):
            items = [(copies()[outlet][0], links[outlet], published[outlet])]
            write_feed(outlet, items if outlet != "harbourpost" else [])
        feeds = tmp_path / "feeds.yaml"
        feeds.write_text(yaml.safe_dump({"feeds": [
            {"id": o, "url": f"{base}/feeds/{o}.xml", "name": o, "language": "en"} for o in copies()
        ]}), encoding="utf-8")  # fmt: skip
        settings = make_settings(tmp_path / "w.duckdb", allow_hosts=(f"localhost:{port}",))
        first = run_pipeline(settings, feeds_file=feeds)
        assert first.status == "success" and first.loaded == 4
        # harbourpost publishes its (trimmed) copy a run later.
        write_feed(
            "harbourpost", [(copies()["harbourpost"][0], links["harbourpost"], published["harbourpost"])]
        )
        second = run_pipeline(settings, feeds_file=feeds)
        assert second.status == "success" and second.loaded == 1

    wh = settings.warehouse
    assert q(wh, "SELECT count(*), count(DISTINCT story_id) FROM articles") == [(5, 2)]
    wire_id = url_key(links["wire"])
    ((copies_, sources, first_source, title),) = q(
        wh, "SELECT copies, sources, first_source, title FROM stg_stories WHERE story_key = ?", [wire_id]
    )
    assert (copies_, sources, first_source) == (4, 2, "127.0.0.1")
    assert title == copies()["wire"][0]
    # Trends count stories: Mistral AI is named in 2 stories (5 articles).
    assert q(wh, "SELECT sum(articles) FROM mart_company_daily WHERE company_id = 'mistral'") == [(2,)]
    assert q(wh, "SELECT count(*) FROM articles JOIN article_companies USING (article_id)"
                 " WHERE company_id = 'mistral'") == [(5,)]  # fmt: skip
    top = q(wh, "SELECT DISTINCT story_key, sources FROM mart_top_stories WHERE company_id = 'mistral'")
    assert sorted(top, key=lambda r: r[1]) == [(url_key(f"{base}/wire/mistral-model.html"), 1), (wire_id, 2)]


def test_a_run_staged_before_clusters_still_loads(site_url: str, tmp_path: Path):
    """A retried load of a run whose tag stage predates story clusters: no story ids, no failure."""
    from pipeline.sample_site import demo_feeds_file
    from pipeline.stages import (
        begin_run,
        fetch_articles_stage,
        fetch_feeds_stage,
        load_stage,
        tag_stage,
        validate_stage,
    )

    settings = make_settings(tmp_path / "warehouse.duckdb")
    run = begin_run(settings, tmp_path / "staging", demo_feeds_file(site_url, tmp_path / "feeds.yaml"))
    for stage in (fetch_feeds_stage, fetch_articles_stage, tag_stage, validate_stage):
        stage(settings, run)
    (run.path / "clusters.parquet").unlink()
    summary = load_stage(settings, run)
    assert summary.loaded > 0
    with read_connection(settings.warehouse) as con:
        assert con.execute("SELECT count(*), count(story_id) FROM articles").fetchone() == (summary.loaded, 0)
        keys = con.execute("SELECT count(*) FROM stg_articles WHERE story_key = content_hash").fetchone()
    assert keys == (summary.loaded,)


def test_band_index_finds_the_candidates_datasketch_finds():
    """The compact LSH index gives, for every article, the same earlier candidates as
    datasketch's MinHashLSH with the same banding, on template-heavy generated texts (many
    shared bands) across several merged levels of the index."""
    from datasketch import LeanMinHash, MinHashLSH

    from benchmarks.bench_site import SENTENCES
    from pipeline.clusters import BAND_ROWS, BANDS, _Bands, band_keys
    from pipeline.minhash import SCHEME, SEED

    reference = MinHashLSH(threshold=clusters.LSH_THRESHOLD, num_perm=minhash.NUM_PERM)
    assert (reference.b, reference.r) == (BANDS, BAND_ROWS)
    bands = _Bands()
    rng = random.Random(5)
    fill = {"c": "OpenAI", "d": "Nvidia", "p": "GPT-5", "t": "Seoul"}
    texts = [
        " ".join(rng.choice(SENTENCES["en"]).format(n=rng.randint(2, 9), **fill) for _ in range(30))
        for _ in range(2_600)  # 2 merged levels and a tail
    ]
    signatures = [signature(t) for t in texts]
    shared = 0
    for n, values in enumerate(signatures):
        lean = LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)
        expected = sorted(reference.query(lean)) if n else []
        assert bands.query(band_keys(values)).tolist() == expected, n
        shared += len(expected)
        reference.insert(n, lean)
        bands.insert(n, band_keys(values))
    assert shared > 10 * len(signatures)  # the texts do share bands: the check is not vacuous
