"""Warehouse-level data quality (the media_quality DAG): GX checks over the loaded data.

Per-batch suites (pipeline.validation) judge one run's rows before they are loaded. These
checks judge the warehouse as a whole after loads, over a recent window:

- ``warehouse_feed_freshness``: each feed brought a new entry within ``freshness_hours``
  (a share ``min_fresh_feed_share`` of feeds must be fresh; the stale ones are named);
- ``warehouse_articles``: same-text duplicates under different URLs stay under
  ``max_duplicate_share``, and every article is tagged with the current taxonomy;
- ``warehouse_intake``: quarantined rows stay under ``max_quarantine_share`` of what came in;
- ``warehouse_tag_coverage``: enough AI-relevant articles carry a company and a topic tag.

The data is read from DuckDB into pandas (GX validates DataFrames reliably; through
SQLAlchemy on DuckDB it fails silently). GX runs with a file context under ``quality_dir``
so every result is kept and rendered into Data Docs at ``quality_dir/docs/index.html``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.config import Settings
from pipeline.validation import import_gx
from pipeline.warehouse import read_connection, write_connection

SITE = "mediamon"
SOURCE = "mediamon_warehouse"


@dataclass(frozen=True)
class CheckResult:
    suite: str
    expectation: str
    column: str | None
    success: bool
    observed: Any
    bound: str
    detail: str = ""  # e.g. the stale feeds

    @property
    def label(self) -> str:
        what = f"{self.expectation}({self.column})" if self.column else self.expectation
        return f"{self.suite}: {what}"


@dataclass
class QualityReport:
    run_id: str
    checked_at: datetime
    results: list[CheckResult] = field(default_factory=list)
    frames: dict[str, int] = field(default_factory=dict)  # frame -> rows checked
    docs_index: Path | None = None

    @property
    def success(self) -> bool:
        return all(r.success for r in self.results)

    @property
    def failures(self) -> list[CheckResult]:
        return [r for r in self.results if not r.success]

    def to_json(self) -> str:
        body = {
            "run_id": self.run_id,
            "checked_at": self.checked_at.isoformat(),
            "success": self.success,
            "frames": self.frames,
            "docs_index": str(self.docs_index) if self.docs_index else None,
            "results": [asdict(r) for r in self.results],
        }
        return json.dumps(body, indent=2, default=str)

    @classmethod
    def from_json(cls, text: str) -> QualityReport:
        body = json.loads(text)
        return cls(
            run_id=body["run_id"],
            checked_at=datetime.fromisoformat(body["checked_at"]),
            results=[CheckResult(**r) for r in body["results"]],
            frames=body["frames"],
            docs_index=Path(body["docs_index"]) if body["docs_index"] else None,
        )


def collect(settings: Settings, now: datetime | None = None) -> dict[str, pd.DataFrame]:
    """The frames the checks run on, read from the warehouse (read-only)."""
    now = now or datetime.now(UTC)
    since = now - timedelta(days=settings.quality_window_days)
    with read_connection(settings.warehouse, settings.lock_timeout) as con:
        feeds = con.execute(
            """
            SELECT f.feed_id, f.name, f.last_status, f.consecutive_failures,
                   coalesce(max(e.first_seen_at), f.first_seen_at) AS last_new_entry
            FROM feeds AS f LEFT JOIN feed_entries AS e USING (feed_id)
            GROUP BY f.feed_id, f.name, f.last_status, f.consecutive_failures, f.first_seen_at
            ORDER BY f.feed_id
            """
        ).df()
        articles = con.execute(
            """
            SELECT a.article_id, a.feed_id, a.content_hash, a.tagged_with, a.is_ai_relevant,
                   EXISTS (SELECT 1 FROM article_companies AS c WHERE c.article_id = a.article_id)
                       AS has_company,
                   EXISTS (SELECT 1 FROM article_topics AS t WHERE t.article_id = a.article_id)
                       AS has_topic
            FROM articles AS a WHERE a.fetched_at >= ?
            ORDER BY a.article_id
            """,
            [since],
        ).df()
        intake = con.execute(
            """
            SELECT article_id, feed_id, 0 AS quarantined FROM articles WHERE fetched_at >= $since
            UNION ALL
            SELECT article_id, feed_id, 1 FROM quarantine WHERE quarantined_at >= $since
            ORDER BY article_id
            """,
            {"since": since},
        ).df()
    last = pd.to_datetime(feeds.pop("last_new_entry"), utc=True)
    feeds["hours_since_new_entry"] = ((pd.Timestamp(now) - last).dt.total_seconds() / 3600).round(2)
    relevant = articles[articles["is_ai_relevant"].fillna(False).astype(bool)]
    return {
        "feeds": feeds,
        "articles": articles.drop(columns=["has_company", "has_topic"]),
        "intake": intake,
        "ai_articles": pd.DataFrame(
            {
                "article_id": relevant["article_id"],
                "has_company": relevant["has_company"].astype(int),
                "has_topic": relevant["has_topic"].astype(int),
            }
        ),
    }


# suite -> (frame, row key used to name failing rows)
SUITES: dict[str, tuple[str, str]] = {
    "warehouse_feed_freshness": ("feeds", "feed_id"),
    "warehouse_articles": ("articles", "article_id"),
    "warehouse_intake": ("intake", "article_id"),
    "warehouse_tag_coverage": ("ai_articles", "article_id"),
}


def expectations(suite: str, settings: Settings) -> list[Any]:
    _, gxe = import_gx()

    s = settings
    if suite == "warehouse_feed_freshness":
        return [
            gxe.ExpectTableRowCountToBeBetween(min_value=1),
            gxe.ExpectColumnValuesToBeBetween(
                column="hours_since_new_entry",
                min_value=0,
                max_value=s.freshness_hours,
                mostly=s.min_fresh_feed_share,
            ),
        ]
    if suite == "warehouse_articles":
        return [
            gxe.ExpectTableRowCountToBeBetween(min_value=1),
            gxe.ExpectColumnProportionOfUniqueValuesToBeBetween(
                column="content_hash", min_value=1 - s.max_duplicate_share
            ),
            gxe.ExpectColumnValuesToNotBeNull(column="tagged_with"),
        ]
    if suite == "warehouse_intake":
        return [gxe.ExpectColumnMeanToBeBetween(column="quarantined", max_value=s.max_quarantine_share)]
    if suite == "warehouse_tag_coverage":
        return [
            gxe.ExpectColumnMeanToBeBetween(column="has_company", min_value=s.min_company_coverage),
            gxe.ExpectColumnMeanToBeBetween(column="has_topic", min_value=s.min_topic_coverage),
        ]
    raise KeyError(suite)


def _bound(expectation: str, kwargs: dict[str, Any]) -> str:
    if expectation.endswith("_to_not_be_null"):
        return "no nulls"
    parts = []
    if kwargs.get("min_value") is not None:
        parts.append(f">= {kwargs['min_value']:g}")
    if kwargs.get("max_value") is not None:
        parts.append(f"<= {kwargs['max_value']:g}")
    if kwargs.get("mostly") is not None:
        parts.append(f"for {kwargs['mostly']:.0%} of rows")
    return " ".join(parts) or "holds"


def report_path(settings: Settings, run_id: str) -> Path:
    """Where a run's results are kept as JSON (what record_results reads; cleanup_quality prunes)."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in run_id)
    return settings.quality_dir / "results" / f"{safe}.json"


