"""Tags computed in the extraction workers, staged with their article.

Tagging is CPU work on the extracted text, like language identification and the story
signature, so ``mediamon run`` (and the Airflow fetch task) does it in the extraction workers
while pages download, rather than after the last download in the tag stage. The tags travel in
the staged article row as one JSON string (``Article.tags``), so they follow the row through
the stager's de-duplication, and the tag stage turns them into its tables. They are used only
if the tag stage's tagger is the one that made them (``tagger_key``: the taxonomy and topic
model versions and the thresholds); otherwise, or for an article staged without them, the tag
stage tags it itself.

No pandas here: extraction workers import this module.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from pipeline.config import Settings
from pipeline.records import Tags
from pipeline.tagging import Stamp, tagger_for, tagger_inputs

# Bumped when the layout below changes: older staged tags are then tagged again.
LAYOUT = 2


def tagger_key(settings: Settings) -> str:
    """What decides the tags of ``settings``: the contents of its taxonomy and topic model files
    and its thresholds (what ``tagger_for`` builds its tagger from), without building it."""
    taxonomy, topic_model, thresholds = tagger_inputs(settings)
    return f"{LAYOUT}|{_content_digest(taxonomy)}|{_content_digest(topic_model)}|{thresholds!r}"


@lru_cache(maxsize=8)
def _content_digest(stamp: Stamp) -> str:
    if stamp is None:
        return "-"
    try:
        return hashlib.sha256(Path(stamp[0]).read_bytes()).hexdigest()[:16]
    except OSError:
        return "missing"


# The staged columns of each tag table: (column, attribute of the tag record).
_COMPANY_COLUMNS = (("company_id", "company_id"), ("mentions", "mentions"), ("in_title", "in_title"),
                    ("in_lead", "in_lead"), ("salience", "salience"))  # fmt: skip
_TOPIC_COLUMNS = (("topic_id", "topic_id"), ("score", "score"))
_MENTION_COLUMNS = (("company_id", "company_id"), ("field", "field"), ("start_char", "start"),
                    ("end_char", "end"), ("matched_text", "matched"), ("match_kind", "kind"),
                    ("in_lead", "in_lead"))  # fmt: skip


# Per column, its getter (operator.attrgetter: a C call per row, not a getattr in a comprehension).
_GETTERS: dict[tuple[tuple[str, str], ...], tuple[tuple[str, attrgetter[object]], ...]] = {
    columns: tuple((name, attrgetter(attribute)) for name, attribute in columns)
    for columns in (_COMPANY_COLUMNS, _TOPIC_COLUMNS, _MENTION_COLUMNS)
}
# json.dumps(..., ensure_ascii=False) builds this encoder anew on every call: built once.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _columns(rows: tuple[object, ...], columns: tuple[tuple[str, str], ...]) -> dict[str, list[object]]:
    return {name: list(map(getter, rows)) for name, getter in _GETTERS[columns]}


def encode(key: str, version: str, tags: Tags) -> str:
    """One article's tags as staged: ``key`` on the first line, then a JSON object whose members
    are columns (floats round-trip exactly), so that the tag stage reads a batch of them into
    Arrow tables in one call (``pipeline.stages.staged_tag_tables``), with no Python object per
    tag row."""
    body = {
        "companies": _columns(tags.companies, _COMPANY_COLUMNS),
        "topics": _columns(tags.topics, _TOPIC_COLUMNS),
        "mentions": _columns(tags.mentions, _MENTION_COLUMNS),
        "ai_relevance": tags.ai_relevance,
        "is_ai_relevant": tags.is_ai_relevant,
        "tagged_with": version,
    }
    return f"{key}\n{_ENCODER.encode(body)}"


def tag_text(settings: Settings, title: str | None, text: str | None, language: str | None) -> str:
    """Tag one article with the settings' tagger; the staged string."""
    tagger = tagger_for(settings)
    return encode(tagger_key(settings), tagger.version, tagger.tag(title, text, language))
