"""Text zones that are not the article: related links, bylines, credits (offsets kept)."""

from __future__ import annotations

import pytest

from pipeline import boilerplate
from pipeline.boilerplate import mask_boilerplate, source_credit
from pipeline.language import detect_language, resolve_language

ARTICLE = "Microsoft and OpenAI rewrote their agreement this week, people familiar with the talks said."


@pytest.mark.parametrize(
    ("block", "kind"),
    [
        ("Lire aussi\nNvidia dépasse les attentes\nMistral AI lève des fonds", "related"),
        ("À lire aussi : Nvidia dépasse les attentes grâce à ses puces", "related"),
        ("Read more:\nNvidia beats estimates\nMistral raises money", "related"),
        ("Mehr zum Thema\nNvidia übertrifft die Erwartungen", "related"),
        ("Lee también\nNvidia supera las previsiones", "related"),
        ("More on AI and chips:\nNvidia beats estimates\nMistral raises money", "related"),
        ("Weitere Artikel aus dieser Serie:\nNvidia übertrifft die Erwartungen", "related"),
        ("By Jane Example, Nvidia correspondent", "byline"),
        ("Photo: Nvidia", "credit"),
        ("Crédit photo : Nvidia / AFP", "credit"),
        ("Imagen: Nvidia", "credit"),
        ("Photo d'illustration : capture Nvidia Omniverse", "credit"),
        ("The author is a former engineer at Nvidia and teaches at a public university.", "byline"),
        ("*L'auteure, ancienne ingénieure chez Nvidia, enseigne l'éthique du numérique.", "byline"),
        ("Die Autorin war bis 2023 Forscherin bei Nvidia.", "byline"),
    ],
)
def test_zones_are_blanked_and_offsets_kept(block: str, kind: str):
    text = f"{ARTICLE}\n{block}\n{ARTICLE}"
    masked, zones = mask_boilerplate(text)
    assert len(masked) == len(text)
    assert "Nvidia" not in masked and "Mistral" not in masked
    assert masked.count("OpenAI") == 2
    assert [z[0] for z in zones] == [kind]


def test_inline_credit_and_article_prose_kept():
    text = f"{ARTICLE} (Photo: Nvidia)\nRelated research by Nvidia showed faster training on its chips, the company said.\nBy the end of the year, Nvidia expects more."
    masked, zones = mask_boilerplate(text)
    assert masked.count("Nvidia") == 2  # the prose lines stay; only the credit goes
    assert [z[0] for z in zones] == ["credit"]


def test_a_colon_heading_followed_by_prose_is_not_a_related_block():
    text = f"{ARTICLE}\nMore on that later:\nNvidia said the chips would ship in March, and analysts agreed."
    masked, zones = mask_boilerplate(text)
    assert "Nvidia" in masked
    assert all(kind != "related" or "Nvidia" not in text[s:e] for kind, s, e in zones)


def test_headline_lines_after_a_label_stop_at_the_next_paragraph():
    text = f"Read also\nNvidia beats estimates\n{ARTICLE}"
    masked, _ = mask_boilerplate(text)
    assert "Nvidia" not in masked and ARTICLE in masked


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Le partenariat entre Microsoft et OpenAI prévoit une clause sur l'intelligence artificielle générale, selon plusieurs sources.",
            "fr",
        ),
        (
            "Der Chipkonzern meldete einen Rekordumsatz, weil Rechenzentren immer mehr Grafikprozessoren für KI kaufen.",
            "de",
        ),
        (
            "La empresa estadounidense presentó resultados récord gracias a la demanda de chips para inteligencia artificial.",
            "es",
        ),
        (
            "The chipmaker reported record revenue as data centers keep buying more accelerators for artificial intelligence.",
            "en",
        ),
    ],
)
def test_language_detection(text: str, lang: str):
    assert detect_language(text)[0] == lang


def test_language_resolution_prefers_metadata_unless_clearly_wrong():
    french = "Le partenariat entre Microsoft et OpenAI prévoit une clause sur l'intelligence artificielle générale, selon plusieurs sources proches du dossier."
    assert resolve_language(None, french) == ("fr", "detected")
    assert resolve_language("fr-FR", french) == ("fr", "metadata")
    assert resolve_language("en", french) == ("fr", "detected")  # metadata disagrees with the text
    assert resolve_language("de", "Kurzmeldung.") == ("de", "metadata")  # too short to overrule
    assert resolve_language(None, "Trop court.") == (None, None)


@pytest.mark.parametrize(
    "last",
    [
        "Dana Example covers search and browsers. She previously worked on Microsoft's Bing team.",
        "Marie Exemple couvre la tech pour le journal. Elle a travaillé chez Google.",
        "Max Beispiel berichtet über Halbleiter. Er war zuvor bei Intel.",
        "Ana Ejemplo cubre tecnología desde Madrid; antes trabajó en Amazon.",
        "Read also: Mistral AI opens a data centre · Cohere hires a finance chief · Chip stocks slip",
        "Mehr aus der Region: Tesla-Werk: Betriebsrat neu gewählt · Neue Buslinie nach Erkner",
        "Con información de Bloomberg. El autor cubrió durante años a Microsoft y Amazon.",
        "Disclosure: the author owns shares in Apple.",
    ],
)
def test_closing_notes_about_the_author_and_link_lists_are_masked(last: str):
    text = "The story itself, about a new model, takes a whole paragraph of prose.\n" + last
    masked, zones = mask_boilerplate(text)
    assert zones and masked.startswith("The story itself")
    assert not any(
        name in masked for name in ("Microsoft", "Google", "Intel", "Amazon", "Cohere", "Tesla", "Apple")
    )


@pytest.mark.parametrize(
    "last",
    [
        "Satya Nadella covers the costs himself, Microsoft said.",
        "More on the story: the board met twice. Nvidia said sales rose · up 20%.",
        "The author of the study, a former Google engineer, says models plateau.",
    ],
)
def test_story_sentences_that_look_like_notes_are_kept(last: str):
    text = "The story itself, about a new model, takes a whole paragraph of prose.\n" + last
    assert mask_boilerplate(text)[0] == text


# The ninth unseen set's forms: a plain note label before an author's disclosure, a credit for
# reporting, a byline after a section label.


@pytest.mark.parametrize(
    "last",
    [
        "Note: the writer holds shares in Nvidia and Tesla.",
        "Hinweis: Der Autor hält Aktien von Nvidia. Dieser Beitrag ist keine Anlageberatung.",
        "Aviso: el autor de esta columna posee acciones de Nvidia.",
        "Précision : l'auteur détient des actions Nvidia.",
        "Nota: este diario mantiene un acuerdo de contenidos con Nvidia.",
        "Additional reporting by Kenji Example in Osaka.",
        "Reporting by Ana Example in Seoul; Editing by Tom Example",
        "Kenji Example in Osaka contributed reporting.",
        "Avec la collaboration de Kenji Exemple à Osaka.",
        "Mitarbeit: Kenji Beispiel",
        "Con información de Kenji Ejemplo desde Osaka.",
        "The chips ship in March. Additional reporting by Kenji Example.",
    ],
)
def test_labelled_notes_and_reporting_credits_are_masked(last: str):
    text = "The story itself, about a new model, takes a whole paragraph of prose.\n" + last
    masked, zones = mask_boilerplate(text)
    assert zones and masked.startswith("The story itself")
    assert "Nvidia" not in masked and "Kenji" not in masked


@pytest.mark.parametrize(
    "last",
    [
        "Note: Nvidia shares rose 3% after the close.",
        "Hinweis: Der Autor der Studie, ein früherer Nvidia-Forscher, hält die Zahlen für zu hoch.",
        "Aviso: Nvidia presentará sus resultados el miércoles.",
        "Reporting by the Financial Times last year revealed that Nvidia planned a new chip.",
        "Kenji Example, who leads Nvidia's lab in Osaka, said the chips ship in March.",
    ],
)
def test_story_lines_with_a_note_label_or_credit_words_are_kept(last: str):
    text = "The story itself, about a new model, takes a whole paragraph of prose.\n" + last
    assert mask_boilerplate(text)[0] == text


@pytest.mark.parametrize(
    ("byline", "bio"),
    [
        ("Opinión | Marta Ejemplo", "Marta Ejemplo es catedrática y fue investigadora visitante en Nvidia."),
        (
            "Tribuna | Jorge Ejemplo",
            "Jorge Ejemplo es consultor y fue director de innovación en Nvidia España.",
        ),
        (
            "Tribune · Paul Exemple",
            "Paul Exemple est consultant ; il a été directeur de l'innovation chez Nvidia.",
        ),
        ("Gastbeitrag | Lena Beispiel", "Lena Beispiel ist Beraterin und war Direktorin bei Nvidia."),
        ("Opinion | Sam Example", "Sam Example was director of research at Nvidia."),
        ("München – Von Max Beispiel", "Max Beispiel war zuvor Ingenieur bei Nvidia."),
        ("Análisis | Por Ana Ejemplo | 24 de abril", "Ana Ejemplo fue directiva de Nvidia."),
    ],
)
def test_a_bio_under_a_section_byline_is_masked(byline: str, bio: str):
    text = f"{byline}\nThe story itself, about a new model, takes a whole paragraph of prose.\n{bio}"
    masked, _ = mask_boilerplate(text)
    assert "Nvidia" not in masked


# The tenth unseen set: a credit closing a caption line. Only the credit is blanked; the caption's
# own words stay the story's.


@pytest.mark.parametrize(
    ("caption", "kept"),
    [
        (
            "Photo: Aerial view of the proposed site off State Road 9. (Google Earth / Ledger-Courier illustration)",
            "Aerial view of the proposed site",
        ),
        ("Photo: The new campus in Redmond (Nvidia)", "The new campus"),
        ("Photo : vue aérienne du futur site, près de Marseille (Google Earth)", "vue aérienne"),
        (
            "Crédit : vue aérienne du futur site de Fos-sur-Mer, près de Marseille, en janvier. (Google Earth)",
            "vue",
        ),
        ("Foto: Luftaufnahme des geplanten Rechenzentrums bei Frankfurt [Google Earth]", "Luftaufnahme"),
        ("Bild: Das Baufeld in Magdeburg im Januar (Foto: Nvidia)", "Das Baufeld"),
        ("Imagen: Vista aérea del terreno junto a la autopista. (Google Earth)", "Vista aérea"),
        ("Fotografía: el solar del futuro centro de datos en Talavera. © Nvidia", "el solar"),
    ],
)
def test_a_credit_closing_a_caption_is_blanked(caption: str, kept: str):
    text = f"{ARTICLE}\n{caption}\n{ARTICLE}"
    masked, zones = mask_boilerplate(text)
    assert len(masked) == len(text)
    assert "Nvidia" not in masked and "Google" not in masked
    assert kept in masked and masked.count("OpenAI") == 2
    assert {z[0] for z in zones} == {"credit"}


