"""Stage 1: feeds files (YAML, OPML) and feed parsing, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.errors import FeedsFileError
from pipeline.feeds import feed_id_for, fetch_feeds_sync, load_feed_specs, parse_feed
from pipeline.records import FeedSpec
from pipeline.sample_site import PLACEHOLDER
from tests.conftest import make_settings

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example wire</title><link>https://news.example/</link>
<language>fr-FR</language>
<item><title>Premier titre</title><link>/a/1.html</link><guid isPermaLink="false">ex-1</guid>
<pubDate>Tue, 03 Nov 2026 09:15:00 +0100</pubDate>
<description>&lt;p&gt;Un &lt;b&gt;r\xc3\xa9sum\xc3\xa9&lt;/b&gt; court.&lt;/p&gt;</description></item>
<item><title>Sans date</title><link>https://news.example/a/2.html</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Atom wire</title>
<id>tag:news.example,2026:feed</id><updated>2026-11-04T10:00:00Z</updated>
<entry><id>tag:news.example,2026:1</id><title>Chip news</title>
<link rel="alternate" href="https://news.example/chips/1.html"/>
<published>2026-11-04T08:00:00-05:00</published><updated>2026-11-04T09:00:00Z</updated>
<summary>Short summary.</summary></entry>
</feed>"""

SPEC = FeedSpec(feed_id="ex", url="https://news.example/rss.xml", language="en")


def test_rss_entries_are_typed_with_utc_dates_and_plain_text_summaries():
    result = parse_feed(RSS, SPEC)
    assert result.ok and result.warning is None
    first, second = result.entries
    assert first.url == "https://news.example/a/1.html"  # relative link resolved
    assert first.guid == "ex-1"
    assert first.published_at == datetime(2026, 11, 3, 8, 15, tzinfo=UTC)
    assert first.summary == "Un résumé court."
    assert first.language == "fr"  # the feed's own language beats the feeds file
    assert second.published_at is None
    assert second.guid == "https://news.example/a/2.html"  # no guid: the link stands in


def test_atom_entries_use_published_date_and_xml_lang():
    (entry,) = parse_feed(ATOM, SPEC).entries
    assert entry.published_at == datetime(2026, 11, 4, 13, 0, tzinfo=UTC)
    assert entry.guid == "tag:news.example,2026:1"
    assert entry.language == "en"


def test_truncated_feed_keeps_recovered_entries_with_a_warning():
    cut = RSS[: RSS.index(b"<item><title>Sans")]
    result = parse_feed(cut, SPEC)
    assert result.ok
    assert [e.guid for e in result.entries] == ["ex-1"]
    assert result.warning and "1 entries recovered" in result.warning


@pytest.mark.parametrize(
    "body",
    [b"", b"<html><body><p>Not a feed at all</p></body></html>", b"\x00\xff\xfe garbage"],
    ids=["empty", "html", "binary"],
)
def test_documents_that_are_not_feeds_are_errors_not_exceptions(body):
    result = parse_feed(body, SPEC)
    assert not result.ok and result.entries == []
    assert result.error.startswith("not a feed")


def test_billion_laughs_is_not_expanded():
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>
<rss version="2.0"><channel><title>t</title><item><title>&f;</title>
<link>https://news.example/x.html</link></item></channel></rss>"""
    result = parse_feed(bomb, SPEC)
    assert all(len(e.title or "") < 1000 for e in result.entries)


def test_yaml_feeds_file(tmp_path: Path):
    f = tmp_path / "feeds.yaml"
    f.write_text(
        "feeds:\n"
        "  - url: https://a.example/rss\n    name: A\n    language: fr-FR\n    tags: [x, y]\n"
        "  - id: b-feed\n    url: https://b.example/atom\n"
        "  - https://c.example/feed\n"
    )
    a, b, c = load_feed_specs(f)
    assert (a.name, a.language, a.tags) == ("A", "fr", ("x", "y"))
    assert a.feed_id == feed_id_for("https://a.example/rss") == feed_id_for("HTTPS://A.example/rss")
    assert b.feed_id == "b-feed"
    assert c.url == "https://c.example/feed"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("feeds: [\n  - url: x\n", "not valid YAML (line"),
        ("feeds: []\n", "non-empty list"),
        ("feeds:\n  - name: no url\n", "feed #1 has no 'url'"),
        ("feeds:\n  - url: ftp://a.example/f\n", "not http(s)"),
        ("feeds:\n  - url: https://a.example/f\n    lang: en\n", "unknown keys: lang"),
        (
            "feeds:\n  - {id: a, url: 'https://a.example/1'}\n  - {id: a, url: 'https://a.example/2'}\n",
            "duplicate feed id",
        ),
    ],
)
def test_malformed_feeds_files_name_the_problem(tmp_path: Path, content: str, message: str):
    f = tmp_path / "feeds.yaml"
    f.write_text(content)
    with pytest.raises(FeedsFileError, match=re.escape(message)):
        load_feed_specs(f)


