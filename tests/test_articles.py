"""Stage 2: related-links removal, charset decoding, extraction and the article row."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from lxml import html as lxml_html

from pipeline.articles import (
    build_article,
    choose_date,
    extract_article,
    parse_page_date,
    strip_related_links,
)
from pipeline.net import decode_html
from pipeline.records import FeedEntry, Page

BODY = "<p>" + "The quarterly report described steady demand for accelerators and servers. " * 6 + "</p>"


def page(article: str, lang: str = "en", head: str = "") -> str:
    return f'<html lang="{lang}"><head><title>T</title>{head}</head><body><article><h1>Headline</h1>{BODY}{article}{BODY}</article></body></html>'


def texts_after_strip(doc: str) -> tuple[int, str]:
    root = lxml_html.document_fromstring(doc)
    removed = strip_related_links(root)
    return removed, root.text_content()


@pytest.mark.parametrize(
    "block",
    [
        '<p><strong>Lire aussi</strong></p><p><a href="/a">Nvidia dépasse les attentes</a></p><p><a href="/b">Mistral AI lève des fonds</a></p>',
        '<p>À lire aussi : <a href="/a">Nvidia dépasse les attentes grâce à ses puces</a></p>',
        '<h3>Read more:</h3><ul><li><a href="/a">Nvidia beats estimates</a></li><li><a href="/b">Mistral raises money</a></li></ul>',
        '<p>Lee también</p><p><a href="/a">Nvidia supera las previsiones</a></p>',
        '<div>Mehr zum Thema</div><ul><li><a href="/a">Nvidia übertrifft Erwartungen</a></li></ul>',
    ],
    ids=["fr-paragraphs", "fr-inline", "en-list", "es", "de"],
)
def test_related_links_blocks_are_removed(block: str):
    removed, text = texts_after_strip(page(block))
    assert removed == 1
    assert "Nvidia" not in text and "Mistral" not in text
    assert text.count("quarterly report") == 12  # the article around the block is untouched


def test_a_label_split_by_tags_or_after_blank_lines_is_found():
    blocks = [
        '<p>\n\n   <em>À lire</em> <b>aussi</b> : <a href="/a">Nvidia dépasse les attentes grâce à ses puces</a></p>',
        '<div><div><span>Lesen Sie</span> auch</div></div><ul><li><a href="/a">Nvidia übertrifft Erwartungen</a></li></ul>',
    ]
    for block in blocks:
        removed, text = texts_after_strip(page(block))
        assert removed == 1 and "Nvidia" not in text, block


def test_page_metadata_first_non_empty_value_property_before_name():
    head = (
        '<meta property="article:published_time" content="  ">'  # empty: the next one counts
        '<meta name="datePublished" content="2026-11-02T10:00:00Z">'
        '<meta itemprop="article:published_time" content="2026-01-01T00:00:00Z">'
        '<meta name="og:locale" content="es_ES"><meta property="og:locale" content="de_DE">'
    )
    got = extract_article(page("", lang="", head=head))
    # property and name both rank before itemprop for the same key, and the first key listed wins
    assert got.published == "2026-01-01T00:00:00Z"
    assert got.language == "de"


def test_prose_that_starts_like_a_label_is_kept():
    prose = '<p>Related work by <a href="/x">a lab</a> showed that Nvidia chips were scarce all year long, analysts said.</p>'
    removed, text = texts_after_strip(page(prose))
    assert removed == 0 and "Nvidia" in text


def test_extraction_reads_metadata_and_leaves_comments_out():
    head = (
        '<meta name="author" content="Ada Example"><meta property="og:site_name" content="Example News">'
        '<link rel="canonical" href="/news/headline.html"><meta property="article:published_time" content="2026-11-03T08:15:00+01:00">'
    )
    doc = page("", lang="fr-FR", head=head).replace(
        "</article>",
        '</article><section class="comments"><div class="comment"><p>Great piece, what about Tesla?</p></div></section>',
    )
    got = extract_article(doc, "https://example.org/news/headline.html?utm_source=x")
    assert got.error is None
    assert (got.language, got.author, got.site_name) == ("fr", "Ada Example", "Example News")
    assert got.canonical_url == "https://example.org/news/headline.html"
    assert parse_page_date(got.published) == datetime(2026, 11, 3, 7, 15, tzinfo=UTC)
    assert "Tesla" not in (got.text or "")


@pytest.mark.parametrize(
    ("body", "ctype", "expected"),
    [
        ("Élève déjà à Zürich".encode(), "text/html; charset=utf-8", "Élève déjà à Zürich"),
        ("Élève déjà".encode("latin-1"), "text/html; charset=utf-8", "Élève déjà"),  # declared UTF-8, is not
        (
            '<meta charset="iso-8859-1"><p>Élève</p>'.encode("latin-1"),
            None,
            '<meta charset="iso-8859-1"><p>Élève</p>',
        ),
        ("Élève".encode(), "text/html; charset=nonsense", "Élève"),
        (b"caf\xc3\xa9 \xff\xfe", None, "caf\u00c3\u00a9 \u00ff\u00fe"),  # undecodable: cp1252, never a crash
    ],
)
def test_pages_decode_to_readable_text(body: bytes, ctype: str | None, expected: str):
    assert decode_html(body, ctype) == expected


def test_article_row_from_entry_and_page():
    entry = FeedEntry(
        feed_id="f",
        url="https://example.org/news/headline.html?utm_source=rss&utm_medium=feed#top",
        guid="g1",
        title="Feed title",
        summary="The feed's summary of the story.",
        published_at=None,
        language="en",
    )
    html = page(
        "",
        head='<link rel="canonical" href="https://example.org/news/headline.html"><meta property="article:published_time" content="2026-11-03T08:15:00Z">',
    )
    fetched = datetime(2026, 11, 4, tzinfo=UTC)
    a = build_article(entry, Page(entry.url, entry.url, html, 200), fetched)
    assert a.url == a.canonical_url == "https://example.org/news/headline.html"
    assert a.source_domain == "example.org" and a.extraction_status == "ok"
    assert (a.published_at, a.date_source) == (datetime(2026, 11, 3, 8, 15, tzinfo=UTC), "page")
    failed = build_article(entry, Page(entry.url, entry.url, None, 503, "HTTP 503"), fetched)
    assert failed.article_id == a.article_id
    assert (failed.extraction_status, failed.extraction_error, failed.text) == (
        "fallback_summary",
        "HTTP 503",
        entry.summary,
    )


@pytest.mark.parametrize(
    ("body", "ctype", "expected"),
    [
        (
            "Élève à Genève".encode(),
            "text/html; charset=iso-8859-1",
            "Élève à Genève",
        ),  # UTF-8 labelled Latin-1
        (
            '<meta charset="windows-1252"><p>déjà</p>'.encode(),
            None,
            '<meta charset="windows-1252"><p>déjà</p>',
        ),
        (b"\xef\xbb\xbfd\xc3\xa9j\xc3\xa0", "text/html; charset=iso-8859-1", "déjà"),  # a BOM wins
        ("Übersicht".encode("utf-16"), None, "Übersicht"),
        (
            "déjà vu, à Genève, ".encode() * 5 + b"\xff",
            None,
            "déjà vu, à Genève, " * 5 + "\ufffd",
        ),  # mostly UTF-8
        ("Ceci est déjà".encode("latin-1"), "text/html; charset=us-ascii", "Ceci est déjà"),
    ],
)
def test_declared_charsets_are_checked_against_the_bytes(body: bytes, ctype: str | None, expected: str):
    assert decode_html(body, ctype) == expected


FETCHED = datetime(2026, 11, 4, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("feed", "page_date", "expected"),
    [
        (
            datetime(2026, 11, 3, tzinfo=UTC),
            datetime(2026, 11, 2, tzinfo=UTC),
            (datetime(2026, 11, 3, tzinfo=UTC), "feed"),
        ),
        (None, datetime(2026, 11, 2, tzinfo=UTC), (datetime(2026, 11, 2, tzinfo=UTC), "page")),
        (None, None, (None, None)),
        (
            datetime(2099, 1, 1, tzinfo=UTC),
            datetime(2026, 11, 2, tzinfo=UTC),
            (
                datetime(2026, 11, 2, tzinfo=UTC),
                "page (feed date 2099-01-01T00:00:00+00:00 rejected: in the future)",
            ),
        ),
        (
            datetime(1970, 1, 1, tzinfo=UTC),
            None,
            (datetime(1970, 1, 1, tzinfo=UTC), "feed"),  # nothing better: validation quarantines it
        ),
        # Within a day ahead: a publisher's clock or time zone, not an absurd date.
        (FETCHED + timedelta(hours=20), None, (FETCHED + timedelta(hours=20), "feed")),
    ],
)
def test_implausible_dates_give_way_to_plausible_ones(feed, page_date, expected):
    assert choose_date(feed, page_date, FETCHED) == expected


def test_page_dates_are_normalised_to_utc():
    assert parse_page_date("2026-11-03T10:00:00+02:00") == datetime(2026, 11, 3, 8, tzinfo=UTC)
    assert parse_page_date("2026-11-03") == datetime(2026, 11, 3, tzinfo=UTC)
    assert parse_page_date("yesterday") is None


def test_extraction_falls_back_to_the_full_cascade_only_when_the_fast_pass_finds_too_little(
    monkeypatch: pytest.MonkeyPatch,
):
    from pipeline import articles

    calls: list[bool] = []
    real = articles._trafilatura

    def recording(root: object, url: str | None, fast: bool) -> object:
        calls.append(fast)
        return real(root, url, fast)  # type: ignore[arg-type]

    monkeypatch.setattr(articles, "_trafilatura", recording)
    body = "".join(
        f"<p>Paragraph {i} of a long story about chips, clouds and courts in Paris.</p>" for i in range(30)
    )
    full = extract_article(f"<html><body><article>{body}</article></body></html>")
    assert full.text and calls == [True]  # enough text: one fast pass
    calls.clear()
    short = extract_article("<html><body><p>Only a line.</p></body></html>")
    assert short.text is None and calls == [True, False]  # too little: the full extraction tries too
    assert (short.error and "too short" in short.error) or short.error == "no main text found"


def test_each_extraction_gets_its_own_url_though_the_options_are_built_once():
    """trafilatura's options are made once per pass and copied per call: the page's URL (here the
    site name trafilatura derives from it, the page giving none) is each call's own."""
    from pipeline import articles

    body = "".join(
        f"<p>Paragraph {i} of a story about chips and clouds in a city far away.</p>" for i in range(8)
    )
    html = f"<html><head><title>A story</title></head><body><article>{body}</article></body></html>"
    first = extract_article(html, "https://www.alpha-news.example/2026/11/a.html")
    second = extract_article(html, "https://beta-daily.example/b.html")
    assert (first.site_name, second.site_name) == ("alpha-news.example", "beta-daily.example")
    assert articles._extractor(True).url is None  # the shared options are never changed


