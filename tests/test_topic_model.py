"""The secondary-topic model: shipped file in step with the data, applied, explained, retrainable."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from pathlib import Path

import pytest

from pipeline.config import DEFAULT_TAXONOMY_FILE, DEFAULT_TOPIC_MODEL, Settings
from pipeline.evaluation import load_labelled
from pipeline.tagging import Tagger
from pipeline.taxonomy import load_taxonomy
from pipeline.topic_model import (
    MIN_TERM_ARTICLES,
    TopicModel,
    load_topic_model,
    train,
    train_from_labelled,
    vocabulary_digest,
)
from tests.test_cli import assert_one_line_error, mediamon

LABELLED = Path(__file__).parent / "data" / "labelled"

# Written for this test: a court ruling whose vocabulary is mostly copyright, with the court
# itself mentioned twice. The rule keeps `copyright` only (legal is far behind); editors file
# such a story under both.
RULING = {
    "title": "Fotografen gegen KI-Start-up: Landgericht Hamburg stärkt das Urheberrecht",
    "text": (
        "Ein Berliner KI-Start-up darf Fotos einer Bildagentur nicht mehr zum Training seines "
        "Bildgenerators nutzen. Das Urheberrecht der Fotografen wiege schwerer, die Schranke für "
        "Text- und Data-Mining greife nicht, weil die Agentur einen maschinenlesbaren "
        "Nutzungsvorbehalt erklärt habe.\n"
        "Das Start-up, das mit Modellen von Stability AI arbeitet, will die Entscheidung prüfen. "
        "Der Fall gilt als wichtiger Test für das Urheberrecht im Zeitalter generativer KI: "
        "Trainingsdaten, Lizenzen und Vergütung für Kreative sind seit Monaten umstritten, und "
        "Verlage wie Musiklabels verhandeln über Lizenzmodelle. Das Urteil ist noch nicht "
        "rechtskräftig."
    ),
    "language": "de",
}


def test_shipped_model_is_trained_on_the_labelled_set_and_current_taxonomy():
    """Changing topic terms or gold labels without `mediamon train-topics` fails here."""
    taxonomy = load_taxonomy(DEFAULT_TAXONOMY_FILE)
    shipped = json.loads(DEFAULT_TOPIC_MODEL.read_text(encoding="utf-8"))
    assert shipped["taxonomy_digest"] == vocabulary_digest(taxonomy)
    retrained = train_from_labelled(load_labelled([LABELLED]), Tagger(taxonomy), taxonomy).to_json()
    assert retrained["trained_on"] == shipped["trained_on"]
    for tid, topic in shipped["topics"].items():
        assert retrained["topics"][tid]["intercept"] == pytest.approx(topic["intercept"], abs=1e-3), tid
        assert retrained["topics"][tid]["coef"] == pytest.approx(topic["coef"], abs=1e-3), tid


def test_model_adds_the_secondary_topic_and_explains_it():
    taxonomy = load_taxonomy(DEFAULT_TAXONOMY_FILE)
    rule_only = Tagger.from_settings(taxonomy, Settings(topic_model=None))
    with_model = Tagger.from_settings(taxonomy, Settings())
    assert with_model.topic_model is not None
    before = {t.topic_id for t in rule_only.tag(RULING["title"], RULING["text"], "de").topics}
    tags, why = with_model.explain(RULING["title"], RULING["text"], "de")
    after = {t.topic_id for t in tags.topics}
    assert before == {"copyright"}
    assert after == {"copyright", "legal"}
    assert why.topics["copyright"]["by"] == "vocabulary"
    legal = why.topics["legal"]
    assert legal["by"] == "model"
    assert float(legal["probability"]) >= Settings().topic_probability  # type: ignore[arg-type]
    assert any(term[0] == "landgericht" for term in legal["terms"])  # type: ignore[index, union-attr]


def test_model_reads_which_terms_an_article_holds_not_only_the_scores():
    """Two terms with the same weight give the same scores; only the term says which one it was.

    Articles holding "landgericht" are filed under legal too, those holding "lizenz" are not:
    the scores cannot tell them apart, the term features can."""
    taxonomy = load_taxonomy(DEFAULT_TAXONOMY_FILE)
    scores = {"copyright": 9.0, "legal": 2.0}
    court = {"copyright": [["urheberrecht", 3.0, 3.0]], "legal": [["landgericht", 1.0, 2.0]]}
    licence = {"copyright": [["urheberrecht", 3.0, 3.0]], "legal": [["lizenz", 1.0, 2.0]]}
    rows = [(scores, court, {"copyright", "legal"})] * 20 + [(scores, licence, {"copyright"})] * 20
    model = train(rows, taxonomy, {"articles": len(rows)})
    assert ("legal", "landgericht") in model.terms and ("legal", "lizenz") in model.terms
    assert model.probabilities(scores, court)["legal"] > 0.65 > model.probabilities(scores, licence)["legal"]
    # Without its terms the article gets the scores-only probability, between the two.
    alone = model.probabilities(scores)["legal"]
    assert model.probabilities(scores, licence)["legal"] < alone < model.probabilities(scores, court)["legal"]
    # A term the model never saw adds nothing.
    unseen = {**court, "legal": [["schiedsgericht", 1.0, 2.0]]}
    assert model.probabilities(scores, unseen)["legal"] == pytest.approx(alone)


def test_rare_terms_are_not_features_and_the_model_file_round_trips():
    taxonomy = load_taxonomy(DEFAULT_TAXONOMY_FILE)
    scores = {"chips": 6.0}
    common = {"chips": [["gpu", 2.0, 2.0]]}
    rare = {"chips": [["gpu", 2.0, 2.0]], "cloud_infra": [["rechenzentrum", 1.0, 2.0]]}
    rows = [(scores, common, {"chips"})] * 30 + [(scores, rare, {"chips", "cloud_infra"})] * (
        MIN_TERM_ARTICLES - 1
    )
    model = train(rows, taxonomy, {"articles": len(rows)})
    assert model.terms == (("chips", "gpu"),)
    again = TopicModel.from_json(json.loads(model.dumps()))
    assert again.terms == model.terms
    for terms in (common, rare, None):
        for tid, p in model.probabilities(scores, terms).items():
            assert again.probabilities(scores, terms)[tid] == pytest.approx(p, abs=1e-4), tid


def test_a_model_file_of_the_first_format_is_refused():
    data = json.loads(DEFAULT_TOPIC_MODEL.read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="unknown topic model format 1"):
        TopicModel.from_json({**data, "format": 1})


def test_irrelevant_articles_get_no_topic_from_the_model():
    tagger = Tagger.from_settings(load_taxonomy(DEFAULT_TAXONOMY_FILE), Settings())
    tags = tagger.tag(
        "Court rules on orchard boundary dispute",
        "A county court ruled on Tuesday that the orchard owner must move his fence. The judge "
        "said the lawsuit had dragged on for years; both neighbours may appeal the ruling.",
        "en",
    )
    assert not tags.is_ai_relevant and tags.topics == ()


def test_a_model_for_another_vocabulary_is_not_used(caplog: pytest.LogCaptureFixture):
    taxonomy = load_taxonomy(DEFAULT_TAXONOMY_FILE)
    first = taxonomy.topics[0]
    changed_terms = {**first.terms, "en": {**first.terms["en"], "thinking machines": 2.0}}
    changed = dataclasses.replace(
        taxonomy, topics=(dataclasses.replace(first, terms=changed_terms), *taxonomy.topics[1:])
    )
    with caplog.at_level(logging.WARNING, logger="pipeline.topic_model"):
        assert load_topic_model(DEFAULT_TOPIC_MODEL, changed) is None
    assert "retrain" in caplog.text
    assert load_topic_model(DEFAULT_TOPIC_MODEL, taxonomy) is not None
    tagger = Tagger.from_settings(changed, Settings())
    assert tagger.topic_model is None
    assert {t.topic_id for t in tagger.tag(RULING["title"], RULING["text"], "de").topics} == {"copyright"}


def test_topic_model_setting_can_be_turned_off(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MEDIAMON_TOPIC_MODEL", "none")
    assert Settings.from_env().topic_model is None
    monkeypatch.setenv("MEDIAMON_TOPIC_MODEL", "/tmp/elsewhere.json")
    assert Settings.from_env().topic_model == Path("/tmp/elsewhere.json")


def test_train_topics_command(tmp_path: Path):
    labelled = tmp_path / "labelled"
    labelled.mkdir()
    docs = load_labelled([LABELLED / "en.jsonl"])[:60]
    (labelled / "en.jsonl").write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    out = tmp_path / "model.json"
    proc = mediamon("train-topics", str(labelled), "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    model = TopicModel.from_json(json.loads(out.read_text(encoding="utf-8")))
    assert model.trained_on["articles"] == 60
    assert model.digest == vocabulary_digest(load_taxonomy(DEFAULT_TAXONOMY_FILE))
    # The written model is the one a run uses when pointed at it.
    env = {**os.environ, "MEDIAMON_TOPIC_MODEL": str(out)}
    tagged = mediamon("tag", stdin=json.dumps({"id": 1, **RULING}) + "\n", env=env)
    assert tagged.returncode == 0, tagged.stderr
    assert "copyright" in json.loads(tagged.stdout)["topics"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert_one_line_error(
        mediamon("train-topics", str(empty), "--output", str(out)), "no labelled JSON lines"
    )
