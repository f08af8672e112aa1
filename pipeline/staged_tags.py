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


def encode(key: str, version: str, tags: Tags) -> str:
    """One article's tags as staged: ``key`` on the first line, then a JSON object whose members
    are columns (floats round-trip exactly), so that the tag stage reads a batch of them into
    Arrow tables in one call (``pipeline.stages.staged_tag_tables``), with no Python object per
    tag row."""
    body = {
        "companies": {
            "company_id": [c.company_id for c in tags.companies],
            "mentions": [c.mentions for c in tags.companies],
            "in_title": [c.in_title for c in tags.companies],
            "in_lead": [c.in_lead for c in tags.companies],
            "salience": [c.salience for c in tags.companies],
        },
        "topics": {"topic_id": [t.topic_id for t in tags.topics], "score": [t.score for t in tags.topics]},
        "mentions": {
            "company_id": [m.company_id for m in tags.mentions],
            "field": [m.field for m in tags.mentions],
            "start_char": [m.start for m in tags.mentions],
            "end_char": [m.end for m in tags.mentions],
            "matched_text": [m.matched for m in tags.mentions],
            "match_kind": [m.kind for m in tags.mentions],
            "in_lead": [m.in_lead for m in tags.mentions],
        },
        "ai_relevance": tags.ai_relevance,
        "is_ai_relevant": tags.is_ai_relevant,
        "tagged_with": version,
    }
    return f"{key}\n{json.dumps(body, ensure_ascii=False)}"


def tag_text(settings: Settings, title: str | None, text: str | None, language: str | None) -> str:
    """Tag one article with the settings' tagger; the staged string."""
    tagger = tagger_for(settings)
    return encode(tagger_key(settings), tagger.version, tagger.tag(title, text, language))
