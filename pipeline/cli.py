"""The ``mediamon`` command line. Every command is a thin call into the package."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.config import Settings
from pipeline.errors import MediamonError, RunFailedError, UserError

app = typer.Typer(
    help="mediamon: monitor what the press says about AI companies and topics.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

WarehouseOpt = Annotated[
    Path | None,
    typer.Option(
        "--warehouse", "-w", help="DuckDB file [env MEDIAMON_WAREHOUSE; default data/warehouse.duckdb]"
    ),
]
FeedsOpt = Annotated[
    Path | None,
    typer.Option("--feeds", "-f", help="Feeds file, YAML or OPML [default: the bundled list of real feeds]"),
]
AllowHostOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--allow-host",
        help="Also fetch from this private or loopback destination: a host name, an IP, host:port "
        "or a CIDR network (repeatable) [env MEDIAMON_ALLOW_HOSTS, comma-separated]",
    ),
]


def _settings(
    warehouse: Path | None = None, progress: bool = True, allow_hosts: list[str] | None = None
) -> Settings:
    s = Settings.from_env()
    if warehouse is not None:
        s = s.replace(warehouse=warehouse)
    if allow_hosts:
        s = s.replace(allow_hosts=(*s.allow_hosts, *allow_hosts))
    return s.replace(show_progress=progress and err.is_terminal)


def _check_allow_list(settings: Settings) -> None:
    """Refuse a malformed allow-list entry before the run starts (a UserError: one line, exit 2)."""
    from pipeline.net import parse_allow_list

    parse_allow_list(settings.allow_hosts)


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str, int], Callable[[], None]]]:
    if not enabled:
        yield lambda stage, total: lambda: None
        return
    bar = Progress(
        TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True,
    )  # fmt: skip
    with bar:

        def factory(stage: str, total: int) -> Callable[[], None]:
            task = bar.add_task(stage, total=total)
            return lambda: bar.advance(task)

        yield factory


def feed_counts(summary: Any) -> str:
    """The five feed outcomes of a run, for the summary and the logs."""
    return (
        f"{summary.feeds_fetched} fetched, {summary.feeds_not_modified} not modified, "
        f"{summary.feeds_skipped} skipped (backing off), {summary.feeds_failed} failed, "
        f"{summary.feeds_gone} gone"
    )


def _print_summary(summary: Any, warehouse: Path) -> None:
    t = Table(title=f"run {summary.run_id}: {summary.status}", show_header=False, title_justify="left")
    t.add_column("what")
    t.add_column("count", justify="right")
    rows = [
        ("feeds", f"{summary.feeds_total} ({feed_counts(summary)})"),
        ("entries", f"{summary.entries_total} ({summary.entries_new} new)"),
        ("pages fetched", f"{summary.pages_fetched} ({summary.pages_failed} failed)"),
        ("extracted", f"{summary.extracted_ok} ok, {summary.extracted_fallback} feed-summary fallback"),
        ("articles loaded", str(summary.loaded)),
        ("quarantined", str(summary.quarantined)),
        ("skipped as duplicates", str(summary.duplicates_skipped)),
    ]
    for what, count in rows:
        t.add_row(what, count)
    out.print(t)
    for feed_id, problem in summary.feed_problems:
        out.print(f"[yellow]feed {feed_id}[/]: {problem}")
    for reason, n in sorted(summary.quarantine_reasons.items(), key=lambda kv: -kv[1]):
        out.print(f"[yellow]quarantined[/] {n} × {reason}")
    timings = ", ".join(f"{k} {v:.2f}s" for k, v in summary.stage_seconds.items())
    out.print(f"[dim]{timings}[/]")
    out.print(f"[dim]warehouse: {warehouse}[/]")


def _print_trends(warehouse: Path, days: int = 7, top: int = 10) -> None:
    from pipeline.trends import company_daily, top_topics

    with _read(warehouse) as con:
        day_cols, rows = company_daily(con, days=days, top=top)
        topics = top_topics(con, top=top)
    if not rows and not topics:
        out.print("no tagged articles in the warehouse yet")
        return
    t = Table(title="Articles per company per day (top companies, last days with data)", title_justify="left")
    t.add_column("company")
    for d in day_cols:
        t.add_column(d.strftime("%m-%d"), justify="right")
    t.add_column("total", justify="right")
    for name, counts, total in rows:
        t.add_row(name, *[str(c) if c else "·" for c in counts], str(total))
    out.print(t)
    tt = Table(title="Top topics", title_justify="left")
    tt.add_column("topic")
    tt.add_column("articles", justify="right")
    for name, n in topics:
        tt.add_row(name, str(n))
    out.print(tt)


@contextmanager
def _read(warehouse: Path) -> Iterator[Any]:
    from pipeline.warehouse import read_connection

    with read_connection(warehouse) as con:
        yield con


def _run(settings: Settings, feeds: Path | None, force_all: bool = False) -> Any:
    from pipeline.run import run_pipeline

    with _progress(settings.show_progress) as progress:
        return run_pipeline(settings, feeds_file=feeds, progress=progress, force_all=force_all)


@app.command()
def run(
    feeds: FeedsOpt = None,
    warehouse: WarehouseOpt = None,
    progress: Annotated[bool, typer.Option(help="Show progress bars on stderr")] = True,
    trends: Annotated[bool, typer.Option(help="Print the trend tables after the run")] = True,
    allow_host: AllowHostOpt = None,
    force_all: Annotated[
        bool,
        typer.Option(
            "--force-all",
            help="Fetch every feed, also those backing off after failures and those gone (410); "
            "a gone feed that answers again is back",
        ),
    ] = False,
) -> None:
    """Run the whole pipeline once: feeds -> pages -> text -> tags -> validation -> DuckDB."""
    from pipeline.forkserver import start_fork_server

    start_fork_server()  # first: its imports then overlap with this process's own
    settings = _settings(warehouse, progress, allow_host)
    _check_allow_list(settings)
    summary = _run(settings, feeds, force_all)
    _print_summary(summary, settings.warehouse)
    if trends:
        _print_trends(settings.warehouse)


@app.command()
def demo(
    warehouse: WarehouseOpt = None,
    port: Annotated[
        int, typer.Option(help="Port for the sample site; keep it fixed so reruns see the same URLs")
    ] = 8765,
    progress: Annotated[bool, typer.Option(help="Show progress bars on stderr")] = True,
    allow_host: AllowHostOpt = None,
) -> None:
    """Serve the bundled sample news site on 127.0.0.1 and run the pipeline on it (offline).

    The sample site's own host:port is allowed automatically, and nothing else on loopback.
    """
    from pipeline.sample_site import demo_feeds_file

    settings = _settings(warehouse, progress, allow_host)
    _check_allow_list(settings)
    with _serving(port) as base_url, tempfile.TemporaryDirectory() as tmp:
        out.print(f"sample site: {base_url}")
        feeds = demo_feeds_file(base_url, Path(tmp) / "feeds.yaml")
        summary = _run(settings, feeds)
    _print_summary(summary, settings.warehouse)
    _print_trends(settings.warehouse)


@contextmanager
def _serving(port: int) -> Iterator[str]:
    from pipeline.sample_site import serve_sample_site

    try:
        server = serve_sample_site(port)
        base_url = server.__enter__()
    except OSError as exc:
        raise UserError(
            f"cannot serve the sample site on 127.0.0.1:{port} ({exc.strerror}); pick another --port"
        ) from None
    try:
        yield base_url
    finally:
        server.__exit__(None, None, None)


@app.command("serve-sample")
def serve_sample(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1")] = 8765,
) -> None:
    """Serve the bundled sample site until Ctrl-C (feeds under /feeds/)."""
    import time

    with _serving(port) as base_url:
        out.print(f"serving the sample site at {base_url}/feeds/ (Ctrl-C to stop)")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


@app.command()
def airflow(
    demo: Annotated[bool, typer.Option(help="Also serve the sample site and point the DAGs at it")] = False,
    port: Annotated[int, typer.Option(help="Airflow UI/API port on 127.0.0.1")] = 8080,
    home: Annotated[Path, typer.Option(help="AIRFLOW_HOME (metadata DB, logs, config)")] = Path(".airflow"),
    demo_port: Annotated[int, typer.Option(help="Port of the sample site with --demo")] = 8765,
) -> None:
    """Run Airflow 3 locally (`airflow standalone`) with the project's DAGs and pool; Ctrl-C stops it."""
    from pipeline.airflow_local import run_standalone

    raise typer.Exit(run_standalone(home.resolve(), port=port, demo=demo, demo_port=demo_port))


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="HTML file, or - for stdin")] = "-",
    url: Annotated[str | None, typer.Option(help="The page's URL (resolves relative links)")] = None,
) -> None:
    """Extract main text and metadata from one HTML page; print JSON."""
    from dataclasses import asdict

    from pipeline.articles import extract_article
    from pipeline.net import decode_html

    raw = sys.stdin.buffer.read() if file == "-" else _read_file(Path(file))
    result = extract_article(decode_html(raw, None), url)
    doc = asdict(result)
    doc["word_count"] = len(result.text.split()) if result.text else 0
    out.print_json(json.dumps(doc, ensure_ascii=False))
    if result.text is None:
        raise typer.Exit(1)


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"file not found: {path}") from None
    except (IsADirectoryError, PermissionError) as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None


