"""Stage 3: the first tagger, with the project's taxonomy file."""

from __future__ import annotations

import math
import re
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
        "ERNIE, the Premium Bonds machine, picked two new millionaires this month.",
        "Alexa Rodríguez has answered calls for six years; now an AI chatbot handles the easy ones.",
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


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("common_noun", "[Dojo]", r"x\.common_noun must map a cased name to words of its sense"),
        ("common_noun", "{Nope: [judo]}", r"x\.common_noun: 'Nope' is not one of its cased names"),
        ("name_evidence", "[Dojo]", r"x\.name_evidence must map a cased name to evidence kinds"),
        ("name_evidence", "{Nope: [anchor]}", r"x\.name_evidence: 'Nope' is not one of its cased names"),
        ("name_evidence", "{Dojo: [hunch]}", r"x\.name_evidence\.Dojo needs known evidence kinds"),
    ],
)
def test_a_field_by_cased_name_must_name_a_cased_name(tmp_path: Path, field: str, value: str, error: str):
    bad = tmp_path / "taxonomy.yaml"
    bad.write_text(
        f"companies:\n  - {{id: x, name: X, cased: [Dojo], {field}: {value}}}\n"
        "topics:\n  - {id: t, terms: {en: {a: 1}}}\n"
    )
    with pytest.raises(TaxonomyError, match=error):
        load_taxonomy(bad)
    bad.write_text(
        "companies:\n  - {id: x, name: X, cased: [Dojo], common_noun: {Dojo: [judo]}, name_evidence: {Dojo: [anchor]}}\n"
        "topics:\n  - {id: t, terms: {en: {a: 1}}}\n"
    )
    company = load_taxonomy(bad).companies[0]
    assert company.common_noun == (("Dojo", ("judo",)),)
    assert company.name_evidence == (("Dojo", frozenset({"anchor"})),)


def test_a_taxonomy_is_read_once_per_content(tmp_path: Path):
    """Three stages of a run read the file; a changed file is read again, a broken one still fails."""
    path = tmp_path / "taxonomy.yaml"
    path.write_text("companies:\n  - {id: x, name: X}\ntopics:\n  - {id: t, terms: {en: {a: 1}}}\n")
    first = load_taxonomy(path)
    assert load_taxonomy(path) is first
    path.write_text("companies:\n  - {id: y, name: Y}\ntopics:\n  - {id: t, terms: {en: {a: 1}}}\n")
    assert [c.company_id for c in load_taxonomy(path).companies] == ["y"]
    path.write_text("companies: [")
    with pytest.raises(TaxonomyError, match="not valid YAML"):
        load_taxonomy(path)


def test_evidence_decides_ambiguous_names(tagger: Tagger):
    # A corporate suffix is evidence on its own, even with no tech words around.
    assert companies(tagger, "Shares of Oracle Corp rose on Tuesday in New York.") == ["oracle"]
    # An unambiguous name of the same company elsewhere in the article.
    assert companies(tagger, "Amazon said its AWS unit would hire more staff.") == ["amazon"]
    # Lower-case uses of the same word mark a sentence-initial capital as the ordinary word.
    text = "Perplexity fell during training. Lower perplexity means the language model predicts text better."
    assert companies(tagger, text) == []


def test_boilerplate_never_makes_a_tag(tagger: Tagger):
    text = (
        "By Jane Example\n"
        "OpenAI released a new model for developers on Tuesday, the company said in a blog post.\n"
        "Read also\nNvidia beats estimates on data centre demand\nMistral AI raises fresh funds\n"
        "Photo: Samsung"
    )
    tags = tagger.tag("New model", text, "en")
    assert [c.company_id for c in tags.companies] == ["openai"]


def test_mentions_offsets_lead_and_salience(tagger: Tagger):
    title = "Nvidia results beat forecasts"
    text = (
        "Nvidia sold more data center chips than expected, lifting its quarterly revenue.\n"
        "Analysts said demand from Microsoft and other cloud providers stayed strong.\n"
        "Nvidia shares rose 4% after hours."
    )
    tags = tagger.tag(title, text, "en")
    by_id = {c.company_id: c for c in tags.companies}
    assert by_id["nvidia"].in_title and by_id["nvidia"].in_lead and by_id["nvidia"].mentions == 2
    assert not by_id["microsoft"].in_title and not by_id["microsoft"].in_lead
    assert by_id["nvidia"].salience > by_id["microsoft"].salience
    for m in tags.mentions:
        source = title if m.field == "title" else text
        assert source[m.start : m.end] == m.matched


def test_accents_and_german_forms(tagger: Tagger):
    assert companies(
        tagger, "Die Nvidia-Chips und Nvidias Umsatz stiegen, sagte der OpenAI-Chef.", language="de"
    ) == [
        "nvidia",
        "openai",
    ]


def test_ai_relevance(tagger: Tagger):
    cooking = tagger.tag(
        "Apple pie", "Apple pie is easy. Slice six apples, add butter and sugar, bake for an hour.", "en"
    )
    assert not cooking.is_ai_relevant and cooking.companies == () and cooking.topics == ()
    ai = tagger.tag(
        "OpenAI's new model",
        "OpenAI released a large language model that beats rivals on reasoning benchmarks, the company said.",
        "en",
    )
    assert ai.is_ai_relevant and ai.ai_relevance > cooking.ai_relevance


def test_taxonomy_ten_times_larger_gives_the_same_tags(tagger: Tagger):
    """Synthetic companies and terms added (the benchmark's 10x taxonomy) change no real tag."""
    from benchmarks.bench_tagging import grown

    big = Tagger(grown(tagger.taxonomy, 10))
    text = "OpenAI and Microsoft renegotiated their partnership; Nvidia supplies the chips."
    assert big.pattern_count > 8 * tagger.pattern_count
    small_tags, big_tags = tagger.tag("", text, "en"), big.tag("", text, "en")
    assert small_tags.companies == big_tags.companies and small_tags.topics == big_tags.topics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Support roles at Salesforce fell by a third last year, according to LinkedIn.", ["salesforce"]),
        ("Salesforce a supprimé 4 000 postes, selon les données de LinkedIn.", ["salesforce"]),
        ("Salesforce recortó 4.000 empleos, según datos de LinkedIn.", ["salesforce"]),
        ("Salesforce hat 4000 Stellen gestrichen, laut LinkedIn.", ["salesforce"]),
        # Named as a source and also written about: a tag.
        ("LinkedIn launched an AI recruiter. Demand is up, according to LinkedIn.", ["microsoft"]),
        ("Baidu's ERNIE chatbot now has 300 million users.", ["baidu"]),
        ("The chatbot ERNIE, built by Robin Li's company, added voice.", ["baidu"]),
    ],
)
def test_a_company_named_only_as_a_source_is_not_a_tag(tagger: Tagger, text: str, expected: list[str]):
    assert companies(tagger, text) == expected


# Seventeenth unseen set: a platform as where a figure's data were gathered is a source credit; the company's
# own business under analysis, or the company acting, is the story.
@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Ampere has 1,000 engineers, according to an analysis of LinkedIn profiles by a research firm.", "en", []),
        ("Demand doubled, according to a study of Amazon reviews by the consultancy.", "en", []),
        ("Ampère compte 1 000 ingénieurs, selon une analyse des profils LinkedIn par un cabinet.", "fr", []),
        ("Ampere beschäftigt 1000 Ingenieure, laut einer Auswertung von LinkedIn-Profilen.", "de", []),
        ("Ampere tiene 1.000 ingenieros, según un análisis de perfiles de LinkedIn de una consultora.", "es", []),
        # The company's own business, or the company itself: a tag.
        ("Growth slowed, according to an analysis of LinkedIn's revenue by Bernstein.", "en", ["microsoft"]),
        ("Growth slowed, according to an analysis of Nvidia sales data by Bernstein.", "en", ["nvidia"]),
        ("According to an analysis of LinkedIn profiles, demand is up. LinkedIn said it would hire.", "en",
         ["microsoft"]),
        ("Selon une analyse du chiffre d'affaires de LinkedIn, la croissance ralentit.", "fr", ["microsoft"]),
    ],
)  # fmt: skip
def test_a_platform_named_as_a_figures_data_source_is_not_a_tag(
    tagger: Tagger, text: str, language: str, expected: list[str]
):
    assert companies(tagger, text, language=language) == expected


