"""`mediamon report`: one self-contained HTML page of trends, built from the marts.

Everything the page needs is inside the file: the data, the chart specifications (Vega-Lite,
built with Altair) and the JavaScript that draws them (Vega, Vega-Lite and vega-embed, bundled
offline by vl-convert). No CDN, so it opens the same on a laptop with no network, as an email
attachment or inside the Airflow UI ("Media trends"). The warehouse is opened read-only.
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.config import Settings
from pipeline.warehouse import read_connection

TOP_COMPANIES = 8


@dataclass
class ReportData:
    start: date | None
    end: date | None
    stories: int = 0
    sources: int = 0
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)


def collect(con: Any, days: int) -> ReportData:
    """The report's tables for the last ``days`` days that have data (read from the marts)."""
    end = con.execute("SELECT max(day) FROM stg_stories").fetchone()[0]
    if end is None:
        return ReportData(start=None, end=None)
    start = end - timedelta(days=days - 1)
    window = {"start": start, "end": end}
    stories, sources = con.execute(
        "SELECT count(*), count(DISTINCT source) FROM stg_stories WHERE day BETWEEN $start AND $end",
        window,
    ).fetchone()
    top = [
        cid
        for (cid,) in con.execute(
            """
            SELECT company_id FROM mart_company_daily WHERE day BETWEEN $start AND $end
            GROUP BY company_id HAVING sum(articles) > 0
            ORDER BY sum(articles) DESC, company_id LIMIT $top
            """,
            {**window, "top": TOP_COMPANIES},
        ).fetchall()
    ]
    q = con.execute
    frames = {
        "daily": q(
            """
            SELECT day, company_name AS company, articles, articles_7d_avg
            FROM mart_company_daily WHERE day BETWEEN $start AND $end AND list_contains($top, company_id)
            ORDER BY day, company
            """,
            {**window, "top": top},
        ).df(),
        "share": q(
            """
            SELECT company_name AS company, sum(mentions) AS mentions,
                   sum(mentions) / sum(sum(mentions)) OVER () AS share
            FROM mart_share_of_voice
            WHERE period = 'day' AND breakdown = 'all' AND period_start BETWEEN $start AND $end
            GROUP BY company_name ORDER BY mentions DESC, company LIMIT 12
            """,
            window,
        ).df(),
        "share_by_language": q(
            """
            SELECT segment AS language, company_name AS company, sum(mentions) AS mentions,
                   sum(mentions) / sum(sum(mentions)) OVER (PARTITION BY segment) AS share
            FROM mart_share_of_voice
            WHERE period = 'day' AND breakdown = 'language' AND period_start BETWEEN $start AND $end
            GROUP BY segment, company_name ORDER BY language, mentions DESC, company
            """,
            window,
        ).df(),
        "topics": q(
            """
            SELECT week_start AS week, topic_name AS topic, articles
            FROM mart_topic_weekly WHERE week_start BETWEEN $start - INTERVAL 6 DAY AND $end
            ORDER BY week, topic
            """,
            window,
        ).df(),
        "co_mentions": q(
            """
            SELECT company_a_name AS company_a, company_b_name AS company_b, sum(articles) AS articles
            FROM mart_co_mentions
            WHERE period = 'week' AND period_start BETWEEN $start - INTERVAL 6 DAY AND $end
            GROUP BY ALL ORDER BY articles DESC, company_a, company_b LIMIT 30
            """,
            window,
        ).df(),
        "spikes": q(
            """
            SELECT day, entity_type, entity_name, articles, round(baseline_mean, 2) AS baseline_mean,
                   round(z_score, 2) AS z_score
            FROM mart_spikes WHERE is_spike AND day BETWEEN $start AND $end
            ORDER BY day DESC, z_score DESC, entity_name
            """,
            window,
        ).df(),
        "top_stories": q(
            """
            WITH best AS (
                SELECT company_name, title, url, source, published_at, salience, sources,
                       row_number() OVER (PARTITION BY company_id ORDER BY salience DESC, sources DESC,
                                          published_at, story_key) AS n
                FROM (SELECT DISTINCT ON (company_id, story_key) * FROM mart_top_stories
                      WHERE period = 'day' AND period_start BETWEEN $start AND $end
                      ORDER BY company_id, story_key, salience DESC)
                WHERE list_contains($top, company_id)
            )
            SELECT company_name AS company, title, url, source,
                   strftime(published_at, '%Y-%m-%d') AS published, salience, sources
            FROM best WHERE n <= 3 ORDER BY company, n
            """,
            {**window, "top": top},
        ).df(),
    }
    return ReportData(start=start, end=end, stories=int(stories), sources=int(sources), frames=frames)