@app.command()
def tag(
    input: Annotated[
        Path | None, typer.Option("--input", "-i", help="JSON lines file [default: stdin]")
    ] = None,
    explain: Annotated[bool, typer.Option(help="Add the evidence behind each tag")] = False,
) -> None:
    """Tag JSON lines ({id, title, text, language?}) with company and topic ids.

    Without a language the text's language is detected. With --explain each line also
    carries "evidence": the matched names with offsets and why they were accepted, names
    rejected as ordinary words, the terms behind each topic, and the AI-relevance score.
    """
    from dataclasses import asdict

    from pipeline.jsonlines import read_json_lines
    from pipeline.language import resolve_language
    from pipeline.tagging import Tagger
    from pipeline.taxonomy import load_taxonomy

    settings = Settings.from_env()
    tagger = Tagger.from_settings(load_taxonomy(settings.taxonomy_file), settings)
    raw = _read_file(input) if input else sys.stdin.buffer.read()
    for n, doc in read_json_lines(raw.decode("utf-8", errors="replace"), {"id"}):
        title, text = doc.get("title"), doc.get("text")
        if not isinstance(title, str | None) or not isinstance(text, str | None):
            raise UserError(f"line {n}: 'title' and 'text' must be strings")
        language, language_source = resolve_language(
            doc.get("language"), "\n".join(filter(None, [title, text]))
        )
        tags, why = tagger.explain(title, text, language)
        record: dict[str, object] = {
            "id": doc["id"],
            "language": tags.language,
            "companies": [c.company_id for c in tags.companies],
            "topics": [t.topic_id for t in tags.topics],
            "ai_relevant": tags.is_ai_relevant,
        }
        if explain:
            record["evidence"] = {"language_source": language_source, **asdict(why)}
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