# Eighteenth unseen set: page furniture (share buttons written out, a newsletter's sponsor, a courtesy credit)
# is no tag; the story's authors' organisation closing the article is the story.
@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Nvidia beat estimates.\nShare this article on X, Facebook or LinkedIn.", "en", ["nvidia"]),
        ("Nvidia a battu les attentes.\nPartagez cet article sur X, Facebook ou LinkedIn.", "fr", ["nvidia"]),
        ("Nvidia übertraf die Erwartungen.\nTeilen Sie diesen Artikel auf Facebook.", "de", ["nvidia"]),
        ("Nvidia superó las previsiones.\nEste boletín cuenta con el patrocinio de IBM.", "es", ["nvidia"]),
        ("Nvidia beat estimates.\nThis newsletter is sponsored by IBM.", "en", ["nvidia"]),
        ("Samsung mostró sus gafas.\n[Imagen: un visitante prueba unas gafas en la feria. Foto cedida por Apple]",
         "es", ["samsung"]),
        # The story.
        ("Meta lets users share articles on Facebook.", "en", ["meta"]),
        ("IBM sponsored the hackathon, the organisers said.", "en", ["ibm"]),
        ("The court heard the appeal.\nNo date was set. The Authors Guild, which is suing OpenAI, backed the writers.",
         "en", ["openai"]),
    ],
)  # fmt: skip
def test_page_furniture_of_the_eighteenth_set_is_not_a_tag(
    tagger: Tagger, text: str, language: str, expected: list[str]
):
    assert companies(tagger, text, language=language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Anthropic launched a new model for companies on Monday.\nDisclosure: the author owns shares in Apple and Amazon.", "en"),
        ("Anthropic stellte am Montag ein neues Modell für Firmen vor.\nOffenlegung: Der Autor hält Aktien von Apple und Amazon.", "de"),
        ("Anthropic presentó el lunes un nuevo modelo para empresas.\nTransparencia: este diario mantiene un acuerdo de licencia con OpenAI.", "es"),
        ("Anthropic a présenté lundi un nouveau modèle pour les entreprises.\nTransparence : notre groupe a signé un accord de licence avec OpenAI.", "fr"),
    ],
)  # fmt: skip
def test_disclosure_notes_are_not_tags(tagger: Tagger, text: str, language: str):
    assert companies(tagger, text, language=language) == ["anthropic"]


def test_the_river_and_the_metric_are_not_companies(tagger: Tagger):
    river = (
        "Nvidia will supply the chips for a new AI data centre on the coast of Brazil, far from "
        "the Amazon, where water for cooling is scarce."
    )
    assert companies(tagger, river) == ["nvidia"]
    metric = (
        "DeepSeek beschreibt ein Verfahren für lange Kontexte, das die Perplexity auf langen "
        "Dokumenten deutlich senke; das KI-Modell sei zudem billiger im Betrieb."
    )
    assert companies(tagger, metric, language="de") == ["deepseek"]


def test_the_ordinary_word_elsewhere_outweighs_tech_context(tagger: Tagger):
    # An AI-in-the-cockpit story: "Der Copilot" is the co-pilot, as "Copiloten" shows.
    text = (
        "Die Flugsicherheitsbehörde prüft, ob künstliche Intelligenz im Cockpit einen der beiden "
        "Piloten ersetzen kann. Die Gewerkschaft warnt: „Der Copilot ist kein Ersatzteil.“ Junge "
        "Copiloten sammelten ihre Erfahrung gerade auf Langstrecken."
    )
    assert companies(tagger, text, language="de") == []
    product = "Microsoft baut den KI-Assistenten aus: Der Copilot schreibt nun auch Excel-Formeln."
    assert companies(tagger, product, language="de") == ["microsoft"]


def test_an_app_on_both_phone_platforms_is_not_apple_news(tagger: Tagger):
    text = (
        "Perplexity made its Comet browser free on Tuesday. Comet runs on desktop computers, "
        "with Android and iOS versions rolling out over the next month."
    )
    assert companies(tagger, text) == ["perplexity"]
    assert companies(tagger, "Apple updated iOS with new AI features for the iPhone.") == ["apple"]


GAP_TAXONOMY = """\
companies:
  - {id: x, name: X, aliases: [Xcorp]}
topics:
  - id: partnership
    terms:
      de: {"arbeitet|arbeiten ... zusammen.": 3, "Lizenzvertrag|Lizenzvertrags": 3}
  - id: products
    terms:
      de: {"stellt|stellte ... vor.": 3, "ab sofort ... verfügbar": 3}
"""


@pytest.fixture()
def gap_tagger(tmp_path: Path) -> Tagger:
    path = tmp_path / "taxonomy.yaml"
    path.write_text(GAP_TAXONOMY, encoding="utf-8")
    return Tagger(load_taxonomy(path))


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Die Telekom arbeitet seit diesem Jahr bei neuen Diensten eng mit Nvidia zusammen.", "partnership"),
        ("Beide Firmen arbeiten künftig zusammen und teilen die Kosten.", "partnership"),
        (
            "Anthropic stellte am Dienstag in San Francisco sein neues Modell vor, das schneller ist.",
            "products",
        ),
        ("Das Modell ist ab sofort für zahlende Nutzer verfügbar.", "products"),
    ],
)
def test_a_term_with_gaps_matches_a_german_sentence_bracket(gap_tagger: Tagger, text: str, topic: str):
    assert gap_tagger.vocabulary_evidence("", text, "de")[0].get(topic, 0.0) >= 3.0


@pytest.mark.parametrize(
    "text",
    [
        "Die Telekom arbeitet an neuen Diensten. Zusammen mit Nvidia verdient sie daran.",  # next sentence
        "Die Telekom arbeitet an Diensten, die sie mit Nvidia zusammen anbietet.",  # next clause
        "Das stellt die Branche vor große Probleme.",  # "vor" a preposition, not the particle
        "Die Telekom arbeitet an einem Dienst, an dem seit Jahren viele Ingenieure in München, Bonn und "
        "Berlin mit großem Aufwand und wenig Erfolg zusammen.",
        "Die Telekom arbeitet in einem Projekt mit sehr vielen Partnern aus ganz Europa und Asien "
        "schon lange und gern zusammen.",  # too many words between the parts
    ],
)
def test_a_term_with_gaps_stays_in_its_clause(gap_tagger: Tagger, text: str):
    scores = gap_tagger.vocabulary_evidence("", text, "de")[0]
    assert scores.get("partnership", 0.0) == 0.0 and scores.get("products", 0.0) == 0.0


def test_forms_of_one_term_count_as_one_term(gap_tagger: Tagger):
    """Repeats of one term add a little (log), whichever form and however written."""
    once_more = 3 * (1 + 0.5 * math.log2(3.0))  # two hits in the lead, 1.5 each
    text = "Der Lizenzvertrag steht. Teile des Lizenzvertrags bleiben geheim."
    assert gap_tagger.vocabulary_evidence("", text, "de")[0] == {"partnership": pytest.approx(once_more)}
    # Each last part completes one match: two heads, two particles, two hits.
    text = "Xcorp arbeitet mit Nvidia zusammen, und Nvidia arbeitet mit Xcorp zusammen."
    assert gap_tagger.vocabulary_evidence("", text, "de")[0] == {"partnership": pytest.approx(once_more)}


def test_an_empty_form_or_part_is_a_taxonomy_error(tmp_path: Path):
    bad = tmp_path / "taxonomy.yaml"
    bad.write_text("companies:\n  - {id: x, name: X}\ntopics:\n  - {id: t, terms: {de: {'a|| b': 1}}}\n")
    with pytest.raises(TaxonomyError, match=r"t\.terms\.de has an empty form or part"):
        load_taxonomy(bad)


def test_a_form_in_two_terms_of_a_topic_is_a_taxonomy_error(tmp_path: Path):
    """It would score twice for one word."""
    bad = tmp_path / "taxonomy.yaml"
    bad.write_text(
        "companies:\n  - {id: x, name: X}\n"
        "topics:\n  - {id: t, terms: {de: {'Series-B-Runde': 3, 'Series-B-Runde|Series-C-Runde': 3}}}\n"
    )
    with pytest.raises(TaxonomyError, match=r"t\.terms\.de: 'Series-B-Runde' is in"):
        load_taxonomy(bad)
    bad.write_text(
        "companies:\n  - {id: x, name: X}\ntopics:\n  - {id: t, terms: {de: {'a|b': 1}, fr: {'a': 1}}}\n"
    )
    assert load_taxonomy(bad).topics[0].terms == {
        "de": {"a|b": 1.0},
        "fr": {"a": 1.0},
    }  # other language: fine


# The eighth unseen set's trap false positives came from four rules recognised too narrowly:
# closing author bios, disclosure notes, platform availability lists and figures of speech.


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "By Jane Example\nOpenAI released a new reasoning model on Monday, the company said.\n"
            "Jane Example teaches computer science in Leeds. She spent six years at Microsoft Research.",
            "en",
        ),
        (
            "Par Claire Exemple\nOpenAI a présenté lundi un nouveau modèle de raisonnement.\n"
            "Claire Exemple enseigne le droit du numérique à Lyon. Elle a travaillé dix ans chez Google.",
            "fr",
        ),
        (
            "Ein Gastbeitrag von Lena Beispiel\nOpenAI hat am Montag ein neues Modell vorgestellt.\n"
            "Lena Beispiel ist Physikerin in Jena. Zuvor arbeitete sie acht Jahre bei Intel.",
            "de",
        ),
        (
            "OPINIÓN\nPor Marta Ejemplo\nOpenAI presentó el lunes un nuevo modelo de razonamiento.\n"
            "Marta Ejemplo es ingeniera de telecomunicaciones. Dirigió equipos en Amazon Web Services.",
            "es",
        ),
        # The bio after the last paragraph of the story, then a related-links line.
        (
            "By Jane Example\nOpenAI released a new reasoning model on Monday.\n"
            "Jane Example is a fellow at a policy institute and a former Nvidia engineer.\n"
            "Read also: Chip stocks slip · A new lab opens in Paris",
            "en",
        ),
        # No byline: a contributor's role, and a name the story never mentions.
        (
            "OpenAI released a new reasoning model on Monday, the company said.\n"
            "Tomás Example is a professor of economics in Madrid and a former adviser to Nvidia.",
            "en",
        ),
        (
            "OpenAI a présenté lundi un nouveau modèle.\n"
            "Pauline Exemple est maîtresse de conférences à Rennes ; elle a travaillé chez IBM.",
            "fr",
        ),
    ],
)
def test_a_closing_author_bio_is_not_a_tag(tagger: Tagger, text: str, language: str):
    assert companies(tagger, text, language=language) == ["openai"]


