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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import ModuleType
from typing import Any

import pandas as pd

from pipeline.config import FUTURE_SLACK, Settings
from pipeline.lazy_imports import absent, defer_imports
from pipeline.taxonomy import Taxonomy

log = logging.getLogger(__name__)

ROW_KEY = "article_id"
# Imported by Great Expectations at start-up for data docs charts (altair) and distribution
# expectations (scipy.stats), neither used by these suites.
GX_DEFERRED = ("altair", "scipy")
# Imported by Great Expectations if they are installed, for SQL data sources (Airflow brings
# them); these suites validate pandas frames, so a process that has not imported them yet
# imports Great Expectations without them: a sixth less CPU (~0.2 s here).
GX_WITHOUT = ("sqlalchemy", "psycopg2")


@dataclass
class ValidationOutcome:
    """Which rows to quarantine and why, the batch verdict, and every result for dq_results."""

    reasons: dict[str, list[str]] = field(default_factory=dict)  # article_id -> reasons
    batch_failures: list[str] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)

    @property
    def batch_ok(self) -> bool:
        return not self.batch_failures


def prepare_gx() -> None:
    """Before importing Great Expectations: no analytics, quiet loggers, and the packages it
    imports for features the suites here do not use (charts, distribution tests) deferred to
    their first use (pipeline.lazy_imports: about a third of its import time)."""
    defer_imports(*GX_DEFERRED)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    for name in ("great_expectations", "great_expectations.core", "great_expectations.data_context"):
        logging.getLogger(name).setLevel(logging.WARNING)


def import_gx() -> tuple[ModuleType, ModuleType]:
    """``great_expectations`` and ``great_expectations.expectations``, imported as ``prepare_gx``
    says and without its SQL packages (GX_WITHOUT) where this process has none yet."""
    prepare_gx()
    with absent(*GX_WITHOUT):
        import great_expectations as gx
        import great_expectations.expectations as gxe
    return gx, gxe


# How much the preloading process lowers its CPU priority (``os.nice``). With 10, on a slow
# 2-core machine the extraction workers starved the import until the downloads ended, and the
# run then waited for it with a core idle; with 5, the time a 1,000-article run spends outside
# its stages fell from 4.4-5.7 s to 2.7-3.8 s, and the run was faster in each of six
# alternating pairs (13.3-16.6 s against 14.7-18.5 s); 0 was not faster than 5 (two pairs).
PRELOAD_NICENESS = 5


def preload_gx(background: bool = False) -> None:
    """Import Great Expectations ahead of the validate stage (3-9 s of imports), e.g. in a thread
    while pages download; a failure here is left for the validate stage to report.

    ``background=True`` (for a process of its own) lowers the calling process's CPU priority
    first (``PRELOAD_NICENESS``), so that the imports yield to fetching and extraction without
    waiting for them to end; the validate stage then runs in that process at the same priority,
    when nothing else of the run competes for the CPU.
    """
    if background:
        with contextlib.suppress(OSError):
            os.nice(PRELOAD_NICENESS)
    try:
        import_gx()
    except Exception:
        log.debug("preloading Great Expectations failed", exc_info=True)