def _context(settings: Settings) -> Any:
    gx, _ = import_gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    root = settings.quality_dir.resolve()
    root.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(root))
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    # One site, in a folder people can find: quality_dir/docs/index.html.
    context.variables.data_docs_sites = {
        SITE: {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(root / "docs"),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        }
    }
    context.variables.save()
    return context


def run_checks(
    settings: Settings, run_id: str, frames: dict[str, pd.DataFrame], now: datetime | None = None
) -> QualityReport:
    """Validate every frame with its suite (results kept in the GX project), build Data Docs."""
    context = _context(settings)
    gx, _ = import_gx()

    try:
        source = context.data_sources.get(SOURCE)
    except (KeyError, ValueError):
        source = context.data_sources.add_pandas(SOURCE)
    report = QualityReport(run_id=run_id, checked_at=now or datetime.now(UTC))
    for suite_name, (frame_name, key) in SUITES.items():
        df = frames[frame_name]
        report.frames[frame_name] = len(df)
        try:
            asset = source.get_asset(frame_name)
        except LookupError:
            asset = source.add_dataframe_asset(frame_name)
        try:
            batch = asset.get_batch_definition("whole")
        except KeyError:
            batch = asset.add_batch_definition_whole_dataframe("whole")
        suite = context.suites.add_or_update(
            gx.ExpectationSuite(name=suite_name, expectations=expectations(suite_name, settings))
        )
        definition = context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=suite_name, data=batch, suite=suite)
        )
        checkpoint = context.checkpoints.add_or_update(
            gx.Checkpoint(
                name=suite_name,
                validation_definitions=[definition],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=[SITE])],
                result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [key]},
            )
        )
        outcome = checkpoint.run(batch_parameters={"dataframe": df}, run_id=gx.RunIdentifier(run_name=run_id))
        for validation in outcome.run_results.values():
            for r in validation.results:
                report.results.append(_result(suite_name, key, r))
    index = settings.quality_dir.resolve() / "docs" / "index.html"
    report.docs_index = index if index.is_file() else None
    path = report_path(settings, run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report.to_json(), encoding="utf-8")
    return report


