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
EIGHTH = Path(__file__).parent / "data" / "eighth"
LANGUAGES = ("en", "fr", "de", "es")

# Micro-F1 floors, pinned from the figures measured when the gate was last raised.
# The labelled set is the tuning set: 974 articles (176 written with the tagger, then 138 and
# 100 more written independently of it and tuned on afterwards, then five earlier held-out
# sets, folded in once measured). The secondary-topic model is trained on it, so these figures
# are in-sample: the held-out set below is the honest measurement.
# Measured 2026-11-27 on the 974: companies 0.990 (en 0.995, fr 0.993, de 0.989, es 0.980;
# German and Spanish lose precision to the sixth set, where a rival named once in passing, as
# a contrast or a benchmark neighbour, is not gold), 0 false positives on traps; topics 0.896
# (en 0.892, fr 0.907, de 0.895, es 0.891) after German terms with gaps (separable verbs) and
# forms; the vocabulary rule alone 0.845 (de 0.824, from 0.800). On the first 414 alone the
# model lifted topics from 0.894 to 0.922 (every language up).
COMPANY_F1_FLOOR = {"all": 0.99, "en": 0.99, "fr": 0.99, "de": 0.99, "es": 0.98}
TOPIC_F1_FLOOR = {"all": 0.89, "en": 0.89, "fr": 0.90, "de": 0.89, "es": 0.89}

# The held-out set (160 articles, 40 per language, ids <lang>-v7-NNN) is for measuring, never
# for tuning: the seventh independently written set; the six before it were measured once
# each and then folded into the tuning set. Four writers, one per language, who saw neither
# the tagger, its vocabulary nor the other sets, wrote and labelled it; their company labels
# follow a stricter rule than the tuning set's (only the companies a story is about or that
# act in it), so a second annotator, who saw neither the tagger nor its output, labelled the
# companies each article names, the tuning set's rule: `companies` holds those, and the
# writers' labels are kept as `companies_about`.
# First measurement (2026-11-27, tagger and topic model as tuned on the 974): companies 0.991
# (P 0.995, R 0.986) with one false positive on a trap article (Microsoft, from "a kind of
# GitHub for open-source AI models"; blockers for such figures of speech came afterwards, so
# the company figure, now 0.993 with none, no longer counts as unseen); topics 0.893 (P 0.847,
# R 0.945; en 0.891, fr 0.860, de 0.913, es 0.916: every language within 0.05 of English; the
# vocabulary rule alone 0.857). Against the writers' stricter labels every tag counts: company
# precision 0.698 (passing mentions are tags, with a low salience). These floors keep what was
# measured from getting worse.
HELDOUT_COMPANY_F1_FLOOR = 0.98
HELDOUT_TOPIC_F1_FLOOR = 0.88

# The eighth set (160 articles, 40 per language, ids <lang>-v8-NNN), written and labelled like
# the seventh and kept apart from both the tuning set and the held-out set. Measured once
# unseen (2026-11-27): companies 0.985 with 10 trap false positives, topics 0.848. Its company
# errors were then used to write four rules (author bios, disclosure notes, platform
# availability lists, figures of speech), so its company figures are in-sample: companies now
# 1.000 (P 1.000, R 1.000) with no trap false positive. Its topic labels have not been used
# for tuning. It is not folded into the tuning set: folding it in and refitting the topic model
# widened the held-out French-English topic gap past 0.05.
EIGHTH_COMPANY_F1_FLOOR = 0.99

# The ninth set (160 articles, ids <lang>-v9-NNN, 84 with traps), by four more writers given
# README's company rule. Measured once unseen (2026-11-27): companies 0.989 (P 0.978, R 1.000)
# with 9 trap false positives (a figure of speech after a fused preposition, "vom iPhone der
# Robotik"; three two-item platform lists naming the iPhone; two labelled disclosure notes; two
# closing bios; a reporting credit naming a person called Sora); topics 0.841 (P 0.759; en
# 0.875, fr 0.821, de 0.796: German and French more than 0.05 behind English). The company
# errors were then used to write general rules (see pipeline/boilerplate.py and
# pipeline/name_use.py), so its company figures are in-sample: now 1.000 with no trap false
# positive. Its topic labels have not been used for tuning.
NINTH = Path(__file__).parent / "data" / "ninth"
NINTH_COMPANY_F1_FLOOR = 0.99


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
    assert held.topics["all"].f1 >= HELDOUT_TOPIC_F1_FLOOR, held.topics["all"]
    assert held.trap_false_positives == []
    for lang in ("fr", "de", "es"):  # the target, on text never tuned on
        assert held.companies[lang].f1 >= held.companies["en"].f1 - 0.05, lang
        assert held.topics[lang].f1 >= held.topics["en"].f1 - 0.05, lang


def test_eighth_set_company_floor_and_no_trap_false_positives():
    docs = load_labelled([EIGHTH])
    assert len(docs) == 160 and {d["language"] for d in docs} == set(LANGUAGES)
    ids = {d["id"] for d in docs}
    assert not ids & {d["id"] for d in load_labelled([LABELLED, HELDOUT])}  # kept apart from both
    eighth = evaluate(docs, Tagger.from_settings(load_taxonomy(DEFAULT_TAXONOMY_FILE), Settings()))
    assert eighth.trap_false_positives == []
    assert eighth.companies["all"].f1 >= EIGHTH_COMPANY_F1_FLOOR, eighth.companies["all"]


def test_ninth_set_company_floor_and_no_trap_false_positives():
    docs = load_labelled([NINTH])
    assert len(docs) == 160 and {d["language"] for d in docs} == set(LANGUAGES)
    assert not {d["id"] for d in docs} & {d["id"] for d in load_labelled([LABELLED, HELDOUT, EIGHTH])}
    ninth = evaluate(docs, Tagger.from_settings(load_taxonomy(DEFAULT_TAXONOMY_FILE), Settings()))
    assert ninth.trap_false_positives == []
    assert ninth.companies["all"].f1 >= NINTH_COMPANY_F1_FLOOR, ninth.companies["all"]