def test_a_bio_like_sentence_in_the_story_still_counts(tagger: Tagger):
    # In the body, not the closing paragraph: a passing mention.
    body = (
        "By Jane Example\nLena Example, a professor at ETH, spent six years at IBM before founding the start-up.\n"
        "The start-up raised $20m from investors on Tuesday."
    )
    assert companies(tagger, body) == ["ibm"]
    # A closing paragraph about someone the story is about.
    subject = (
        "Kai Example founded the lab in 2021 and leads its research.\n"
        "The lab released its first model on Monday.\n"
        "Kai Example is a researcher who spent ten years at Google."
    )
    assert companies(tagger, subject) == ["google"]
    # The byline's author named in a closing sentence of the story itself: still a bio.
    assert companies(
        tagger, "By Jane Example\nOpenAI shipped a model. Jane Example worked at Meta Platforms."
    ) == ["openai"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Anthropic launched a new model on Monday.\n"
            "Transparency note: this newspaper's parent company has a content licensing agreement with OpenAI.",
            "en",
        ),
        (
            "Anthropic a présenté lundi un nouveau modèle.\n"
            "Note de transparence : le groupe qui édite ce journal a conclu un partenariat avec OpenAI.",
            "fr",
        ),
        (
            "Anthropic stellte am Montag ein neues Modell vor.\n"
            "Hinweis zur Transparenz: Der Verlag dieser Zeitung hat eine Lizenzvereinbarung mit OpenAI.",
            "de",
        ),
        (
            "Anthropic presentó el lunes un nuevo modelo.\n"
            "Nota de transparencia: el grupo editor de este diario tiene un acuerdo de contenidos con OpenAI.",
            "es",
        ),
        # Without a label, closing the last paragraph.
        (
            "Anthropic launched a new model on Monday. The publisher of this newsletter holds shares in OpenAI.",
            "en",
        ),
        (
            "Anthropic presentó el lunes un nuevo modelo.\nEste diario mantiene una alianza de contenidos con OpenAI.",
            "es",
        ),
        # In brackets, anywhere; an editor's note about the outlet's ties.
        ("Anthropic launched a new model (Disclosure: the author owns shares in OpenAI.) on Monday.", "en"),
        (
            "Anthropic a présenté lundi un nouveau modèle.\n"
            "Note de la rédaction : notre groupe a signé un accord de licence avec OpenAI.",
            "fr",
        ),
    ],
)
def test_disclosures_in_other_words_are_not_tags(tagger: Tagger, text: str, language: str):
    assert companies(tagger, text, language=language) == ["anthropic"]


def test_a_story_that_names_the_outlet_is_not_a_disclosure(tagger: Tagger):
    first = "Axel Springer signed a licensing deal with Mistral AI on Monday.\n"
    for last in (
        "This newspaper reported last year that OpenAI had signed a similar deal with the publisher.",
        "Experts consulted by this newspaper say the licensing agreement with OpenAI set the price.",
        "OpenAI told this newspaper it has a similar deal with two other publishers.",
    ):
        assert companies(tagger, first + last) == ["mistral", "openai"], last


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Notion's new assistant is available for macOS and Windows, with an iOS app due in the spring.",
            "en",
        ),
        ("The note-taking app now runs on both iOS and Android, and on the web.", "en"),
        ("L'application est disponible sur iOS et sur le Web ; une version macOS suivra à l'automne.", "fr"),
        ("Die App gibt es zunächst nur für iOS, eine Android-Version soll im Herbst folgen.", "de"),
        ("Die iOS- und Android-Apps kosten nichts, die Desktop-Version für macOS zehn Euro im Monat.", "de"),
        (
            "La aplicación puede descargarse para macOS; las versiones para Windows e iOS llegarán en otoño.",
            "es",
        ),
        ("Disponible para Android e iOS, además de en la web, la aplicación es gratuita.", "es"),
    ],
)
def test_platforms_in_an_availability_list_are_not_mentions(tagger: Tagger, text: str, language: str):
    tags, why = tagger.explain("", text, language)
    assert tags.companies == ()
    assert {r["why"] for r in why.rejected} == {"platform in an availability list"}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Apple's iOS 19 update adds an AI summary feature to notifications.", "en", ["apple"]),
        ("Microsoft said Windows 12 will ship with Copilot built into the taskbar.", "en", ["microsoft"]),
        ("Security researchers found a flaw in iOS that let apps read the clipboard.", "en", ["apple"]),
        # The system itself: an update for it, a version of it.
        ("Ein Update für iOS schließt eine Lücke, die Angreifer monatelang ausnutzten.", "de", ["apple"]),
        ("La mise à jour iOS 26.4 apporte la traduction en direct dans Messages.", "fr", ["apple"]),
        ("Con iOS 27, el asistente de voz podrá actuar dentro de las aplicaciones.", "es", ["apple"]),
        # The company named beside its platforms: still a mention.
        (
            "Perplexity's Comet is available for macOS; Apple declined to comment on the browser.",
            "en",
            ["apple"],
        ),
    ],
)
def test_platform_names_outside_availability_lists_still_count(
    tagger: Tagger, text: str, language: str, expected: list[str]
):
    found = companies(tagger, text, language=language)
    assert [c for c in found if c != "perplexity"] == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The start-up wants to become the Salesforce of the future for small builders, its founder said.",
            "en",
        ),
        ("Investors describe it as a kind of Nvidia for robots, a supplier every lab will need.", "en"),
        ("An OpenAI for biology, the lab says, would need ten times the money.", "en"),
        ("Officials in Brussels are waiting for Europe's own DeepSeek moment in open models.", "en"),
        (
            "La jeune pousse se présente comme « le Hugging Face de la santé » et lève 12 millions d'euros.",
            "fr",
        ),
        ("Ses fondateurs rêvent d'en faire l'OpenAI européen, avec des modèles entraînés à Paris.", "fr"),
        ("Das Start-up aus Leipzig will das Salesforce der Handwerksbetriebe werden.", "de"),
        ("Die Gründer bauen nach eigenen Worten ein ChatGPT für Steuerberater.", "de"),
        ("Für Europas Chipbranche wäre das ein echter Nvidia-Moment.", "de"),
        ("La empresa se presenta como el Amazon latinoamericano del comercio de repuestos.", "es"),
        ("Sus creadores la describen como una especie de ChatGPT para notarios.", "es"),
    ],
)
def test_a_company_name_used_as_a_type_is_not_a_mention(tagger: Tagger, text: str, language: str):
    tags, why = tagger.explain("", text, language)
    assert tags.companies == ()
    assert {r["why"] for r in why.rejected} == {"figure of speech"}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Salesforce, the CRM company, cut 4,000 support jobs after deploying AI agents.",
            "en",
            ["salesforce"],
        ),
        ("The Google of the early 2000s had no AI division to speak of.", "en", ["google"]),
        ('"People don\'t buy an iPhone for a chatbot," said an analyst.', "en", ["apple"]),
        ("Buyers of a Nvidia chip for data centres wait months.", "en", ["nvidia"]),
        ("El ChatGPT de OpenAI sigue siendo el asistente más usado en España.", "es", ["openai"]),
        ("La Meta de Zuckerberg ha gastado miles de millones en su laboratorio de IA.", "es", ["meta"]),
        ("L'Apple des années 1980, celle de Steve Jobs, vendait des ordinateurs.", "fr", ["apple"]),
        ("Le ChatGPT d'OpenAI reste l'assistant le plus utilisé en France.", "fr", ["openai"]),
        (
            "Das Modell MedGemma, das Google für medizinische Anwendungen veröffentlicht hat, schnitt gut ab.",
            "de",
            ["google"],
        ),
        ("Mit dem iPhone der dritten Generation kam 2009 die Sprachsteuerung.", "de", ["apple"]),
    ],
)
def test_a_real_mention_near_a_figure_like_phrase_still_counts(
    tagger: Tagger, text: str, language: str, expected: list[str]
):
    assert companies(tagger, text, language=language) == expected


@pytest.mark.parametrize("key", ["platforms", "streaming"])
def test_platform_and_streaming_owners_are_companies_or_none(tmp_path: Path, key: str):
    bad = tmp_path / "taxonomy.yaml"
    bad.write_text(
        "companies:\n  - {id: x, name: X}\ntopics:\n  - {id: t, terms: {en: {a: 1}}}\n"
        f"{key}:\n  x: [X One]\n  none: [Linux]\n  y: [Y Two]\n"
    )
    with pytest.raises(TaxonomyError, match=f"{key} has unknown owners: y"):
        load_taxonomy(bad)


def test_the_shipped_taxonomy_reads_streaming_services():
    assert load_taxonomy(DEFAULT_TAXONOMY_FILE).streaming["apple"] == ("Apple TV",)