@pytest.mark.parametrize(
    ("caption", "kept"),
    [
        ("Photo: Nvidia's CEO Jensen Huang at GTC in San Jose (AFP)", "Nvidia's CEO"),
        ("Foto: Nvidia-Chef Jensen Huang auf der GTC (dpa)", "Nvidia-Chef"),
        ("Photo : le patron de Nvidia, Jensen Huang, à Paris (AFP)", "le patron de Nvidia"),
        (
            "Imagen: El consejero delegado de Nvidia, Jensen Huang, en Madrid. (EFE)",
            "consejero delegado de Nvidia",
        ),
    ],
)
def test_a_caption_names_what_it_shows(caption: str, kept: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{caption}\n{ARTICLE}")
    assert kept in masked
    assert "(AFP)" not in masked and "(dpa)" not in masked and "(EFE)" not in masked
    assert [z[0] for z in zones] == ["credit"]


@pytest.mark.parametrize(
    "line",
    [
        "Crédit photo : Nvidia (AFP)",  # a credit label: the whole line is the credit
        "Photo credit: Nvidia (handout)",
        "Photo: Nvidia",
        "Fotografía: Nvidia",  # every picture word of the caption labels is a credit label too
    ],
)
def test_a_line_under_a_credit_label_is_all_credit(line: str):
    masked, _ = mask_boilerplate(f"{ARTICLE}\n{line}\n{ARTICLE}")
    assert "Nvidia" not in masked


def test_a_paragraph_ending_with_brackets_is_not_a_caption():
    line = "The county said the site was chosen for its water supply (Google Earth images show a reservoir)."
    text = f"{ARTICLE}\n{line}"
    assert mask_boilerplate(text)[0] == text


# The tenth unseen set: who writes the newsletter or column, closing it, is a note about the author.


@pytest.mark.parametrize(
    ("masthead", "last"),
    [
        (
            "La Matinale IA - la lettre du vendredi",
            "La Matinale IA est écrite par Inès Exemple, ancienne cheffe de produit chez Nvidia, qui couvre "
            "l'intelligence artificielle depuis 2021. Vous recevez cette lettre parce que vous êtes inscrit(e). "
            "Se désabonner.",
        ),
        ("AI Weekly", "This newsletter is written by Jane Example, a former product manager at Nvidia."),
        (
            "The Chip Letter",
            "The Chip Letter is written and edited by Sam Example, who spent ten years at Nvidia.",
        ),
        (
            "KI-Briefing",
            "Die Kolumne wird von Max Beispiel geschrieben, der zuvor acht Jahre bei Nvidia war.",
        ),
        (
            "Morgenlage KI",
            "Die Morgenlage KI wird von Lena Beispiel verfasst. Sie arbeitete früher bei Nvidia.",
        ),
        ("Boletín IA", "Este boletín está escrito por Ana Ejemplo, exdirectiva de Nvidia en España."),
        ("Notas de IA", "La columna fue redactada por Jorge Ejemplo, antiguo ingeniero de Nvidia."),
    ],
)
def test_who_writes_a_newsletter_is_a_note_about_the_author(masthead: str, last: str):
    text = f"{masthead}\n{ARTICLE}\n{last}"
    masked, zones = mask_boilerplate(text)
    assert "Nvidia" not in masked and masked.count("OpenAI") == 1
    assert zones[-1][0] == "byline"


@pytest.mark.parametrize(
    "last",
    [
        # A common noun, or a letter the story is about: the story.
        "The bill is written by Senator Jane Example, a former Nvidia lawyer.",
        "The letter was written by Sam Example, a former Nvidia researcher, and signed by 300 staff.",
        "La lettre a été écrite par Paul Exemple, ancien chercheur chez Nvidia.",
        # Not who writes it.
        "The code is written by engineers at Nvidia, the company said.",
        "Die Software wird von Nvidia entwickelt.",
    ],
)
def test_written_by_in_a_story_is_kept(last: str):
    text = f"Tech Weekly\n{ARTICLE}\n{last}"
    assert mask_boilerplate(text)[0] == text


@pytest.mark.parametrize(
    ("caption", "kept"),
    [
        (
            "Blick in eine Serverhalle: Ein einzelnes großes Rechenzentrum verbraucht so viel Strom wie eine "
            "Kleinstadt. Foto: Nvidia/PR",
            "verbraucht so viel Strom",
        ),
        (
            "Workers inspect cell modules on the line near Reno. Photo: Nvidia via Getty Images",
            "Workers inspect",
        ),
        ("Les salles de serveurs du campus de Fos-sur-Mer. Crédit photo : Nvidia", "salles de serveurs"),
        ("Les salles de serveurs du campus. Crédit : Nvidia / AFP", "salles de serveurs"),
        ("Una sala de servidores del nuevo centro de datos. Imagen: Nvidia", "sala de servidores"),
        ("Una sala de servidores en Talavera. Fotografía: Nvidia/EFE", "sala de servidores"),
        ("Die neue Halle in Magdeburg | Bild: dpa/Nvidia", "Die neue Halle"),
    ],
)
def test_a_credit_label_after_the_caption_text_opens_a_credit(caption: str, kept: str):
    text = f"{ARTICLE}\n{caption}\n{ARTICLE}"
    masked, zones = mask_boilerplate(text)
    assert len(masked) == len(text)
    assert "Nvidia" not in masked
    assert kept in masked and masked.count("OpenAI") == 2
    assert {z[0] for z in zones} == {"credit"}


@pytest.mark.parametrize(
    "line",
    [
        # The word alone, with no label and colon after a sentence: the story.
        "Auf der Messe zeigt das Foto Nvidia-Chef Jensen Huang vor einem Rechenzentrum.",
        "The photo shows Nvidia's chief executive at the plant.",
        # A label followed by a sentence, not a credit.
        "Huang sprach lange. Foto: Nvidia zeigt den neuen Chip, den Huang auf der Bühne hochhielt, und alle jubelten.",
        "Une image résume la semaine. Image : Nvidia a gagné 300 milliards en bourse en cinq jours seulement.",
    ],
)  # fmt: skip
def test_a_sentence_with_a_credit_word_is_not_a_credit(line: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{line}\n{ARTICLE}")
    assert "Nvidia" in masked and zones == []


@pytest.mark.parametrize(
    "block",
    [
        # Link titles may end with an abbreviation's full stop.
        "Te puede interesar:\nNvidia lanza controles parentales tras la presión de familias en EE. UU.\n"
        "Qué es el equipo rojo y por qué todas las tecnológicas presumen de tenerlo",
        "Lee también\nNvidia abre una oficina en EE.UU.",
        "Más información:\nNvidia compra una empresa de Apple Inc.",
        "Read also:\nNvidia opens its largest office in the U.S.",
        "Related:\nNvidia beats estimates in the U.S.\nMistral raises money",
        "More on this\nNvidia to build chips in the U.S.",
        "Lire aussi\nNvidia ouvre un bureau aux É.-U.\nMistral AI lève des fonds",
        "À lire aussi :\nNvidia ouvre un centre de données près de Paris",
        "Sur le même sujet\nNvidia dépasse les attentes",
        "Lesen Sie auch:\nNvidia eröffnet Büro in den USA",
        "Auch interessant:\nNvidia übertrifft die Erwartungen",
        "Mehr zum Thema\nNvidia baut Chips in den USA u. a.",
        # New labels.
        "Quizá te interese:\nNvidia supera las previsiones",
        "Das könnte Sie auch interessieren\nNvidia übertrifft die Erwartungen",
        "You may also like:\nNvidia beats estimates",
        "Cela pourrait vous intéresser :\nNvidia dépasse les attentes",
    ],
)
def test_related_links_under_every_label_are_masked(block: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{block}")
    assert "Nvidia" not in masked
    assert {z[0] for z in zones} == {"related"}


def test_a_sentence_after_a_related_label_still_ends_the_block():
    text = f"{ARTICLE}\nLee también\nNvidia supera las previsiones\nNvidia dijo que venderá más chips este año. Luego habló Huang.\n"
    masked, _ = mask_boilerplate(text)
    assert masked.count("Nvidia") == 1


# A closing bio of two sentences, a name and a role then the person's past, is a note about the
# author even when the standfirst of an opinion piece names the author, whatever shape the past
# takes (thirteenth and fourteenth unseen sets).
@pytest.mark.parametrize(
    ("opening", "last"),
    [
        (
            "TRIBUNE - La décision en dit long sur nos outils juridiques, estime Hélène Exemple.",
            "Hélène Exemple est avocate associée dans un cabinet parisien. Elle a auparavant été juriste "
            "chez Google France.",
        ),
        (
            "OPINION - The ruling leaves the hard question open, argues Dana Example.",
            "Dana Example is a lawyer at a London firm. She previously worked as counsel at Google.",
        ),
        (
            "GASTBEITRAG - Das Urteil greift zu kurz, meint Lena Beispiel.",
            "Lena Beispiel ist Rechtsanwältin in München. Zuvor war sie Justiziarin bei SAP und Google.",
        ),
        (
            "OPINIÓN - El fallo se queda corto, sostiene Inés Ejemplo.",
            "Inés Ejemplo es abogada en un despacho de Madrid. Antes trabajó en el equipo jurídico de Google.",
        ),
        (
            "TRIBUNA | El acuerdo llega tarde, sostiene Inés Ejemplo.",
            "Inés Ejemplo es abogada especializada en propiedad intelectual. Fue directora jurídica de "
            "Google en España entre 2015 y 2019.",
        ),
        (
            "OPINIÓN - El mercado no se construye en los tribunales, escribe Jorge Ejemplo.",
            "Jorge Ejemplo es economista en una universidad pública. Trabajó ocho años en Google.",
        ),
        (
            "TRIBUNE - L'AGI ne prédit rien, estime Hélène Exemple.",
            "Hélène Exemple est professeure associée en apprentissage automatique. Elle a auparavant passé "
            "six ans comme chercheuse chez Google, à Londres.",
        ),
        (
            "TRIBUNE - Le droit d'auteur face aux modèles, par Marc Exemple.",
            "Marc Exemple est juriste dans un cabinet parisien. Avant de rejoindre le cabinet, il a dirigé "
            "le service juridique de Google France.",
        ),
        (
            "GASTBEITRAG - Das Urteil greift zu kurz, meint Lena Beispiel.",
            "Lena Beispiel ist Beraterin für Datenschutz. Bevor sie sich selbstständig machte, arbeitete sie "
            "zwölf Jahre bei Google in München.",
        ),
        (
            "GASTBEITRAG - Die Regulierung kommt zu spät, meint Max Beispiel.",
            "Max Beispiel ist Professor für Informatik. Er leitete bis 2020 ein Forschungslabor von Google.",
        ),
        (
            "OPINION - The settlement is a price, not a fine, argues Dana Example.",
            "Dana Example is a lawyer at a London firm. She spent a decade as counsel at Google.",
        ),
        (
            "OPINION - Ask what, not when, argues Sam Example.",
            "Sam Example is a researcher at a public university. Before joining it, he worked at Google.",
        ),
        (
            # "New" of a place is no appointment.
            "OPINION - The chip race is a policy choice, argues Jane Example.",
            "Jane Example is a professor at New York University. She was a chip designer at Google.",
        ),
    ],
)
def test_a_bio_with_the_authors_past_closing_an_opinion_piece_is_masked(opening: str, last: str):
    text = (
        opening + "\nThe court's reasoning fills a paragraph of prose.\nThe rest is up to lawmakers.\n" + last
    )
    masked, _ = mask_boilerplate(text)
    assert "Google" not in masked and masked.startswith(opening)


@pytest.mark.parametrize(
    "last",
    [
        # The story names the person: a closing paragraph about one of its people.
        "Dana Example is a lawyer at a London firm. She previously worked as counsel at Google.",
        # Someone is quoted.
        "Marc Exemple est avocat de Getty Images. Il a auparavant été juriste chez Google, selon le cabinet.",
        # A company, not a person.
        "Google ist Beklagte in drei ähnlichen Verfahren. Zuvor hatte sie sich mit Getty geeinigt.",
        # Three sentences: the story goes on.
        "Inés Example es abogada. Antes trabajó en Google. Ahora representa a Getty en la apelación.",
        # An appointment, or a career as news.
        "Former Google executive Jane Roe was appointed chief operating officer. She previously ran Google's "
        "ad sales in Europe.",
        "Jane Roe is the new chief executive. She was head of Google Cloud in Europe until 2023.",
        "Ana Pérez es la nueva directora general. Fue directora de Google en España hasta 2023.",
        "Hélène Exemple a été nommée directrice générale. Elle a passé six ans chez Google.",
        "Lena Beispiel ist die neue Geschäftsführerin. Sie war zuvor bei Google in München.",
        # The story's own person.
        "Example is a lawyer at a London firm. She spent a decade as counsel at Google.",
    ],
)
def test_a_closing_paragraph_of_the_story_with_a_past_is_kept(last: str):
    text = (
        "The court ruled on Tuesday.\nThe judgment surprised many.\n"
        "Example, who argued the case, said the ruling was narrow.\n" + last
    )
    assert mask_boilerplate(text)[0] == text


# A heading for the bio, on the closing paragraph: "Über die Autorin:", "À propos de l'autrice :".
@pytest.mark.parametrize(
    "last",
    [
        "Über die Autorin: Lena Beispiel schreibt über Unternehmenssoftware. Bevor sie in den Journalismus "
        "wechselte, arbeitete sie zwölf Jahre als Beraterin, zuletzt bei Google in München.",
        "Über den Autor – Max Beispiel war Ingenieur bei Google.",
        "À propos de l'autrice : Hélène Exemple a passé six ans chez Google.",
        "About the authors: Dana and Sam Example worked at Google.",
    ],
)
def test_a_bio_under_an_about_the_author_heading_is_masked(last: str):
    masked, _ = mask_boilerplate(f"{ARTICLE}\n{last}")
    assert "Google" not in masked and masked.startswith(ARTICLE)


@pytest.mark.parametrize(
    "last",
    [
        "Über die Autorin der Studie, eine frühere Google-Forscherin, ist wenig bekannt.",
        "Über den Autor ist wenig bekannt, außer dass er früher bei Google arbeitete.",
    ],
)
def test_a_sentence_about_an_author_is_kept(last: str):
    text = f"{ARTICLE}\n{last}"
    assert mask_boilerplate(text)[0] == text


# Fourteenth unseen set: the outlet promoting its own newsletter, channel or app on a platform, or
# asking the reader to follow it, is page furniture.
@pytest.mark.parametrize(
    "line",
    [
        "Neu: Unser Briefing gibt es jetzt auch als Kanal bei WhatsApp – jeden Morgen die wichtigsten "
        "Nachrichten direkt aufs Handy.",
        "Folgen Sie uns auf Instagram und WhatsApp.",
        "Our newsletter is now on WhatsApp: get the day's tech news every morning.",
        "Follow us on Instagram and Threads.",
        "Rejoignez notre chaîne WhatsApp pour recevoir l'essentiel de l'actualité tech.",
        "Suivez-nous sur Instagram et LinkedIn.",
        "Síguenos en WhatsApp e Instagram.",
        "Descarga nuestra app y recibe las noticias antes que nadie. Disponible para iPhone y Android.",
        "Never miss a launch: get breaking tech alerts in our free app for iOS and Android.",
    ],
)
def test_an_outlet_promoting_its_own_channel_is_masked(line: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{line}\n{ARTICLE}")
    for platform in ("WhatsApp", "Instagram", "Threads", "LinkedIn", "iPhone", "iOS"):
        assert platform not in masked
    assert masked.count("OpenAI") == 2 and [z[0] for z in zones] == ["promo"]


@pytest.mark.parametrize(
    "line",
    [
        "WhatsApp launches channels for newsletters.",
        "Le Monde lance sa chaîne WhatsApp pour ses abonnés.",
        "Die Tagesschau hat jetzt einen eigenen Kanal bei WhatsApp.",
        "El diario estrena su canal de WhatsApp.",
        # A quote, a report or a company's own words are the story.
        "« Suivez-nous sur Threads », a lancé Meta mardi.",
        '"Follow us on Threads," Instagram said in a post.',
        "Meta said our WhatsApp channel figures were wrong.",
        "Google nos abre cuentas en Gemini a todos.",  # Spanish "nos" is "us", not "our"
    ],
)
def test_a_story_line_about_a_platform_channel_is_kept(line: str):
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    assert mask_boilerplate(text)[0] == text


# Fourteenth unseen set: a screenshot is a picture; its credit closes a caption like a photo's.
@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Le message d'adieu publié mercredi par le chercheur. (Capture d'écran LinkedIn)", "Le message"),
        ("The farewell post published on Wednesday. (Screenshot via LinkedIn)", "The farewell post"),
        ("Der Abschiedspost vom Mittwoch (Bildschirmfoto: LinkedIn)", "Der Abschiedspost"),
        ("El mensaje de despedida del investigador. (Captura de pantalla de LinkedIn)", "El mensaje"),
        ("Screenshot: the farewell post on Wednesday (LinkedIn)", "the farewell post"),
        ("Capture d'écran : LinkedIn", ""),
        ("Captura de pantalla: LinkedIn", ""),
        ("The farewell post went up on Wednesday. Screenshot: LinkedIn", "The farewell post"),
    ],
)
def test_a_screenshot_credit_is_a_credit(line: str, kept: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{line}\n{ARTICLE}")
    assert "LinkedIn" not in masked and kept in masked
    assert {z[0] for z in zones} == {"credit"}


@pytest.mark.parametrize(
    "line",
    [
        "The screenshots show LinkedIn's new feed (screenshots were shared by users).",
        "LinkedIn tested the feature in March (screenshot below).",
        "Users posted screenshots of the LinkedIn message on Wednesday.",
        "La captura de pantalla muestra el nuevo menú de LinkedIn.",
    ],
)
def test_a_sentence_about_a_screenshot_is_kept(line: str):
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    assert mask_boilerplate(text)[0] == text


# Fifteenth unseen set: a credit for a generated picture is a credit, on a line of its own, as a segment
# of header furniture or closing a caption; the words after the preposition are the tool's name.
@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Illustration generated with Nvidia Picasso", ""),
        ("Image created with Nvidia Edify.", ""),
        ("(Illustration generated by Nvidia Picasso)", ""),
        ("Illustration générée par IA (Nvidia Edify)", ""),
        ("Image générée avec Nvidia Picasso", ""),
        ("Illustration générée par l'IA Nvidia Edify", ""),
        ("Illustration: KI-generiert mit Nvidia Picasso", ""),
        ("Bild erstellt mit Nvidia Edify", ""),
        ("Ilustración generada con Nvidia Picasso.", ""),
        ("Imagen creada con IA (Nvidia Edify)", ""),
        ("Imagen generada por IA con Nvidia Picasso", ""),
        (
            "ECONOMÍA | Por Ana Ejemplo | Sevilla | Ilustración generada por Nvidia Picasso.",
            "Por Ana Ejemplo",
        ),
        ("TECH · Image created with Nvidia Edify · 3 min read", "3 min read"),
        ("Ein Roboterarm in der Fabrikhalle. Bild erstellt mit Nvidia Edify.", "Ein Roboterarm"),
        # Twenty-first unseen set: the picture word qualified ("de portada", "Titelbild"), and what it was made from
        # closing the credit.
        (
            "Ilustración de portada generada con Nvidia Picasso a partir de fotografías de archivo de la NASA.",
            "",
        ),
        ("Cover illustration generated with Nvidia Edify from archive photos by NASA.", ""),
        ("Image d'illustration générée avec Nvidia Picasso à partir de photos d'archives de la NASA.", ""),
        ("Titelbild erstellt mit Nvidia Edify auf Grundlage von Archivfotos der NASA.", ""),
    ],
)
def test_a_credit_for_a_generated_picture_is_a_credit(line: str, kept: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{line}\n{ARTICLE}")
    assert "Nvidia" not in masked and kept in masked
    assert masked.count("OpenAI") == 2 and {z[0] for z in zones} == {"credit"}


@pytest.mark.parametrize("before", ["", "İstanbul'dan bildiriyor.\n"])
def test_a_generated_picture_credit_is_found_on_its_line_wherever_the_line_is(before: str):
    """The credit's line is found from where its picture word is, also when the text holds a
    character whose lower case is longer ("İ"), which would shift positions in the lower-cased text."""
    text = f"{before}{ARTICLE}\nA calm paragraph.\nIllustration generated with Nvidia Picasso\n{ARTICLE}"
    masked, zones = mask_boilerplate(text)
    assert "Nvidia" not in masked and [z[0] for z in zones] == ["credit"]
    assert text[zones[0][1] : zones[0][2]] == "Illustration generated with Nvidia Picasso"


@pytest.mark.parametrize(
    "line",
    [
        "Nvidia said Picasso generated the illustrations for the campaign.",
        "La ilustración generada con Nvidia Picasso causó polémica en redes.",
        "Se supo el martes. Ilustración generada con Nvidia Picasso causó polémica.",
        "Images created with Nvidia Edify flooded social networks last week.",
        "Das Bild erstellt mit Nvidia Edify zeigt eine Stadt, die es nicht gibt.",
        "L'illustration générée par Nvidia Picasso a été retirée du site.",
        # Twenty-first unseen set: what a picture was made from, in the story's reporting.
        "The illustration, generated with DALL·E from archive photos, was withdrawn after OpenAI was criticised.",
        "Ilustración de portada generada con Nvidia Picasso a partir de fotos que la agencia publicó ayer.",
        "OpenAI said images generated with DALL·E from NASA photos were labelled.",
    ],
)
def test_a_sentence_about_a_generated_picture_is_kept(line: str):
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    assert mask_boilerplate(text)[0] == text


# Fifteenth unseen set: a newsletter's or a podcast's back issues are related links, on the label's line
# split by "·" or "|", or on the lines under it.
@pytest.mark.parametrize(
    "block",
    [
        "Previous issues: · #41: Nvidia and the chip glut · #40: Mistral goes shopping",
        "In previous editions: #41: Nvidia and the chip glut | #40: Mistral goes shopping",
        "Earlier episodes:\nEp. 12 – Nvidia's long bet on robots\nEp. 11 – Mistral and the sovereignty pitch",
        "Dans les numéros précédents : · n° 41 : Nvidia et la surchauffe des puces · n° 40 : Mistral AI fait ses courses",
        "Numéros précédents :\nNvidia et la surchauffe des puces\nMistral AI fait ses courses",
        "Épisodes précédents :\nNvidia, le pari des robots\nMistral AI et la souveraineté",
        "In früheren Ausgaben: · Nr. 41: Nvidia und die Chipschwemme · Nr. 40: Mistral geht einkaufen",
        "Frühere Ausgaben:\nNvidia und die Chipschwemme\nMistral geht einkaufen",
        "Frühere Folgen:\nFolge 12: Nvidia setzt auf Roboter",
        "En números anteriores: · #41: Nvidia y el exceso de chips · #40: Mistral se va de compras",
        "Ediciones anteriores:\n#41: Nvidia y el exceso de chips\n#40: Mistral se va de compras",
        "Episodios anteriores:\nNvidia y su apuesta por los robots",
    ],
)
def test_a_list_of_back_issues_is_a_related_links_block(block: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{block}")
    assert "Nvidia" not in masked and "Mistral" not in masked
    assert {z[0] for z in zones} == {"related"}


@pytest.mark.parametrize(
    "line",
    [
        "In previous editions, Nvidia led the ranking of the most valuable chipmakers.",
        "Dans les numéros précédents, Nvidia dominait déjà le classement.",
        "In früheren Ausgaben lag Nvidia an der Spitze der Rangliste.",
        "En ediciones anteriores, Nvidia encabezó la clasificación.",
    ],
)
def test_a_sentence_about_previous_editions_is_kept(line: str):
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    assert mask_boilerplate(text)[0] == text


# Sixteenth unseen set: a generated picture's credit in brackets, with a colon after the picture word, closing
# with whom it was made for ("para este diario", "for this article").
@pytest.mark.parametrize(
    "line",
    [
        "[Ilustración: generada con Nvidia Picasso para este diario]",
        "(Image: generated with Nvidia Edify for this article)",
        "Illustration generated with Nvidia Picasso for this newspaper.",
        "[Illustration : générée par Nvidia Picasso pour ce journal]",
        "[Bild: erstellt mit Nvidia Edify für diese Zeitung]",
        "REPORTAJE | Por Ana Ejemplo | [Imagen: creada con Nvidia Edify para este artículo]",
    ],
)
def test_a_generated_picture_credit_for_this_newspaper_is_a_credit(line: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{line}\n{ARTICLE}")
    assert "Nvidia" not in masked and masked.count("OpenAI") == 2
    assert zones and {z[0] for z in zones} <= {"credit", "byline"}


@pytest.mark.parametrize(
    "line",
    [
        "La ilustración generada con Nvidia Picasso para este diario causó polémica.",
        "Se supo el martes. Ilustración generada con Nvidia Picasso para este diario causó polémica.",
        "Das Bild, erstellt mit Nvidia Edify für diese Zeitung, zeigt eine Stadt, die es nicht gibt.",
        "Images created with Nvidia Edify for this newspaper were shown to readers.",
    ],
)
def test_a_sentence_about_a_picture_made_for_the_newspaper_is_kept(line: str):
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    assert mask_boilerplate(text)[0] == text


# Seventeenth unseen set: the outlet asks readers to follow it by its name or as the newsroom, names its
# show in quotes, or promotes the newsroom's channel.
@pytest.mark.parametrize(
    "line",
    [
        "Daily Ledger newsletter: the week in tech. Follow Daily Ledger on Instagram and LinkedIn for updates.",
        "Suivez Le Quotidien sur Instagram et LinkedIn.",
        "Suivez la rédaction sur LinkedIn et sur Threads.",
        "Folgen Sie der Redaktion auf Instagram und LinkedIn.",
        "Folgen Sie Tech Kurier auf Instagram.",
        "Sigue a la redacción en Instagram y LinkedIn.",
        "Sigue a El Boletín en Instagram.",
        "Neu: Die wichtigsten Meldungen gibt es jetzt auch im WhatsApp-Kanal der Redaktion.",
        "Rejoignez la chaîne WhatsApp de la rédaction pour l'essentiel du jour.",
        "Chaque lundi, notre podcast « Puces » raconte la semaine tech. À écouter partout et à regarder sur YouTube.",
        'Every Monday our podcast "Chips" explains the week in tech. Watch it on YouTube and Instagram.',
    ],
)
def test_an_outlet_promoting_itself_by_name_or_as_the_newsroom_is_masked(line: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{line}\n{ARTICLE}")
    for platform in ("WhatsApp", "Instagram", "LinkedIn", "Threads", "YouTube"):
        assert platform not in masked
    assert masked.count("OpenAI") == 2 and [z[0] for z in zones] == ["promo"]


@pytest.mark.parametrize(
    "line",
    [
        # A report of a company's own call, a story about following someone, a quote: the story.
        "Meta asked users to follow its Threads account after the outage.",
        "Users can now follow Google on Threads, the company said.",
        "Fans who follow Instagram on LinkedIn saw the post first.",
        "« Suivez la rédaction sur Threads », a lancé Meta mardi.",
        "Die Redaktion von Heise hat einen eigenen Kanal bei WhatsApp gestartet.",
        "La redacción del diario estrena su canal de WhatsApp.",
        "«Notre podcast « Tech » est le plus écouté», a déclaré le patron de Spotify.",
        "YouTube launches a podcast tab for its music app.",
    ],
)
def test_a_story_about_following_or_a_channel_is_kept(line: str):
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    assert mask_boilerplate(text)[0] == text


# Seventeenth unseen set: a newsletter's footer, by its own markers, in the closing lines; promotion
# sentences inside a long closing paragraph.
@pytest.mark.parametrize(
    "footer",
    [
        "You are receiving this because you signed up for The Daily Chip. Forwarded this by a friend? Sign up on "
        "our website. Watch our weekly video recap on YouTube. Unsubscribe | Manage preferences",
        "Was this forwarded to you? Subscribe free. Our clips are on YouTube and Instagram.",
        "Cette lettre vous a été transférée ? Inscrivez-vous. Nos vidéos sont aussi sur YouTube.\n"
        "Se désabonner | Gérer mes préférences",
        "Vous recevez ce courriel car vous êtes abonné à La Puce. Retrouvez nos vidéos sur YouTube.",
        "Wurde Ihnen dieser Newsletter weitergeleitet? Hier kostenlos abonnieren. Videos gibt es auf YouTube.",
        "Sie erhalten diesen Newsletter, weil Sie ihn bestellt haben. Abmelden | Datenschutz | Impressum",
        "¿Te han reenviado este correo? Suscríbete gratis en nuestra web y míranos en YouTube cada jueves.",
        "Para darte de baja, pulsa aquí. También estamos en YouTube e Instagram.",
        # One long closing paragraph: its promotion sentences go.
        "Das Chip-Briefing erscheint jeden Montag. Hat Ihnen diese Ausgabe gefallen? Dann leiten Sie sie weiter "
        "oder abonnieren Sie uns kostenlos. Neu: Die wichtigsten Meldungen gibt es auch im YouTube-Kanal der "
        "Redaktion.",
    ],
)
def test_a_newsletter_footer_in_the_closing_lines_is_masked(footer: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{ARTICLE}\n—\n{footer}")
    assert "YouTube" not in masked and "Instagram" not in masked
    assert masked.count("OpenAI") == 2 and {z[0] for z in zones} <= {"footer", "promo"}


@pytest.mark.parametrize(
    "last",
    [
        "Gmail adds a one-click unsubscribe button, YouTube said on Tuesday.",
        "Unsubscribe buttons on YouTube will be mandatory under the new rule.",
        "An employee forwarded this email to YouTube's lawyers.",
        "Who forwarded the memo about YouTube to the press?",
        "Les utilisateurs de YouTube pourront se désabonner d'une chaîne en un clic.",
        "YouTube erhält diese Woche eine neue Funktion zum Abbestellen von Kanälen.",
        "Los usuarios de YouTube podrán darse de baja de un canal con un clic desde marzo, informó Google.",
        # A long closing paragraph of a story: no promotion sentence in it.
        "YouTube launched a podcast tab this week. Its rival Spotify asked users to follow its podcasts on "
        "Instagram. Analysts expect the two to compete for video podcasts through next year at least.",
    ],
)
def test_closing_story_lines_about_subscriptions_are_kept(last: str):
    text = f"{ARTICLE}\n{last}"
    assert mask_boilerplate(text)[0] == text


# Seventeenth unseen set: a chart's caption with its source closing the line.
@pytest.mark.parametrize(
    ("caption", "kept"),
    [
        (
            "Gráfico: evolución de las búsquedas de 'chips' en España (2023-2025). Fuente: Google Trends.",
            "Gráfico",
        ),
        ("Chart: search interest in 'AI chips', 2023-2025. Source: Google Trends", "search interest"),
        ("Graphique : l'intérêt pour « puces IA » en France. Source : Google Trends.", "l'intérêt"),
        ("Grafik: Suchinteresse an KI-Chips in Deutschland. Quelle: Google Trends", "Suchinteresse"),
        ("Search interest in AI chips doubled in a year. Source: INE, Google Trends.", "Search interest"),
        ("Chart: search interest in AI chips since 2023 (Google Trends)", "search interest"),
    ],
)
def test_a_source_closing_a_chart_caption_is_a_credit(caption: str, kept: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{caption}\n{ARTICLE}")
    assert "Google" not in masked and kept in masked and masked.count("OpenAI") == 2
    assert {z[0] for z in zones} == {"credit"}


@pytest.mark.parametrize(
    "line",
    [
        # A source label before a sentence, or in the middle of one: the story.
        "The outage lasted two hours. Source: Google said the update was rolled back overnight.",
        "Der Konzern nannte als Quelle: Google Trends und eigene Umfragen unter Kunden.",
        "La compañía citó una fuente: Google, que negó cualquier fallo en sus servidores.",
    ],
)
def test_a_source_label_in_a_story_sentence_is_kept(line: str):
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    assert mask_boilerplate(text)[0] == text


# Seventeenth unseen set: an opinion piece's closing note about its author, with the disclaimer that the
# views are the author's own, even under a byline that names the author.
@pytest.mark.parametrize(
    "last",
    [
        "Lucía Ejemplo es investigadora en visión artificial y colabora con el laboratorio de IBM en Zúrich. "
        "Las opiniones expresadas son exclusivamente suyas.",
        "Lucía Ejemplo is a researcher in computer vision and works with IBM's lab in Zurich. The views expressed "
        "are the author's own.",
        "Lucía Ejemplo est chercheuse en vision artificielle et collabore avec le laboratoire d'IBM à Zurich. Les "
        "opinions exprimées n'engagent que leur autrice.",
        "Lucía Ejemplo ist Forscherin für maschinelles Sehen und arbeitet mit dem IBM-Labor in Zürich. Der "
        "Beitrag gibt die Meinung der Autorin wieder.",
        "Lucía Ejemplo es investigadora y colabora con el laboratorio de IBM en Zúrich.\n"
        "Este artículo refleja únicamente la opinión de su autora.",
    ],
)
def test_a_bio_with_an_opinion_disclaimer_closing_the_piece_is_masked(last: str):
    text = f"Opinión\nLucía Ejemplo\nThe story itself, about a new model, takes a whole paragraph of prose.\n{last}"
    masked, zones = mask_boilerplate(text)
    assert "IBM" not in masked and masked.startswith("Opinión\nLucía Ejemplo\nThe story itself")
    assert {z[0] for z in zones} == {"byline"}


@pytest.mark.parametrize(
    "last",
    [
        # The argument's last paragraph, an appointment, a report: the story, disclaimer or not.
        "Europe must now hold IBM to account. The views expressed are the author's own.",
        "Jane Roe is the new chief executive of IBM. The views expressed are her own.",
        "Jane Roe is a researcher at IBM, the company said. The views expressed are her own.",
        "IBM said the views expressed in the advertisement were the agency's own.",
    ],
)
def test_a_story_paragraph_before_a_disclaimer_is_kept(last: str):
    text = f"The story itself, about a new model, takes a whole paragraph of prose.\n{last}"
    assert "IBM" in mask_boilerplate(text)[0]


# Eighteenth unseen set: share buttons written as a sentence, or as a label before the platforms' names.
@pytest.mark.parametrize(
    "line",
    [
        "Share this article on X, Facebook or LinkedIn.",
        "Liked it? Share this story with your friends on WhatsApp and Facebook.",
        "Partagez cet article sur X, Facebook ou LinkedIn.",
        "Teilen Sie diesen Artikel auf LinkedIn, Facebook oder X.",
        "Comparte este artículo en X, Facebook o LinkedIn.",
        "Share on: X · Facebook · LinkedIn",
        "Partager sur Facebook, LinkedIn",
        "Teilen: WhatsApp | Facebook",
        "Compartir en X, Facebook",
        # Twenty-first unseen set: the label names what is shared (the noun first in German), and the list holds
        # the page's other buttons.
        "Beitrag teilen: LinkedIn | WhatsApp | Facebook | Drucken",
        "Artikel teilen: WhatsApp | Facebook | LinkedIn | E-Mail | Link kopieren",
        "Share this story: Facebook · LinkedIn · WhatsApp · Copy link",
        "Partager l'article : Facebook · LinkedIn · WhatsApp · Copier le lien",
        "Compartir artículo: WhatsApp · Facebook · LinkedIn · Copiar enlace",
    ],
)
def test_share_buttons_written_out_are_masked(line: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{line}\n{ARTICLE}")
    for platform in ("WhatsApp", "Facebook", "LinkedIn"):
        assert platform not in masked
    assert masked.count("OpenAI") == 2 and [z[0] for z in zones] == ["promo"]


# Eighteenth unseen set: a newsletter's or a show's sponsor, as a sentence about this newsletter or as a label.
@pytest.mark.parametrize(
    "line",
    [
        "This newsletter is sponsored by IBM.",
        "Today's issue is presented by IBM. Reply to this email with your tips.",
        "Presented by IBM",
        "The Chip Sheet | Sponsored by IBM",
        "Cette lettre est parrainée par IBM.",
        "Ce podcast est réalisé en partenariat avec IBM.",
        "En partenariat avec IBM",
        "Dieser Newsletter wird präsentiert von IBM.",
        "Diese Ausgabe wird von IBM präsentiert.",
        "Mit freundlicher Unterstützung von IBM",
        "Boletín Tecnología | Este boletín cuenta con el patrocinio de IBM. Suscríbete en nuestra web.",
        "Esta edición está patrocinada por IBM.",
        "Patrocinado por IBM",
    ],
)
def test_a_newsletters_sponsor_line_is_masked(line: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{line}\n{ARTICLE}")
    assert "IBM" not in masked and masked.count("OpenAI") == 2
    assert [z[0] for z in zones] == ["promo"]


@pytest.mark.parametrize(
    "line",
    [
        # Sharing, sponsoring and presenting as the story's news.
        "Meta lets users share articles on Facebook.",
        "Share prices of Facebook's parent fell 3%.",
        "Partager des articles sur Facebook devient payant, annonce Meta.",
        "Los usuarios pueden compartir artículos en Facebook, dijo Meta.",
        "IBM sponsored the hackathon, the organisers said.",
        "The event, sponsored by Nvidia, drew 3,000 people.",
        "In partnership with Google, the city will open a lab.",
        "Presented by Nvidia's chief executive Jensen Huang, the chip ships in March.",
        "Nvidia presented by far the strongest results.",
        "Le salon, parrainé par IBM, a attiré 3 000 visiteurs.",
        "Die Messe, gesponsert von IBM, zog 3000 Besucher an.",
        "La feria, patrocinada por IBM, reunió a 3.000 personas.",
        # Twenty-first unseen set: the share label's words in a story sentence.
        "Artikel teilen ist bei Facebook jetzt kostenpflichtig, sagt Meta.",
        "Share buttons for WhatsApp and Facebook slow pages down, a study found.",
        "Les boutons « Partager » de Facebook disparaissent, annonce Meta.",
    ],
)
def test_a_story_about_sharing_or_sponsors_is_kept(line: str):
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    assert mask_boilerplate(text)[0] == text


# Eighteenth unseen set: a picture's credit by who gave it, with no colon, closing a caption, also inside a
# bracket that holds the whole caption.
@pytest.mark.parametrize(
    "line",
    [
        "[Imagen: un visitante prueba unas gafas en la feria de Barcelona. Foto de archivo cedida por Apple]",
        "Un visitante prueba unas gafas en la feria. Imagen cortesía de Apple.",
        "A visitor tries the glasses at the fair in Barcelona. (Image provided by Apple)",
        "[Photo: a visitor tries the glasses at the fair in Barcelona on Monday. Photo courtesy of Apple]",
        "Un visiteur essaie les lunettes au salon de Barcelone. Photo fournie par Apple.",
        "Ein Besucher testet die Brille auf der Messe. Foto: Apple / mit freundlicher Genehmigung von Apple",
        "Ein Besucher testet die Brille auf der Messe. Mit freundlicher Genehmigung von Apple",
        "Courtesy of Apple",
    ],
)
def test_a_courtesy_credit_closing_a_caption_is_masked(line: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{line}\n{ARTICLE}")
    assert "Apple" not in masked and masked.count("OpenAI") == 2
    assert [z[0] for z in zones] == ["credit"]


@pytest.mark.parametrize(
    "line",
    [
        "Las fotos cedidas por Apple muestran el nuevo visor de realidad mixta.",
        "The chips, provided by Nvidia, power the cluster.",
        "Courtesy of Nvidia's chips, the cluster runs faster.",
        "The images were provided by Apple, a spokesperson said.",
        "Les données fournies par Google montrent une hausse.",
        "Die Daten wurden von SAP zur Verfügung gestellt, sagte ein Sprecher.",
    ],
)
def test_a_story_about_something_provided_is_kept(line: str):
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    assert mask_boilerplate(text)[0] == text


# Eighteenth unseen set: a closing note is about the article's author, not the story's authors: an authors'
# organisation, or the authors of a study or a suit reporting, is the story.
@pytest.mark.parametrize(
    "last",
    [
        "No date has been set. The Authors Guild, which is suing OpenAI in New York, backed the writers.",
        "The Writers Guild of America said the deal with OpenAI protects its members.",
        "The authors, who sued OpenAI in 2023, said they would appeal.",
        "The authors cautioned that the sample of Google searches was small.",
        "Rien n'est tranché. La Société des gens de lettres, qui poursuit OpenAI, soutient les auteurs.",
        "Der Verband deutscher Schriftsteller, der gegen OpenAI klagt, unterstützt die Autoren.",
        "El gremio de autores, que demanda a OpenAI, respalda a los escritores.",
    ],
)
def test_a_story_sentence_about_authors_is_not_an_author_note(last: str):
    text = "The story itself, about a new model, takes a whole paragraph of prose.\n" + last
    assert mask_boilerplate(text)[0] == text


@pytest.mark.parametrize(
    "last",
    [
        "The author is a former engineer at OpenAI.",
        "No date has been set. The author covered OpenAI for years.",
        "The authors hold no shares in OpenAI.",
        "The writer travelled as a guest of OpenAI.",
        "L'auteur a travaillé chez OpenAI.",
        "Der Autor war bis 2023 bei OpenAI tätig.",
        "El autor trabajó en OpenAI.",
    ],
)
def test_a_note_about_the_author_is_still_masked(last: str):
    text = "The story itself, about a new model, takes a whole paragraph of prose.\n" + last
    assert "OpenAI" not in mask_boilerplate(text)[0]


# Page widgets (the nineteenth unseen set) between two paragraphs of the article, by the kind of zone
# they make; their blocks name Nvidia or Mistral, which must not stay in the text.
PAGE_WIDGETS = {
    # Nineteenth unseen set: an embedded post's or video's consent placeholder is page furniture: it says it stands
    # for embedded or external content and asks the reader to consent, accept cookies or click to show it.
    "embed": [
        "This content is hosted by Nvidia. To view it, you must accept cookies from third parties.",
        "[Embedded video from Nvidia unavailable. Accept social cookies to watch it.]",
        "External content from Nvidia: click here to load it. Your consent can be withdrawn at any time.",
        "Hier steht ein externer Inhalt von Nvidia. Mit einem Klick auf den Button wird er geladen.",
        "An dieser Stelle sehen Sie ein Video von Nvidia. Um es anzuzeigen, ist Ihre Einwilligung nötig.",
        "Cette vidéo est hébergée par Nvidia. Pour la voir, cliquez ici et acceptez les cookies.",
        "[Contenu externe de Nvidia masqué. En l'affichant, vous acceptez le dépôt de cookies.]",
        "Contenido externo de Nvidia. Para verlo, haz clic aquí y acepta las cookies.",
        "[Publicación de Nvidia no disponible. Para mostrarlo, da tu consentimiento en la configuración de privacidad.]",
        # Twentieth unseen set: content said to be embedded or shown here, accepting a privacy policy by loading it,
        # and the placeholder's label line before it and button line after it.
        "[External content]\nA video from Nvidia is embedded here. By loading it, you accept Nvidia's privacy policy.\n"
        "Load video",
        "[Third-party content]\nTo watch this clip from Mistral, please give your consent.\nShow content",
        "[Contenu externe]\nUne vidéo Nvidia est intégrée ici. En chargeant ce contenu, vous acceptez la politique "
        "de confidentialité de Nvidia.\nAfficher le contenu",
        "[Externer Inhalt]\nAn dieser Stelle ist ein Beitrag von Nvidia eingebunden. Mit dem Laden des Inhalts "
        "akzeptieren Sie die Datenschutzerklärung von Nvidia.\nInhalt laden",
        "Externer Inhalt\nHier wird ein Video von Mistral angezeigt. Um es anzuzeigen, müssen Sie zustimmen.\n"
        "Video abspielen",
        "[Contenido externo]\nAquí se incluye una publicación de Nvidia. Al cargar el contenido, aceptas la política "
        "de privacidad de Nvidia.\nVer publicación",
        "El vídeo de Mistral está incrustado aquí. Para verlo, acepta las cookies.",
        # Twenty-first unseen set: seeing it by enabling external content, and a platform's content as the label
        # opening the placeholder's line.
        "Hier finden Sie einen eingebetteten Beitrag von Nvidia. Um ihn anzusehen, aktivieren Sie bitte externe Inhalte.",
        "An embedded post from Nvidia appears here. To see it, enable external content in your settings.",
        "Une publication intégrée de Nvidia se trouve ici. Pour la voir, activez les contenus externes.",
        "Aquí hay una publicación integrada de Nvidia. Para verla, activa el contenido externo.",
        "[Contenido de Nvidia: vídeo de la presentación. Para ver este contenido debes aceptar las cookies.]",
        "Video from Mistral: the keynote. Accept social cookies to play it.",
        "[Nvidia-Video: Die Vorstellung des Chips. Um es abzuspielen, stimmen Sie der Übermittlung Ihrer Daten zu.]",
        "Vidéo Nvidia : la keynote. Pour la voir, acceptez les cookies.",
    ],
    # Nineteenth unseen set: market data, as a strip of quotes on one line or one quote a line, is page furniture.
    "market": [
        "MARKETS  Nasdaq 22,310.5 ▲0.9% | Nvidia 186.26 ▲1.8% | Brent $64.20 ▼0.5%",
        "Stocks: Nvidia $186.26 +1.8% · Mistral 12.40 € −0.4%",
        "MARCHÉS · CAC 40 8 150 points +0,2 % · Nvidia 186,26 $ +1,8 % · Mistral 12,40 € −0,4 %",
        "Börse aktuell\nDAX 24.050 Punkte +0,3 %\nNvidia 186,26 $ +1,8 %\nMistral 12,40 € −0,4 %",
        "Nvidia 186,26 $ +1,8 %\nMistral 12,40 € −0,4 %",
        "MERCADOS EN DIRECTO · Ibex 35 15.900 ▲ 0,2 % · Nvidia 186,26 ▲ 1,8 % · Mistral 12,40 ▼ 0,4 %",
        # Twentieth unseen set: a strip of prices with no change under a market label (on the line before or in
        # its first segment), or with two changes in brackets.
        "Schlusskurse vom Freitag\nSAP 241,30 € | Nvidia 186,26 $ | Mistral 12,40 €",
        "Markets · Nvidia $186.26 · Mistral €12.40 · Brent $64.20",
        "Bourse de Paris\nCAC 40 8 150,20 pts | Nvidia 186,26 $ | Mistral 12,40 €",
        "Cierre de mercados · Ibex 35 15.920 (+0,3 %) · Nvidia 186,26 (+1,8 %) · Mistral 12,40 (−0,4 %) · Euro/dólar 1,17",
        "Nvidia 186.26 (+1.8%) · Mistral 12.40 (−0.4%)",
        # Twenty-first unseen set: the label inline before a colon, a closing note on the quotes (a delay), Swiss
        # thousands, and changes with no price under a market label.
        "Börse aktuell: Nvidia 181,07 $ (+2,3 %) · Mistral 12,40 € (−0,4 %) · Kurse mit 15 Minuten Verzögerung",
        "Markets: Nvidia $181.07 (+2.3%) · Mistral €12.40 (−0.4%) · Prices delayed by 15 minutes",
        "Bourse : Nvidia 181,07 $ (+2,3 %) · Mistral 12,40 € (−0,4 %) · Cours différés de 15 minutes",
        "Bolsa: Nvidia 181,07 $ (+2,3 %) · Mistral 12,40 € (−0,4 %) · Datos con 15 minutos de retraso",
        "SPI 16'912 (+0,2%) | Nvidia 181.07 (−1,4%) | Mistral 12.40 (+0,4%) | USD/CHF 0.7955",
        "Mercados | Nasdaq 100 +0,5% · Nvidia -1,2% · Mistral +0,9% · Euro/dólar 1,164",
        "Markets | S&P 500 +0.4% · Nvidia −1.2% · Mistral +0.9%",
        "Marchés · CAC 40 +0,3 % · Nvidia −1,2 % · Mistral +0,9 %",
        "Märkte | DAX +0,2 % · Nvidia −1,2 % · Mistral +0,9 %",
    ],
    # Nineteenth unseen set: most-read, related-content and more-in-section widgets under the headings outlets use.
    "related": [
        "Most read\n1. Nvidia beats estimates again\n2. Mistral raises money",
        "Related content\n· Nvidia beats estimates again",
        "More in Technology\n· Nvidia beats estimates again\n· Mistral raises money",
        "Les plus lus\n1. Nvidia dépasse les attentes\n2. Mistral lève des fonds",
        "Articles associés :\nNvidia dépasse les attentes",
        "Plus dans Économie\nNvidia dépasse les attentes",
        "Meistgelesen\n1. Nvidia übertrifft die Erwartungen\n2. Mistral sammelt Geld ein",
        "Mehr aus dem Ressort\nNvidia übertrifft die Erwartungen",
        "Verwandte Artikel\nNvidia übertrifft die Erwartungen",
        "Lo más leído\n1. Nvidia supera las previsiones\n2. Mistral capta fondos",
        "Noticias relacionadas\n· Nvidia supera las previsiones",
        "Más en Economía\n· Nvidia supera las previsiones",
        "Relacionados: Nvidia supera las previsiones · Mistral capta fondos",
        # Twentieth unseen set: further reading and more news over link titles.
        "Further reading\nNvidia beats estimates again\nMistral raises money",
        "Pour aller plus loin\nNvidia dépasse les attentes\nMistral lève des fonds",
        "Zum Weiterlesen:\nNvidia übertrifft die Erwartungen",
        "Lesetipps\nNvidia übertrifft die Erwartungen\nMistral sammelt Geld ein",
        "Para saber más\nNvidia supera las previsiones",
        "Lecturas recomendadas:\n· Nvidia supera las previsiones\n· Mistral capta fondos",
        "More news\n· Nvidia beats estimates again",
        "Plus d'actualités\n· Nvidia dépasse les attentes",
        "Weitere Meldungen\n· Nvidia übertrifft die Erwartungen",
        "MÁS NOTICIAS\n· Nvidia supera las previsiones\n· Mistral capta fondos",
        # Twentieth unseen set: a read-also label scoped to the outlet's dossier or series, then its link titles.
        "Read more in our series on AI chips\n- Nvidia beats estimates again\n- Mistral raises money",
        "À lire aussi dans notre dossier Intelligence artificielle\n- Nvidia dépasse les attentes",
        "Lesen Sie auch in unserem Schwerpunkt Künstliche Intelligenz:\n- Nvidia übertrifft die Erwartungen",
        "Lee también en nuestro especial Inteligencia Artificial\n- Nvidia supera las previsiones",
        # Twentieth unseen set: an archive box, its items dated (a sentence may follow the date) or link titles.
        "From our archive\n3 May 2019: Nvidia agrees to buy a networking company, its largest deal so far.",
        "On this day\nMarch 11, 2019 – Nvidia agrees to buy Mellanox.\nMistral raises money",
        "Dans nos archives :\n12 janvier 2021 : Nvidia présente son premier processeur pour centres de données.",
        "Aus dem Archiv\n15. März 2019 – Nvidia kündigt die Übernahme eines Netzwerkspezialisten an.",
        "De nuestra hemeroteca\n11 de marzo de 2019: Nvidia compra Mellanox por 6.900 millones de dólares.",
        "Tal día como hoy\n2019 | Nvidia anuncia la compra de Mellanox.",
        # Twenty-first unseen set: a read-more label naming the subject, a may-interest label in any person.
        "Lesen Sie mehr zum Thema\nNvidia übertrifft die Erwartungen\nMistral sammelt Geld ein",
        "Read more on this topic\nNvidia beats estimates again",
        "Lire plus sur ce sujet\nNvidia dépasse les attentes",
        "Lee más sobre este tema\nNvidia supera las previsiones",
        "Le puede interesar: Nvidia supera las previsiones",
        "Les podría interesar\nNvidia supera las previsiones\nMistral capta fondos",
        "Das könnte dich auch interessieren: Nvidia übertrifft die Erwartungen",
        "Vous pourriez aussi aimer\nNvidia dépasse les attentes",
        "You might also be interested in\nNvidia beats estimates again",
    ],
    # Nineteenth unseen set: a generated picture's credit with a second picture word after the label, a name with a
    # middle dot, or made for the outlet by its name.
    "credit": [
        "[Image: a chip on a desk. Illustration generated with Nvidia Pic·asso for The Ledger]",
        "Illustration: image generated with Nvidia Edify.",
        "Illustration : image créée avec Nvidia Pic·asso pour Le Quotidien",
        "Grafik: Bild erstellt mit Nvidia Edify für die Abendpost.",
        "Ilustración: imagen generada con Nvidia Pic·asso para este periódico.",
    ],
}


@pytest.mark.parametrize(("kind", "block"), [(k, b) for k, blocks in PAGE_WIDGETS.items() for b in blocks])
def test_a_page_widget_is_masked(kind: str, block: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{block}\n{ARTICLE}")
    assert "Nvidia" not in masked and "Mistral" not in masked and masked.count("OpenAI") == 2
    assert {z[0] for z in zones} == {kind}


# Story text with those widgets' words (consent, share prices, advertising, "most read"), kept whole.
STORY_TEXT_WITH_WIDGET_WORDS = [
    "Nvidia said users must accept cookies before embedded videos play on news sites.",
    "Regulators want external content from Nvidia's partners blocked until users consent, according to the filing.",
    "Externe Inhalte von Nvidia dürfen künftig nur nach Zustimmung geladen werden, entschied das Gericht.",
    "Le régulateur exige que le contenu externe de Nvidia ne soit affiché qu'après accord de l'utilisateur.",
    "Nvidia publicó un vídeo de su nueva planta, que acumula un millón de visitas.",
    "Nvidia's cookie banner was blocked by regulators in March.",
    "Nvidia shares closed at 186.26 dollars, up 1.8%, after the results.",
    "Nvidia 186.26 +1.8% and Mistral 12.40 −0.4% led a market that otherwise drifted lower all afternoon.",
    "Die Nvidia-Aktie schloss bei 186,26 Dollar (+1,8 %), Mistral gab 0,4 % nach.",
    "L'action Nvidia a gagné 1,8 % à 186,26 dollars.",
    "Las acciones de Nvidia subieron un 1,8 %, hasta 186,26 dólares.",
    "Advertising revenue at Nvidia's partners rose 12% in the quarter.",
    # A section heading on advertising, before the story's paragraph.
    "Publicidad\nNvidia gastó en publicidad un 12 % más que el año anterior, según sus cuentas anuales.",
    "Werbung\nNvidia will künftig mehr Geld in Werbung stecken.",
    "Publicité\n" + "Nvidia a multiplié les campagnes publicitaires cette année, notamment à Paris. " * 4,
    "Most read of all were the pages about Nvidia's results, the site said.",
    "More in Technology than in any other sector, Nvidia's chips set the pace.",
    "Más en España que en Francia, Nvidia vende sus chips a centros de datos.",
    "Les plus lus des rapports de Nvidia sont ceux sur les centres de données.",
    # The story's own list, under a sentence.
    "Nvidia listed its most-read reports last year:\nThe data-centre outlook, which drew 2 million readers.",
    # Twentieth unseen set. Consent words under a subhead, not a placeholder's label (no brackets, no button);
    # a report.
    "External content\nPublishers will need users' consent to show Nvidia's videos, under the new rules.",
    "[External content]\nNvidia said users must give consent before its videos are shown on partner sites.",
    "Nvidia ist hier eingebunden, sagt der Minister, und die Datenschutzerklärung müsse man akzeptieren.",
    # Prices in a sentence, a product price list, versions, key figures: no strip of market quotes.
    "Nvidia closed at 186.26 dollars and Mistral's backers paid 12.40 euros a share.",
    "Nvidia RTX 5090 2.329,00 € · Nvidia RTX 5080 1.169,00 € · Nvidia RTX 5070 649,00 €",
    "Modelos: Claude 4.5 · Gemini 2.5 · Mistral 3.1",
    "MERCADOS | Ingresos de Nvidia +56 % | Centros de datos: 41.100 mdd",
    "Kurse: Nvidia gewann 1,8 % auf 186,26 Dollar, Mistral gab 0,4 % nach.",
    # Further reading, more news, a scoped read-also, an archive heading opening a sentence, or over the story.
    "Further reading of the filing shows Nvidia expects more demand.",
    "Weiterlesen lohnt sich, denn Nvidia hat mehr angekündigt.",
    "Para saber más sobre Nvidia, consulte su informe anual.",
    "More news is expected from Nvidia next week.",
    "Más noticias llegarán de Nvidia la próxima semana, según la empresa.",
    "Read more in our coverage of Nvidia's results, which showed record revenue.",
    "On this day in 2019, Nvidia agreed to buy Mellanox.",
    "Aus dem Archiv der Firma stammen Fotos von Nvidia-Gründer Jensen Huang.",
    "De nuestra hemeroteca\nNvidia publica sus informes en esta web desde hace años, y los hemos seguido de cerca.",
    # A story's own timeline has no archive heading.
    "Timeline\n15 March 2019: Nvidia agrees to buy Mellanox.\n2020: Nvidia announces its Arm deal.",
    # Twenty-first unseen set. Prices in a sentence; key figures with changes and no market label; a price list
    # with a note; a change list with no label.
    "Nvidia shares rose 0.4% to $181.07 on Tuesday, and Mistral's backers were pleased.",
    "Quartalszahlen: Umsatz +62 % · Gewinn +65 % · Nvidia-Aktie nachbörslich +5 %",
    "Resultados | Ingresos de Nvidia +56 % · Beneficio neto +65 %",
    "Nvidia RTX 5090 2.329,00 € · Nvidia RTX 5080 1.169,00 € · Preise Stand 12:00 Uhr",
    "Nvidia +56 % · Mistral +12 %",
    # A read-more or may-interest label opening a sentence.
    "Le puede interesar a Nvidia comprar Mistral, dicen los analistas.",
    "Lesen Sie mehr zum Thema in der Studie, die Nvidia am Montag veröffentlicht hat.",
    # A placeholder's words in a report, or a label with no request to the reader.
    "[Contenido de Nvidia: la empresa pide aceptar las cookies, según el regulador.]",
    "Nvidia-Video: Der Chef zeigt den neuen Chip, um ihn zu bewerben.",
]


@pytest.mark.parametrize("block", STORY_TEXT_WITH_WIDGET_WORDS)
def test_story_text_with_widget_words_is_kept(block: str):
    text = f"{ARTICLE}\n{block}\n{ARTICLE}"
    assert mask_boilerplate(text)[0] == text


# Twentieth unseen set: a CMS's tags line in the closing lines, its items split by "·", "•", "|" or commas.
@pytest.mark.parametrize(
    "line",
    [
        "Tags: AI chips · Nvidia · Data centres",
        "Topics: Nvidia, Mistral, generative AI",
        "Mots-clés : Nvidia, puces, centres de données",
        "Sujets : Mistral · Nvidia · Intelligence artificielle",
        "Schlagwörter: KI | Nvidia | Rechenzentren",
        "Themen: Mistral · Nvidia · Europa",
        "Etiquetas: Mistral · Nvidia · Inteligencia artificial",
        "Temas: chips, Nvidia, centros de datos",
    ],
)
def test_a_tags_line_closing_the_article_is_masked(line: str):
    text = f"{ARTICLE}\n{ARTICLE}\n{line}\nShare this article"
    masked, zones = mask_boilerplate(text)
    assert "Nvidia" not in masked and masked.count("OpenAI") == 2
    assert [z[0] for z in zones] == ["tags"]


@pytest.mark.parametrize(
    "text",
    [
        # Prose under the label, closing the article.
        f"{ARTICLE}\nThemen: Die Bundesregierung will Rechenzentren fördern, Nvidia liefert die Chips.",
        f"{ARTICLE}\nTemas: el acuerdo con Nvidia, los aranceles y el futuro de la planta",
        f"{ARTICLE}\nThemen: Nvidia, Mistral und die Frage nach der Souveränität Europas",
        f"{ARTICLE}\nSujets : Nvidia · pourquoi Mistral mise tout sur l'Europe ?",
        # A summit's agenda within the story, not in the closing lines.
        f"Topics: AI regulation · chip exports · Nvidia\n{ARTICLE}\n{ARTICLE}\n{ARTICLE}\n{ARTICLE}\n{ARTICLE}",
    ],
)
def test_a_topics_sentence_or_an_agenda_in_the_story_is_kept(text: str):
    assert mask_boilerplate(text)[0] == text


# Nineteenth unseen set: readers' comments after the article, under a comments heading with a comment under it.
@pytest.mark.parametrize(
    "block",
    [
        "Comments (2)\nchip_fan_88: Nvidia will love this.\nJoe B.: About time.",
        "Reader comments\nMistralFan — 2 hours ago: Nvidia again?",
        "12 commentaires\nJean D. — 14/10/2025 à 09h12 : Et Nvidia dans tout ça ?",
        "Kommentare (2)\nleser_42: Nvidia freut sich.\nMistral_Fan: Abwarten.",
        "Comentarios (2)\nAna G. - hace 2 horas: Nvidia gana otra vez.",
        # Twenty-first unseen set: a forum's heading or a call to discuss, a comment after a name and a dash, or
        # under a line with a name and when it was posted.
        "Forum – Diskutieren Sie mit\nleser_42 vor 2 Std.\nNvidia kauft bald alles.\nmistral_fan vor 1 Std.\nAbwarten.",
        "Postings\nleser_42: Nvidia freut sich.",
        "Commentaires (2)\nJeanD — Et Nvidia dans tout ça ?\nmarie_l — Bof.",
        "Join the discussion\nchip_fan_88 3 hours ago\nNvidia will love this.",
        "Réagissez à cet article\nJean D. il y a 2 h\nEt Nvidia ?",
        "Participa en la conversación\nAna G. hace 2 horas\nNvidia gana otra vez.",
        "Have your say\nMistralFan — Nvidia again?",
    ],
)
def test_readers_comments_after_the_article_are_masked(block: str):
    text = f"{ARTICLE}\n{ARTICLE}\n{ARTICLE}\n{block}"
    masked, zones = mask_boilerplate(text)
    assert "Nvidia" not in masked and masked.count("OpenAI") == 3
    assert [z[0] for z in zones] == ["comments"]


@pytest.mark.parametrize(
    "text",
    [
        # A heading with no comment under it.
        f"{ARTICLE}\n{ARTICLE}\nComments\nNvidia declined to comment on the report, which was published on Monday.",
        # Near the top: the story's.
        "Kommentare\nleser_42: Nvidia freut sich.\n" + "Die Chipbranche wächst weiter, sagen Analysten. " * 8,
        f"{ARTICLE}\n{ARTICLE}\nLos comentarios de Nvidia sobre el acuerdo fueron escasos.",
        # Twenty-first unseen set: a forum's word or a call to discuss over the story's prose; the comments section
        # as the story's subject.
        f"{ARTICLE}\n{ARTICLE}\nForum\nNvidia will host its developer forum in March, the company said.",
        f"{ARTICLE}\n{ARTICLE}\nDiskutieren Sie mit\nDie Regierung lädt am Montag zu einem Forum mit Nvidia ein.",
        f"{ARTICLE}\n{ARTICLE}\nThe comments section of the site was closed after Nvidia complained.",
        f"{ARTICLE}\n{ARTICLE}\nRéactions\nNvidia — qui n'a pas souhaité commenter — prépare sa réponse.",
    ],
)
def test_a_story_about_comments_is_kept(text: str):
    assert "Nvidia" in mask_boilerplate(text)[0]


# Nineteenth unseen set: an advertising slot in the article, up to its end marker, or the next short paragraph.
@pytest.mark.parametrize(
    "block",
    [
        "ADVERTISEMENT\nGet the Nvidia Shield for $99 this week only.\nEnd of advertisement",
        "Advertisement\nNvidia Shield: now $99 at your local store.",
        "Publicité\nLa Nvidia Shield à 99 euros, seulement cette semaine.\nFin de la publicité",
        "Anzeige\nJetzt die Nvidia Shield für 99 Euro sichern.",
        "ANZEIGE\nNvidia Shield für 99 Euro.\nLangtext der Anzeige mit Mistral.\nEnde der Anzeige",
        "PUBLICIDAD\nLleva la Nvidia Shield por 99 euros esta semana.\nFIN DE LA PUBLICIDAD",
    ],
)
def test_an_advertising_slot_is_masked(block: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{block}\n{ARTICLE}")
    assert "Nvidia" not in masked and "Mistral" not in masked and masked.count("OpenAI") == 2
    assert [z[0] for z in zones] == ["ad"]


@pytest.mark.parametrize(
    "line",
    [
        "The image generated with Nvidia Edify for The Ledger was later withdrawn.",
        "Ilustración: la imagen generada con Nvidia Picasso causó polémica en redes.",
    ],
)
def test_a_sentence_about_a_generated_image_for_an_outlet_is_kept(line: str):
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    assert "Nvidia" in mask_boilerplate(text)[0]


# Nineteenth unseen set: a platform named as where a broadcast can be watched is not written about.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The documentary airs on Sunday at 9pm and will then be available to stream on YouTube.", "YouTube"),
        ("The series is available on BBC iPlayer and YouTube from Friday.", "YouTube"),
        ("Le documentaire est diffusé dimanche et à voir ensuite sur YouTube.", "YouTube"),
        (
            "Die Dokumentation läuft am Sonntag und ist danach in der Mediathek sowie auf YouTube abrufbar.",
            "YouTube",
        ),
        ("Die Sendung ist bei YouTube zu sehen.", "YouTube"),
        ("El documental se emite el domingo y estará disponible en YouTube.", "YouTube"),
    ],
)
def test_a_platform_where_a_broadcast_is_watched_is_a_credit(text: str, name: str):
    start = text.index(name)
    assert source_credit(text, start, start + len(name))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("YouTube said the documentary would stay available to stream.", "YouTube"),
        ("The documentary is available, but YouTube's rules limit how it can be shared.", "YouTube"),
        ("YouTube removed the series, which had been available to watch for a week.", "YouTube"),
        ("Gemini is now available on YouTube for creators in 40 countries.", "YouTube"),
        ("La série documentaire accuse YouTube d'avoir retiré des vidéos.", "YouTube"),
        ("El documental estará disponible en Netflix, dijo YouTube.", "YouTube"),
    ],
)
def test_a_platform_doing_something_is_not_a_watch_venue(text: str, name: str):
    start = text.index(name)
    assert not source_credit(text, start, start + len(name))


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia's new chip (Photo: AFP) ships in May [Source: company filings] (Disclosure: the author owns shares.)",
        "A caption of the plant (Capture d'écran LinkedIn)\nNext line [Foto: Ana (EFE)] [[Bild: dpa]]",
        "((( [[ (photo below) [Screenshot via X]",
        "no brackets at all",
        "(Transparenzhinweis: Der Verlag hat einen Vertrag mit OpenAI.)(Photo: Reuters)",
    ],
)
def test_bracketed_finds_what_finditer_finds(text: str) -> None:
    for pattern in (boilerplate.CREDIT_INLINE, boilerplate.DISCLOSURE_INLINE):
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in boilerplate._bracketed(pattern, text)] == expected


@pytest.mark.parametrize(
    "line",
    [
        'He said so. "Then" she left!  Next?  . . X',
        "No stop here",
        "Ends with a stop. ",
        "«Bien.» Puis « non ».\tFin… Oui!",
    ],
)
def test_sentence_break_ends_where_sentence_start_ends(line: str) -> None:
    starts = [m.end() for m in boilerplate._SENTENCE_START.finditer(line)]
    assert [m.end() for m in boilerplate._SENTENCE_BREAK.finditer(line)] == starts


@pytest.mark.parametrize(
    "line",
    [
        "Follow us on Instagram",
        "Suivez la rédaction sur LinkedIn",
        "This newsletter is sponsored by Acme. Share this article",
        "Nvidia shares rose 3% on Tuesday",
        "Síguenos en WhatsApp",
        "Inicia sesión con tu cuenta de Google para comentar",
    ],
)
def test_promo_kinds_are_the_substring_tests(line: str) -> None:
    b = boilerplate
    expected = (
        b._OWN * any(h in line for h in b._OWN_PROMO_HINTS)
        | b._OUTLET * any(h in line for h in b._OUTLET_PROMO_HINTS)
        | b._SHARE_SPONSOR * any(h in line for h in (*b._SHARE_HINTS, *b._SPONSOR_HINTS))
        | b._SIGN_IN * any(h in line for h in b._SIGN_IN_HINTS)
        | b._CONTACT * any(h in line for h in b._CONTACT_HINTS)
    )
    assert b._promo_kinds(line) == expected


# Twentieth unseen set: a footnote about the author. The byline's name carries a mark and the closing line opens
# with it; or the footnote's bio opens with the role (no name) and ends with the author's disclaimer.
@pytest.mark.parametrize(
    ("byline", "last"),
    [
        (
            "By Jane Example*",
            "*Lecturer in philosophy at a public university. She was a fellow at IBM Research.",
        ),
        ("Par Marie Exemple*", "*Maîtresse de conférences à Lille. Elle a été chercheuse invitée chez IBM."),
        ("Von Lena Beispiel*", "*Dozentin für Ethik an der Universität Bonn. Sie forschte zuvor bei IBM."),
        (
            "Por Inés Ejemplo (*)",
            "(*) Profesora de Ética en Sevilla. Trabajó en el laboratorio de IBM en Madrid.",
        ),
        (
            "Opinión | Marta Ejemplo*",
            "*Investigadora en Santiago. Participó en un proyecto financiado por IBM.",
        ),
        (
            "Por Inés Ejemplo",
            "*Profesora de Ética en Sevilla. Colaboró con un proyecto financiado por IBM. Las opiniones son de su "
            "exclusiva responsabilidad.",
        ),
        (
            "By Jane Example",
            "*Senior fellow at a policy institute. She advised IBM on AI rules. Views are her own.",
        ),
        (
            "By Jane Example",
            "*Professor of law at a public university, she advised IBM in 2022. The opinions are solely the "
            "author's responsibility.",
        ),
        (
            "Par Marie Exemple",
            "*Chercheuse au CNRS. Elle a conseillé IBM sur l'éthique. Les opinions n'engagent que leur autrice.",
        ),
        (
            "Von Lena Beispiel",
            "*Professorin für Ethik an der Universität Bonn. Sie beriet IBM. Die Ansichten sind allein die der Autorin.",
        ),
    ],
)
def test_a_footnote_about_the_author_is_masked(byline: str, last: str):
    text = (
        f"Opinion\n{byline}\nThe story itself, about a new model, takes a whole paragraph of prose.\n{last}"
    )
    masked, zones = mask_boilerplate(text)
    assert "IBM" not in masked and "The story itself" in masked
    assert zones[-1][0] == "byline" and text[zones[-1][1] :].strip() == last


@pytest.mark.parametrize(
    ("byline", "last"),
    [
        # No mark on the byline, no role first, or no disclaimer: the story's closing paragraph.
        ("By Jane Example", "*IBM's shares rose 3% after the close on Tuesday."),
        ("By Jane Example*", "IBM said the chip would ship in May, later than planned."),
        (
            "By Jane Example",
            "Engineers at IBM say the chip will ship in May. The views expressed are the author's own.",
        ),
        (
            "Por Inés Ejemplo",
            "*Analista de IBM en Madrid, según la empresa. Las opiniones son de su exclusiva responsabilidad.",
        ),
        ("Von Lena Beispiel", "Die Meinungen der Forscher bei IBM gehen auseinander."),
        ("Par Marie Exemple", "*Chercheuse chez IBM, elle a mené l'étude publiée mardi."),
        # A role first with no footnote mark: the story's sentence ("Analyst at ..." as its subject).
        ("By Jane Example", "Analyst at IBM Jane Roe expects the chip in May. Views are her own."),
    ],
)
def test_a_story_paragraph_like_a_footnote_is_kept(byline: str, last: str):
    text = (
        f"Opinion\n{byline}\nThe story itself, about a new model, takes a whole paragraph of prose.\n{last}"
    )
    assert "IBM" in mask_boilerplate(text)[0]


# Twentieth unseen set: the page asking the reader to sign in (to comment, to keep reading) is interface text.
@pytest.mark.parametrize(
    "line",
    [
        "Sign in with Google to comment",
        "Log in with your Google account",
        "To comment, please sign in with Google or with your email address.",
        "You must be logged in with a Google account to post a comment.",
        "Connectez-vous avec votre compte Google pour commenter",
        "Pour réagir, identifiez-vous avec Google ou Facebook.",
        "Melden Sie sich mit Ihrem Google-Konto an, um zu kommentieren",
        "Bitte loggen Sie sich mit Google ein, um weiterzulesen.",
        "Inicia sesión con tu cuenta de Google o con tu correo para comentar en este directo.",
        "Para seguir leyendo, regístrate con tu cuenta de Google.",
    ],
)
def test_a_sign_in_prompt_is_masked(line: str):
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    masked, zones = mask_boilerplate(text)
    assert "Google" not in masked and masked.count("OpenAI") == 2
    assert [z[0] for z in zones] == ["promo"]


@pytest.mark.parametrize(
    "line",
    [
        "OpenAI now lets users sign in with Google.",
        "Sign in with Apple is now required for apps that offer Google login, Apple said.",
        "Log in with your Google account, then open Gemini and tap the microphone.",
        "Les utilisateurs peuvent désormais se connecter à ChatGPT avec leur compte Google.",
        "Nutzer können sich jetzt mit ihrem Google-Konto bei ChatGPT anmelden.",
        "Inicia sesión con tu cuenta de Google y luego abre Gemini en el móvil.",
    ],
)
def test_a_story_about_signing_in_is_kept(line: str):
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    assert mask_boilerplate(text)[0] == text


# Twentieth unseen set: a correction of the article is an editor's note, at its end or its start.
@pytest.mark.parametrize(
    "line",
    [
        "Correction: An earlier version of this article misstated Intel's role in the deal.",
        "Correction, May 12: Intel was incorrectly listed among the companies in the agreement.",
        "An earlier version of this story said Intel was part of the agreement. It is not.",
        "Rectificatif : une version précédente de cet article citait Intel par erreur.",
        "Erratum : Intel a été cité à tort parmi les entreprises concernées.",
        "Korrektur: In einer früheren Version dieses Artikels hieß es, Intel sei beteiligt.",
        "Berichtigung: Intel wurde fälschlicherweise als Partner genannt.",
        "Fe de errores: una versión anterior de esta noticia incluía a Intel entre los firmantes.",
        "Aclaración: Intel figuraba por error entre las empresas del acuerdo.",
        "Nota de la redacción: este artículo ha sido corregido para retirar a Intel de la lista.",
    ],
)
def test_a_correction_note_is_masked(line: str):
    for text in (f"{ARTICLE}\n{line}\n{ARTICLE}", f"{line}\n{ARTICLE}", f"{ARTICLE}\n{line}"):
        masked, zones = mask_boilerplate(text)
        assert "Intel" not in masked and "OpenAI" in masked
        assert {z[0] for z in zones} == {"byline"}


def test_a_correction_closing_the_last_paragraph_is_masked():
    text = f"{ARTICLE}\nThe court ruled on Friday. Correction: an earlier version of this article misnamed Intel."
    masked, _ = mask_boilerplate(text)
    assert "Intel" not in masked and "The court ruled on Friday." in masked


@pytest.mark.parametrize(
    "line",
    [
        "Nvidia issued a correction to its guidance after Intel complained.",
        "Korrektur: Die Intel-Aktie fiel um zehn Prozent unter ihr Jahreshoch.",
        "Corrección: las acciones de Intel caen un 10 % desde máximos.",
        "Rectification : Intel a revu à la baisse ses prévisions trimestrielles.",
        "Intel's new chip is twice as fast as the previous version, the company said.",
        "Une version précédente du processeur d'Intel chauffait trop.",
    ],
)
def test_a_story_about_a_correction_is_kept(line: str):
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    assert "Intel" in mask_boilerplate(text)[0]


def test_the_correction_note_head_test_knows_every_case_form():
    """The two-character first test of _correction_note takes a line's letters in either case or as the Kelvin
    sign: no other character lowers to one of the letters of its keys."""
    starts = boilerplate._CORRECTION_LABEL_STARTS | boilerplate._CORRECTION_OPENING_STARTS
    letters = {c for s in starts for c in s[:2]}
    assert all(len(s) == 4 for s in starts)
    for i in range(0x110000):
        c = chr(i)
        if (low := c.lower()) in letters:
            assert c in boilerplate._case_variants(low), hex(i)


# Twentieth unseen set: a platform named as where a broadcast is shown, by a word for broadcasting.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The final was broadcast live on Twitch and YouTube, peaking at 40,000 viewers.", "YouTube"),
        ("The keynote streamed on YouTube drew two million viewers.", "YouTube"),
        ("Les matchs seront retransmis sur YouTube et sur la chaîne locale.", "YouTube"),
        ("Le concert a été diffusé en direct sur YouTube.", "YouTube"),
        ("Das Finale wird im Livestream auf YouTube gezeigt.", "YouTube"),
        ("Die Partie wird live auf YouTube übertragen.", "YouTube"),
        ("Transmisión por radio, en la web del club y en YouTube para algunos países.", "YouTube"),
        ("El concierto se emitirá en directo en YouTube.", "YouTube"),
    ],
)
def test_a_platform_where_a_broadcast_is_shown_is_a_credit(text: str, name: str):
    start = text.index(name)
    assert source_credit(text, start, start + len(name))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("YouTube streamed the NFL game to 17 million viewers.", "YouTube"),
        ("NFL games are broadcast on YouTube under a deal worth $2bn a year.", "YouTube"),
        ("YouTube retransmettra la Ligue 1 dès la saison prochaine.", "YouTube"),
        ("Les matchs seront retransmis sur YouTube, qui a acquis les droits pour cinq saisons.", "YouTube"),
        ("Le modèle est diffusé sur Hugging Face depuis mardi.", "Hugging Face"),
        ("Nutzer können ihre Fotos auf Google Drive übertragen.", "Google"),
        ("Google lanza la traducción en directo en WhatsApp.", "WhatsApp"),
        ("The model weights were streamed on Hugging Face to thousands of developers.", "Hugging Face"),
    ],
)
def test_a_platform_in_a_story_about_it_is_not_a_broadcast_venue(text: str, name: str):
    start = text.index(name)
    assert not source_credit(text, start, start + len(name))


