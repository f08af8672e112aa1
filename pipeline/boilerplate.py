"""Parts of an article that are not the article: related-links blocks, bylines, credits.

Used twice: on the HTML before extraction (articles.py drops the elements) and on plain
text before tagging (``mask_boilerplate`` blanks the lines, keeping character offsets).
"""

from __future__ import annotations

import re

# Labels that open a related-links block ("Read also", "Lire aussi", ...).
RELATED_LABEL = re.compile(
    r"^\s*(?:"
    r"(?:à\s+)?lire\s+(?:aussi|également)|voir\s+aussi|sur\s+le\s+même\s+sujet|"
    r"read\s+(?:also|more)|also\s+read|see\s+also|related(?:\s+(?:articles?|stories|coverage))?|"
    r"more\s+on\s+this(?:\s+story)?|"
    r"lee\s+también|lea\s+también|te\s+puede\s+interesar|más\s+información|"
    r"mehr\s+zum\s+thema|lesen\s+sie\s+auch|auch\s+interessant"
    r")\s*[:：.\-–—]?\s*",
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

# "Photo: Nvidia", "Crédit photo : Google", "Bild: Samsung", "Imagen: Apple", "Source: OpenAI",
# "Satellite image: Google Earth".
CREDIT_LINE = re.compile(
    # Up to two words may qualify the label: "Satellite image:", "Cover photo:", "Foto de portada:".
    # and two may follow it: "Photo d'illustration :", "Foto de archivo:".
    r"^\s*[\(\[]?\s*(?:[\w'’-]+\s+){0,2}(?:photos?|images?|pictures?|crédits?(?:\s+photos?)?|credits?|sources?|"
    r"illustrations?|quelle|bild|bilder|foto|fotos|imagen|imágenes|fuente|fuentes)(?:\s+[\w'’-]+){0,2}\s*[:：]\s*\S",
    re.IGNORECASE,
)
CREDIT_INLINE = re.compile(
    r"[\(\[]\s*(?:photo|image|picture|crédit(?:\s+photo)?|credit|source|quelle|bild|foto|imagen|fuente)"
    r"\s*[:：][^\)\]\n]{1,80}[\)\]]",
    re.IGNORECASE,
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

# "By Jane Example", "Par Marie Exemple, avec AFP", "Von Max Beispiel", "Por Juan Ejemplo".
BYLINE = re.compile(r"^\s*(?:[Bb]y|[Pp]ar|[Vv]on|[Pp]or)\s+[A-ZÀ-ÖØ-Þ]")
# A note about the author, usually the last paragraph: "The author is a former engineer at
# IBM", "L'auteure, ancienne ingénieure chez Apple, ...", "Der Autor war Forscher bei ...",
# or a disclosure of the author's or the outlet's interests.
AUTHOR_NOTE = re.compile(
    r"^\s*[*_—–-]?\s*(?:the\s+(?:author|writer)s?|about\s+the\s+author|l['’]\s?auteur(?:e|s)?|l['’]\s?autrice|"
    r"der\s+autor|die\s+autorin|zum\s+autor|zur\s+autorin|el\s+autor|la\s+autora|sobre\s+el\s+autor)\b"
    # ... but not "the author of the study", "l'auteur du rapport", "der Autor der Studie"
    # ("the author of this analysis" is a note).
    r"(?!,?\s+(?:of|de|du|des|d['’]|der|del)\s*(?!this\b|these\b|ce\b|cet\b|cette\b|ces\b|"
    r"dieses\b|dieser\b|este\b|esta\b|estos\b)\w)"
    # A disclosure about the author or the outlet: "Disclosure: the author holds shares in Apple",
    # "Offenlegung: …", "Transparencia: el grupo editor mantiene un acuerdo con OpenAI".
    r"|^\s*[*_—–(-]?\s*(?:(?:full\s+)?disclosures?|conflicts?\s+of\s+interest|transparence|"
    r"déclaration\s+d['’]\s?intérêts?|liens\s+d['’]\s?intérêts?|offenlegung|transparenz(?:hinweis)?|"
    r"interessenkonflikte?|hinweis\s+in\s+eigener\s+sache|transparencia|divulgación|"
    r"conflictos?\s+de\s+intereses)\s*[:：]",
    re.IGNORECASE,
)
# The closing line about the reporter: "Dana Example covers search. She previously worked at
# Microsoft.", "Marie Exemple couvre la tech", "Max Beispiel berichtet über Chips", "Ana Ejemplo
# cubre tecnología" (only as the article's last line: elsewhere a name + "covers" is news).
AUTHOR_BIO = re.compile(
    r"^\s*[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+){1,2}\s+(?:"
    r"covers|writes\s+about|reports\s+on|is\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:reporter|correspondent|editor|writer|columnist)|"
    r"couvre|écrit\s+sur|est\s+(?:journaliste|correspondante?|rédact(?:eur|rice))|"
    r"berichtet\s+über|schreibt\s+über|ist\s+(?:[\w-]+\s+){0,2}(?:Redakteurin|Redakteur|Korrespondentin|Korrespondent|Reporterin|Reporter)|"
    r"cubre|escribe\s+sobre|es\s+(?:periodista|corresponsal|redactora?))\b"
)
# ... unless the line reports what someone said: then it is the story ("Satya Nadella covers
# the costs himself, Microsoft said").
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|according|a\s+(?:déclaré|indiqué|affirmé)|selon|sagte|sagt|erklärte|"
    r"teilte|dijo|afirmó|declaró|según)\b",
    re.IGNORECASE,
)
_AUTHOR_NOTE_MAX_CHARS = 300
_BYLINE_MAX_CHARS = 90
_HEADLINE_MAX_CHARS = 140


def _blank(text: str, start: int, end: int) -> str:
    # Same length, so offsets into the masked text are offsets into the original.
    return text[:start] + "".join("\n" if c == "\n" else " " for c in text[start:end]) + text[end:]


def _looks_like_headline(line: str) -> bool:
    s = line.strip()
    # A link title: short, and not a sentence of the article (those end with a full stop).
    return 0 < len(s) <= _HEADLINE_MAX_CHARS and not s.endswith((".", ":", ";"))


def _headline_list(rest: str) -> bool:
    """One link title, or several split by "·", "•" or "|", each short enough to be one."""
    parts = _LIST_SEPARATOR.split(rest.strip())
    return all(_looks_like_headline(p) for p in parts)


# A sentence inside the last paragraph that opens an author note or disclosure: "… said the
# court. The author covered Microsoft for years." (only the last paragraph: elsewhere such a
# sentence is more likely part of the story).
_SENTENCE_START = re.compile(r"(?<=[.!?»”\"])\s+(?=\S)")


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
    last = max((k for k, line in enumerate(lines) if line.strip()), default=-1)
    i = 0
    while i < len(lines):
        line = lines[i]
        start = offsets[i]
        if len(line) <= _AUTHOR_NOTE_MAX_CHARS and AUTHOR_NOTE.match(line):
            zones.append(("byline", start, start + len(line)))
            i += 1
            continue
        if (
            i == last
            and len(line) <= _AUTHOR_NOTE_MAX_CHARS
            and AUTHOR_BIO.match(line)
            and not _ATTRIBUTION.search(line)
        ):
            zones.append(("byline", start, start + len(line)))
            i += 1
            continue
        if i == last:
            for m in _SENTENCE_START.finditer(line):
                tail = line[m.end() :]
                if len(tail) <= _AUTHOR_NOTE_MAX_CHARS and AUTHOR_NOTE.match(tail):
                    zones.append(("byline", start + m.end(), start + len(line)))
                    break
        stripped = line.strip()
        label = RELATED_LABEL.match(line)
        # `rest`: what follows the label on its line; None when the line opens no block.
        rest = line[label.end() :].strip() if label and len(stripped) else None
        listed = ("·" in line or "•" in line or "|" in line) and _LIST_SEPARATOR.search(line) is not None
        if listed and rest is None and (inline := RELATED_HEADING_INLINE.match(line)):
            rest = line[inline.end() :].strip()  # "Mehr aus der Region: Titel · Titel"
        if listed and rest and _LIST_SEPARATOR.search(rest) and _headline_list(rest):
            zones.append(("related", start, start + len(line)))  # "Read also: Title · Title"
            i += 1
            continue
        if len(line) > _HEADLINE_MAX_CHARS + 20:  # a paragraph of the article: nothing to find
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
            if not rest and (len(stripped) <= LABEL_MAX_CHARS or (heading and followed)):
                j = i + 1
                while j < len(lines) and _looks_like_headline(lines[j]):
                    j += 1
                end = offsets[j - 1] + len(lines[j - 1])
                zones.append(("related", start, end))
                i = j
                continue
        if stripped and len(stripped) <= _BYLINE_MAX_CHARS:
            if CREDIT_LINE.match(line):
                zones.append(("credit", start, start + len(line)))
            elif BYLINE.match(line) and not stripped.endswith("."):
                zones.append(("byline", start, start + len(line)))
        i += 1
    if "(" in text or "[" in text:
        zones += [("credit", m.start(), m.end()) for m in CREDIT_INLINE.finditer(text)]
    for _, s, e in zones:
        text = _blank(text, s, e)
    return text, sorted(zones, key=lambda z: z[1])
