"""Tagger._find_into keeps a later part of a term with gaps only after a part before it (a speed
choice: "ein", "sich", "mit" are everywhere in German). The matches must be those _join_gaps finds
from every part, on real articles."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from pipeline.boilerplate import mask_boilerplate
from pipeline.config import DEFAULT_TAXONOMY_FILE
from pipeline.tagging import GAP_PART, TOPIC, Hit, Tagger, _words_only, normalize_apostrophes
from pipeline.taxonomy import load_taxonomy

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_taxonomy(DEFAULT_TAXONOMY_FILE))


def every_part(tagger: Tagger, text: str, field: str) -> list[Hit]:
    """Every gap part the automaton finds in ``text``, none left out."""
    text = normalize_apostrophes(text)
    parts = []
    # The fourth field (the parts a key needs before it, for _find_into's skip) is left unused: none left out.
    for end_idx, (length, several_words, entries, _needs) in tagger._automaton.iter(
        " " + _words_only(text) + " "
    ):
        start = end_idx - length + 1
        matched = text[start : start + length - 2]
        if several_words and ("\n" in matched or "\r" in matched):
            continue
        parts += [
            Hit(p, field, start, start + length - 2, matched)
            for p, kind, exact in entries
            if kind == GAP_PART and (exact is None or matched == exact)
        ]
    return parts


def test_terms_with_gaps_match_as_with_every_part(tagger: Tagger):
    articles = [
        json.loads(line)
        for sub in ("labelled", "heldout")
        for f in sorted((DATA / sub).glob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
    ]
    joined = 0
    for a in articles:
        for field, text in (("title", a["title"] or ""), ("text", mask_boilerplate(a["text"] or "")[0])):
            if not text:
                continue
            hits: defaultdict[str, list[Hit]] = defaultdict(list)
            tagger._find_into(text, field, hits)
            found = [h for h in hits[TOPIC] if h.pattern.text.count(" ... ")]
            expected = tagger._join_gaps(every_part(tagger, text, field), normalize_apostrophes(text), field)
            assert found == expected, (a.get("id"), field)
            joined += len(found)
    assert joined > 50  # the German articles do use terms with gaps