def charts(data: ReportData) -> dict[str, dict[str, Any]]:
    """Vega-Lite specifications (dicts) keyed by the element id they are drawn into."""
    import altair as alt

    f = data.frames
    specs: dict[str, Any] = {}
    if data.end is None:
        return {}
    if not f["daily"].empty:
        daily = f["daily"].assign(day=lambda d: pd.to_datetime(d["day"]).dt.strftime("%Y-%m-%d"))
        base = alt.Chart(daily).encode(
            x=alt.X("day:T", title=None), color=alt.Color("company:N", title="company")
        )
        specs["chart-mentions"] = alt.layer(
            base.mark_line().encode(
                y=alt.Y("articles_7d_avg:Q", title="stories per day (7-day average)"),
                tooltip=["company:N", "day:T", "articles:Q", alt.Tooltip("articles_7d_avg:Q", format=".2f")],
            ),
            base.mark_circle(size=28, opacity=0.5).encode(y="articles:Q"),
        ).properties(width="container", height=280)
    if not f["share"].empty:
        specs["chart-share"] = (
            alt.Chart(f["share"])
            .mark_bar()
            .encode(
                x=alt.X("share:Q", axis=alt.Axis(format="%"), title="share of company mentions"),
                y=alt.Y("company:N", sort="-x", title=None),
                tooltip=["company:N", "mentions:Q", alt.Tooltip("share:Q", format=".1%")],
            )
            .properties(width="container", height=alt.Step(20))
        )
    if not f["topics"].empty:
        topics = f["topics"].assign(week=lambda d: pd.to_datetime(d["week"]).dt.strftime("%Y-%m-%d"))
        specs["chart-topics"] = (
            alt.Chart(topics)
            .mark_rect()
            .encode(
                x=alt.X("week:O", title="week starting"),
                y=alt.Y("topic:N", title=None),
                color=alt.Color("articles:Q", scale=alt.Scale(scheme="blues"), title="stories"),
                tooltip=["topic:N", "week:O", "articles:Q"],
            )
            .properties(width="container", height=alt.Step(18))
        )
    if not f["co_mentions"].empty:
        specs["chart-co-mentions"] = (
            alt.Chart(f["co_mentions"])
            .mark_rect()
            .encode(
                x=alt.X("company_a:N", title=None),
                y=alt.Y("company_b:N", title=None),
                color=alt.Color("articles:Q", scale=alt.Scale(scheme="oranges"), title="stories"),
                tooltip=["company_a:N", "company_b:N", "articles:Q"],
            )
            .properties(width=alt.Step(34), height=alt.Step(20))
        )
    return {key: chart.to_dict() for key, chart in specs.items()}


STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto;
       max-width: 1100px; padding: 1.5rem; color: #1d2330; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.meta { color: #5b6475; } .chart { width: 100%; min-height: 60px; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e3e6ec; }
th { background: #f4f6f9; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.empty { color: #5b6475; font-style: italic; }
"""


def _table(
    df: pd.DataFrame, link: tuple[str, str] | None = None, empty: str = "Nothing in this window."
) -> str:
    if df.empty:
        return f'<p class="empty">{html.escape(empty)}</p>'
    columns = [c for c in df.columns if not link or c != link[1]]
    head = "".join(f"<th>{html.escape(c.replace('_', ' '))}</th>" for c in columns)
    rows = []
    for record in df.to_dict("records"):
        cells = []
        for c in columns:
            value = record[c]
            text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
            if isinstance(value, float):
                text = f"{value:.2f}"
            cell = html.escape(text)
            target = str(record.get(link[1]) or "") if link else ""
            # Feed URLs are untrusted: only web links become links (no javascript: or data:).
            if link and c == link[0] and target.lower().startswith(("http://", "https://")):
                cell = f'<a href="{html.escape(target, quote=True)}">{cell}</a>'
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            cells.append(f'<td class="num">{cell}</td>' if numeric else f"<td>{cell}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def render(data: ReportData, generated: datetime) -> str:
    import vl_convert

    specs = charts(data)
    # The chart data sits in a JSON block; "</" is escaped so no value can close the script.
    payload = json.dumps(specs, default=str).replace("</", "<\\/")
    script = vl_convert.javascript_bundle(
        "const specs = JSON.parse(document.getElementById('mediamon-specs').textContent);\n"
        "for (const [id, spec] of Object.entries(specs)) {\n"
        "  vegaEmbed('#' + id, spec, {actions: false, renderer: 'svg'})\n"
        "    .then(() => document.getElementById(id).setAttribute('data-rendered', 'true'));\n"
        "}\n"
    )

    def chart(key: str, empty: str) -> str:
        if key in specs:
            return f'<div class="chart" id="{key}"></div>'
        return f'<p class="empty">{html.escape(empty)}</p>'

    f = data.frames
    if data.end is None:
        body = '<p class="empty">The warehouse holds no AI-relevant stories yet.</p>'
    else:
        top_stories = _table(f["top_stories"], link=("title", "url"))
        body = f"""
<p class="meta">{data.start:%d %b %Y} – {data.end:%d %b %Y}: {data.stories:,} AI-relevant stories
(duplicates counted once) from {data.sources:,} source{"" if data.sources == 1 else "s"}.</p>
<h2>Mentions over time</h2>
{chart("chart-mentions", "No company named in this window.")}
<h2>Share of voice</h2>
{chart("chart-share", "No company named in this window.")}
<details><summary>By language</summary>{_table(f["share_by_language"])}</details>
<h2>Topics per week</h2>
{chart("chart-topics", "No topic in this window.")}
<h2>Companies named together</h2>
{chart("chart-co-mentions", "No two companies named in the same story.")}
<h2>Spikes</h2>
<p class="meta">A day well above its trailing 14 days (z-score ≥ 2, at least 3 stories, more than a
week earlier).</p>
{_table(f["spikes"], empty="No spike in this window.")}
<h2>Top stories</h2>
{top_stories}
"""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mediamon: AI industry trends</title>
<style>{STYLE}</style>
</head>
<body>
<h1>AI industry trends</h1>
<p class="meta">Built by mediamon at {generated:%Y-%m-%d %H:%M} UTC from the DuckDB warehouse.</p>
<noscript><p>The charts need JavaScript; the tables below do not.</p></noscript>
{body}
<script type="application/json" id="mediamon-specs">{payload}</script>
<script type="module">{script}</script>
</body>
</html>
"""


def build_report(settings: Settings, out: Path | None = None, days: int = 30) -> Path:
    """Write the report (atomically: a reader never sees half a file); returns its path."""
    out = out or settings.report_dir / "latest.html"
    with read_connection(settings.warehouse, settings.lock_timeout) as con:
        data = collect(con, days)
    page = render(data, datetime.now(UTC))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    return out