@app.command()
def evaluate(
    paths: Annotated[list[Path], typer.Argument(help="Labelled JSON lines files or folders")],
    detect: Annotated[bool, typer.Option(help="Ignore the labelled language and detect it")] = False,
    errors: Annotated[bool, typer.Option(help="List every article whose tags differ from gold")] = False,
) -> None:
    """Score the tagger on a labelled set: micro P/R/F1 per language, false positives on traps."""
    from pipeline.evaluation import evaluate as run_evaluation
    from pipeline.evaluation import load_labelled
    from pipeline.tagging import Tagger
    from pipeline.taxonomy import load_taxonomy

    settings = Settings.from_env()
    tagger = Tagger.from_settings(load_taxonomy(settings.taxonomy_file), settings)
    result = run_evaluation(load_labelled(paths), tagger, detect_language=detect)
    t = Table(title=f"{result.articles} labelled articles", title_justify="left")
    for col in ("language", "companies P", "R", "F1", "topics P", "R", "F1"):
        t.add_column(col, justify="right" if col != "language" else "left")
    for lang in sorted(result.companies, key=lambda k: (k == "all", k)):
        c, tp = result.companies[lang], result.topics[lang]
        t.add_row(lang, *(f"{x:.3f}" for x in (c.precision, c.recall, c.f1, tp.precision, tp.recall, tp.f1)))
    out.print(t)
    out.print(f"false positives on trap articles: {len(result.trap_false_positives)}")
    for article_id, company in result.trap_false_positives:
        out.print(f"  {article_id}: {company}")
    if errors:
        for e in result.errors:
            out.print(json.dumps(e, ensure_ascii=False))


@app.command("train-topics")
def train_topics(
    paths: Annotated[list[Path], typer.Argument(help="Labelled JSON lines files or folders")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Model file [default: the configured topic model]")
    ] = None,
) -> None:
    """Fit the secondary-topic model on a labelled set (after changing topic vocabulary)."""
    from pipeline.evaluation import load_labelled
    from pipeline.tagging import Tagger
    from pipeline.taxonomy import load_taxonomy
    from pipeline.topic_model import train_from_labelled

    settings = Settings.from_env()
    target = output or settings.topic_model
    if target is None:
        raise UserError("no model file: give --output (MEDIAMON_TOPIC_MODEL is off)")
    taxonomy = load_taxonomy(settings.taxonomy_file)
    docs = load_labelled(paths)
    if not docs:
        raise UserError("no labelled articles found in " + ", ".join(map(str, paths)))
    model = train_from_labelled(docs, Tagger(taxonomy), taxonomy)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(model.dumps(), encoding="utf-8")
    out.print(f"topic model for taxonomy {model.digest} trained on {len(docs)} articles: {target}")