def _result(suite: str, key: str, r: Any) -> CheckResult:
    cfg = r.expectation_config
    res = r.result or {}
    raised = (r.exception_info or {}).get("raised_exception")
    observed = res.get("observed_value")
    if observed is None and "unexpected_percent" in res:
        observed = f"{res['unexpected_percent']:.1f}% unexpected of {res.get('element_count')}"
    detail = ""
    if raised:
        detail = f"raised: {(r.exception_info or {}).get('exception_message')}"
    elif not r.success:
        unexpected = res.get("unexpected_index_list") or []
        rows = [str(item.get(key)) for item in unexpected if isinstance(item, dict)]
        if rows:
            more = f" (+{len(rows) - 20} more)" if len(rows) > 20 else ""
            detail = f"{key}: " + ", ".join(rows[:20]) + more
    if isinstance(observed, float):
        observed = round(observed, 4)
    return CheckResult(
        suite=suite,
        expectation=cfg.type,
        column=cfg.kwargs.get("column"),
        success=bool(r.success) and not raised,
        observed=observed if isinstance(observed, (int, float, str)) or observed is None else str(observed),
        bound=_bound(cfg.type, cfg.kwargs),
        detail=detail,
    )


def record(settings: Settings, report: QualityReport) -> int:
    """Keep the results in dq_results (idempotent per run: a rerun replaces its rows)."""
    rows = [
        (
            report.run_id,
            r.suite,
            i,
            r.expectation,
            r.column,
            r.success,
            json.dumps({"observed": r.observed, "bound": r.bound, "detail": r.detail}, default=str),
            report.checked_at,
        )
        for i, r in enumerate(report.results)
    ]
    suites = sorted({r.suite for r in report.results})
    with write_connection(settings.warehouse, settings.lock_timeout) as con:
        con.execute("BEGIN")
        con.execute(
            "DELETE FROM dq_results WHERE run_id = ? AND list_contains(?, suite)", [report.run_id, suites]
        )
        con.executemany(
            """
            INSERT INTO dq_results (run_id, suite, ordinal, expectation_type, column_name, success,
                                    result, validated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            rows,
        )
        con.execute("COMMIT")
    return len(rows)


def summary_lines(report: QualityReport) -> list[str]:
    lines = []
    for r in report.results:
        mark = "ok  " if r.success else "FAIL"
        line = f"{mark} {r.label}: observed {r.observed}, expected {r.bound}"
        lines.append(line + (f" — {r.detail}" if r.detail else ""))
    return lines