# The ninth unseen set: disclosures under a plain note label, reporting credits, bios under a
# section byline; a real mention in the same position still counts.


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Anthropic stellte ein neues Modell vor.\nHinweis: Der Autor hält Aktien von Nvidia und Tesla.",
            "de",
        ),
        (
            "Anthropic presentó un nuevo modelo.\nAviso: el autor de este análisis posee acciones de Nvidia.",
            "es",
        ),
        ("Anthropic launched a new model on Monday.\nAdditional reporting by Sora Example in Tokyo.", "en"),
        ("Anthropic a présenté un nouveau modèle.\nAvec la collaboration de Sora Exemple à Tokyo.", "fr"),
        (
            "Tribuna | Jorge Ejemplo\nAnthropic presentó un nuevo modelo.\n"
            "Jorge Ejemplo es consultor y fue director de innovación en IBM España.",
            "es",
        ),
        (
            "Opinión | Marta Ejemplo\nAnthropic presentó un nuevo modelo.\n"
            "Marta Ejemplo es catedrática y fue investigadora visitante en Google DeepMind.",
            "es",
        ),
    ],
)
def test_ninth_set_notes_credits_and_bios_are_not_tags(tagger: Tagger, text: str, language: str):
    assert companies(tagger, text, language=language) == ["anthropic"]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Anthropic launched a new model.\nNote: Nvidia shares rose 3% after the close.", "en", ["anthropic", "nvidia"]),
        ("Anthropic presentó un nuevo modelo.\nAviso: Nvidia presentará resultados el miércoles.", "es", ["anthropic", "nvidia"]),
        ("Anthropic launched a new model.\nSora, OpenAI's video app, passed a million downloads.", "en", ["anthropic", "openai"]),
        # A bio-like sentence about someone the story is about.
        (
            "Tribuna | Jorge Ejemplo\nAnthropic fichó a Ana Ruiz, que fue directora de innovación en IBM.\n"
            "Ana Ruiz es directora de producto y fue ejecutiva en IBM España.",
            "es",
            ["anthropic", "ibm"],
        ),
        # The section byline's author is the story's subject, in the body.
        (
            "Tribuna | Jorge Ejemplo\nAnthropic presentó un nuevo modelo. Su director, Jorge Ejemplo, fue directivo en IBM.",
            "es",
            ["anthropic", "ibm"],
        ),
    ],
)  # fmt: skip
def test_ninth_set_lookalikes_in_the_story_still_count(
    tagger: Tagger, text: str, language: str, expected: list[str]
):
    assert companies(tagger, text, language=language) == expected


def test_company_countries_are_iso_codes(tmp_path: Path):
    tax = load_taxonomy(DEFAULT_TAXONOMY_FILE)
    assert all(c.countries for c in tax.companies)  # every company says where it is from
    assert {c.company_id: c.countries for c in tax.companies}["huggingface"] == {"US", "FR"}
    bad = tmp_path / "taxonomy.yaml"
    bad.write_text(
        "companies:\n  - {id: x, name: X, country: USA}\ntopics:\n  - {id: t, terms: {en: {a: 1}}}\n"
    )
    with pytest.raises(TaxonomyError, match=r"x\.country must be ISO 3166-1 alpha-2 codes: USA"):
        load_taxonomy(bad)


def test_a_caption_credit_is_not_a_tag_but_the_caption_is(tagger: Tagger):
    text = (
        "The county board postponed a vote on a Microsoft data center on Tuesday.\n"
        "Photo: Aerial view of the proposed site off State Road 9. (Google Earth / Ledger-Courier illustration)\n"
        "Residents asked who would pay for the new power lines."
    )
    assert companies(tagger, text) == ["microsoft"]
    text = "Photo: Nvidia's CEO Jensen Huang at GTC in San Jose (AFP)\nThe keynote ran two hours."
    assert companies(tagger, text) == ["nvidia"]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("StarPlus Energy, the venture of Samsung SDI and Stellantis, restarts its plant.", "en", []),
        ("Samsung Biologics and Samsung C&T reported higher profits.", "en", []),
        ("Samsung Heavy Industries won a $1bn order for LNG carriers.", "en", []),
        ("Samsung Life et Samsung Fire & Marine ont publié leurs résultats.", "fr", []),
        ("Samsung SDS und Samsung Electro-Mechanics legten an der Börse zu.", "de", []),
        ("Samsung Engineering y Samsung Securities cerraron al alza.", "es", []),
        # The affiliate and Samsung Electronics, or plain Samsung, in the same article.
        ("Samsung SDI supplies the cells; Samsung Electronics supplies the chips.", "en", ["samsung"]),
        ("Samsung SDI liefert die Batterien. Samsung baut die Smartphones.", "de", ["samsung"]),
        ("Samsung's Galaxy S25 uses batteries from Samsung SDI.", "en", ["samsung"]),
    ],
)
def test_samsung_affiliates_are_not_samsung_electronics(
    tagger: Tagger, text: str, language: str, expected: list[str]
):
    assert companies(tagger, text, language=language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # A video-game heroine, a person: no evidence that the name is OpenAI's model.
        (
            "« Les Ailes de Sora » est un jeu de plateforme. Sora ne sait pas voler, mais elle plane.",
            "fr",
            [],
        ),
        ("Sora Tanaka covers the chip industry from Tokyo for the paper's AI desk.", "en", []),
        # OpenAI's video model: its maker, its version, AI words in the article.
        ("OpenAI brings Sora to Europe with a new model and tighter rules.", "en", ["openai"]),
        ("Sora 2 kommt nach Deutschland.", "de", ["openai"]),
        (
            "Sora genera ahora vídeos de 20 segundos con sonido gracias a un nuevo modelo de IA.",
            "es",
            ["openai"],
        ),
    ],
)
def test_sora_needs_evidence(tagger: Tagger, text: str, language: str, expected: list[str]):
    assert companies(tagger, text, language=language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Die eigentliche Meta-Frage lautet, wer über AGI entscheidet; OpenAI schweigt.", "de", ["openai"]),
        ("Auf der Meta-Ebene geht es um Macht, sagt der Forscher über OpenAI.", "de", ["openai"]),
        ("Eine Meta-Debatte über KI-Modelle und ihre Meta-Kritik füllt die Feuilletons.", "de", []),
        ("The meta-question for AI labs is who decides, says an OpenAI researcher.", "en", ["openai"]),
        ("The AI model's meta-commentary on its own answers was odd.", "en", []),
        # The company in a compound, or the company before a noun.
        ("Der Meta-Chef kündigte ein neues KI-Modell an.", "de", ["meta"]),
        ("Die Meta-Aktie stieg, nachdem der Meta-Konzern sein KI-Modell vorstellte.", "de", ["meta"]),
        ("Das Meta-Modell Llama 4 schlägt die Konkurrenz.", "de", ["meta"]),
        (
            "Kritiker werfen Zuckerberg vor, dass Meta Studien zur Sicherheit zurückhielt.",
            "de",
            ["meta"],
        ),
        ("The Meta question for investors is how much the AI build-out will cost.", "en", ["meta"]),
    ],
)
def test_the_meta_prefix_is_not_meta(tagger: Tagger, text: str, language: str, expected: list[str]):
    assert companies(tagger, text, language=language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "The round was led by sovereign investors, with existing backers Amazon and Google also taking part.",
            "en",
            ["amazon", "google"],
        ),
        (
            "Die Runde führten Staatsfonds an; auch Amazon und Google beteiligten sich.",
            "de",
            ["amazon", "google"],
        ),
        ("Le tour de table réunit Apple, Microsoft et Meta.", "fr", ["apple", "meta", "microsoft"]),
        ("En la ronda participaron Amazon y Google.", "es", ["amazon", "google"]),
        (
            "The company has compute deals with Oracle, Nvidia, AMD and Broadcom.",
            "en",
            ["amd", "nvidia", "oracle"],
        ),
        # A list of no accepted company, a river, a person, a name in another sentence.
        ("Shares of Amazon and Apple rose on Tuesday.", "en", []),
        ("The expedition sailed up the Amazon and the Orinoco.", "en", []),
        ("Satellite images of the Amazon and Google Earth maps show the fires.", "en", ["google"]),
        ("Google, Alexa Rodríguez said, answered within a day.", "en", ["google"]),
        ("Google invested in the round. Amazon declined to comment.", "en", ["google"]),
    ],
)
def test_a_name_in_a_list_with_another_company_is_that_company(
    tagger: Tagger, text: str, language: str, expected: list[str]
):
    assert companies(tagger, text, language=language) == expected


