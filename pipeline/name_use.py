"""Uses of a company's name that do not mention the company: platform lists, figures of speech.

The tagger (pipeline/tagging.py) finds a name; these rules look at the words around it and
say when the text names the company, or one of its products, without writing about it. A
name so used is dropped like a name inside a blocker phrase (the taxonomy's header,
"Availability lists" and "Figures of speech"); the company's other mentions still count.

Availability lists. An operating system named to say where a product runs ("available for
macOS, with Windows and Android versions to follow", "disponible sur Windows, macOS et iOS",
"Versionen für Windows, iOS und Android", "disponible para Android e iOS") is not news about
the company that makes the system. The taxonomy's ``platforms`` lists the names and their
owners. Names joined by commas, slashes or "and/or" (et/ou, und/oder/sowie, y/e/o/u) form a
list, which is an availability list when

- it is introduced by a preposition of availability: for/on/to/across/under, sur/pour/sous,
  für/auf/unter, para/en ("nur für macOS", "on both iOS and Android");
- a version or app noun stands after it ("an iOS version", "Windows and Android versions",
  "die iOS-App") or right before it ("les versions Windows, iOS et Android", "la app de iOS");
- its clause says availability a few words before ("disponible para computadores Mac con
  macOS", "is available to download ... on macOS");
- or it names the platforms of two owners or more ("iOS and Android", "Windows, macOS"): a
  product offered on rivals' systems.

A name joined to a platform in such a list is named as a platform too, whatever it is ("für
iPhone und Android erhältlich", "the apps for iPhone and Android", "disponible sur iPhone et
Android"): a device, a console, a system the taxonomy does not list. Its owner is unknown, so
it never makes the second owner ("sales of iPhone and Android phones" are the phones), and a
product with no platform beside it stays the product ("la versión para iPhone llegará").

The system itself, as news, is not a list: a name followed by a version number ("iOS 26.4",
"Update auf iOS 27") unless two owners are listed, and an update for it ("ein Update für
iOS", "a patch for macOS").

Figures of speech. A company's or product's name used as a type ("the Salesforce of law
firms", "l'Amazon chinois", "le ChatGPT des experts-comptables", "un Uber para perros", "ein
Uber für Hunde", "a kind of GitHub for models", "its iPhone moment") says what something else
is like. A figure is an article before the name (or a preposition fused with it: "vom/zum/im/am iPhone
der Robotik", "du ChatGPT de la comptabilité", "del iPhone de la robótica") and, after it:

- "of"/de/des/du/del/der/des and a common noun: "the Salesforce of the future", "el
  Salesforce de los despachos", "das Netflix der Weiterbildung". Not a proper name ("el
  ChatGPT de OpenAI", "la Meta de Zuckerberg"), a year or an era ("the Google of the 2000s",
  "l'Apple des années 1980"), a possessive ("el iPhone de mi madre") or its owners ("vom iPhone
  der Nutzer", "l'iPhone des utilisateurs"), a model generation
  ("dem iPhone der dritten Generation"), and in German not a relative clause (", das Google
  für ...");
- after an indefinite article, "for"/pour/für/para ("a GitHub for recipes", "ein Uber für
  Hunde"); in English a bare noun must follow ("an iPhone for a chatbot" is the phone);
- in French and Spanish, a nationality after the name ("l'Amazon chinois", "el Amazon
  chino"); before it, the nationality is the company's own ("l'américain Nvidia").

And with or without an article: "a kind of"/une sorte de/eine Art/una especie de before the
name when no noun follows it ("a kind of Nvidia chip" is a chip), and "moment" ("its iPhone
moment", "le moment ChatGPT", "ein ChatGPT-Moment", "su momento iPhone").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple


class PlatformHit(NamedTuple):
    start: int
    end: int
    owner: str  # a company id, or "none"


# --- Availability lists -------------------------------------------------------------------

_CONJUNCTION = (
    r"(?:and|or|as\s+well\s+as|plus|et|ou|ainsi\s+que|und|oder|sowie|y|e|o|u|así\s+como|además\s+de)"
)
_PREPOSITION = r"(?:for|on|to|across|under|sur|pour|sous|für|auf|unter|para|en)"
_ARTICLE = r"(?:the|le|la|les|l'|el|los|las|der|die|das|dem|den)"
# Between two names of one list: "Windows, macOS et iOS", "iOS/Android", "Android e iOS",
# "iOS- und Android-Apps", "Android e iOS, además de en la web".
_SEPARATOR = re.compile(
    rf"\s*-?\s*(?:[,/]\s*(?:{_CONJUNCTION}\s+)?|{_CONJUNCTION}\s+)(?:{_PREPOSITION}\s+)?(?:{_ARTICLE}\s*)?",
    re.IGNORECASE,
)
# What introduces a list: a preposition of availability, maybe "both" and an article.
_INTRODUCED = re.compile(
    rf"(?<![\w-])(?P<prep>{_PREPOSITION})\s+(?:(?:both|either|sowohl|tanto|à\s+la\s+fois)\s+)?(?:{_ARTICLE}\s*)?$",
    re.IGNORECASE,
)
# ... unless it is an update of the system itself: "ein Update für iOS", "a patch for macOS".
_UPDATE_BEFORE = re.compile(
    r"(?<!\w)(?:updates?|patch(?:es)?|upgrades?|betas?|bêtas?|mises?\s+à\s+jour|correctifs?|Aktualisierung(?:en)?|"
    r"Sicherheitsupdates?|Softwareupdates?|Software-Updates?|actualizaci(?:ón|ones)|parches?)\s*$",
    re.IGNORECASE,
)
_VERSION_NOUN = (
    r"(?:versions?|apps?|applications?|applis?|clients?|editions?|builds?|ports?|Versionen|Fassung(?:en)?|"
    r"Anwendung(?:en)?|versi(?:ón|ones)|aplicaci(?:ón|ones))"
)
_NOUN_AFTER = re.compile(rf"\s*-?\s*{_VERSION_NOUN}\b", re.IGNORECASE)
_NOUN_BEFORE = re.compile(
    rf"(?<!\w){_VERSION_NOUN}\s+(?:(?:de|d'|del|for|pour|für|para|of)\s*)?(?:{_ARTICLE}\s*)?$", re.IGNORECASE
)
# A clause that says availability, at most this many words before the list.
AVAILABILITY_WORDS = 8
_AVAILABLE = re.compile(
    r"(?<!\w)(?:available|availability|compatible|downloadable|download|"
    r"disponibles?|disponibilité|téléchargeable|télécharger|"
    r"verfügbar|erhältlich|kompatibel|herunterladen|"
    r"disponibilidad|descargar|descargable)(?!\w)",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[.!?;:\n](?!\d)")
_LOOK_AROUND = 40
_VERSION_NUMBER = re.compile(r"\s*\d")


# A name joined to a platform in its list is named as a platform too, whatever it is: a device
# ("für iPhone und Android", "sur iPhone et Android"), a console, a system the taxonomy does not
# list. A word with a capital letter; after the platform only with a conjunction or slash (not
# "for Android, Apple said"). Its owner is unknown: it never makes a second owner, so "iPhone
# and Android phones" stays the phones, and "la versión para iPhone" alone stays the product.
_LISTED_NAME = r"[^\W\d_]*[A-ZÀ-ÖØ-Þ]\w*"
_NAME_BEFORE = re.compile(rf"(?<![\w-])(?P<name>{_LISTED_NAME})(?i:{_SEPARATOR.pattern})$")
_NAME_AFTER = re.compile(rf"(?P<sep>(?i:{_SEPARATOR.pattern}))(?P<name>{_LISTED_NAME})(?!\w)")
_JOINED_BY = re.compile(rf"[/]|(?i:\b{_CONJUNCTION}\b)")
_NAME_HOPS = 3
_UNKNOWN = ""


def _listed_names(text: str, platforms: list[PlatformHit]) -> list[PlatformHit]:
    """The platforms, and the names joined to them in a list (owner unknown)."""
    known = {(h.start, h.end) for h in platforms}
    found: list[PlatformHit] = []
    frontier = platforms
    for _ in range(_NAME_HOPS):
        new: list[PlatformHit] = []
        for h in frontier:
            before = _NAME_BEFORE.search(text[max(0, h.start - _LOOK_AROUND) : h.start])
            if before is not None:
                start = h.start - len(before.group()) + before.start("name") - before.start()
                new.append(PlatformHit(start, start + len(before.group("name")), _UNKNOWN))
            after = _NAME_AFTER.match(text, h.end)
            if after is not None and _JOINED_BY.search(after.group("sep")):
                new.append(PlatformHit(after.start("name"), after.end("name"), _UNKNOWN))
        frontier = [h for h in new if (h.start, h.end) not in known]
        known |= {(h.start, h.end) for h in frontier}
        found += frontier
        if not frontier:
            break
    return platforms + found


def availability_listed(text: str, platforms: Iterable[PlatformHit]) -> set[tuple[int, int]]:
    """(start, end) of every platform name in ``text`` that stands in an availability list, and of
    every name joined to one there."""
    ordered = sorted(_listed_names(text, list(platforms)), key=lambda h: (h.start, -h.end))
    runs: list[list[PlatformHit]] = []
    for hit in ordered:
        if runs and _SEPARATOR.fullmatch(text, runs[-1][-1].end, hit.start):
            runs[-1].append(hit)
        elif not runs or hit.start >= runs[-1][-1].end:
            runs.append([hit])
    listed: set[tuple[int, int]] = set()
    for run in runs:
        first, last = run[0], run[-1]
        before = text[max(0, first.start - 120) : first.start]
        clause = _CLAUSE_BREAK.split(before)[-1]
        introduced = _INTRODUCED.search(before)
        if introduced and _UPDATE_BEFORE.search(before, 0, introduced.start("prep")):
            introduced = None
        two_owners = len({h.owner for h in run if h.owner != _UNKNOWN}) > 1
        availability = (
            two_owners
            or introduced is not None
            or _NOUN_AFTER.match(text, last.end) is not None
            or _NOUN_BEFORE.search(before) is not None
            or any(len(clause[m.end() :].split()) <= AVAILABILITY_WORDS for m in _AVAILABLE.finditer(clause))
        )
        if not availability:
            continue
        for h in run:
            # "iOS 26.4" is the system itself, as news, unless rivals' systems are listed with it.
            if two_owners or _VERSION_NUMBER.match(text, h.end) is None:
                listed.add((h.start, h.end))
    return listed


# --- Figures of speech ----------------------------------------------------------------------

_Q_OPEN = r"[\"“„«»‹]?\s*"
_Q_CLOSE = r"\s*[\"”“»«›]?"
# What never makes the name a type: a proper name, a year or an era, a possessive, a model's
# generation ("of the 2000s", "des années 1980", "de mi madre", "der dritten Generation").
_NOT_A_TYPE = (
    r"(?!\d|(?:early|late|mid)\b|(?:années|años|years|Jahre|Jahres|Jahrs|decades?|décennies?|décadas?|Jahrzehnt\w*|"
    r"era|ère|époque|época|Ära|generations?|générations?|generaci(?:ón|ones)|Generation(?:en)?|"
    r"today|yesterday|yore|old|then|now|past|passé|pasado|Vergangenheit|aujourd'hui|hier|antan|jadis|autrefois|heute|gestern|"
    r"hoy|ayer|antaño|entonces|occasion|"
    # Whose phone it is, not what it is like ("vom iPhone der Nutzer", "l'iPhone des clients").
    r"users?|customers?|owners?|buyers?|utilisat(?:eur|rice)s?|clients?|clientes?|propriétaires?|acheteurs?|"
    r"usuari[oa]s?|dueñ[oa]s?|propietari[oa]s?|compradore?s?|Nutzer\w*|Benutzer\w*|Anwender\w*|Kund(?:e|en|in|innen)|"
    r"Besitzer\w*|Käufer\w*|"
    r"my|his|her|their|our|your|its|mon|ma|mes|ton|ta|tes|son|sa|ses|leur|leurs|notre|nos|votre|vos|"
    r"mi|mis|tu|tus|su|sus|nuestr[oa]s?|vuestr[oa]s?|"
    r"mein\w*|dein\w*|sein\w*|ihr\w*|unser\w*|euer|eur\w*)\b)"
)


class _Figure(NamedTuple):
    before: re.Pattern[str]  # must match the end of the text before the name
    after: re.Pattern[str]  # must match right after the name ("" when only the before counts)
    hint: str  # a word the text before must contain, when ``after`` is empty: a cheap first test


def _figure(before: str, after: str, hint: str = "") -> _Figure:
    # The article may open a sentence ("El Salesforce de ..."); what follows the name keeps its case.
    return _Figure(re.compile(rf"(?:{before})$", re.IGNORECASE), re.compile(after), hint)


_FR_NATIONALITY = (
    r"(?:chinois|chinoise|européen|européenne|français|française|allemand|allemande|américain|américaine|"
    r"africain|africaine|indien|indienne|japonais|japonaise|coréen|coréenne|russe|britannique|italien|"
    r"italienne|espagnol|espagnole|suisse|brésilien|brésilienne|israélien|israélienne|canadien|canadienne|"
    r"asiatique|latino-américain|latino-américaine|local|locale|national|nationale)"
)
_ES_NATIONALITY = (
    r"(?:chino|china|europeo|europea|español|española|latinoamericano|latinoamericana|africano|africana|"
    r"alemán|alemana|francés|francesa|indio|india|japonés|japonesa|ruso|rusa|coreano|coreana|mexicano|"
    r"mexicana|argentino|argentina|americano|americana|estadounidense|británico|británica|italiano|italiana|"
    r"brasileño|brasileña|canadiense|asiático|asiática|local|nacional|criollo|criolla)"
)
# A preposition, punctuation or the end after the name: no noun follows it ("a kind of GitHub
# for", not "a kind of Nvidia chip").
_NO_NOUN_AFTER = (
    r"(?:\s*[,.;:!?)\]—–]|\s*$|\s+(?:for|of|in|with|that|which|pour|de|des|du|d'|dans|avec|qui|für|der|des|"
    r"im|in|mit|unter|para|del|en|con|que)\b)"
)
_FIGURES: dict[str, tuple[_Figure, ...]] = {
    "en": (
        _figure(rf"(?<![\w'])(?:the|an?)\s+{_Q_OPEN}", rf"{_Q_CLOSE}\s+of\s+(?:the\s+)?+{_NOT_A_TYPE}[a-z]"),
        _figure(
            rf"(?<![\w'])an?\s+{_Q_OPEN}",
            rf"{_Q_CLOSE}\s+for\s+(?!(?:an?|the|this|that|these|those|its|his|her|their|our|your|my)\b|\d)[a-z]",
        ),
        _figure(rf"(?<!\w)(?:kind|sort|type)\s+of\s+(?:an?\s+)?{_Q_OPEN}", rf"{_Q_CLOSE}{_NO_NOUN_AFTER}"),
        _figure(r"", rf"{_Q_CLOSE}[\s-]moments?\b"),
    ),
    "fr": (
        _figure(
            rf"(?<![\w'])(?:le|la|l'|un|une|du|au)\s*{_Q_OPEN}",
            rf"{_Q_CLOSE}\s+(?:(?:de|des|du)\s+|d')(?:la\s+|l'|les\s+)?+{_NOT_A_TYPE}[a-zà-ÿ]",
        ),
        _figure(rf"(?<![\w'])(?:un|une)\s+{_Q_OPEN}", rf"{_Q_CLOSE}\s+pour\s+\w"),
        _figure(rf"(?<![\w'])(?:le|la|l'|un|une|du|au)\s*{_Q_OPEN}", rf"{_Q_CLOSE}\s+{_FR_NATIONALITY}\b"),
        _figure(
            rf"(?<!\w)(?:une\s+sorte|une\s+espèce|un\s+genre|une\s+forme)\s+d(?:e\s+|')(?:une?\s+)?{_Q_OPEN}",
            rf"{_Q_CLOSE}{_NO_NOUN_AFTER}",
        ),
        _figure(rf"(?<!\w)(?:un|le|son|sa|leur|notre|votre)\s+moment\s+{_Q_OPEN}", r"", hint="moment"),
    ),
    "de": (
        # Not after a comma: there "das", "der", "die" open a relative clause.
        _figure(
            rf"(?<=[^,\s])\s+(?:das|der|die|dem|den|ein|eine|einem|einen|vom|zum|zur|im|am|beim|ins)\s+{_Q_OPEN}",
            rf"{_Q_CLOSE}\s+(?:der|des)\s+{_NOT_A_TYPE}[A-ZÄÖÜ]",
        ),
        _figure(rf"(?<!\w)(?:ein|eine|einen|einem)\s+{_Q_OPEN}", rf"{_Q_CLOSE}\s+für\s+\w"),
        _figure(
            rf"(?<!\w)(?:eine\s+Art|so\s+etwas\s+wie|sowas\s+wie)\s+(?:(?:ein|eine|das|der|die)\s+)?{_Q_OPEN}",
            rf"{_Q_CLOSE}{_NO_NOUN_AFTER}",
        ),
        _figure(r"", rf"{_Q_CLOSE}[\s-]Moment\b"),
    ),
    "es": (
        _figure(
            rf"(?<![\w'])(?:el|la|un|una|del|al)\s+{_Q_OPEN}",
            rf"{_Q_CLOSE}\s+(?:de|del)\s+(?:(?:la|las|los|el)\s+)?+{_NOT_A_TYPE}[a-záéíóúñü]",
        ),
        _figure(rf"(?<![\w'])(?:un|una)\s+{_Q_OPEN}", rf"{_Q_CLOSE}\s+para\s+\w"),
        _figure(rf"(?<![\w'])(?:el|la|un|una|del|al)\s+{_Q_OPEN}", rf"{_Q_CLOSE}\s+{_ES_NATIONALITY}\b"),
        _figure(
            rf"(?<!\w)(?:una\s+especie|una\s+suerte|un\s+tipo|una\s+clase)\s+de\s+(?:una?\s+)?{_Q_OPEN}"
            rf"|(?<!\w)algo\s+así\s+como\s+(?:una?|el|la)\s+{_Q_OPEN}",
            rf"{_Q_CLOSE}{_NO_NOUN_AFTER}",
        ),
        _figure(rf"(?<!\w)(?:un|el|su|nuestro|propio)\s+momento\s+{_Q_OPEN}", rf"{_Q_CLOSE}{_NO_NOUN_AFTER}"),
    ),
}
_LOOK_BEHIND = 60
# Per language, every figure's ``after`` in one pattern: most names are followed by none of them,
# and one anchored match says so. Figures with no ``after`` are tried on their ``hint``.
_ANY_AFTER = {
    lang: re.compile("|".join(f"(?:{f.after.pattern})" for f in figures if f.after.pattern))
    for lang, figures in _FIGURES.items()
}
_BEFORE_ONLY = {lang: tuple(f for f in figures if not f.after.pattern) for lang, figures in _FIGURES.items()}


def figure_of_speech(text: str, start: int, end: int, language: str | None) -> bool:
    """Whether the name at ``text[start:end]`` is used as a type, not for the company."""
    before = text[max(0, start - _LOOK_BEHIND) : start]
    for lang in (language,) if language in _FIGURES else tuple(_FIGURES):
        figures = _FIGURES[lang] if _ANY_AFTER[lang].match(text, end) else _BEFORE_ONLY[lang]
        for f in figures:
            if f.hint and f.hint not in before:
                continue
            if f.after.match(text, end) is not None and f.before.search(before) is not None:
                return True
    return False
