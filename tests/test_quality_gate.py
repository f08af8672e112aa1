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
# The labelled set is the tuning set: 714 articles (176 written with the tagger, then 138 and
# 100 more written independently of it and tuned on afterwards, then three earlier held-out
# sets of 100 each, folded in once measured). The secondary-topic model is trained on it, so
# these figures are in-sample: the held-out set below is the honest measurement.
# Measured 2026-11-27: companies 0.994 (every language >= 0.986; es loses two points to the
# 4th held-out set, where a rival named once in passing is not gold), 0 false positives on traps;
# topics 0.897 (en 0.909, fr 0.916, de 0.882, es 0.883). On the first 414 alone the model
# lifted topics from 0.894 to 0.922 (every language up).
COMPANY_F1_FLOOR = {"all": 0.99, "en": 0.99, "fr": 0.99, "de": 0.99, "es": 0.98}
TOPIC_F1_FLOOR = {"all": 0.89, "en": 0.90, "fr": 0.91, "de": 0.87, "es": 0.87}

# The held-out set (100 articles, 25 per language, written by two writers who never saw the
# tagger, its vocabulary or the other sets) is for measuring, never for tuning: the fifth such
# set; the four before it were measured once each and then folded into the tuning set.
# Its first measurement (2026-11-27, secondary-topic model trained on the 714): companies
# 0.967 (P 0.937, R 1.000), no false positive on a trap; topics 0.858 (P 0.910, R 0.812; en
# 0.866, fr 0.886, de 0.800, es 0.878; the vocabulary rule alone: 0.799, de 0.718). German
# is 0.066 behind English, over the 0.05 the issue allows. These floors keep what was
# measured from getting worse.
HELDOUT_COMPANY_F1_FLOOR = 0.96
HELDOUT_TOPIC_F1_FLOOR = 0.85


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
    assert not {d["id"] for d in docs} & {d["id"] for d in load_labelled([LABELLED])}  # never tuned on
    held = evaluate(docs, Tagger.from_settings(load_taxonomy(DEFAULT_TAXONOMY_FILE), Settings()))
    assert held.companies["all"].f1 >= HELDOUT_COMPANY_F1_FLOOR, held.companies["all"]
    assert held.topics["all"].f1 >= HELDOUT_TOPIC_F1_FLOOR, held.topics["all"]
    assert held.trap_false_positives == []