def test_list_evidence_is_explained(tagger: Tagger):
    _, why = tagger.explain("", "With existing backers Amazon and Google also taking part.", "en")
    assert why.companies["amazon"][0]["why"] == "ambiguous name; evidence: list"
    _, why = tagger.explain("", "Shares of Amazon and Apple rose.", "en")
    assert {r["why"] for r in why.rejected} == {"ambiguous name, no evidence"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Existing investors including Nvidia, AMD Ventures and Salesforce Ventures took part.", ["amd", "nvidia", "salesforce"]),
        ("The seed round was led by AMD Ventures.", ["amd"]),
        # Not "Capital": the fruit-growing town.
        ("Wenatchee calls itself the Apple Capital of the World; the start-up tests its software there.", []),
    ],
)  # fmt: skip
def test_a_venture_arm_is_its_company(tagger: Tagger, text: str, expected: list[str]):
    assert companies(tagger, text) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("YouTube has licensed music from the majors for its Dream Track experiment.", "en", ["google"]),
        ("YouTube kennzeichnet KI-generierte Videos künftig deutlicher.", "de", ["google"]),
        ("Instagram compite hoy con TikTok y YouTube por la atención de los usuarios.", "es", ["bytedance", "google", "meta"]),
        # A YouTuber is not YouTube.
        ("The YouTuber tested the phone's camera for a week.", "en", []),
    ],
)  # fmt: skip
def test_youtube_is_google(tagger: Tagger, text: str, language: str, expected: list[str]):
    assert companies(tagger, text, language=language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # After a comma "die" is a relative pronoun: the company earns the revenue.
        ("Der Verband schloss einen Rahmenvertrag mit Perplexity. Die Verlage erhalten einen Anteil an den "
         "Erlösen, die Perplexity mit Antworten erzielt, die KI-Übersichten nutzen.", ["perplexity"]),
        ("Les éditeurs touchent une part des revenus que Perplexity tire de ses réponses générées par l'IA.",
         ["perplexity"]),
        # The article and the metric: still blocked, and the name doubtful elsewhere.
        ("Mit längerem Kontext sinkt die Perplexity des KI-Modells deutlich.", []),
        ("Das KI-Modell wird größer und die Perplexity sinkt. Perplexity misst die Unsicherheit.", []),
    ],
)  # fmt: skip
def test_a_relative_pronoun_is_no_article_of_a_blocker(tagger: Tagger, text: str, expected: list[str]):
    assert companies(tagger, text, language="de") == expected


# The thirteenth unseen set's forms (rules-v13b).


# Products whose names are also places, roads or particles are gated (taxonomy `cased` of an
# ambiguous company): a travel story, a road closure, a physics story is not the company.
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We camped on the shore of Upper Arrow Lake, where the Columbia River widens.", "en"),
        ("Fog lifted over the Bixby Creek Bridge as we drove south on Highway 1.", "en"),
        ("Panther Lake elementary school reopens after the storm, the district said.", "en"),
        ("B300: Vollsperrung bei Krumbach. Das Bauamt erneuert auf der B300 die Fahrbahndecke.", "de"),
        ("Die B200 bleibt zwischen Husum und Flensburg bis Freitag gesperrt.", "de"),
        ("Physiker vermuten ein eigenes Teilchen der Schwerkraft, das Graviton, wie das Photon.", "de"),
        ("Magistral actuación del equipo, que ganó la final por tres goles.", "es"),
        ("Le toit du Panthéon s'ouvre sur l'Oculus, un œil de neuf mètres de large.", "fr"),
        ("Les coques en TPU protègent mieux des chutes que le silicone, selon le test.", "fr"),
    ],
)
def test_product_names_that_are_places_roads_or_words_are_gated(tagger: Tagger, text: str, language: str):
    assert companies(tagger, text, language=language) == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Intel's Arrow Lake desktop chips trail AMD in games, the review found.", "en", ["amd", "intel"]),
        ("Samsung's Bixby will run on a Galaxy AI model, the smartphone maker said.", "en", ["samsung"]),
        ("Nvidia darf den H20 wieder nach China liefern, die Exportkontrollen fallen.", "de", ["nvidia"]),
        # A bare code needs Nvidia named (`name_evidence`): chip or data-centre words also stand by a road.
        ("Die neuen B300-Server mit Nvidia-GPUs für KI-Rechenzentren sind ausverkauft.", "de", ["nvidia"]),
        ("AWS says its Graviton4 processors cut costs for cloud customers.", "en", ["amazon"]),
        ("Der Graviton-Prozessor von AWS läuft in jedem zweiten Rechenzentrum.", "de", ["amazon"]),
        ("Mistral AI publie Magistral, son premier modèle de raisonnement.", "fr", ["mistral"]),
        ("Google rents its TPU chips to Anthropic for model training.", "en", ["anthropic", "google"]),
    ],
)
def test_gated_product_names_count_with_chip_or_tech_context(
    tagger: Tagger, text: str, language: str, expected: list[str]
):
    assert companies(tagger, text, language=language) == expected


# A name that is an ordinary word in lower case ("anthropic", "hugging face") is the company only as
# the company writes it, or in an all-caps headline; a Title Case headline of the word needs a blocker.
@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("", "One answer is the anthropic principle; Weinberg used anthropic reasoning in 1987.", []),
        ("Why Is the Universe Just Right? The Anthropic Principle, Explained", "", []),
        ("", "The hugging face ranks surprisingly high among the emoji people send.", []),
        ("ANTHROPIC RAISES $13BN", "The round values the lab at $183bn.", ["anthropic"]),
        ("HUGGING FACE BUYS A ROBOT MAKER", "The deal closed on Monday.", ["huggingface"]),
        (
            "",
            "Anthropic's reasoning models lead the benchmark, ahead of Hugging Face's.",
            ["anthropic", "huggingface"],
        ),
        (
            "",
            "Anthropics neues Modell und das Hub von HuggingFace führen die Liste an.",
            ["anthropic", "huggingface"],
        ),
    ],
)
def test_a_name_that_is_a_lower_case_word_counts_only_capitalised(
    tagger: Tagger, title: str, text: str, expected: list[str]
):
    assert sorted(c.company_id for c in tagger.tag(title, text).companies) == expected


# An emoji's name, in quotes after the word emoji or before it, is not the company.
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Im Unicode-Katalog heißt dieses Emoji „Hugging Face“. Es sollte trösten.", "de"),
        ("She replied with the emoji called 'Hugging Face' and nothing else.", "en"),
        ("The Hugging Face emoji was sent more often than the thumbs-up.", "en"),
        ("Il a répondu par l'émoji « Hugging Face », sans un mot.", "fr"),
        ("Respondió con el emoji «Hugging Face» y nada más.", "es"),
    ],
)
def test_an_emoji_name_is_not_a_mention(tagger: Tagger, text: str, language: str):
    tags, why = tagger.explain("", text, language)
    assert tags.companies == ()
    assert {r["why"] for r in why.rejected} == {"an emoji's name"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The emoji Hugging Face chose as its logo is a smiling face with open hands.", "en"),
        ("Das Start-up Hugging Face veröffentlicht Emoji-Modelle für Entwickler.", "de"),
        ("Users flooded the thread with an emoji. Hugging Face said the model would return.", "en"),
        ("Hugging Face lanzó un modelo que genera emojis a partir de texto.", "es"),
        ("« Hugging Face » tire son nom d'un émoji, a rappelé son fondateur.", "fr"),
    ],
)
def test_the_company_next_to_the_word_emoji_is_a_mention(tagger: Tagger, text: str, language: str):
    assert companies(tagger, text, language=language) == ["huggingface"]


# App stores named to say where an app is found are platforms; the stores' fees or rules, or the
# stores with their owners' possessives, are news about the companies.
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The recipe app is available on the App Store and Google Play.", "en"),
        ("L'application est disponible sur l'App Store et Google Play.", "fr"),
        ("Die Wetter-App ist im App Store und bei Google Play erhältlich.", "de"),
        ("La aplicación está disponible en App Store y Google Play.", "es"),
    ],
)
def test_app_stores_in_an_availability_list_are_not_mentions(tagger: Tagger, text: str, language: str):
    tags, why = tagger.explain("", text, language)
    assert tags.companies == ()
    assert {r["why"] for r in why.rejected} == {"platform in an availability list"}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Regulators say the App Store and Google Play fees are too high.", "en", ["apple", "google"]),
        ("Apple's App Store and Google's Play Store face a new antitrust probe.", "en", ["apple", "google"]),
        ("Apple's App Store fees drew a fine from the EU.", "en", ["apple"]),
        ("A Google Play policy change bans the loan apps.", "en", ["google"]),
        ("Les commissions de l'App Store et de Google Play sont contestées.", "fr", ["apple", "google"]),
        ("Die Provisionen von App Store und Google Play stehen in der Kritik.", "de", ["apple", "google"]),
        ("Las comisiones de App Store y Google Play llegan a los tribunales.", "es", ["apple", "google"]),
    ],
)
def test_app_stores_as_news_are_mentions(tagger: Tagger, text: str, language: str, expected: list[str]):
    assert companies(tagger, text, language=language) == expected


# A group's other entities that share the name (sports clubs, hospital) are not the company.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Samsung Lions beat the Kia Tigers 8-3 at Daegu Samsung Lions Park.", []),
        ("Suwon Samsung Bluewings were relegated after a 2-1 defeat.", []),
        ("The Fukuoka SoftBank Hawks won the Japan Series in six games.", []),
        ("Samsung Lions fans cheered as Samsung unveiled its new Galaxy phone at the park.", ["samsung"]),
    ],
)
def test_a_groups_sports_clubs_are_not_the_company(tagger: Tagger, text: str, expected: list[str]):
    assert companies(tagger, text) == expected