def test_missing_feeds_file(tmp_path: Path):
    with pytest.raises(FeedsFileError, match="not found"):
        load_feed_specs(tmp_path / "nope.yaml")


def test_opml_subscriptions(tmp_path: Path):
    from pipeline.config import DEMO_SITE_DIR

    opml = tmp_path / "subs.opml"
    text = (DEMO_SITE_DIR / "subscriptions.opml").read_text().replace(PLACEHOLDER, "http://127.0.0.1:9")
    opml.write_text(text)
    specs = load_feed_specs(opml)
    assert [s.name for s in specs] == [
        "TechWire Daily",
        "The Chip Letter",
        "Le Journal de l'IA",
        "Marchés & Tech",
    ]
    assert specs[2].language == "fr" and specs[2].tags == ("Français",)


def test_fetch_feeds_over_http_records_failures_and_goes_on(site_url: str, tmp_path: Path):
    specs = [
        FeedSpec("techwire", f"{site_url}/feeds/techwire.xml", language="en"),
        FeedSpec("marchestech", f"{site_url}/feeds/marchestech.atom", language="fr"),
        FeedSpec("gone", f"{site_url}/feeds/no-such-feed.xml"),
        FeedSpec("page", f"{site_url}/feeds.yaml"),  # served, but not a feed
        FeedSpec("closed", "http://127.0.0.1:9/feed.xml"),  # nothing listens on the discard port
    ]
    results, _ = fetch_feeds_sync(
        specs, make_settings(tmp_path / "w.duckdb", connect_timeout=2.0, allow_hosts=("127.0.0.1:9",))
    )
    by_id = {r.spec.feed_id: r for r in results}
    assert by_id["techwire"].ok and len(by_id["techwire"].entries) >= 10
    assert all(e.url.startswith(site_url) for e in by_id["techwire"].entries)
    assert by_id["marchestech"].ok and by_id["marchestech"].entries[0].language == "fr"
    assert by_id["gone"].error == "HTTP 404" and by_id["gone"].http_status == 404
    assert by_id["page"].error.startswith("not a feed")
    assert by_id["closed"].error.startswith("ConnectError")


def _rss(items: str, encoding: str = "utf-8") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>t</title>'
        f"<link>https://news.example/</link>{items}</channel></rss>"
    )


def _item(title: str, link: str | None, guid: str) -> str:
    link_el = f"<link>{link}</link>" if link else ""
    return f'<item><title>{title}</title>{link_el}<guid isPermaLink="false">{guid}</guid></item>'


@pytest.mark.parametrize(
    ("body", "ctype", "note"),
    [
        (_rss(_item("Élysée à Genève", "/a", "1")).encode("latin-1"), "application/rss+xml; charset=utf-8",
         "declared utf-8 but is not: read as cp1252"),
        (_rss(_item("Élysée à Genève", "/a", "1"), "iso-8859-1").encode(), "application/rss+xml; charset=iso-8859-1",
         "declared iso-8859-1 but is not: read as utf-8"),
        (_rss(_item("Élysée à Genève", "/a", "1"), "iso-8859-1").encode("latin-1"), None, None),
        (_rss(_item("Élysée à Genève", "/a", "1"), "utf-16").encode("utf-16"), None, None),
    ],
)  # fmt: skip
def test_feed_charsets_give_readable_titles(body: bytes, ctype: str | None, note: str | None):
    result = parse_feed(body, SPEC, ctype)
    assert result.error is None and [e.title for e in result.entries] == ["Élysée à Genève"]
    assert result.warning == note


def test_repeated_items_reused_guids_and_linkless_entries_are_counted():
    items = (
        _item("A", "https://news.example/a", "g")
        + _item("B", "https://news.example/b", "g")
        + _item("A again", "https://news.example/a", "g")
        + _item("No link", None, "n")
    )
    result = parse_feed(_rss(items).encode(), SPEC)
    assert [(e.guid, e.url) for e in result.entries] == [
        ("g", "https://news.example/a"),
        ("g <https://news.example/b>", "https://news.example/b"),
    ]
    assert result.warning == (
        "1 entries without a link skipped; 1 entries repeated (kept once); "
        "1 entries reuse another entry's GUID (told apart by their link)"
    )
