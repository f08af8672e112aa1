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
# The labelled set is the tuning set: 2,094 articles. 176 were written with the tagger; the
# rest came in batches from writers who saw neither the tagger nor the other sets, and each
# batch was measured once as unseen text before it was used for tuning (README, "Tagging
# quality"; the last seven, ids <lang>-v7-NNN to <lang>-v13-NNN, were folded in on 2026-11-27).
# The secondary-topic model is trained on it, so these figures are in-sample: the held-out set
# below and benchmarks/topic_cv.py (each writers' set predicted by a model trained without it)
# are the honest measurements.
# Measured 2026-11-27 on the 2,094: companies 0.996 (en 0.997, fr 0.998, de 0.997, es 0.994),
# 0 false positives on traps; topics 0.888 (en 0.891, fr 0.899, de 0.878, es 0.885) with
# MEDIAMON_TOPIC_RELATIVE 0.6 and MEDIAMON_TOPIC_PROBABILITY 0.65 (pipeline/topic_model.py).
COMPANY_F1_FLOOR = {"all": 0.99, "en": 0.99, "fr": 0.99, "de": 0.99, "es": 0.99}
TOPIC_F1_FLOOR = {"all": 0.88, "en": 0.89, "fr": 0.89, "de": 0.87, "es": 0.88}

# The held-out set (160 articles, 40 per language, ids <lang>-v14-NNN, 104 with traps) is for
# measuring, never for tuning topics: the fourteenth independently written set. Four writers,
# one per language, who saw neither the tagger, its vocabulary nor the other sets, wrote and
# labelled it from a brief that states README's label rules and asks for trap shapes a tuned
# tagger may not have seen.
# First measurement (2026-11-27, tagger at 4f35305, nothing chosen with the set before):
# companies 0.986 (P 0.976, R 0.997) with 9 false positives on trap articles; topics 0.817
# (en 0.819, fr 0.860, de 0.793, es 0.800). The topic vocabulary review merged next (chosen by
# cross-validation on the tuning set) measured 0.830 on it (de 0.838). The company errors (a
# metric "die sogenannte Perplexity", "Anthropic reasoning" at a sentence start, a baseball club
# called "Samsung", closing author bios with a past career, a newsletter's own WhatsApp channel,
# "(Capture d'écran LinkedIn)", "Disponible para iPhone y Android.") then gave general rules, so
# its company figures are in-sample now: 0.999 with no trap false positive. Its topic labels
# have not been used; with the model refit on the 2,094 its topics are 0.826 (en 0.800, fr
# 0.876, de 0.828, es 0.803), below the 0.85 target.
# The floors keep these figures from getting worse; the language-gap target is asserted for
# companies, and for topics each language has its own floor (README reports the gaps).
HELDOUT_COMPANY_F1_FLOOR = 0.99
HELDOUT_TOPIC_F1_FLOOR = {"all": 0.82, "en": 0.79, "fr": 0.87, "de": 0.82, "es": 0.80}


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
    assert len(docs) == 160 and {d["language"] for d in docs} == set(LANGUAGES)
    assert not {d["id"] for d in docs} & {d["id"] for d in load_labelled([LABELLED])}  # never tuned on
    held = evaluate(docs, Tagger.from_settings(load_taxonomy(DEFAULT_TAXONOMY_FILE), Settings()))
    assert held.companies["all"].f1 >= HELDOUT_COMPANY_F1_FLOOR, held.companies["all"]
    assert held.trap_false_positives == []
    for scope, floor in HELDOUT_TOPIC_F1_FLOOR.items():
        assert held.topics[scope].f1 >= floor, (scope, held.topics[scope])
    for lang in ("fr", "de", "es"):  # the target, on text never tuned on
        assert held.companies[lang].f1 >= held.companies["en"].f1 - 0.05, lang