# A name the article also uses inside one of its blockers ("Samsung Lions") is doubtful elsewhere in that
# article, even an alias: it needs evidence (another name of the company, a context word, AI/tech words).
@pytest.mark.parametrize(
    ("title", "text", "language", "expected"),
    [
        (
            "Samsung eyes first title since 2014",
            "The Samsung Lions open at home. Samsung face the LG Twins.",
            "en",
            [],
        ),
        ("", "Les Samsung Lions ouvrent la saison. Samsung affronte les LG Twins samedi.", "fr", []),
        ("", "Die Samsung Lions starten zu Hause. Samsung trifft zum Auftakt auf die LG Twins.", "de", []),
        ("", "Los Samsung Lions abren la temporada. Samsung recibe a los LG Twins el sábado.", "es", []),
        # The evidence is there: another name, a context word, AI/tech words.
        (
            "",
            "Samsung SDI supplies the cells; Samsung Electronics said Samsung will buy more.",
            "en",
            ["samsung"],
        ),
        ("", "Samsung SDI liefert die Zellen. Samsung baut sie in seine Smartphones ein.", "de", ["samsung"]),
        ("", "Samsung SDI fournit les batteries ; Samsung les monte dans ses puces d'IA.", "fr", ["samsung"]),
        ("", "Los Samsung Lions ganaron; Samsung presentó su nuevo Galaxy S25 con IA.", "es", ["samsung"]),
        # A gated name keeps its rule: the Amazon company with its cloud beside the rainforest.
        (
            "",
            "Fires in the Amazon rainforest spread. Amazon said AWS data centers were safe.",
            "en",
            ["amazon"],
        ),
    ],
)
def test_a_name_used_inside_a_blocker_is_doubtful_elsewhere(
    tagger: Tagger, title: str, text: str, language: str, expected: list[str]
):
    assert companies(tagger, text, title, language) == expected


# A `cased` name that is an ordinary word in lower case ("Anthropic") is doubtful where any word is
# capitalised (a sentence start, a Title Case headline) in an article that writes the word in lower case.
@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("", "Physicists revisit the anthropic principle. Anthropic reasoning also fits string theory.", []),
        ("Anthropic Reasoning Makes A Comeback", "Cosmologists now take anthropic arguments seriously.", []),
        # Evidence: a context word, a product; or no lower-case word; or not at a sentence start.
        (
            "",
            "Anthropic reasoning is everywhere, says Dario Amodei, citing the anthropic principle.",
            ["anthropic"],
        ),
        ("", "Anthropic released Claude Sonnet 4. Some call its pitch anthropic.", ["anthropic"]),
        ("", "Anthropic raised $13 billion from investors in its latest round.", ["anthropic"]),
        ("", "Unlike anthropic arguments in physics, the AI lab Anthropic trains models.", ["anthropic"]),
    ],
)
def test_a_capitalised_ordinary_word_needs_evidence(
    tagger: Tagger, title: str, text: str, expected: list[str]
):
    assert companies(tagger, text, title) == expected


# A name introduced as a term ("so-called", or glossed right after) is the term, not the company.
@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("On the test set the so-called Perplexity of the AI model fell to 19.", "en", []),
        ("The model's Perplexity – in plain English, how surprised it is – fell.", "en", []),
        ("The Perplexity, i.e. a measure of how surprised an AI model is, fell.", "en", []),
        (
            "Auf dem Testkorpus sank die sogenannte Perplexity – zu Deutsch Perplexität – des KI-Modells.",
            "de",
            [],
        ),
        ("Die so genannte Perplexity des Sprachmodells sank deutlich.", "de", []),
        ("La mesure dite « Perplexity » (en français : perplexité) du modèle d'IA a baissé.", "fr", []),
        ("La llamada Perplexity del modelo de IA bajó, es decir, el modelo se sorprende menos.", "es", []),
        # Not terms: a list after the marker, the company glossed or named, the first word of a longer name.
        (
            "The so-called Magnificent Seven, Nvidia, Apple and Microsoft, led AI stocks.",
            "en",
            ["apple", "microsoft", "nvidia"],
        ),
        ("Perplexity, the AI search start-up, raised money.", "en", ["perplexity"]),
        ("Una startup llamada Perplexity quiere competir con Google en IA.", "es", ["google", "perplexity"]),
        ("« Nous investissons dans l'IA », a dit Perplexity.", "fr", ["perplexity"]),
        ("Die sogenannten Apple Foundation Models treiben Apple Intelligence an.", "de", ["apple"]),
    ],
)
def test_a_name_introduced_as_a_term_is_not_the_company(
    tagger: Tagger, text: str, language: str, expected: list[str]
):
    assert companies(tagger, text, language=language) == expected


def test_explain_gives_the_doubt(tagger: Tagger):
    _, why = tagger.explain("", "Die sogenannte Perplexity des KI-Modells sank.", "de")
    assert why.rejected == [
        {"company": "perplexity", "text": "Perplexity", "why": "a term (so-called, or glossed)"}
    ]
    _, why = tagger.explain("", "The Samsung Lions won. Samsung face the LG Twins.", "en")
    assert {r["why"] for r in why.rejected} == {
        "inside a blocker phrase",
        "also used in a blocker phrase, no evidence",
    }
    _, why = tagger.explain("", "The anthropic principle. Anthropic reasoning fits.", "en")
    assert why.rejected[-1]["why"] == "a capitalised ordinary word (lower case elsewhere), no evidence"


# --- Codes that are also road numbers; the Mistral missile ------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ein Investor will an der B300 ein Rechenzentrum mit 60 Megawatt für Chips bauen.", "de"),
        ("Der Lkw-Verkehr auf der B200 wächst, seit das Rechenzentrum Server und GPUs aufstellt.", "de"),
        ("Data centers and chips need water: the H20 shortage in the valley worries engineers.", "en"),
    ],
)
def test_a_chip_code_that_is_a_road_needs_the_company_named(tagger: Tagger, text: str, language: str):
    assert "nvidia" not in companies(tagger, text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Der Konzern kauft B300-Systeme von Nvidia für sein Rechenzentrum.", "de"),
        ("Nvidia will ship the H20 to China again, the chipmaker said.", "en"),
        ("Les B200 de Nvidia équipent le nouveau centre de données.", "fr"),
    ],
)
def test_a_chip_code_with_the_company_named_is_the_chip(tagger: Tagger, text: str, language: str):
    assert "nvidia" in companies(tagger, text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Gegen Drohnen setzen Armeen teure Flugabwehrraketen wie die Mistral ein, sagt der KI-Experte.",
            "de",
        ),
        ("Armies fire missiles such as the Mistral at cheap drones, an AI targeting firm says.", "en"),
        ("Los ejércitos usan misiles como el Mistral contra drones guiados por IA.", "es"),
        ("L'armée tire des missiles Mistral sur des drones pilotés par l'IA.", "fr"),
    ],
)
def test_the_mistral_missile_is_not_the_company(tagger: Tagger, text: str, language: str):
    assert "mistral" not in companies(tagger, text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("KI-Firmen wie die französische Mistral verkaufen Modelle an Armeen.", "de"),
        ("Helsing arbeitet mit Mistral AI an Modellen, die Raketen und Drohnen erkennen.", "de"),
        (
            "Mistral, the French AI start-up, tests its models on missile-defence data with Arthur Mensch.",
            "en",
        ),
    ],
)
def test_mistral_the_company_in_a_defence_story_keeps_it(tagger: Tagger, text: str, language: str):
    assert "mistral" in companies(tagger, text, language)


# Fifteenth unseen set: a line break ends a paragraph, a caption or a subhead; a name of several words
# never runs across one ("grid stability" closing a caption, "AI's appetite" the next subhead). A
# no-break space or a tab between its words is still a space.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The new lines are meant to protect grid stability\nAI's energy bill, in figures", []),
        ("Die Netzbetreiber sorgen sich um die Stability\nAI und Energie: die Zahlen", []),
        ("Stability AI released a new image model on Tuesday.", ["stability"]),
        ("Stability\u00a0AI released a new image model on Tuesday.", ["stability"]),
        ("Stability\tAI released a new image model on Tuesday.", ["stability"]),
        ("The Stability AI model runs on Nvidia\nchips.", ["nvidia", "stability"]),
    ],
)
def test_a_name_of_several_words_does_not_run_across_a_line_break(
    tagger: Tagger, text: str, expected: list[str]
):
    assert companies(tagger, text) == expected


