"""Quality gate: the tagger on the project's labelled set must not drop below pinned floors.

Like trafilatura's evaluation gate: the floors sit a little under today's figures, so a
change that makes tagging worse fails here. Raise them when the tagger gets better; never
lower them to get green. Figures are printed by `mediamon evaluate tests/data/labelled`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import DEFAULT_TAXONOMY_FILE, Settings
from pipeline.evaluation import Evaluation, evaluate, load_labelled
from pipeline.tagging import Tagger
from pipeline.taxonomy import load_taxonomy

LABELLED = Path(__file__).parent / "data" / "labelled"
HELDOUT = Path(__file__).parent / "data" / "heldout"
LANGUAGES = ("en", "fr", "de", "es")

# Micro-F1 floors, pinned from the figures measured when the gate was last raised.
# The labelled set is the tuning set: 314 articles (176 first written, then 138 more written
# independently of the tagger and tuned on afterwards). Measured 2026-11-27: companies 0.998
# (every language >= 0.996), 0 false positives on traps; topics 0.885 (en 0.893, fr 0.886,
# de 0.869, es 0.894).
COMPANY_F1_FLOOR = {"all": 0.99, "en": 0.99, "fr": 0.99, "de": 0.99, "es": 0.99}
TOPIC_F1_FLOOR = {"all": 0.87, "en": 0.88, "fr": 0.87, "de": 0.85, "es": 0.88}

# The held-out set (100 articles, 25 per language, written by someone who never saw the
# tagger or its vocabulary) is for measuring, never for tuning. Its first measurement, with
# the topic vocabulary tuned on the labelled set: companies 0.979 with 4 false positives on
# traps (author notes and a credit line; fixed afterwards, so its company figure no longer
# counts as unseen); topics 0.813 (en 0.793, fr 0.800, de 0.852, es 0.808), below the 0.85
# target: its editor files more secondary topics per article (1.9) than the tagger finds
# (1.5). These floors keep what was measured from getting worse.
HELDOUT_COMPANY_F1_FLOOR = 0.98
HELDOUT_TOPIC_F1_FLOOR = 0.80


@pytest.fixture(scope="module")
def result() -> Evaluation:
    tagger = Tagger.from_settings(load_taxonomy(DEFAULT_TAXONOMY_FILE), Settings())
    return evaluate(load_labelled([LABELLED]), tagger)


def test_labelled_set_is_what_the_gate_claims():
    docs = load_labelled([LABELLED])
    assert len(docs) >= 80
    assert {d["language"] for d in docs} == set(LANGUAGES)
    assert sum(1 for d in docs if d.get("trap")) * 3 >= len(docs)  # at least a third are traps
    assert len({d["id"] for d in docs}) == len(docs)


@pytest.mark.parametrize("scope", ["all", *LANGUAGES])
def test_company_f1_floor(result: Evaluation, scope: str):
    assert result.companies[scope].f1 >= COMPANY_F1_FLOOR[scope], result.companies[scope]


@pytest.mark.parametrize("scope", ["all", *LANGUAGES])
def test_topic_f1_floor(result: Evaluation, scope: str):
    assert result.topics[scope].f1 >= TOPIC_F1_FLOOR[scope], result.topics[scope]


def test_every_language_close_to_english(result: Evaluation):
    for lang in ("fr", "de", "es"):
        assert result.companies[lang].f1 >= result.companies["en"].f1 - 0.05, lang
        assert result.topics[lang].f1 >= result.topics["en"].f1 - 0.05, lang


def test_no_company_on_trap_words(result: Evaluation):
    assert result.trap_false_positives == []


def test_detected_language_gives_the_same_quality(result: Evaluation):
    tagger = Tagger.from_settings(load_taxonomy(DEFAULT_TAXONOMY_FILE), Settings())
    detected = evaluate(load_labelled([LABELLED]), tagger, detect_language=True)
    assert detected.companies["all"].f1 >= result.companies["all"].f1 - 0.01
    assert detected.topics["all"].f1 >= result.topics["all"].f1 - 0.01


def test_heldout_set_floors_and_no_trap_false_positives():
    docs = load_labelled([HELDOUT])
    assert len(docs) == 100 and {d["language"] for d in docs} == set(LANGUAGES)
    held = evaluate(docs, Tagger.from_settings(load_taxonomy(DEFAULT_TAXONOMY_FILE), Settings()))
    assert held.companies["all"].f1 >= HELDOUT_COMPANY_F1_FLOOR, held.companies["all"]
    assert held.topics["all"].f1 >= HELDOUT_TOPIC_F1_FLOOR, held.topics["all"]
    assert held.trap_false_positives == []
