"""Stage 3: the first tagger, with the project's taxonomy file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import DEFAULT_TAXONOMY_FILE
from pipeline.errors import TaxonomyError
from pipeline.tagging import Tagger
from pipeline.taxonomy import load_taxonomy

REQUIRED_COMPANIES = set(
    [
        "openai",
        "microsoft",
        "google",
        "anthropic",
        "meta",
        "amazon",
        "apple",
        "nvidia",
        "xai",
        "mistral",
        "tesla",
        "samsung",
        "intel",
        "amd",
        "tsmc",
        "ibm",
        "oracle",
        "salesforce",
        "huggingface",
        "cohere",
        "perplexity",
        "deepseek",
        "alibaba",
        "baidu",
        "bytedance",
        "softbank",
        "arm",
        "stability",
    ]
)
REQUIRED_TOPICS = set(
    [
        "agi",
        "funding",
        "partnership",
        "m_and_a",
        "legal",
        "regulation",
        "chips",
        "products",
        "models_research",
        "safety",
        "governance",
        "workforce",
        "cloud_infra",
        "earnings",
        "copyright",
    ]
)


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_taxonomy(DEFAULT_TAXONOMY_FILE))


def companies(tagger: Tagger, text: str, title: str = "", language: str | None = "en") -> list[str]:
    return sorted(c.company_id for c in tagger.tag(title, text, language).companies)


def test_taxonomy_covers_the_required_companies_and_topics_in_en_and_fr():
    tax = load_taxonomy(DEFAULT_TAXONOMY_FILE)
    assert tax.company_ids >= REQUIRED_COMPANIES
    assert tax.topic_ids >= REQUIRED_TOPICS
    for topic in tax.topics:
        assert topic.terms.get("en") and topic.terms.get("fr"), topic.topic_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OpenAI's new model beat the benchmark.", ["openai"]),
        ("Le partenariat d'OpenAI avec l'américain Nvidia.", ["nvidia", "openai"]),
        ("Le partenariat d’OpenAI avec l’américain Nvidia.", ["nvidia", "openai"]),
        ("The Microsoft-backed lab shipped ChatGPT updates.", ["microsoft", "openai"]),
        ("NVIDIA and nvidia and Nvidia are one company.", ["nvidia"]),
    ],
)
def test_real_world_forms_match(tagger: Tagger, text: str, expected: list[str]):
    assert companies(tagger, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Artificial intelligence and business intelligence help.",  # intel inside a word
        "Le dernier rapport sur l'intelligence des abeilles est paru.",  # 'ernie' inside dernier
        "Bake the apple pie. Apple trees love sun. An oracle spoke; my arm hurts.",
        "We sailed up the Amazon river while the mistral blew over Provence.",
        "The Gemini constellation and a llama farm; Claude Monet painted water lilies.",
    ],
)
def test_ordinary_words_are_not_companies(tagger: Tagger, text: str):
    assert companies(tagger, text) == []


def test_ambiguous_name_counts_with_tech_context(tagger: Tagger):
    text = "Apple said its artificial intelligence features will reach more phones."
    assert companies(tagger, text) == ["apple"]


def test_mentions_and_title_flag(tagger: Tagger):
    tags = tagger.tag("Nvidia beats estimates", "Nvidia sold chips. Nvidia's data centre sales rose.", "en")
    (nvidia,) = tags.companies
    assert (nvidia.company_id, nvidia.mentions, nvidia.in_title) == ("nvidia", 2, True)


def test_longest_alias_wins_over_the_shorter_one_inside_it(tagger: Tagger):
    tags = tagger.tag("", "Mistral AI released a model.", "en")
    assert [(c.company_id, c.mentions) for c in tags.companies] == [("mistral", 1)]


def test_one_passing_word_does_not_make_a_topic(tagger: Tagger):
    weak = tagger.tag("", "The company mentioned its revenue once in a story about hiring a chef.", "en")
    assert "earnings" not in [t.topic_id for t in weak.topics]
    strong = tagger.tag(
        "", "OpenAI says it could declare artificial general intelligence, the AGI clause.", "en"
    )
    assert "agi" in [t.topic_id for t in strong.topics]


def test_french_topic_vocabulary(tagger: Tagger):
    tags = tagger.tag("", "Mistral AI annonce une levée de fonds de 600 millions d'euros.", "fr")
    assert "funding" in [t.topic_id for t in tags.topics]


def test_taxonomy_errors_name_the_entry(tmp_path: Path):
    bad = tmp_path / "taxonomy.yaml"
    bad.write_text(
        "companies:\n  - id: x\n    name: X\n    aliases: [X]\ntopics:\n  - id: t\n    terms: {en: {a: heavy}}\n"
    )
    with pytest.raises(TaxonomyError, match=r"t\.terms\.en has a non-numeric weight"):
        load_taxonomy(bad)
    bad.write_text(
        "companies:\n  - id: x\n    name: X\n  - id: x\n    name: Y\ntopics:\n  - {id: t, terms: {en: {a: 1}}}\n"
    )
    with pytest.raises(TaxonomyError, match="duplicate company ids: x"):
        load_taxonomy(bad)