# Fifteenth unseen set: the folk tale of Alibaba (Ali Baba) and the forty thieves, and its treasure cave
# as an idiom, in four languages. The hero named elsewhere in such an article needs evidence; a story on
# the company that compares it to the cave keeps it.
@pytest.mark.parametrize(
    ("title", "text", "language", "expected"),
    [
        (
            "ALIBABA AND THE FORTY THIEVES, Playhouse, Exampleton",
            "The panto is back. Young Alibaba, a penniless rug-seller, hears the magic words and finds "
            "the gold. Alibaba and the Forty Thieves runs until January.",
            "en",
            [],
        ),
        (
            "",
            "Au théâtre, Alibaba et les quarante voleurs fait salle comble ; Alibaba y chante trois fois.",
            "fr",
            [],
        ),
        ("", "On se croirait dans la caverne d'Alibaba, sourit la brocanteuse.", "fr", []),
        ("", "Das Kindertheater zeigt Alibaba und die vierzig Räuber; Alibaba singt am Ende.", "de", []),
        ("", "Der Dachboden war wie Alibabas Höhle, erzählt die Sammlerin.", "de", []),
        ("", "Der Keller glich der Höhle des Alibaba, voller Trödel.", "de", []),
        (
            "",
            "«¿Mil millones para un solo directivo? Esto es la cueva de Alibabá», dijo un gestor sobre "
            "el paquete de Tesla y sus robots con IA.",
            "es",
            ["tesla"],
        ),
        (
            "",
            "La obra Alibabá y los cuarenta ladrones vuelve al teatro; Alibabá baila en el final.",
            "es",
            [],
        ),
        # The company, named with evidence, beside the cave.
        (
            "",
            "Alibaba's cloud arm is a treasure trove, like Ali Baba's cave: Alibaba Cloud sells AI "
            "computing to half of China.",
            "en",
            ["alibaba"],
        ),
        (
            "",
            "Pour les investisseurs, Alibaba ressemble à la caverne d'Alibaba : Qwen, son modèle d'IA, "
            "attire les clients du cloud.",
            "fr",
            ["alibaba"],
        ),
        (
            "",
            "Alibaba presentó Qwen 3, su modelo de IA; no es la cueva de Alibabá, dijo su jefe.",
            "es",
            ["alibaba"],
        ),
    ],
)
def test_the_folk_tale_of_alibaba_is_not_the_company(
    tagger: Tagger, title: str, text: str, language: str, expected: list[str]
):
    assert companies(tagger, text, title, language) == expected


# Sixteenth unseen set: the tale's other title ("Alibaba, or the Forty Thieves") as a show's title, in four
# languages; the hero named elsewhere in the review then needs evidence, a company story keeps it.
@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Alibaba, or the Forty Thieves of Mosul opens the festival. A tender Alibaba steals the show.", "en", []),
        ("« Alibaba, ou les quarante voleurs d'Alep » clôt le festival ; un « Alibaba » bouleversant.", "fr", []),
        ("Alibaba oder die vierzig Räuber von Kairo läuft im Puppentheater; Alibaba singt am Ende.", "de", []),
        ("«Alibabá o los cuarenta ladrones» llena el teatro; el Alibabá de los títeres emociona.", "es", []),
        # The company, with its products or AI words, beside the show.
        ("Alibaba, or the Forty Thieves is on stage; Alibaba released a Qwen AI model the same week.", "en",
         ["alibaba"]),
        ("Après « Alibaba ou les 40 voleurs », Alibaba Cloud sponsorise le festival d'IA.", "fr", ["alibaba"]),
    ],
)  # fmt: skip
def test_the_tales_other_title_is_not_the_company(
    tagger: Tagger, text: str, language: str, expected: list[str]
):
    assert companies(tagger, text, "", language) == expected


# Sixteenth unseen set: Philippe Geluck's comic "Le Chat" is not Mistral's assistant. Its phrases are blockers,
# and an article that names Geluck writes about the comic: its AI words (AI-made pastiches) are no evidence.
@pytest.mark.parametrize(
    ("title", "text", "language", "expected"),
    [
        ("", "Le Chat de Philippe Geluck fête ses 40 ans au musée.", "fr", []),
        ("", "Une exposition sur Le Chat, de Geluck, ouvre à Bruxelles.", "fr", []),
        ("", "Geluck's Le Chat turns 40 with a new album.", "en", []),
        ("", "Le Chat von Geluck bekommt ein eigenes Museum.", "de", []),
        (
            "Tintin, Le Chat : la BD face aux pastiches de l'IA",
            "Les dessins du chat de Philippe Geluck générés par intelligence artificielle inondent les réseaux. "
            "« Le Chat est une œuvre », dit son éditeur.",
            "fr",
            [],
        ),
        # Mistral's assistant: named with its company, or in an AI story that does not name Geluck.
        ("", "Le Chat, l'assistant de Mistral AI, arrive sur mobile.", "fr", ["mistral"]),
        ("", "Geluck a testé Le Chat, l'assistant de Mistral AI, pour écrire ses gags.", "fr", ["mistral"]),
        ("", "Le Chat gagne des utilisateurs : l'assistant d'IA générative rivalise avec les chatbots.", "fr",
         ["mistral"]),
    ],
)  # fmt: skip
def test_gelucks_le_chat_is_not_mistrals_assistant(
    tagger: Tagger, title: str, text: str, language: str, expected: list[str]
):
    assert companies(tagger, text, title, language) == expected


# Sixteenth unseen set: the Tesla coil in four languages (a students' team named after it). "Tesla" elsewhere in
# an article about cars still counts, with the company's evidence.
@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("The physics club built a Tesla coil for the open day.", "en", []),
        ("Le club de physique a construit une bobine de Tesla pour la fête de la science.", "fr", []),
        ("Die Physik-AG baute eine Tesla-Spule für den Tag der offenen Tür.", "de", []),
        ("El segundo puesto fue para «Bobina Tesla», un equipo de estudiantes de Física.", "es", []),
        ("Los alumnos montaron una bobina de Tesla en el laboratorio.", "es", []),
        (
            "El equipo «Bobina Tesla» ganó el concurso. Tesla, la marca de coches eléctricos de Elon Musk, "
            "lo patrocinaba.",
            "es",
            ["tesla"],
        ),
        ("Une bobine Tesla trône au musée ; Tesla a vendu plus de voitures électriques en Europe.", "fr", ["tesla"]),
    ],
)  # fmt: skip
def test_the_tesla_coil_is_not_the_company(tagger: Tagger, text: str, language: str, expected: list[str]):
    assert companies(tagger, text, "", language) == expected


# Nineteenth unseen set: page furniture (consent placeholders, market data, readers' comments, advertising slots)
# and a platform named only as where a broadcast can be watched are not tags; the same names in the story are.
@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Anthropic launched a new model on Monday.\n"
            "This content is hosted by YouTube. To view it, accept cookies from third parties.",
            "en",
            ["anthropic"],
        ),
        (
            "MARKETS  Nasdaq 22,310.5 ▲0.9% | Nvidia 186.26 ▲1.8%\nAnthropic launched a new model on Monday.",
            "en",
            ["anthropic"],
        ),
        (
            "Anthropic a présenté un nouveau modèle lundi, avec des capacités de raisonnement accrues.\n"
            "Commentaires (2)\nJean D. — 14/10/2025 à 09h12 : Et Nvidia dans tout ça ?",
            "fr",
            ["anthropic"],
        ),
        (
            "Anthropic presentó un nuevo modelo.\nPUBLICIDAD\nLleva la Nvidia Shield por 99 euros.\nFIN DE LA PUBLICIDAD",
            "es",
            ["anthropic"],
        ),
        (
            "Anthropic stellte ein neues KI-Modell vor.\n"
            "Die Dokumentation läuft am Sonntag und ist danach in der Mediathek sowie auf YouTube abrufbar.",
            "de",
            ["anthropic"],
        ),
        # The story's own: a share price in a sentence, YouTube doing something.
        (
            "Anthropic launched a new model.\nNvidia shares closed at 186.26 dollars, up 1.8%.",
            "en",
            ["anthropic", "nvidia"],
        ),
        (
            "Anthropic launched a new model.\nYouTube removed the documentary, which had been available to stream.",
            "en",
            ["anthropic", "google"],
        ),
    ],
)
def test_nineteenth_set_page_furniture_is_not_a_tag(
    tagger: Tagger, text: str, language: str, expected: list[str]
):
    assert companies(tagger, text, language=language) == expected