@app.command()
def retag(warehouse: WarehouseOpt = None) -> None:
    """Re-tag every stored article with the current taxonomy (no refetching; idempotent)."""
    from pipeline.retag import retag_warehouse

    settings = _settings(warehouse)
    result = retag_warehouse(settings)
    out.print(
        f"retagged {result.articles} articles with tagger {result.taxonomy_digest}: "
        f"{result.changed} changed; company tags {result.company_tags[0]} -> {result.company_tags[1]}, "
        f"topic tags {result.topic_tags[0]} -> {result.topic_tags[1]}"
    )


@app.command()
def check(
    warehouse: WarehouseOpt = None,
    record: Annotated[bool, typer.Option("--record", help="Also keep the results in dq_results")] = False,
) -> None:
    """Warehouse-level quality checks (what the media_quality DAG runs); exit 1 if one fails."""
    from datetime import UTC, datetime

    from pipeline.quality import collect, run_checks, summary_lines
    from pipeline.quality import record as record_results

    settings = _settings(warehouse)
    frames = collect(settings)
    report = run_checks(settings, f"check__{datetime.now(UTC):%Y%m%dT%H%M%S}", frames)
    for line in summary_lines(report):
        style = None if line.startswith("ok") else "bold red"
        out.print(line, style=style, markup=False, highlight=False, soft_wrap=True)
    out.print(f"Data Docs: {report.docs_index}", markup=False, highlight=False, soft_wrap=True)
    if record:
        out.print(f"recorded {record_results(settings, report)} results in dq_results")
    if not report.success:
        raise RunFailedError(f"{len(report.failures)} of {len(report.results)} warehouse checks failed")


@app.command()
def report(
    warehouse: WarehouseOpt = None,
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="HTML file [default: MEDIAMON_REPORT_DIR/latest.html]")
    ] = None,
    days: Annotated[int, typer.Option("--days", min=1, help="Days back from the latest story")] = 30,
) -> None:
    """Write the trend report: one self-contained HTML page (charts inline, works offline)."""
    from pipeline.report import build_report

    path = build_report(_settings(warehouse), output, days)
    out.print(f"report: {path.resolve()}", markup=False, highlight=False, soft_wrap=True)


_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


FormatOpt = Annotated[str, typer.Option("--format", help="table, csv or json")]


def _check_format(fmt: str) -> None:
    if fmt not in ("table", "csv", "json"):
        raise UserError(f"--format must be table, csv or json, not {fmt!r}")


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL, or the name of a table or view")],
    warehouse: WarehouseOpt = None,
    fmt: FormatOpt = "table",
    limit: Annotated[int, typer.Option(help="Rows to show for a table or view name")] = 100,
) -> None:
    """Query the warehouse read-only (safe while ingestion runs)."""
    import duckdb

    _check_format(fmt)
    settings = _settings(warehouse)
    with _read(settings.warehouse) as con:
        if _IDENT.match(sql.strip()):
            names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            if sql.strip() not in names:
                raise UserError(f"no table or view named {sql.strip()!r} (try: {', '.join(sorted(names))})")
            sql = f'SELECT * FROM "{sql.strip()}" LIMIT {int(limit)}'
        try:
            cur = con.execute(sql)
            columns = [d[0] for d in cur.description or []]
            rows = cur.fetchall()
        except duckdb.Error as exc:
            raise UserError(f"query failed: {str(exc).splitlines()[0]}") from None
    _emit(columns, rows, fmt)


