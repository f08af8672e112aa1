"""Parts of an article that are not the article: related-links blocks, bylines, credits.

Used twice: on the HTML before extraction (articles.py drops the elements) and on plain
text before tagging (``mask_boilerplate`` blanks the lines, keeping character offsets).

Notes about the author or the outlet are blanked too: a note opened by "The author" or a
disclosure label ("Disclosure:", "Nota de transparencia:", "Hinweis zur Transparenz:"), on
any line or in brackets; and, closing the article (its last paragraph before any related
links or credit line), the author's bio (a paragraph that opens with the byline's name, a
reporter's "covers/is a reporter", or a contributor's role under a name the story never
mentions) and an unlabelled disclosure ("This newspaper's parent company has a licensing
deal with ...", "El grupo editor de este periódico mantiene un acuerdo con ..."). A plain note
label may open an author note or an outlet disclosure ("Hinweis: Der Autor hält Aktien von ...",
"Aviso: el autor de este análisis posee ..."); a byline may follow a section label or dateline
("Opinión | Marta Ejemplo", "München – Von Max Beispiel"); credits for reporting, writing or
editing ("Additional reporting by ...", "Mitarbeit: ...", "Con información de ...") are blanked.
Who writes a newsletter or column, closing it, is a note about the author ("La Matinale IA est
écrite par Inès Exemple, ancienne cheffe de produit chez Salesforce", "This newsletter is written
by ...", "Die Kolumne wird von ... geschrieben", "Este boletín está escrito por ...").
A caption keeps its words and loses the credit closing it ("Photo: Aerial view of the site. (Google
Earth / Ledger-Courier illustration)", "Foto: ... © Name"), and so does a caption with a credit label
after its text, closing the line ("Serverhalle: Ein Rechenzentrum verbraucht so viel Strom wie eine
Kleinstadt. Foto: Oracle/PR"). A link title under a related-links label may end with an
abbreviation's full stop ("... de familias en EE. UU.").
A screenshot is a picture: "(Capture d'écran LinkedIn)" closing a caption is its credit; so is a generated
picture's credit ("Ilustración generada con X", "Image créée avec X", "Bild erstellt mit X") on its line, as
a segment of header furniture or closing a caption. A newsletter's back issues ("Previous issues: · #86:
Title · #85: Title", "Dans les numéros précédents :", "Frühere Ausgaben:", "Ediciones anteriores:") are
related links. The outlet
promoting its own newsletter, channel or app on a platform ("Unser Briefing gibt es jetzt auch als
Kanal bei WhatsApp", "Follow us on Instagram", "Síguenos en WhatsApp") is page furniture too, and so
is its call to follow it by name or as the newsroom ("Follow Ledger Tech on Instagram", "Suivez la
rédaction sur LinkedIn", "im WhatsApp-Kanal der Redaktion"). In the closing lines, a newsletter's footer
is known by its own markers ("Unsubscribe | Manage preferences", "¿Te han reenviado este correo?", "Vous
recevez ce courriel car ...") and a long closing paragraph loses its promotion sentences. A source label
closing a chart's caption is its credit ("Gráfico: ... Fuente: Google Trends."); a bio closing an opinion
piece with the author's disclaimer ("Las opiniones expresadas son exclusivamente suyas.") is a note about
the author; a platform named as where a figure's data were gathered ("according to an analysis of LinkedIn
profiles") is a source credit (``source_credit``, asked by the tagger for each mention), and so is a platform
named only as where a broadcast can be watched ("... ist anschließend in der Mediathek sowie auf YouTube
abrufbar"). Page widgets are blanked too: an embedded post's consent placeholder ("Ce contenu est hébergé
par X. En l'affichant, vous acceptez ..."), market data ("Nvidia 186,26 ▲ 1,8 % · Apple 269,70 ▼ 0,3 %"),
readers' comments under a comments heading, an advertising slot ("PUBLICIDAD ... FIN DE LA PUBLICIDAD"),
and most-read or related widgets ("Las más leídas", "Contenido relacionado", "More in Technology").
A placeholder's label and button lines ("[Externer Inhalt]", "Inhalt laden") are the placeholder's; a strip
of prices with no change, or the change in brackets, is market data under a market label ("Schlusskurse
Vortag", "Cotizaciones al cierre"); further reading, more news and a read-also label scoped to a dossier
("Pour aller plus loin", "Más noticias", "À lire aussi dans notre dossier X") open related links; so does an
archive box ("From our archive" over "15 March 2016: ..."); and a CMS's tags line in the closing lines
("Temas: IA generativa · Programación") is page furniture.
Notes and interface text: a closing note opened by the byline's footnote mark ("Por Ana Ejemplo*" ...
"*Académica de ... Las opiniones son de su exclusiva responsabilidad."); a correction note ("Correction: an
earlier version of this article ...", « Rectificatif : », „Berichtigung:“, "Fe de errores: ... por error");
a prompt to sign in ("Inicia sesión con tu cuenta de Google para comentar", « Connectez-vous avec votre
compte Google »); broadcasting words for the watch-venue credit ("retransmis en direct sur Twitch et
YouTube"); a screenshot credit closing a caption with no separator (« Capture d'écran YouTube »); and a
data credit among the closing lines or under a chart (« Données de téléchargement : Hugging Face, octobre
2025. »).
Variants of those: a strip of quotes with its label before a colon, a closing note on the quotes ("Kurse mit
15 Minuten Verzögerung"), Swiss thousands ("SMI 12'604") or, under a market label, changes with no price; a
readers' forum or a call to discuss as the comments' heading ("Postings", "Forum – Diskutieren Sie mit") and a
comment after a name and a dash, or under a line with a name and when it was posted; a read-more label naming
the subject ("Lesen Sie mehr zum Thema") and a may-interest label in any person ("Le puede interesar:"); share
buttons under a label naming what is shared ("Artikel teilen: WhatsApp | Facebook | E-Mail | Link kopieren");
a placeholder that asks to enable external content ("Um ihn zu sehen, müssen Sie externe Inhalte aktivieren")
or opens with a platform's content as its label ("[Contenido de YouTube: ...]"); the outlet asking the reader
to contact it ("Got a story? Message us on Facebook"), promoting its own content on a platform (« retrouvez
toutes nos recettes sur Instagram ») or all its news ("Catch all the Business News ... here", which no longer
hides the bio above it); a closing bio of "our correspondent" or with a German compound role ("Unser Autor ist
Wirtschaftskorrespondent ..."); a generated picture's credit with a qualified picture word and what it was
made from ("Ilustración de portada generada con X a partir de fotografías de archivo de la NASA"); a chart's
data credited by where they come from ("Gráfico: elaboración propia con datos de X y de Y"); and a mail
client's automatic signature closing a quoted email ("Sent from my iPhone", « Envoyé de mon iPhone », „Von
meinem iPhone gesendet“, "Enviado desde mi iPhone").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import pairwise

import ahocorasick

# Labels that open a related-links block ("Read also", "Lire aussi", ...). A read-more label may name the
# subject ("Read more on this topic", "Lire plus sur ce sujet", "Lesen Sie mehr zum Thema", "Lee más sobre
# este tema"), and a may-interest label may address the reader in any person ("Le puede interesar", "Les
# podría interesar", "Das könnte dich interessieren", "Vous pourriez aussi aimer").
RELATED_LABEL = re.compile(
    r"^\s*(?:"
    r"(?:à\s+)?lire\s+(?:aussi|également)|voir\s+aussi|sur\s+le\s+même\s+sujet|"
    r"lire\s+plus\s+sur\s+(?:ce|le)\s+(?:sujet|thème)|"
    r"read\s+more\s+(?:on|about)\s+(?:this|the)\s+(?:topic|subject)|"
    r"read\s+(?:also|more)|also\s+read|see\s+also|related(?:\s+(?:articles?|stories|coverage))?|"
    r"more\s+on\s+this(?:\s+story)?|"
    r"(?:lee|lea)\s+(?:también|más)(?:\s+sobre\s+(?:este|el|ese)\s+(?:tema|asunto))?|"
    r"más\s+sobre\s+(?:este|el|ese)\s+(?:tema|asunto)|"
    r"(?:también\s+)?(?:te|le|les|os)\s+(?:puede|pueden|podría|podrían)\s+interesar|más\s+información|"
    r"(?:lesen\s+sie\s+)?mehr\s+(?:zum|zu\s+diesem)\s+thema|lesen\s+sie\s+(?:auch|mehr)|auch\s+interessant|"
    r"das\s+könnte\s+(?:sie|dich|euch)\s+(?:auch\s+)?interessieren|"
    r"you\s+(?:may|might)\s+also\s+(?:like|enjoy|be\s+interested\s+in)|"
    r"(?:ça|cela|ceci)\s+(?:peut|pourrait)\s+(?:aussi\s+|également\s+)?(?:vous|t['’]\s?)\s*intéresser|"
    r"vous\s+(?:aimerez|pourriez\s+(?:aussi\s+|également\s+)?aimer)(?:\s+(?:aussi|également))?|"
    r"(?:quizás?|tal\s+vez|a\s+lo\s+mejor)\s+(?:te|le|les|os)\s+interesen?|"
    # A newsletter's or a podcast's back issues: "Previous issues:", "In previous editions:", "Earlier
    # episodes:", "Dans les numéros précédents :", "Épisodes précédents :", "In früheren Ausgaben:",
    # "Frühere Folgen:", "En números anteriores:", "Episodios anteriores:". With a colon or alone on
    # the line: "In previous editions, Nvidia led the ranking" is a sentence.
    r"(?:(?:in\s+)?(?:previous|earlier|past|back|recent)\s+(?:issues|editions|episodes|instal?ments|newsletters)|"
    r"(?:dans\s+)?(?:les\s+|nos\s+)?(?:num[ée]ros|[ée]ditions|[ée]pisodes|lettres)\s+(?:pr[ée]c[ée]dente?s|ant[ée]rieure?s)|"
    r"(?:dans\s+)?(?:les|nos)\s+(?:pr[ée]c[ée]dente?s|ancien(?:ne)?s|derni(?:er|ère)s)\s+(?:num[ée]ros|[ée]ditions|[ée]pisodes|lettres)|"
    r"(?:in\s+(?:den\s+)?)?(?:frühere|früheren|vorherige|vorherigen|vergangene|vergangenen|bisherige|bisherigen|"
    r"letzte|letzten|ältere|älteren)\s+(?:Ausgaben|Folgen|Episoden|Newsletter)|"
    r"(?:en\s+(?:los\s+|las\s+)?)?(?:números|ediciones|episodios|entregas|boletines|capítulos)\s+anteriores|"
    r"(?:en\s+)?(?:los|las)\s+(?:anteriores|últim[oa]s)\s+(?:números|ediciones|episodios|entregas|boletines))"
    r"(?=\s*(?:[:：]|$))"
    r")"
    # The label scoped to the outlet's coverage of a subject, then its link titles: "Read more in our series
    # on AI", "À lire aussi dans notre dossier VivaTech", "Lesen Sie auch aus unserem Dossier KI", "Lee
    # también en nuestro especial Elecciones". Alone on the line or with a colon ("Read more in our coverage
    # of the AI Act, which ..." is a sentence).
    r"(?P<scope>\s+(?:"
    r"(?:in|from)\s+(?:our|this|the)\s+(?:coverage|series|file|dossier|special(?:\s+report)?|package|section)"
    r"(?:\s+(?:of|on|about))?|"
    r"(?:dans|de)\s+(?:notre|nos|ce|cette)\s+(?:dossier|série|rubrique|couverture|spécial|supplément)"
    r"(?:\s+(?:sur|consacrée?\s+à|de|du|des))?|"
    r"(?:aus|in)\s+(?:unserem|unserer|diesem|dieser|dem|der)\s+(?:Dossier|Serie|Spezial|Schwerpunkt|"
    r"Themenseite|Berichterstattung)(?:\s+(?:zu|zum|zur|über))?|"
    r"(?:en|de)\s+(?:nuestro|nuestra|este|esta)\s+(?:especial|dossier|serie|sección|cobertura|informe)"
    r"(?:\s+(?:sobre|de|del))?"
    r")(?:\s+[\w'’&-]+){0,4}(?=\s*(?:[:：]|$)))?"
    r"\s*[:：.\-–—]?\s*",
    re.IGNORECASE,
)
# A most-read or related-content widget, or more from the section, under its heading: "Most read", "Trending
# now", "Related content", "More in Technology", "Les plus lus", "Contenus associés", "Plus dans Économie",
# "Meistgelesen", "Verwandte Artikel", "Mehr aus dem Ressort", "Las más leídas", "Lo más visto", "Contenido
# relacionado", "Relacionadas", "Más en Tecnología". Alone on the line or with a colon: "Most read of all were
# ...", "Más en España que en Francia, ..." are sentences. Tried on short lines and lists only (cheaper).
RELATED_WIDGET = re.compile(
    r"^\s*(?:"
    r"most\s+(?:read|popular|viewed|shared)(?:\s+(?:stories|articles|today|this\s+week))?|"
    r"trending(?:\s+(?:now|stories|today))?|(?:editor['’]s\s+picks|top\s+stories)|"
    r"related\s+(?:content|links|reading|news|topics)|recommended(?:\s+(?:for\s+you|stories|reading))?|"
    r"more\s+(?:in|from)\s+(?:the\s+)?[\w&'’-]+(?:\s+[\w&'’-]+){0,2}|"
    r"(?:les\s+)?(?:articles?|contenus?)\s+(?:les\s+)?plus\s+(?:lus|populaires|partagés|consultés)|"
    r"(?:les\s+)?plus\s+(?:lus|populaires|partagés|consultés)|"
    r"(?:articles?|contenus?|sujets?)\s+(?:associés|liés|similaires|connexes|recommandés)|"
    r"(?:plus|davantage)\s+(?:dans|de\s+la\s+rubrique|d['’]\s?articles?\s+(?:sur|dans))\s+[\w'’-]+(?:\s+[\w'’-]+){0,2}|"
    r"dans\s+la\s+même\s+rubrique|"
    r"meistgelesen(?:e|en)?(?:\s+(?:Artikel|Beiträge|Nachrichten))?|am\s+meisten\s+gelesen|meist\s+gelesen|"
    r"(?:verwandte|ähnliche|empfohlene)\s+(?:Artikel|Themen|Inhalte|Beiträge|Nachrichten)|"
    r"mehr\s+(?:aus|im|in)\s+(?:dem\s+|der\s+)?[\w&-]+(?:\s+[\w&-]+){0,2}|"
    r"(?:(?:las|los|lo)\s+)?más\s+(?:leíd[oa]s?|vist[oa]s?|populares|compartid[oa]s?)(?:\s+(?:de\s+)?hoy)?|"
    r"(?:contenidos?|artículos?|noticias|temas)\s+relacionad[oa]s?|relacionad[oa]s|"
    r"más\s+(?:en|de)\s+(?:la\s+sección\s+(?:de\s+)?)?[\w&-]+(?:\s+[\w&-]+){0,2}|"
    # Further reading over link titles: "Further reading", "Pour aller plus loin", "Zum Weiterlesen",
    # "Lesetipps", "Para saber más", "Lecturas recomendadas".
    r"further\s+reading|(?:suggested|additional|essential)\s+reading|"
    r"pour\s+aller\s+plus\s+loin|lectures?\s+(?:recommandées|conseillées|complémentaires)|"
    r"(?:zum\s+)?weiterlesen|weiterführende\s+(?:Artikel|Links|Lektüre|Texte)|Lesetipps?|Leseempfehlungen?|"
    r"para\s+saber\s+más|lecturas?\s+(?:recomendadas?|complementarias?)|para\s+seguir\s+leyendo|"
    # More news over link titles: "More news", "Plus d'actualités", "Weitere Nachrichten", "Más noticias".
    r"more\s+(?:news|stories|headlines)|other\s+news|"
    r"plus\s+d['’]\s?(?:actualités?|actus?|infos?)|(?:les\s+|d['’]\s?)?autres\s+actualités|"
    r"(?:weitere|mehr)\s+(?:Nachrichten|Meldungen|News)|"
    r"(?:más|otras)\s+noticias)"
    r"(?=\s*(?:[:：]|$))\s*[:：.\-–—]?\s*",
    re.IGNORECASE,
)
LABEL_MAX_CHARS = 40
# The looser form: a short heading ending with a colon, opened by a word of that vocabulary
# ("More on AI and copyright:", "More in this series:", "Weitere Artikel zum Thema:"), with
# link titles under it.
RELATED_HEADING = re.compile(
    r"^\s*(?:more|further|related|recommended|popular|latest|previously|also|read|see|"
    r"plus|autres|nos|à\s+voir|à\s+lire|lire|voir|dans\s+la\s+même|"
    r"mehr|weitere|weiterlesen|zum\s+weiterlesen|meistgelesen|das\s+könnte|"
    r"lee|lea|más|otras|otros|también|te\s+puede)\b[^:\n.]{0,50}[:：]\s*$",
    re.IGNORECASE,
)
# The same heading with its link titles on one line, split by a separator: "Read also: Title ·
# Title · Title", "Mehr aus der Region: Titel | Titel".
RELATED_HEADING_INLINE = re.compile(RELATED_HEADING.pattern.removesuffix(r"\s*$"), re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r"\s+[·•|]\s+")

# The words for a picture, in the labels of credit lines and captions. A screenshot is a picture
# too: "Screenshot: LinkedIn", "Capture d'écran : X", "Bildschirmfoto: X", "Captura de pantalla: X".
_SCREENSHOT_WORDS = (
    r"screenshots?|screen[\s-]?grabs?|captures?\s+d['’]\s?écran|bildschirmfotos?|capturas?\s+de\s+pantalla|"
    r"pantallazos?"
)
_PICTURE_WORDS = (
    r"photos?|images?|pictures?|foto|fotos|fotografías?|bild|bilder|imagen|imágenes|" + _SCREENSHOT_WORDS
)
# "Photo: Nvidia", "Crédit photo : Google", "Bild: Samsung", "Imagen: Apple", "Source: OpenAI",
# "Satellite image: Google Earth".
CREDIT_LINE = re.compile(
    # Up to two words may qualify the label: "Satellite image:", "Cover photo:", "Foto de portada:".
    # and two may follow it: "Photo d'illustration :", "Foto de archivo:".
    rf"^\s*[\(\[]?\s*(?:[\w'’-]+\s+){{0,2}}(?:{_PICTURE_WORDS}|crédits?(?:\s+photos?)?|credits?|sources?|"
    r"illustrations?|quelle|fuente|fuentes)(?:\s+[\w'’-]+){0,2}\s*[:：]\s*\S",
    re.IGNORECASE,
)
# A caption's credit, closing the caption line: "Photo: Aerial view of the site. (Google Earth /
# Ledger-Courier illustration)", "Foto: Un rebaño de llamas. (Archivo)", "Photo : le chantier. ©
# Florence Amiel". Only the credit is blanked: the caption's own words are the story's ("Photo:
# Nvidia's CEO at GTC (AFP)" names Nvidia). A line under a credit label ("Crédit photo :",
# "Source:") is all credit, as before.
_CREDIT_WORD = r"(?:crédits?|credits?|courtesy|sources?|quellen?|fuentes?|copyright|cortesía)\b"
# A chart is captioned like a picture: "Chart: ...", "Graphique : ...", "Grafik: ...", "Gráfico: ...".
_CHART_WORDS = (
    r"charts?|graphs?|graphics?|infographics?|graphiques?|infographies?|grafik|infografik|schaubild|gráficos?|"
    r"infografías?"
)
CAPTION_LABEL = re.compile(
    rf"^\s*[\(\[]?\s*(?:(?!{_CREDIT_WORD})[\w'’-]+\s+){{0,2}}(?:{_PICTURE_WORDS}|{_CHART_WORDS}|captions?|illustrations?|"
    r"légendes?|bildunterschrift|pie\s+de\s+foto)"
    rf"(?:\s+(?!{_CREDIT_WORD})[\w'’-]+){{0,2}}\s*[:：]\s*\S",
    re.IGNORECASE,
)
TRAILING_CREDIT = re.compile(
    r"\s*(?:[\(\[][^()\[\]\n]{1,80}[\)\]]|(?:©|\([cC]\))[^()\[\]\n©]{1,80})\s*\.?\s*$"
)
_CAPTION_MAX_CHARS = 400
# A credit label after the caption's text, closing the line: "Serverhalle: Ein Rechenzentrum verbraucht
# so viel Strom wie eine Kleinstadt. Foto: Oracle/PR", "... at the plant. Photo: Getty Images",
# "... sur le site. Crédit : AFP", "... en la planta. Imagen: EFE". The credit runs to the end of the
# line and is short (a few words, an agency, "X/PR"); a sentence that only has the word ("das Foto
# zeigt Oracle-Chef Ellison") has no label and colon after a sentence's end.
# A source label after a chart's or a table's caption, closing the line, is its credit too: "Gráfico:
# evolución de las búsquedas (2023-2025). Fuente: Google Trends.", "... by quarter. Source: company filings",
# "Quelle: Statistisches Bundesamt". Its words must be a name's ("Source: Google said the update ..." is a
# sentence, and a source label in the middle of a sentence is not one).
LABELLED_CREDIT_AT_END = re.compile(
    r"(?:(?<=[.!?»”\")\]])\s+|\s+[|·•–—]\s+)"
    rf"(?P<credit>(?:{_PICTURE_WORDS}|photo\s+credit|credits?|crédits?(?:\s+photos?)?|"
    r"(?P<source>sources?|quellen?|fuentes?|données|datos|daten|data))"
    r"\s*[:：]\s*(?P<who>[^\n.!?:]{1,60}?)\s*\.?)\s*$",
    re.IGNORECASE,
)
_LABELLED_CREDIT_WORDS = 6
# The words of a source credit's names: capitalised words, figures, joiners ("Google Trends", "INE, Eurostat",
# "Statista / eigene Berechnung" is not all names, and stays).
_SOURCE_JOINERS = ("/", "&", "+", ",", ";", "-", "–", "and", "et", "und", "y", "e", "de", "del", "des",
                   "du", "d'", "la", "le", "les", "el", "los", "las", "der", "die", "das", "von", "vom", "of",
                   "the")  # fmt: skip
_SOURCE_JOINER = frozenset(_SOURCE_JOINERS)


def _names_only(who: str) -> bool:
    return all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _SOURCE_JOINER
        for w in who.replace(",", " , ").replace("/", " / ").split()
    )


# A data source's credit, under a chart or closing the article: "Data: Hugging Face, October 2025", "Download
# data: Hugging Face", « Données de téléchargement : Hugging Face, octobre 2025. », „Daten: Hugging Face,
# Stand Oktober 2025“, "Datos de descargas: Hugging Face (octubre de 2025)". A label for data (a word before
# it, or a phrase after it opened by a preposition: "Data centers: ..." is a heading), then names only and
# maybe a date. A line of its own, among the closing lines or right under a chart's caption; a sentence with
# the word ("Data: Google says the figures are wrong") has more than names after the label.
DATA_CREDIT_LINE = re.compile(
    r"^[ \t]*[(\[]?[ \t]*(?:[\w'’-]+[ \t]+)?(?i:data|données|daten|datos)"
    r"(?:[ \t]+(?i:de\s+la|de\s+los|de\s+las|de|du|des|of|on|for|from|zu|zur|zum|der|del|sobre)[ \t]+[\w'’-]+"
    r"(?:[ \t]+[\w'’-]+)?|[ \t]+(?i:d['’])[ \t]*[\w'’-]+)?"
    r"[ \t]*[:：][ \t]*(?P<who>[^\n:：]{1,80}?)[ \t]*\.?[ \t]*[)\]]?[ \t]*\.?[ \t]*$"
)
_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
)
# The date closing a source credit: "October 2025", "octobre 2025", "Stand: Oktober 2025", "(octubre de
# 2025)", "as of 12 October 2025", "Q3 2025", "2025", "12/10/2025".
_DATE_TAIL = re.compile(
    r"[ \t]*(?:[,;(–—-][ \t]*)?"
    r"(?i:(?:as\s+of|updated|stand|au|en|am|a|al|hasta|bis|à\s+fin|fin|zum)[ \t]*:?[ \t]+)?"
    r"(?:\d{1,2}\.?[ \t]+(?:(?i:de)[ \t]+)?)?"
    r"(?:(?i:"
    + _MONTHS
    + r")\.?[ \t]+(?:(?i:de)[ \t]+)?|(?i:[QT])[1-4][ \t]+|[1-4]\.[ \t]+(?i:Quartal)[ \t]+)?"
    r"(?:\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}/\d{4})[ \t]*\)?$"
)


def _names_and_date(who: str) -> bool:
    """Names only (``_names_only``), maybe followed by a date: "Hugging Face, octobre 2025"."""
    names = _DATE_TAIL.sub("", who).strip(" \t,;")
    return bool(names) and len(names.split()) <= _LABELLED_CREDIT_WORDS and _names_only(names)


# A chart's caption, the line above a data credit.
_CHART_CAPTION = re.compile(r"^\s*[\(\[]?\s*(?:[\w'’-]+\s+){0,2}(?:" + _CHART_WORDS + r")\b", re.IGNORECASE)
# The closing lines, where a data credit may stand on its own, and the longest credit line.
_DATA_CREDIT_LINES = 3
_DATA_CREDIT_MAX_CHARS = 120


def _data_credit(line: str) -> bool:
    """DATA_CREDIT_LINE on a short line, its source names only and maybe a date."""
    head = line[:40]
    return (
        len(line) <= _DATA_CREDIT_MAX_CHARS
        and ("ata" in head or "ate" in head or "ato" in head or "onnées" in head)
        and (m := DATA_CREDIT_LINE.match(line)) is not None
        and _names_and_date(m.group("who"))
    )


# A chart's data credited by where they come from, the outlet's own work on them aside: "Gráfico: elaboración
# propia con datos de Trama Talento y de LinkedIn Economic Graph.", "Chart: own calculations based on data
# from LinkedIn", « Graphique : calculs de la rédaction d'après des données de LinkedIn », "Grafik: eigene
# Berechnung auf Basis von Daten von LinkedIn". Closing a chart's caption (only the credit is blanked), or a
# line of its own (opening with the credit) under a chart's caption or among the closing lines ("Elaboración
# propia con datos del INE."). Names only after the data's preposition, maybe a date; a caption that goes on
# about the data ("... con datos de LinkedIn y su impacto en el empleo") or a story's sentence about them
# ("The survey was run with data from LinkedIn.") is not one.
_OWN_WORK = (
    r"(?:own\s+(?:calculations?|elaboration|analysis|research|chart)|(?:our|the\s+author['’]s)\s+(?:calculations?|"
    r"analysis)|(?:calculs?|élaboration|traitement|analyse)\s+(?:de\s+l['’]\s?(?:auteur|autrice)e?|de\s+la\s+rédaction|"
    r"propres?)|eigene\s+(?:Berechnung(?:en)?|Darstellung|Auswertung|Recherche)|elaboración\s+propia|"
    r"cálculos\s+propios|análisis\s+propio)"
)
_DATA_FROM_BODY = (
    r"(?P<credit>(?:" + _OWN_WORK + r"[ \t]*,?[ \t]+)?"
    r"(?:with|from|based\s+on|using|con|a\s+partir\s+de|según|sobre|avec|d['’]\s?après|à\s+partir\s+d[e'’]|selon|"
    r"sur\s+la\s+base\s+d[e'’]|auf\s+(?:Basis|Grundlage)\s+von|nach|mit|basierend\s+auf|anhand\s+von)[ \t]+"
    r"(?:(?:the|los|las|des|les|der|den)[ \t]+)?(?:data|datos|données|Daten|figures|cifras|chiffres|Zahlen)"
    r"[ \t]+"
    r"(?:(?:from|of|by|de\s+la|del|des|du|de|von|der)(?!\w)|d['’])[ \t]*"
    r"(?P<who>[^\n.!?:]{1,80}?))[ \t]*\.?[ \t]*[)\]]?[ \t]*\.?[ \t]*$"
)
DATA_FROM_CREDIT = re.compile(r"(?<!\w)" + _DATA_FROM_BODY, re.IGNORECASE)
# A line that opens with such a credit (anchored: it fails at the first words of most lines).
DATA_FROM_LINE = re.compile(r"[ \t]*[(\[]?[ \t]*" + _DATA_FROM_BODY, re.IGNORECASE)
# DATA_FROM_CREDIT's cheap first test (lower case), and DATA_FROM_LINE's (as written: a piece of each data
# word in either case of its first letter).
_DATA_FROM_HINTS = ("data", "datos", "données", "daten", "figures", "cifras", "chiffres", "zahlen")
_DATA_FROM_WORDS = ("ata", "ato", "aten", "onnées", "igure", "ifra", "hiffre", "ahlen")


def _data_from(line: str, start: int = 0, opening: bool = False) -> re.Match[str] | None:
    """DATA_FROM_CREDIT from ``start`` on (a closing credit of the line), or opening the line
    (DATA_FROM_LINE); its names only, maybe followed by a date."""
    if opening:
        m = DATA_FROM_LINE.match(line)
    elif any(h in line[start:].lower() for h in _DATA_FROM_HINTS):
        m = DATA_FROM_CREDIT.search(line, start)
    else:
        return None
    if m is None:
        return None
    names = _DATE_TAIL.sub("", m.group("who")).strip(" \t,;")
    words = [w for w in names.split() if w.lower() not in _SOURCE_JOINER]
    return m if names and len(words) <= _LABELLED_CREDIT_WORDS and _names_only(names) else None


def _data_credits(
    lines: list[str], offsets: list[int], captions: Iterable[int]
) -> list[tuple[str, int, int]]:
    """Data credits (``_data_credit``, or a line opening with ``_data_from``'s) among the closing lines, or
    under a chart's caption (among the lines ``captions``, those CAPTION_LABEL found in ``mask_boilerplate``);
    and the data's credit closing a chart's caption (``_data_from``)."""
    found = _closing_lines(lines, _DATA_CREDIT_LINES)
    zones = []
    for c in captions:
        if not (chart := _CHART_CAPTION.match(lines[c])):
            continue
        below = _next_line(lines, c, 1)
        if below is not None and below not in found:
            found.append(below)
        if len(lines[c]) <= _CAPTION_MAX_CHARS and (m := _data_from(lines[c], chart.end())):
            zones.append(("credit", offsets[c] + m.start("credit"), offsets[c] + len(lines[c])))
    for k in sorted(found):
        line = lines[k]
        if len(line) > _DATA_CREDIT_MAX_CHARS:
            continue
        if _data_credit(line) or (
            any(h in line for h in _DATA_FROM_WORDS) and _data_from(line, opening=True) is not None
        ):
            zones.append(("credit", offsets[k], offsets[k] + len(line)))
    return sorted(zones, key=lambda z: z[1])


# A picture's credit by who gave it, with no label's colon, closing a caption or its line: "Foto de
# archivo cedida por Apple", "Imagen cortesía de Samsung", "Photo courtesy of Google", "Image provided by
# Nvidia", « Photo fournie par Meta », "Foto mit freundlicher Genehmigung von Siemens", "Bild zur Verfügung
# gestellt von SAP", or the courtesy alone ("Courtesy of Apple", "Cortesía de Apple", "Mit freundlicher
# Genehmigung von SAP"). It opens the line, a bracket, a segment or follows a sentence's end ("[Imagen: un
# visitante prueba unas gafas. Foto de archivo cedida por Apple]": the bracket holds the whole caption, so
# neither CREDIT_INLINE (80 characters at most, and a colon) nor TRAILING_CREDIT (a bracket of its own)
# finds it), and runs to the line's end (a closing bracket allowed) with names only. Only the credit is
# blanked; "Las fotos cedidas por Apple muestran el visor" and "the chips, provided by Nvidia, power the
# cluster" are the story.
_COURTESY = (
    r"(?:(?:by\s+)?courtesy\s+of|(?:provided|supplied|handed\s+out|released)\s+by|handout\s+(?:from|by)|"
    r"(?:fournie?s?|transmise?s?|offerte?s?|communiquée?s?|prêtée?s?)\s+par|"
    r"(?:avec\s+l['’]\s?)?aimable\s+autorisation\s+d[e'’]|courtoisie\s+d[e'’]|"
    r"mit\s+freundlicher\s+Genehmigung\s+(?:von|der|des)|(?:zur\s+Verfügung\s+gestellt|bereitgestellt|überlassen)\s+"
    r"(?:von|durch)|"
    r"(?:cedid[oa]s?|facilitad[oa]s?|proporcionad[oa]s?|distribuid[oa]s?|aportad[oa]s?)\s+por|"
    r"(?:por\s+)?cortesía\s+de)"
)
# The courtesy alone, with no picture word before it.
_COURTESY_ALONE = (
    r"(?:(?:by\s+)?courtesy\s+of|(?:avec\s+l['’]\s?)?aimable\s+autorisation\s+d[e'’]|courtoisie\s+d[e'’]|"
    r"mit\s+freundlicher\s+Genehmigung\s+(?:von|der|des)|(?:por\s+)?cortesía\s+de)"
)
COURTESY_CREDIT = re.compile(
    r"(?:^[ \t]*[\(\[]?|(?<=[.!?»”\"])[ \t]+[\(\[]?|[ \t]+[|·•–—/][ \t]+|[\(\[])[ \t]*"
    # "Foto: X / mit freundlicher Genehmigung von X": a labelled credit before it is the same credit.
    r"(?P<credit>(?:(?:" + _PICTURE_WORDS + r")[ \t]*[:：][ \t]*(?P<first>[^\n.!?:/|()\[\]]{1,40}?)"
    r"[ \t]*[/|·•–—][ \t]*)?"
    r"(?:(?:" + _PICTURE_WORDS + r"|illustrations?|ilustraci(?:ón|ones))"
    r"(?:[ \t]+(?!" + _COURTESY + r")[\w'’-]+){0,2}[ \t]*:?[ \t]+" + _COURTESY + r"|" + _COURTESY_ALONE + r")"
    r"[ \t]+(?P<who>[^\n.!?()\[\]:]{1,60}?))[ \t]*\.?[ \t]*[\)\]]?[ \t]*\.?[ \t]*$",
    re.IGNORECASE,
)
# A cheap first test for COURTESY_CREDIT (on the whole text; only the lines with one are searched).
_COURTESY_HINTS = ("ourtesy", "rovided by", "upplied by", "anded out", "eleased by", "andout", "ourni",
                   "ransmis", "ffert", "ommuniqué", "rêté", "utorisation", "ourtoisie", "enehmigung",
                   "Verfügung gestellt", "ereitgestellt", "berlassen", "edid", "acilitad", "roporcionad",
                   "ortesía", "istribuid", "portad")  # fmt: skip


# How far from its line's end a courtesy credit may start (two labels, a few words, names).
_COURTESY_TAIL = 180


def _courtesy_credits(
    lines: list[str], offsets: list[int], found: Iterable[int]
) -> list[tuple[str, int, int]]:
    """COURTESY_CREDIT closing the lines found (with a picture or a courtesy word) that have one of its hints
    near their end."""
    zones = []
    for k in found:
        line = lines[k]
        tail = max(0, len(line) - _COURTESY_TAIL)
        end = line[tail:]
        if not any(h in end for h in _COURTESY_HINTS):
            continue
        m = COURTESY_CREDIT.search(line, tail)
        if (
            m
            and len(m.group("who").split()) <= _LABELLED_CREDIT_WORDS
            and _names_only(m.group("who"))
            and (m.group("first") is None or _names_only(m.group("first")))
        ):
            zones.append(("credit", offsets[k] + m.start("credit"), offsets[k] + len(lines[k])))
    return zones


# A screenshot's credit with no bracket or colon, closing a caption or its line: "Légende : Jensen Huang lors
# d'une conférence en juin. Capture d'écran YouTube", "The keynote in June. Screenshot YouTube",
# "Bildunterschrift: Die Keynote im Juni. Screenshot von YouTube", "Pie de foto: la presentación. Captura de
# pantalla de YouTube". It opens the line, a segment or follows a sentence's end, and runs to the line's end
# with names only (the colon's form, "Screenshot: YouTube", is LABELLED_CREDIT_AT_END's). Only the credit is
# blanked; a sentence about a screenshot has more than names after the word ("Screenshots from Google show the
# new menu", "La captura de pantalla muestra ...").
SCREENSHOT_CREDIT = re.compile(
    r"(?:^[ \t]*|(?<=[.!?»”\")\]])[ \t]+|[ \t]+[|·•–—/][ \t]+)"
    r"(?P<credit>(?i:"
    + _SCREENSHOT_WORDS
    + r")(?:[ \t]+(?i:of|from|via|on|de|du|des|sur|von|vom|aus|auf|del|en|por|par)"
    r"|[ \t]+(?i:d['’])|[ \t]*[:：])?[ \t]*(?P<who>[A-ZÀ-ÖØ-Þ0-9@][^\n.!?:()\[\]]{0,59}?))[ \t]*\.?[ \t]*$"
)
# A cheap first test, near the line's end (lower case).
_SCREENSHOT_HINTS = ("screen", "capture", "captura", "bildschirm", "pantallazo")
_SCREENSHOT_TAIL = 100


def _screenshot_credits(
    lines: list[str], offsets: list[int], found: Iterable[int]
) -> list[tuple[str, int, int]]:
    """SCREENSHOT_CREDIT closing the lines found with a picture word (a screenshot's word is one)."""
    zones = []
    for k in found:
        line = lines[k]
        tail = max(0, len(line) - _SCREENSHOT_TAIL)
        end = line[tail:].lower()
        if not any(h in end for h in _SCREENSHOT_HINTS):
            continue
        m = SCREENSHOT_CREDIT.search(line, tail)
        if m and len(m.group("who").split()) <= _LABELLED_CREDIT_WORDS and _names_only(m.group("who")):
            zones.append(("credit", offsets[k] + m.start("credit"), offsets[k] + len(line)))
    return zones


CREDIT_INLINE = re.compile(
    r"[\(\[]\s*(?:(?i:photo|image|picture|crédit(?:\s+photo)?|credit|source|quelle|bild|foto|imagen|fuente|"
    + _SCREENSHOT_WORDS
    + r")\s*[:：][^\)\]\n]{1,80}[\)\]]"
    # With no colon, closing a line (a caption): a screenshot or photo word and a name, "(Capture
    # d'écran LinkedIn)", "(Screenshot via X)", "(Photo AFP)", "(Captura de pantalla de X)"; not
    # "(photo below)", "(screenshots show the new menu)".
    r"|(?i:photos?|fotos?|"
    + _SCREENSHOT_WORDS
    + r")\s+(?:(?i:of|from|via|by|de|du|des|d['’]|von|vom|aus|del|par|por)\s*)?(?=[A-ZÀ-ÖØ-Þ@])"
    r"[^()\[\]\n]{1,60}[\)\]](?=[ \t]*\.?[ \t]*$))",
    re.MULTILINE,
)
# What comes right before a name given only as the source of a fact: "according to LinkedIn",
# "selon Bloomberg", "d'après les données de Google Trends", "laut Reuters", "según datos de X".
SOURCE_CREDIT_BEFORE = re.compile(
    r"(?:\baccording\s+to|\bciting|\bcited\s+by|\breported\s+by|\bselon|\bd['’]\s?après|"
    r"\bde\s+source|\blaut|\bzufolge|\bsegún|\bde\s+acuerdo\s+con|\bcitando\s+a)"
    r"(?:\s+(?:the|a|an|le|la|les|l['’]|el|los|las|der|die|das|den|dem|des)\b)?"
    r"(?:\s+(?:data|figures|numbers|estimates|a\s+report|a\s+survey|données|chiffres|estimations|"
    r"Daten|Zahlen|Angaben|Schätzungen|datos|cifras|estimaciones|un\s+informe)\b)?"
    r"(?:\s+(?:from|by|of|de|du|des|von|vom|der|del))?\s*$",
    re.IGNORECASE,
)
CREDIT_WINDOW = 60
# A platform named as where the data of a figure were gathered: "according to an analysis of LinkedIn
# profiles by ...", "selon une analyse des profils LinkedIn", "laut einer Auswertung von LinkedIn-Profilen",
# "según un análisis de perfiles de LinkedIn". The name is a source credit: only it is blanked. The data
# are what users post there (profiles, job ads, posts, reviews, searches) or the platform's data; not a
# company's own business ("an analysis of LinkedIn's revenue", "an analysis of Nvidia sales data").
_DATA_SOURCE_NAME = r"(?-i:(?P<{}>[A-ZÀ-ÖØ-Þ][\w&]*(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w&]*){{0,2}}))"
SOURCE_DATA_CREDIT = re.compile(
    r"(?<!\w)(?:"
    r"(?:according\s+to|based\s+on|citing)\s+(?:an?|the)\s+(?:[\w-]+\s+)?(?:analysis|study|review|survey|tally)\s+"
    r"of\s+(?:the\s+)?(?:public\s+)?"
    + _DATA_SOURCE_NAME.format("en")
    + r"\s+(?:profiles|postings|job\s+(?:postings|listings|ads|adverts|openings)|listings|posts|reviews|"
    r"search\s+(?:data|queries|trends)|user\s+data|data)(?!\w)|"
    r"(?:selon|d['’]\s?après)\s+une\s+(?:[\w-]+\s+)?(?:analyse|étude|recension)\s+(?:des|de|du|d['’])\s*"
    r"(?:profils|offres\s+d['’]\s?emploi|annonces(?:\s+d['’]\s?emploi)?|publications|avis|données|recherches)\s+"
    r"(?:publi(?:cs|ées)\s+)?(?:(?:de|d['’]|sur)\s*)?"
    + _DATA_SOURCE_NAME.format("fr")
    + r"|(?:laut|nach)\s+(?:einer|einem)\s+(?:[\w-]+\s+)?"
    r"(?:Auswertung|Analyse|Studie|Untersuchung|Erhebung)\s+(?:von|der|aus)\s+(?:\w+\s+)?"
    + _DATA_SOURCE_NAME.format("de")
    + r"-(?:Profil(?:e|en)?|Daten|Stellenanzeigen|Stellenangebot(?:e|en)|Anzeigen|Beiträg(?:e|en)|"
    r"Suchanfragen|Suchdaten|Bewertungen|Nutzerdaten)(?!\w)|"
    r"(?:según|de\s+acuerdo\s+con)\s+(?:un|una|el|la)\s+(?:[\w-]+\s+)?(?:análisis|estudio|recuento|revisión)\s+"
    r"de\s+(?:los\s+|las\s+)?(?:perfiles|ofertas\s+de\s+empleo|anuncios(?:\s+de\s+empleo)?|publicaciones|reseñas|"
    r"datos|búsquedas)\s+(?:públic[oa]s\s+)?(?:de|en)\s+" + _DATA_SOURCE_NAME.format("es") + r")",
    re.IGNORECASE,
)
# A cheap first test for SOURCE_DATA_CREDIT.
_DATA_SOURCE_HINTS = ("analys", "analyz", "study", "review", "survey", "tally", "étude", "recension",
                      "Analyse", "Auswertung", "Studie", "Untersuchung", "Erhebung", "análisis", "estudio",
                      "recuento", "revisión")  # fmt: skip


_DATA_SOURCE_WINDOW = 100


# Every alternative of SOURCE_CREDIT_BEFORE's opening group holds one of these words in lower case ("cit":
# "citing", "cited by", "citando a"; "accord": "according to"; "acuerdo": "de acuerdo con"; "source": "de
# source"), and the match lies in the text searched. Under re.IGNORECASE a letter of these words matches a
# character c only if c.lower() is that letter, but for "ı" and "İ" (an "i") and "ſ" (an "s"), as trying
# every code point shows; and str.lower() keeps every character but "İ" one character. So with none of
# those three in the text, no such word in its lower case means no match: a cheap first test.
_SOURCE_CREDIT_WORDS = ("accord", "cit", "reported", "selon", "après", "source", "laut", "zufolge", "según",
                        "acuerdo")  # fmt: skip


def source_credit(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is given only as the source of a fact (the tagger asks for each
    mention): after "according to", "selon", "laut", "según" (SOURCE_CREDIT_BEFORE), or as where the
    data were gathered (SOURCE_DATA_CREDIT); or only as where a broadcast can be watched (``watch_venue``)."""
    before = text[max(0, start - CREDIT_WINDOW) : start]
    low = before.lower()
    if (
        any(w in low for w in _SOURCE_CREDIT_WORDS) or "ı" in before or "İ" in before or "ſ" in before
    ) and SOURCE_CREDIT_BEFORE.search(before) is not None:
        return True
    return data_source_credit(text, start, end) or watch_venue(text, start, end)


# A platform named as where a broadcast can be watched: "The documentary airs on Sunday and will then be
# available to stream on YouTube", "Die Dokumentation läuft am Sonntag und ist anschließend in der Mediathek
# sowie auf YouTube abrufbar", "Le documentaire est à voir sur France.tv et sur YouTube", "El documental se
# emite el domingo y estará disponible en YouTube". The name follows a preposition of place (maybe at the
# end of a list of places), and its sentence has a word for watching and one for a broadcast. The platform's
# own doings and rules are the story ("YouTube said", "YouTube's rules", "YouTube removed the documentary"),
# and so is a product made available there with no broadcast ("Gemini is now available on YouTube").
_WATCH_PLACE_BEFORE = re.compile(
    r"(?<!\w)(?i:on|via|sur|auf|bei|über|en|vía|a\s+través\s+de)\s+"
    r"(?:[\w.+-]+(?:\s+[\w.+-]+){0,2}\s*(?:,|(?i:and|or|und|sowie|oder|et|ou|y|o|e))\s+"
    r"(?:(?i:on|sur|auf|bei|en|in\s+der|im)\s+)?)?$"
)
# The word right before the name (a cheap first test): a preposition, or a joiner of the list.
_WATCH_PLACE_WORDS = frozenset(("on", "via", "sur", "auf", "bei", "über", "en", "vía", "and", "or", "und",
                                "sowie", "oder", "et", "ou", "y", "o", "e", "im"))  # fmt: skip
WATCH_WORD = re.compile(
    r"(?<!\w)(?:available|stream(?:s|ing|ed)?|watch(?:ed)?|viewable|on\s+demand|catch\s+up|"
    r"abrufbar|abzurufen|abrufen|verfügbar|zu\s+sehen|anzusehen|anschauen|ansehen|gestreamt|streamen|"
    r"à\s+(?:voir|revoir|regarder)|disponibles?|en\s+replay|en\s+streaming|visionner|regarder|"
    r"verse|verlo|verla|ver|a\s+la\s+carta)(?!\w)",
    re.IGNORECASE,
)
BROADCAST_WORD = re.compile(
    r"(?<!\w)(?:documentar(?:y|ies)|episodes?|series|programmes?|broadcasts?|airs|aired|livestream|concert|"
    r"Dokumentation|Doku|Dokumentarfilm|Sendung|Folgen?|Serie|Reportage|läuft|ausgestrahlt|Mediathek|"
    r"documentaires?|émissions?|épisodes?|séries?|diffusée?s?|replay|reportage|"
    r"documental(?:es)?|programas?|episodios?|series?|emite|emitirá|emisión|reportaje|"
    r"films?|película)(?!\w)",
    re.IGNORECASE,
)
_WATCH_SENTENCE = 250
# ... or as where a broadcast is shown, by a word for broadcasting alone: "The matches were broadcast live on
# Twitch and YouTube", « Les matchs ont été retransmis en direct sur Twitch et YouTube », "Das Finale wird im
# Livestream auf YouTube gezeigt", "Transmisión en español por radio, en la app de la liga y en YouTube". A
# word that only means broadcasting is enough (BROADCAST_VERB); a word that also means sending, a live feature
# or a transfer ("streamed", "aired", "diffusé", "en direct", "übertragen", "transmisión", "emitido", "en
# directo") needs a broadcast event, programme or medium in the sentence (BROADCAST_EVENT: a match, a concert,
# an episode, the radio): "the model is now streamed on Hugging Face", « le modèle diffusé sur Hugging Face »,
# "la traducción en directo en WhatsApp", "Fotos auf Google Drive übertragen", "la transmisión de datos en
# tiempo real" are the story. The platform's own business is the story too: a deal or rights for the broadcast
# ("NFL games are streamed on YouTube under a deal worth ...", « retransmis sur YouTube, qui a acquis les
# droits »), or shares, bonds or votes issued on a market (BROADCAST_DEAL); the platform as the subject
# ("YouTube streamed the game", « YouTube retransmettra la Ligue 1 ») has no place preposition before it.
BROADCAST_VERB = re.compile(
    r"(?<!\w)(?:broadcast(?:s|ed|ing)?|live[\s-]?stream(?:s|ed|ing)?|televised|simulcast(?:s|ed)?|"
    r"retransmise?s?|retransmissions?|retransmett\w*|retransmet|télévisée?s?|diffusée?s?\s+en\s+direct|"
    r"streamée?s?|en\s+live|"
    r"ausgestrahlt|gestreamt|Livestreams?|Live-?Übertragung(?:en)?|Liveübertragung(?:en)?|live\s+übertragen|"
    r"retransmitid[oa]s?|retransmisi(?:ón|ones)|retransmit(?:e|en|irá|irán|ía|ían)|televisad[oa]s?)(?!\w)",
    re.IGNORECASE,
)
BROADCAST_AMBIGUOUS = re.compile(
    r"(?<!\w)(?:streamed|aired|shown\s+live|diffusée?s?|transmise?s?|en\s+direct|en\s+streaming|"
    r"übertragen|überträgt|Übertragung(?:en)?|live(?=\s+(?:auf|bei|im)\s)|"
    r"transmisi(?:ón|ones)|transmitid[oa]s?|transmit(?:e|en|irá|irán|ía|ían)|emitid[oa]s?|emit(?:e|en|irá|irán)|"
    r"en\s+directo|en\s+vivo|en\s+streaming)(?!\w)",
    re.IGNORECASE,
)
BROADCAST_EVENT = re.compile(
    r"(?<!\w)(?:match(?:es)?|finals?|tournaments?|races?|concerts?|keynotes?|ceremon(?:y|ies)|debates?|"
    r"radio|television|(?-i:TV)|episodes?|series|documentar(?:y|ies)|programmes?|"
    r"matchs|finales?|tournois?|courses?|keynotes?|événements?|cérémonies?|débats?|radio|télévision|télé|"
    r"émissions?|épisodes?|séries?|documentaires?|"
    r"Partien?|Begegnung(?:en)?|Finale|Turniere?|Rennen|Konzerte?|Keynote|Veranstaltung(?:en)?|Zeremonie|Debatte|Radio|"
    r"Fernsehen|Sendung(?:en)?|Folgen?|Serien?|Dokumentation|Doku|"
    r"partidos?|encuentros?|torneos?|carreras?|conciertos?|eventos?|ceremonias?|gala|debates?|radio|televisión|"
    r"tele|episodios?|documental(?:es)?|programas?)(?!\w)",
    re.IGNORECASE,
)
BROADCAST_DEAL = re.compile(
    r"(?<!\w)(?:deals?|rights|contracts?|agreements?|exclusive(?:ly)?|licen[cs]\w*|paid|pays?|"
    r"droits|accords?|contrats?|exclusi(?:f|ve|vement|vité)|"
    r"Rechte|\w*rechte|Vertr(?:ag|äge)\w*|Deals?|Vereinbarung\w*|Lizenz\w*|exklusiv\w*|"
    r"derechos|acuerdos?|contratos?|exclusiv[oa]s?|exclusividad|exclusivamente|licencias?|"
    r"shares|bonds|votes|actions|obligations|voix|Aktien|Anleihen|Stimmen|acciones|bonos|votos|deuda)(?!\w)",
    re.IGNORECASE,
)


def _broadcast_shown(sentence: str) -> bool:
    """A sentence saying something is broadcast (BROADCAST_VERB, or BROADCAST_AMBIGUOUS with BROADCAST_EVENT),
    with no deal or issue of securities in it (BROADCAST_DEAL)."""
    return (
        BROADCAST_VERB.search(sentence) is not None
        or (BROADCAST_AMBIGUOUS.search(sentence) is not None and BROADCAST_EVENT.search(sentence) is not None)
    ) and BROADCAST_DEAL.search(sentence) is None


def watch_venue(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is only where a broadcast can be watched (the tagger asks for each
    mention, through ``source_credit``): a preposition of place before it, a word for watching and one for a
    broadcast in its sentence, and no possessive after it."""
    if start < 3 or text[start - 1] != " " or text[end : end + 1] in ("'", "’"):
        return False
    space = text.rfind(" ", max(0, start - 12), start - 1)
    if text[space + 1 : start - 1].rstrip(",").lower() not in _WATCH_PLACE_WORDS:
        return False
    if _WATCH_PLACE_BEFORE.search(text, max(0, start - 60), start) is None:
        return False
    lo = max(0, start - _WATCH_SENTENCE)
    stops = [text.rfind(c, lo, start) for c in ".!?\n"]
    lo = max(lo, *(s + 1 for s in stops if s >= 0)) if any(s >= 0 for s in stops) else lo
    hi = min(len(text), end + _WATCH_SENTENCE)
    ends = [p for p in (text.find(c, end, hi) for c in ".!?\n") if p >= 0]
    sentence = text[lo : min(ends) if ends else hi]
    return (
        WATCH_WORD.search(sentence) is not None and BROADCAST_WORD.search(sentence) is not None
    ) or _broadcast_shown(sentence)


def data_source_credit(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is where the data of a figure were gathered (SOURCE_DATA_CREDIT).
    The tagger asks for each mention, like SOURCE_CREDIT_BEFORE; the word for the analysis comes before
    the name in every language, a cheap first test."""
    lo = max(0, start - _DATA_SOURCE_WINDOW)
    before = text[lo:start]
    if not any(h in before for h in _DATA_SOURCE_HINTS):
        return False
    return any(
        m.start(m.lastgroup or 0) <= start and end <= m.end(m.lastgroup or 0)
        for m in SOURCE_DATA_CREDIT.finditer(text, lo, min(len(text), end + 60))
    )


# A credit for a generated picture: "Illustration generated with Google Gemini", "Image created with
# Midjourney", "Illustration générée par IA (Midjourney)", "Image générée avec ChatGPT", "Illustration :
# KI-generiert mit Firefly", "Bild erstellt mit Midjourney", "Ilustración generada con Google Gemini",
# "Imagen creada con IA (DALL-E)". It is a credit where credits stand: a line of its own, a segment of
# header or caption furniture ("TRABAJO | Por Ana Ejemplo | Madrid | Ilustración generada con X."), or
# closing a caption after its text ("Un robot en la planta. Imagen creada con Midjourney."). Its words
# after the preposition are names, or the few words that go with a tool's name ("la IA de Google",
# "l'IA Midjourney"): "la ilustración generada con Gemini causó polémica" and "Google said Gemini
# generated the illustrations" are the story.
_GENERATED_PICTURE = (
    r"(?i:" + _PICTURE_WORDS + r"|illustrations?|ilustraci(?:ón|ones)|illustrationen|grafik|gráficos?|"
    r"dessins?|visuels?|artwork|cover)"
)
_GENERATED_VERB = (
    r"(?i:(?:(?:AI|IA|KI)[\s-]+)?(?:generated|created|made|produced|rendered|"
    r"générée?s?|créée?s?|réalisée?s?|produite?s?|conçue?s?|"
    r"generiert|erstellt|erzeugt|gemacht|"
    r"generad[oa]s?|cread[oa]s?|hech[oa]s?|elaborad[oa]s?|realizad[oa]s?|producid[oa]s?))"
)
_GENERATED_BY = (
    r"(?i:with|by|using|via|avec|par|à\s+l['’]aide\s+d[e'’]|au\s+moyen\s+d[e'’]|mit|von|durch|mittels|"
    r"con|por|mediante)"
)
# Whom it was made for, closing the credit: "for this newspaper", "pour cet article", "für diese Zeitung",
# "para este diario" ("[Ilustración: generada con X para este diario]").
_GENERATED_FOR = (
    r"(?i:(?:for|pour|für|para)[ \t]+(?:this|the|ce|cet|cette|diese[nms]?|dieser|este|esta)[ \t]+"
    r"(?:newspaper|paper|article|story|report|page|issue|edition|site|magazine|journal|reportage|numéro|"
    r"édition|Zeitung|Artikel|Beitrag|Bericht|Ausgabe|Seite|Magazin|diario|periódico|artículo|reportaje|"
    r"información|edición|página|revista)|"
    # ... or for the outlet by its name: "for The Ledger", "pour Le Monde", "für die Tageszeitung Beispiel",
    # "para El Diario".
    r"(?:for|pour|für|para)[ \t]+(?:(?:the|die|der|das|le|la|les|el|los|las)[ \t]+)?(?-i:[A-ZÀ-ÖØ-Þ][\w'’&-]*"
    r"(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’&-]*){0,3}))"
)
# One word of who made it: a name (capitalised, a version, a handle) or a word that goes with one.
_GENERATED_WHO_WORD = (
    # A name may hold a middle dot ("DALL·E").
    r"[\(\[]?(?:[dlDL]['’]\s?)?(?:[A-ZÀ-ÖØ-Þ0-9@][\w'’.+/-]*(?:·\w[\w'’.+/-]*)*|[/&+]|"
    r"(?:de|del|du|des|la|le|les|el|los|las|the|of|and|et|y|und|von|der|des|die|den|an|a|un|une|una|ein|"
    r"with|using|avec|mit|con|por|par|by|via|tool|outil|Werkzeug|herramienta|model|modèle|modelo|"
    r"intelligence|artificielle|artificial|inteligencia|künstlicher|Intelligenz|generative|générative|"
    r"generativa|generativer|generativen)(?!\w))[\)\]]?,?"
)
# Cheap first tests (the full pattern opens with a lookbehind, which the regex engine tries at every
# position): a line with a picture word (found by a multi-pattern matcher) and a verb in it.
_GENERATED_VERB_HINTS = (
    "generat",
    "créé",
    "generi",
    "generad",
    "created",
    "erstellt",
    "erzeugt",
    "cread",
    "made ",
    "produc",
    "produit",
    "rendered",
    "réalisé",
    "realizad",
    "elaborad",
    "hech",
    "conçu",
    "gemacht",
    "génér",
)
_GENERATED_PICTURE_HINTS = (
    "imag",
    "imág",
    "llustr",
    "lustra",
    "photo",
    "foto",
    "bild",
    "grafik",
    "gráfic",
    "dessin",
    "visuel",
    "artwork",
    "cover",
    "screen",
    "captur",
    "pantallazo",
    "picture",
)


# The words of a courtesy credit with no picture word ("Courtesy of X", "Cortesía de X", "Mit freundlicher
# Genehmigung von X"): the same pass finds the lines that may hold one (COURTESY_CREDIT).
_COURTESY_WORD_HINTS = frozenset(("courtesy", "cortesía", "genehmigung", "autorisation", "courtoisie"))


def _generated_credit_lines(text: str, offsets: list[int], found: Iterable[int]) -> list[int]:
    """The lines (indexes) that may hold a generated picture's credit: a picture word (``_hinted_lines``;
    a courtesy word's line is found too, and fails the full pattern) and a verb
    in them. One pass of a multi-pattern matcher over the text finds the lines with a picture word
    (AI stories say "image" and "generated" everywhere, so testing the whole text for both, as
    before, let the full pattern run on most of them); only those lines are searched further."""
    lines = []
    for i in found:
        stop = offsets[i + 1] - 1 if i + 1 < len(offsets) else len(text)
        line = text[offsets[i] : stop].lower()
        if any(v in line for v in _GENERATED_VERB_HINTS):
            lines.append(i)
    return lines


# What the picture says it was made from, closing the credit: "from archive photos by NASA", "a partir de
# fotografías de archivo de la NASA", « à partir de photos d'archives de la NASA », "auf Grundlage von
# Archivfotos der NASA": a picture word, maybe an archive's, and names.
_ARCHIVE_WORD = r"(?i:(?:d['’][ \t]?)?(?:archives?|archivo|archivos|archive|stock|file|Archiv))"
_GENERATED_FROM = (
    r"(?i:from|based\s+on|using|à\s+partir\s+d[e'’]|d['’]après|auf\s+(?:der\s+)?(?:Grundlage|Basis)\s+von|"
    r"basierend\s+auf|nach|aus|a\s+partir\s+de|basad[oa]\s+en|sobre\s+la\s+base\s+de)"
    rf"[ \t]*(?:{_ARCHIVE_WORD}[ \t]+)?(?i:(?:Archiv|Agentur|Stock)?(?:{_PICTURE_WORDS}|photographs?|"
    r"photographies|fotografien|footage))"
    rf"(?:[ \t]+(?:{_ARCHIVE_WORD}|{_GENERATED_WHO_WORD})){{0,6}}"
)
GENERATED_CREDIT = re.compile(
    # Where a credit opens: a line, a segment after a separator, a sentence's end.
    r"(?:^[ \t]*|(?<=[|·•–—.!?»”\")\]] ))"
    # A label and a second picture word after it: "Ilustración: imagen generada con X", "Illustration : image
    # créée avec X", "Illustration: image generated with X", "Grafik: Bild erstellt mit X". The picture word
    # may be qualified ("Ilustración de portada", "Image d'illustration", "Titelbild", "Aufmacherfoto").
    rf"[\(\[]?(?i:Titel|Aufmacher|Vorschau)?{_GENERATED_PICTURE}"
    r"(?:[ \t]+(?i:de|del|du|des|of|for)[ \t]+(?:(?i:la|le|the|el)[ \t]+)?[\w-]+|"
    r"[ \t]+(?i:d['’])[ \t]?[\w-]+)?"
    rf"(?:[ \t]*[:：])?(?:[ \t]+{_GENERATED_PICTURE})?"
    rf"[ \t]+{_GENERATED_VERB}[ \t]+{_GENERATED_BY}[ \t]+"
    rf"{_GENERATED_WHO_WORD}(?:[ \t]+{_GENERATED_WHO_WORD}){{0,9}}"
    rf"(?:[ \t]+{_GENERATED_FROM})?"
    rf"(?:[ \t]+{_GENERATED_FOR})?"
    # ... and closes it: the end of the line, or the next separator.
    r"[ \t]*\.?[ \t]*[\)\]]?(?=[ \t]*(?:$|[|·•–—][ \t]))",
    re.MULTILINE,
)

# Who else reported, wrote or edited the story: "Additional reporting by Jane Example in Tokyo",
# "Reporting by …; Editing by …", "Jane Example contributed reporting.", "Avec la collaboration
# de …", "Mitarbeit: …", "Mit Material von dpa", "Con información de …", "Colaboró: …".
_CREDITED = r"(?:[A-ZÀ-ÖØ-Þ]|dpa\b|afp\b)"
_PERSON = (
    r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+){1,2}"
    r"(?:\s+(?:in|from|en|à|aus|desde)\s+[A-ZÀ-ÖØ-Þ][\w'’-]+)?"  # "… in Tokyo"
)
REPORTING_CREDIT = re.compile(
    r"^\s*[(\[*_—–-]?\s*(?:(?i:"
    r"(?:(?:additional|further|extra|with|and)\s+)?(?:reporting|research)\s+(?:by|from)|"
    r"(?:editing|edited|writing|written|compiled|graphics|produced)\s+by|"
    r"avec\s+(?:la\s+)?(?:collaboration|contribution|participation|concours)\s+d[e'’]|"
    r"(?:reportage|enquête|informations?)\s+complémentaires?\s+d[e'’]|collaboration\s*:|"
    r"(?:unter\s+)?mitarbeit\s+(?:von|:)|mitarbeit\s*:|mit\s+(?:material|beiträgen|informationen)\s+(?:von|der|des)|"
    r"con\s+(?:información|reportería|la\s+colaboración|la\s+contribución)\s+(?:de|del)|"
    r"información\s+adicional\s+de|colaboraron?\s*:|con\s+reporter[ií]a\s+de"
    r")\s*:?\s*" + _CREDITED + r"|"
    rf"{_PERSON}(?:(?:,|\s+and|\s+et|\s+und|\s+y)\s+{_PERSON})*\s+(?i:"
    r"contributed\s+(?:reporting|research|to\s+this\s+(?:report|article|story))|"
    r"a\s+contribué\s+à\s+(?:cet\s+article|ce\s+reportage)|ont\s+contribué\s+à\s+(?:cet\s+article|ce\s+reportage)|"
    r"(?:hat|haben)\s+(?:zu\s+diesem\s+(?:Bericht|Artikel|Beitrag)\s+beigetragen|mitgearbeitet)|"
    r"colaboraron?\s+en\s+(?:esta|este)\s+(?:información|artículo|reportaje|crónica)"
    r"))"
)
_CREDIT_MAX_CHARS = 200

# The outlet promoting itself on a platform: its newsletter, channel or app ("Neu: Unser Briefing gibt
# es jetzt auch als Kanal bei WhatsApp", "Our newsletter is now on WhatsApp", "Rejoignez notre chaîne
# WhatsApp", "Descarga nuestra app ... Disponible para iPhone y Android"), or the reader asked to follow
# it ("Follow us on Instagram", "Suivez-nous sur LinkedIn", "Folgen Sie uns auf Instagram", "Síguenos
# en WhatsApp"). Page furniture: a platform named there is not news. A story line about a platform has
# no "our"/"us" ("WhatsApp launches channels for newsletters", "Le Monde lance sa chaîne WhatsApp"),
# and a quote or a report is the story («Suivez-nous sur Threads», a lancé Meta).
_OUTLET_CHANNEL = (
    r"(?:newsletters?|briefings?|channels?|apps?|podcasts?|accounts?|alerts?|"
    r"lettres?|chaînes?|applications?|applis?|comptes?|alertes?|"
    r"Kanal|Kanäle|Konto|Profil|Accounts?|Push-Nachrichten|"
    r"boletín|boletines|canal(?:es)?|aplicaci(?:ón|ones)|pódcasts?|cuentas?|perfil(?:es)?|alertas?)"
)
OWN_PROMO = re.compile(
    r"(?<!\w)(?:"
    # "our (daily) newsletter", "unser WhatsApp-Kanal"; "nos" only right before the noun (in Spanish
    # it is also "us": "Google nos abre cuentas").
    r"(?:our|notre|unser(?:e|en|em|er|es)?|nuestr[oa]s?)\s+(?:[\w-]+\s+){0,2}?(?:\w+-)?"
    + _OUTLET_CHANNEL
    + r"|"
    r"nos\s+(?:newsletters|lettres|chaînes|applications|applis|comptes|alertes|podcasts)|"
    r"(?:follow|join|find|add|subscribe\s+to)\s+us|(?:suivez|rejoignez|retrouvez|ajoutez)-nous|"
    r"(?:folgen|abonnieren|finden)\s+Sie\s+uns|síguenos|síganos|encuéntranos|encuéntrenos"
    r")(?!\w)",
    re.IGNORECASE,
)
# The same promotion by the newsroom or the outlet's name rather than "our"/"us" (a separate pattern
# behind its own cheap test: OWN_PROMO runs on every short line). The newsroom's own channel: "im
# WhatsApp-Kanal der Redaktion", "la chaîne WhatsApp de la rédaction", "el canal de WhatsApp de la
# redacción", "the newsroom's WhatsApp channel". The reader asked to follow the newsroom ("Suivez la
# rédaction sur LinkedIn", "Folgen Sie der Redaktion auf Instagram", "Sigue a la redacción en X"), or
# the outlet by its name, the call opening a sentence and naming where ("Follow Ledger Tech on
# Instagram", "Suivez Le Monde sur LinkedIn", "Folgen Sie Heise auf Mastodon", "Sigue a El Diario en
# Instagram"). Not a report: "Meta asked users to follow its Threads account", "users can now follow
# Google on Threads".
_OUTLET_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’&]*(?:[ \t]+(?:&[ \t]+)?[A-ZÀ-ÖØ-Þ][\w'’&]*){0,3}"
_NEWSROOM = (
    r"(?i:the\s+newsroom|la\s+rédaction|l['’]\s?équipe|der\s+Redaktion|unserer\s+Redaktion|la\s+redacción|"
    r"nuestra\s+redacción)"
)
OUTLET_PROMO = re.compile(
    r"(?<!\w)(?:"
    r"(?i:(?:\w+-)?" + _OUTLET_CHANNEL + r"\s+(?:[\w-]+\s+){0,2}?(?:der|unserer|de\s+la|de\s+notre|del|"
    r"de\s+nuestra|of\s+the|of\s+our)\s+(?:Redaktion|rédaction|redacción|newsroom)|"
    r"newsroom['’]s\s+(?:[\w-]+\s+){0,2}?" + _OUTLET_CHANNEL + r"|"
    r"(?:follow|join|suivez|rejoignez|retrouvez|(?:folgen|finden)\s+Sie|sigue\s+a|siga\s+a|seguid\s+a)\s+"
    + _NEWSROOM
    + r")|(?:^|(?<=[.!?:]\s))(?:(?:Follow|Find|Join)\s+"
    + _OUTLET_NAME
    + r"\s+on|(?:Suivez|Retrouvez|Rejoignez)\s+"
    + _OUTLET_NAME
    + r"\s+sur|(?:Folgen|Finden)\s+Sie\s+"
    + _OUTLET_NAME
    + r"\s+(?:auf|bei)|(?:Sigue|Siga|Seguid|Encuentra)\s+a\s+"
    + _OUTLET_NAME
    + r"\s+en)\s+[A-ZÀ-ÖØ-Þ]\w*"
    r")(?!\w)"
)


# Share buttons written as a sentence, opening it: "Share this article on X, Facebook or LinkedIn", "Partagez
# cet article sur X, Facebook ou LinkedIn", "Teilen Sie diesen Artikel auf LinkedIn", "Comparte este artículo
# en X y Facebook", or as a label before the list ("Share on: X · Facebook", "Partager sur Facebook,
# LinkedIn", "Teilen: WhatsApp | X", "Compartir en X, Facebook"). The reader is asked to share this article (a
# demonstrative and the word for it), or the label is followed by names only; a story about sharing has
# neither ("Meta lets users share articles on Facebook", "Share prices on Facebook's ..."). The label may name
# what is shared, the noun first in German ("Artikel teilen:", "Diesen Beitrag teilen:", "Partager l'article
# :", "Compartir artículo:"), and the list may hold the page's other buttons besides the platforms ("E-Mail",
# "Link kopieren", "Copy link", "Copier le lien", "Copiar enlace", "Drucken", "Imprimir").
_SHARE_BUTTON = (
    r"(?i:link\s+kopieren|copy\s+(?:the\s+)?link|copier\s+(?:le\s+)?lien|copiar\s+(?:el\s+)?enlace|e-?mail|"
    r"drucken|print|imprimer|imprimir|mail)"
)
_SHARE_ITEM = r"(?:[A-ZÀ-ÖØ-Þ][\w'’.+-]*|" + _SHARE_BUTTON + r")"
_SHARE_PLATFORMS = (
    _SHARE_ITEM + r"(?:[ \t]*(?:,|/|&|\||·|•|\+|or|ou|oder|o|and|et|und|y)?[ \t]*" + _SHARE_ITEM + r"){0,7}"
)
_SHARED_THING = (
    r"(?i:article|story|post|page|piece|report|newsletter|issue|reportage|papier|lettre|info|Artikel|Beitrag|"
    r"Text|Newsletter|Ausgabe|Bericht|artículo|noticia|reportaje|boletín|publicación|información)"
)
SHARE_PROMO = re.compile(
    r"(?:^|(?<=[.!?:|·•—–])[ \t]*)[ \t]*[(\[]?(?:"
    r"(?:Share|Partagez|Partager|Partage|Teilen\s+Sie|Teile|Teilen|Comparte|Compartir|Comparta|Compártel[oa])\s+"
    r"(?i:this|cet|cette|ce|diesen|diese|dieses|este|esta)\s+(?:[\w-]+\s+)?"
    + _SHARED_THING
    + r"(?:\s+(?:with\s+(?:your\s+)?\w+|avec\s+(?:vos\s+)?\w+|mit\s+(?:Ihren\s+)?\w+|con\s+(?:tus\s+)?\w+))?"
    r"\s*(?:[:：]|(?i:on|via|by|sur|par|auf|über|per|bei|en|por|a\s+través\s+de))\s*[A-ZÀ-ÖØ-Þ]|"
    r"(?:(?:Share|Partager|Teilen|Compartir)(?:\s+(?:(?i:the|l['’]|el|la|den)\s*)?"
    + _SHARED_THING
    + r")?|(?:(?:Diesen|Dieses|Diese|Den|Das|Die)\s+)?(?:Artikel|Beitrag|Text|Seite|Story|Video)\s+teilen)"
    r"\s*(?:(?i:on|via|sur|auf|über|per|en))?\s*[:：]?\s+" + _SHARE_PLATFORMS + r"\s*[.!]?\s*(?:$|(?=[|·•]))"
    r")"
)
# A newsletter's or a show's sponsor: "This newsletter is sponsored by X", "Today's issue is presented by X",
# "Cette lettre est parrainée par X", "Ce podcast est réalisé en partenariat avec X", "Dieser Newsletter wird
# präsentiert von X", "Diese Ausgabe entsteht mit freundlicher Unterstützung von X", "Este boletín cuenta con
# el patrocinio de X", "Esta edición está patrocinada por X"; or the label alone, opening a segment and
# followed by names only ("Presented by X", "Sponsored by X |", "En partenariat avec X", "Mit freundlicher
# Unterstützung von X", "Patrocinado por X"). The outlet's own furniture: a story names a sponsor in other
# shapes ("IBM sponsored the hackathon", "the event, sponsored by Nvidia, drew 3,000 people", "In
# partnership with Google, the city will ...").
_SPONSORED_THING = (
    r"(?:newsletter|briefing|issue|edition|podcast|episode|column|series|digest|bulletin|dispatch|"
    r"lettre|infolettre|édition|numéro|épisode|chronique|série|rubrique|"
    r"Newsletter|Briefing|Ausgabe|Podcast|Folge|Kolumne|Serie|Rubrik|"
    r"boletín|edición|número|pódcast|episodio|columna|serie|sección)"
)
_SPONSOR_LABEL = (
    r"(?:(?:sponsored|presented|supported|underwritten|powered)\s+by|brought\s+to\s+you\s+by|"
    r"in\s+(?:partnership|association|collaboration)\s+with|"
    r"(?:parrainée?|sponsorisée?|présentée?|soutenue?|proposée?|offerte?)\s+par|"
    r"(?:en|réalisée?\s+en)\s+partenariat\s+avec|avec\s+le\s+soutien\s+d[e'’]|"
    r"(?:präsentiert|gesponsert|unterstützt|ermöglicht|gefördert)\s+(?:von|durch)|"
    r"mit\s+(?:freundlicher\s+)?Unterstützung\s+(?:von|der|des)|in\s+(?:Zusammenarbeit|Kooperation)\s+mit|"
    r"(?:patrocinad[oa]|presentad[oa]|ofrecid[oa])\s+por|con\s+el\s+(?:patrocinio|apoyo)\s+de|"
    r"en\s+(?:colaboración|alianza)\s+con)"
)
SPONSOR_PROMO = re.compile(
    r"(?:(?<!\w)(?:"
    r"(?:this|today['’]s|this\s+week['’]s|our|cette|ce|cet|notre|dieser|diese|dieses|unser|unsere|este|esta|"
    r"nuestro|nuestra)\s+(?:[\w-]+\s+){0,2}?" + _SPONSORED_THING + r"\s+"
    r"(?:(?:is|was|has\s+been|comes\s+to\s+you|est|vous\s+est|a\s+été|wird|ist|erscheint|entsteht|está|es|ha\s+sido|"
    r"llega|se\s+publica|se\s+realiza)\s+(?:(?:proudly|kindly|generously|Ihnen)\s+)?" + _SPONSOR_LABEL + "|"
    r"cuenta\s+con\s+el\s+(?:patrocinio|apoyo)\s+de|(?:es\s+posible|llega)\s+gracias\s+a|"
    r"wird\s+(?:Ihnen\s+)?von\s+(?-i:" + _OUTLET_NAME + r")\s+(?:präsentiert|gesponsert|unterstützt|"
    r"ermöglicht))"
    r")|(?:^|(?<=[.!?:|·•—–])[ \t]*)[ \t]*" + _SPONSOR_LABEL + r"\s+(?-i:" + _OUTLET_NAME + r")"
    r"\s*[.!]?\s*(?:$|(?=[|·•])))",
    re.IGNORECASE,
)
# The page asking the reader to sign in, interface text: "Sign in with Google to comment", "Log in with your
# Google account", "To comment, please log in", « Connectez-vous avec votre compte Google pour commenter »,
# „Melden Sie sich mit Ihrem Google-Konto an, um zu kommentieren“, "Inicia sesión con tu cuenta de Google o
# con tu correo electrónico para comentar en este directo", "You must be logged in to post a comment". The
# line opens with the request, addressed to the reader (SIGN_IN_VERB), and says with what account or what for
# (SIGN_IN_WHY: your account, to comment, to continue reading, to follow the live blog), or opens with what
# for ("Pour commenter, connectez-vous"). A story about signing in reports it ("OpenAI now lets users sign in
# with Google", "Sign in with Apple is now required, Apple said"), and a how-to's step goes on to the next one
# ("Log in with your Google account, then open Gemini": SIGN_IN_STEPS).
_SIGN_IN_VERB = (
    r"(?:(?:please\s+)?(?:sign|log)\s*(?:in|on)|sign\s+up|register|create\s+(?:a\s+(?:free\s+)?|an\s+)?account|"
    r"you\s+(?:must|need\s+to|have\s+to)\s+(?:be\s+)?(?:signed|logged)\s+in|"
    r"(?:veuillez\s+)?(?:connectez-vous|identifiez-vous|inscrivez-vous|vous\s+(?:connecter|identifier|inscrire))|"
    r"vous\s+devez\s+(?:être\s+(?:connectée?s?|identifiée?s?|inscrite?s?|abonnée?s?)|vous\s+(?:connecter|identifier))|"
    r"(?:bitte\s+)?(?:(?:melden|loggen)\s+Sie\s+sich|registrieren\s+Sie\s+sich|einloggen|anmelden|registrieren)|"
    r"(?:melde|logge)\s+dich|Sie\s+müssen\s+(?:sich\s+)?(?:angemeldet|eingeloggt|registriert|anmelden|einloggen)|"
    r"inici[ae]\s+sesión|identifíca(?:te|se)|regístra(?:te|se)|acced[ea]|"
    r"(?:debes|debe|tienes\s+que|tiene\s+que|necesitas|necesita)\s+(?:iniciar\s+sesión|identificarte|identificarse|"
    r"registrarte|registrarse|estar\s+registrad[oa]))(?!\w)"
)
_SIGN_IN_WHY = (
    r"(?:your\s+(?:[\w-]+\s+)?account|votre\s+compte|Ihr(?:em|en)?\s+(?:[\w-]+-)?(?:Konto|Account)|"
    r"(?:tu|su)\s+cuenta|"
    r"to\s+(?:comment|post|reply|continue|keep\s+reading|read\s+(?:on|more|the)|join|participate|follow)|"
    r"pour\s+(?:commenter|réagir|continuer|lire|poursuivre|participer|suivre|publier|répondre)|"
    r"um\s+(?:[\w-]+\s+){0,3}?(?:zu\s+kommentieren|weiterzulesen|zu\s+lesen|mitzudiskutieren|zu\s+folgen|zu\s+antworten)|"
    r"para\s+(?:comentar|seguir\s+leyendo|continuar|leer|participar|seguir|responder|opinar))(?!\w)"
)
SIGN_IN_PROMPT = re.compile(
    r"^[ \t]*[(\[]?[ \t]*(?:"
    + _SIGN_IN_VERB
    + r"[^.!?\n]{0,120}?(?<!\w)"
    + _SIGN_IN_WHY
    + r"|"
    + _SIGN_IN_WHY
    + r"[^.!?\n]{0,40}?,[ \t]*"
    + _SIGN_IN_VERB
    + r")",
    re.IGNORECASE,
)
SIGN_IN_STEPS = re.compile(
    r"(?<!\w)(?:then|next|and\s+(?:open|tap|click|select|go\s+to)|puis|ensuite|et\s+(?:ouvrez|cliquez|allez|"
    r"sélectionnez|appuyez)|dann|danach|anschließend|und\s+(?:öffnen|tippen|klicken|wählen|gehen)|luego|después|"
    r"y\s+(?:abre|pulsa|toca|haz|selecciona|ve\s+a))(?!\w)",
    re.IGNORECASE,
)
# A cheap first test for SIGN_IN_PROMPT: a piece of each request (in the promotion hints' matcher).
_SIGN_IN_HINTS = ("ign in", "ign on", "og in", "og on", "ogin", "ign up", "egist", "reate a", "igned in",
                  "ogged in", "onnect", "dentifi", "nscri", "elden Sie sich", "oggen Sie sich", "inloggen",
                  "nmelden", "elde dich", "ogge dich", "ngemeldet", "ingeloggt", "sesión", "dentifíca",
                  "egístra", "ccede", "cceda")  # fmt: skip
_SIGN_IN = 8


def _sign_in(line: str) -> re.Match[str] | None:
    """SIGN_IN_PROMPT, not a how-to's step (SIGN_IN_STEPS)."""
    m = SIGN_IN_PROMPT.match(line)
    return m if m is not None and SIGN_IN_STEPS.search(line) is None else None


# The outlet asking the reader to contact it ("Got a story? Message us on Facebook or email news@...",
# "Contact us on WhatsApp", « Écrivez-nous sur Instagram », „Schreiben Sie uns auf Facebook“, "Escríbenos por
# WhatsApp"), promoting its own content on a platform ("Find all our recipes on Instagram", « retrouvez toutes
# nos recettes sur Instagram et Pinterest », „Finden Sie alle unsere Rezepte auf Instagram“, "Encuentra todas
# nuestras recetas en Instagram") or all its news ("Catch all the Business News, Opinion and Latest Updates
# here", « Retrouvez toute l'actualité tech sur ... », „Alle aktuellen Nachrichten finden Sie hier“, "Consulta
# todas las noticias de economía aquí"), or asking for the reader's pictures under its hashtag ("Share your
# photos with the hashtag #x", « Partagez vos photos avec le mot-clé #x »). Page furniture, each an imperative
# opening a sentence (or after "and"), the English contact saying how ("... us on", "... us at", "... us your
# story"); a story reports such requests ("Meta asked users to message it on WhatsApp", "Die Kunden schreiben
# uns auf Facebook", "They tell us Google is late"), and an idiom says no how ("Call us old-fashioned, but
# ...").
_CONTACT_REQUESTS = (
    # Contact: "Message us on Facebook", "Email us at ...", « Écrivez-nous », „Schreiben Sie uns“,
    # "Escríbenos".
    r"(?:(?i:please)\s+)?(?i:message|contact|e-?mail|text|call|tell|write\s+to|send|reach|DM)\s+us"
    r"(?:\s+(?i:on|at|via|by|through|in|your|a|an|with)(?!\w)|\s*(?:[:,.!]|$))",
    r"(?i:get\s+in\s+touch)(?:\s+(?i:with\s+us))?\s+(?i:on|via|by|at)(?!\w)",
    r"(?i:écrivez|contactez|envoyez|signalez|racontez|joignez)-nous(?!\w)",
    r"(?i:schreiben|kontaktieren|schicken|senden|mailen)\s+Sie\s+uns(?!\w)",
    r"(?i:melden|wenden)\s+Sie\s+sich\s+(?i:bei\s+uns|an\s+(?:uns|die\s+Redaktion|unsere\s+Redaktion))(?!\w)",
    r"(?i:escríb[ae]nos|contáct[ae]nos|enví[ae]nos|mánd[ae]nos|cuént[ae]nos|llám[ae]nos)(?!\w)",
    # Its own content on a platform: "Find all our recipes on Instagram", « Retrouvez toutes nos recettes sur
    # Instagram », „Finden Sie alle unsere Rezepte auf Instagram“, "Encuentra todas nuestras recetas en X".
    r"(?i:find|see|watch|follow|discover|get|read|browse)\s+(?i:all\s+|more\s+(?:of\s+)?)?(?i:our)\s+"
    r"(?:[\w-]+\s+){1,2}?(?i:on|at)\s+[A-ZÀ-ÖØ-Þ]",
    r"(?i:retrouvez|découvrez|suivez|regardez|lisez)\s+(?i:aussi\s+|également\s+)?(?i:toutes\s+|tous\s+)?(?i:nos)\s+"
    r"(?:[\w'’-]+\s+){1,2}?(?i:sur)\s+[A-ZÀ-ÖØ-Þ]",
    r"(?i:finden|sehen|entdecken|lesen)\s+Sie\s+(?i:auch\s+)?(?i:alle\s+)?(?i:unsere)\s+(?:[\w-]+\s+){1,2}?"
    r"(?i:auf|bei)\s+[A-ZÀ-ÖØ-Þ]",
    r"(?i:alle\s+)?(?i:unsere)\s+(?:[\w-]+\s+){1,2}?(?i:finden|sehen|lesen)\s+Sie\s+(?i:auch\s+)?(?i:auf|bei)\s+"
    r"[A-ZÀ-ÖØ-Þ]",
    r"(?i:encuentra|encuentre|descubre|descubra|sigue|siga|mira|mire|lee|lea)\s+(?i:también\s+)?"
    r"(?i:todas\s+|todos\s+)?(?i:nuestr[oa]s)\s+(?:[\w-]+\s+){1,2}?(?i:en)\s+[A-ZÀ-ÖØ-Þ]",
    # All its news: "Catch all the Business News ... here", « Retrouvez toute l'actualité ... ici », „Alle
    # aktuellen Nachrichten finden Sie hier“, "Consulta todas las noticias ... aquí".
    r"(?i:catch|get|read|find|follow)\s+(?i:all\s+the|the\s+latest)\s+[^.!?\n]{0,80}?"
    r"(?i:news|updates|stories|headlines)(?!\w)[^.!?\n]{0,40}?\s(?:(?i:here)(?!\w)|(?i:on|at)\s+[A-ZÀ-ÖØ-Þ])",
    r"(?i:retrouvez|suivez|lisez)\s+(?i:toute\s+l['’]\s?actualité|toutes\s+les\s+(?:infos|actualités|informations|"
    r"actus))[^.!?\n]{0,80}?\s(?:(?i:ici)(?!\w)|(?i:sur)\s+[A-ZÀ-ÖØ-Þ])",
    r"(?i:alle)\s+(?i:aktuellen\s+|wichtigen\s+)?(?i:Nachrichten|News|Meldungen)[^.!?\n]{0,60}?\s"
    r"(?i:finden|lesen)\s+Sie\s+(?:(?i:hier)(?!\w)|(?i:auf|bei)\s+[A-ZÀ-ÖØ-Þ])",
    r"(?i:consulta|lee|sigue|encuentra|descubre)\s+(?i:todas\s+las\s+(?:noticias|novedades)|toda\s+la\s+actualidad|"
    r"las\s+últimas\s+noticias)[^.!?\n]{0,80}?\s(?:(?i:aquí)(?!\w)|(?i:en)\s+[A-ZÀ-ÖØ-Þ])",
    # The reader's pictures under its hashtag: "Share your photos with the hashtag #x", « Partagez vos photos
    # avec le mot-clé #x ».
    r"(?i:share|post|tag|partagez|publiez|postez|teilen\s+Sie|posten\s+Sie|comparte|compartan|publica|sube)\s+"
    r"(?i:your|vos|Ihre|tus|sus)\s+[\w-]+(?:\s+[\w-]+)?\s+(?i:with|using|under|avec|sous|mit|unter|con|bajo)\s+"
    r"(?:(?i:the|our|le|notre|dem|unserem|el|nuestro)\s+)?(?:(?i:hashtag|mot-clé|mot-dièse|etiqueta)\s+)?#\w",
)
CONTACT_PROMO = re.compile("(?:" + "|".join(_CONTACT_REQUESTS) + ")")
# Where an imperative may open: the line's start, after a sentence's or a segment's end, or after "and" ("...
# Partagez vos photos ... et retrouvez toutes nos recettes sur Instagram"). CONTACT_PROMO is matched there
# only (a search with these as lookbehinds tried them at every position, several times slower).
_LINE_OPENING = re.compile(r"[ \t]*[(\[]?[ \t]*")
_IMPERATIVE_START = re.compile(r"[.!?:;|·•] +| (?:and|or|et|ou|und|oder|y|o) ")


def _contact_promo(line: str) -> re.Match[str] | None:
    """CONTACT_PROMO opening the line, a sentence or a segment, or after "and"."""
    m = CONTACT_PROMO.match(line, _LINE_OPENING.match(line).end())  # type: ignore[union-attr]
    if m is None:
        for start in _IMPERATIVE_START.finditer(line):
            if m := CONTACT_PROMO.match(line, start.end()):
                break
    return m


# CONTACT_PROMO's cheap first test: a piece of each request, its verb's end with the next word ("ee our" for
# "see our", "etrouvez toutes" for « retrouvez toutes »): "our", « nos », "unsere", "nuestras" alone are in
# too many of a story's lines.
_CONTACT_HINTS = (
    *(
        verb + " us" + end
        for verb in ("essage", "ontact", "mail", "ext", "all", "ell", "rite to", "end", "each", "DM")
        for end in (" ", ",", ".", ":", "!")
    ),
    "in touch", "z-nous", "Sie uns", "ich bei uns", "ich an uns", "ich an die Redaktion",
    "ich an unsere Redaktion", "íbenos", "íbanos", "áctanos", "áctenos", "íanos", "íenos", "ándanos",
    "ándenos", "éntanos", "éntenos", "ámanos", "ámenos",
    *(
        verb + " " + after
        for verb in ("ind", "ee", "atch", "ollow", "iscover", "et", "ead", "rowse")
        for after in ("all our", "our", "more of our", "more our", "all the", "the latest")
    ),
    *(
        verb + " " + after
        for verb in ("etrouvez", "écouvrez", "uivez", "egardez", "isez")
        for after in ("nos", "toutes", "tous", "aussi", "également", "toute")
    ),
    "Sie unsere", "Sie alle unsere", "Sie auch unsere", "Sie auch alle unsere", "finden Sie auf",
    "finden Sie bei", "sehen Sie auf", "sehen Sie bei", "lesen Sie auf", "lesen Sie bei", "Sie auch auf",
    "Sie auch bei", "finden Sie hier", "lesen Sie hier",
    *(
        verb + " " + after
        for verb in ("ncuentra", "ncuentre", "escubre", "escubra", "igue", "iga", "ira", "ire", "ee", "ea",
                     "onsulta")
        for after in ("nuestr", "todas", "todos", "también nuestr", "también todas", "también todos",
                      "toda la", "las últimas")
    ),
    "#",
)  # fmt: skip
# Cheap first tests for SHARE_PROMO and SPONSOR_PROMO.
_SHARE_HINTS = ("Share", "Partag", "Teile", "Compart", "Compárt", " teilen")
_SPONSOR_HINTS = ("ponsor", "atrocin", "arrain", "resent", "résent", "räsent", "rought to you", "artenariat",
                  "artnership", "nterstützung", "usammenarbeit", "ooperation", "olaboración", "upported",
                  "owered", "nderwritten", "soutien", "apoyo", "gracias a", "rmöglicht", "efördert",
                  "ssociation", "ollaboration", "roposé", "fferte", "frecid", "lianza")  # fmt: skip
# OUTLET_PROMO's cheap first test: the newsroom's word, or a call to follow opening a sentence.
_OUTLET_PROMO_HINTS = ("edakt", "édaction", "edacci", "ewsroom", "Follow ", "Find ", "Join ", "Suivez ",
                       "Retrouvez ", "Rejoignez ", "Folgen Sie ", "Finden Sie ", "Sigue a ", "Siga a ",
                       "Seguid a ", "Encuentra a ")  # fmt: skip
# OWN_PROMO's cheap first test (on every short line): a piece of every opening of OWN_PROMO.
_OWN_PROMO_HINTS = (" our ", "Our ", "otre ", "nos ", "nser", "uestr", "-nous", " us", " uns ", "íg")
# Which promotion patterns a line may hold, as bits: the cheap first tests (OWN_PROMO, OUTLET_PROMO,
# SHARE_PROMO or SPONSOR_PROMO, SIGN_IN_PROMPT, CONTACT_PROMO) in one pass of a multi-pattern matcher (a
# substring test per hint cost three times as much on every short line).
_OWN, _OUTLET, _SHARE_SPONSOR, _CONTACT = 1, 2, 4, 16
_PROMO_HINTS = ahocorasick.Automaton()
for _bit, _hints in (
    (_OWN, _OWN_PROMO_HINTS),
    (_OUTLET, _OUTLET_PROMO_HINTS),
    (_SHARE_SPONSOR, (*_SHARE_HINTS, *_SPONSOR_HINTS)),
    (_SIGN_IN, _SIGN_IN_HINTS),
    (_CONTACT, _CONTACT_HINTS),
):
    for _hint in _hints:
        _PROMO_HINTS.add_word(_hint, _PROMO_HINTS.get(_hint, 0) | _bit)
_PROMO_HINTS.make_automaton()


def _promo_kinds(line: str) -> int:
    """The bits of the promotion patterns whose cheap first test ``line`` passes (0: none)."""
    kinds = 0
    for _, bit in _PROMO_HINTS.iter(line):
        kinds |= bit
    return kinds


_PROMO_QUOTES = re.compile(r"[\"«»“”„]")
# The name of the outlet's show or newsletter in quotes, right after the word for it ("notre podcast
# « Octets »", "our newsletter “The Download”"): a title, not a quote.
_PROMO_TITLE = re.compile(r"[ \t]*[«\"“„][ \t]*[^«»\"“”„\n.!?]{1,40}?[ \t]*[»\"”“]")

# A newsletter's footer, by its own markers: the links to leave or manage the subscription as a segment
# of their own ("Unsubscribe | Manage preferences", "Se désabonner | Gérer mes préférences", "Abmelden",
# "Darse de baja") or a sentence opening with them ("To unsubscribe, click here", "Pour vous désabonner,
# ...", "Um sich abzumelden, ...", "Para darte de baja, pulsa aquí"); why the reader gets it ("You are
# receiving this because ...", "Vous recevez ce courriel car ...", "Sie erhalten diesen Newsletter, weil
# ...", "Recibes este correo porque ..."); the question to a reader it was forwarded to ("Forwarded this
# by a colleague?", "Cette lettre vous a été transférée ?", "Wurde Ihnen dieser Newsletter
# weitergeleitet?", "¿Te han reenviado este correo?"). A closing line that holds one is the footer,
# whatever else it promotes ("... Watch our weekly explainer on YouTube. Unsubscribe"). A story about
# the feature has none of these shapes ("Gmail adds a one-click unsubscribe button", "Google said
# users could unsubscribe from ...", "An employee forwarded this email to regulators.").
_SEGMENT_START = r"(?:^|(?<=[|·•.!?:])|(?<=[|·•.!?:]\s))\s*"
NEWSLETTER_FOOTER = re.compile(
    _SEGMENT_START
    + r"(?:(?:unsubscribe|manage\s+(?:your\s+|my\s+|email\s+)?(?:preferences|subscriptions?|settings)|"
    r"update\s+(?:your\s+)?preferences|se\s+désabonner|se\s+désinscrire|désinscription|désabonnement|"
    r"gérer\s+(?:mes|vos)\s+(?:préférences|abonnements?|inscriptions?)|(?:vom\s+)?(?:Newsletter\s+)?abmelden|"
    r"(?:Newsletter\s+)?abbestellen|Einstellungen\s+(?:verwalten|ändern)|darse\s+de\s+baja|darte\s+de\s+baja|"
    r"date\s+de\s+baja|cancelar\s+(?:la\s+)?suscripción|gestionar\s+(?:mis\s+|tus\s+|las\s+)?preferencias)"
    r"\s*[.!]?\s*(?=$|[|·•])|"
    r"(?:to\s+unsubscribe|pour\s+(?:vous|se)\s+(?:désabonner|désinscrire)|um\s+(?:sich|den\s+Newsletter)\s+"
    r"ab(?:zumelden|zubestellen)|zum\s+Abbestellen|para\s+(?:darte|darse|date)\s+de\s+baja)(?!\w))|"
    r"(?<!\w)(?:you(?:['’]re|\s+are)\s+receiving\s+this|vous\s+recevez\s+(?:ce|cet|cette)\s+(?:courriel|e-?mail|"
    r"message|lettre|newsletter)|Sie\s+erhalten\s+(?:diese[nr]?)\s+(?:E-?Mail|Newsletter|Nachricht)|"
    r"recib(?:es|e)\s+(?:este|esta)\s+(?:correo|boletín|e-?mail|mensaje|newsletter)|"
    r"(?:forwarded\s+(?:this|to\s+you)|vous\s+a\s+été\s+transférée?|on\s+vous\s+a\s+transféré|"
    r"(?:Ihnen|dir)\s+[^.!?\n]{0,40}?weitergeleitet)[^.!?\n]{0,40}\?|"
    r"¿\s*(?:te|le|os|les)\s+(?:han\s+reenviado|reenviaron|reenvió))",
    re.IGNORECASE,
)
# A cheap first test for NEWSLETTER_FOOTER: a piece of each marker, in either case of its first letter.
_FOOTER_HINTS = (
    "nsubscri",
    "preferen",
    "référen",
    "ésabonn",
    "ésinscri",
    "bmelden",
    "bzumelden",
    "bestellen",
    "instellungen",
    "de baja",
    "uscripci",
    "eceiving this",
    "ous recevez",
    "rhalten diese",
    "ecibe",
    "orwarded",
    "ransféré",
    "weitergeleitet",
    "eenvi",
)
# The closing lines, where a newsletter's footer stands, and the longest paragraph it has.
_FOOTER_LINES = 3
_FOOTER_MAX_CHARS = 300

# The label of a disclosure note, up to its colon: "Disclosure:", "Full disclosure:",
# "Transparency note:", "Note de transparence :", "Liens d'intérêts :", "Transparenzhinweis:",
# "Hinweis zur Transparenz:", "In eigener Sache:", "Nota de transparencia:", "Divulgación:".
_DISCLOSURE_WORD = (
    r"(?:(?:full\s+)?disclosures?|transparen(?:cy|ce|cia|z(?:hinweis)?)|conflicts?\s+of\s+interests?|"
    r"déclarations?\s+d['’]\s?intérêts?|liens\s+d['’]\s?intérêts?|offenlegung|interessenkonflikte?|"
    r"(?:hinweis\s+)?in\s+eigener\s+sache|divulgación|conflictos?\s+de\s+intereses?|declaración\s+de\s+intereses)"
)
DISCLOSURE_LABEL = re.compile(
    r"(?:(?:note|notice|nota|aviso|hinweis|notiz|ethics|a)\s+(?:(?:de|d['’]|of|on|zur|sobre|la|del)\s+)?)?"
    + _DISCLOSURE_WORD
    + r"(?:\s+(?:note|notice|statement|policy|hinweis|nota|aviso))?\s*[:：]",
    re.IGNORECASE,
)
# A disclosure in brackets, anywhere: "(Disclosure: the author owns shares in Nvidia.)".
DISCLOSURE_INLINE = re.compile(
    r"[\(\[]\s*" + DISCLOSURE_LABEL.pattern + r"[^\)\]\n]{1,300}[\)\]]", re.IGNORECASE
)
# An editor's note that discloses a tie of the outlet: "Editor's note: our parent company has a
# licensing deal with OpenAI", "Note de la rédaction : notre groupe a signé un partenariat avec
# Mistral AI", "Anmerkung der Redaktion: …", "Nota de la redacción: …".
EDITOR_NOTE = re.compile(
    r"^\s*[*_—–(\[-]?\s*(?:editor['’]?s['’]?\s+note|note\s+(?:de\s+la\s+rédaction|de\s+l['’]\s?éditeur)|n\.?d\.?l\.?r\.?|"
    r"anmerkung\s+der\s+redaktion|hinweis\s+der\s+redaktion|nota\s+(?:de\s+la\s+redacción|del\s+editor|"
    r"de\s+la\s+editorial))\s*[:：]",
    re.IGNORECASE,
)
# A correction or clarification of the article: editorial furniture, usually at its end or its start, a note
# (kind "byline", like the outlet's other notes). Under a correction's label ("Correction:", "Clarification:",
# "Correction, May 12:", « Rectificatif : », « Erratum : », „Korrektur:“, „Berichtigung:“, "Fe de errores:",
# "Corrección:", "Aclaración:") with the article's error in it (CORRECTION_BODY: an earlier version of this
# article, "incorrectly", « par erreur », „fälschlicherweise“, "por error"); or opened by the earlier version
# itself, under a note's label or none (CORRECTION_OPENING: "An earlier version of this article misstated
# ...", « Une version précédente de cet article indiquait ... », „In einer früheren Version dieses Artikels
# hieß es ...“, "Una versión anterior de esta información incluía ...", "This article has been corrected to
# ..."). A story's correction is neither: "Nvidia issued a correction to its guidance", „Korrektur: Die Aktie
# fiel um zehn Prozent“ (a market's, with no error of the article), "un 40 % más barato que la versión
# anterior".
_CORRECTION_WORD = (
    r"(?:corrections?|clarifications?|errat(?:um|a)|correctif|rectificatif|rectification|"
    r"korrektur(?:hinweis)?|berichtigung|richtigstellung|klarstellung|"
    r"fe\s+de\s+(?:errores|erratas)|correcci(?:ón|ones)|aclaraci(?:ón|ones)|rectificaci(?:ón|ones)|erratas?)"
)
_EARLIER_VERSION = (
    r"(?:(?:in\s+)?(?:an?|the)\s+(?:earlier|previous|prior|original)\s+version\s+of\s+this\s+"
    r"(?:article|story|report|post|piece|newsletter|column|item)|"
    r"this\s+(?:article|story|report|post|piece)\s+(?:has\s+been|was)\s+(?:corrected|amended|updated\s+to\s+correct)|"
    r"(?:dans\s+)?(?:une|la)\s+(?:(?:précédente|première|ancienne)\s+version|version\s+(?:précédente|antérieure|"
    r"initiale))\s+de\s+(?:cet|cette|ce|notre)\s+(?:article|texte|papier|dépêche|information|chronique|reportage)|"
    r"(?:cet|cette|ce)\s+(?:article|dépêche|information|texte)\s+a\s+été\s+(?:corrigée?|rectifiée?|modifiée?)|"
    r"(?:in\s+)?(?:einer|der|eine|die)\s+(?:früheren|vorherigen|ersten|älteren|ursprünglichen|frühere|vorherige|"
    r"erste|ältere|ursprüngliche)\s+(?:Version|Fassung)\s+(?:dieses|des|unseres)\s+(?:Artikels|Textes|Beitrags|"
    r"Berichts)|"
    r"(?:dieser|der|unser)\s+(?:Artikel|Text|Beitrag|Bericht)\s+wurde\s+(?:korrigiert|berichtigt|geändert)|"
    r"(?:en\s+)?(?:una|la)\s+versi[oó]n\s+(?:anterior|previa|original|inicial)\s+de\s+(?:esta|este)\s+"
    r"(?:información|noticia|artículo|texto|crónica|nota|reportaje)|"
    r"(?:esta|este)\s+(?:información|noticia|artículo|texto)\s+(?:ha\s+sido|fue|se\s+ha)\s+"
    r"(?:corregid[oa]|rectificad[oa]|modificad[oa]))(?!\w)"
)
CORRECTION_LABEL = re.compile(
    r"^\s*[*_—–(\[-]?\s*" + _CORRECTION_WORD + r"(?:[ \t]*[,(–—-][^:：\n]{1,30}?)?[ \t]*[:：]", re.IGNORECASE
)
CORRECTION_BODY = re.compile(
    r"(?<!\w)(?:" + _EARLIER_VERSION + r"|incorrectly|erroneously|mistakenly|wrongly|misstated|misidentified|"
    r"misspelled|misquoted|misattributed|in\s+error|par\s+erreur|à\s+tort|erronément|de\s+manière\s+erronée|"
    r"fälschlich(?:erweise)?|irrtümlich(?:erweise)?|versehentlich|por\s+error|erróneamente|equivocadamente|"
    r"de\s+forma\s+errónea)(?!\w)",
    re.IGNORECASE,
)
CORRECTION_OPENING = re.compile(
    r"^\s*[*_—–(\[-]?\s*(?:(?:(?:editor['’]?s['’]?\s+)?note|update|updated|n\.?d\.?l\.?r\.?|note\s+de\s+la\s+rédaction|"
    r"mise\s+à\s+jour|précision|anmerkung(?:\s+der\s+redaktion)?|hinweis(?:\s+der\s+redaktion)?|aktualisierung|"
    r"nota(?:\s+de\s+la\s+redacción|\s+del\s+editor)?|actualización|aviso)"
    r"(?:[ \t]*[,(–—-][^:：\n]{1,30}?)?[ \t]*[:：]\s*)?" + _EARLIER_VERSION,
    re.IGNORECASE,
)
# Cheap first tests: the first letters of the line (lower case, after a bullet or bracket) of a label (tried
# on every line) or of an opening with no label (only on the first and last lines, where corrections stand:
# "The", "Der", "Una" open too many of the story's lines).
_CORRECTION_LABEL_STARTS = frozenset((
    "corr", "clar", "erra", "rect", "korr", "beri", "rich", "klar", "fe d", "acla", "edit", "note", "n.d.",
    "ndlr", "nota", "anme", "hinw", "upda", "mise", "préc", "aktu", "actu", "avis",
))  # fmt: skip
_CORRECTION_OPENING_STARTS = frozenset((
    "an e", "an o", "a pr", "the ", "this", "in a", "in t", "une ", "la v", "la p", "dans", "cet ", "cett",
    "ce t", "in e", "in d", "eine", "der ", "die ", "dies", "unse", "una ", "en u", "en l", "esta", "este",
))  # fmt: skip
_CORRECTION_EDGE_LINES = 4
_CORRECTION_MAX_CHARS = 500
# A cheaper first test still, on the line as written: its first two characters. Unless the line opens with
# a character `lstrip` takes (_CORRECTION_STRIP), the key above is ``line[:4].lower()``, and a key in the
# sets has as its first two characters the lower case of the line's first two: each is one of the key's
# letters as written, in upper case, or the Kelvin sign (lower case "k"; tests/test_boilerplate.py checks
# that no other character has such a lower case; "İ" lowers to two and makes a key of five, in no set).
_CORRECTION_STRIP = frozenset(" \t*_—–([-")


def _case_variants(c: str) -> set[str]:
    return {c, c.upper(), *(("\u212a",) if c == "k" else ())}


def _heads(starts: frozenset[str]) -> frozenset[str]:
    return frozenset(a + b for s in starts for a in _case_variants(s[0]) for b in _case_variants(s[1]))


_CORRECTION_LABEL_HEADS = _heads(_CORRECTION_LABEL_STARTS)
_CORRECTION_EDGE_HEADS = _CORRECTION_LABEL_HEADS | _heads(_CORRECTION_OPENING_STARTS)


def _correction_head(line: str, edge: bool) -> bool:
    """Whether the line may be a correction (``_correction_note``) by its first two characters."""
    return line[:2] in (_CORRECTION_EDGE_HEADS if edge else _CORRECTION_LABEL_HEADS) or (
        line[:1] in _CORRECTION_STRIP
    )


def _correction_note(line: str, edge: bool = True) -> bool:
    """A correction or clarification of the article (CORRECTION_LABEL with CORRECTION_BODY, or
    CORRECTION_OPENING). `edge`: the line is among the text's first or last lines (an opening with no label
    is looked for there only)."""
    if len(line) > _CORRECTION_MAX_CHARS or not _correction_head(line, edge):
        return False
    key = line.lstrip(" \t*_—–([-")[:4].lower()
    if key in _CORRECTION_LABEL_STARTS:
        label = CORRECTION_LABEL.match(line)
        if label is not None and CORRECTION_BODY.search(line, label.end()):
            return True
    elif not edge or key not in _CORRECTION_OPENING_STARTS:
        return False
    return CORRECTION_OPENING.match(line) is not None


# What the outlet or its author discloses: an agreement, a partnership, a licence, shares or a
# stake, an investment, sponsorship, a former job.
DISCLOSED_TIE = re.compile(
    r"(?<!\w)(?:agreements?|deals?|partnerships?|licen[cs](?:e|es|ing|ed)|contracts?|shares|stakes?|"
    r"invest(?:s|ed|ing|ment|ments|or|ors)?|sponsor(?:s|ed|ship)?|owns|funded|financed|"
    r"accords?|partenariats?|licences?|contrats?|actions|participations?|actionnaire|parrain\w*|financé\w*|"
    r"financement|Vereinbarung\w*|Partnerschaft\w*|Lizenz\w*|Kooperation\w*|Vertr(?:ag|äge)\w*|Aktien|"
    r"Anteile|Beteiligung\w*|beteiligt|gesponsert|finanziert|Finanzierung|acuerdos?|alianzas?|licencias?|"
    r"contratos?|acciones|participaci(?:ón|ones)|accionista|patrocin\w*|financiad[oa]s?|financiación|"
    r"inversi(?:ón|ones))(?!\w)",
    re.IGNORECASE,
)
# The outlet or the author speaking of itself, in a closing sentence with no label: "This
# newspaper's parent company has a licensing deal with OpenAI", "Le groupe éditeur de ce
# journal a signé un accord avec …", "Der Verlag dieser Zeitung hat eine Lizenzvereinbarung mit
# …", "El grupo editor de este periódico mantiene un acuerdo de licencia con OpenAI".
SELF_REFERENCE = re.compile(
    r"(?<!\w)(?:this\s+(?:newspaper|paper|publication|site|website|outlet|newsletter|magazine|podcast|newsroom)|"
    r"our\s+(?:parent\s+company|publisher|owner|newsroom|company)|the\s+(?:author|writer)\b|"
    r"(?:ce|notre)\s+(?:journal|média|site|quotidien|magazine|groupe)|cette\s+(?:publication|lettre|rédaction)|"
    r"notre\s+(?:rédaction|maison\s+mère|société\s+éditrice)|l['’]\s?(?:auteur|autrice)e?\b|"
    r"(?:diese[rsmn]?|unser\w*)\s+(?:Zeitung|Publikation|Website|Newsletters?|Mediums?|Magazins?|Blatt(?:es)?|"
    r"Verlag(?:es|s)?|Redaktion|Mutterkonzern\w*|Medienhaus\w*)|(?:der\s+Autor|die\s+Autorin)\b|"
    r"(?:este|nuestro)\s+(?:periódico|diario|medio|boletín|sitio|grupo)|esta\s+(?:publicación|cabecera|revista|web)|"
    r"(?:el|la)\s+(?:autora?|grupo\s+editor|empresa\s+editora)\b)",
    re.IGNORECASE,
)

# "By Jane Example", "Par Marie Exemple, avec AFP", "Von Max Beispiel", "Por Juan Ejemplo".
BYLINE = re.compile(r"^\s*(?:[Bb]y|[Pp]ar|[Vv]on|[Pp]or)\s+[A-ZÀ-ÖØ-Þ]")
# A note about the author, usually the last paragraph: "The author is a former engineer at
# IBM", "L'auteure, ancienne ingénieure chez Apple, ...", "Der Autor war Forscher bei ...",
# or a disclosure of the author's or the outlet's interests.
# A plain note label may open it: "Note: the author holds shares in …", "Hinweis: Der Autor hält
# Aktien von …", "Aviso: el autor de este análisis posee acciones de …" (the label alone says
# nothing: "Note: Nvidia shares rose" is the story).
_NOTE_LABEL = (
    r"(?:(?:editor['’]?s\s+)?note|notice|n\.\s?b\.?|p\.\s?s\.?|remarque|précision|avertissement|avis|"
    r"hinweis|anmerkung|notiz|nota|aviso|advertencia|aclaración)\s*[:：]\s*"
)
AUTHOR_NOTE = re.compile(
    r"^\s*[*_—–-]?\s*(?:" + _NOTE_LABEL + r")?(?:the\s+(?:author|writer)s?|about\s+the\s+(?:author|writer)s?|"
    r"l['’]\s?auteur(?:e|s)?|l['’]\s?autrice|"
    # A heading for the bio: "About the author:", "À propos de l'autrice :", "Über die Autorin:".
    # (with a colon or dash: "Über die Autorin ist wenig bekannt" is a sentence).
    r"(?:à\s+propos\s+de\s+l['’]\s?(?:auteur(?:e|s)?|autrice)|über\s+(?:den\s+autor|die\s+autorin|die\s+autoren))"
    r"(?=\s*[:：–—-])|"
    r"der\s+autor|die\s+autorin|zum\s+autor|zur\s+autorin|el\s+autor|la\s+autora|sobre\s+(?:el\s+autor|la\s+autora))\b"
    # ... but not "the author of the study", "l'auteur du rapport", "der Autor der Studie"
    # ("the author of this analysis" is a note).
    r"(?!,?\s+(?:of|de|du|des|d['’]|der|del)\s*(?!this\b|these\b|ce\b|cet\b|cette\b|ces\b|"
    r"dieses\b|dieser\b|este\b|esta\b|estos\b)\w)"
    # A disclosure about the author or the outlet: "Disclosure: the author holds shares in Apple",
    # "Offenlegung: …", "Nota de transparencia: el grupo editor mantiene un acuerdo con OpenAI".
    r"|^\s*[*_—–(\[-]?\s*" + DISCLOSURE_LABEL.pattern,
    re.IGNORECASE,
)
# ... but "the author(s)" is the story's when it is not the article's author (``_author_note``): an
# organisation's title ("The Authors Guild, which is suing OpenAI, ...", "The Writers Guild of America",
# "El Autor ..." in title case; German capitalises every noun, and "Der Autorenverband" is one word), or the
# authors of a study, a book or a suit reporting ("The authors said ...", "The authors cautioned that ...",
# "The writers, who sued Meta, argue ..."). A note about the author is about a person, in what they are or
# hold ("The author is ...", "The authors hold no shares ...").
STORY_AUTHORS = re.compile(
    r"^\s*[*_—–-]?\s*(?:"
    r"(?-i:(?:[Tt]he|[Ll]['’]\s?|[Ee]l|[Ll]a)\s*(?:Author|Writer|Auteur|Autrice|Autor|Autora)(?:e|s|es)?['’]?\s+"
    r"[A-ZÀ-ÖØ-Þ])|"
    r"the\s+(?:authors|writers)\b[^.!?\n]{0,80}?(?<!\w)(?:say|says|said|told|tell|argue|argues|argued|acknowledge|"
    r"acknowledged|caution|cautioned|call|called|warn|warned|conclude|concluded|found|find|estimate|estimated|"
    r"suggest|suggested|claim|claimed|reported|sued|sue|suing|accuse|accused|allege|alleged|contend|contended)(?!\w)"
    r")",
    re.IGNORECASE,
)


def _author_note(line: str) -> bool:
    """A note about the author (AUTHOR_NOTE), not the story's authors (STORY_AUTHORS)."""
    return AUTHOR_NOTE.match(line) is not None and STORY_AUTHORS.match(line) is None


# The closing line about the reporter: "Dana Example covers search. She previously worked at Microsoft.",
# "Marie Exemple couvre la tech", "Max Beispiel berichtet über Chips", "Ana Ejemplo cubre tecnología" (only as
# the article's last paragraph: elsewhere a name + "covers" is news). A closing paragraph that opens with the
# byline's name is a bio whatever it says ("Eine Kolumne von Lena Beispiel" ... "Lena Beispiel ist
# Informatikerin und forschte bei IBM."). A German role may be the last part of a compound, in lower case
# ("Wirtschaftskorrespondent", "Technikredakteurin", "Gastautor").
_REPORTER = (
    r"reporter|correspondent|editor|writer|columnist|journaliste|correspondante?|rédact(?:eur|rice)|"
    r"(?:[\w-]*)(?:Redakteur|Korrespondent|Reporter)(?:in)?|[\w-]+(?:redakteur|korrespondent|reporter)(?:in)?|"
    r"periodista|corresponsal|redactora?"
)
# The reporter may be named as the outlet's ("Our correspondent covers Silicon Valley", "Notre correspondante
# est journaliste à San Francisco", "Unser Autor ist Wirtschaftskorrespondent im Silicon Valley", "Nuestro
# corresponsal cubre Silicon Valley").
_OUR_REPORTER = (
    r"(?i:our|notre|unser(?:e|er)?|nuestr[oa])\s+(?i:author|writer|reporter|correspondent|columnist|auteur(?:e)?|autrice|"
    r"journaliste|correspondante?|chroniqueu(?:r|se)|Autor(?:in)?|Korrespondent(?:in)?|Reporter(?:in)?|Redakteur(?:in)?|"
    r"Kolumnist(?:in)?|autora?|corresponsal|periodista|columnista)"
)
AUTHOR_BIO = re.compile(
    r"^\s*[*_—–-]?\s*(?:[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+){1,2}|" + _OUR_REPORTER + r")\s+(?:"
    r"covers|writes\s+about|reports\s+on|couvre|écrit\s+sur|berichtet\s+über|schreibt\s+(?:\w+\s+){0,5}?über|"
    r"cubre|escribe\s+sobre|"
    r"(?:is|est|ist|es)\s+(?:(?:a|an|the|un|une|ein|eine|una)\s+)?(?:[\w-]+\s+){0,3}?(?:"
    + _REPORTER
    + r"))\b"
)
# A contributor's bio: "Jan Example is a professor of law", "Lena Beispiel ist Informatikerin",
# "Inés Ejemplo es doctora en …". These roles are also a story's people, so the name must not
# appear in the story.
_CONTRIBUTOR = (
    r"journalist|contributor|professor|lecturer|researcher|fellow|scientist|economist|lawyer|attorney|"
    r"analyst|consultant|engineer|historian|philosopher|sociologist|founder|"
    r"chroniqueu(?:r|se)|professeure?|enseignante?(?:-chercheu(?:r|se))?|chercheu(?:r|se)|"
    r"maître(?:sse)?\s+de\s+conférences|docteure?|économiste|juriste|avocate?|ingénieure?|historienne?|"
    r"philosophe|sociologue|consultante?|fondat(?:eur|rice)|"
    r"(?:[\w-]*)(?:Journalist|Kolumnist|Professor|Informatiker|Forscher|Wissenschaftler|Ökonom|Jurist|"
    r"Rechtsanwalt|Rechtsanwältin|Ingenieur|Historiker|Philosoph|Soziologe|Soziolog|Berater|Gründer|Autor)(?:in)?|"
    r"[\w-]+(?:journalist|kolumnist|professor|informatiker|forscher|wissenschaftler|ökonom|jurist|ingenieur|historiker|"
    r"berater|gründer|autor)(?:in)?|"
    r"columnista|profesora?|catedrátic[oa]|investigadora?|doctora?|economista|jurista|abogad[oa]|"
    r"ingenier[oa]|historiadora?|filósof[oa]|sociólog[oa]|consultora?|fundadora?|"
    # Past or present posts in a bio ("fue director de innovación en IBM"): the story's people
    # hold them too, hence the same rule (the name must not be in the story).
    r"director|executive|adviser|advisor|directeur|directrice|dirigeante?|conseill(?:er|ère)|"
    r"(?:[\w-]*)(?:Direktor|Manager|Leiter)(?:in)?|[\w-]+(?:direktor|leiter)(?:in)?|directora|directiv[oa]|ejecutiv[oa]|"
    r"asesora?"
)
CONTRIBUTOR_BIO = re.compile(
    r"^\s*[*_—–-]?\s*(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+){1,2})\s+(?:"
    r"teaches|enseigne|lehrt|forscht|enseña|"
    r"(?:is|was|est|était|a\s+été|ist|war|es|fue|ha\s+sido)\s+(?:(?:a|an|the|un|une|ein|eine|una|la|el)\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:" + _CONTRIBUTOR + r"))\b"
)
# A contributor's bio goes on about the past: "She previously worked at Google.", "Elle a auparavant
# été juriste chez Google France.", "Zuvor war sie Justiziarin bei SAP.", "Antes trabajó en IBM."
# A bio of a role and such a sentence, closing the article, is a note about the author even when
# the standfirst names the author ("…, estime Hélène Exemple."), though not when the story does.
PAST_CAREER = re.compile(
    r"^\s*(?:"
    # "She was / worked / spent ten years ...", "She previously ran ...", "Before joining X, she ...".
    r"(?:she|he|they)\s+(?:(?:has|have|had)\s+)?(?:(?:previously|formerly|earlier|once|also)\s+)?"
    r"(?:worked|was|were|been|served|held|led|ran|taught|headed|advised|spent|practi[cs]ed)\b|"
    r"(?:previously|formerly|before\s+that|earlier\s+in\s+(?:her|his|their)\s+career),?\s+(?:she|he|they)\b|"
    r"(?:before|prior\s+to)\s+(?:joining|becoming|turning|moving|switching|(?:she|he|they)\s+(?:joined|became|turned|moved))\b|"
    # "Elle a (auparavant) été / passé six ans / travaillé ...", "Il était ...", "Avant de rejoindre X, ...".
    r"(?:elle|il)\s+a\s+(?:(?:auparavant|précédemment|longtemps|notamment|aussi|également)\s+)?"
    r"(?:été|travaillé|exercé|dirigé|enseigné|occupé|conseillé|officié|passé)\b|"
    r"(?:elle|il)\s+(?:était|fut)\b|(?:auparavant|précédemment|avant\s+cela),\s+(?:elle|il)\b|"
    r"avant\s+(?:de\s+(?:rejoindre|devenir|se\s+tourner|passer)|d['’]\s?(?:être|intégrer|entrer|embrasser))\b|"
    # "Sie war / arbeitete / leitete ...", "Zuvor war sie ...", "Bevor sie in den Journalismus wechselte".
    r"(?:zuvor|vorher|davor|früher)\s+(?:war|arbeitete|forschte|leitete|lehrte|beriet)\s+(?:sie|er)\b|"
    r"(?:sie|er)\s+(?:(?:war|arbeitete|forschte|leitete|lehrte|beriet)|hat\s+(?:zuvor|vorher|früher))\b|"
    r"bevor\s+(?:sie|er)\b|vor\s+(?:ihrem|seinem)\s+(?:Wechsel|Einstieg)\b|"
    # "Fue directora de ...", "Trabajó / Dirigió ...", "Antes trabajó ...", "Antes de incorporarse a X, ...".
    r"(?:antes|anteriormente|previamente),?\s+(?:trabajó|fue|dirigió|ejerció|ocupó|asesoró|enseñó|ha\s+trabajado|ha\s+sido)\b|"
    r"(?:(?:ella|él)\s+)?(?:trabajó|fue|era|dirigió|ejerció|ocupó|asesoró|pasó|ha\s+trabajado)\b|"
    r"antes\s+de\s+(?:incorporarse|unirse|fichar|pasar|dedicarse|llegar|ser)\b"
    r")",
    re.IGNORECASE,
)
# An opinion piece's disclaimer: "The views expressed are the author's own", "Les opinions exprimées
# n'engagent que leur auteur", "Der Beitrag gibt die Meinung der Autorin wieder", "Las opiniones expresadas
# son exclusivamente suyas". Closing the article, it says the paragraph it ends (or the one before, when
# it stands alone) is a note about the author: a name and a role ("Elena Ejemplo es investigadora y colabora
# con el laboratorio de IBM en Zúrich. Las opiniones expresadas son exclusivamente suyas."), even when the
# byline gave that name. Not a report ("Meta said the views expressed in the ads were the advertisers'").
OPINION_DISCLAIMER = re.compile(
    r"^\s*[*_(\[—–-]?\s*(?:"
    r"(?:the\s+)?(?:views|opinions)\s+(?:(?:and|or)\s+(?:views|opinions)\s+)?(?:expressed|stated|set\s+out)\b"
    r"[^.!?\n]{0,60}?\b(?:are|is)\b[^.!?\n]{0,40}?\b(?:own|author|authors|author['’]s|writer|writer['’]s|"
    r"contributor|contributors)\b|"
    # ... with no participle, the opinions being the author's own or responsibility ("Views are her own", "The
    # opinions are solely the author's responsibility", "Las opiniones son de su exclusiva responsabilidad").
    r"(?:the\s+|(?:his|her|their)\s+)?(?:views|opinions)\s+(?:are|remain)\s+(?:\w+\s+){0,2}?(?:(?:his|her|their|the\s+"
    r"(?:author|writer)['’]s)\s+own|(?:the\s+)?(?:sole\s+)?responsibility\s+of\s+the\s+(?:author|writer)|"
    r"the\s+(?:author|writer)['’]s\s+(?:sole\s+|own\s+)?responsibility)\b|"
    r"(?:this|the)\s+(?:article|column|piece|essay|op-ed|text)\s+(?:reflects|represents|expresses)\s+"
    r"(?:\w+\s+){0,2}?(?:the\s+)?(?:author['’]s|writer['’]s|(?:his|her|their))\s+(?:own\s+|personal\s+)?(?:views?|opinions?)|"
    r"(?:les\s+)?(?:opinions|propos|idées|points\s+de\s+vue)(?:\s+(?:exprimée?s|tenus|défendus|développée?s))?\b"
    r"[^.!?\n]{0,60}?\b(?:n['’]\s?engagent|sont\s+celles?|relèvent)\b[^.!?\n]{0,40}?\b"
    r"(?:auteur|autrice|auteure|auteurs|signataires?)\b|"
    r"(?:cette|la)\s+(?:tribune|chronique|analyse|contribution)\s+n['’]\s?engage\s+que\s+(?:son|sa|ses|leur)\s+"
    r"(?:auteur|autrice|auteure|auteurs|signataires?)\b|"
    r"(?:der|dieser|die|diese)\s+(?:Gast)?(?:beitrag|Text|Artikel|Kommentar|Kolumne|Analyse)\s+gibt\s+(?:\w+\s+){0,3}?"
    r"(?:Meinung|Ansicht(?:en)?|Auffassung|Sicht)\s+(?:der\s+Autorin|des\s+Autors|der\s+Autoren|der\s+Verfasserin|"
    r"des\s+Verfassers|der\s+Verfasser)\s+wieder|"
    r"die\s+(?:hier\s+)?(?:geäußerten|vertretenen|dargestellten)\s+(?:Meinungen|Ansichten|Auffassungen)\s+"
    r"[^.!?\n]{0,60}?\b(?:Autor\w*|Verfasser\w*|eigenen?)\b|"
    r"(?:die\s+)?(?:Meinungen|Ansichten|Auffassungen)\s+(?:sind|bleiben|liegen)\s+(?:\w+\s+){0,3}?"
    r"(?:der\s+Autorin|des\s+Autors|der\s+Autoren|der\s+Verfasserin|des\s+Verfassers|ihre\s+eigenen|seine\s+eigenen)\b|"
    r"(?:las\s+)?(?:opiniones|ideas)(?:\s+(?:expresadas|vertidas|manifestadas))?\b[^.!?\n]{0,60}?\bson\b"
    r"[^.!?\n]{0,40}?(?<!\w)(?:suyas?|autora?|autores|firmantes?|responsabilidad)\b|"
    r"(?:este|el)\s+(?:artículo|texto|análisis)\s+refleja\s+(?:\w+\s+){0,2}?(?:la\s+)?opini[oó]n\s+(?:personal\s+)?"
    r"de\s+(?:su|la|el)\s+(?:autora?|firmante)"
    r")",
    re.IGNORECASE,
)
# A cheap first test (lower case) for OPINION_DISCLAIMER.
_DISCLAIMER_HINTS = ("views", "opini", "engage", "propos", "idées", "points de vue", "meinung", "ansicht",
                     "auffassung", "sicht", "ideas")  # fmt: skip


def _disclaimer(sentence: str) -> bool:
    low = sentence.lower()
    return any(h in low for h in _DISCLAIMER_HINTS) and OPINION_DISCLAIMER.match(sentence) is not None


# ... but the first sentence is news when it says someone was appointed: "Jane Roe is the new chief
# executive. She previously ran Amazon's logistics." (a story's people, not its author).
_APPOINTED = re.compile(
    # Lower case: mid-sentence after the name ("a professor at New York University" is a bio).
    r"(?<!\w)(?:the\s+new|newly|incoming|appointed|named|hired|successor|"
    r"(?:le|la)\s+nouvel(?:le)?|nouveau|nommée?|successeur|"
    r"(?:der|die)\s+neue|neuer|ernannt|berufen|Nachfolger(?:in)?|"
    r"(?:el|la)\s+nuev[oa]|nombrad[oa]|designad[oa]|fichad[oa]|sucesora?)(?!\w)"
)
# The lines that may name the author of an opinion piece before the bio does: a standfirst, a byline.
_OPENING_LINES = 2
# ... unless the line reports what someone said: then it is the story ("Satya Nadella covers
# the costs himself, Microsoft said").
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|according|a\s+(?:déclaré|indiqué|affirmé)|selon|sagte|sagt|erklärte|"
    r"teilte|dijo|afirmó|declaró|según)\b",
    re.IGNORECASE,
)
# The same label before a disclosure of the outlet: "Nota: este diario mantiene un acuerdo con …".
NOTE_LABEL = re.compile(r"^\s*[*_—–(\[-]?\s*" + _NOTE_LABEL, re.IGNORECASE)
# Who wrote the article, from a byline near the top: "By Jane Example", "Par Marie Exemple",
# "Eine Kolumne von Lena Beispiel", "Una columna de Inés Ejemplo", "Texto: Ana Ejemplo".
# Or after a section or a dateline and a separator: "Opinión | Marta Ejemplo", "Tribune · Marie
# Exemple", "München – Von Max Beispiel", "Análisis | Por Ana Ejemplo | 24 de abril"; with no
# "by", the name must end the line or come before another separator.
_BY = r"(?i:by|par|von|por|de|texte|text|texto)\s*:?\s+"
_SECTION = r"[^|·•–—\n]{1,60}?\s[|·•–—]\s+"
_BYLINE_NAME = re.compile(
    rf"^\s*(?:(?:[\w'’-]+\s+){{0,3}}?{_BY}|{_SECTION}{_BY}|{_SECTION}(?P<bare>))"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+(?:(?:de|del|de\s+la|von|van|der|da|di|du|le)\s+)?[A-ZÀ-ÖØ-Þ][\w'’-]+){1,2})"
    r"(?(bare)(?=\s*(?:$|[|·•–—,])))"
)
_BYLINE_LINES = 4
# A disclosure without a label opens with the outlet, or its owner ("This newspaper's parent
# company has ...", "The publisher of this newsletter holds ...", "Le groupe qui édite ce journal
# a ...", "Der Verlag dieser Zeitung hat ...", "El grupo editor de este periódico mantiene ..."),
# not with someone it quotes ("Experts consulted by this newspaper say ...") ...
_OUTLET_FIRST = re.compile(
    r"\s*(?:(?:the|le|la|l['’]\s?|el|der|die|das)\s*)?(?:(?:parent\s+company|publisher|owners?|company|group|"
    r"groupe(?:\s+(?:propriétaire|éditeur))?|société(?:\s+éditrice)?|éditeur|propriétaire|maison\s+mère|"
    r"grupo(?:\s+editor)?|empresa(?:\s+editora)?|editora?|propietari[oa]|Verlag|Verlagshaus|Eigentümer|"
    r"Mutterkonzern|Muttergesellschaft|Herausgeber)\s+(?:(?:of|de|du|des|del|d['’]|qui\s+édite|qui\s+publie|"
    r"que\s+edita|que\s+publica)\s*)?)?" + SELF_REFERENCE.pattern,
    re.IGNORECASE,
)
# ... and is not a report: "This newspaper revealed last year that Nvidia signed a deal ...".
_REPORTED = re.compile(
    r"\b(?:reported|reports|revealed|reveals|learned|published|a\s+révélé|révèle|a\s+appris|rapporte|"
    r"berichtete|berichtet|enthüllte|erfuhr|publicó|reveló|informó|ha\s+sabido|adelantó)\b",
    re.IGNORECASE,
)
# Who writes a newsletter or a column, closing it: "La Matinale IA est écrite par Inès Exemple,
# ancienne cheffe de produit chez Salesforce, ...", "This newsletter is written by Jane Example, a
# former Google engineer", "Die Morgenlage wird von Max Beispiel geschrieben, der zuvor bei SAP
# war", "Este boletín está escrito por Ana Ejemplo, exdirectiva de IBM". The subject is the
# newsletter: a word for one ("newsletter", "chronique", "Kolumne", "boletín"), or a name the
# article's first lines give it (its masthead), never a common noun ("The bill is written by ...").
_NAME_AFTER = r"[A-ZÀ-ÖØ-Þ][\w'’-]+"
_GERMAN_NAME = _NAME_AFTER + r"(?:\s+(?:(?:von|van|de|der|zu)\s+)?" + _NAME_AFTER + r"){0,3}"
WRITTEN_BY = re.compile(
    r"^\s*[*_—–-]?\s*(?P<subject>[^\n.!?;:]{2,80}?)\s+(?:(?:"
    r"(?:is|are|was|were|has\s+been)\s+(?:written|edited|compiled|curated|produced|prepared|put\s+together)"
    r"(?:\s+and\s+(?:written|edited|compiled|curated|produced))?\s+by|"
    r"(?:est|sont|a\s+été|ont\s+été)\s+(?:écrite?s?|rédigée?s?|éditée?s?|préparée?s?|conçue?s?|animée?s?|tenue?s?|"
    r"réalisée?s?)\s+par|"
    r"(?:está|están|es|son|fue|fueron|ha\s+sido)\s+(?:escrit[oa]s?|redactad[oa]s?|editad[oa]s?|elaborad[oa]s?|"
    r"preparad[oa]s?|coordinad[oa]s?)\s+por"
    r")\s+"
    + _NAME_AFTER
    + r"|(?:wird|werden|wurde|wurden)\s+von\s+"
    + _GERMAN_NAME
    + r"\s+(?:geschrieben|verfasst|kuratiert|redigiert|betreut|zusammengestellt|herausgegeben|erstellt))"
)
# A cheap first test: the preposition and a verb of WRITTEN_BY.
_WRITTEN_BY_HINTS = (
    (" by ", ("written", "edited", "compiled", "curated", "produced", "prepared", "put together")),
    (" par ", ("écrit", "rédigé", "édité", "préparé", "conçu", "animé", "tenu", "réalisé")),
    (" von ", ("geschrieben", "verfasst", "kuratiert", "redigiert", "betreut", "zusammengestellt",
               "herausgegeben", "erstellt")),
    (" por ", ("escrit", "redactad", "editad", "elaborad", "preparad", "coordinad")),
)  # fmt: skip
_NEWSLETTER = re.compile(
    r"(?<!\w)(?:newsletters?|columns?|briefing|digest|bulletin|dispatch|infolettre|chronique|Kolumne|Rundbrief|"
    r"boletín|columna|(?:this|today['’]s|cette|ce|diese|dieser|esta|este)\s+(?:letter|issue|edition|lettre|édition|"
    r"numéro|Ausgabe|carta|edición|número))(?!\w)",
    re.IGNORECASE,
)
_LEADING_ARTICLE = re.compile(r"^(?:the|this|le|la|les|l['’]\s?|der|die|das|el|los|las)\s*", re.IGNORECASE)
_AUTHOR_NOTE_MAX_CHARS = 300
_AUTHOR_BIO_MAX_CHARS = 400
_BYLINE_MAX_CHARS = 90
_HEADLINE_MAX_CHARS = 140


def _blank(text: str, start: int, end: int) -> str:
    # Same length, so offsets into the masked text are offsets into the original.
    # One run of spaces per line of the span (not a test per character).
    return text[:start] + "\n".join(" " * len(part) for part in text[start:end].split("\n")) + text[end:]


# A full stop that closes an abbreviation, not a sentence: "... de familias en EE. UU.", "... in the
# U.S.", "... aux É.-U.", "... u. a.", "... Apple Inc.".
_ABBREVIATION_END = re.compile(
    r"(?<![\w.])(?:[^\W\d_]{1,2}\.[\s-]?){2,}$|(?<!\w)(?:Inc|Corp|Co|Ltd|Jr|Sr|St|Dr|Cía|etc|usw|bzw)\.$"
)


def _looks_like_headline(line: str) -> bool:
    s = line.strip()
    # A link title: short, and not a sentence of the article (those end with a full stop, unless the
    # stop closes an abbreviation).
    return (
        0 < len(s) <= _HEADLINE_MAX_CHARS
        and not s.endswith((":", ";"))
        and (not s.endswith(".") or _ABBREVIATION_END.search(s) is not None)
    )


def _headline_list(rest: str) -> bool:
    """One link title, or several split by "·", "•" or "|", each short enough to be one."""
    parts = _LIST_SEPARATOR.split(rest.strip())
    return all(_looks_like_headline(p) for p in parts)


# A sentence inside the last paragraph that opens an author note or disclosure: "… said the
# court. The author covered Microsoft for years." (only the last paragraph: elsewhere such a
# sentence is more likely part of the story).
_SENTENCE_START = re.compile(r"(?<=[.!?»”\"])\s+(?=\S)")
# The same breaks, with the stop matched: where only a break's end is used (the next sentence's start). A
# pattern opening with a lookbehind is tried at every position; this one only at a stop (twice as fast).
_SENTENCE_BREAK = re.compile(r"[.!?»”\"]\s+(?=\S)")


def _bylines(lines: list[str]) -> dict[int, str]:
    """Byline lines among the first lines, and the name each gives: {0: "Jane Example"}."""
    found: dict[int, str] = {}
    seen = 0
    for k, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if len(stripped) <= _BYLINE_MAX_CHARS and (m := _BYLINE_NAME.match(line)):
            found[k] = m.group("name")
        seen += 1
        if seen == _BYLINE_LINES:  # only the first lines (not a strip of every line)
            break
    return found


def _in_story(name: str, lines: list[str], skip: set[int]) -> bool:
    """Whether the story names this person (by surname) on a line other than those skipped."""
    surname = re.compile(rf"(?<!\w){re.escape(name.split()[-1])}(?!\w)")
    return any(surname.search(line) for k, line in enumerate(lines) if k not in skip)


def _bio(sentence: str, bylines: dict[int, str], lines: list[str], last: int) -> bool:
    """A bio: it opens with the byline's name, or with a name and a role the story never mentions."""
    if len(sentence) > _AUTHOR_BIO_MAX_CHARS:
        return False
    opening = sentence.lstrip(" *_—–-")
    if any(_opens_with(opening, name) for name in bylines.values()) or AUTHOR_BIO.match(sentence):
        return not _ATTRIBUTION.search(sentence)
    m = CONTRIBUTOR_BIO.match(sentence)
    return (
        m is not None
        and not _ATTRIBUTION.search(sentence)
        and not _appointed(sentence)
        and not _in_story(m.group("name"), lines, {last, *bylines})
    )


def _appointed(text: str) -> bool:
    """Whether the first sentence tells an appointment ("Jane Roe is the new chief executive")."""
    end = _SENTENCE_START.search(text)
    return _APPOINTED.search(text, 0, end.start() if end else len(text)) is not None


def _bio_and_past(line: str, lines: list[str], last: int) -> bool:
    """A bio of two sentences closing the article: a name and a role, then the person's past ("Hélène
    Exemple est avocate. Elle a auparavant été juriste chez Google France."). The story must not name
    the person; its opening lines (a standfirst, a byline) may."""
    if len(line) > _AUTHOR_BIO_MAX_CHARS:
        return False
    starts = [m.end() for m in _SENTENCE_BREAK.finditer(line)]
    if len(starts) != 1:
        return False
    first, past = line[: starts[0]], line[starts[0] :]
    m = CONTRIBUTOR_BIO.match(first)
    # The anchored tests first: _ATTRIBUTION searches the whole line, and most closing lines fail before it.
    if m is None or PAST_CAREER.match(past) is None or _ATTRIBUTION.search(line) or _appointed(first):
        return False
    opening = [k for k, text in enumerate(lines) if text.strip()][:_OPENING_LINES]
    return not _in_story(m.group("name"), lines, {last, *opening})


def _opens_with(text: str, name: str) -> bool:
    return text.startswith(name) and not text[len(name) : len(name) + 1].isalnum()


def _reporting_credit(line: str) -> bool:
    """A credit for reporting, writing or editing ("Additional reporting by …"), not a report."""
    return (
        len(line) <= _CREDIT_MAX_CHARS
        and REPORTING_CREDIT.match(line) is not None
        and not _REPORTED.search(line)
        and not _ATTRIBUTION.search(line)
    )


def _promo_hint(line: str) -> bool:
    return _promo_kinds(line) != 0


def _own_promo(line: str) -> bool:
    """The outlet promoting its newsletter, channel or app, or asking the reader to follow it."""
    kinds = _promo_kinds(line)
    m = OWN_PROMO.search(line) if kinds & _OWN else None
    if m is None and kinds & _OUTLET:
        m = OUTLET_PROMO.search(line)
    if m is None and kinds & _SHARE_SPONSOR:
        m = SHARE_PROMO.search(line) or SPONSOR_PROMO.search(line)
    if m is None and kinds & _SIGN_IN:
        m = _sign_in(line)  # "Inicia sesión con tu cuenta de Google para comentar"
    if m is None and kinds & _CONTACT:
        m = _contact_promo(line)  # "Got a story? Message us on Facebook"
    if m is None:
        return False
    # A show's or newsletter's name in quotes after the word for it is no quote.
    title = _PROMO_TITLE.match(line, m.end())
    unquoted = line[: m.end()] + line[title.end() :] if title else line
    return (
        _PROMO_QUOTES.search(unquoted) is None
        and not _ATTRIBUTION.search(line)
        and not _REPORTED.search(line)
    )


def _disclosure(sentence: str) -> bool:
    """An unlabelled disclosure: the outlet or its owner opens it, a tie follows, and no one is quoted."""
    return (
        len(sentence) <= _AUTHOR_NOTE_MAX_CHARS
        and _OUTLET_FIRST.match(sentence) is not None
        and DISCLOSED_TIE.search(sentence) is not None
        and not _REPORTED.search(sentence)
        and not _ATTRIBUTION.search(sentence)
    )


def _written_by(sentence: str, lines: list[str], last: int) -> bool:
    """Who writes this newsletter or column: a note about the author, however the bio goes on."""
    head = sentence[:130]
    if len(sentence) > _AUTHOR_BIO_MAX_CHARS or not any(
        by in head and any(verb in head for verb in verbs) for by, verbs in _WRITTEN_BY_HINTS
    ):
        return False
    if _ATTRIBUTION.search(sentence):
        return False
    m = WRITTEN_BY.match(sentence)
    if m is None:
        return False
    subject = m.group("subject").strip()
    if _NEWSLETTER.search(subject):
        return True
    # Its own name, given by the first lines (a masthead: "La Matinale IA - la lettre du vendredi").
    name = _LEADING_ARTICLE.sub("", subject)
    first = [line for k, line in enumerate(lines) if line.strip() and k != last][:_BYLINE_LINES]
    return name[:1].isupper() and any(name.casefold() in line.casefold() for line in first)


# A footnote about the author names no one: a mark after the byline's name stands for it ("Por Ignacia
# Ejemplo*" ... "*Académica de Filosofía en Valparaíso. ..."), and its bio opens with the role: "*Professor of
# law at ...", "*Chercheuse au CNRS", "*Professorin für Ethik an der ...", "*Académica de Filosofía en ...".
# With the author's disclaimer after it, such a role-first bio is a note about the author like a named one
# (``_disclaimed_bio``); with the byline's mark before it, the footnote is one whatever it says
# (``_footnote_note``).
ROLE_FIRST_BIO = re.compile(
    r"^\s*(?:\*{1,3}|\(\*\)|[_—–-])\s*(?i:(?:former|ex|senior|associate|assistant|visiting|ancien(?:ne)?|"
    r"ehemalige[rn]?|antigu[oa])\s+|ex-)?"
    r"(?i:"
    + _CONTRIBUTOR
    + "|"
    + _REPORTER
    + r"|academic|académic[oa]|universitaire|Akademiker(?:in)?|Dozent(?:in)?|"
    r"docente|doctorante?|doctorand[oa]|Doktorand(?:in)?|PhD\s+candidate)"
    r",?\s+(?i:of|at|in|for|with|and|de|du|des|d['’]|en|à|au|aux|chez|et|für|an|am|bei|im|der|und|del|y|e)(?!\w)"
)
# What a role-first bio opens with (a cheap first test for ROLE_FIRST_BIO).
_FOOTNOTE_OPENERS = frozenset("*(_—–-")
# The footnote's mark, opening the closing line, and the byline's name carrying it among the first lines
# ("Por Ignacia Ejemplo*", "By Jane Example (*)", "Opinión | Marta Ejemplo*").
_FOOTNOTE_MARK = re.compile(r"^\s*(?P<mark>\*{1,3}|\(\*\))\s*(?=\w)")
_MARKED_NAME = re.compile(
    r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+(?:(?:de|del|de\s+la|von|van|der|da|di|du|le)\s+)?[A-ZÀ-ÖØ-Þ][\w'’-]+){1,3}"
    r"[ \t]*(?P<mark>\*{1,3}|\(\*\))[ \t]*(?=$|[|·•–—,])"
)


def _footnote_note(line: str, lines: list[str], last: int) -> bool:
    """A footnote about the author closing the article: it opens with the mark the byline's name carries."""
    m = _FOOTNOTE_MARK.match(line)
    if m is None or len(line) > _AUTHOR_BIO_MAX_CHARS or _ATTRIBUTION.search(line):
        return False
    first = [k for k, text in enumerate(lines) if text.strip() and k != last][:_BYLINE_LINES]
    return any(
        len(lines[k].strip()) <= _BYLINE_MAX_CHARS
        and any(n.group("mark") == m.group("mark") for n in _MARKED_NAME.finditer(lines[k]))
        for k in first
    )


def _disclaimed_bio(line: str, disclaimed: bool) -> bool:
    """A name and a role closing an opinion piece, with the author's disclaimer after it (on its line or
    the next): a note about the author, whether or not the byline gave the name. A footnote's bio may open
    with the role alone (ROLE_FIRST_BIO, tried last: it is the costliest test)."""
    named = CONTRIBUTOR_BIO.match(line) is not None or AUTHOR_BIO.match(line) is not None
    if not named and line.lstrip()[:1] not in _FOOTNOTE_OPENERS:  # a role-first bio opens with a mark
        return False
    if not disclaimed:
        starts = [m.end() for m in _SENTENCE_BREAK.finditer(line)]
        if not starts or not _disclaimer(line[starts[-1] :]):
            return False
        line = line[: starts[-1]]
    if not named and ROLE_FIRST_BIO.match(line) is None:
        return False
    return len(line) <= _AUTHOR_BIO_MAX_CHARS and not _ATTRIBUTION.search(line) and not _appointed(line)


def _closing_note(lines: list[str], last: int, text: str, disclaimed: bool = False) -> int | None:
    """Where a note about the author or the outlet starts in the article's last paragraph, if any.

    The whole paragraph when it is a bio or a disclosure; from a sentence on when that sentence
    opens one ("… said the court. The author covered Microsoft for years."). `disclaimed`: an opinion
    disclaimer follows on its own line.
    """
    line = lines[last]
    authors = _bylines(lines)
    if (
        _disclaimed_bio(line, disclaimed)
        or _footnote_note(line, lines, last)
        or _bio(line, authors, lines, last)
        or _disclosure(line)
        or _written_by(line, lines, last)
        or _bio_and_past(line, lines, last)
    ):
        return 0
    for m in _SENTENCE_BREAK.finditer(line):
        tail = line[m.end() :]
        if len(tail) <= _AUTHOR_NOTE_MAX_CHARS and (_author_note(tail) or _reporting_credit(tail)):
            return m.end()
        if _correction_note(tail):  # "... said the court. Correction: an earlier version of this article ..."
            return m.end()
        if _bio(tail, authors, lines, last) or _disclosure(tail) or _written_by(tail, lines, last):
            return m.end()
    return None


def _closing_furniture(lines: list[str], offsets: list[int]) -> list[tuple[str, int, int]]:
    """A newsletter's footer and the outlet's promotion in the closing lines.

    A closing line with a footer marker is all footer. The last paragraph, when too long to be looked
    at whole (a newsletter's footer is often one paragraph), loses its promotion sentences ("Das Briefing
    erscheint freitags. ... Abonnieren Sie uns kostenlos. Neu: ... im WhatsApp-Kanal der Redaktion.").
    """
    zones: list[tuple[str, int, int]] = []
    closing = _closing_lines(lines, _FOOTER_LINES)
    if not closing:
        return zones
    short = "\n".join(lines[k] for k in closing if len(lines[k]) <= _FOOTER_MAX_CHARS)
    footer = set()
    if short and any(h in short for h in _FOOTER_HINTS):
        footer = {
            k for k in closing if len(lines[k]) <= _FOOTER_MAX_CHARS and NEWSLETTER_FOOTER.search(lines[k])
        }
        zones += [("footer", offsets[k], offsets[k] + len(lines[k])) for k in sorted(footer)]
    last = closing[0]
    line = lines[last]
    # Shorter: looked at whole already. Longer than a footer: the story's.
    if last not in footer and _HEADLINE_MAX_CHARS + 20 < len(line) <= _FOOTER_MAX_CHARS and _promo_hint(line):
        starts = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(line)] + [len(line)]
        for a, b in pairwise(starts):
            if _own_promo(line[a:b]):
                zones.append(("promo", offsets[last] + a, offsets[last] + len(line[:b].rstrip())))
    return zones


# Page widgets that are not the article (``_page_widgets``), each a line or a run of lines.
#
# An embedded post's or video's consent placeholder, which page extractors keep in the text: "An dieser Stelle
# finden Sie einen externen Inhalt von X. Sie können ihn sich mit einem Klick anzeigen lassen", "This content
# is hosted by X. To view it, accept cookies", "Ce contenu est hébergé par X. En l'affichant, vous acceptez
# ...", "[Contenido incrustado de X no disponible. Para verlo, acepta las cookies ...]". The line says it
# stands for embedded or external content (EMBED_PLACEHOLDER) and asks the reader to do something to see
# it (CONSENT_REQUEST: consent, accept cookies, click to show). A story about consent rules does not speak to
# the reader, and a report is not a placeholder ("YouTube said users must accept cookies to view embedded
# videos").
EMBED_PLACEHOLDER = re.compile(
    r"(?<!\w)(?:"
    r"(?:external|embedded|third[\s-]party)\s+(?:content|video|post|media|tweet|player)|"
    r"(?:this|the)\s+(?:content|video|post|embed|media|tweet)\s+(?:is\s+)?(?:hosted|provided|served|supplied)\s+by|"
    r"(?:content|video|post|tweet|embed)\s+(?:from\s+\S+(?:\s+\S+)?\s+)?(?:is\s+)?(?:blocked|unavailable|"
    r"not\s+(?:available|displayed|shown))|"
    r"an\s+dieser\s+Stelle\s+(?:finden|sehen)\s+Sie|externe[nrs]?\s+(?:Inhalte?|Beitrag|Video)|"
    r"eingebettete[nrs]?\s+(?:Inhalte?|Beitrag|Video|Post)|"
    r"(?:Inhalt|Beitrag|Video)\s+(?:von\s+\S+(?:\s+\S+)?\s+)?(?:ist\s+)?(?:blockiert|nicht\s+verfügbar|ausgeblendet)|"
    r"contenus?\s+(?:externes?|intégrés?|embarqués?|tiers)|"
    r"(?:ce|cette)\s+(?:contenu|vidéo|publication|post)\s+(?:est\s+)?(?:hébergée?|fournie?|proposée?)\s+par|"
    r"(?:contenu|vidéo|publication)\s+(?:de\s+\S+(?:\s+\S+)?\s+)?(?:bloquée?|indisponible|non\s+disponible|masquée?)|"
    r"contenidos?\s+(?:incrustados?|externos?|embebidos?|insertados?|de\s+terceros)|"
    r"(?:este|esta)\s+(?:contenido|vídeo|video|publicación)\s+(?:lo\s+proporciona|es\s+proporcionad[oa]|"
    r"está\s+alojad[oa])|"
    r"(?:vídeo|video|publicación|contenido)\s+(?:de\s+\S+(?:\s+\S+)?\s+)?(?:bloquead[oa]|no\s+disponible)|"
    # Content said to be embedded or shown here: "A video from X is embedded here", "An dieser Stelle ist ein
    # Video von X eingebunden", "Hier wird ein Beitrag von X angezeigt", "Une vidéo X est intégrée ici", "Aquí
    # se incluye un vídeo de X".
    r"(?:is|are)\s+embedded\s+(?:here|below|in\s+this\s+(?:article|page))|"
    r"(?:an\s+dieser\s+Stelle|hier)\s+(?:ist|sind|wird|werden)\s+[^.!?\n]{0,60}?"
    r"(?:eingebunden|eingebettet|angezeigt)|"
    r"(?:est|sont)\s+intégrée?s?\s+(?:ici|à\s+cet\s+endroit|dans\s+(?:cet\s+article|cette\s+page))|"
    r"(?:aquí|en\s+este\s+lugar)\s+se\s+(?:incluye|muestra|inserta|integra)\s+(?:un[ao]?\s+)?"
    r"(?:contenido|vídeo|video|publicación|post|tuit|mensaje)|"
    r"(?:está|están)\s+(?:incrustad[oa]s?|insertad[oa]s?|integrad[oa]s?)\s+aquí|"
    # A platform's content as the placeholder's label, opening its line up to a colon: "[Contenido de YouTube:
    # tráiler oficial. Para ver este contenido ...]", "Content from Instagram: ...", "YouTube-Inhalt: ...",
    # "Vidéo YouTube : ...", "Beitrag von Instagram: ...".
    r"^[ \t]*[\[(]?[ \t]*(?:(?:content|video|post|tweet|media|Inhalt|Beitrag|Video|contenu|vidéo|publication|"
    r"contenido|vídeo|publicación)[ \t]+(?:(?:from|by|on|von|de|du|de\s+la|del)[ \t]+)?"
    r"(?-i:[A-ZÀ-ÖØ-Þ][\w.-]*)(?:[ \t]+(?-i:[A-ZÀ-ÖØ-Þ][\w.-]*))?|"
    r"(?-i:[A-ZÀ-ÖØ-Þ][\w.]*)(?:-|[ \t]+)(?:content|video|post|embed|Inhalt|Beitrag|Video|Post))[ \t]*[:：]"
    r")(?!\w)",
    re.IGNORECASE,
)
CONSENT_REQUEST = re.compile(
    r"(?<!\w)(?:"
    r"(?:accept|allow|enable)\s+(?:all\s+)?(?:cookies|third[\s-]party|marketing|social)|(?:your\s+)?consent|cookies?|"
    r"(?:click|clic)\s+(?:here\s+)?to|"
    r"mit\s+einem\s+Klick|um\s+(?:ihn|sie|es|den\s+Inhalt|das\s+Video|den\s+Beitrag)\s+(?:anzuzeigen|abzuspielen|"
    r"zu\s+sehen|anzusehen|zu\s+laden)|"
    # Enabling external content: "enable external content", "externe Inhalte aktivieren", « activer les
    # contenus externes », "activar el contenido externo"; or seeing it: "to see it", "to view this content".
    r"(?:enable|allow|activate)\s+(?:all\s+)?(?:external|embedded)\s+(?:content|media)|"
    r"to\s+(?:see|view|watch|display)\s+(?:it|this\s+(?:content|video|post))|"
    r"(?:externe[n]?\s+)?Inhalte?\s+(?:aktivieren|zulassen|freigeben|erlauben)|aktivieren\s+Sie\s+(?:externe\s+)?Inhalte|"
    r"activ(?:er|ez)\s+(?:les\s+|le\s+)?contenus?\s+(?:externes?|tiers)|"
    r"activ(?:a|e|ar)\s+(?:los\s+|el\s+)?contenidos?\s+(?:externos?|de\s+terceros)|"
    r"(?:Inhalte?|Video|Beitrag)\s+(?:anzeigen|laden|abspielen)|Übermittlung\s+Ihrer\s+Daten|"
    r"Ihre[rn]?\s+Einwilligung|"
    r"vous\s+acceptez|en\s+l['’]\s?affichant|pour\s+(?:l['’]\s?afficher|le\s+voir|la\s+voir|afficher|voir|lire|"
    r"regarder)|cliquez|(?:votre\s+)?consentement|"
    r"acept(?:a|e|ar|as)\s+(?:las\s+)?cookies|para\s+(?:verlo|verla|ver\s+(?:este|el|esta|la)|reproducirlo|"
    r"reproducirla|mostrarlo|visualizarlo)|haz\s+clic|pulsa\s+aquí|(?:tu\s+)?consentimiento|"
    r"configuración\s+de\s+privacidad|"
    # Accepting a privacy policy by loading it: "By loading the post, you accept Instagram's privacy policy",
    # "Mit dem Laden des Inhalts akzeptieren Sie die Datenschutzerklärung von X", "En chargeant ce contenu,
    # vous acceptez ..." (above), "Al cargar el contenido, aceptas la política de privacidad de X".
    r"by\s+loading|(?:accept|agree\s+to)\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,2}?privacy\s+policy|"
    r"mit\s+dem\s+Laden|akzeptieren\s+Sie\s+(?:die\s+)?(?:[\w-]+\s+){0,2}?Datenschutz\w*|"
    r"en\s+chargeant|al\s+cargar|aceptas?\s+(?:la\s+)?(?:[\w-]+\s+){0,2}?política\s+de\s+privacidad"
    r")(?!\w)",
    re.IGNORECASE,
)
# A cheap first test (lower case): a piece of every alternative of CONSENT_REQUEST, found with the
# picture words in one pass of a multi-pattern matcher (``_hinted_lines``); only the short lines with one
# are searched. Each piece opens with a letter a picture word opens with: the matcher's cost grows with the
# number of first letters, hardly with the number of words.
_CONSENT_HINTS = (
    "accept all", "allow all", "able all", "accept third", "allow third", "able third", "accept marketing",
    "allow marketing", "able marketing", "accept social", "allow social", "able social", "consent", "cookie",
    "click", "clic", "inem klick", "anzuzeigen", "abzuspielen", "inhalt anzeigen", "inhalte anzeigen",
    "video anzeigen", "beitrag anzeigen", "inhalt laden", "inhalte laden", "video laden", "beitrag laden",
    "inhalt abspielen", "video abspielen", "beitrag abspielen", "bermittlung", "illigung", "acceptez",
    "affichant", "pour l'affich", "pour l’affich", "pour afficher", "pour le voir", "pour la voir",
    "pour voir", "pour lire", "pour regarder", "para ver", "para reproducir", "para mostrar",
    "para visualizar", "pulsa aqu", "configuración de privacidad",
    "by loading", "privacy policy", "dem laden", "datenschutz", "chargeant", "al cargar", "acepta",
    "ihn zu sehen", "sie zu sehen", "inhalt zu sehen", "video zu sehen", "beitrag zu sehen", "anzusehen",
    "inhalt zu laden", "video zu laden", "beitrag zu laden", "ihn zu laden", "sie zu laden", "able external",
    "able embedded", "llow external", "llow embedded", "activate external", "activate embedded", "see it",
    "view it", "see this", "view this", "display it", "display this", "atch it", "atch this", "aktivieren",
    "inhalt zulassen", "inhalte zulassen", "inhalt freigeben", "inhalte freigeben", "inhalt erlauben",
    "inhalte erlauben", "contenu externe", "contenus externe", "contenu tiers", "contenus tiers",
    "contenido externo", "contenidos externo", "contenido de terceros", "contenidos de terceros",
)  # fmt: skip
_PLACEHOLDER_MAX_CHARS = 400
# A mail signature's cheap first test (MAIL_SIGNATURE's verbs, lower case, each opening with a letter a
# picture word opens with, like the placeholder's hints): the lines with one are looked at
# (``_mail_signatures``).
_SIGNATURE_HINTS = ("sent from", "sent with", "sent via", "sent using", "voyé", "gesendet", "verschickt",
                    "versendet", "gesandt", "viado")  # fmt: skip


def _line_hints() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for hint in (*_GENERATED_PICTURE_HINTS, *_COURTESY_WORD_HINTS):
        automaton.add_word(hint, True)
    for hint in (*_CONSENT_HINTS, *_SIGNATURE_HINTS):
        automaton.add_word(hint, False)
    automaton.make_automaton()
    return automaton


_LINE_HINTS = _line_hints()


def _hinted_lines(text: str, offsets: list[int]) -> tuple[Iterable[int], set[int]]:
    """The lines (indexes) with a picture word or a courtesy word ("Courtesy of X"), and those with a word of
    interface text: an embedded-content placeholder's request (``_CONSENT_HINTS``) or a mail signature's
    (``_SIGNATURE_HINTS``), found by one pass of a multi-pattern matcher over the text."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer ("İ"): look at every line
        return range(len(offsets)), set(range(len(offsets)))
    # A placeholder hint's line is kept as its complement (~k < 0): one set comprehension, then split.
    found = {
        (bisect_right(offsets, end) - 1) if picture else ~(bisect_right(offsets, end) - 1)
        for end, picture in _LINE_HINTS.iter(low)
    }
    return sorted(k for k in found if k >= 0), {~k for k in found if k < 0}


# Market data: a strip of quotes ("MARKETS  KOSPI 3,941.6 ▲1.6% | Apple 262.24 ▼0.3% | Brent $65.10 ▼0.8%",
# "MERCADOS · Nvidia 186,26 ▲ 1,8 % · Ibex 35 16.020 ▲ 0,4 %") or a run of lines of one quote each
# ("Intel 34,12 $ +1,4 %", "DAX 23.180 Punkte −0,3 %", "Samsung Elec. 97.800 KRW +0,8 %"). A quote is a name,
# a price (a currency, a unit) and a signed change in per cent. A share price in a sentence of the article
# ("Nvidia closed at 186.26 dollars, up 1.8%") is no quote, and a line of quotes within a sentence ("Nvidia
# 186.26 +1.8% and Apple 269.70 −0.3% led a market that ...") has more than a label's words besides.
_QUOTE = (
    r"[A-ZÀ-ÖØ-Þ][\w.&'’/-]*(?:[ \t]+[\w.&'’/-]+){0,3}?[ \t]+(?:[$€£¥][ \t]?)?\d[\d.,]*[ \t]?"
    r"(?:(?:[$€£¥%]|USD|EUR|KRW|JPY|GBP|CHF|Punkte|Pkt\.?|points|pts|puntos|dollars?|euros?)[ \t]*)?"
    r"(?:[▲▼△▽↑↓⬆⬇][ \t]?[+\-−–]?|[+\-−–])[ \t]?\d[\d.,]*[ \t]?%"
)
QUOTE_ITEM = re.compile(_QUOTE)
QUOTE_LINE = re.compile(r"[ \t]*" + _QUOTE + r"[ \t]*")
_QUOTE_REST = re.compile(r"[|·•,;/\s]+")
# A strip's own words besides its quotes: a label ("MARKETS", "Mercados en directo", "Börse aktuell").
_QUOTE_LABEL_WORDS = 4
_QUOTE_STRIP_MAX_CHARS = 300
_QUOTE_LINE_MAX_CHARS = 80
# A strip of prices with no change, or with the change in brackets, its items split by "|", "·" or "•":
# "Microsoft 541,55 $ | Alphabet 274,57 $ | Meta 751,67 $", "Cotizaciones al cierre · Nasdaq 21.590 (+0,2 %) ·
# Apple 230,49 (+0,5 %) · Peso/dólar 18,66", "CAC 40 8 150,20 pts · LVMH 612,40 € (−0,8 %)". A price has a
# currency, thousands (Swiss ones with an apostrophe: "SMI 12'604") or two decimals ("Pixel 10 · Galaxy S25"
# are products, "Claude 4.5" a version). Every item is a name and a price, a leading label aside; it is market
# data when two items have a change, or when the label, in the line's first segment (before its colon: "Börse
# aktuell: Nvidia 186,52 $ (+5,1 %) · ...") or on the line before, speaks of markets ("Tech-Werte im Überblick
# (Schlusskurse Vortag)", "Cotizaciones al cierre", "Bourse de Paris", "Markets"). A product price list
# ("Galaxy S25 799,00 € · Galaxy S25 Ultra 1.299,00 €") has neither, and a sentence has no separators. Under a
# market label an item may be a change with no price, its name capitalised words or figures ("Mercados |
# Nasdaq Composite +0,7% · Intel -0,8% · IBEX 35 +0,3%"); key figures ("Ingresos de Nvidia +56 %",
# "Quartalszahlen: Umsatz +62 % · Gewinn +65 %") have no market label. The strip may close with a note on its
# quotes (MARKET_NOTE: "Kurse mit 15 Minuten Verzögerung", "Prices delayed 15 min", "Cours différés", "Datos
# con retraso", "Stand: 17:35 Uhr", "Source: Refinitiv").
_PRICE_UNIT = (
    r"(?:[$€£¥]|USD|EUR|KRW|JPY|GBP|CHF|MXN|Punkte|Pkt\.?|points|pts|puntos|dollars?|euros?|dólares)"
)
_PRICE = (
    r"(?:[$€£¥][ \t]?\d[\d.,]*|(?:\d{1,3}(?:[.,\u00a0\u202f '’]\d{3})+(?:[.,]\d{1,4})?|\d+[.,]\d{2,4})"
    rf"(?:[ \t]?{_PRICE_UNIT})?|\d+[ \t]?{_PRICE_UNIT})"
)
# A change: signed, or after an arrow, or in brackets ("(+0,5 %)").
_PRICE_CHANGE = (
    r"(?:\([ \t]*(?:[▲▼△▽↑↓⬆⬇][ \t]?)?[+\-−–]?[ \t]?\d[\d.,]*[ \t]?%[ \t]*\)|"
    r"(?:[▲▼△▽↑↓⬆⬇][ \t]?[+\-−–]?|[+\-−–])[ \t]?\d[\d.,]*[ \t]?%)"
)
PRICE_ITEM = re.compile(
    r"[ \t]*[A-ZÀ-ÖØ-Þ][\w.&'’/-]*(?:[ \t]+[\w.&'’/-]+){0,3}?[ \t]+"
    rf"(?:{_PRICE}(?P<change>[ \t]*{_PRICE_CHANGE})?|(?P<moved>{_PRICE_CHANGE}))[ \t]*"
)
# A note on the quotes, closing the strip: a delay, a time or a source.
MARKET_NOTE = re.compile(
    r"(?<!\w)(?:delay(?:ed)?|real[\s-]?time|verzög\w*|zeitverzög\w*|echtzeit|différée?s?|en\s+différé|temps\s+réel|"
    r"retard(?:ée?s?)?|retraso|diferid[oa]s?|tiempo\s+real|"
    r"\d{1,2}(?:[:.h]\d{2}|[ \t]*(?:am|pm|uhr|h))|"
    r"(?:sources?|quellen?|fuentes?|data|données|daten|datos)[ \t]*[:：])(?!\w)",
    re.IGNORECASE,
)
_MARKET_NOTE_MAX_WORDS = 8
MARKET_WORDS = re.compile(
    r"(?<!\w)(?:markets?|stocks?|shares|quotes|tickers?|closing\s+prices|indices|"
    r"marchés?|bourses?|cours|cotations?|valeurs|"
    r"börsen?|(?:schluss|aktien|börsen)?kurse?|aktien|werte|märkte|notierungen|indizes|"
    r"mercados?|bolsas?|cotizaciones|cierre|acciones|valores|índices)(?!\w)",
    re.IGNORECASE,
)
_MARKET_LABEL_MAX_CHARS = 80

# Readers' comments after the article: a heading ("Comments (3)", "Reader comments", "Commentaires", "12
# commentaires", "Kommentare (3)", "Leserkommentare", "Comentarios (3)") in the second half of the text, and a
# comment under it ("tesla_fahrer_74: ...", "Le Chat botté — 14/10/2025 à 09h12 : ...", "Ana G. - hace 2
# horas: ..."). The section runs to the end of the text. A heading with no comment under it, or in the first
# half of the text (an opinion column labelled "Kommentar"), is the story's. The heading may name the readers'
# forum ("Postings", "Forum", "Leserforum", "Vos réactions", "Foro de lectores"; not a story's subhead
# "Réactions") or call them to discuss ("Join the discussion", "Forum – Diskutieren Sie mit", « Réagissez à
# cet article », "Participa en la conversación"); a comment may be a name and a dash before its text
# ("Marc_Exemple — Je ..."), or a name and when it was posted on a line of its own over the text ("leser_42
# vor 2 Std.", "Joe B. 3 hours ago", "Jean D. il y a 2 h", "Ana G. hace 2 horas").
_COMMENTS_CALL = (
    r"join\s+the\s+(?:discussion|conversation|debate)|have\s+your\s+say|(?:leave|post|add)\s+a\s+comment|"
    r"discuss\s+this\s+(?:article|story)|"
    r"(?:participez|prenez\s+part)\s+(?:au\s+débat|à\s+la\s+(?:discussion|conversation))|"
    r"rejoignez\s+la\s+(?:discussion|conversation)|réagissez(?:\s+à\s+(?:cet\s+article|l['’]\s?article))?|"
    r"(?:laissez|écrivez|ajoutez)\s+un\s+commentaire|donnez\s+votre\s+avis|"
    r"diskutieren\s+sie\s+mit|(?:jetzt\s+)?mitdiskutieren|(?:schreiben|verfassen)\s+sie\s+einen\s+kommentar|"
    r"kommentieren\s+sie(?:\s+(?:diesen\s+artikel|mit))?|ihre\s+meinung(?:\s+ist\s+gefragt)?|"
    r"(?:participa\s+en|únete\s+a)\s+(?:la\s+conversación|el\s+debate|la\s+discusión|el\s+foro)|"
    r"(?:deja|escribe|añade)\s+(?:tu|un)\s+comentario|opina|danos\s+tu\s+opinión"
)
COMMENTS_HEADING = re.compile(
    r"^\s*(?:(?:"
    r"(?:\d+\s+)?(?:(?:reader|readers['’]?)\s+)?comments|(?:\d+\s+)?commentaires(?:\s+des\s+lecteurs)?|"
    r"(?:\d+\s+)?(?:Leser)?kommentare|(?:\d+\s+)?comentarios(?:\s+de\s+(?:los\s+)?lectores)?|"
    r"(?:\d+\s+)?(?:postings|(?:leser)?forum|readers['’]?\s+forum|forum\s+des\s+lecteurs|"
    r"foro(?:\s+de\s+(?:los\s+)?lectores)?|vos\s+réactions|(?:sus|tus)\s+reacciones)"
    r")\s*(?:\(\s*\d+\s*\)|\d+)?(?:\s*[–—:|-]\s*(?:" + _COMMENTS_CALL + r"))?|" + _COMMENTS_CALL + r")"
    r"\s*[:：!.]?\s*$",
    re.IGNORECASE,
)
_COMMENTER = r"[\w@][\w.@'’-]{0,30}(?:[ \t][\w.@'’-]{1,20}){0,2}"
_POSTED = (
    r"(?:vor\s+\d+\s+(?:Std|Stunden?|Min|Minuten?|Tag(?:en)?|Wochen?)\.?|"
    r"\d+\s*(?:h|hrs?|hours?|mins?|minutes?|days?|weeks?)\s+ago|"
    r"il\s+y\s+a\s+\d+\s*(?:h|heures?|min|minutes?|jours?|semaines?)|"
    r"hace\s+\d+\s*(?:h|horas?|min|minutos?|días?|semanas?)|"
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4}(?:,?\s+(?:à\s+|um\s+|a\s+las\s+|at\s+)?\d{1,2}[:.h]\d{2}(?:\s*Uhr)?)?|"
    r"\d{1,2}[:.h]\d{2}(?:\s*Uhr)?)"
)
COMMENT_LINE = re.compile(
    r"^\s*(?:[\w@][\w.@'’ -]{0,38}?[ \t]*(?:[—–-][ \t]*[^:\n]{0,30}?)?[ \t]*[:：][ \t]+\S|"
    + _COMMENTER
    + r"[ \t]+[—–][ \t]+\S|"
    + _COMMENTER
    + r"[ \t]*[,·|—–-]?[ \t]*(?i:"
    + _POSTED
    + r")[ \t]*$)"
)

# An advertising slot: a marker alone on its line ("ADVERTISEMENT", "Anzeige", "Publicité", "PUBLICIDAD",
# "— Advertisement —") and the ad, up to an end marker ("End of advertisement", "Ende der Anzeige", "Fin de
# la publicité", "FIN DE LA PUBLICIDAD") a few lines below; with no end marker, the ad is the next short
# paragraph. A word that is also a section's subject ("Advertising", "Werbung", "Publicidad", "Annonce")
# opens a slot with no end marker only in capitals. Lines about advertising are the story ("Advertising
# revenue at Google rose 12%").
AD_MARKER = re.compile(
    r"^\s*[-–—\[(*]*\s*(?P<word>advertisement|advertising|ad|sponsored(?:\s+content)?|paid\s+content|publicité|"
    r"annonce|contenu\s+sponsorisé|anzeige|werbung|publicidad|anuncio|contenido\s+patrocinado)\s*[-–—\])*]*\s*$",
    re.IGNORECASE,
)
AD_END = re.compile(
    r"^\s*[-–—\[(*]*\s*(?:end\s+of\s+(?:the\s+)?(?:advertisement|ad)|advertisement\s+ends|"
    r"continue\s+reading\s+(?:below|after\s+the\s+ad(?:vertisement)?)|story\s+continues\s+below|"
    r"fin\s+de\s+(?:la\s+)?publicité|la\s+suite\s+(?:de\s+l['’]\s?article\s+)?après\s+(?:cette\s+)?(?:la\s+)?publicité|"
    r"ende\s+der\s+(?:anzeige|werbung)|(?:anzeige|werbung)\s+ende|weiter\s+nach\s+der\s+(?:anzeige|werbung)|"
    r"fin\s+de\s+(?:la\s+)?publicidad|fin\s+del\s+anuncio|sigue\s+leyendo|(?:el\s+artículo\s+)?continúa\s+"
    r"(?:después\s+de\s+la\s+publicidad|tras\s+el\s+anuncio))\s*[-–—\])*]*\s*$",
    re.IGNORECASE,
)
_AD_SUBJECT_WORDS = frozenset(("advertising", "werbung", "publicidad", "annonce"))
_AD_MARKER_MAX_CHARS = 30
_AD_SPAN_LINES = 6
_AD_MAX_CHARS = 250

# An archive box: a heading ("From our archive", "On this day", "Dans nos archives", "Aus dem Archiv", "De
# nuestra hemeroteca", "Del archivo", "Tal día como hoy"), alone on its line or with a colon, over dated items
# ("15 March 2016: ...", "15. März 2016 – ...", "15 de marzo de 2016: ...", "2016 | ...") or link titles. An
# item may be a sentence: its date opens it. A story's own timeline has no such heading, and a heading with no
# item under it is left alone.
ARCHIVE_HEADING = re.compile(
    r"^\s*(?:"
    r"(?:from|in)\s+(?:our|the)\s+archives?|on\s+this\s+day(?:\s+in\s+(?:history|tech))?|"
    r"this\s+day\s+in\s+(?:history|tech)|"
    r"(?:(?:dans|de|extrait\s+de)\s+)?nos\s+archives|c['’]est\s+arrivé\s+(?:un\s+)?(?:ce\s+jour|aujourd['’]hui)|"
    r"aus\s+(?:dem|unserem)\s+Archiv|an\s+diesem\s+Tag|"
    r"(?:de|en)\s+(?:nuestra|la)\s+hemeroteca|del\s+archivo|de\s+nuestro\s+archivo|(?:tal|un)\s+día\s+como\s+hoy"
    r")\s*[:：.]?\s*$",
    re.IGNORECASE,
)
DATED_ITEM = re.compile(
    r"^\s*[-–—·•*]?\s*(?:"
    r"(?:(?:\d{1,2}(?:\.|er|º|st|nd|rd|th)?\s+(?:de\s+)?)?[^\W\d_]{3,10}\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?"
    r"(?:de\s+)?)?(?:1[89]|20)\d{2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})"
    r")\s*[:：–—|-]\s*\S"
)
_DATED_ITEM_MAX_CHARS = 300

# A CMS's tags line in the closing lines: a label ("Tags:", "Topics:", "Mots-clés :", "Sujets :",
# "Schlagwörter:", "Themen:", "Etiquetas:", "Temas:") and two or more short items split by "·", "•", "|" (or
# three by commas): "Temas: IA generativa · Programación · Agentes", "Tags: AI, chips, data centres". A
# sentence under the label ("Themen: Die Regierung will Rechenzentren fördern, sagt der Minister.") ends with
# a stop or has long items, and a topics line within the story (a summit's agenda) is not in the closing
# lines.
TAGS_LABEL = re.compile(
    r"^\s*(?:tags?|topics?|keywords|filed\s+under|mots[\s-]clés|sujets?|thèmes|"
    r"schlagw(?:ö|oe)rter|schlagworte|stichw(?:ö|oe)rter|themen|etiquetas|temas|palabras\s+clave)\s*[:：]\s*",
    re.IGNORECASE,
)
_TAG_SEPARATOR = re.compile(r"\s+[·•|]\s+")
_TAG_COMMA = re.compile(r"\s*[,;]\s+")
_TAG_MAX_WORDS = 4
_TAG_MAX_CHARS = 40
_TAGS_LINES = 5
_TAG_LABEL_CHARS = 20  # where the label's colon may be


# A placeholder's label on the line before it ("[Externer Inhalt]", "[External content]", "[Contenu externe]",
# "[Contenido externo]": EMBED_PLACEHOLDER's words alone on a short line) and its button on the line after it
# ("Inhalt laden", "Beitrag anzeigen", "Load content", "Afficher le contenu", "Ver publicación": at most three
# words, one a verb of showing or accepting) are the placeholder's too. A bracketed label, or a label with the
# button under the request, says what the request's line stands for when the line does not ("Um den Inhalt
# zu sehen, stimmen Sie zu"); a subhead "External content" over a story's paragraph about consent has neither.
_EMBED_LABEL_MAX_CHARS = 40
_BUTTON_MAX_CHARS = 30
_BUTTON_MAX_WORDS = 3
_BUTTON_VERBS = frozenset((
    "load", "show", "view", "play", "watch", "accept", "allow", "enable", "display", "open",
    "laden", "anzeigen", "abspielen", "akzeptieren", "zulassen", "aktivieren", "einblenden", "öffnen",
    "ansehen",
    "afficher", "charger", "accepter", "voir", "lire", "activer", "autoriser", "regarder", "ouvrir",
    "mostrar", "cargar", "ver", "aceptar", "reproducir", "activar", "permitir", "abrir",
))  # fmt: skip


def _closing_lines(lines: list[str], n: int) -> list[int]:
    """The indexes of the last ``n`` lines with words, the last first."""
    found: list[int] = []
    k = len(lines) - 1
    while k >= 0 and len(found) < n:
        if lines[k].strip():
            found.append(k)
        k -= 1
    return found


def _next_line(lines: list[str], k: int, step: int) -> int | None:
    """The next line with words from line k (step 1) or the one before it (step -1)."""
    k += step
    while 0 <= k < len(lines):
        if lines[k].strip():
            return k
        k += step
    return None


def _embed_label(line: str) -> tuple[bool, bool]:
    """Whether the line is a placeholder's label, and whether it is in brackets."""
    s = line.strip()
    if not s or len(s) > _EMBED_LABEL_MAX_CHARS:
        return False, False
    bracketed = s[0] in "[(" and s[-1] in "])"
    words = s.strip("[]()").strip().rstrip(":：").strip()
    return EMBED_PLACEHOLDER.fullmatch(words) is not None, bracketed


def _embed_button(line: str) -> bool:
    s = line.strip().strip("[]()›»→ ")
    words = s.lower().split()
    return (
        0 < len(words) <= _BUTTON_MAX_WORDS
        and len(s) <= _BUTTON_MAX_CHARS
        and any(w in _BUTTON_VERBS for w in words)
    )


def _placeholders(lines: list[str], offsets: list[int], found: Iterable[int]) -> list[tuple[str, int, int]]:
    """Consent placeholders of embedded content (EMBED_PLACEHOLDER and CONSENT_REQUEST on one line, or
    CONSENT_REQUEST under a placeholder's label), on the short lines found with one of its hints, with their
    label and button lines."""
    zones: list[tuple[str, int, int]] = []
    for k in sorted(found):
        line = lines[k]
        if len(line) > _PLACEHOLDER_MAX_CHARS or not CONSENT_REQUEST.search(line):
            continue
        before = _next_line(lines, k, -1)
        label, bracketed = _embed_label(lines[before]) if before is not None else (False, False)
        after = _next_line(lines, k, 1)
        button = after is not None and _embed_button(lines[after])
        if (
            (EMBED_PLACEHOLDER.search(line) or (label and (bracketed or button)))
            and not _ATTRIBUTION.search(line)
            and not _REPORTED.search(line)
        ):
            first = before if label and before is not None else k
            last = after if button and after is not None else k
            zones.append(("embed", offsets[first], offsets[last] + len(lines[last])))
    return zones


def _quote_strip(line: str) -> bool:
    """A line of several quotes and at most a label's words besides (a ticker strip)."""
    if line.count("%") < 2 or len(line) > _QUOTE_STRIP_MAX_CHARS:
        return False
    quotes = QUOTE_ITEM.findall(line)
    if len(quotes) < 2:
        return False
    rest = _QUOTE_REST.sub(" ", QUOTE_ITEM.sub(" ", line)).split()
    return len(rest) <= _QUOTE_LABEL_WORDS


def _capitalised_name(name: str) -> bool:
    """Words that open with a capital or a figure ("Nasdaq Composite", "IBEX 35", "Euro/dólar")."""
    return all(w[:1].isupper() or w[:1].isdigit() for w in name.split())


def _price_strip(line: str, before: str) -> bool:
    """A line of name-and-price items split by "|", "·" or "•" (a leading label aside, alone or before a colon
    in the first item's segment; a closing note on the quotes aside), with two changes or a market label in
    its first segment or on the line before (``before``); under a market label, changes with no price too."""
    if len(line) > _QUOTE_STRIP_MAX_CHARS or not _LIST_SEPARATOR.search(line):
        return False
    parts = _LIST_SEPARATOR.split(line.strip())
    label = ""
    if not PRICE_ITEM.fullmatch(parts[0]):
        colon = parts[0].find(":")
        if colon > 0 and PRICE_ITEM.fullmatch(parts[0], colon + 1):
            label, parts[0] = parts[0][:colon], parts[0][colon + 1 :]  # "Börse aktuell: Nvidia 186,52 $"
        else:
            label = parts.pop(0)
        if len(label.split()) > _QUOTE_LABEL_WORDS:
            return False
    note = ""
    if (
        len(parts) > 2
        and len(parts[-1].split()) <= _MARKET_NOTE_MAX_WORDS
        and MARKET_NOTE.search(parts[-1])
        and not PRICE_ITEM.fullmatch(parts[-1])
    ):
        note = parts.pop()  # "Kurse mit 15 Minuten Verzögerung"
    if len(parts) < 2:
        return False
    changes = moved = 0
    for part in parts:
        if not (m := PRICE_ITEM.fullmatch(part)):
            return False
        if m.group("moved") is not None:
            if not _capitalised_name(part[: m.start("moved")]):
                return False
            moved += 1
        changes += m.group("change") is not None
    marked = (
        MARKET_WORDS.search(label) is not None
        or MARKET_WORDS.search(note) is not None
        or (len(before) <= _MARKET_LABEL_MAX_CHARS and MARKET_WORDS.search(before) is not None)
    )
    return marked or (changes >= 2 and not moved)


def _market_data(lines: list[str], offsets: list[int]) -> list[tuple[str, int, int]]:
    """Ticker strips, and runs of two or more lines of one quote each."""
    zones: list[tuple[str, int, int]] = []
    run: list[int] = []
    for k, line in enumerate([*lines, ""]):
        if "%" in line and len(line) <= _QUOTE_LINE_MAX_CHARS and QUOTE_LINE.fullmatch(line):
            run.append(k)
            continue
        if len(run) >= 2:
            zones.append(("market", offsets[run[0]], offsets[run[-1]] + len(lines[run[-1]])))
        run = []
        if "%" in line and _quote_strip(line):
            zones.append(("market", offsets[k], offsets[k] + len(line)))
        elif ("|" in line or "·" in line or "•" in line) and _price_strip(line, lines[k - 1] if k else ""):
            zones.append(("market", offsets[k], offsets[k] + len(line)))  # prices, no change or in brackets
    return zones


def _comments(text: str, lines: list[str], offsets: list[int], k: int) -> list[tuple[str, int, int]]:
    """Readers' comments from the heading on line k, if it is one: in the second half, a comment under it."""
    if 2 * offsets[k] < len(text) or not COMMENTS_HEADING.match(lines[k]):
        return []
    nxt = next((j for j in range(k + 1, len(lines)) if lines[j].strip()), None)
    if nxt is None or not COMMENT_LINE.match(lines[nxt]):
        return []
    return [("comments", offsets[k], len(text))]


def _ad(lines: list[str], offsets: list[int], k: int) -> list[tuple[str, int, int]]:
    """An advertising slot from line k, if it is a marker: the ad, and the end marker if any."""
    if not (m := AD_MARKER.match(lines[k])):
        return []
    stop = min(len(lines), k + 1 + _AD_SPAN_LINES)
    end = next(
        (
            j
            for j in range(k + 1, stop)
            if len(lines[j]) <= _AD_MARKER_MAX_CHARS * 2 and AD_END.match(lines[j])
        ),
        None,
    )
    if end is None:
        word = m.group("word")
        if word.lower() in _AD_SUBJECT_WORDS and not word.isupper():
            return []
        end = next((j for j in range(k + 1, len(lines)) if lines[j].strip()), None)
        if end is None or len(lines[end]) > _AD_MAX_CHARS:
            return []
    return [("ad", offsets[k], offsets[end] + len(lines[end]))]


def _archive(lines: list[str], offsets: list[int], k: int) -> list[tuple[str, int, int]]:
    """An archive box from the heading on line k, if it is one: the dated items or link titles under it."""
    if not ARCHIVE_HEADING.match(lines[k]):
        return []
    j = k + 1
    while j < len(lines) and (
        (len(lines[j]) <= _DATED_ITEM_MAX_CHARS and DATED_ITEM.match(lines[j]))
        or _looks_like_headline(lines[j])
    ):
        j += 1
    if j == k + 1:
        return []
    return [("related", offsets[k], offsets[j - 1] + len(lines[j - 1]))]


def _tag_list(rest: str) -> bool:
    """Short items split by "·", "•" or "|" (two or more), or by commas (three or more); no sentence's end."""
    rest = rest.strip()
    if not rest or rest[-1] in ".!?:":
        return False
    items = _TAG_SEPARATOR.split(rest)
    if len(items) < 2:
        items = _TAG_COMMA.split(rest)
        if len(items) < 3:
            return False
    return all(
        0 < len(item) <= _TAG_MAX_CHARS
        and len(item.split()) <= _TAG_MAX_WORDS
        and not any(c in item for c in "!?:")
        and ". " not in item
        for item in items
    )


def _tags(lines: list[str], offsets: list[int]) -> list[tuple[str, int, int]]:
    """A tags line among the last few lines with words."""
    zones: list[tuple[str, int, int]] = []
    for k in _closing_lines(lines, _TAGS_LINES):
        line = lines[k]
        if (
            (line.find(":", 0, _TAG_LABEL_CHARS) >= 0 or line.find("：", 0, _TAG_LABEL_CHARS) >= 0)
            and (m := TAGS_LABEL.match(line))
            and _tag_list(line[m.end() :])
        ):
            zones.append(("tags", offsets[k], offsets[k] + len(line)))
    return zones


def _page_widgets(
    text: str, lines: list[str], offsets: list[int], embedded: Iterable[int]
) -> list[tuple[str, int, int]]:
    """Embedded-content placeholders (on the lines ``embedded``), market data, readers' comments,
    advertising slots, archive boxes and a closing tags line."""
    zones = _placeholders(lines, offsets, embedded)
    if "%" in text or "|" in text or "·" in text or "•" in text:
        zones += _market_data(lines, offsets)
    commented = False
    for k, line in enumerate(lines):
        if len(line) > LABEL_MAX_CHARS:
            continue
        # _ad's and _archive's first tests inlined (each returns [] when its pattern does not match the line):
        # most lines open neither, and the call is most of the cost.
        if len(line) <= _AD_MARKER_MAX_CHARS and AD_MARKER.match(line):
            zones += _ad(lines, offsets, k)
        # _comments' first test inlined: a heading in the second half of the text (the anchored pattern fails
        # at a line's first letters, as cheap as the substring tests it had before its vocabulary grew).
        if (
            not commented
            and 2 * offsets[k] >= len(text)
            and COMMENTS_HEADING.match(line)
            and (found := _comments(text, lines, offsets, k))
        ):
            zones += found
            commented = True
        if ARCHIVE_HEADING.match(line):
            zones += _archive(lines, offsets, k)  # an archive box under its heading
    zones += _tags(lines, offsets)
    return zones


# A mail client's automatic signature, closing a quoted email or message: "Sent from my iPhone", « Envoyé de
# mon iPhone », „Von meinem iPhone gesendet“, "Enviado desde mi iPhone", "Sent from Outlook for Android",
# "Enviado desde Yahoo Mail para Android". A line of its own (maybe closing a quotation) with the device or
# the app after the possessive, or an app "for" a system; a story's sentence about sending goes on ("Sent from
# my iPhone, the message reached Apple's servers", "Sent from Apple's headquarters in Cupertino, the memo
# ...").
_SIGNED_DEVICE = r"[\w][\w'’.+-]*(?:[ \t]+[\w'’.+-]+){0,3}?"
_SIGNED_APP = r"[A-ZÀ-ÖØ-Þ][\w'’.+-]*(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’.+-]*){0,2}?"
MAIL_SIGNATURE = re.compile(
    r"^[ \t]*[«\"“„‚'‘>]*[ \t]*(?:"
    r"(?i:sent\s+(?:from|with|via|using)|envoyé\s+(?:de|depuis|avec|à\s+partir\s+d[e'’])|gesendet\s+(?:von|mit|über)|"
    r"enviado\s+(?:desde|con|mediante))[ \t]+"
    r"(?:(?i:my|mon|ma|meinem|meiner|mi)[ \t]+"
    + _SIGNED_DEVICE
    + r"|"
    + _SIGNED_APP
    + r"[ \t]+(?i:for|pour|für|para)[ \t]+"
    + _SIGNED_DEVICE
    + r")|(?i:von|vom|mit)[ \t]+(?i:meinem|meiner)[ \t]+"
    + _SIGNED_DEVICE
    + r"[ \t]+(?i:gesendet|verschickt|versendet|gesandt))"
    r"[ \t]*[.!]?[ \t]*[»\"”“'’]*[ \t]*$"
)
_SIGNATURE_MAX_CHARS = 80


def _mail_signatures(
    lines: list[str], offsets: list[int], found: Iterable[int]
) -> list[tuple[str, int, int]]:
    """Mail signatures (MAIL_SIGNATURE) on the short lines found with one of its hints (or a
    placeholder's)."""
    return [
        ("signature", offsets[k], offsets[k] + len(lines[k]))
        for k in sorted(found)
        if len(lines[k]) <= _SIGNATURE_MAX_CHARS and MAIL_SIGNATURE.match(lines[k])
    ]


# AUTHOR_NOTE, EDITOR_NOTE or NOTE_LABEL at the line's start: one anchored match on every short line instead
# of three; the one that matched is then asked again, as before.
_ANY_NOTE = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (AUTHOR_NOTE, EDITOR_NOTE, NOTE_LABEL)), re.IGNORECASE
)


def _bracketed(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches open with "(" or "[" (CREDIT_INLINE,
    DISCLOSURE_INLINE): the brackets are found with str.find, several times faster than the regex
    engine's scan for its first character, and the pattern is tried there only."""
    found = []
    pos = 0
    paren = text.find("(")
    square = text.find("[")
    while paren >= 0 or square >= 0:
        at = paren if square < 0 or 0 <= paren < square else square
        m = pattern.match(text, at)
        pos = m.end() if m else at + 1
        if m:
            found.append(m)
        if paren >= 0 and paren < pos:
            paren = text.find("(", pos)
        if square >= 0 and square < pos:
            square = text.find("[", pos)
    return found


def mask_boilerplate(text: str) -> tuple[str, list[tuple[str, int, int]]]:
    """Blank related-links blocks, byline lines and credit lines; return text and zones.

    Zones are ``(kind, start, end)`` for ``--explain``. Only short lines are touched: a
    paragraph that merely starts with "Related" or "By" stays.
    """
    zones: list[tuple[str, int, int]] = []
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    pictured, embedded = _hinted_lines(text, offsets)
    zones += _page_widgets(text, lines, offsets, embedded)
    if embedded:
        zones += _mail_signatures(lines, offsets, embedded)  # "Enviado desde mi iPhone"
    captions: list[int] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        start = offsets[i]
        edge = i < _CORRECTION_EDGE_LINES or i >= len(lines) - _CORRECTION_EDGE_LINES
        # The first test of _correction_note inlined: most lines fail it.
        if (
            line[:2] in (_CORRECTION_EDGE_HEADS if edge else _CORRECTION_LABEL_HEADS)
            or line[:1] in _CORRECTION_STRIP
        ) and _correction_note(line, edge):  # "Fe de errores: una versión anterior de esta información ..."
            zones.append(("byline", start, start + len(line)))
            i += 1
            continue
        if (
            len(line) <= _AUTHOR_NOTE_MAX_CHARS
            and _ANY_NOTE.match(line)
            and (
                _author_note(line)
                or (EDITOR_NOTE.match(line) and DISCLOSED_TIE.search(line))
                or (
                    (note_label := NOTE_LABEL.match(line)) is not None
                    and _disclosure(line[note_label.end() :])
                )
            )
        ):
            zones.append(("byline", start, start + len(line)))
            i += 1
            continue
        stripped = line.strip()
        # A widget's heading first: "Related content" is more than "Related". A long line's label is used
        # only with a list after it (below, `listed`): a long line with no separator is not tried.
        label = (
            RELATED_WIDGET.match(line) or RELATED_LABEL.match(line)
            if len(line) <= _HEADLINE_MAX_CHARS + 20 or "·" in line or "•" in line or "|" in line
            else None
        )
        # `rest`: what follows the label on its line; None when the line opens no block.
        rest = line[label.end() :].strip() if label and len(stripped) else None
        listed = ("·" in line or "•" in line or "|" in line) and _LIST_SEPARATOR.search(line) is not None
        if listed and rest is None and (inline := RELATED_HEADING_INLINE.match(line)):
            rest = line[inline.end() :].strip()  # "Mehr aus der Region: Titel · Titel"
        if listed and rest and rest[0] in "·•|":
            rest = rest[1:].strip()  # "Previous issues: · #86: Title · #85: Title"
        if listed and rest and _LIST_SEPARATOR.search(rest) and _headline_list(rest):
            zones.append(("related", start, start + len(line)))  # "Read also: Title · Title"
            i += 1
            continue
        # A caption's closing credit ("Photo: ... (AFP)"), or a long credit line's.
        caption = (
            (CAPTION_LABEL.match(line) or (len(stripped) > _BYLINE_MAX_CHARS and CREDIT_LINE.match(line)))
            if (line.find(":", 0, 60) >= 0 or line.find("：", 0, 60) >= 0)
            and stripped
            and len(line) <= _CAPTION_MAX_CHARS
            else None
        )
        if caption:
            captions.append(i)  # a chart's may have a data credit under it (``_data_credits``)
        if caption and (trailing := TRAILING_CREDIT.search(line, caption.end() - 1)):
            zones.append(("credit", start + trailing.start(), start + len(line)))
            i += 1
            continue
        if (
            (":" in line[-80:] or "：" in line[-80:])
            and (credit := LABELLED_CREDIT_AT_END.search(line, max(0, len(line) - 90)))
            and len(credit.group("who").split()) <= _LABELLED_CREDIT_WORDS
            and (credit.group("source") is None or _names_and_date(credit.group("who")))
        ):
            # The rest of the line may still be a byline or a credit line as a whole.
            zones.append(("credit", start + credit.start("credit"), start + len(line)))
        if len(line) > _HEADLINE_MAX_CHARS + 20:  # a paragraph of the article: nothing to find
            i += 1
            continue
        if _own_promo(line):  # "Follow us on Instagram", "Unser Briefing gibt es jetzt bei WhatsApp"
            zones.append(("promo", start, start + len(line)))
            i += 1
            continue
        heading = rest is None and RELATED_HEADING.match(line) is not None
        if heading:
            rest = ""
        if rest is not None:
            if rest and _looks_like_headline(rest):
                zones.append(("related", start, start + len(line)))  # "À lire aussi : Title"
                i += 1
                continue
            followed = i + 1 < len(lines) and _looks_like_headline(lines[i + 1])
            # A label scoped to a dossier ("À lire aussi dans notre dossier Intelligence artificielle") is
            # longer than a bare one: like a colon heading, it opens a block with a link title under it.
            scoped = label is not None and label.re is RELATED_LABEL and label.group("scope") is not None
            if not rest and (len(stripped) <= LABEL_MAX_CHARS or ((heading or scoped) and followed)):
                j = i + 1
                while j < len(lines) and _looks_like_headline(lines[j]):
                    j += 1
                end = offsets[j - 1] + len(lines[j - 1])
                zones.append(("related", start, end))
                i = j
                continue
        if stripped and _reporting_credit(line):
            zones.append(("credit", start, start + len(line)))
            i += 1
            continue
        if stripped and len(stripped) <= _BYLINE_MAX_CHARS:
            if CREDIT_LINE.match(line):
                zones.append(("credit", start, start + len(line)))
            elif BYLINE.match(line) and not stripped.endswith("."):
                zones.append(("byline", start, start + len(line)))
        i += 1
    # A generated picture's credit, unless a credit line already holds it ("Illustration: KI-generiert mit
    # X").
    zones += [
        ("credit", m.start(), m.end())
        for k in _generated_credit_lines(text, offsets, pictured)
        for m in GENERATED_CREDIT.finditer(text, offsets[k], offsets[k] + len(lines[k]))
        if not any(s <= m.start() < e for _, s, e in zones)
    ]
    if "(" in text or "[" in text:
        zones += [("credit", m.start(), m.end()) for m in _bracketed(CREDIT_INLINE, text)]
        zones += [("byline", m.start(), m.end()) for m in _bracketed(DISCLOSURE_INLINE, text)]

    # A picture's credit by who gave it ("Foto de archivo cedida por Apple"), unless a zone holds it already.
    zones += [
        z for z in _courtesy_credits(lines, offsets, pictured) if not any(s <= z[1] < e for _, s, e in zones)
    ]

    # A data source's credit on its line, closing the article or under a chart ("Données de téléchargement :
    # Hugging Face, octobre 2025."), unless a zone holds it already.
    zones += [
        z for z in _data_credits(lines, offsets, captions) if not any(s <= z[1] < e for _, s, e in zones)
    ]

    # A screenshot's credit closing a caption with no bracket or colon ("... en juin. Capture d'écran
    # YouTube"), unless a zone holds it already.
    zones += [
        z
        for z in _screenshot_credits(lines, offsets, pictured)
        if not any(s <= z[1] < e for _, s, e in zones)
    ]

    # A footer line that is also a note about the author ("La Matinale est écrite par ... Vous recevez cette
    # lettre parce que ... Se désabonner.") is that note.
    for kind, s, e in _closing_furniture(lines, offsets):
        is_note = kind == "footer" and _closing_note(lines, bisect_right(offsets, s) - 1, text) == 0
        zones.append(("byline" if is_note else kind, s, e))

    # The closing paragraph (before any related block or credit line): a note about the author,
    # the author's bio, or a disclosure.
    def masked(k: int) -> bool:
        return any(s <= offsets[k] < e for _, s, e in zones)

    last = next((k for k in range(len(lines) - 1, -1, -1) if lines[k].strip() and not masked(k)), -1)
    disclaimed = (
        last >= 0
        and len(lines[last]) <= _AUTHOR_NOTE_MAX_CHARS
        and _disclaimer(lines[last])
        and _SENTENCE_START.search(lines[last]) is None
    )
    if disclaimed:  # the disclaimer on its own line: the note it ends is the paragraph before
        zones.append(("byline", offsets[last], offsets[last] + len(lines[last])))
        last = next((k for k in range(last - 1, -1, -1) if lines[k].strip() and not masked(k)), -1)
    if last >= 0 and (note := _closing_note(lines, last, text, disclaimed)) is not None:
        zones.append(("byline", offsets[last] + note, offsets[last] + len(lines[last])))
    for _, s, e in zones:
        text = _blank(text, s, e)
    return text, sorted(zones, key=lambda z: z[1])