class Validator:
    """Holds one ephemeral GX context; suites are defined in code from the settings."""

    def __init__(self, settings: Settings, taxonomy: Taxonomy, now: datetime | None = None) -> None:
        gx, gxe = import_gx()
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
                gxe.ExpectColumnValuesToNotBeNull(column="title"),
                gxe.ExpectColumnValuesToNotBeNull(column="text"),
                gxe.ExpectColumnValueLengthsToBeBetween(
                    column="text", min_value=s.min_text_chars, max_value=s.max_text_chars
                ),
                gxe.ExpectColumnValuesToNotBeNull(column="language"),
                gxe.ExpectColumnValuesToBeInSet(column="language", value_set=list(s.languages)),
                gxe.ExpectColumnValuesToBeBetween(column="published_at", min_value=oldest, max_value=newest),
            ]
        if suite_name == "articles_keys":
            # Over the whole run's keys (a duplicate may sit in another batch of rows).
            return [
                gxe.ExpectColumnValuesToBeUnique(column="url"),
                gxe.ExpectColumnValuesToBeUnique(column="canonical_url"),
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
        """Every suite over frames held in memory (one batch; see ``validate_batches``)."""
        return self.validate_batches([articles], [companies], [topics], run_id)

    def validate_batches(
        self,
        articles: Iterable[pd.DataFrame],
        companies: Iterable[pd.DataFrame],
        topics: Iterable[pd.DataFrame],
        run_id: str,
    ) -> ValidationOutcome:
        """Run every suite over a run that comes in batches; rows failing row-level
        expectations are named with their reasons.

        The row-level suites run batch by batch (one GX validation per batch, so memory is a
        batch's), and their results are summed per expectation. What needs the whole run
        (unique keys, and the batch-level suites: row counts, extraction rate) runs once over
        the key columns of every article (``KEY_COLUMNS``), collected on the way.
        """
        outcome = ValidationOutcome()
        reasons: defaultdict[str, list[str]] = defaultdict(list)
        merged: dict[tuple[str, str, str | None], dict[str, Any]] = {}

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
                _merge_result(merged, (suite, cfg.type, column), bool(r.success), summary)

        keys = []
        for batch in articles:
            if batch.empty:
                continue
            keys.append(batch[KEY_COLUMNS])
            record("articles_rows", self._run("articles_rows", batch), rows_level=True)
        for suite, batches in (("company_tags_rows", companies), ("topic_tags_rows", topics)):
            for batch in batches:
                if not batch.empty:
                    record(suite, self._run(suite, batch), rows_level=True)
        run_keys = pd.concat(keys, ignore_index=True) if keys else pd.DataFrame(columns=KEY_COLUMNS)
        if not run_keys.empty:
            record("articles_keys", self._run("articles_keys", run_keys), rows_level=True)

        # With only a handful of new pages (a quiet half hour) a rate or an all-quarantined
        # batch means nothing: count rows only.
        small = len(run_keys) < self._settings.min_pages_for_rate_check
        batch_suite = "articles_batch_small" if small else "articles_batch"
        record(batch_suite, self._run(batch_suite, run_keys), rows_level=False)
        if not small:
            accepted = run_keys[~run_keys[ROW_KEY].isin(set(reasons))]
            record("accepted_batch", self._run("accepted_batch", accepted), rows_level=False)
        validated_at = datetime.now(UTC)
        # Suites come back in no fixed order; keep dq_results stable for readers and tests.
        per_suite: defaultdict[str, int] = defaultdict(int)
        for (suite, kind, column), m in sorted(
            merged.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")
        ):
            res = m["result"]
            outcome.results.append(
                {
                    "run_id": run_id,
                    "suite": suite,
                    "ordinal": per_suite[suite],
                    "expectation_type": kind,
                    "column_name": column,
                    "success": m["success"],
                    "element_count": res.get("element_count"),
                    "unexpected_count": res.get("unexpected_count"),
                    "unexpected_percent": res.get("unexpected_percent"),
                    "result": json.dumps(res, default=str)[:20_000],
                    "validated_at": validated_at,
                }
            )
            per_suite[suite] += 1
        outcome.reasons = dict(reasons)
        return outcome


# What the whole-run checks read of each article (a few bytes each, not its text).
KEY_COLUMNS = [ROW_KEY, "url", "canonical_url", "extraction_status"]
_SUMMED = ("element_count", "missing_count", "unexpected_count")


def _merge_result(
    merged: dict[tuple[str, str, str | None], dict[str, Any]],
    key: tuple[str, str, str | None],
    success: bool,
    result: dict[str, Any],
) -> None:
    """Fold one batch's result of an expectation into the run's: counts summed, percentages
    recomputed from them, success only if every batch passed; the lists of examples are the
    first failing batch's (or the first batch's), and ``batches`` says how many were folded."""
    seen = merged.get(key)
    if seen is None:
        merged[key] = {"success": success, "result": {**result, "batches": 1}}
        return
    total = seen["result"]
    if seen["success"] and not success:  # show a failing batch's examples
        total.update({k: v for k, v in result.items() if k not in _SUMMED})
    seen["success"] = seen["success"] and success
    total["batches"] += 1
    for k in _SUMMED:
        if isinstance(result.get(k), int) and isinstance(total.get(k), int):
            total[k] += result[k]
    elements, missing = total.get("element_count"), total.get("missing_count") or 0
    if isinstance(elements, int) and isinstance(total.get("unexpected_count"), int):
        unexpected = total["unexpected_count"]
        present = elements - missing
        total["unexpected_percent_total"] = 100.0 * unexpected / elements if elements else 0.0
        total["unexpected_percent"] = total["unexpected_percent_nonmissing"] = (
            100.0 * unexpected / present if present else 0.0
        )
        if "missing_count" in total:
            total["missing_percent"] = 100.0 * missing / elements if elements else 0.0