def _emit(columns: list[str], rows: list[tuple[Any, ...]], fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(
            json.dumps(
                [dict(zip(columns, r, strict=True)) for r in rows], default=str, ensure_ascii=False, indent=1
            )
            + "\n"
        )
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        writer.writerows(rows)
        sys.stdout.write(buf.getvalue())
    else:
        t = Table(*columns)
        for r in rows:
            t.add_row(*["" if v is None else str(v) for v in r])
        out.print(t)
        out.print(f"[dim]{len(rows)} rows[/]")


@app.command()
def feeds(
    warehouse: WarehouseOpt = None,
    feeds_file: FeedsOpt = None,
    fmt: FormatOpt = "table",
    reset: Annotated[
        str | None,
        typer.Option(
            "--reset",
            metavar="FEED_ID",
            help="Clear this feed's failure score, backoff and gone mark: it is fetched at the next run",
        ),
    ] = None,
) -> None:
    """List feeds with their state (ok, not modified, failing, backing off, gone), the reason and
    the next fetch (from the warehouse, else from the feeds file)."""
    _check_format(fmt)
    settings = _settings(warehouse)
    if reset is not None:
        from pipeline.warehouse import reset_feed

        was = reset_feed(settings.warehouse, reset, settings.lock_timeout)
        gone = f", gone since {was['gone_at']:%Y-%m-%d %H:%M}Z" if was["gone_at"] else ""
        due = f", next fetch was {was['next_fetch_at']:%Y-%m-%d %H:%M}Z" if was["next_fetch_at"] else ""
        typer.echo(
            f"feed {reset} reset: due at the next run (was: failure score {was['failure_score']}{due}{gone})"
        )
        return
    if settings.warehouse.is_file() and feeds_file is None:
        with _read(settings.warehouse) as con:
            from pipeline.warehouse import schema_version

            health = (
                " state, reason, next_fetch_at, failure_score," if schema_version(con) >= 3 else ""
            )  # an older file is upgraded by the next run
            cur = con.execute(
                f"SELECT feed_id, name,{health} last_status, last_http_status, last_error, last_fetched_at,"
                " consecutive_failures, entries_seen, articles FROM feed_status"
            )
            columns = [d[0] for d in cur.description]
            rows = cur.fetchall()
        _emit(columns, rows, fmt)
        return
    from pipeline.feeds import load_feed_specs

    specs = load_feed_specs(feeds_file or settings.feeds_file)
    _emit(
        ["feed_id", "name", "language", "url", "last_status"],
        [(s.feed_id, s.name, s.language, s.url, "never fetched") for s in specs],
        fmt,
    )


DaysOpt = Annotated[
    int | None,
    typer.Option("--days", "-d", help="Period: this many days, ending at --until or the last day with data"),
]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Period start, YYYY-MM-DD (instead of --days)")]
UntilOpt = Annotated[
    str | None, typer.Option("--until", help="Period end, YYYY-MM-DD [default: the last day with data]")
]
LanguageOpt = Annotated[
    str | None, typer.Option("--language", "-l", help="Only articles in this language (en, fr, ...)")
]
CompanyOpt = Annotated[
    str | None, typer.Option("--company", "-c", help="Only stories naming this company id (openai, ...)")
]
TopicOpt = Annotated[
    str | None, typer.Option("--topic", "-t", help="Only stories with this topic id (agi, chips, ...)")
]


@app.command()
def trends(
    warehouse: WarehouseOpt = None,
    days: DaysOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    language: LanguageOpt = None,
    company: CompanyOpt = None,
    topic: TopicOpt = None,
    top: Annotated[int, typer.Option(help="Rows per table")] = 10,
) -> None:
    """Trend tables for a period (default: the last 7 days with data): companies with share of
    voice, topics against the previous period, co-mentions with lift, top stories, spikes.

    Counts AI-relevant stories: articles sharing a text count once.
    """
    from pipeline import trends as tr

    settings = _settings(warehouse)
    with _read(settings.warehouse) as con:
        f = tr.resolve_filter(
            con, days=days, since=since, until=until, language=language, company=company, topic=topic,
            known_languages=settings.languages,
        )  # fmt: skip
        if f is None:
            out.print("no AI-relevant articles in the warehouse yet")
            return
        grain, columns, companies = tr.company_table(con, f, top)
        topics = tr.topic_table(con, f, top)
        pairs = tr.co_mention_table(con, f, top)
        stories = tr.top_stories(con, f, min(top, 5))
        spikes = tr.spikes(con, f)
    out.print(f"[bold]{f.describe()}[/]", highlight=False)
    if not companies and not topics:
        out.print("no AI-relevant stories in this period")
        return
    t = Table(title=f"Companies: stories per {grain}, mentions and share of voice", title_justify="left")
    t.add_column("company")
    for d in columns:
        t.add_column(d.strftime("%m-%d") if grain == "day" else f"W{d.isocalendar()[1]:02d}", justify="right")
    for col in ("stories", "mentions", "share"):
        t.add_column(col, justify="right")
    for row in companies:
        t.add_row(
            row.name, *[str(c) if c else "·" for c in row.buckets], str(row.articles), str(row.mentions),
            f"{row.share:.0%}",
        )  # fmt: skip
    out.print(t)
    tt = Table(
        title=f"Topics (previous period: {f.previous().since} – {f.previous().until})", title_justify="left"
    )
    for col in ("topic", "stories", "share", "avg score", "previous", "change"):
        tt.add_column(col, justify="left" if col == "topic" else "right")
    for name, n, share, score, before in topics:
        tt.add_row(name, str(n), f"{share:.0%}", f"{score:.1f}", str(before), f"{n - before:+d}")
    out.print(tt)
    if pairs:
        tc = Table(title="Co-mentions (lift 1 = chance)", title_justify="left")
        for col in ("company", "with", "stories", "lift"):
            tc.add_column(col, justify="right" if col in ("stories", "lift") else "left")
        for a, b, n, lift in pairs:
            tc.add_row(a, b, str(n), f"{lift:.2f}")
        out.print(tc)
    ts = Table(title="Top stories (salience, then sources)", title_justify="left")
    for col in ("day", "title", "companies", "salience", "sources"):
        ts.add_column(col, justify="right" if col in ("salience", "sources") else "left")
    for day, _source, title, names, salience, n in stories:
        ts.add_row(str(day), title, names, f"{salience:.2f}", str(n))
    out.print(ts)
    if spikes:
        names = ", ".join(f"{r[3]} ({r[0]:%m-%d})" for r in spikes[:5])
        out.print(
            f"spikes: {names}{' …' if len(spikes) > 5 else ''} (see `mediamon spikes`)", highlight=False
        )


@app.command()
def spikes(
    warehouse: WarehouseOpt = None,
    days: DaysOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    company: CompanyOpt = None,
    topic: TopicOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """Current spikes (default: the last 7 days with data): a company or topic whose stories on a
    day reach 3, a z-score of 2 against the 14 days before, and more than a week earlier."""
    from pipeline import trends as tr

    _check_format(fmt)
    settings = _settings(warehouse)
    with _read(settings.warehouse) as con:
        f = tr.resolve_filter(con, days=days, since=since, until=until, company=company, topic=topic)
        rows = tr.spikes(con, f) if f is not None else []
    if fmt == "table" and not rows:
        period = f"between {f.since} and {f.until}" if f else "(no AI-relevant articles yet)"
        out.print(f"no spikes {period}", highlight=False)
        return
    _emit(tr.SPIKE_COLUMNS, rows, fmt)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help='Words to find (all of them); "a phrase"; chip* for a prefix')],
    warehouse: WarehouseOpt = None,
    days: DaysOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    language: LanguageOpt = None,
    company: CompanyOpt = None,
    topic: TopicOpt = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Include articles that are not AI-relevant")
    ] = False,
    limit: Annotated[int, typer.Option(help="Articles to show")] = 20,
    fmt: FormatOpt = "table",
) -> None:
    """Search article titles and text (accents and case ignored), best matches first.

    Without a date option it searches everything stored. One article per story.
    """
    from pipeline import trends as tr
    from pipeline.search import COLUMNS, search_articles

    _check_format(fmt)
    if limit < 1:
        raise UserError(f"--limit must be at least 1, not {limit}")
    settings = _settings(warehouse)
    with _read(settings.warehouse) as con:
        f = tr.resolve_filter(
            con, days=days, since=since, until=until, language=language, company=company, topic=topic,
            known_languages=settings.languages, default_days=None,
        )  # fmt: skip
        hits = search_articles(con, text, f, include_irrelevant=everything, limit=limit) if f else []
    if fmt != "table":
        _emit(COLUMNS, [tuple(getattr(h, c) for c in COLUMNS) for h in hits], fmt)
        return
    if not hits:
        out.print("no matching articles")
        return
    t = Table(title=f"{len(hits)} articles matching {text!r}", title_justify="left")
    for col in ("score", "day", "lang", "title", "companies", "snippet"):
        t.add_column(col, justify="right" if col == "score" else "left")
    for h in hits:
        t.add_row(str(h.score), str(h.day), h.language or "", h.title, h.companies, h.snippet)
    out.print(t, highlight=False)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    # Plain writes, not rich: an error stays one line however narrow the terminal.
    except RunFailedError as exc:
        sys.stderr.write(f"mediamon: run failed: {exc}\n")
        sys.exit(1)
    except MediamonError as exc:
        sys.stderr.write(f"mediamon: error: {exc}\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
