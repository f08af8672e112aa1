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
LANGUAGES = ("en", "fr", "de", "es")

# Micro-F1 floors, pinned from the figures measured when the gate was last raised.
# Measured 2026-11-27: companies 0.998 (de 0.991, others 1.000); topics 0.885 (en 0.898,
# fr 0.900, de 0.854, es 0.884). Topic vocabulary was tuned on the odd-numbered half only;
# the even half (never looked at while tuning) scored 0.833 for topics, the honest estimate
# for text the tagger has not seen.
COMPANY_F1_FLOOR = {"all": 0.98, "en": 0.97, "fr": 0.97, "de": 0.97, "es": 0.97}
TOPIC_F1_FLOOR = {"all": 0.87, "en": 0.88, "fr": 0.88, "de": 0.83, "es": 0.86}


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
