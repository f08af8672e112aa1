"""Stage 4: Great Expectations suites over each batch before it is loaded.

Row-level suites find the rows to quarantine (with every failed expectation as a reason);
batch-level suites decide whether the run may load at all. GX is imported here only: it
takes several seconds to import and nothing else needs it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from pipeline.config import FUTURE_SLACK, Settings
from pipeline.taxonomy import Taxonomy

log = logging.getLogger(__name__)

ROW_KEY = "article_id"


@dataclass
class ValidationOutcome:
    """Which rows to quarantine and why, the batch verdict, and every result for dq_results."""

    reasons: dict[str, list[str]] = field(default_factory=dict)  # article_id -> reasons
    batch_failures: list[str] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)

    @property
    def batch_ok(self) -> bool:
        return not self.batch_failures


def quiet_gx() -> None:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    for name in ("great_expectations", "great_expectations.core", "great_expectations.data_context"):
        logging.getLogger(name).setLevel(logging.WARNING)


def preload_gx(background: bool = False) -> None:
    """Import Great Expectations ahead of the validate stage (3-9 s of imports), e.g. in a thread
    while pages download; a failure here is left for the validate stage to report.

    ``background=True`` (for a process of its own) lowers the calling process's CPU priority
    first, so that the imports take only CPU time that fetching and extraction leave idle;
    the validate stage then runs in that process at the same low priority, when nothing else
    of the run competes for the CPU.
    """
    if background:
        with contextlib.suppress(OSError):
            os.nice(10)
    quiet_gx()
    try:
        import great_expectations
        import great_expectations.expectations  # noqa: F401
    except Exception:
        log.debug("preloading Great Expectations failed", exc_info=True)


class Validator:
    """Holds one ephemeral GX context; suites are defined in code from the settings."""

    def __init__(self, settings: Settings, taxonomy: Taxonomy, now: datetime | None = None) -> None:
        quiet_gx()
        import great_expectations as gx
        import great_expectations.expectations as gxe
        from great_expectations.data_context.types.base import (
            DataContextConfig,
            InMemoryStoreBackendDefaults,
            ProgressBarsConfig,
        )

        self._gx = gx
        self._gxe = gxe
        now = now or datetime.now(UTC)
        config = DataContextConfig(
            analytics_enabled=False,
            progress_bars=ProgressBarsConfig(globally=False),
            store_backend_defaults=InMemoryStoreBackendDefaults(),
        )
        self.context = gx.get_context(mode="ephemeral", project_config=config)
        self._source = self.context.data_sources.add_pandas("mediamon")
        self._settings = settings
        self._taxonomy = taxonomy
        self._now = now
        self._suite_objects: dict[str, Any] = {}

    def expectations(self, suite_name: str) -> list[Any]:
        """The suite's expectations, built fresh (GX binds an expectation to one suite)."""
        gxe = self._gxe
        s, tax = self._settings, self._taxonomy
        if suite_name == "articles_rows":
            oldest = pd.Timestamp(s.oldest_published, tz="UTC")
            newest = pd.Timestamp(self._now + FUTURE_SLACK)
            return [
                gxe.ExpectColumnValuesToNotBeNull(column="url"),
                gxe.ExpectColumnValuesToMatchRegex(column="url", regex=r"^https?://[^\s/]+"),
                gxe.ExpectColumnValuesToBeUnique(column="url"),
                gxe.ExpectColumnValuesToBeUnique(column="canonical_url"),
                gxe.ExpectColumnValuesToNotBeNull(column="title"),
                gxe.ExpectColumnValuesToNotBeNull(column="text"),
                gxe.ExpectColumnValueLengthsToBeBetween(
                    column="text", min_value=s.min_text_chars, max_value=s.max_text_chars
                ),
                gxe.ExpectColumnValuesToNotBeNull(column="language"),
                gxe.ExpectColumnValuesToBeInSet(column="language", value_set=list(s.languages)),
                gxe.ExpectColumnValuesToBeBetween(column="published_at", min_value=oldest, max_value=newest),
            ]
        if suite_name == "company_tags_rows":
            return [
                gxe.ExpectColumnValuesToBeInSet(column="company_id", value_set=sorted(tax.company_ids)),
                gxe.ExpectColumnValuesToBeBetween(column="mentions", min_value=1),
            ]
        if suite_name == "topic_tags_rows":
            return [
                gxe.ExpectColumnValuesToBeInSet(column="topic_id", value_set=sorted(tax.topic_ids)),
                gxe.ExpectColumnValuesToNotBeNull(column="score"),
            ]
        if suite_name == "articles_batch":
            return [
                gxe.ExpectTableRowCountToBeBetween(min_value=1),
                # Far fewer clean extractions than usual means a broken site or extractor.
                gxe.ExpectColumnValuesToBeInSet(
                    column="extraction_status", value_set=["ok"], mostly=s.min_extraction_rate
                ),
            ]
        if suite_name == "articles_batch_small":
            return [gxe.ExpectTableRowCountToBeBetween(min_value=1)]
        if suite_name == "accepted_batch":
            # Feeds returned entries but every row was quarantined: something is badly off.
            return [gxe.ExpectTableRowCountToBeBetween(min_value=1)]
        raise KeyError(suite_name)

    def _run(self, suite_name: str, df: pd.DataFrame) -> list[Any]:
        gx = self._gx
        key = suite_name
        if key not in self._suite_objects:
            suite = gx.ExpectationSuite(name=key)
            for expectation in self.expectations(suite_name):
                suite.add_expectation(expectation)
            suite = self.context.suites.add(suite)
            asset = self._source.add_dataframe_asset(key)
            batch_def = asset.add_batch_definition_whole_dataframe("whole")
            self._suite_objects[key] = self.context.validation_definitions.add(
                gx.ValidationDefinition(name=key, data=batch_def, suite=suite)
            )
        result = self._suite_objects[key].run(
            batch_parameters={"dataframe": df},
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [ROW_KEY]},
        )
        return list(result.results)

    def validate(
        self,
        articles: pd.DataFrame,
        companies: pd.DataFrame,
        topics: pd.DataFrame,
        run_id: str,
    ) -> ValidationOutcome:
        """Run every suite; rows failing row-level expectations are named with their reasons."""
        outcome = ValidationOutcome()
        reasons: defaultdict[str, list[str]] = defaultdict(list)
        validated_at = datetime.now(UTC)

        def record(suite: str, results: list[Any], rows_level: bool) -> None:
            for r in results:
                cfg = r.expectation_config
                column = cfg.kwargs.get("column")
                res = r.result or {}
                label = f"{cfg.type}({column})" if column else cfg.type
                if r.exception_info and r.exception_info.get("raised_exception"):
                    outcome.batch_failures.append(
                        f"{suite}: {label} raised {r.exception_info.get('exception_message')}"
                    )
                if not r.success:
                    if rows_level:
                        for item in res.get("unexpected_index_list") or []:
                            reasons[str(item[ROW_KEY])].append(f"{suite}: {label}")
                    else:
                        observed = res.get("observed_value", res.get("unexpected_percent"))
                        outcome.batch_failures.append(f"{suite}: {label} (observed {observed})")
                summary = {
                    k: v
                    for k, v in res.items()
                    if k not in ("unexpected_index_list", "unexpected_list", "unexpected_index_query")
                }
                outcome.results.append(
                    {
                        "run_id": run_id,
                        "suite": suite,
                        "ordinal": 0,  # numbered below, once results are sorted
                        "expectation_type": cfg.type,
                        "column_name": column,
                        "success": bool(r.success),
                        "element_count": res.get("element_count"),
                        "unexpected_count": res.get("unexpected_count"),
                        "unexpected_percent": res.get("unexpected_percent"),
                        "result": json.dumps(summary, default=str)[:20_000],
                        "validated_at": validated_at,
                    }
                )

        if not articles.empty:
            record("articles_rows", self._run("articles_rows", articles), rows_level=True)
        if not companies.empty:
            record("company_tags_rows", self._run("company_tags_rows", companies), rows_level=True)
        if not topics.empty:
            record("topic_tags_rows", self._run("topic_tags_rows", topics), rows_level=True)

        # With only a handful of new pages (a quiet half hour) a rate or an all-quarantined
        # batch means nothing: count rows only.
        small = len(articles) < self._settings.min_pages_for_rate_check
        batch_suite = "articles_batch_small" if small else "articles_batch"
        record(batch_suite, self._run(batch_suite, articles), rows_level=False)
        if not small:
            accepted = articles[~articles[ROW_KEY].isin(set(reasons))]
            record("accepted_batch", self._run("accepted_batch", accepted), rows_level=False)
        # Suites come back in no fixed order; keep dq_results stable for readers and tests.
        outcome.results.sort(key=lambda r: (r["suite"], r["expectation_type"], r["column_name"] or ""))
        per_suite: defaultdict[str, int] = defaultdict(int)
        for row in outcome.results:
            row["ordinal"] = per_suite[row["suite"]]
            per_suite[row["suite"]] += 1
        outcome.reasons = dict(reasons)
        return outcome