# Twentieth unseen set: a screenshot's credit with no bracket or colon closes a caption.
@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Légende : Jensen Huang lors d'une conférence en juin. Capture d'écran YouTube", "Jensen Huang"),
        ("Caption: the chief executive at the June keynote. Screenshot YouTube", "the chief executive"),
        ("Bildunterschrift: Die Keynote im Juni. Screenshot von YouTube", "Die Keynote"),
        ("El director, durante la presentación de junio. Captura de pantalla de YouTube.", "El director"),
    ],
)
def test_a_screenshot_credit_without_separator_is_a_credit(line: str, kept: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{line}\n{ARTICLE}")
    assert "YouTube" not in masked and kept in masked and masked.count("OpenAI") == 2
    assert {z[0] for z in zones} == {"credit"}


@pytest.mark.parametrize(
    "line",
    [
        "Users posted it on Wednesday. Screenshots from YouTube show the new menu.",
        "La captura de pantalla muestra el nuevo menú de YouTube.",
        "Les internautes ont partagé la vidéo. Capture d'écran de la vidéo publiée par YouTube.",
    ],
)
def test_a_sentence_about_a_screenshot_without_separator_is_kept(line: str):
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    assert mask_boilerplate(text)[0] == text


# Twentieth unseen set: a data source's credit on its line, closing the article or under a chart.
@pytest.mark.parametrize(
    "block",
    [
        "Data: Hugging Face, October 2025.",
        "Download data: Hugging Face",
        "Données de téléchargement : Hugging Face, octobre 2025.",
        "Daten: Hugging Face, Stand Oktober 2025",
        "Datos de descargas: Hugging Face (octubre de 2025).",
        f"Grafik: Downloads offener Modelle pro Monat\nDaten: Hugging Face, 2025\n{ARTICLE}\n{ARTICLE}\n{ARTICLE}",
    ],
)
def test_a_data_source_credit_is_a_credit(block: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{block}")
    assert "Hugging Face" not in masked and "OpenAI" in masked
    assert {z[0] for z in zones} == {"credit"}


@pytest.mark.parametrize(
    "line",
    [
        "Data centers : Hugging Face et Mistral AI",
        "Data: Hugging Face says downloads doubled in October 2025.",
        "Daten: Hugging Face verdoppelt die Zahl der Modelle.",
        "Datos: Hugging Face dice que las descargas se duplicaron.",
    ],
)
def test_a_line_opening_with_a_data_word_is_kept(line: str):
    text = f"{ARTICLE}\n{line}"
    assert mask_boilerplate(text)[0] == text


# Twenty-first unseen set: the outlet asking the reader to contact it, promoting its own content on a platform or
# all its news, or asking for the reader's pictures under its hashtag.
@pytest.mark.parametrize(
    "line",
    [
        "Got a tip? Message us on WhatsApp or email tips@ledger.example",
        "Une info ? Écrivez-nous sur WhatsApp ou par courriel.",
        "Hinweise? Schreiben Sie uns auf WhatsApp oder per E-Mail.",
        "¿Tienes una historia? Escríbenos por WhatsApp.",
        "Find all our recipes on Instagram and Pinterest.",
        "Vous avez aimé ? Retrouvez toutes nos vidéos sur Instagram.",
        "Finden Sie alle unsere Rezepte auf Instagram.",
        "Encuentra todas nuestras recetas en Instagram.",
        "Baked it? Share your photos with the hashtag #weekendbakes and find our recipes on Instagram.",
        "Partagez vos photos avec le mot-clé #tartesmaison sur Instagram.",
        "Catch all the tech news and latest updates on WhatsApp.",
        "Retrouvez toute l'actualité tech sur WhatsApp.",
    ],
)
def test_an_outlet_asking_readers_to_contact_it_or_promoting_its_content_is_masked(line: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{line}\n{ARTICLE}")
    for platform in ("WhatsApp", "Instagram"):
        assert platform not in masked
    assert masked.count("OpenAI") == 2 and [z[0] for z in zones] == ["promo"]


@pytest.mark.parametrize(
    "line",
    [
        # A report of such requests, the reader's own words, someone else's content.
        "Residents tell us the water from Google's plant is unsafe.",
        "Meta asked users to message it on WhatsApp.",
        "Workers said they would contact us on Facebook if anything changed.",
        "Call us old-fashioned, but Google still leads the search market.",
        "Die Kunden schreiben uns auf Facebook, sagt die Wirtin.",
        "Los lectores nos escriben por WhatsApp cada día.",
        "Nous avons retrouvé nos collègues sur LinkedIn.",
        "The company said: find our new features on Android.",
        "Users share their photos with the hashtag #pixel on Instagram, Google said.",
        "Google wants users to catch all the latest news on YouTube.",
    ],
)
def test_a_story_line_about_contacting_or_following_is_kept(line: str):
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    assert mask_boilerplate(text)[0] == text


# Twenty-first unseen set: a closing bio followed by the site's footer promoting its news; and a bio of the
# outlet's reporter named as "our correspondent", or with a German compound role ("Wirtschaftskorrespondent").
@pytest.mark.parametrize(
    ("byline", "bio", "footer"),
    [
        (
            "Opinion | Dana Example",
            "Dana Example is a Leeds-based writer on work and technology. She previously worked as a product "
            "manager at Google.",
            "Catch all the Business News, Tech News and Latest Updates here.",
        ),
        (
            "Tribune | Hélène Exemple",
            "Hélène Exemple est journaliste indépendante à Lyon. Elle a auparavant été cheffe de produit chez Google.",
            "Retrouvez toute l'actualité économique ici.",
        ),
        (
            "Gastbeitrag | Lena Beispiel",
            "Lena Beispiel ist freie Wirtschaftsjournalistin in Köln. Zuvor war sie Produktmanagerin bei Google.",
            "Alle aktuellen Nachrichten finden Sie hier.",
        ),
        (
            "Opinión | Inés Ejemplo",
            "Inés Ejemplo es periodista en Valencia. Antes trabajó como gerente de producto en Google.",
            "Consulta todas las noticias de economía aquí.",
        ),
        ("", "Our correspondent covers Silicon Valley. She previously reported on Google from Seattle.", ""),
        (
            "",
            "Notre correspondante couvre la Silicon Valley. Elle a auparavant suivi Google depuis Seattle.",
            "",
        ),
        (
            "",
            "Unsere Autorin ist Technikkorrespondentin in Zürich. Zuvor berichtete sie aus München, unter anderem "
            "über Google.",
            "",
        ),
        ("", "Nuestro corresponsal cubre Silicon Valley. Antes informó sobre Google desde Seattle.", ""),
        ("", "Max Beispiel ist Wirtschaftsredakteur in Berlin. Er schrieb zuvor über Google.", ""),
    ],
)
def test_a_closing_bio_is_masked_before_a_footer_or_by_the_outlets_word(byline: str, bio: str, footer: str):
    text = "\n".join(
        x for x in (byline, "The story itself, about a new model, takes a paragraph.", bio, footer) if x
    )
    masked, zones = mask_boilerplate(text)
    assert "Google" not in masked and "The story itself" in masked
    assert "byline" in {z[0] for z in zones}
    if footer:
        assert footer not in masked and "promo" in {z[0] for z in zones}


@pytest.mark.parametrize(
    "text",
    [
        # A career in the middle of the story, then the story's closing paragraph.
        "Opinion | Dana Example\nThe story itself takes a paragraph.\nJane Roe is a researcher at the lab. "
        "She previously worked at Google and now runs the lab.\nThe lab's budget doubled, its director said.",
        # The outlet's reporter in a story sentence.
        "The story itself takes a paragraph.\nOur reporter asked Google for comment, but the company declined.",
        "Die Geschichte braucht einen Absatz.\nUnser Korrespondent berichtet, Google habe den Vertrag gekündigt.",
    ],
)
def test_a_career_or_the_outlets_reporter_in_the_story_is_kept(text: str):
    assert mask_boilerplate(text)[0] == text


# Twenty-first unseen set: a chart's data credited by where they come from, the outlet's own work aside, closing
# the caption or on a line of its own under it or among the closing lines.
@pytest.mark.parametrize(
    ("block", "kept"),
    [
        ("Gráfico: elaboración propia con datos de Encuestas Sur y de LinkedIn Economic Graph.", "Gráfico"),
        (
            "Chart: hiring by sector, own calculations based on data from LinkedIn and Indeed, 2025",
            "hiring by sector",
        ),
        (
            "Graphique : les offres par secteur, calculs de la rédaction d'après des données de LinkedIn.",
            "les offres",
        ),
        (
            "Grafik: Stellenanzeigen nach Branche, eigene Berechnung auf Basis von Daten von LinkedIn",
            "Stellenanzeigen",
        ),
        ("Elaboración propia con datos del INE y de LinkedIn.", ""),
        ("Based on data from LinkedIn and Indeed (October 2025).", ""),
    ],
)
def test_a_data_credit_by_where_the_data_come_from_is_a_credit(block: str, kept: str):
    masked, zones = mask_boilerplate(f"{ARTICLE}\n{ARTICLE}\n{block}")
    assert "LinkedIn" not in masked and kept in masked and masked.count("OpenAI") == 2
    assert {z[0] for z in zones} == {"credit"}


@pytest.mark.parametrize(
    "line",
    [
        "Gráfico: la evolución de las ofertas con datos de LinkedIn y su impacto en el empleo",
        "The survey was run with data from LinkedIn.",
        "Chart: LinkedIn's revenue, with data from the company's filings",
        "Mit Daten von LinkedIn will die Agentur Stellen besser vermitteln.",
    ],
)
def test_a_caption_or_sentence_about_data_from_a_platform_is_kept(line: str):
    text = f"{ARTICLE}\n{ARTICLE}\n{line}"
    assert mask_boilerplate(text)[0] == text


# Twenty-first unseen set: a mail client's automatic signature closing a quoted email.
@pytest.mark.parametrize(
    "line",
    [
        "Sent from my iPhone",
        "«Sent from my iPad»",
        "Envoyé de mon iPhone",
        "Envoyé depuis mon smartphone Samsung Galaxy",
        "Von meinem iPhone gesendet",
        "Gesendet von meinem Samsung Galaxy Smartphone.",
        "Enviado desde mi iPhone»",
        "Sent from Outlook for iOS",
        "Enviado desde Yahoo Mail para Android",
    ],
)
def test_a_mail_signature_is_masked(line: str):
    text = f"{ARTICLE}\n«Dear neighbours, please keep the pavement clear.\n{line}\n{ARTICLE}"
    masked, zones = mask_boilerplate(text)
    assert line not in masked and masked.count("OpenAI") == 2
    assert [z[0] for z in zones] == ["signature"]


@pytest.mark.parametrize(
    "line",
    [
        "Sent from my iPhone, the message reached Apple's servers within seconds.",
        "Sent from Apple's headquarters in Cupertino, the memo said little.",
        "Envoyé de Cupertino, le courriel d'Apple est resté sans réponse.",
        "Das Foto wurde von meinem iPhone gesendet, sagte die Nutzerin.",
        "El mensaje enviado desde mi iPhone nunca llegó, se quejó un cliente de Apple.",
    ],
)
def test_a_sentence_about_sending_from_a_phone_is_kept(line: str):
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    assert mask_boilerplate(text)[0] == text
