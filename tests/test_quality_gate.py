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
# The labelled set is the tuning set: 3,214 articles. 176 were written with the tagger; the
# rest came in batches from writers who saw neither the tagger nor the other sets, and each
# batch was measured once as unseen text before it was used for tuning (README, "Tagging
# quality"; ids <lang>-v6-NNN to <lang>-v20-NNN; the twentieth set, the held-out set until
# then, was folded in on 2026-11-28, when the twenty-first took its place).
# The secondary-topic model is trained on it, so these figures are in-sample: the held-out set
# below and benchmarks/topic_cv.py (each writers' set predicted by a model trained without it)
# are the honest measurements.
# Measured 2026-11-28 on the 3,214 (model refit on them, with the twenty-first set's masking and
# name rules): companies 0.998 (en 0.998, fr 0.999, de 0.998, es 0.996), 0 false positives on
# traps; topics 0.926 (en 0.930, fr 0.934, de 0.921, es 0.919) with MEDIAMON_TOPIC_RELATIVE 0.6
# and MEDIAMON_TOPIC_PROBABILITY 0.55. The secondary-topic model reads which vocabulary terms an
# article holds (about 2,500 term features besides the 45 score features;
# pipeline/topic_model.py), so it fits its training set closely and the in-sample topic figures
# flatter it. On the 3,054 before (model fit on them): 0.928 (en 0.932, fr 0.939, de 0.921,
# es 0.920).
COMPANY_F1_FLOOR = {"all": 0.99, "en": 0.99, "fr": 0.99, "de": 0.99, "es": 0.99}
TOPIC_F1_FLOOR = {"all": 0.92, "en": 0.925, "fr": 0.93, "de": 0.915, "es": 0.915}

# The held-out set (160 articles, 40 per language, ids <lang>-v21-NNN, 145 with traps) is for
# measuring, never for tuning topics: the twenty-first independently written set. Four writers,
# one per language, who saw neither the tagger, its vocabulary nor the other sets, wrote and
# labelled it from a brief that states README's label rules and the taxonomy's full product
# lists, and asks for the trap kinds the issue lists plus at least six shapes of their own.
# First measurement (2026-11-28, tagger at afdb4ca, nothing chosen with the set before):
# companies 0.946 (P 0.901, R 0.996; en 0.969, fr 0.977, de 0.914, es 0.935) with 30 false
# positives on trap articles; topics 0.852 (en 0.816, fr 0.901, de 0.830, es 0.871). The
# company errors were page widgets and notes again (price strips with an inline label, Swiss
# thousands or changes only; readers' forums and "Postings"; "Lesen Sie mehr zum Thema", "Le
# puede interesar"; share buttons; consent placeholders; the outlet asking for messages or
# photos; closing bios; a generated cover illustration; a chart's data credit; "Enviado desde
# mi iPhone") and names used for other things (racehorses called Nano Banana and Grok, "Dr
# Google", « l'Apple de l'ère de l'IA », Samsung Hall, "Ford Model Y" and a Czechoslovak brand
# Tesla, a where-to-watch line); they gave general rules, so its company figures are in-sample
# now: 1.000 with no trap false positive. Its topic labels have not been used; with the rules
# and the model refit on the 3,214 its topics are 0.855 (en 0.816, fr 0.913, de 0.838, es
# 0.860): every language at or above English's figure less 0.05 (French is 0.097 above it).
HELDOUT_COMPANY_F1_FLOOR = 0.99
HELDOUT_TOPIC_F1_FLOOR = {"all": 0.85, "en": 0.81, "fr": 0.905, "de": 0.83, "es": 0.855}


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
    for lang in ("fr", "de", "es"):  # the target, on text never tuned on (see above)
        assert held.companies[lang].f1 >= held.companies["en"].f1 - 0.05, lang
        assert held.topics[lang].f1 >= held.topics["en"].f1 - 0.05, lang