# Trap shapes inside tech stories: the article has AI/tech words, so the evidence gate passes, and only a
# rule on the name's use keeps the other sense out (a racehorse, a river, a unit, another maker's camera, a
# dome's opening, a fruit variety, a business or a colour elsewhere in the article).
@pytest.mark.parametrize(
    ("text", "language"),
    [
        # Racehorses in a race report or a results table.
        (
            "Une start-up du pari hippique dit que son modèle d'intelligence artificielle a trouvé le tiercé à "
            "l'hippodrome de Chantilly : Oracle des Landes l'emporte devant Siri du Moulin.\n1. Oracle des Landes\n"
            "2. Siri du Moulin\n3. Tesla Royale",
            "fr",
        ),
        (
            "A betting start-up says its machine-learning model picked the winner at the racecourse: Oracle Bay "
            "beat Siri's Dream by a length, and Oracle was never headed.",
            "en",
        ),
        (
            "Ein Wett-Start-up setzt auf künstliche Intelligenz. Beim Galopprennen siegte der Hengst Oracle vor "
            "Alexa vom Lindenhof.",
            "de",
        ),
        (
            "Una start-up de apuestas usa inteligencia artificial. En el hipódromo ganó Oracle del Norte, y la "
            "yegua Alexa fue segunda.",
            "es",
        ),
        # A river, a department.
        (
            "A start-up uses artificial intelligence and drones to watch rice farms along the Meta River; the "
            "river Meta floods every year.",
            "en",
        ),
        (
            "Une start-up utilise l'intelligence artificielle pour surveiller les rizières du département du "
            "Meta, le long du fleuve Meta.",
            "fr",
        ),
        ("Ein Start-up nutzt künstliche Intelligenz, um Reisfelder am Fluss Meta zu überwachen.", "de"),
        (
            "Una start-up usa inteligencia artificial para vigilar los arrozales de la provincia del Meta.",
            "es",
        ),
        # Tesla as a unit, whatever the figure.
        ("The deep-learning model reads images from a 9.4 Tesla magnet and 10.5-Tesla scanners.", "en"),
        ("Das KI-Modell wertet Aufnahmen aus einem 9,4-Tesla-MRT aus; bei 11,7 Tesla sieht man mehr.", "de"),
        ("Le modèle d'intelligence artificielle lit les images d'un IRM de 11,7 teslas.", "fr"),
        ("El modelo de inteligencia artificial lee imágenes de un equipo de 9,4 Tesla.", "es"),
        # Another maker's product of the same name: ARRI's cinema cameras.
        (
            "Generative AI is coming to film sets. The rental house bought six Arri Alexa cameras and an Alexa "
            "Mini LF; cinematographers love the Alexa.",
            "en",
        ),
        (
            "L'IA générative arrive sur les tournages. Le loueur a acheté six Alexa 35 ; « sans Alexa dans "
            "notre parc, on ne nous appelle pas », dit-il.",
            "fr",
        ),
        # A dome's opening, fruit varieties.
        (
            "Tourists use an AI audio guide powered by a large language model at the Pantheon. Light falls "
            "through the Oculus, nine metres wide.",
            "en",
        ),
        (
            "Growers use AI models to predict harvests. Bing cherries dominate, and Bing prices are down.",
            "en",
        ),
        ("Obstbauern nutzen künstliche Intelligenz. Die Sorte Bing dominiert; Bing bleibt gefragt.", "de"),
        (
            "Les producteurs utilisent l'intelligence artificielle. La variété Bing domine ; Bing se vend bien.",
            "fr",
        ),
        ("Los productores usan inteligencia artificial. Las cerezas Bing dominan; Bing se vende bien.", "es"),
        # A business or a colour: the same name later in the article is that business or colour too.
        (
            "Eine App mit künstlicher Intelligenz soll Imbissen helfen. Den längsten Andrang hat der Imbiss "
            "Alibaba an der Ecke. Bei Alibaba gibt es Falafel.",
            "de",
        ),
        (
            "Nike used a generative AI tool to design its runner. The colourway we tested, Azure/Volt, looks "
            "great. The Azure pair is lighter.",
            "en",
        ),
        (
            "Une appli d'intelligence artificielle aide les restaurateurs. Au restaurant Mistral, sur le port, "
            "la salle est pleine. Chez Mistral, on sert de la bouillabaisse.",
            "fr",
        ),
        (
            "Una app de inteligencia artificial ayuda a los bares. El bar Tesla, junto a la plaza, está lleno. "
            "En Tesla sirven las mejores tapas.",
            "es",
        ),
    ],
)
def test_trap_shapes_in_tech_stories_are_not_tags(tagger: Tagger, text: str, language: str):
    assert companies(tagger, text, language=language) == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # The company named with its evidence in the same racing or business article.
        (
            "A betting start-up runs its machine-learning model on Oracle Cloud Infrastructure, says Larry "
            "Ellison. At the racecourse, Oracle Bay won.",
            "en",
            ["oracle"],
        ),
        (
            "Eine App mit künstlicher Intelligenz soll Imbissen helfen: der Imbiss Alibaba an der Ecke nutzt "
            "sie. Alibaba Cloud liefert die Rechenleistung.",
            "de",
            ["alibaba"],
        ),
        (
            "Nike's colourway Azure/Volt was designed with an AI tool that runs on Microsoft Azure.",
            "en",
            ["microsoft"],
        ),
        # A company's department, its cars, its own names next to the words of the rules.
        (
            "El departamento de Meta dedicado a la inteligencia artificial contrata a cien ingenieros.",
            "es",
            ["meta"],
        ),
        ("Le département IA de Meta recrute cent ingénieurs en intelligence artificielle.", "fr", ["meta"]),
        (
            "The AI start-up bought 40 Tesla vehicles and 12 Tesla trucks for its robotaxi tests.",
            "en",
            ["tesla"],
        ),
        (
            "Amazon's AI team says Alexa now writes emails; the Alexa app got a generative AI update.",
            "en",
            ["amazon"],
        ),
        ("Meta's new AI model runs on the Oculus headset; the Oculus team shipped it.", "en", ["meta"]),
        (
            "Microsoft's AI search engine Bing adds chatbot answers; Bing Chat is renamed.",
            "en",
            ["microsoft"],
        ),
        ("Oracle Cloud Infrastructure hosts the AI models; Oracle said sales rose.", "en", ["oracle"]),
    ],
)
def test_real_mentions_beside_trap_shapes_still_count(
    tagger: Tagger, text: str, language: str, expected: list[str]
):
    assert companies(tagger, text, language=language) == expected


def test_explain_gives_a_trade_a_role_and_a_building(tagger: Tagger):
    """The twentieth set's rules, as ``mediamon tag --explain`` shows them."""
    text = (
        "À l'ombre de la Salesforce Tower, Jony Ive, l'ancien designer en chef d'Apple, a rencontré le "
        "spécialiste britannique Arm."
    )
    tags, why = tagger.explain("", text, "fr")
    assert sorted(c.company_id for c in tags.companies) == ["apple", "arm"]
    assert [e["why"] for e in why.companies["apple"]] == ["ambiguous name; evidence: a role at the company"]
    assert [e["why"] for e in why.companies["arm"]] == ["ambiguous name; evidence: a noun for its trade"]
    building = {
        "company": "salesforce",
        "text": "Salesforce",
        "why": "a bridge, a tunnel or a building named so",
    }
    assert building in why.rejected


def test_explain_gives_a_racehorse_another_maker_and_a_computer(tagger: Tagger):
    """The twenty-first set's rules, as ``mediamon tag --explain`` shows them."""
    tags, why = tagger.explain(
        "",
        "Carrera en el hipódromo de Palermo. Grok ganó por un cuerpo. El potrillo zaino sigue invicto.\n"
        "Le pusimos Grok por una novela, contó el cuidador.",
        "es",
    )
    assert tags.companies == ()
    assert [r["why"] for r in why.rejected if r["company"] == "xai"] == [
        "a racehorse",
        "also the name of an animal, a character or a thing, no evidence",
    ]
    tags, why = tagger.explain(
        "", "Neben einem Ford Model Y stand ein Radio der tschechoslowakischen Marke Tesla.", "de"
    )
    assert tags.companies == ()
    assert {r["why"] for r in why.rejected} == {
        "inside a blocker phrase",
        "another company of that name, from elsewhere",
    }
    tags, why = tagger.explain("", "Die Heimcomputer-Ecke zeigt einen Commodore 64 und einen Apple II.", "de")
    assert [c.company_id for c in tags.companies] == ["apple"]
    assert [e["why"] for e in why.companies["apple"]] == [
        "ambiguous name; evidence: a computer's model number"
    ]


def _reports_a_race(tagger: Tagger, text: str) -> bool:
    """What the tagger decides: a word of RACING_WORDS among the hits of its one pass over the text."""
    from collections import defaultdict

    from pipeline.name_use import racing_word
    from pipeline.tagging import RACING

    hits: defaultdict[str, list] = defaultdict(list)
    tagger._find_into(text, "text", hits)
    return any(racing_word(h.matched) for h in hits[RACING])


@pytest.mark.parametrize(
    ("text", "racing"),
    [
        ("Quinté+ à l'hippodrome de Vincennes.", True),
        ("The favourite won by two furlongs at the racecourse.", True),
        ("Beim Galopprennen in Iffezheim siegte der Favorit.", True),
        ("En el hipódromo de la Zarzuela ganó el favorito.", True),
        # A capitalised word of racing, the starting stalls.
        ("Ya apunta al Gran Premio Jockey Club de San Isidro.", True),
        ("El potrillo salió rápido de las gateras.", True),
        ("Oracle's quarterly results beat forecasts.", False),
        ("Die Rennstrecke am Nürburgring ist gesperrt.", False),
    ],
)
def test_a_race_report(tagger: Tagger, text: str, racing: bool):
    assert _reports_a_race(tagger, text) is racing


def test_every_race_report_word_is_found_in_any_case_and_accents_count(tagger: Tagger):
    """Each word of RACING_WORDS, as written and capitalised, and as a plain regex finds them in the
    labelled texts (the tagger finds them in its one pass over the text, pipeline/name_use.py)."""
    from pipeline.evaluation import load_labelled
    from pipeline.name_use import RACING_WORDS

    for word in RACING_WORDS:
        for form in (word, word[:1].upper() + word[1:], word.upper()):
            assert _reports_a_race(tagger, f"Am {form} heute."), form
    assert not _reports_a_race(tagger, "Il a eu une quinte de toux.")  # accents count: no quinté
    words = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in RACING_WORDS) + r")(?!\w)",
        re.IGNORECASE,
    )
    root = Path(__file__).resolve().parent.parent
    docs = load_labelled([root / "tests" / "data" / "labelled", root / "tests" / "data" / "heldout"])
    for doc in docs:
        for text in (doc["title"], doc["text"]):
            assert _reports_a_race(tagger, text) is (words.search(text) is not None), doc["id"]