def test_a_blocks_opening_is_its_first_text_read_in_document_order():
    """``_opening`` reads a block's text in C; it must equal the first characters of its text
    nodes joined in order (comments and processing instructions left out, their tails kept)."""
    from lxml import etree

    from pipeline.articles import _BLOCKS, _LABEL_WINDOW, _opening

    doc = (
        "<html><body><div>\n  <!-- a comment holding Read also --> <div><p>  <b>Lire</b>"
        "<?pi also?> aussi\u00a0: <a href='/a'>Nvidia</a></p>tail of p</div>"
        "<section>" + "x " * 80 + "</section><li><a>Home</a>\n</li><ul><li></li><li>   </li></ul>"
        "<p>\u2003\u3000Mehr zum Thema</p><div><div><div>Read" + " more" * 40 + "</div></div></div>"
        "</div></body></html>"
    )
    root = lxml_html.document_fromstring(doc)
    blocks = list(root.iter(*_BLOCKS))
    assert len(blocks) >= 10
    for el in blocks:
        expected = "".join(el.itertext()).lstrip()[:_LABEL_WINDOW]
        assert _opening(el) == expected, etree.tostring(el)


def test_extraction_parses_with_a_c_class_lookup_and_extracts_as_lxml_html_would():
    """Every element of the tree extraction parses is an HtmlElement (forms included), found
    without lxml.html's Python callback, and the extraction is the one lxml.html's parser gives."""
    from lxml import etree

    from pipeline import articles

    form = '<form action="/s"><label>Search</label><input name="q" value="AI"><select><option>x</option></select></form>'
    html = page(
        form + '<p>À lire aussi : <a href="/a">Nvidia dépasse les attentes</a></p>', head="<!-- c -->"
    )
    root = lxml_html.document_fromstring(html, parser=articles._PARSER)
    assert {type(el) for el in root.iter() if isinstance(el.tag, str)} == {lxml_html.HtmlElement}
    assert any(isinstance(el, lxml_html.HtmlComment) for el in root.iter(etree.Comment))

    by_default = lxml_html.document_fromstring(html)
    assert strip_related_links(root) == strip_related_links(by_default) == 1
    assert etree.tostring(root) == etree.tostring(by_default)
    ours = articles._as_dict(articles._trafilatura(root, None, fast=True))
    theirs = articles._as_dict(articles._trafilatura(by_default, None, fast=True))
    ours.pop("body"), theirs.pop("body"), ours.pop("commentsbody"), theirs.pop("commentsbody")
    assert ours == theirs and "quarterly report" in ours["text"]
