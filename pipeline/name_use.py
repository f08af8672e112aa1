"""Uses of a company's name that do not mention the company: platform lists, figures of speech, a
person's first name, an animal's or a character's name, an acronym the article defines as something else,
a name introduced as a term, a building's name, another company of that name; and the words that say a
gated name is the company.

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
iOS", "a patch for macOS"). App stores are platforms too ("disponible sur l'App Store et
Google Play"); their fees or rules ("the App Store and Google Play fees") and an owner's
possessive ("Apple's App Store and Google's Play Store") make them news, not a list.

Streaming services (the taxonomy's ``streaming``: "Amazon Prime Video", "Apple TV") are news as often
as places to watch: their list says where to watch only with a word of availability or renting in its
clause ("Dónde verla: disponible para arriendo en Amazon Prime Video y Apple TV", « disponible en location
sur ») or a where-to-watch label in its line („Wo streamen: bei Amazon Prime Video und Apple TV“), not
with a preposition, a version noun or two owners alone ("Prime Video and Apple TV raise prices", "the
Apple TV app", "on Apple TV, which holds the rights").

An emoji's name ("dieses Emoji „Hugging Face“", "the Hugging Face emoji") is not the company.

Figures of speech. A company's or product's name used as a type ("the Salesforce of law
firms", "l'Amazon chinois", "le ChatGPT des experts-comptables", "un Uber para perros", "ein
Uber für Hunde", "a kind of GitHub for models", "its iPhone moment") says what something else
is like. A figure is an article before the name (or a preposition fused with it: "vom/zum/im/am iPhone
der Robotik", "du ChatGPT de la comptabilité", "del iPhone de la robótica") and, after it:

- "of"/de/des/du/del/der/des and a common noun: "the Salesforce of the future", "el
  Salesforce de los despachos", "das Netflix der Weiterbildung". Not a proper name ("el
  ChatGPT de OpenAI", "la Meta de Zuckerberg"), a year or an era ("the Google of the 2000s",
  "l'Apple des années 1980", "l'Apple de l'ère Jobs"; an era named by a thing is what the type is
  of: « l'Apple de l'ère de l'IA », "the Apple of the AI era"), a possessive ("el iPhone de mi
  madre") or its owners ("vom iPhone der Nutzer", "l'iPhone des utilisateurs"), a model generation
  ("dem iPhone der dritten Generation"), and in German not a relative clause (", das Google
  für ...");
- after an indefinite article, "for"/pour/für/para ("a GitHub for recipes", "ein Uber für
  Hunde"); in English a bare noun must follow ("an iPhone for a chatbot" is the phone);
- a place the company is not from (the taxonomy's ``country``): "China's Nvidia", "Europe's
  own OpenAI", "a Chinese Tesla", "the Nvidia of China", "das deutsche OpenAI", "Chinas Nvidia",
  "l'Amazon chinois", "le Nvidia de la Chine", "el OpenAI europeo", "el Nvidia de China" (the
  company's own place is a mention: "Taiwan's TSMC", "el Nvidia estadounidense"); in French and
  Spanish a nationality before the name is the company's own ("l'américain Nvidia").

And with or without an article: "a kind of"/une sorte de/eine Art/una especie de before the
name when no noun follows it ("a kind of Nvidia chip" is a chip), and "moment" ("its iPhone
moment", "le moment ChatGPT", "ein ChatGPT-Moment", "su momento iPhone"); the name joined to a
type word ("Tesla-style menus", "ChatGPT-like bots", "Tesla-artige Menüs", not "Tesla-Chef"); a
possessive determiner and "own" with no noun after the name ("our own ChatGPT", "notre propre
ChatGPT", "unser eigenes ChatGPT", "su propio ChatGPT"; not "OpenAI's own ChatGPT"), or an
indefinite article or a negation and "own" ("no OpenAI of its own", « aucun OpenAI à elle », "kein
eigenes OpenAI", "ningún OpenAI propio"); a quoted name made in-house ("ce « Nvidia maison »", "its
'in-house Nvidia'", „das „hauseigene Nvidia““, «Nvidia casero»); a doctor's or a professor's title
before the name, the company personified ("'Dr Google' isn't going away", « le docteur Google »,
„Dr. Google“, "el doctor ChatGPT").

Elsewhere in this module: names that are something else (a person, a being, a business, a colour, a
bridge, a building or a venue, a place, a fruit, a unit, a racehorse, a common noun beside its
counterpart, another company of that name from elsewhere), and what says a gated name is the company (a
noun for its trade before it, a role at it, a computer's model number after it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple


class PlatformHit(NamedTuple):
    start: int
    end: int
    owner: str  # a company id, or "none"
    service: bool = False  # a streaming service (the taxonomy's ``streaming``), not a system or a store


# --- Availability lists -------------------------------------------------------------------

_CONJUNCTION = (
    r"(?:and|or|as\s+well\s+as|plus|et|ou|ainsi\s+que|und|oder|sowie|y|e|o|u|así\s+como|además\s+de)"
)
_PREPOSITION = r"(?:for|on|to|across|under|sur|pour|sous|für|auf|unter|para|en)"
_ARTICLE = r"(?:the|le|la|les|l'|el|los|las|der|die|das|dem|den)"
# Between two names of one list: "Windows, macOS et iOS", "iOS/Android", "Android e iOS",
# "iOS- und Android-Apps", "Android e iOS, además de en la web".
# A store's list may repeat its preposition: "im App Store und bei Google Play", "sur l'App Store et
# dans le Play Store".
_SEPARATOR = re.compile(
    rf"\s*-?\s*(?:[,/]\s*(?:{_CONJUNCTION}\s+)?|{_CONJUNCTION}\s+)(?:(?:{_PREPOSITION}|bei|im|in|dans)\s+)?"
    rf"(?:{_ARTICLE}\s*)?",
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
# The platforms themselves as news, not where a product runs: their money or rules ("the App Store
# and Google Play fees", "les commissions de l'App Store et de Google Play", "die Provisionen von App
# Store und Google Play", "the rules for iOS and Android apps" is still a list of platforms), or an
# owner's possessive before a name ("Apple's App Store and Google's Play Store face a probe").
_MONEY_OR_RULES = (
    r"(?:fees?|commissions?|polic(?:y|ies)|rules|guidelines|monopoly|duopoly|antitrust|frais|règles|politiques?|"
    r"monopole|duopole|Gebühren|Provisionen?|Regeln|Richtlinien|Monopol|Duopol|comisi(?:ón|ones)|tarifas|"
    r"normas|pol[ií]ticas?|monopolio|duopolio)"
)
_AS_NEWS_BEFORE = re.compile(
    rf"(?<!\w){_MONEY_OR_RULES}\s+(?:(?:of|on|in|at|de|des|du|d'|von|der|bei|im|del|en)\s*)?(?:{_ARTICLE}\s*)?$",
    re.IGNORECASE,
)
_AS_NEWS_AFTER = re.compile(rf"\s*-?\s*{_MONEY_OR_RULES}(?!\w)", re.IGNORECASE)
_OWNER_POSSESSIVE = re.compile(r"(?<!\w)[A-Z][\w.-]*'s?\s+$")
_CLAUSE_BREAK = re.compile(r"[.!?;:\n](?!\d)")
_LOOK_AROUND = 40
# Streaming services (the taxonomy's ``streaming``: "Amazon Prime Video", "Apple TV") are news as often as
# where a film is watched ("the series streams on Apple TV, which holds the league's rights", "Prime Video
# and Apple TV raise prices", "the Apple TV app"): their list says where to watch only with a word of
# availability in its clause (_AVAILABLE, or renting: "available to rent on", « disponible en location
# sur », "disponible para arriendo en") or a where-to-watch label earlier in its line ("Where to watch:",
# « Où le voir : », „Wo streamen:“, "Dónde verla:"); not a preposition, a version noun or two owners alone.
_WATCH_CUE = re.compile(
    r"(?<!\w)(?:where\s+to\s+(?:watch|stream|see|rent)|watch\s+it\s+on|to\s+rent|for\s+rent|rental|"
    r"où\s+(?:(?:le|la|les)\s+)?(?:voir|regarder|streamer)|à\s+(?:voir|regarder)\s+sur|en\s+location|à\s+louer|"
    r"wo\s+(?:(?:zu\s+)?(?:streamen|sehen|schauen|gucken)|läuft)|zu\s+sehen\s+(?:bei|auf)|zum\s+(?:Leihen|Kaufen|Streamen)|"
    r"leihen|"
    r"d[óo]nde\s+(?:verl[ao]s?|ver|mirarl[ao]s?|mirar)|para\s+(?:arriendo|arrendar|alquilar|alquiler)|en\s+alquiler)"
    r"(?!\w)",
    re.IGNORECASE,
)
_VERSION_NUMBER = re.compile(r"\s*\d")


# A name joined to a platform in its list is named as a platform too, whatever it is: a device
# ("für iPhone und Android", "sur iPhone et Android"), a console, a system the taxonomy does not
# list. A word with a capital letter; after the platform only with a conjunction or slash (not
# "for Android, Apple said"). Its owner is unknown: it never makes a second owner, so "iPhone
# and Android phones" stays the phones, and "la versión para iPhone" alone stays the product.
_LISTED_NAME = r"[^\W\d_]*[A-ZÀ-ÖØ-Þ]\w*"
# The name is a whole word: "Disponible para iPhone" is no name "Disponibl" and a conjunction "e ".
_NAME_BEFORE = re.compile(rf"(?<![\w-])(?P<name>{_LISTED_NAME})(?!\w)(?i:{_SEPARATOR.pattern})$")
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


def _said_available(clause: str) -> bool:
    """A word of availability at most AVAILABILITY_WORDS words before the end of ``clause``."""
    return any(len(clause[m.end() :].split()) <= AVAILABILITY_WORDS for m in _AVAILABLE.finditer(clause))


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
        if (
            _AS_NEWS_BEFORE.search(before)
            or _AS_NEWS_AFTER.match(text, last.end)
            or any(_OWNER_POSSESSIVE.search(text, max(0, h.start - 30), h.start) for h in run if h.owner)
        ):
            continue  # the platforms as news: their fees or rules, "Apple's App Store and Google's ..."
        owned = [h for h in run if h.owner != _UNKNOWN]
        if owned and all(h.service for h in owned):
            # Streaming services: a word of availability or of renting, or a where-to-watch label in the line.
            if _said_available(clause) or _WATCH_CUE.search(before, before.rfind("\n") + 1) is not None:
                listed |= {(h.start, h.end) for h in run}
            continue
        introduced = _INTRODUCED.search(before)
        if introduced and _UPDATE_BEFORE.search(before, 0, introduced.start("prep")):
            introduced = None
        two_owners = len({h.owner for h in run if h.owner != _UNKNOWN}) > 1
        availability = (
            two_owners
            or introduced is not None
            or _NOUN_AFTER.match(text, last.end) is not None
            or _NOUN_BEFORE.search(before) is not None
            or _said_available(clause)
        )
        if not availability:
            continue
        for h in run:
            # "iOS 26.4" is the system itself, as news, unless rivals' systems are listed with it.
            if two_owners or _VERSION_NUMBER.match(text, h.end) is None:
                listed.add((h.start, h.end))
    return listed


# --- Figures of speech ----------------------------------------------------------------------

# Quotes around a figure, single ones too ("hailed as 'the Nvidia of batteries'", "the 'Nvidia of
# batteries'"): the text's typographic apostrophes are ASCII ones by then.
_Q_OPEN = r"[\"“„«»‹']?\s*"
_Q_CLOSE = r"\s*[\"”“»«›']?"
# Where an article starts a word: not after a letter, nor after an elision's apostrophe ("qu'un"); an
# opening single quote is no elision ("'the Nvidia of batteries'").
_WORD_START = r"(?<!\w)(?<!\w')"
# What never makes the name a type: a proper name, a year or an era, a possessive, a model's
# generation ("of the 2000s", "des années 1980", "de mi madre", "der dritten Generation").
# An era named by a thing, with its article, is no time of the company's but what the type is of: "the
# Apple of the era of AI", « l'Apple de l'ère de l'IA », "das Apple der Ära der KI", "el Apple de la era de
# la IA" (a figure, as "the Apple of the smartphone era" is); "l'Apple de l'ère Jobs", "el Apple de la era
# de Jobs", "das Apple der Ära Cook" are the company in a time.
_OF_A_THING = (
    r"\s+(?:of\s+(?:the\s+)?(?:[a-z]|[A-Z]{2,}(?![\w-]))|de\s+(?:la|las|los|el)\s+|de\s+l'|d(?:u|el|es)\s+"
    r"|der\s+|des\s+)"
)
_NOT_A_TYPE = (
    r"(?!\d|(?:early|late|mid)\b|(?:années|años|years|Jahre|Jahres|Jahrs|decades?|décennies?|décadas?|Jahrzehnt\w*|"
    rf"(?:era|ère|Ära)(?!{_OF_A_THING})|époque|época|generations?|générations?|generaci(?:ón|ones)|Generation(?:en)?|"
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


_PUNCT_AFTER = r"\s*(?:[,.;:!?)\]—–…]|$)"
_EN_NO_NOUN = (
    rf"{_Q_CLOSE}(?:{_PUNCT_AFTER}|\s+(?:of|for|in|on|at|with|that|which|who|whose|as|is|was|has|had|have|"
    r"will|would|could|can|may|might|should|must|to|by|from|when|while|because|if|than|does|did|itself)\b)"
)
_DE_NO_NOUN = rf"{_Q_CLOSE}(?:{_PUNCT_AFTER}|\s+[a-zäöüß])"
# French and Spanish put adjectives after the noun: any word in lower case may follow ("su propio
# ChatGPT y poco más"), not a capitalised word or a number ("notre propre ChatGPT Enterprise").
_FR_NO_NOUN = rf"{_Q_CLOSE}(?:{_PUNCT_AFTER}|\s+[a-zà-ÿœ])"
# The name joined to a word that makes it a type: "Tesla-style menus", "ChatGPT-like bots",
# "Tesla-artige Menüs", "ChatGPT-ähnliche Chatbots"; not "Tesla-Chef", "Nvidia-Chips", "OpenAI-backed".
_EN_TYPE_SUFFIX = r"[-‑](?i:style|like|esque|type)(?![\w-])"
_DE_TYPE_SUFFIX = r"[-‑](?i:artig|ähnlich)\w*"
# A possessive determiner and "own" before the name: "our own ChatGPT", "notre propre ChatGPT",
# "unser eigenes ChatGPT", "su propio ChatGPT". Not a genitive ("OpenAI's own ChatGPT").
_EN_OWN = rf"{_WORD_START}(?:my|your|his|her|its|our|their)\s+(?:very\s+)?own\s+{_Q_OPEN}"
_FR_POSSESSIVE = r"(?:mon|ton|son|ma|ta|sa|notre|votre|leur|mes|tes|ses|nos|vos|leurs)"
_FR_OWN = rf"{_WORD_START}{_FR_POSSESSIVE}\s+propres?\s+{_Q_OPEN}"
# An indefinite article or a negation does the same ("kein eigenes OpenAI", "ein eigenes ChatGPT"): not the
# definite article, which may be the company's own product ("Microsoft bewirbt das eigene Copilot").
_DE_OWN = (
    rf"(?<![\w-])(?:mein|dein|sein|ihr|unser|euer|eur|ein|kein)(?:e|es|er|em|en)?\s+eigen(?:e|es|er|em|en)\s+"
    rf"{_Q_OPEN}"
)
_ES_OWN = rf"{_WORD_START}(?:mis?|tus?|sus?|nuestr[oa]s?|vuestr[oa]s?)\s+propi[oa]s?\s+{_Q_OPEN}"
# "Own" after the name, with an indefinite article or a negation before it: "no OpenAI of its own", "an
# Nvidia of their own", « aucun OpenAI à elle », « pas d'OpenAI bien à lui », "ningún OpenAI propio", "un
# Nvidia propio". Not « la part d'OpenAI à elle seule » (by itself), nor a definite article ("el ChatGPT
# propio de OpenAI").
_EN_OF_ITS_OWN = r"\s+of\s+(?:my|your|his|her|its|our|their|one's)\s+(?:very\s+)?own(?![\w-])"
_FR_A_ELLE = (
    r"\s+(?:bien\s+)?à\s+(?:elle|lui|eux|elles|nous|vous|moi|toi|soi)(?![\w-])"
    r"(?!\s*-?\s*(?:seule?s?|même|mêmes|tout|toute|toutes)(?!\w))"
)
_ES_PROPIO_AFTER = r"\s+propi[oa]s?(?![\w-])"


# A quoted name with a word that says it is made in-house, at home ("Trainium, ce « Nvidia maison »", "its
# “in-house Nvidia”", „ein „hauseigenes Nvidia““, "su «Nvidia casero»"): a type of thing the speaker's own
# company makes, not the company. In quotes only: unquoted, such a word is said of a company's own product
# ("le TPU maison de Google", "Google's in-house TPU", "Amazons hauseigene Trainium-Chips").
_EN_IN_HOUSE = r"(?:in-house|home-made|homemade|home-grown|homegrown|home-built|homebuilt|do-it-yourself|DIY)"
_DE_IN_HOUSE = (
    r"(?:hauseigen|selbstgebaut|selbst\s+gebaut|selbstentwickelt|selbst\s+entwickelt)(?:e|es|er|em|en)?"
)
_IN_HOUSE_QUOTE_SHUT = r"\s*(?:[\"”“»›]|'(?!\w))"  # not a genitive's apostrophe ("OpenAI's")
_EN_IN_HOUSE_BEFORE = (
    rf"[\"“‹«']\s*(?:(?:the|an?|its|their|our)\s+)?{_EN_IN_HOUSE}\s+"
    rf"|{_WORD_START}(?:the|an?|its|their|our)\s+{_EN_IN_HOUSE}\s+[\"“‹«']\s*"
)
_DE_IN_HOUSE_BEFORE = (
    rf"[„“\"»«]\s*(?:(?:das|der|die|den|dem|ein|eine|einen|einem|sein\w*|ihr\w*)\s+)?{_DE_IN_HOUSE}\s+"
    rf"|(?<![\w-])(?:das|der|die|den|dem|ein|eine|einen|einem|sein\w*|ihr\w*)\s+{_DE_IN_HOUSE}\s+[„“\"»«]\s*"
)
_FR_MAISON_AFTER = rf"\s+(?:fait\s+)?maison{_IN_HOUSE_QUOTE_SHUT}"
_ES_CASERO_AFTER = (
    rf"\s+(?:caser[oa]|de\s+la\s+casa|hecho\s+en\s+casa|de\s+cosecha\s+propia){_IN_HOUSE_QUOTE_SHUT}"
)
_ROMANCE_QUOTE_BEFORE = (
    r"[«\"“‹]\s*(?:(?:le|la|un|une|du|au|ce|cet|cette|son|sa|leur|notre|votre|el|al|del|su|este|ese|esta|esa)\s+"
    r"|l'\s*)?"
)


class _Figure(NamedTuple):
    before: re.Pattern[str]  # must match the end of the text before the name
    after: re.Pattern[str]  # must match right after the name ("" when only the before counts)
    hint: str  # a word the text before must contain, when ``after`` is empty: a cheap first test
    # A cheap first test: the words (in lower case) one of which ``before`` must end with, spaces and an
    # opening quote aside (a word that ends with an elision's apostrophe also without it: "l'", "l");
    # empty: no test.
    ends: tuple[str, ...] = ()


def _figure(before: str, after: str, hint: str = "", ends: str = "") -> _Figure:
    # The article may open a sentence ("El Salesforce de ..."); what follows the name keeps its case.
    return _Figure(re.compile(rf"(?:{before})$", re.IGNORECASE), re.compile(after), hint, tuple(ends.split()))


# A preposition, punctuation or the end after the name: no noun follows it ("a kind of GitHub
# for", not "a kind of Nvidia chip").
_NO_NOUN_AFTER = (
    r"(?:\s*[,.;:!?)\]—–]|\s*$|\s+(?:for|of|in|with|that|which|pour|de|des|du|d'|dans|avec|qui|für|der|des|"
    r"im|in|mit|unter|para|del|en|con|que)\b)"
)
# A figure in quotes with no article: the quote opens right before the name and closes a few words
# after the noun ("une start-up qui se rêve en « OpenAI du droit »", «OpenAI del derecho», „OpenAI
# der Juristen“, "OpenAI of law"). A quote that opens on the company as a subject runs on into a
# sentence ("« OpenAI du jour au lendemain a changé... »" does not close), so it is no figure.
_QUOTE_BEFORE = r"[«\"“„‹]\s*"
_QUOTE_SHUT = r"\s*[»\"”“›]"


def _quoted(of: str, noun: str, more: str = r"(?:\s+[\w'-]+){0,2}") -> str:
    """After the name: ``of``, a common noun, ``more`` words (two at most), and the closing quote."""
    return rf"\s+{of}{_NOT_A_TYPE}{noun}[\w'-]*{more}{_QUOTE_SHUT}"


# A title of a doctor or a professor before the name: the company personified as one, the figure of
# searching one's symptoms online or asking a chatbot ("'Dr Google' isn't going away", « le docteur Google »,
# „Dr. Google“, "el doctor ChatGPT", "Profesor ChatGPT"). No company holds a doctorate: a person of that
# name is no mention either ("Dr. Claude Bernard"). A period after an abbreviation only, one space after the
# title ("... speak to their doctor.⏎Google said" is a sentence's end); English capitalises the title ("the
# doctor Google hired" is a reduced relative clause).
def _title(titles: str, abbreviations: str, cased: bool = False) -> re.Pattern[str]:
    title = "|".join(titles.split())
    return re.compile(
        rf"{_WORD_START}(?:(?-i:{'|'.join(abbreviations.split())})\.?|{f'(?-i:{title})' if cased else title})"
        r"[ \u00a0](?:[\"“„«‹']\s*)?$",
        re.IGNORECASE,
    )


_TITLES = {
    "en": _title("Doctor Professor", "Dr Prof", cased=True),
    "fr": _title("docteur professeur", "Dr Prof"),
    "de": _title("Doktor Professor", "Dr Prof"),
    "es": _title("doctor profesor", "Dr Prof"),
}
# A cheap first test: the last letter of a title (or an abbreviation's period), spaces and a quote aside;
# then the pattern, on the few characters a title and a quote take.
_TITLE_LAST = frozenset("rRfF.")
_TITLE_SPACES = " \u00a0\t\"“„«‹'"
_TITLE_REACH = 16


def _titled(text: str, start: int) -> bool:
    """A cheap first test for a doctor's or a professor's title right before the name at ``start``."""
    return text[max(0, start - 5) : start].rstrip(_TITLE_SPACES)[-1:] in _TITLE_LAST


_FIGURES: dict[str, tuple[_Figure, ...]] = {
    "en": (
        _figure(
            rf"{_WORD_START}(?:the|an?)\s+{_Q_OPEN}",
            # An acronym's era too: "the Apple of the AI era", "the Cisco of the GPU age".
            rf"{_Q_CLOSE}\s+of\s+(?:the\s+)?+(?:{_NOT_A_TYPE}[a-z]|[A-Z]{{2,}}s?[\s-](?:era|age)\b)",
            ends="the a an",
        ),
        _figure(
            rf"{_WORD_START}an?\s+{_Q_OPEN}",
            rf"{_Q_CLOSE}\s+for\s+(?!(?:an?|the|this|that|these|those|its|his|her|their|our|your|my)\b|\d)[a-z]",
            ends="a an",
        ),
        _figure(
            rf"(?<!\w)(?:kind|sort|type)\s+of\s+(?:an?\s+)?{_Q_OPEN}",
            rf"{_Q_CLOSE}{_NO_NOUN_AFTER}",
            ends="of a an",
        ),
        _figure(_QUOTE_BEFORE, _quoted(r"of\s+(?:the\s+)?", "[a-z]")),
        _figure(r"", rf"{_Q_CLOSE}[\s-]moments?\b"),
        _figure(r"", _EN_TYPE_SUFFIX),
        _figure(_EN_OWN, _EN_NO_NOUN, ends="own"),
        _figure(
            rf"{_WORD_START}(?:no|an?|any)\s+{_Q_OPEN}", rf"{_Q_CLOSE}{_EN_OF_ITS_OWN}", ends="no a an any"
        ),
        _figure(_EN_IN_HOUSE_BEFORE, _IN_HOUSE_QUOTE_SHUT),
    ),
    "fr": (
        _figure(
            rf"{_WORD_START}(?:le|la|l'|un|une|du|au)\s*{_Q_OPEN}",
            rf"{_Q_CLOSE}\s+(?:(?:de|des|du)\s+|d')(?:la\s+|l'|les\s+)?+{_NOT_A_TYPE}[a-zà-ÿ]",
            ends="le la l' l un une du au",
        ),
        # "de" with no article, elided: inside quotes ("l'a qualifié « d'iPhone de la robotique »") or
        # after a verb that names or qualifies ("qualifié d'Uber du ménage", "taxée de « ChatGPT des
        # notaires »"); not "la valorisation d'OpenAI de 500 milliards", "le patron d'Apple de l'époque".
        _figure(
            rf"[«\"“]\s*d'\s*|(?<!\w)(?:qualifi|surnomm|tax|baptis)\w*\s+(?:[«\"“]\s*)?(?:de\s+|d')\s*{_Q_OPEN}",
            rf"{_Q_CLOSE}\s+(?:(?:de|des|du)\s+|d')(?:la\s+|l'|les\s+)?+{_NOT_A_TYPE}[a-zà-ÿ]",
            ends="de d' d",
        ),
        # No article after a verb of ambition: "une start-up qui se rêve en OpenAI du droit", "se voit en
        # Salesforce des artisans", "se veut Uber du ménage"; in quotes whatever comes before.
        _figure(
            rf"(?<!\w)(?:se|s'|me|m'|te|t'|nous|vous)\s*(?:rêv|voi|voy|pos|imagin|affich|mu|rêvai)\w*\s+en\s+{_Q_OPEN}"
            rf"|(?<!\w)se\s+(?:veu|voul)\w*\s+{_Q_OPEN}",
            rf"{_Q_CLOSE}\s+(?:(?:de|des|du)\s+|d')(?:la\s+|l'|les\s+)?+{_NOT_A_TYPE}[a-zà-ÿ]",
        ),
        _figure(_QUOTE_BEFORE, _quoted(r"(?:(?:de|des|du)\s+|d')(?:la\s+|l'|les\s+)?+", "[a-zà-ÿ]")),
        _figure(rf"{_WORD_START}(?:un|une)\s+{_Q_OPEN}", rf"{_Q_CLOSE}\s+pour\s+\w", ends="un une"),
        _figure(
            rf"(?<!\w)(?:une\s+sorte|une\s+espèce|un\s+genre|une\s+forme)\s+d(?:e\s+|')(?:une?\s+)?{_Q_OPEN}",
            rf"{_Q_CLOSE}{_NO_NOUN_AFTER}",
            ends="de d' d un une",
        ),
        _figure(rf"(?<!\w)(?:un|le|son|sa|leur|notre|votre)\s+moment\s+{_Q_OPEN}", r"", hint="moment"),
        _figure(_FR_OWN, _FR_NO_NOUN, ends="propre propres"),
        _figure(
            rf"{_WORD_START}(?:une?|aucune?|(?:pas|plus|jamais|point|guère)\s+(?:de\s+|d'))\s*{_Q_OPEN}",
            rf"{_Q_CLOSE}{_FR_A_ELLE}",
            ends="un une de d' d",
        ),
        _figure(_ROMANCE_QUOTE_BEFORE, _FR_MAISON_AFTER),
    ),
    "de": (
        # Not after a comma: there "das", "der", "die" open a relative clause.
        _figure(
            rf"(?:(?<=[^,\s])\s+|[„“\"»]\s*)(?:das|der|die|dem|den|ein|eine|einem|einen|vom|zum|zur|im|am|beim|ins)"
            rf"\s+{_Q_OPEN}",
            rf"{_Q_CLOSE}\s+(?:der|des)\s+{_NOT_A_TYPE}[A-ZÄÖÜ]",
            ends="das der die dem den ein eine einem einen vom zum zur im am beim ins",
        ),
        # German nouns are capitalised: a word in lower case after the noun is a sentence's ("„OpenAI der
        # Konkurrenz voraus“").
        _figure(_QUOTE_BEFORE, _quoted(r"(?:der|des)\s+", "[A-ZÄÖÜ]", r"(?:\s+[A-ZÄÖÜ][\w-]*)?")),
        _figure(
            rf"(?<!\w)(?:ein|eine|einen|einem)\s+{_Q_OPEN}",
            rf"{_Q_CLOSE}\s+für\s+\w",
            ends="ein eine einen einem",
        ),
        _figure(
            rf"(?<!\w)(?:eine\s+Art|so\s+etwas\s+wie|sowas\s+wie)\s+(?:(?:ein|eine|das|der|die)\s+)?{_Q_OPEN}",
            rf"{_Q_CLOSE}{_NO_NOUN_AFTER}",
            ends="art wie ein eine das der die",
        ),
        _figure(r"", rf"{_Q_CLOSE}[\s-]Moment\b"),
        _figure(r"", _DE_TYPE_SUFFIX),
        _figure(_DE_OWN, _DE_NO_NOUN, ends="eigene eigenes eigener eigenem eigenen"),
        _figure(_DE_IN_HOUSE_BEFORE, _IN_HOUSE_QUOTE_SHUT),
    ),
    "es": (
        _figure(
            rf"{_WORD_START}(?:el|la|un|una|del|al)\s+{_Q_OPEN}",
            rf"{_Q_CLOSE}\s+(?:de|del)\s+(?:(?:la|las|los|el)\s+)?+{_NOT_A_TYPE}[a-záéíóúñü]",
            ends="el la un una del al",
        ),
        _figure(_QUOTE_BEFORE, _quoted(r"(?:de|del)\s+(?:(?:la|las|los|el)\s+)?+", "[a-záéíóúñü]")),
        _figure(rf"{_WORD_START}(?:un|una)\s+{_Q_OPEN}", rf"{_Q_CLOSE}\s+para\s+\w", ends="un una"),
        _figure(
            rf"(?<!\w)(?:una\s+especie|una\s+suerte|un\s+tipo|una\s+clase)\s+de\s+(?:una?\s+)?{_Q_OPEN}"
            rf"|(?<!\w)algo\s+así\s+como\s+(?:una?|el|la)\s+{_Q_OPEN}",
            rf"{_Q_CLOSE}{_NO_NOUN_AFTER}",
            ends="de un una el la",
        ),
        _figure(
            rf"(?<!\w)(?:un|el|su|nuestro|propio)\s+momento\s+{_Q_OPEN}",
            rf"{_Q_CLOSE}{_NO_NOUN_AFTER}",
            ends="momento",
        ),
        _figure(_ES_OWN, _FR_NO_NOUN, ends="propio propia propios propias"),
        _figure(
            rf"{_WORD_START}(?:un|una|ningún|ningun|ninguna|algún|algun|alguna|sin)\s+{_Q_OPEN}",
            rf"{_Q_CLOSE}{_ES_PROPIO_AFTER}",
            ends="un una sin ningún algún",
        ),
        _figure(_ROMANCE_QUOTE_BEFORE, _ES_CASERO_AFTER),
    ),
}
# --- Figures with a place ----------------------------------------------------------------------
#
# A country's or a region's equivalent of the company: "China's Nvidia", "Europe's own OpenAI", "a
# Chinese Tesla", "the Nvidia of China"; "das deutsche OpenAI", "ein europäisches Nvidia",
# „deutsches OpenAI“, "Chinas Nvidia", "das Nvidia Chinas"; "l'Amazon chinois", "le Nvidia de la
# Chine", "un OpenAI à la française"; "el OpenAI europeo", "el Nvidia de China". Only when the
# company is not from there (the taxonomy's ``country``): "Taiwan's TSMC", "Korea's Samsung",
# "Europe's Mistral AI", "die japanische SoftBank", "el Amazon estadounidense" name the company. A
# word that names no country ("homegrown", "local", "national", "heimisch") always makes a figure.
# Before the name, French and Spanish give the company's own nationality ("l'américain Nvidia",
# "la canadiense Cohere"): never a figure. And a noun after the name makes it the company again:
# "China's Nvidia customers", "die deutschen Tesla-Fahrer", "das chinesische Nvidia Geschäft".


def _codes(codes: str) -> frozenset[str]:
    return frozenset(codes.split())


_EUROPE = _codes(
    "AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LT LU LV MT NL NO PL PT RO SE SI SK UA"
)
_ASIA = _codes("CN HK JP KR TW IN SG ID MY TH VN PH PK BD KZ")
_ARAB = _codes("AE SA QA KW BH OM JO EG")
_AFRICA = _codes("DZ EG ET GH KE MA NG RW SN TN TZ UG ZA")
_SAHEL = _codes("SN MR ML BF NE TD SD ER NG")
_WEST_AFRICA = _codes("SN MR ML BF NE NG GH CI GN GM GW SL LR TG BJ CV")
_MAGHREB = _codes("MA DZ TN LY MR")
_BALKANS = _codes("AL BA BG GR HR ME MK RS SI XK RO")
_LATIN_AMERICA = _codes("AR BO BR CL CO CR CU DO EC GT HN MX NI PA PE PY SV UY VE")
_NORDICS = _codes("DK FI IS NO SE")


class _Place(NamedTuple):
    codes: frozenset[str]  # empty: the word names no country ("local")
    en: tuple[str, ...] = ()  # the place: "China's Nvidia", "the Nvidia of China"
    en_adj: tuple[str, ...] = ()  # before the name, after an article: "a Chinese Nvidia"
    fr: tuple[str, ...] = ()  # after the name: "l'Amazon chinois"
    fr_of: tuple[str, ...] = ()  # after the name: "le Nvidia de la Chine", "un OpenAI à la française"
    de: tuple[str, ...] = ()  # adjective stems, before the name: "das chinesische Nvidia"
    de_of: tuple[str, ...] = ()  # genitive, before or after the name: "Chinas Nvidia", "das Nvidia Chinas"
    es: tuple[str, ...] = ()  # after the name: "el Amazon chino"
    es_of: tuple[str, ...] = ()  # after the name: "el Nvidia de China", "un OpenAI a la española"


_PLACES = (
    _Place(_codes("CN"), en=("China",), en_adj=("Chinese",), fr=("chinois", "chinoise"),
           fr_of=("de la Chine", "de Chine", "à la chinoise"), de=("chinesisch",), de_of=("Chinas",),
           es=("chino", "china"), es_of=("de China", "a la china")),
    _Place(_codes("CN HK"), en=("Hong Kong",), fr=("hongkongais", "hongkongaise"), fr_of=("de Hong Kong",),
           es_of=("de Hong Kong",)),
    _Place(_codes("US"), en=("America",), en_adj=("American",),
           fr=("américain", "américaine", "états-unien", "états-unienne"),
           fr_of=("des États-Unis", "de l'Amérique", "d'Amérique", "à l'américaine"),
           de=("amerikanisch", "US-amerikanisch"), de_of=("Amerikas",),
           es=("estadounidense", "americano", "americana", "norteamericano", "norteamericana"),
           es_of=("de Estados Unidos", "de EE.UU", "de EEUU", "de América", "a la americana")),
    _Place(_codes("US CA"), en=("North America",), en_adj=("North American",),
           fr=("nord-américain", "nord-américaine"), fr_of=("de l'Amérique du Nord", "d'Amérique du Nord"),
           de=("nordamerikanisch",), de_of=("Nordamerikas",), es_of=("de Norteamérica",)),
    _Place(_EUROPE, en=("Europe",), en_adj=("European",), fr=("européen", "européenne"),
           fr_of=("de l'Europe", "d'Europe", "à l'européenne"), de=("europäisch",), de_of=("Europas",),
           es=("europeo", "europea"), es_of=("de Europa", "a la europea")),
    _Place(_codes("FR"), en=("France",), en_adj=("French",),
           fr=("français", "française", "hexagonal", "hexagonale", "tricolore"),
           fr_of=("de la France", "de France", "à la française"), de=("französisch",), de_of=("Frankreichs",),
           es=("francés", "francesa"), es_of=("de Francia", "a la francesa")),
    _Place(_codes("DE"), en=("Germany",), en_adj=("German",), fr=("allemand", "allemande"),
           fr_of=("de l'Allemagne", "d'Allemagne", "à l'allemande"), de=("deutsch",), de_of=("Deutschlands",),
           es=("alemán", "alemana"), es_of=("de Alemania", "a la alemana")),
    _Place(_codes("GB"), en=("Britain", "Great Britain", "UK", "U.K."), en_adj=("British",),
           fr=("britannique",), fr_of=("du Royaume-Uni", "de la Grande-Bretagne", "de Grande-Bretagne"),
           de=("britisch",), de_of=("Großbritanniens", "Englands"), es=("británico", "británica"),
           es_of=("del Reino Unido", "de Gran Bretaña", "de Inglaterra")),
    _Place(_codes("JP"), en=("Japan",), en_adj=("Japanese",), fr=("japonais", "japonaise"),
           fr_of=("du Japon", "à la japonaise"), de=("japanisch",), de_of=("Japans",),
           es=("japonés", "japonesa"), es_of=("de Japón", "a la japonesa")),
    _Place(_codes("KR"), en=("Korea", "South Korea"), en_adj=("Korean", "South Korean"),
           fr=("coréen", "coréenne", "sud-coréen", "sud-coréenne"),
           fr_of=("de la Corée", "de Corée", "de la Corée du Sud", "de Corée du Sud"),
           de=("koreanisch", "südkoreanisch"), de_of=("Koreas", "Südkoreas"),
           es=("coreano", "coreana", "surcoreano", "surcoreana"), es_of=("de Corea", "de Corea del Sur")),
    _Place(_codes("TW"), en=("Taiwan",), en_adj=("Taiwanese",),
           fr=("taïwanais", "taïwanaise", "taiwanais", "taiwanaise"), fr_of=("de Taïwan", "de Taiwan"),
           de=("taiwanisch", "taiwanesisch"), de_of=("Taiwans",), es=("taiwanés", "taiwanesa"),
           es_of=("de Taiwán", "de Taiwan")),
    _Place(_codes("IN"), en=("India",), en_adj=("Indian",), fr=("indien", "indienne"),
           fr_of=("de l'Inde", "d'Inde"), de=("indisch",), de_of=("Indiens",), es=("indio", "india"),
           es_of=("de la India", "de India")),
    _Place(_codes("CA"), en=("Canada",), en_adj=("Canadian",),
           fr=("canadien", "canadienne", "québécois", "québécoise"), fr_of=("du Canada", "du Québec"),
           de=("kanadisch",), de_of=("Kanadas",), es=("canadiense",), es_of=("de Canadá",)),
    _Place(_codes("IL"), en=("Israel",), en_adj=("Israeli",), fr=("israélien", "israélienne"),
           fr_of=("d'Israël",), de=("israelisch",), de_of=("Israels",), es=("israelí",),
           es_of=("de Israel",)),
    _Place(_codes("RU"), en=("Russia",), en_adj=("Russian",), fr=("russe",),
           fr_of=("de la Russie", "de Russie"), de=("russisch",), de_of=("Russlands",), es=("ruso", "rusa"),
           es_of=("de Rusia",)),
    _Place(_codes("IT"), en=("Italy",), en_adj=("Italian",), fr=("italien", "italienne"),
           fr_of=("de l'Italie", "d'Italie"), de=("italienisch",), de_of=("Italiens",),
           es=("italiano", "italiana"), es_of=("de Italia",)),
    _Place(_codes("ES"), en=("Spain",), en_adj=("Spanish",), fr=("espagnol", "espagnole"),
           fr_of=("de l'Espagne", "d'Espagne"), de=("spanisch",), de_of=("Spaniens",),
           es=("español", "española"), es_of=("de España", "a la española")),
    _Place(_codes("CZ SK"), en=("Czechia", "the Czech Republic", "Czechoslovakia"),
           en_adj=("Czech", "Czechoslovak", "Czechoslovakian"), fr=("tchèque", "tchécoslovaque"),
           fr_of=("de la Tchéquie", "de Tchéquie", "de la Tchécoslovaquie"),
           de=("tschechisch", "tschechoslowakisch"), de_of=("Tschechiens",),
           es=("checo", "checa", "checoslovaco", "checoslovaca"),
           es_of=("de Chequia", "de la República Checa", "de Checoslovaquia")),
    _Place(_codes("CH"), en=("Switzerland",), en_adj=("Swiss",), fr=("suisse",),
           fr_of=("de la Suisse", "de Suisse"), de=("schweizerisch",), es=("suizo", "suiza"),
           es_of=("de Suiza",)),
    _Place(_codes("AT"), en=("Austria",), en_adj=("Austrian",), fr=("autrichien", "autrichienne"),
           de=("österreichisch",), de_of=("Österreichs",), es=("austriaco", "austriaca")),
    _Place(_codes("SE"), en=("Sweden",), en_adj=("Swedish",), fr=("suédois", "suédoise"),
           de=("schwedisch",), de_of=("Schwedens",), es=("sueco", "sueca")),
    _Place(_codes("NL"), en_adj=("Dutch",), fr=("néerlandais", "néerlandaise"),
           de=("niederländisch", "holländisch"), es=("neerlandés", "neerlandesa", "holandés", "holandesa")),
    _Place(_codes("BR"), en=("Brazil",), en_adj=("Brazilian",), fr=("brésilien", "brésilienne"),
           fr_of=("du Brésil",), de=("brasilianisch",), de_of=("Brasiliens",), es=("brasileño", "brasileña"),
           es_of=("de Brasil",)),
    _Place(_codes("MX"), en=("Mexico",), en_adj=("Mexican",), fr=("mexicain", "mexicaine"),
           fr_of=("du Mexique",), de=("mexikanisch",), de_of=("Mexikos",), es=("mexicano", "mexicana"),
           es_of=("de México",)),
    _Place(_codes("AR"), en=("Argentina",), en_adj=("Argentine", "Argentinian"), fr=("argentin", "argentine"),
           de=("argentinisch",), es=("argentino", "argentina"), es_of=("de Argentina",)),
    _Place(_codes("CL"), en=("Chile",), en_adj=("Chilean",), fr=("chilien", "chilienne"), de=("chilenisch",),
           es=("chileno", "chilena"), es_of=("de Chile",)),
    _Place(_codes("CO"), en=("Colombia",), en_adj=("Colombian",), fr=("colombien", "colombienne"),
           de=("kolumbianisch",), es=("colombiano", "colombiana"), es_of=("de Colombia",)),
    _Place(_codes("PE"), en=("Peru",), en_adj=("Peruvian",), fr=("péruvien", "péruvienne"),
           de=("peruanisch",), es=("peruano", "peruana"), es_of=("de Perú",)),
    _Place(_codes("SG"), en=("Singapore",), en_adj=("Singaporean",), fr=("singapourien", "singapourienne"),
           de=("singapurisch",), es=("singapurense",)),
    _Place(_codes("ID"), en=("Indonesia",), en_adj=("Indonesian",), fr=("indonésien", "indonésienne"),
           de=("indonesisch",), es=("indonesio", "indonesia")),
    _Place(_codes("VN"), en=("Vietnam",), en_adj=("Vietnamese",), fr=("vietnamien", "vietnamienne"),
           de=("vietnamesisch",), es=("vietnamita",)),
    _Place(_codes("SA"), en=("Saudi Arabia",), en_adj=("Saudi",), fr=("saoudien", "saoudienne"),
           de=("saudi-arabisch", "saudisch"), es=("saudí",)),
    _Place(_codes("AE"), en=("the UAE",), en_adj=("Emirati",), fr=("émirati", "émiratie"), de=("emiratisch",),
           es=("emiratí",)),
    _Place(_ARAB, en=("the Gulf", "the Middle East"), en_adj=("Arab", "Middle Eastern"), fr=("arabe",),
           fr_of=("du Golfe", "du Moyen-Orient"), de=("arabisch",),
           es=("árabe",), es_of=("del Golfo", "de Oriente Medio")),
    _Place(_ASIA, en=("Asia",), en_adj=("Asian",), fr=("asiatique",), fr_of=("de l'Asie", "d'Asie"),
           de=("asiatisch",), de_of=("Asiens",), es=("asiático", "asiática"), es_of=("de Asia",)),
    _Place(_AFRICA, en=("Africa",), en_adj=("African",), fr=("africain", "africaine"),
           fr_of=("de l'Afrique", "d'Afrique"), de=("afrikanisch",), de_of=("Afrikas",),
           es=("africano", "africana"), es_of=("de África",)),
    _Place(_LATIN_AMERICA, en=("Latin America", "South America"), en_adj=("Latin American", "South American"),
           fr=("latino-américain", "latino-américaine", "sud-américain", "sud-américaine"),
           fr_of=("de l'Amérique latine", "d'Amérique latine"), de=("lateinamerikanisch", "südamerikanisch"),
           de_of=("Lateinamerikas", "Südamerikas"),
           es=("latinoamericano", "latinoamericana", "sudamericano", "sudamericana", "iberoamericano",
               "iberoamericana"),
           es_of=("de América Latina", "de Latinoamérica", "de Sudamérica", "de Iberoamérica")),
    # Regions within a continent: "un « ChatGPT du Sahel »", "the OpenAI of West Africa", "das Nvidia
    # Westafrikas", "el Nvidia del Magreb".
    _Place(_SAHEL, en=("the Sahel",), en_adj=("Sahelian",), fr=("sahélien", "sahélienne"),
           fr_of=("du Sahel",), es_of=("del Sahel",)),
    _Place(_WEST_AFRICA, en=("West Africa",), en_adj=("West African",),
           fr=("ouest-africain", "ouest-africaine"),
           fr_of=("de l'Afrique de l'Ouest", "d'Afrique de l'Ouest"),
           de=("westafrikanisch",), de_of=("Westafrikas",), es_of=("de África Occidental",)),
    _Place(_MAGHREB, en=("the Maghreb",), en_adj=("Maghrebi",), fr=("maghrébin", "maghrébine"),
           fr_of=("du Maghreb",), es=("magrebí",), es_of=("del Magreb",)),
    _Place(_BALKANS, en=("the Balkans",), en_adj=("Balkan",), fr_of=("des Balkans",),
           es_of=("de los Balcanes",)),
    # "the OpenAI of the Nordics", « l'OpenAI des pays nordiques », „das OpenAI Skandinaviens“, "el
    # OpenAI de los países nórdicos": a region named by a plural ("the Nordics", "the Balkans") or a
    # phrase ("the Nordic countries"). German "das OpenAI des Nordens", "der Golfstaaten" are the
    # figure with "der"/"des" and a noun (_FIGURES), so no German genitive with an article is listed.
    _Place(_NORDICS, en=("the Nordics", "the Nordic countries", "the Nordic region", "Scandinavia",
                         "Northern Europe"),
           en_adj=("Nordic", "Scandinavian", "Northern European"),
           fr=("nordique", "scandinave"),
           fr_of=("des pays nordiques", "de la Scandinavie", "de Scandinavie", "de l'Europe du Nord",
                  "d'Europe du Nord"),
           de=("nordisch", "skandinavisch", "nordeuropäisch"),
           de_of=("Skandinaviens", "Nordeuropas"),
           es=("nórdico", "nórdica", "escandinavo", "escandinava"),
           es_of=("de los países nórdicos", "de Escandinavia", "del norte de Europa", "de Europa del Norte")),
    # A cardinal region, whose country the writer does not say: always a figure ("the OpenAI of the
    # South", « l'OpenAI du Nord », "el OpenAI del Sur"; „das OpenAI des Südens“ is in _FIGURES).
    _Place(frozenset(), en=("the North", "the South", "the Global South", "the East", "the West"),
           fr_of=("du Nord", "du Sud", "du Sud global", "de l'Est", "de l'Ouest"),
           es_of=("del Norte", "del Sur", "del Sur global", "del Este", "del Oeste")),
    # Regions within a country: "vom „sächsischen Nvidia“", "le Nvidia bavarois", "el OpenAI catalán", "the
    # Bavarian OpenAI". Their codes (ISO 3166-2) are no company's country, so a region always makes a
    # figure: only regions where no company of the taxonomy has its seat are listed (not California,
    # Texas, Washington, New York, Île-de-France, England, Ontario, Tokyo, Beijing, Zhejiang ...).
    _Place(_codes("DE-SN"), en=("Saxony",), fr=("saxon", "saxonne"), fr_of=("de la Saxe", "de Saxe"),
           de=("sächsisch",), de_of=("Sachsens",), es=("sajón", "sajona"), es_of=("de Sajonia",)),
    _Place(_codes("DE-BY"), en=("Bavaria",), en_adj=("Bavarian",), fr=("bavarois", "bavaroise"),
           fr_of=("de la Bavière", "de Bavière"), de=("bayerisch", "bairisch"), de_of=("Bayerns",),
           es=("bávaro", "bávara"), es_of=("de Baviera",)),
    _Place(_codes("DE-BW"), en=("Baden-Württemberg", "Swabia"), en_adj=("Swabian",),
           fr=("souabe",), de=("schwäbisch", "badisch", "württembergisch", "baden-württembergisch"),
           de_of=("Baden-Württembergs", "Schwabens"), es=("suabo", "suaba")),
    _Place(_codes("DE-HE DE-TH DE-BB DE-NI DE-NW DE-RP DE-SL DE-MV DE-SH DE-ST DE-HH DE-HB DE-BE"),
           de=("hessisch", "fränkisch", "thüringisch", "brandenburgisch", "niedersächsisch", "westfälisch",
               "rheinisch", "pfälzisch", "saarländisch", "mecklenburgisch", "holsteinisch", "friesisch",
               "ostdeutsch", "westdeutsch", "norddeutsch", "süddeutsch", "mitteldeutsch"),
           de_of=("Hessens", "Frankens", "Thüringens", "Brandenburgs", "Niedersachsens", "Ostdeutschlands",
                  "Süddeutschlands", "Norddeutschlands")),
    _Place(_codes("ES-CT"), en=("Catalonia",), en_adj=("Catalan",), fr=("catalan", "catalane"),
           fr_of=("de la Catalogne", "de Catalogne"), de=("katalanisch",), de_of=("Kataloniens",),
           es=("catalán", "catalana"), es_of=("de Cataluña",)),
    _Place(_codes("ES-PV ES-AN ES-GA ES-VC ES-MD"), en=("the Basque Country", "Andalusia"),
           en_adj=("Basque", "Andalusian"), fr=("basque", "andalou", "andalouse"),
           fr_of=("du Pays basque", "de l'Andalousie", "d'Andalousie"), de=("baskisch", "andalusisch"),
           es=("vasco", "vasca", "andaluz", "andaluza", "gallego", "gallega", "valenciano", "valenciana",
               "madrileño", "madrileña"),
           es_of=("del País Vasco", "de Euskadi", "de Andalucía", "de Galicia")),
    _Place(_codes("FR-BRE FR-GES FR-ARA FR-PAC FR-OCC FR-NOR FR-NAQ FR-HDF"),
           en_adj=("Breton",), fr=("breton", "bretonne", "alsacien", "alsacienne", "lyonnais", "lyonnaise",
               "marseillais", "marseillaise", "toulousain", "toulousaine", "bordelais", "bordelaise",
               "grenoblois", "grenobloise", "provençal", "provençale", "normand", "normande", "lillois",
               "lilloise", "nantais", "nantaise"),
           fr_of=("de la Bretagne", "de Bretagne", "de l'Alsace", "d'Alsace"),
           de=("bretonisch", "elsässisch")),
    _Place(_codes("GB-SCT GB-WLS"), en=("Scotland", "Wales"), en_adj=("Scottish", "Welsh"),
           fr=("écossais", "écossaise", "gallois", "galloise"), fr_of=("de l'Écosse", "d'Écosse"),
           de=("schottisch", "walisisch"), de_of=("Schottlands",), es=("escocés", "escocesa"),
           es_of=("de Escocia",)),
    _Place(_codes("BE-VLG BE-WAL"), en=("Flanders",), en_adj=("Flemish",),
           fr=("flamand", "flamande", "wallon", "wallonne"), de=("flämisch", "wallonisch"),
           es=("flamenco", "flamenca")),
    # Whose country the writer does not say: always a figure ("un Salesforce local").
    _Place(frozenset(), en_adj=("homegrown", "home-grown", "domestic"),
           fr=("local", "locale", "national", "nationale"), de=("heimisch", "einheimisch"),
           es=("local", "nacional", "criollo", "criolla", "patrio")),
)  # fmt: skip


def _place_key(place: str) -> str:
    return " ".join(place.replace("\u2019", "'").split()).lower()


def _places(slot: str) -> tuple[str, dict[str, frozenset[str]]]:
    """One slot of the table: an alternation of its forms, and each form's countries."""
    codes: dict[str, frozenset[str]] = {}
    for place in _PLACES:
        for form in getattr(place, slot):
            key = _place_key(form)
            codes[key] = codes.get(key, frozenset()) | place.codes
    forms = sorted(codes, key=len, reverse=True)
    alternation = "|".join(re.escape(f).replace("'", "['’]").replace(r"\ ", r"\s+") for f in forms)
    return f"(?i:{alternation})", codes


class _National(NamedTuple):
    before: re.Pattern[str]  # the end of the text before the name
    after: re.Pattern[str]  # right after the name
    places: dict[str, frozenset[str]]  # the place's form -> countries
    place_after: bool  # the place is in ``after`` (group "place"), else in ``before``
    # A cheap first test, as most names have no place beside them: one of these words is among the
    # last words before the name ("china's", "chinese", "deutsches"), or is the word after it
    # ("of", "chinois", "de", "chinas") when the place is after the name.
    triggers: frozenset[str] = frozenset()

    @staticmethod
    def group(m: re.Match[str]) -> str:
        """The group of ``before`` that matched the place ("place", "place2", ...)."""
        return next(k for k, v in m.groupdict().items() if k.startswith("place") and v)


def _national(
    before: str,
    after: str,
    places: dict[str, frozenset[str]],
    place_after: bool,
    triggers: Iterable[str] = (),
) -> _National:
    compiled = re.compile(rf"(?:{before})$", re.IGNORECASE)
    words = set(triggers)
    words |= {w.replace("'", "’") for w in words}  # typographic apostrophes ("China’s")
    if not place_after:  # a quote may open the place: „deutsches OpenAI“, the "Chinese Nvidia"
        words |= {quote + w for w in words for quote in _QUOTES}
    return _National(compiled, re.compile(after), places, place_after, frozenset(words))


_QUOTES = '"“”„«»‹›('
_TRIGGER_WORDS = 3  # the place, and a qualifier and a quote or an article after it


def _cases(word: str) -> set[str]:
    """A word as written, in lower case and capitalised: the triggers are matched as they stand."""
    return {word, word.lower(), word[:1].upper() + word[1:]}


def _raw(slot: str) -> list[str]:
    return [form for place in _PLACES for form in getattr(place, slot)]


def _last_words_of(slot: str, suffix: str = "") -> set[str]:
    return {w + suffix for form in _raw(slot) for w in _cases(form.split()[-1])}


def _first_words_of(slot: str) -> set[str]:
    return {w for form in _raw(slot) for w in _cases(form.split()[0])}


def _german_forms(slot: str) -> set[str]:
    return {w + ending for stem in _raw(slot) for w in _cases(stem) for ending in ("e", "es", "en", "er")}


_EN_PLACE, _EN_PLACES = _places("en")
_EN_ADJ, _EN_ADJS = _places("en_adj")
_FR_ADJ, _FR_ADJS = _places("fr")
_FR_OF, _FR_OFS = _places("fr_of")
_DE_STEM, _DE_STEMS = _places("de")
_DE_OF, _DE_OFS = _places("de_of")
_ES_ADJ, _ES_ADJS = _places("es")
_ES_OF, _ES_OFS = _places("es_of")
# No noun after the name: punctuation, the end, or (English) a function word or verb that cannot
# open a compound ("China's Nvidia, Cambricon", "Europe's OpenAI has", not "China's Nvidia
# customers"); in German any word in lower case, as nouns are capitalised ("„deutsches OpenAI“
# gefeiert", not "das deutsche OpenAI Projekt", nor a compound "Nvidia-Kunden").
_EN_QUALIFIER = r"(?:(?:own|very\s+own|next|new|future|homegrown|home-grown|so-called)\s+)?"
_DE_QUALIFIER = r"(?:(?:eigenes|eigener|eigene|eigenen|neues|neuer|nächstes|nächster)\s+)?"
_FR_QUALIFIER = (
    r"(?:(?:futur|future|nouveau|nouvel|nouvelle|prochain|prochaine|vrai|vraie|véritable|petit|petite)\s+)?"
)
_FR_ARTICLE = rf"{_WORD_START}(?:le|la|l'|un|une|du|au)\s*{_FR_QUALIFIER}{_Q_OPEN}"
_ES_ARTICLE = rf"{_WORD_START}(?:el|la|un|una|del|al)\s+{_Q_OPEN}"
_NATIONAL: dict[str, tuple[_National, ...]] = {
    "en": (
        # "China's Nvidia", "Europe's own OpenAI"
        _national(rf"(?<![\w'.-])(?P<place>{_EN_PLACE})['’]s\s+{_EN_QUALIFIER}{_Q_OPEN}", _EN_NO_NOUN,
                  _EN_PLACES, False, _last_words_of("en", "'s")),
        # "a Chinese Nvidia", "the so-called "European OpenAI""
        _national(rf"(?:{_WORD_START}(?:the|an?)\s+{_EN_QUALIFIER}{_Q_OPEN}|[“\"«]\s*)(?P<place>{_EN_ADJ})\s+{_Q_OPEN}",
                  _EN_NO_NOUN, _EN_ADJS, False, _last_words_of("en_adj")),
        # "the Nvidia of China"
        _national(rf"{_WORD_START}(?:the|an?)\s+{_Q_OPEN}",
                  rf"{_Q_CLOSE}\s+of\s+(?P<place>{_EN_PLACE})(?!\w)", _EN_PLACES, True, {"of", "Of"}),
    ),
    "fr": (
        _national(_FR_ARTICLE, rf"{_Q_CLOSE}\s+(?P<place>{_FR_ADJ})(?![\w-])", _FR_ADJS, True,
                  _first_words_of("fr")),
        _national(_FR_ARTICLE, rf"{_Q_CLOSE}\s+(?P<place>{_FR_OF})(?!\w)", _FR_OFS, True,
                  _first_words_of("fr_of")),
    ),
    "de": (
        # "das deutsche OpenAI", "ein europäisches Nvidia", „deutsches OpenAI“, "dem chinesischen Tesla";
        # not the feminine of a subsidiary ("die deutsche IBM", "bei der deutschen Microsoft").
        _national(
            rf"(?<![\w-])(?:(?:das|der|dieses|dieser|jenes)\s+{_Q_OPEN}(?P<place>{_DE_STEM})e"
            rf"|(?:dem|den|des|vom|zum|im|am|beim|einem|einen|eines|keinem|keinen|keines)\s+{_Q_OPEN}"
            rf"(?P<place2>{_DE_STEM})en"
            rf"|(?P<place3>{_DE_STEM})(?:es|er))\s+{_Q_OPEN}",
            _DE_NO_NOUN, _DE_STEMS, False, _german_forms("de"),
        ),
        # "Chinas Nvidia", "Europas eigenes OpenAI"
        _national(rf"(?<![\w-])(?P<place>{_DE_OF})\s+{_DE_QUALIFIER}{_Q_OPEN}", _DE_NO_NOUN, _DE_OFS, False,
                  _last_words_of("de_of")),
        # "das Nvidia Chinas"
        _national(rf"(?<![\w-])(?:das|ein|vom|zum|dem|im)\s+{_Q_OPEN}",
                  rf"{_Q_CLOSE}\s+(?P<place>{_DE_OF})(?![\w-]){_DE_NO_NOUN}", _DE_OFS, True,
                  _first_words_of("de_of")),
    ),
    "es": (
        _national(_ES_ARTICLE, rf"{_Q_CLOSE}\s+(?P<place>{_ES_ADJ})(?![\w-])", _ES_ADJS, True,
                  _first_words_of("es")),
        _national(_ES_ARTICLE, rf"{_Q_CLOSE}\s+(?P<place>{_ES_OF})(?!\w)", _ES_OFS, True,
                  _first_words_of("es_of")),
    ),
}  # fmt: skip

# A place's "answer to" the company: "Mistral, long billed as Europe's answer to OpenAI", "the European
# answer to Nvidia", « la réponse européenne à OpenAI », „Europas Antwort auf OpenAI“, "die europäische
# Antwort auf Nvidia", "la respuesta europea a OpenAI": what is meant is a third party, presented as the
# place's version of the company. Only a place (not the company's own) answers: "Google's answer to
# OpenAI's GPT-5 launch came a week later" is one company answering another, both named, and a noun or
# a possessive after the name makes it the company again ("Europe's answer to OpenAI's pricing").
_ANSWER = r"(?:answer|response|reply)\s+to\s+"
_ANSWERS: dict[str, tuple[_National, ...]] = {
    "en": (
        _national(rf"(?<![\w'.-])(?P<place>{_EN_PLACE})['’]s\s+{_EN_QUALIFIER}{_ANSWER}{_Q_OPEN}",
                  _EN_NO_NOUN, _EN_PLACES, False),
        _national(rf"{_WORD_START}(?:the|an?|its|their)\s+{_EN_QUALIFIER}{_Q_OPEN}(?P<place>{_EN_ADJ})\s+"
                  rf"{_ANSWER}{_Q_OPEN}", _EN_NO_NOUN, _EN_ADJS, False),
    ),
    "fr": (
        _national(rf"(?<!\w)réponse\s+(?P<place>{_FR_ADJ})\s+(?:à|au)\s+{_Q_OPEN}", _FR_NO_NOUN, _FR_ADJS,
                  False),
        _national(rf"(?<!\w)réponse\s+(?P<place>{_FR_OF})\s+(?:à|au)\s+{_Q_OPEN}", _FR_NO_NOUN, _FR_OFS,
                  False),
    ),
    "de": (
        _national(rf"(?<![\w-])(?P<place>{_DE_OF})\s+{_DE_QUALIFIER}Antwort\s+auf\s+{_Q_OPEN}", _DE_NO_NOUN,
                  _DE_OFS, False),
        _national(rf"(?<![\w-])(?P<place>{_DE_STEM})(?:e|en)\s+Antwort\s+auf\s+{_Q_OPEN}", _DE_NO_NOUN,
                  _DE_STEMS, False),
        _national(rf"(?<!\w)Antwort\s+(?P<place>{_DE_OF})\s+auf\s+{_Q_OPEN}", _DE_NO_NOUN, _DE_OFS, False),
    ),
    "es": (
        _national(rf"(?<!\w)respuesta\s+(?P<place>{_ES_ADJ})\s+(?:a|al)\s+{_Q_OPEN}", _FR_NO_NOUN, _ES_ADJS,
                  False),
        _national(rf"(?<!\w)respuesta\s+(?P<place>{_ES_OF})\s+(?:a|al)\s+{_Q_OPEN}", _FR_NO_NOUN, _ES_OFS,
                  False),
    ),
}  # fmt: skip
# Cheap first tests: "to"/à/au/auf/a/al among the last words before the name, then the answer word, in
# lower case, among the last characters.
_ANSWER_PREPOSITIONS = frozenset({"to", "à", "au", "auf", "a", "al"})
_ANSWER_WORDS = {
    "en": ("answer", "response", "reply"),
    "fr": ("réponse",),
    "de": ("antwort",),
    "es": ("respuesta",),
}
_ANSWER_REACH = 45


def _answer_figure(text: str, end: int, before: str, lang: str, countries: frozenset[str]) -> bool:
    """A place's answer to the company, the company not from there ("Europe's answer to OpenAI")."""
    tail = before[-_ANSWER_REACH:].lower()
    if not any(w in tail for w in _ANSWER_WORDS[lang]):
        return False
    for n in _ANSWERS[lang]:
        if n.after.match(text, end) is None or (found := n.before.search(before)) is None:
            continue
        if not n.places[_place_key(found.group(n.group(found)))] & countries:
            return True
    return False


_BEFORE_TRIGGERS = {
    lang: frozenset().union(*(n.triggers for n in patterns if not n.place_after))
    for lang, patterns in _NATIONAL.items()
}
_AFTER_TRIGGERS = {
    lang: frozenset().union(*(n.triggers for n in patterns if n.place_after))
    for lang, patterns in _NATIONAL.items()
}
_BEFORE_OR_ANSWER = {lang: triggers | _ANSWER_PREPOSITIONS for lang, triggers in _BEFORE_TRIGGERS.items()}
_LOOK_BEHIND = 60
# Per language, every figure's ``after`` in one pattern: most names are followed by none of them,
# and one anchored match says so. Figures with no ``after`` are tried on their ``hint``.
_ANY_AFTER = {
    lang: re.compile("|".join(f"(?:{f.after.pattern})" for f in figures if f.after.pattern))
    for lang, figures in _FIGURES.items()
}
_BEFORE_ONLY = {lang: tuple(f for f in figures if not f.after.pattern) for lang, figures in _FIGURES.items()}


def _last_words(text: str, start: int) -> list[str]:
    # As they stand: the triggers have the forms with a quote, in lower case and capitalised. A list, not a
    # set: three words, read by frozenset.isdisjoint.
    return text[max(0, start - 32) : start].rsplit(None, _TRIGGER_WORDS)[-_TRIGGER_WORDS:]


def _place_figure(
    text: str, end: int, before: str, words: list[str], lang: str, countries: frozenset[str]
) -> bool:
    """A place the company is not from, next to its name ("China's Nvidia", "l'OpenAI européen"), or
    answering it ("Europe's answer to OpenAI")."""
    # A cheap first test: the word after the name, or one of the last words before it, names a place or
    # is the preposition of an answer ("to", "à", "auf", "a").
    following = text[end : end + 30].split(None, 1)
    next_word = following[0].strip(_QUOTES + ".,;:!?)") if following else ""
    if next_word not in _AFTER_TRIGGERS[lang] and _BEFORE_OR_ANSWER[lang].isdisjoint(words):
        return False
    if not _ANSWER_PREPOSITIONS.isdisjoint(words) and _answer_figure(text, end, before, lang, countries):
        return True
    for n in _NATIONAL[lang]:
        if (next_word not in n.triggers) if n.place_after else n.triggers.isdisjoint(words):
            continue
        if (after := n.after.match(text, end)) is None or (found := n.before.search(before)) is None:
            continue
        place = after.group("place") if n.place_after else found.group(n.group(found))
        # Not the company's own country: "China's Nvidia", "l'OpenAI européen". A word that names no
        # country ("local", "homegrown") is always a figure.
        if not n.places[_place_key(place)] & countries:
            return True
    return False


# --- A figure after "to be": what the speaker is not, or wants to be -------------------------------
#
# Inside a quotation, the speaker saying what they are or want to be with the definite article, the name
# and an evaluative adjective names a type of company, not the company: «No somos el Amazon gratuito de
# nadie», « On ne veut pas être l'OpenAI fermé », "We don't want to be the closed OpenAI", „Wir wollen
# nicht das geschlossene OpenAI sein“. French and Spanish put the adjective after the name, English and
# German before it. The verb is in the first person ("somos", "sommes", "we are", "wir sind", "wir wollen
# ... sein") or an infinitive ("ser", "être", "want to be"); "c'est l'OpenAI fermé que nous critiquons"
# and "the winners will be the mighty Nvidia, ..." are the company. Not: a place adjective (the place
# figures decide: "somos el Amazon estadounidense"), an adjective of time or identity ("el OpenAI
# actual", "the same Nvidia", "l'OpenAI original"), a noun after the name ("we are the biggest Nvidia
# customer"), a proper name after it ("l'OpenAI fermé de Sam Altman"), nor outside a quotation (plain
# news: "el OpenAI actual", "l'OpenAI fondé par Altman", "el Amazon de Bezos").
_NOT_EVALUATIVE_WORDS = (
    # Time and identity, in English, French, Spanish and German.
    "only same current original former present real actual very whole entire first last other "
    "actuel actuelle originale originel originelle initial initiale historique même seul seule "
    "premier première dernier dernière entier entière ancien ancienne d'aujourd'hui d'antan aujourd'hui "
    "inicial histórico histórica mismo misma único única primero primera último última "
    "entero entera antiguo antigua hoy ahora "
    "einzige einzigen gleiche gleichen selbe selben heutige heutigen jetzige jetzigen aktuelle aktuellen "
    "ursprüngliche ursprünglichen frühere früheren erste ersten letzte letzten ganze ganzen alte alten "
    # Words that open a clause or a phrase, not adjectives.
    "que qui dont quand comme pour par avec sans sur dans entre est sont était fut avait veut peut fait "
    "mais plus aussi donde cuando como para por con sin sobre desde hasta era fue ser tiene quiere puede "
    "hace pero sino más también tampoco"
)
_NOT_EVALUATIVE = frozenset(_NOT_EVALUATIVE_WORDS.split())
_COPULA_WORDS = {
    "en": frozenset({"be", "are", "am", "we're", "i'm", "aren't"}),
    "fr": frozenset({"être", "sommes", "suis", "serons", "serai", "soyons", "sois", "devenir", "est", "pas",
                     "jamais", "plus"}),
    "de": frozenset({"sind", "bin", "wären", "wäre", "werden", "wollen", "will", "möchten", "möchte", "nicht",
                     "nie", "niemals"}),
    "es": frozenset({"ser", "somos", "soy", "seremos", "seré", "seamos", "sea", "convertirnos",
                     "convertirme"}),
}  # fmt: skip
_ROMANCE_AFTER = (
    rf"{_Q_CLOSE}\s+(?P<adj>[a-zà-ÿœ][a-zà-ÿœ'-]+[a-zà-ÿœ])"
    # ... and ends its noun phrase: punctuation or a quote, "de" and a common noun or pronoun ("de
    # nadie", "des banques"), or a conjunction ("fermé et payant", "plutôt une sorte de ...").
    r"(?:\s*(?:[,.;:!?»\"”…)—–]|$)|\s+(?:(?:de|del|des|du)\s+|d')(?:(?:la|las|los|el|les)\s+|l')?[a-zà-ÿœ]"
    r"|\s+(?:y|e|ni|o|u|et|ou|mais|pero|sino|plutôt)\b)"
)
_COPULA_FIGURES: dict[str, tuple[re.Pattern[str], re.Pattern[str], dict[str, frozenset[str]]]] = {
    "en": (
        re.compile(
            r"(?:(?<!\w)(?:we|i)\s*(?:'re|'m|\s+are|\s+am|\s+aren't)|(?<!\w)(?:not|never|want|wants|wanted|trying|"
            r"try|tries|aim|aims|aspire|aspires|hope|hopes|going|need|needs|refuse|refuses)\s+to\s+be)"
            rf"\s+(?:(?:not|never|just|simply)\s+)?the\s+{_Q_OPEN}(?-i:(?P<adj>[a-z][a-z-]+[a-z]))\s+{_Q_OPEN}$",
            re.IGNORECASE,
        ),
        re.compile(_EN_NO_NOUN),
        _EN_ADJS,
    ),
    "fr": (
        re.compile(
            r"(?:(?<!\w)(?:nous\s+(?:ne\s+)?sommes|(?:je\s+ne\s+|ne\s+)?suis|(?:nous\s+(?:ne\s+)?)?serons|serai|"
            r"soyons|sois|être|devenir|on\s+(?:n'\s*)?est))"
            rf"\s+(?:(?:pas|plus|jamais|simplement|juste)\s+)?(?:le\s+|la\s+|l'\s*){_Q_OPEN}$",
            re.IGNORECASE,
        ),
        re.compile(_ROMANCE_AFTER),
        _FR_ADJS,
    ),
    "de": (
        re.compile(
            r"(?<![\w-])(?:wir|ich)\s+(?:sind|bin|wären|wäre|werden|wollen|will|möchten|möchte)"
            r"\s+(?:(?:doch\s+)?(?:nicht|nie|niemals|auch\s+nicht)\s+)?(?:das|der|die)\s+"
            rf"{_Q_OPEN}(?-i:(?P<adj>[a-zäöüß]+(?:e|es|er|en)))\s+{_Q_OPEN}$",
            re.IGNORECASE,
        ),
        re.compile(_DE_NO_NOUN),
        _DE_STEMS,
    ),
    "es": (
        re.compile(
            r"(?<!\w)(?:ser|somos|soy|seremos|seré|seamos|sea|convertirnos\s+en|convertirme\s+en)"
            rf"\s+(?:el|la)\s+{_Q_OPEN}$",
            re.IGNORECASE,
        ),
        re.compile(_ROMANCE_AFTER),
        _ES_ADJS,
    ),
}
_COPULA_REACH = 48
_COPULA_QUOTES = ' \t«"“„‹'
_OPEN_QUOTES = "«“„‹"
_SHUT_QUOTES = "»”›"


def _in_quotation(text: str, start: int) -> bool:
    """Whether ``start`` lies inside a quotation opened earlier in its paragraph."""
    para = text[text.rfind("\n", 0, start) + 1 : start]
    opened = max(para.rfind(q) for q in _OPEN_QUOTES)
    # "“" closes a German „quote“: it opens only where no „ opened before it.
    if opened >= 0 and para[opened] == "“" and "„" in para[:opened]:
        opened = -1
    shut = max(max(para.rfind(q) for q in _SHUT_QUOTES), para.rfind("“") if "„" in para else -1)
    return opened > shut or para.count('"') % 2 == 1


def _copula_figure(text: str, start: int, end: int, before: str, lang: str) -> bool:
    """The speaker saying what they are not, or want to be, with the name as a type of company
    ("No somos el Amazon gratuito de nadie", "We don't want to be the closed OpenAI")."""
    # Cheap first tests: right before the name, a definite article (French, Spanish) or an adjective in
    # lower case (English, German); then "to be", a negation or a first person among the last words.
    tail = before.rstrip(_COPULA_QUOTES)
    if lang in ("fr", "es"):
        if tail[-2:].lower() not in ("l'", "le", "la", "el") or tail[-3:-2].isalnum():
            return False
    elif not tail[-1:].islower():
        return False
    words = before[-_COPULA_REACH:].lower().split()[-5:]
    if _COPULA_WORDS[lang].isdisjoint(words):
        return False
    pattern, after_pattern, places = _COPULA_FIGURES[lang]
    if (found := pattern.search(before)) is None or (after := after_pattern.match(text, end)) is None:
        return False
    adjective = (found.groupdict().get("adj") or after.groupdict().get("adj") or "").lower()
    if adjective in _NOT_EVALUATIVE:
        return False
    if lang == "de":
        stem = re.sub(r"(?:es|er|en|e)$", "", adjective)
        if stem in places or stem in _NOT_EVALUATIVE:
            return False
    elif adjective in places:
        return False
    return _in_quotation(text, start)


_Q_OPEN_CHARS = "\"“„«»‹'"  # the quotes of _Q_OPEN
_ENDS_REACH = 12  # longer than any word of a figure's ``ends``


def _figure_end(before: str) -> str | None:
    """The end of ``before`` in lower case, spaces and an opening quote aside, for the figures' ``ends``
    (a cheap first test); None when it is not ASCII, where a case-insensitive regex knows more case pairs
    than str.lower ("ſ" is an "s", "ı" an "i"), so that the figure's pattern decides."""
    tail = before.rstrip()
    if tail and tail[-1] in _Q_OPEN_CHARS:
        tail = tail[:-1].rstrip()
    tail = tail[-_ENDS_REACH:]
    return tail.lower() if tail.isascii() else None


def figure_of_speech(
    text: str,
    start: int,
    end: int,
    language: str | None,
    countries: frozenset[str] = frozenset(),
    otherwise: bool = True,
) -> bool:
    """Whether the name at ``text[start:end]`` is used as a type, not for the company.

    ``countries``: where the company is from (the taxonomy's ``country``), for the figures that
    name a place ("China's Nvidia"); empty when unknown, and then any place makes a figure.
    ``otherwise``: whether a business or a colour of that name counts too (``named_otherwise``); the
    tagger asks that apart, as such a name makes the whole article doubt the name.
    """
    before = text[max(0, start - _LOOK_BEHIND) : start]
    titled = _titled(text, start)
    words: list[str] | None = None
    last: str | None = ""  # the end of ``before`` for the figures' ``ends`` (built when first needed)
    for lang in (language,) if language in _FIGURES else tuple(_FIGURES):
        figures = _FIGURES[lang] if _ANY_AFTER[lang].match(text, end) else _BEFORE_ONLY[lang]
        for f in figures:
            if f.hint and f.hint not in before:
                continue
            # ``ends`` (a string test) before ``after`` (a regex match): a name follows "the", "a" ... less
            # often than it is followed by what some figure's ``after`` accepts (punctuation, "of").
            if f.ends:
                if last == "":
                    last = _figure_end(before)
                if last is not None and not last.endswith(f.ends):
                    continue
            if f.after.match(text, end) is None:
                continue
            if f.before.search(before) is not None:
                return True
        if titled and _TITLES[lang].search(text, max(0, start - _TITLE_REACH), start) is not None:
            return True
        words = _last_words(text, start) if words is None else words
        if _place_figure(text, end, before, words, lang, countries):
            return True
        if _copula_figure(text, start, end, before, lang):
            return True
    # Not a type but a business or a colour of that name.
    return otherwise and named_otherwise(text, start, end, language)


# --- A person's first name, with an age ----------------------------------------------------------
#
# A gated name that is also a first name ("Alexa", "Claude", "Sora") with a person's age is a person:
# in apposition ("die Mutter von Alexa, 15,", "Claude (42)", "Alexa, 27 ans,", "Alexa, de 27 años,"),
# before it ("the 15-year-old Alexa", "die 15-jährige Alexa") or as the subject of the age ("Alexa
# tiene 27 años", "Alexa ist 15 Jahre alt", "Alexa a 27 ans", "Alexa is 27 years old"). Not a
# product's age in a time phrase ("Amazon's Alexa, 10 years after launch"), nor a tally ("Apple (15),
# Google (12)").
_AGE_WORD = r"(?:ans|an|años|año|Jahre|Jahren|years?\s+old|years?)"
_AGE_AFTER = re.compile(
    rf"\s*,\s*(?:de\s+)?\d{{1,3}}(?:\s+{_AGE_WORD})?\s*,"
    rf"|\s*\(\s*\d{{1,3}}(?:\s+{_AGE_WORD})?\s*\)"
    r"|\s+(?:tiene|tenía|ist|war|a|avait|is|was)\s+\d{1,3}\s+(?:años|Jahre\s+alt|ans|years\s+old)(?!\w)"
)
_AGE_BEFORE = re.compile(r"(?<![\w-])\d{1,3}[-\s](?:year-old|jährigen?|jährige[mrs]?|Jährigen?)\s+$")
# A tally: another name and a number right after ("Apple (15), Google (12)"), or a number just before.
_TALLY_AFTER = re.compile(r"\s*[,;]?\s*(?:(?:and|et|und|y|e)\s+)?[A-ZÀ-ÖØ-Þ][\w.-]*\s*(?:\(\s*\d|,\s*\d)")
_TALLY_BEFORE = re.compile(r"\d\s*\)?\s*[,;]?\s*(?:(?:and|et|und|y|e)\s+)?$")


def person_with_age(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is a person's, given with an age."""
    after = _AGE_AFTER.match(text, end)
    if after is not None:
        tally = _TALLY_AFTER.match(text, after.end()) or _TALLY_BEFORE.search(
            text[max(0, start - 12) : start]
        )
        return tally is None
    return _AGE_BEFORE.search(text[max(0, start - 24) : start]) is not None


# --- An emoji's name -----------------------------------------------------------------------------
#
# Emoji have names, and some are company names too ("hugging face", 🤗). The name is the emoji's,
# not the company's, in quotes right after the word emoji ("dieses Emoji „Hugging Face“", "the emoji
# called 'Hugging Face'", "l'émoji « Hugging Face »", "el emoji «Hugging Face»") or with the word
# emoji right after it ("the Hugging Face emoji", "das „Hugging Face“-Emoji"). Not the company
# named next to the word: "the emoji Hugging Face chose as its logo", "Emoji-Modelle von Hugging
# Face", "Hugging Face's emoji", "… an emoji. Hugging Face said …".
# Also a quoted name that ends its phrase, a few words after the emoji itself or a word for one (a
# compound too) in the same sentence: "Lieblings-Emoji der Woche: 🤗 – offiziell heißt es „Hugging
# Face“.", "our favourite emoji, 🤗, is officially called 'Hugging Face'.", "l'émoji 🤗, baptisé
# « Hugging Face »,". Not a quoted name that goes on as a subject ("🤗 „Hugging Face“ sammelt Geld ein").
_EMOJI_WORD = r"(?:emojis?|émojis?|emoticon(?:e|o)?s?|émoticônes?|emoticón|smiley)"
_EMOJI_BEFORE = re.compile(
    rf"(?<!\w){_EMOJI_WORD}\s+(?:(?:called|named|namens|genannt|appelé|nommé|llamado|denominado)\s+)?"
    r"[\"“„«‹']\s*$",
    re.IGNORECASE,
)
_EMOJI_AFTER = re.compile(rf"\s*[\"”“»›']?\s*-?\s*{_EMOJI_WORD}(?!\w)", re.IGNORECASE)
_QUOTE_CLOSE = re.compile(r"\s*[\"”“»›']")
# Pictographs, dingbats and symbols (the blocks emoji come from).
_EMOJI_CHAR = "\u2600-\u27bf\U0001f300-\U0001faff"
_HAS_EMOJI_CHAR = re.compile(f"[{_EMOJI_CHAR}]")
_EMOJI_NEAR = re.compile(rf"(?:[{_EMOJI_CHAR}]|{_EMOJI_WORD}(?!\w))[^.!?\n]{{0,60}}$", re.IGNORECASE)
_QUOTE_OPEN_BEFORE = re.compile(r"[\"“„«‹']\s*$")
_QUOTED_ENDS_PHRASE = re.compile(r"\s*[\"”“»›']\s*(?:[,.;:!?)—–…]|$)")


def names_an_emoji(text: str) -> bool:
    """A cheap first test, once per text: whether it has a word for an emoji (every form of _EMOJI_WORD
    holds one of these) or an emoji."""
    low = text.lower()
    return (
        "moji" in low
        or "moticon" in low
        or "moticôn" in low
        or "moticón" in low
        or "smiley" in low
        or _HAS_EMOJI_CHAR.search(text) is not None
    )


def emoji_name(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is an emoji's name."""
    if _EMOJI_AFTER.match(text, end) is not None:
        return True
    if _QUOTE_CLOSE.match(text, end) is None:
        return False
    before = text[max(0, start - 80) : start]
    if _EMOJI_BEFORE.search(before[-40:]) is not None:
        return True
    # The emoji or a word for one a few words before, in the same sentence, the quoted name ending its phrase.
    return (
        _QUOTE_OPEN_BEFORE.search(before) is not None
        and _QUOTED_ENDS_PHRASE.match(text, end) is not None
        and _EMOJI_NEAR.search(before) is not None
    )


# --- A person's first name, with a home town or a reader's question ---------------------------------
#
# A gated name that is also a first name, followed by where the person writes from ("Alexa from Leeds",
# "Alexa aus Köln", "Claude, de Lyon, demande", "Alexa, desde Sevilla, pregunta") or by a verb of asking
# and a colon ("Alexa asks:", "Claude demande :", "Alexa fragt:", "Alexa pregunta:"), is a reader or a
# witness: a person. The place is a capitalised word that is no company's name (the caller says which
# words are): "Alexa from Amazon", "Claude from Anthropic", "Alexa d'Amazon" are the product and its
# maker. An assistant answers, it does not ask: a verb of answering or saying alone proves nothing
# ("Alexa says it will rain").
_PLACE_WORD = r"(?P<place>[A-ZÀ-ÖØ-Þ][\w'-]*)"
_ASKS = (
    r"(?:asks|asked|wonders|wondered|writes|wrote|wants\s+to\s+know|demande|s'interroge|écrit|nous\s+écrit|"
    r"fragt|schreibt|will\s+wissen|möchte\s+wissen|pregunta|escribe|nos\s+escribe|quiere\s+saber)"
)
_FROM_PLACE = re.compile(
    # "Alexa from Leeds", "Alexa aus Köln", "Alexa desde Sevilla" (in apposition or not)
    rf"\s*,?\s+(?:from|aus|desde)\s+{_PLACE_WORD}"
    # "Claude, de Lyon, demande", "Alexa, de Sevilla, pregunta": in apposition between commas
    rf"|\s*,\s*(?:de\s+|d')\s*{_PLACE_WORD.replace('place', 'place2')}[^,.;:!?\n]{{0,30}},"
)
_ASKS_AFTER = re.compile(rf"\s*,?\s+{_ASKS}\s*:")


def person_cue(text: str, start: int, end: int) -> int | None:
    """Where the name at ``text[start:end]`` is said to be a person's: the offset of the home town
    ("Alexa from Leeds"), which the caller checks is no company's name ("Alexa from Amazon"), or -1 for a
    question ("Alexa asks:"); None when nothing says so."""
    if end >= len(text) or text[end] not in " ,":  # a cheap first test
        return None
    found = _FROM_PLACE.match(text, end)
    if found is not None:
        return found.start("place" if found.group("place") else "place2")
    return -1 if _ASKS_AFTER.match(text, end) is not None else None


# --- A product that begins with a first name, in an article where the name is a person's ----------
#
# Some products begin with a first name ("Claude Haiku", "Claude Sonnet", "Alexa Plus", "Ernie Bot"). In
# an article that uses that name as a person's first name, followed by a capitalised surname that is no
# name of a company ("des französischen Dichters Claude Mercier", "Alexa Brandt says"), the product's form
# may be the person again or a phrase about them ("Bei Claude Haiku schreiben zu lernen": learning to
# write haiku from Claude): the caller asks for the company's evidence (another of its names, a context
# word other than the first name). "Claude Shannon" quoted in an article that names Anthropic and "Claude
# Sonnet 4.5" keeps the company; "Claude Haiku 4.5 is Anthropic's fastest model" alone keeps it.
_SURNAME_AFTER = r"[ \u00a0](?P<surname>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿß]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿß]+)?)(?![\w-])"


@lru_cache(maxsize=64)
def _first_and_surname(first_name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(first_name)}{_SURNAME_AFTER}")


def first_name_of(product: str, first_names: frozenset[str]) -> str | None:
    """The first name (of the taxonomy's ``first_names``) a product of several words begins with
    ("Claude Haiku" -> "Claude"), or None."""
    first, _, rest = product.partition(" ")
    return first if rest and first in first_names else None


def persons_named(text: str, first_name: str) -> list[tuple[int, int]]:
    """(start of the first name, start of the surname) of each "first name + capitalised surname" in
    ``text`` ("Claude Mercier", "Claude Haiku" too: the caller drops those that are names of companies)."""
    if first_name not in text:  # a cheap first test
        return []
    return [(m.start(), m.start("surname")) for m in _first_and_surname(first_name).finditer(text)]


# --- An acronym the article defines as something else ---------------------------------------------
#
# A company's name that is an acronym (IBM, AMD, AWS, TSMC, ARM) may be defined by the article as
# something else: "inclusion body myositis, or IBM,", "age-related macular degeneration (AMD)",
# "altersbedingte Makuladegeneration (AMD)", "an adjustable-rate mortgage (ARM)", "IBM (inclusion body
# myositis)". Then the acronym means that thing throughout the article, headline included ("Living with
# IBM"): none of its uses is the company, unless the definition is the company's own name
# ("International Business Machines (IBM)", "Advanced Micro Devices (AMD)"; the caller checks that a name
# of the company stands in the long form). The long form is found as Schwartz and Hearst's algorithm
# finds it (2003): the acronym's letters in order, from the right, the first one opening a word; it must
# be short (no more words than letters, each word holding one of them, small words aside) and within one
# phrase (no comma or full stop), so that "in big clouds like Amazon, Microsoft, or IBM" defines nothing.
# A long name whose word initials spell the acronym, function words aside, is a long form too, accents
# ignored: "El Órgano de Control Institucional (OCI)", "l'Organisation de la coopération islamique (OCI)",
# "the Open Container Initiative (OCI)". More shapes of a definition: a gloss in quotes in parentheses
# ("IBM (« inclusion body myositis »)"), an apposition with an indefinite article ("TPU, ein
# thermoplastisches Polyurethan, das ...", "TPU, a thermoplastic polyurethane,"), and the acronym named as
# the acronym of what the clause before it names ("Le polyuréthane thermoplastique, plus connu sous son
# acronyme TPU", "better known by its acronym TPU", "bekannt unter dem Kürzel TPU", "conocido por sus
# siglas TPU"), where word order may differ from the letters'. Not a company or a share named there ("le
# géant américain, connu sous son sigle IBM", "die Aktie, bekannt unter dem Kürzel IBM").
_SMALL_WORDS = frozenset(
    {"of", "the", "and", "for", "in", "on", "a", "an", "de", "des", "du", "la", "le", "les", "l", "d",
     "et", "en", "à", "au", "aux", "der", "die", "das", "den", "dem", "und", "für", "von", "im", "zur",
     "zum", "del", "el", "los", "las", "y", "e", "para"}
)  # fmt: skip
_LONG_FORM_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def _fold(text: str) -> str:
    """``text`` in lower case without accents, of the same length ("Órgano" -> "organo")."""
    return "".join(unicodedata.normalize("NFD", c)[0] for c in text.lower())


_MORE_SMALL_WORDS = {"to", "at", "by", "pour", "sur", "par", "por", "con", "zu", "mit"}
_FOLDED_SMALL_WORDS = frozenset(_fold(w) for w in _SMALL_WORDS | _MORE_SMALL_WORDS)


def _initials(letters: list[str], words: list[re.Match[str]]) -> int | None:
    """Where the last words (function words aside) whose initials spell ``letters`` start, if they do."""
    content = []
    for w in reversed(words):
        word = _fold(w.group()).rsplit("'", 1)  # "l'Organisation": its initial is the o
        if word[-1] in _FOLDED_SMALL_WORDS or (len(word) > 1 and not word[-1]):
            continue
        content.append((w.start() + len(w.group()) - len(word[-1]), word[-1]))
        if len(content) == len(letters):
            break
    if len(content) < len(letters) or any(
        word[0] != c for (_, word), c in zip(reversed(content), letters, strict=True)
    ):
        return None
    return content[-1][0]


def _long_form(acronym: str, window: str) -> int | None:
    """Where in ``window`` (text that ends right before the definition) the acronym's long form starts."""
    letters = [c for c in acronym.lower() if c.isalnum()]
    words = list(_LONG_FORM_WORD.finditer(window))[-(len(letters) + 3) :]
    if not words:
        return None
    if (first_word := _initials(letters, words)) is not None:
        return first_word
    base = words[0].start()
    phrase = _fold(window[base:])
    i = len(phrase) - 1
    matched: list[int] = []
    for n in range(len(letters) - 1, -1, -1):
        c = letters[n]
        while i >= 0 and (phrase[i] != c or (n == 0 and i > 0 and phrase[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        matched.append(i)
        i -= 1
    first = matched[-1]
    content = [w for w in words if w.start() - base >= first and w.group().lower() not in _SMALL_WORDS]
    if not content or len(content) > len(letters):
        return None
    # Each word holds a letter of the acronym: no long run of other words between them.
    if any(not any(w.start() - base <= m < w.end() - base for m in matched) for w in content):
        return None
    return base + first


# Around one use of the acronym: "long form (IBM)", "long form, or IBM" (the long form before it), "IBM
# (long form)", "IBM, or long form," (after it).
# "(kurz aws)", ", kurz aws,", "(en abrégé AWS)", "– abreviado AWS –": a word for "short" before the acronym.
_SHORT = r"(?:kurz|abgekürzt|abgek\.|short|en\s+abrégé|abrégé|abreviad[oa]|en\s+corto)"
_DEFINED_BEFORE = re.compile(
    rf"(?:\(\s*(?:{_SHORT}\s*:?\s+)?|,\s*(?:or|ou|oder|bzw\.|o|u)\s+|[,–—]\s*{_SHORT}\s*:?\s+)$",
    re.IGNORECASE,
)
# The parenthesis may go on with what the acronym is ("(AWS, por sus siglas en alemán)", "(AWS, son sigle
# allemand)", "(aws for short)", "(AWS, kurz für ...)").
_PAREN_AFTER = re.compile(
    r"\s*(?:[,;]?\s*(?:por\s+sus\s+siglas|sus\s+siglas|siglas|son\s+sigle|sigle|son\s+acronyme|acronyme|"
    r"for\s+short|kurz|Abkürzung|Kürzel|abbreviated)[^()]{0,40})?\)",
    re.IGNORECASE,
)
_GLOSS_QUOTE = r"[\"“„«‹']?\s*"
_INDEFINITE = r"(?:a|an|un|une|una|ein|eine|einer|eines|einem|einen)"
_DEFINED_AFTER = re.compile(
    rf"\s*\(\s*{_GLOSS_QUOTE}(?P<long>[^()\d\"“”„«»‹›]{{3,80}}?)\s*[\"”“»›']?\s*\)"
    r"|\s*,\s*(?:or|ou|oder|o)\s+(?P<apposed>[^,.;:()]{3,80}),"
    rf"|\s*,\s*{_INDEFINITE}\s+(?P<indefinite>[^,.;:()\d]{{3,80}}?)(?=\s*(?:[,.;:)]|$))"
)
_PHRASE_BREAK = re.compile(r"[,.;:!?()\n\"«»“”„]")
_OR_ENDINGS = (" or ", " ou ", " oder ", " o ", " u ")
# "its acronym", "son acronyme anglais", "bekannt unter dem Kürzel", "por sus siglas" right before it.
_ACRONYM_WORDS = (
    "acronym", "abbreviation", "initials", "acronyme", "sigle", "abréviation", "initiales", "akronym",
    "kürzel", "abkürzung", "sigla", "siglas", "acrónimo", "abreviatura",
)  # fmt: skip
_IN_LANGUAGE = (
    r"(?:English|anglais|anglaise|français|française|englische[mnrs]?|inglés|inglesas?|en\s+inglés)"
)
_ACRONYM_WORD = "(?:" + "|".join(_ACRONYM_WORDS) + ")"
_NAMED_ACRONYM = re.compile(
    r"(?<![\w-])(?:(?:its|their|son|sa|ses|leur|seine[mnrs]?|ihre[mnrs]?|sus?)"
    r"|(?:known|bekannt)\s+(?:as|by|unter|als)(?:\s+(?:the|dem|der|das|den))?)\s+"
    rf"(?:{_IN_LANGUAGE}\s+)?{_ACRONYM_WORD}(?:\s+{_IN_LANGUAGE})?\s*[\"“„«‹']?\s*$",
    re.IGNORECASE,
)
_NAMED_ACRONYM_ENDS = (
    *_ACRONYM_WORDS, "english", "anglais", "anglaise", "français", "française", "englischen", "englische",
    "inglés", "inglesas", "inglesa",
)  # fmt: skip
# A company or a share the clause names: the acronym is its name or its ticker.
_COMPANY_NOUN = re.compile(
    r"(?<!\w)(?:compan(?:y|ies)|firms?|groups?|giant|\w*makers?|corporation|shares?|stocks?|tickers?|"
    r"\w*konzerns?|unternehmens?|firmen?|\w*herstellers?|riesen?|aktien?|börse|entreprises?|groupes?|géants?|"
    r"sociétés?|firmes?|fabricants?|actions?|bourse|empresas?|compañías?|gigantes?|grupos?|fabricantes?|"
    r"acci(?:ón|ones)|bolsa)(?!\w)",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?;\n]")


def defined_nearby(text: str, start: int, end: int) -> bool:
    """A cheap first test, on one use of an acronym at ``text[start:end]``: a parenthesis or a comma right
    after it, a parenthesis or an "or" right before it, or a word for an acronym or for "short" right
    before it, as where the article defines it; or a definition of the acronym in lower case elsewhere in
    the article ("Austria Wirtschaftsservice (aws)")."""
    if text[end : end + 3].lstrip()[:1] in ("(", ")", ","):
        return True
    before = text[max(0, start - 7) : start]
    if before.rstrip().endswith("(") or before.endswith(_OR_ENDINGS):
        return True
    if text[max(0, start - 16) : start].rstrip(" \u00a0\"“„«‹':").lower().endswith(_NAMED_ACRONYM_ENDS):
        return True
    name = text[start:end]
    acronym = name[:-1] if name.endswith("s") and name[:-1].isupper() else name  # "AWSs", a genitive
    return _defined_in_lower_case(text, acronym) is not None


# An acronym written in lower case ("aws", as Austria Wirtschaftsservice writes itself) is no company name of
# the taxonomy (an acronym there is matched in its case), so the tagger never asks about its definition:
# the later uses in capitals ("die AWS-Förderung") are looked up here. Where the article defines the
# lower-case form ("Austria Wirtschaftsservice (aws)", "Austria Wirtschaftsservice, kurz aws,", "(aws, por
# sus siglas en alemán)"), its long form is the acronym's for the whole article; the caller still checks
# that no name of the company stands in it ("Amazon Web Services (aws)" keeps AWS as Amazon).
@lru_cache(maxsize=16)
def _lower_case_uses(acronym: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(acronym.lower())}(?![\w-])")


@lru_cache(maxsize=64)
def _defined_in_lower_case(text: str, acronym: str) -> tuple[int, int] | None:
    low = acronym.lower()
    if len(acronym) < 2 or low == acronym or low not in text:  # a cheap first test
        return None
    for use in _lower_case_uses(acronym).finditer(text):
        s, e = use.span()
        near = text[max(0, s - 16) : s]
        if (
            near.rstrip().endswith("(")
            or near.endswith(_OR_ENDINGS)
            or _DEFINED_BEFORE.search(near) is not None
        ) and (found := _definition_here(text, s, e)) is not None:
            return found
    return None


def _named_acronym(text: str, start: int) -> tuple[int, int] | None:
    """The clause before "its acronym X" ("Le polyuréthane thermoplastique, plus connu sous son acronyme
    TPU"), when it names no company or share."""
    found = _NAMED_ACRONYM.search(text, max(0, start - 60), start)
    if found is None:
        return None
    head = text[max(0, found.start() - 120) : found.start()]
    breaks = list(_SENTENCE_BREAK.finditer(head))
    clause_start = found.start() - len(head) + (breaks[-1].end() if breaks else 0)
    clause = text[clause_start : found.start()]
    if not clause.strip() or _COMPANY_NOUN.search(clause):
        return None
    return clause_start, found.start()


def acronym_definition(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of the long form that ``text`` gives for the acronym at ``text[start:end]``, there
    ("inclusion body myositis, or IBM") or where the article defines it in lower case ("Austria
    Wirtschaftsservice (aws)" for a later "AWS-Förderung"), or None when it gives none."""
    found = _definition_here(text, start, end)
    if found is None and (elsewhere := _defined_in_lower_case(text, text[start:end])) is not None:
        return elsewhere
    return found


# "(AWS, por sus siglas en alemán)", "(AWS, son sigle allemand)", "(AWS, its German initials)": the acronym
# of the name in another language, whose letters the long form before need not have.
_IN_ANOTHER_LANGUAGE = re.compile(
    r"(?:siglas|sigle|acronyme|initials|acronym|Abkürzung|Kürzel)\s+(?:(?:en|in|auf)\s+)?"
    r"(?:alemán|inglés|francés|allemand|anglais|German|English|French|Englisch|Deutsch|Französisch|\w+isch)",
    re.IGNORECASE,
)
_FOREIGN_WORDS = 6


def _foreign_long_form(window: str) -> int | None:
    """Where the name before an acronym of its translation starts: its last words, from a capital on."""
    words = list(_LONG_FORM_WORD.finditer(window))[-_FOREIGN_WORDS:]
    capitals = [w for w in words if w.group()[:1].isupper()]
    return capitals[0].start() if capitals else None


def _definition_here(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The long form that ``text`` gives for the acronym at ``text[start:end]`` there."""
    acronym = text[start:end]
    near = text[max(0, start - 16) : start]
    if (paren := _DEFINED_BEFORE.search(near)) is not None and (
        paren.group()[0] != "(" or (shut := _PAREN_AFTER.match(text, end)) is not None
    ):
        stop = start - len(near) + paren.start()
        window = _PHRASE_BREAK.split(text[max(0, stop - 120) : stop])[-1]
        found = _long_form(acronym, window)
        if (
            found is None
            and paren.group()[0] == "("
            and shut is not None  # bound above whenever the opening is "("
            and _IN_ANOTHER_LANGUAGE.search(shut.group()) is not None
        ):
            found = _foreign_long_form(window)  # "(AWS, por sus siglas en alemán)": the letters are another's
        if found is None or acronym in window[found:]:
            return None
        return stop - len(window) + found, stop - len(window) + len(window.rstrip())
    after = _DEFINED_AFTER.match(text, end)
    if after is None:
        return _named_acronym(text, start)
    group = next(g for g in ("long", "apposed", "indefinite") if after.group(g) is not None)
    long = after.group(group)
    if _long_form(acronym, long) != 0 or acronym in long:  # the long form must be all of it
        return _named_acronym(text, start)
    return after.start(group), after.end(group)


# --- A name introduced as a term -----------------------------------------------------------------
#
# A name that is also a word may be introduced as a term: after "so-called" (sogenannte, so genannte,
# sog., dite, soi-disant, el llamado, la denominada ...) right before it ("die sogenannte Perplexity",
# "la métrique dite « Perplexity »", "la llamada Perplexity"), or glossed right after it ("Perplexity –
# zu Deutsch Perplexität", "Perplexity (en français : perplexité)", "Perplexity, i.e. a measure of",
# "Perplexity — that is, how surprised"). It is then the term, not the company. Not a list after
# "so-called" ("the so-called Magnificent Seven, Nvidia, Apple ..."): the name must stand right after
# the marker. Not "una startup llamada Perplexity" (a name, not a term: the Spanish and French markers
# need the article, or the noun they follow), nor "a dit Apple" (French "dit" after avoir is "said"),
# nor the first word of a longer name ("die sogenannten Apple Foundation Models": the company's models).
# A gloss that explains ("i.e.", "that is", "c'est-à-dire", "d. h.", "es decir") must go on with a
# lower-case word: "Meta, that is, Facebook" names the company.
_TERM_MARK = (
    r"(?:so[- ]?called|sogenannte[nmrs]?|so\s+genannte[nmrs]?|sog\.|soi-disant|"
    r"(?:el|la|los|las|lo)\s+(?:así\s+|mal\s+)?(?:llamad|denominad)[oa]s?|"
    r"dite?s?)"
)
_TERM_BEFORE = re.compile(rf"(?<![\w-]){_TERM_MARK}\s+[\"“„«‹']?\s*$", re.IGNORECASE)
# French "dit" after a form of avoir is "said": "« … », a dit Apple".
_SAID_BEFORE = re.compile(
    r"(?<![\w-])(?:a|ai|as|avons|avez|ont|avait|avaient|aurait|auraient|aura|avoir|ayant)\s+dite?s?\s+"
    r"[\"“„«‹']?\s*$",
    re.IGNORECASE,
)
_CAPITAL_AFTER = re.compile(r"[\"”“»›']?\s+[A-ZÀ-ÖØ-Þ]")
_GLOSS_OPEN = r"[\"”“»›']?\s*(?:[–—-]+|\(|,|:)\s*(?:(?:or|oder|ou|o|soit|also)\s+)?"
_TRANSLATION = (
    r"(?:(?:zu|auf)\s+Deutsch|in\s+(?:plain\s+)?English|en\s+(?:bon\s+)?français|en\s+(?:español|castellano)|"
    r"in\s+German|in\s+French|in\s+Spanish)(?!\w)"
)
_EXPLAINED = r"(?:i\.\s?e\.|that is|c'est-à-dire|d\.\s?h\.|das\s+heißt|es decir|o sea)\s*[,:]?\s+[a-zà-ÿß]"
_GLOSS_AFTER = re.compile(rf"{_GLOSS_OPEN}(?:{_TRANSLATION}|{_EXPLAINED})")


# Cheap first tests: how a marker of _TERM_BEFORE ends, and what opens a gloss of _GLOSS_AFTER.
_MARK_ENDS = (
    "called", "nnte", "nnten", "nnter", "nntes", "nntem", "sog.", "disant", "dit", "dite", "dits", "dites",
    "llamado", "llamada", "llamados", "llamadas", "denominado", "denominada", "denominados", "denominadas",
)  # fmt: skip
_QUOTES_AND_SPACES = " \u00a0\"“”„«»‹›'"
_GLOSS_OPENS = frozenset("–—-(,:")


def named_as_term(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is introduced as a term ("die sogenannte Perplexity",
    "Perplexity – zu Deutsch Perplexität")."""
    if (
        text[max(0, start - 16) : start].rstrip(_QUOTES_AND_SPACES).lower().endswith(_MARK_ENDS)
        and _TERM_BEFORE.search(before := text[max(0, start - 40) : start]) is not None
        and _SAID_BEFORE.search(before) is None
        and _CAPITAL_AFTER.match(text, end) is None
    ):
        return True
    opens = text[end : end + 4].lstrip(_QUOTES_AND_SPACES)[:1]
    return opens in _GLOSS_OPENS and _GLOSS_AFTER.match(text, end) is not None


# --- An animal's or a fictional character's name -------------------------------------------------
#
# A name right after a noun for an animal or a fictional character ("my dog Alexa", "the cartoon rabbit
# Bing", "le chat Siri", "mon chien, Grok", "der Kater Claude", "seine Hündin Alexa", "su perra, Grok",
# "un perro llamado Sora") or in apposition before one ("Bing, el conejito de los dibujos animados",
# "Sora, the young hero of the saga", "Alexa, notre labrador", "Claude, der Papagei") names that being,
# not the company. The noun takes a determiner (an article, a possessive, a demonstrative) and at most
# two words between ("the cartoon rabbit", "el joven protagonista"). Not a machine ("a robot dog powered
# by Grok", "Grok, the robot dog"), nor a company's own ("Grok, the chatbot of xAI", "Bing, el buscador
# de Microsoft": no such noun; the caller also rejects a phrase that names a company, "Le Chat, le chat
# de Mistral AI"). The nouns are per language: English "chat" is a conversation ("in the chat, Grok
# said"), French "chat" a cat.
_BEING_NOUNS: dict[str, tuple[str, ...]] = {
    "en": (
        "dog", "puppy", "pup", "cat", "kitten", "kitty", "tomcat", "rabbit", "bunny", "hamster", "parrot",
        "budgie", "horse", "pony", "mare", "tortoise", "turtle", "goldfish", "labrador", "retriever",
        "poodle", "spaniel", "terrier", "dachshund", "beagle", "collie", "mutt",
        "colt", "filly", "gelding", "stallion", "racehorse", "trotter",
        "character", "cartoon character", "hero", "heroine", "protagonist",
    ),
    "fr": (
        "chien", "chienne", "chiot", "chat", "chatte", "chaton", "matou", "lapin", "lapine", "hamster",
        "perroquet", "perruche", "cheval", "jument", "poney", "tortue", "poisson rouge", "labrador",
        "caniche", "teckel", "épagneul", "toutou", "animal de compagnie",
        "trotteur", "trotteuse", "pouliche", "poulain", "hongre", "étalon", "pur-sang",
        "personnage", "héros", "héroïne", "protagoniste",
    ),
    "de": (
        "Hund", "Hündin", "Welpe", "Welpen", "Katze", "Kater", "Kätzchen", "Kaninchen", "Hase", "Häschen",
        "Hamster", "Papagei", "Wellensittich", "Pferd", "Stute", "Pony", "Schildkröte", "Goldfisch",
        "Labrador", "Pudel", "Dackel", "Haustier",
        "Hengst", "Wallach", "Rennpferd", "Traber", "Galopper", "Fohlen",
        "Figur", "Comicfigur", "Zeichentrickfigur", "Romanfigur", "Spielfigur", "Hauptfigur", "Held",
        "Heldin", "Protagonist", "Protagonistin",
    ),
    "es": (
        "perro", "perra", "perrito", "perrita", "cachorro", "cachorra", "gato", "gata", "gatito",
        "gatita", "conejo", "coneja", "conejito", "conejita", "hámster", "loro", "periquito", "caballo",
        "yegua", "poni", "tortuga", "pez", "labrador", "caniche",
        "potro", "potra", "potrillo", "potranca", "semental", "purasangre", "trotón",
        "personaje", "héroe", "heroína", "protagonista",
    ),
}  # fmt: skip
# In apposition only, a noun for a thing or a place that is no company's product names that thing too: a
# machine in a museum, a room, a hall, a space ("ERNIE, la machine à tirer des nombres aléatoires",
# "Dojo, el espacio maker del campus", "Dojo, der Raum im Keller", "Dojo, the room upstairs"), with the same
# safeguards (no company named in the phrase: "Grok, la machine d'xAI"; not "the chatbot"). No noun a
# company's product would be called ("computer", "supercomputer", "ordinateur", "Rechner": "Dojo, the
# supercomputer Tesla built" is Tesla's), and not before the name ("the chatbot space Grok"). French and
# Spanish put a word after the noun ("el espacio maker del campus", "la salle principale").
# A flight, a mission, a spacecraft too ("Gemini 3, the first crewed flight of NASA's programme", „Gemini 3,
# der erste bemannte Flug“, « Gemini 3, le premier vol habité », "Gemini 3, el primer vuelo tripulado"): no
# product of a company of the taxonomy is called so ("Gemini 3, the model Google released" is the product).
# A town, a city, a village too ("Bedrock, a Stone Age town", « Bedrock, une ville de l'âge de pierre »,
# "Bedrock, una ciudad de la Edad de Piedra", „Bedrock, einer Steinzeitstadt“): German writes the place as a
# compound that ends in the noun (_THING_COMPOUND_ENDS: „Steinzeitstadt“, „Nachbardorf“, „Sporthalle“).
_THING_NOUNS: dict[str, tuple[str, ...]] = {
    "en": ("machine", "room", "hall", "space", "makerspace", "venue", "exhibit",
           "flight", "mission", "spacecraft", "spaceflight", "capsule", "rocket",
           "town", "city", "village", "hamlet"),
    "fr": ("machine", "salle", "pièce", "espace", "lieu", "local",
           "vol", "mission", "capsule", "fusée", "vaisseau",
           "ville", "village", "bourgade", "cité"),
    "de": ("Maschine", "Raum", "Saal", "Halle", "Werkstatt", "Ausstellungsstück",
           "Flug", "Raumflug", "Mission", "Raumkapsel", "Kapsel", "Rakete", "Raumschiff",
           "Stadt", "Dorf", "Kleinstadt", "Siedlung"),
    "es": ("máquina", "sala", "espacio", "local", "lugar", "salón",
           "vuelo", "misión", "cápsula", "cohete", "nave",
           "ciudad", "pueblo", "aldea", "villa"),
}  # fmt: skip
# The last part of a German compound that names a place or a hall: "Steinzeitstadt", "Nachbardorf",
# "Sporthalle", "Festsaal", "Holzbrücke". Not "-raum" or "-maschine" ("Rechenraum", "Rechenmaschine" may
# be a product's kind).
_THING_COMPOUND_ENDS = ("stadt", "städtchen", "dorf", "halle", "saal", "brücke", "siedlung")
_BEING_DETERMINERS = {
    "en": r"the|a|an|my|your|his|her|its|our|their|this|that",
    "fr": r"le|la|les|l'|un|une|mon|ton|son|ma|ta|sa|mes|tes|ses|notre|votre|leur|nos|vos|leurs|ce|cet|cette",
    "de": r"der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|mein\w*|dein\w*|sein\w*|ihr\w*|"
    r"unser\w*|euer|eure\w*|dies\w*",
    "es": r"el|la|los|las|un|una|mi|mis|tu|tus|su|sus|nuestr[oa]s?|vuestr[oa]s?|este|esta|ese|esa",
}
_NAMED_WORDS = (
    "named", "called", "nommé", "nommée", "appelé", "appelée", "baptisé", "baptisée", "surnommé", "surnommée",
    "namens", "genannt", "llamado", "llamada", "bautizado", "bautizada",
)  # fmt: skip
_NAMED = "(?:" + "|".join(_NAMED_WORDS) + ")"
# A machine, not a being: "a robot dog", "Grok, the robot dog", "el perro robot".
_MACHINE = re.compile(
    r"(?<!\w)(?:(?i:robot\w*|roboter\w*|robóti\w*|mechanical|mécanique|mecánic\w*|virtu\w*)|AI|IA|KI)(?!\w)"
)
# In English, French and Spanish a noun after the animal's ("his pet project", "the character limit") makes
# another thing: the noun must end its phrase, or a function word follow it ("the young hero of"), or a
# participle and its agent ("a five-year-old mare trained by", « une jument entraînée par », "un potro
# entrenado por").
_PHRASE_GOES_ON = re.compile(
    r"\s*(?:[,.;:!?)\n\"”»“]|$|(?:of|from|in|with|who|that|which|whose|and|de|du|des|d'|qui|que|dont|et|del|con|"
    r"y|en)(?!\w)|\w+(?:ed|é|ée|és|ées|ado|ada|ados|adas|ido|ida|idos|idas)\s+(?:by|par|por)(?!\w))",
    re.IGNORECASE,
)
# After a thing's noun: a preposition of purpose too ("la machine à tirer"), and in French and Spanish
# one word first ("el espacio maker del campus").
_THING_GOES_ON = {
    "en": re.compile(
        rf"(?:{_PHRASE_GOES_ON.pattern}|\s*(?:for|to|at|on|where|upstairs|downstairs)(?!\w))", re.I
    ),
    "fr": re.compile(rf"(?:\s+[\w-]+)?(?:{_PHRASE_GOES_ON.pattern}|\s*(?:à|a|au|aux|pour)(?!\w))", re.I),
    "de": re.compile(r"\s*(?:[,.;:!?)\n\"”»“]|$|[a-zäöüß])"),
    "es": re.compile(rf"(?:\s+[\w-]+)?(?:{_PHRASE_GOES_ON.pattern}|\s*(?:a|al|para|sobre)(?!\w))", re.I),
}
_BEING_QUOTES = "\"“”„«»‹›'"


def _nouns(words: tuple[str, ...]) -> str:
    return "|".join(sorted((re.escape(n) for n in words), key=len, reverse=True))


def _being_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    nouns = _nouns(_BEING_NOUNS[lang])
    det = _BEING_DETERMINERS[lang]
    flags = re.IGNORECASE if lang != "de" else 0  # German nouns are capitalised, its adjectives not
    between = r"(?P<between>(?:[\w'-]+\s+){0,2}?)"
    before = re.compile(
        rf"(?<![\w'-])(?i:{det})(?:(?<=')|\s+){between}(?:{nouns})\s*,?\s*(?:{_NAMED}\s+)?[{_BEING_QUOTES}]?\s*$",
        flags,
    )
    after = re.compile(
        rf"\s*[{_BEING_QUOTES}]?\s*,\s*(?i:{det})(?:(?<=')|\s+){between}(?:{nouns})(?![\w-])", flags
    )
    things = _nouns(_THING_NOUNS[lang])
    if lang == "de":  # a compound that ends in a place's noun: „einer Steinzeitstadt“
        things += r"|[A-ZÄÖÜ][a-zäöüß]+(?:" + _nouns(_THING_COMPOUND_ENDS) + ")"
    thing = re.compile(after.pattern.replace(nouns, things), flags)
    return before, after, thing


_BEINGS = {lang: _being_patterns(lang) for lang in _BEING_NOUNS}
# A cheap first test, as most names have no noun before them: the word that ends the text before
# the name (quotes, a comma and spaces left out) must end a noun of the list or be a word for "named".
_BEING_LAST_WORDS = frozenset(
    {noun.split()[-1].lower() for nouns in _BEING_NOUNS.values() for noun in nouns} | set(_NAMED_WORDS)
)
_TRAILING = "," + _BEING_QUOTES
_BEING_LOOK_BEHIND = 60
_CLAUSE_END = re.compile(r"[,.;:!?()\n]")


def names_a_being(text: str, start: int, end: int, language: str | None) -> tuple[int, int] | None:
    """Where the noun phrase that says the name at ``text[start:end]`` is an animal's or a fictional
    character's (or, in apposition, a thing's or a place's) stands ("su perra, Grok", "Bing, el conejito
    de los dibujos animados", "ERNIE, la machine à tirer"): its start and the end of its clause, for the
    caller to check that it names no company; None when none says so."""
    langs = (language,) if language in _BEINGS else tuple(_BEINGS)
    window = text[max(0, start - _BEING_LOOK_BEHIND) : start]
    tail = window.rstrip()
    while tail and (tail[-1] in _TRAILING or tail[-1].isspace()):
        tail = tail[:-1]
    # The last word, after an elided article too ("l'héroïne").
    noun_before = bool(tail) and tail.rsplit(None, 1)[-1].rsplit("'", 1)[-1].lower() in _BEING_LAST_WORDS
    apposed = text[end : end + 3].lstrip(_BEING_QUOTES + " ")[:1] == ","
    for lang in langs:
        before, after, thing = _BEINGS[lang]
        if (
            noun_before
            and (found := before.search(window)) is not None
            and not _MACHINE.search(found.group("between"))
        ):
            return start - len(window) + found.start(), start
        if not apposed:
            continue
        for pattern, goes_on in ((after, _PHRASE_GOES_ON), (thing, _THING_GOES_ON[lang])):
            if (
                (found := pattern.match(text, end)) is not None
                and not _MACHINE.search(found.group("between"))
                and not _MACHINE.match(text, found.end() + 1)  # "Grok, le chien robot"
                and ((lang == "de" and pattern is after) or goes_on.match(text, found.end()))
            ):
                stop = _CLAUSE_END.search(text, found.end(), found.end() + 60)
                return end, stop.start() if stop is not None else min(len(text), found.end() + 60)
    return None


# --- A shop, an eatery or a hotel named after the name -------------------------------------------------
#
# A name right after a noun for a local business ("der Imbiss Alibaba", "beim Dönerimbiss Alibaba", "le
# restaurant Mistral", "la brasserie « Mistral »", "el bar Tesla", "la panadería Alibaba", "a kebab shop
# called Alibaba"), or one that is part of its proper name ("Café Tesla", "Hôtel Mistral", "Pizzeria
# Alibaba"), or in apposition before one ("Alibaba, a snack bar on the corner", « Mistral, une brasserie du
# port », „Alibaba, ein Imbiss an der Ecke“, "Tesla, un bar de tapas") names that business, not the company.
# The nouns are those of what towns have and tech companies do not run: eateries, bars, bakeries, kiosks,
# hotels, hair salons. Not a shop or a store (la boutique Apple, la tienda Xiaomi, the Apple Store are the
# companies'), not a diner (the Tesla Diner is Tesla's), not a canteen, not French "salon" (a trade fair:
# « au salon VivaTech »). Not the company's own ("Apple's café at Apple Park": no noun before the name; "the
# Alibaba restaurant-booking unit": the noun joins a compound after it; "Meituan, a restaurant delivery
# app": the phrase goes on with a noun). English also puts a noun before a reduced relative clause ("the
# bar Nvidia set", "the bakery Amazon bought"): there a lower-case noun needs punctuation or a preposition
# after the name ("the kebab shop Alibaba on the corner", "the café Tesla, which"). German writes the noun
# with an article and may compound it („Dönerimbiss“, „Cocktailbar“, „Stammkneipe“).
_BUSINESS_NOUNS: dict[str, tuple[str, ...]] = {
    "en": (
        "snack bar", "wine bar", "cocktail bar", "tapas bar", "sushi bar", "sports bar", "juice bar", "pub",
        "kebab shop", "kebab house", "kebab stand", "kebab place", "chip shop", "fish and chip shop",
        "coffee shop", "barber shop", "barbershop", "hair salon", "beauty salon", "nail salon",
        "corner shop", "food truck", "takeaway", "takeout", "restaurant", "café", "cafe", "bistro",
        "brasserie", "trattoria", "pizzeria", "tavern", "inn", "bakery", "deli", "kiosk", "hotel", "motel",
        "guesthouse", "guest house", "hostel", "tearoom", "tea room", "laundrette", "launderette",
    ),
    "fr": (
        "restaurant", "resto", "café", "bistrot", "bistro", "bar", "bar-tabac", "tabac", "brasserie",
        "boulangerie", "pâtisserie", "épicerie", "kebab", "snack", "friterie", "pizzeria", "crêperie",
        "traiteur", "kiosque", "hôtel", "hotel", "auberge", "gîte", "buvette", "guinguette",
        "salon de coiffure", "coiffeur", "salon de thé",
    ),
    "de": (
        "Imbiss", "Imbissbude", "Imbissstube", "Schnellimbiss", "Dönerbude", "Dönerladen", "Kebabladen",
        "Restaurant", "Gaststätte", "Gasthaus", "Gasthof", "Wirtshaus", "Kneipe", "Lokal", "Café", "Cafe",
        "Bistro", "Bar", "Bäckerei", "Konditorei", "Kiosk", "Späti", "Spätkauf", "Trinkhalle", "Hotel",
        "Pension", "Pizzeria", "Friseur", "Frisör", "Friseursalon", "Biergarten", "Eisdiele", "Eiscafé",
        "Teestube", "Weinstube",
    ),
    "es": (
        "restaurante", "bar", "cafetería", "café", "bistró", "taberna", "tasca", "mesón", "cervecería",
        "panadería", "pastelería", "churrería", "heladería", "kiosco", "quiosco", "hotel", "hostal",
        "pensión", "pizzería", "kebab", "chiringuito", "peluquería", "asador", "marisquería", "pollería",
    ),
}  # fmt: skip
# The last part of a German compound that names such a business: „Dönerimbiss“, „Cocktailbar“,
# „Stammkneipe“, „Szenelokal“, „Dorfbäckerei“, „Strandcafé“, „Dönergrill“.
_BUSINESS_COMPOUND_ENDS = (
    "imbiss", "bude", "kneipe", "lokal", "bäckerei", "café", "cafe", "bistro", "restaurant", "gaststätte",
    "gasthaus", "gasthof", "wirtshaus", "kiosk", "hotel", "pizzeria", "grill", "stube", "bar", "salon",
)  # fmt: skip
_BUSINESS_DETERMINERS = {
    "en": r"the|a|an|this|that|our|my|his|her|their",
    "fr": r"le|la|l'|les|un|une|au|aux|du|des|ce|cet|cette|mon|ma|son|sa|notre|leur",
    "de": r"der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|im|ins|beim|vom|zum|zur|am|"
    r"mein\w*|sein\w*|ihr\w*|unser\w*|dies\w*",
    "es": r"el|la|los|las|un|una|al|del|este|esta|ese|esa|su|nuestr[oa]",
}
# Capitalised, a noun is part of the business's proper name ("Café Tesla", "Hôtel Mistral", "Bar
# Alibaba"), with or without an article; not followed by another capitalised word (a Title Case headline,
# "Hotel Tesla Chargers Expand").
_BUSINESS_TITLES = (
    "Café", "Cafe", "Caffè", "Hotel", "Hôtel", "Bar", "Restaurant", "Restaurante", "Pizzeria", "Pizzería",
    "Bistro", "Bistrot", "Bistró", "Brasserie", "Trattoria", "Taverna", "Taberna", "Cafetería", "Imbiss",
    "Kebab", "Döner", "Boulangerie", "Panadería", "Auberge", "Hostal", "Gasthaus", "Gasthof", "Pension",
)  # fmt: skip
_BUSINESS_QUOTES = "\"“”„«»‹›'"
# English: what may follow a lower-case noun and the name (no verb of a reduced relative clause).
_EN_BUSINESS_AFTER = re.compile(
    r"\s*[\"”“»›']?\s*(?:[,.;:!?)\]—–]|$|(?:on|at|in|near|next|opposite|across|around|round|off|down|up|where|"
    r"which|whose|with)(?!\w))"
)
_BUSINESS_TITLE_AFTER = re.compile(r"(?![\"”“»›']?\s+[A-ZÀ-ÖØ-Þ])")
_COMPOUND_AFTER = re.compile(r"[-‑]\w|'s(?!\w)")


def _business_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = _nouns(_BUSINESS_NOUNS[lang])
    if lang == "de":  # a compound that ends in such a noun: „Dönerimbiss“, „Cocktailbar“
        nouns += r"|[A-ZÄÖÜ][a-zäöüß]+(?:" + _nouns(_BUSINESS_COMPOUND_ENDS) + ")"
    det = _BUSINESS_DETERMINERS[lang]
    flags = re.IGNORECASE if lang != "de" else 0  # German nouns are capitalised, its adjectives not
    between = r"(?:[\w'-]+\s+){0,2}?"
    before = re.compile(
        rf"(?<![\w'-])(?i:{det})(?:(?<=')|\s+){between}(?:{nouns})\s*,?\s*(?:{_NAMED}\s+)?[{_BUSINESS_QUOTES}]?\s*$",
        flags,
    )
    after = re.compile(
        rf"\s*[{_BUSINESS_QUOTES}]?\s*,\s*(?i:{det})(?:(?<=')|\s+){between}(?:{nouns})(?![\w-])", flags
    )
    return before, after


_BUSINESSES = {lang: _business_patterns(lang) for lang in _BUSINESS_NOUNS}
_BUSINESS_TITLE = re.compile(rf"(?<![\w'-])(?:{_nouns(_BUSINESS_TITLES)})\s+[{_BUSINESS_QUOTES}]?\s*$")
# The apposition's phrase ends, or a function word follows the noun ("a snack bar on the corner"); in
# French and Spanish an adjective may come first (« une brasserie bretonne du port »), in German anything
# in lower case or punctuation („ein Imbiss an der Ecke“), not a noun ("a restaurant delivery app").
_BUSINESS_GOES_ON = {
    "en": re.compile(
        rf"(?:{_PHRASE_GOES_ON.pattern}|\s*(?:on|at|near|by|next|opposite|run|owned|where|serving)(?!\w))",
        re.I,
    ),
    "fr": re.compile(
        rf"(?:\s+[a-zà-ÿœ-]+)?(?:{_PHRASE_GOES_ON.pattern}|\s*(?:à|au|aux|sur|près|tenu|tenue)(?!\w))", re.I
    ),
    "de": re.compile(r"\s*(?:[,.;:!?)\n\"”»“]|$|[a-zäöüß])"),
    "es": re.compile(
        rf"(?:\s+[a-záéíóúñü-]+)?(?:{_PHRASE_GOES_ON.pattern}|\s*(?:a|al|junto|frente)(?!\w))", re.I
    ),
}
# A cheap first test: the word that ends the text before the name (quotes and spaces left out) ends a noun
# of the lists or a compound of one, or is a word for "named".
_BUSINESS_LAST_WORDS = frozenset(
    {n.split()[-1].lower() for nouns in _BUSINESS_NOUNS.values() for n in nouns}
    | {n.lower() for n in _BUSINESS_TITLES}
    | set(_NAMED_WORDS)
)
_BUSINESS_LAST_ENDS = tuple(_BUSINESS_COMPOUND_ENDS)
_BUSINESS_LAST_END_3 = frozenset(e[-3:] for e in _BUSINESS_COMPOUND_ENDS)
_BUSINESS_LOOK_BEHIND = 64


def names_a_business(text: str, start: int, end: int, language: str | None = None) -> bool:
    """Whether the name at ``text[start:end]`` names a local business, an eatery, a bar, a bakery, a kiosk
    or a hotel ("der Imbiss Alibaba", "le restaurant Mistral", "Café Tesla", "Alibaba, a snack bar on the
    corner")."""
    langs = (language,) if language in _BUSINESSES else tuple(_BUSINESSES)
    window = text[max(0, start - _BUSINESS_LOOK_BEHIND) : start]
    words = window.rstrip().rstrip(_BUSINESS_QUOTES + " \u00a0,").rsplit(None, 1)[-1:]
    last = words[0].rsplit("'", 1)[-1].lower() if words else ""
    noun_before = last in _BUSINESS_LAST_WORDS or (len(last) > 5 and last.endswith(_BUSINESS_LAST_ENDS))
    if noun_before and not _COMPOUND_AFTER.match(text, end):
        if _BUSINESS_TITLE.search(window) is not None and _BUSINESS_TITLE_AFTER.match(text, end) is not None:
            return True
        for lang in langs:
            if _BUSINESSES[lang][0].search(window) is None:
                continue
            if lang != "en" or last in _NAMED_WORDS or _EN_BUSINESS_AFTER.match(text, end) is not None:
                return True
    return text[end : end + 3].lstrip(_BUSINESS_QUOTES + " ")[:1] == "," and _business_apposed(
        text, end, langs
    )


def _business_apposed(text: str, end: int, langs: tuple[str, ...]) -> bool:
    """Whether an apposition after the name (at ``end``) says it is a business ("Alibaba, a snack bar on the
    corner")."""
    for lang in langs:
        found = _BUSINESSES[lang][1].match(text, end)
        if found is not None and _BUSINESS_GOES_ON[lang].match(text, found.end()) is not None:
            return True
    return False


# --- A colour named like a product -------------------------------------------------------------------
#
# A product's name may be a colour's ("Azure"), and a review names a shoe's or a phone's colours: "the
# colourway we tested, Azure/Volt", "in Cobalt Blue and Azure", "coloris Azure", "in der Farbe Azure",
# "en color Azure". The name is then the colour when
#
# - a colour noun stands right before it (colour, colourway, shade, coloris, couleur, teinte, Farbe,
#   Farbton, color, tono: "the colourway Azure", "la teinte « Azure »", "Farbe: Azure", "en color Azure");
#   in English not before a verb ("the colour Microsoft chose" is a reduced relative clause);
# - a slash joins it to a colour word ("Azure/Black", "Blanc/Azure") or, with a colour noun earlier in the
#   sentence, to any capitalised word ("The colourway we tested, Azure/Volt");
# - a list joins it to a colour: with a colour noun earlier in the sentence, to a colour word ("colours:
#   Black, White and Azure"); without one, to a colour's two-word name ("in Cobalt Blue and Azure",
#   "en Bleu Nuit et Azure") or between two colour words ("Black, Azure and White").
#
# A colour word followed by a capitalised word is a name ("Red Hat", "Silver Lake", "Orange Business",
# "Black Forest Labs"), and a single colour word joined by "and" is no colour without a colour noun:
# "Azure et Orange ont signé un accord" is the cloud and the telecom operator, "Azure, AWS and Google
# Cloud" has no colour, "Azure in blue and AWS in orange" joins no colour to the name.
_COLOUR_WORD_LIST = """
    black white red blue green yellow orange pink purple violet grey gray silver gold navy teal beige cream
    ivory charcoal coral mint olive burgundy turquoise lime khaki bronze maroon indigo lavender crimson
    scarlet magenta cyan aqua sand tan brown graphite
    noir noire noirs blanc blanche blancs rouge bleu bleue vert verte jaune rose gris grise argent doré dorée
    marine corail menthe kaki bordeaux ivoire crème sable marron
    schwarz weiß weiss rot blau grün gelb rosa lila violett grau silber türkis oliv creme braun anthrazit
    negro negra blanco blanca rojo roja azul verde amarillo amarilla naranja morado morada violeta plata
    plateado dorado dorada turquesa marino menta crema marrón"""
_COLOUR_WORDS = frozenset(_COLOUR_WORD_LIST.split())
_COLOUR_NOUNS = (
    r"colou?rs?|colou?rways?|colou?r\s+ways?|shades?|hues?|coloris|couleurs?|teintes?|coloration|"
    r"Farben?|Farbton|Farbtöne|Farbvariante[n]?|Farbkombination(?:en)?|Farbgebung|Lackierung(?:en)?|"
    r"colores|tonos?|combinaci(?:ón|ones)\s+de\s+colores"
)
_COLOUR_NOUN_WORD_LIST = """
    colour color colours colors colourway colorway colourways colorways way ways shade shades hue hues
    coloris couleur couleurs teinte teintes coloration farbe farben farbton farbtöne farbvariante
    farbvarianten farbkombination farbkombinationen farbgebung lackierung lackierungen colores tono
    tonos"""
_COLOUR_NOUN_WORDS = frozenset(_COLOUR_NOUN_WORD_LIST.split())
_COLOUR_NOUN = re.compile(rf"(?<![\w-])(?i:{_COLOUR_NOUNS})(?![\w-])")
# Right before the name: the noun, maybe "in the", "en", "in der", a colon, a quote.
_COLOUR_NOUN_BEFORE = re.compile(rf"(?<![\w-])(?i:{_COLOUR_NOUNS})\s*:?\s*[{_BUSINESS_QUOTES}]?\s*$")
_EN_COLOUR_AFTER = re.compile(
    r"\s*[\"”“»›']?\s*(?:[,.;:!?)\]/—–]|$|(?:and|or|in|on|with|for|from|version|model|edition)(?!\w))"
)
_COLOUR_WORD = r"[^\W\d_][\w-]*"
# A colour phrase: a colour word, maybe after a capitalised word ("Cobalt Blue"), or a capitalised word,
# at a word's end that no capitalised word or possessive follows.
_PHRASE_END = r"(?![\w-])(?!'s)(?!\s+[A-ZÀ-ÖØ-Þ])"
_SLASH_AFTER = re.compile(rf"\s*/\s*(?P<w>{_COLOUR_WORD}){_PHRASE_END}")
_SLASH_BEFORE = re.compile(rf"(?<![\w-])(?P<w>{_COLOUR_WORD})\s*/\s*$")
_LIST_SEP = r"(?:\s*,\s*(?:(?:and|or|et|ou|und|oder|y|o|e|u)\s+)?|\s+(?:and|or|et|ou|und|oder|y|o|e|u)\s+)"
_LIST_AFTER = re.compile(rf"{_LIST_SEP}(?P<first>[A-ZÀ-ÖØ-Þ][\w-]*\s+)?(?P<w>{_COLOUR_WORD}){_PHRASE_END}")
_LIST_BEFORE = re.compile(rf"(?<![\w-])(?P<first>[A-ZÀ-ÖØ-Þ][\w-]*\s+)?(?P<w>{_COLOUR_WORD}){_LIST_SEP}$")
# A list of colours opened by "in"/"en" ("available in Cobalt Blue and Azure", "en Bleu Nuit et Azure").
_IN_LIST = re.compile(rf"(?<![\w-])(?:in|en|im)\s+(?:[\w-]+(?:{_LIST_SEP}|\s+)){{0,6}}$")
# Metals are commodities too ("gold, Nvidia and silver"), and "Big Blue", "Deep Blue" are IBM's.
_NOT_COLOURS_ALONE = frozenset({"gold", "silver", "bronze", "argent", "or", "silber", "plata", "oro"})
_NICKNAME_FIRSTS = frozenset({"Big", "Deep"})
_SENTENCE_START = re.compile(r"[.!?\n](?!\d)")
_COLOUR_REACH = 80
_JOINERS = frozenset(",/")
_LIST_ENDINGS = (" and", " or", " et", " ou", " und", " oder", " y", " o", " e", " u")


_CONJUNCTIONS_AFTER = tuple(e + " " for e in _LIST_ENDINGS)
_TOKEN_PUNCTUATION = ",/;:.()\"“”„«»‹›'"


def _colour_word_beside(before: str, after: str) -> bool:
    """A cheap first test: a colour word among the three words before or after the name."""
    return any(
        w.strip(_TOKEN_PUNCTUATION).lower() in _COLOUR_WORDS
        for w in (*before.replace(",", " ").split()[-3:], *after.replace(",", " ").split()[:3])
    )


def _colour_noun_in_sentence(text: str, start: int) -> bool:
    window = text[max(0, start - _COLOUR_REACH) : start]
    return _COLOUR_NOUN.search(_SENTENCE_START.split(window)[-1]) is not None


def _is_colour(word: str) -> bool:
    return word.lower() in _COLOUR_WORDS


def names_a_colour(text: str, start: int, end: int, language: str | None = None) -> bool:
    """Whether the name at ``text[start:end]`` is a colour's ("the colourway Azure/Volt", "in Cobalt Blue and
    Azure", "Farbe Azure")."""
    before = text[max(0, start - 40) : start]
    words = before.rstrip().rstrip(_BUSINESS_QUOTES + " \u00a0:").rsplit(None, 1)[-1:]
    last = words[0].lower() if words else ""
    # Cheap first tests: a colour noun right before, a slash, a comma or a conjunction beside the name.
    if (
        last in _COLOUR_NOUN_WORDS
        and _COLOUR_NOUN_BEFORE.search(before) is not None
        and (language not in (None, "en") or _EN_COLOUR_AFTER.match(text, end) is not None)
    ):
        return True
    nxt = text[end : end + 2].lstrip()[:1]
    prev = before.rstrip()[-1:]
    if nxt == "/" or prev == "/":  # (not ``in "/"``: the text may end here)
        words = []
        if nxt == "/" and (m := _SLASH_AFTER.match(text, end)) is not None:
            words.append(m.group("w"))
        if prev == "/" and (m := _SLASH_BEFORE.search(before)) is not None:
            words.append(m.group("w"))
        if any(_is_colour(w) for w in words):
            return True
        if any(w[:1].isupper() for w in words) and _colour_noun_in_sentence(text, start):
            return True
    joined_after = nxt == "," or text.startswith(_CONJUNCTIONS_AFTER, end)
    joined_before = prev == "," or before.rstrip().endswith(_LIST_ENDINGS)
    if not (joined_after or joined_before) or not _colour_word_beside(before, text[end : end + 32]):
        return False
    colours = []
    if joined_after and (m := _LIST_AFTER.match(text, end)) is not None and _is_colour(m.group("w")):
        colours.append(m)
    if joined_before and (m := _LIST_BEFORE.search(before)) is not None and _is_colour(m.group("w")):
        colours.append(m)
    if not colours:
        return False
    if _colour_noun_in_sentence(text, start):
        return True
    if _IN_LIST.search(before) is None and not before.rstrip().endswith((" in", " en", " im")):
        return False
    two_words = any(
        (first := m.group("first"))
        and not _is_colour(first.strip())
        and first.strip() not in _NICKNAME_FIRSTS
        for m in colours
    )
    return two_words or (
        len(colours) == 2 and not any(m.group("w").lower() in _NOT_COLOURS_ALONE for m in colours)
    )


# Names that are also a colour's: the colour words and the names of shades a product may bear ("Azure",
# "Cobalt", "Indigo", "Onyx"). Only such a name is tried as a colour.
_COLOUR_NAME_LIST = """
    azure azur azul cobalt cobalto kobalt indigo índigo jade onyx ónix ruby rubis amber ambre ámbar emerald
    émeraude smaragd esmeralda sapphire saphir zafiro pearl perle perla obsidian obsidienne obsidiana
    midnight titanium titane titan titanio slate ardoise pizarra sky ciel cielo volt cerulean céruleo ochre
    ocre ocker saffron safran azafrán copper cuivre kupfer cobre platinum platine platin platino champagne
    cognac mocha moka espresso cherry cerise kirsch cereza plum prune pflaume ciruela"""
_COLOUR_NAMES = _COLOUR_WORDS | frozenset(_COLOUR_NAME_LIST.split())
_STRIP_BEFORE = _BUSINESS_QUOTES + " \u00a0\t\n,:"
# The first word of an apposition after a comma: a determiner of any language ("Alibaba, a snack bar").
_APPOSITION_FIRST_WORDS = frozenset(
    w for dets in _BUSINESS_DETERMINERS.values() for w in dets.replace("\\w*", "").split("|") if w.isalpha()
) | frozenset({"la", "l", "mein", "meine", "meinem", "meinen", "meiner", "sein", "seine", "seinem", "seinen",
               "seiner", "ihr", "ihre", "ihrem", "ihren", "ihrer", "unser", "unsere", "unserem", "unseren",
               "unserer", "dieser", "diese", "dieses", "diesem", "diesen", "nuestro", "nuestra"})  # fmt: skip


def named_otherwise(text: str, start: int, end: int, language: str | None = None) -> bool:
    """Whether the name at ``text[start:end]`` names a local business or a colour (``names_a_business``,
    ``names_a_colour``), after cheap tests on the words beside it: most names have no noun of a business
    or a colour before them, no determiner after a comma after them, and are no colour's name."""
    if text[start:end].lower() in _COLOUR_NAMES and names_a_colour(text, start, end, language):
        return True
    before = text[start - 26 if start > 26 else 0 : start]
    if before.endswith(" ") and before[-2:-1] not in _STRIP_BEFORE:  # most often one space, no quote
        before = before[:-1]
    else:
        before = before.rstrip(_STRIP_BEFORE)
    last = before[before.rfind(" ") + 1 :].lower()
    if "'" in last:  # "l'hôtel"
        last = last.rpartition("'")[2]
    if last in _BUSINESS_LAST_WORDS or (
        last[-3:] in _BUSINESS_LAST_END_3 and len(last) > 5 and last.endswith(_BUSINESS_LAST_ENDS)
    ):
        return names_a_business(text, start, end, language)
    comma = text.find(",", end, end + 3)
    if comma < 0:
        return False
    first = text[comma + 1 : comma + 12].split(None, 1)[:1]
    return (
        bool(first)
        and first[0].lower().partition("'")[0] in _APPOSITION_FIRST_WORDS
        and _business_apposed(text, end, (language,) if language in _BUSINESSES else tuple(_BUSINESSES))
    )


# --- A person named by a first name and the gated name, said to speak or given a role -----------------
#
# A gated name that is also a surname ("Bixby"), right after a capitalised first name that is no
# company's name (the caller checks), is a person when a verb of saying comes right before the two
# ("said Dana Bixby", "a dit Dana Bixby", "sagte Dana Bixby", "dijo Dana Bixby") or an apposition with
# an indefinite article gives a role right after ("Dana Bixby, a software tester who ...", "Dana Bixby,
# une testeuse qui ...", "Dana Bixby, eine Softwaretesterin aus ...", "Dana Bixby, una probadora de
# ..."). Not a company's product: "said Samsung's Bixby team" (a genitive), "Samsung Bixby, an
# assistant" (the caller finds a company's name there), "Google Gemini, a chatbot".
_FIRST_NAME_BEFORE = re.compile(r"(?<![\w'’.-])(?P<first>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿß]{1,14})[ \u00a0]$")
_NOT_FIRST_NAME_WORDS = (
    "The A An This That These Those Its Our Their His Her My Your Mr Mrs Ms Dr Le La Les Un Une Ce Cet "
    "Cette Son Sa Ses Der Die Das Den Dem Des Ein Eine Einen Einem Dieser Diese Dieses El Los Las Una Su Sus "
    "Este Esta Ese Esa With For From And Or But Et Ou Mais Und Oder Aber Y Pero Con Para Por Mit Für Avec "
    "Pour Par Sur Dans Auf Bei Von Zu Im Am In On At By Of To Als When While As If"
)
_NOT_FIRST_NAMES = frozenset(_NOT_FIRST_NAME_WORDS.split())
_SAID_BEFORE_NAME = re.compile(
    r"(?<![\w-])(?:said|says|told|asked|explained|explains|added|recalled|recalls|according\s+to|"
    r"dit|a\s+dit|déclare|a\s+déclaré|explique|a\s+expliqué|raconte|ajoute|selon|"
    r"sagt|sagte|erklärt|erklärte|erzählt|erzählte|so|laut|"
    r"dijo|dice|explica|explicó|cuenta|contó|añade|añadió|afirma|afirmó|según)[ \u00a0]+$",
    re.IGNORECASE,
)
# ", a software tester who", ", une testeuse qui", ", eine Softwaretesterin aus", ", una probadora de":
# one to three words after the article, the phrase going on with a relative, a preposition or ending.
_ROLE_AFTER = re.compile(
    r"\s*,\s*(?:a|an|un|une|ein|eine|einer|una)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+"
    r"\s*(?:[,.;:!?)\n]|$|(?:who|whose|at|from|with|in|for|of|qui|dont|chez|de|du|des|d'|à|"
    r"die|der|aus|bei|von|mit|im|in|que|en|del|con|para)(?!\w))"
)
_SAID_REACH = 40


def person_with_first_name(text: str, start: int, end: int) -> int | None:
    """Where the first name before the name at ``text[start:end]`` starts when the two are a person's
    name, said to speak or given a role ("said Dana Bixby", "Dana Bixby, a software tester who"), for the
    caller to check that it is no company's name; None when nothing says so."""
    # Cheap first tests: a space, then a lower-case letter ending a word, right before the name.
    if start < 3 or text[start - 1] not in " \u00a0" or not text[start - 2].islower():
        return None
    found = _FIRST_NAME_BEFORE.search(text, max(0, start - 17), start)
    if found is None or found.group("first") in _NOT_FIRST_NAMES:
        return None
    first = found.start("first")
    if _SAID_BEFORE_NAME.search(text[max(0, first - _SAID_REACH) : first]) is not None:
        return first
    if text[end : end + 3].lstrip()[:1] == "," and _ROLE_AFTER.match(text, end) is not None:
        return first
    return None


# --- A bridge, a tunnel or a building named after the name ------------------------------------------
#
# A name that names a bridge or a tunnel is that structure: "the Bixby Creek Bridge", "Bixby Bridge", « le
# pont de Bixby », « le viaduc de Bixby », "el puente de Bixby", „die Bixby-Brücke“, „die Brücke von Bixby“,
# "the bridge at Bixby". Not a preposition that relates the company to something ("a bridge between OpenAI
# and Microsoft", « un pont entre Samsung et Google », „Brücke zwischen ...“).
# So is a building, a stadium or a park that bears the name, written as its proper name: "à l'ombre de la
# Salesforce Tower", "a game at Oracle Park", „im Salesforce-Turm“, „die SAP-Arena“, « la tour Salesforce »,
# "la torre Salesforce", "el estadio Oracle". A landmark, not news about the company (which the article's
# other mentions of it still make). Not a noun in lower case ("Google's data center", "the Amazon tower
# cranes"), nor a word between ("Amazon Fulfillment Center" names no building after the name alone).
_STRUCTURE_LAST_WORDS = frozenset(
    {"at", "of", "over", "to", "de", "d", "du", "von", "bei", "nach", "pont", "viaduc", "tunnel", "puente",
     "viaducto", "túnel"}
)  # fmt: skip
_STRUCTURE_BEFORE = re.compile(
    r"(?<![\w-])(?:(?i:bridge|viaduct|tunnel)\s+(?:at|of|over|to)"
    r"|(?i:pont|viaduc|tunnel)\s+(?:de\s+|d'\s*|du\s+)?"
    r"|(?i:Brücke|Talbrücke|Viadukt|Tunnel)\s+(?:von|bei|nach)"
    r"|(?i:puente|viaducto|túnel)\s+(?:de\s+)?)\s*$"
)
_STRUCTURE_AFTER = re.compile(
    r"(?:\s+(?:Creek|River|Canyon)(?!\w))?\s+(?:Bridge|Viaduct|Tunnel)(?!\w)"
    r"|(?:[-‑][A-ZÄÖÜ][\w]*)*[-‑](?:Brücke|Talbrücke|Viadukt|Tunnel)"
)
# A venue too, a hall, a theatre, an auditorium that bears the name ("the eventhall that used to be called
# Samsung Hall", "the Microsoft Theater", „die SAP-Halle“, « la salle Samsung », "el auditorio Samsung").
_BUILDING_AFTER = re.compile(
    r"\s+(?:Towers?|Center|Centre|Arena|Stadium|Park|Plaza|Building|Field|Dome|Hall|Theater|Theatre|Auditorium)"
    r"(?![\w-])"
    r"|(?:[-‑][A-ZÄÖÜ][\w]*)*[-‑](?:Turm|Tower|Arena|Stadion|Halle|Hall|Saal|Theater)(?![\w-])"
)
# A building's noun before its name, after its article ("la tour Salesforce", "el estadio Oracle", « la salle
# Samsung », "el auditorio Samsung"); not "de" (« la tour d'Apple » may be the company's).
_BUILDING_BEFORE = re.compile(
    r"(?<![\w-])(?:(?:la|une|cette)\s+(?:tour|salle)|(?:la|una|esta)\s+(?:torre|sala)"
    r"|(?:le|du|au|un)\s+(?:stade|théâtre)|(?:l'|un|cet)\s*auditorium"
    r"|(?:el|del|al|un)\s+(?:estadio|auditorio|teatro))\s+$",
    re.IGNORECASE,
)
# Cheap first tests: the first letter of a word of the patterns after a space, a hyphen; the nouns that end
# the text before the name (as written, in lower case or capitalised), and their last letters.
_BRIDGE_INITIALS = "BCRVT"
_BUILDING_INITIALS = "TCAPSBFDH"
_HYPHEN_AFTER = "-‑"
_BUILDING_NOUN_WORDS = (
    "tour", "torre", "stade", "estadio", "salle", "sala", "théâtre", "auditorium", "auditorio", "teatro",
)  # fmt: skip
_BUILDING_NOUNS = tuple(w + " " for n in _BUILDING_NOUN_WORDS for w in (n, n.capitalize()))
_BUILDING_NOUN_ENDS = "".join(sorted({n[-2] for n in _BUILDING_NOUNS}))
_BUILDING_NOUN_REACH = max(map(len, _BUILDING_NOUNS)) + 1


def names_a_building(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` names a building, a stadium or a park ("the Salesforce Tower",
    „der Salesforce-Turm“, « la tour Salesforce », "el estadio Oracle")."""
    nxt = text[end : end + 1]
    if (
        (nxt == " " and text[end + 1 : end + 2] in _BUILDING_INITIALS) or (nxt != "" and nxt in _HYPHEN_AFTER)
    ) and _BUILDING_AFTER.match(text, end) is not None:
        return True
    return (
        start > 1
        and text[start - 2] in _BUILDING_NOUN_ENDS
        and text.endswith(_BUILDING_NOUNS, max(0, start - _BUILDING_NOUN_REACH), start)
        and _BUILDING_BEFORE.search(text, max(0, start - 24), start) is not None
    )


def names_a_structure(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` names a bridge, a viaduct, a tunnel or a building ("the Bixby
    Creek Bridge", « le pont de Bixby », „die Bixby-Brücke“, "el puente de Bixby", "the Salesforce Tower")."""
    # Cheap first tests: a hyphen or a capital that may open "Bridge", "Creek" ... right after the name; the
    # last word before it a preposition of the patterns or a noun for the structure.
    after = text[end : end + 2]
    if (
        after[:1] in _HYPHEN_AFTER or (after[:1] == " " and after[1:] != "" and after[1:] in _BRIDGE_INITIALS)
    ) and _STRUCTURE_AFTER.match(text, end) is not None:
        return True
    last = text[max(0, start - 12) : start].rsplit(None, 1)[-1:]
    return (
        bool(last)
        and last[0].lower().rsplit("'", 1)[0] in _STRUCTURE_LAST_WORDS
        and _STRUCTURE_BEFORE.search(text[max(0, start - 24) : start]) is not None
    ) or names_a_building(text, start, end)


# --- A number after a product's name that opens a count ------------------------------------------------
#
# A product named by a word and a number ("Veo 3", "Gemini 3", "Llama 4") may be a word and the first of
# two numbers that count something: "Veo 3 o 4 equipos muy buenos" (Spanish "I see 3 or 4 teams"), "Gemini
# 3 to 4 teams", "3 ou 4 équipes", "3 oder 4 Teams", "3-4 equipos". The range (a conjunction or a dash and
# a bare number) followed by a noun in the plural that is not a product's kind makes a count. Not two
# products ("Veo 3 y Sora 2 compiten": a name after the conjunction), nor versions of the product ("Llama
# 3 or 4 models", "Gemini 2 et 3 modèles": the noun is the product's kind).
_RANGE_AFTER = re.compile(
    r"(?:\s*[-‑–]\s*|\s+(?:o|u|y|e|a|or|to|and|ou|et|à|oder|und|bis)\s+)\d{1,3}\s+(?P<noun>[\w-]+)(?!\w)"
)
_KIND_NOUN_WORDS = (
    "models modèles modelle modelos versions versionen versiones variants varianten variantes releases "
    "generations générations generationen generaciones series séries serien"
)
_KIND_NOUNS = frozenset(_KIND_NOUN_WORDS.split())


# The number alone may open a count too, right before a plural noun: "Veo 3 cosas que hay que corregir"
# (Spanish "I see 3 things"), « 3 points à revoir ». In French and Spanish a lower-case word ending in -s
# right after the number is a plural noun, unless it is one of the few function words or verbs ending so
# (_NOT_PLURALS: "Gemini 3 es", « Gemini 3 dans », "Gemini 3 vs"); in English and German many verbs end so
# ("Gemini 3 leads", "Gemini 3 points to"), so only the nouns of _COUNT_NOUNS count. The product's kind
# ("Llama 4 modelos", "Gemini 3 versions") is still the product.
_NUMBER_NOUN_AFTER = re.compile(r"[ \u00a0](?P<noun>[\w-]+)(?!\w)")
_NOT_PLURAL_WORDS = (
    "es eres has fuiste estás más menos pues tras tres seis dos antes después entonces además mientras "
    "apenas nos os les los las sus mis tus vs des les mes tes ses ces nos vos leurs dans sous sans vers "
    "plus moins puis très alors mais jamais toujours après depuis nous vous ils elles est as es"
)
_NOT_PLURALS = frozenset(_NOT_PLURAL_WORDS.split())
_COUNT_NOUNS = frozenset(
    [
        "things",
        "teams",
        "players",
        "reasons",
        "ways",
        "goals",
        "Dinge",
        "Sachen",
        "Punkte",
        "Tore",
        "Mannschaften",
        "Gründe",
        "Spieler",
    ]
)


def opens_a_count(text: str, start: int, end: int, language: str | None = None) -> bool:
    """Whether the number ending the name at ``text[start:end]`` is the first of a range before a plural
    noun ("Veo 3 o 4 equipos"), or stands alone before one ("Veo 3 cosas"): a count, not the product's
    version."""
    if not text[end - 1 : end].isdigit():  # a cheap first test
        return False
    found = _RANGE_AFTER.match(text, end)
    if found is None:
        alone = _NUMBER_NOUN_AFTER.match(text, end) if text[end : end + 1] in " \u00a0" else None
        if alone is None:
            return False
        noun = alone.group("noun")
        if noun in _COUNT_NOUNS:
            return True
        return (
            language in ("fr", "es")
            and noun.islower()
            and noun.endswith("s")
            and len(noun) > 3
            and noun not in _NOT_PLURALS
            and noun not in _KIND_NOUNS
        )
    noun = found.group("noun")
    low = noun.lower()
    # A plural common noun: in lower case ending in -s ("equipos", "teams", "équipes"), or capitalised
    # (German) ending in -s, -n or -er ("Teams", "Mannschaften", "Länder").
    plural = (noun.islower() and low.endswith("s")) or (
        noun[:1].isupper() and noun[1:].islower() and low.endswith(("s", "n", "er"))
    )
    return plural and low not in _KIND_NOUNS


# --- A word the article uses for a space or research programme -----------------------------------------
#
# A product that begins with a word the article also gives to a programme ("NASA's Gemini programme", „das
# Gemini-Programm“, « le programme Gemini », "el programa Gemini", "Project Gemini") may be part of that
# programme ("Gemini 3", the 1965 flight): the caller asks for the company's evidence. Not a product's
# programme named with its company ("Google's Gemini programme" still has Google as evidence).
_PROGRAMME_AFTER = r"(?:\s+|[-‑])(?:programme|program|Programms?|Programmes)(?!\w)"
_PROGRAMME_NOUNS = (
    "programme", "program", "programa", "Programm", "Project", "projet", "proyecto", "Projekt"
)  # fmt: skip
_PROGRAMME_BEFORE = rf"(?<![\w-])(?:{'|'.join(_PROGRAMME_NOUNS)})\s+"


@lru_cache(maxsize=256)
def _programme(word: str) -> re.Pattern[str]:
    w = re.escape(word)
    return re.compile(rf"(?<![\w-]){w}{_PROGRAMME_AFTER}|{_PROGRAMME_BEFORE}{w}(?![\w-])(?!\s*\d)")


def programme_words(text: str, words: Iterable[str]) -> set[str]:
    """Those of ``words`` that ``text`` gives to a programme ("the Gemini programme" -> {"Gemini"})."""
    if "rogram" not in text and "roje" not in text:  # a cheap first test
        return set()
    # Then the word next to a word for a programme, as substrings, before the pattern.
    return {
        w
        for w in words
        if w in text
        and (
            any(w + joint + p in text for joint in (" ", "-", "‑") for p in ("program", "Program"))
            or any(p + " " + w in text for p in _PROGRAMME_NOUNS)
        )
        and _programme(w).search(text) is not None
    }


# --- A first name given a role in apposition ----------------------------------------------------------
#
# A gated name that is also a first name (taxonomy `first_names`: "Alexa", "Claude"), in apposition with
# an indefinite article and a noun for a person's role, is that person: "Alexa, a 19-year-old student
# from Leeds", "Alexa, une étudiante de Lyon", "Alexa, eine Studentin aus Köln", "Alexa, una estudiante
# de 19 años". Not the product's kind: "Alexa, a voice assistant", "Alexa, el asistente de Amazon", "Alexa,
# une enceinte", "Alexa, eine Frauenstimme" (the noun must be one of _ROLE_WORDS, whole).
_ROLE_WORD_LIST = (
    "student schoolgirl pupil mother mum mom father dad teacher nurse woman girl neighbour neighbor "
    "grandmother grandfather pensioner retiree widow waitress waiter doctor lawyer engineer cashier "
    "hairdresser journalist activist mechanic farmer "
    "étudiante étudiant élève lycéenne lycéen collégienne mère maman père enseignante enseignant "
    "professeure professeur institutrice infirmière infirmier femme fille voisine voisin grand-mère "
    "retraitée retraité veuve serveuse serveur médecin avocate avocat ingénieure ingénieur caissière "
    "coiffeuse journaliste militante agricultrice "
    "Studentin Student Schülerin Schüler Mutter Vater Lehrerin Lehrer Krankenschwester Pflegerin Pfleger "
    "Frau Nachbarin Nachbar Großmutter Oma Rentnerin Rentner Witwe Kellnerin Ärztin Arzt Anwältin "
    "Ingenieurin Kassiererin Friseurin Journalistin Aktivistin Bäuerin "
    "estudiante alumna alumno madre padre profesora profesor maestra maestro enfermera enfermero mujer "
    "chica niña vecina vecino abuela abuelo jubilada jubilado viuda camarera camarero médica médico "
    "abogada abogado ingeniera ingeniero cajera peluquera periodista activista agricultora"
)
_ROLE_WORDS = frozenset(_ROLE_WORD_LIST.split())
_ROLE_APPOSITION = re.compile(
    r"\s*,\s*(?:a|an|un|une|ein|eine|una)\s+(?:(?:[\w'’-]+\s+){0,2}?)(?P<role>[\w-]+)(?![\w-])"
)


def first_name_with_role(text: str, start: int, end: int, first_names: frozenset[str]) -> bool:
    """Whether the first name at ``text[start:end]`` is given a person's role in apposition ("Alexa, una
    estudiante de 19 años")."""
    if text[start:end] not in first_names or text[end : end + 1] != ",":  # cheap first tests
        return False
    found = _ROLE_APPOSITION.match(text, end)
    if found is None:
        return False
    # The role, or one of the two words before it ("a 19-year-old student", "una joven estudiante").
    words = text[found.end() - 60 if found.end() - 60 > end else end : found.end()].split()
    return any(w.strip(",") in _ROLE_WORDS for w in words[-3:])


# --- A thing named after a person of the same name -----------------------------------------------------
#
# A gated name that begins a thing's name ("the Tesla Suite", „der Tesla-Saal“) or follows a thing's noun
# (« la salle Tesla », "la sala Tesla"), then said to be named after a person who bears the name ('"Tesla
# Suite", a nod to Nikola Tesla', « en hommage à Nikola Tesla », „benannt nach Nikola Tesla“, "en honor a
# Nikola Tesla"), is that thing. Not the company named after the person ("Tesla, named after Nikola Tesla,
# was founded in 2003": no thing's name), nor a tribute to someone else.
_NAMED_AFTER = (
    r"(?:a\s+nod\s+to|named\s+(?:after|for)|in\s+hono(?:u)?r\s+of|in\s+tribute\s+to|after\s+whom|"
    r"en\s+hommage\s+à|nommée?\s+d'après|baptisée?\s+d'après|en\s+l'honneur\s+de|"
    r"benannt\s+nach|zu\s+Ehren\s+von|in\s+Anspielung\s+auf|"
    r"en\s+honor\s+a|en\s+homenaje\s+a|llamad[oa]\s+así\s+por)"
)
_NAMED_AFTER_WORDS = ("nod", "named", "honour", "honor", "tribute", "hommage", "après", "honneur", "benannt",
                      "Ehren", "Anspielung", "homenaje", "así")  # fmt: skip


@lru_cache(maxsize=64)
def _named_after(name: str) -> re.Pattern[str]:
    n = re.escape(name)
    return re.compile(
        rf"{_NAMED_AFTER}\s+(?:(?:the|dem|des|el|al|le|la|l')\s*)?(?:[\w'’-]+\s+){{0,3}}?"
        rf"[A-ZÀ-ÖØ-Þ][\w-]+[ \u00a0-]{n}(?![\w])",
        re.IGNORECASE,
    )


_THING_NAME_AFTER = re.compile(r"(?:[ \u00a0]|[-‑])[A-ZÄÖÜ][a-zäöüß]+(?![\w])")
_THING_NOUN_BEFORE = re.compile(
    r"(?<![\w-])(?:le|la|l'|el|la|les|los|las)\s*(?:salle|sala|aula|suite|pièce|unité|unidad|bâtiment|"
    r"edificio|pavillon|pabellón|amphithéâtre|auditorio|salón)\s+$",
    re.IGNORECASE,
)


def named_after_a_person(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` names a thing named after a person of that name ('"Tesla
    Suite", a nod to Nikola Tesla')."""
    window = text[end : end + 160]
    if not any(w in window for w in _NAMED_AFTER_WORDS):  # a cheap first test
        return False
    if (
        _THING_NAME_AFTER.match(text, end) is None
        and _THING_NOUN_BEFORE.search(text, max(0, start - 24), start) is None
    ):
        return False
    stop = _CLAUSE_STOP.search(window)
    found = _named_after(text[start:end]).search(window, 0, stop.start() if stop else len(window))
    return found is not None


_CLAUSE_STOP = re.compile(r"[.;!?\n](?:\s|$)")


# --- A name that is also a common noun, used so -------------------------------------------------------
#
# A product's name may also be a common noun (taxonomy `common_noun`: German "Copilot", a co-pilot;
# "Dojo", a martial-arts hall), capitalised in German like the product. An article that has words of the
# noun's sense (Cockpit, Airbus; Judo, Karate) and uses the name as a noun, after an article, a
# contraction or a word of role ("als Copilot", "war Copilot", "das Dojo", "ins Dojo", "as copilot", "le
# dojo", "el dojo"), uses it so: the name then needs the company's own evidence (another of its names, a
# context word), not AI/tech words. "Microsoft baut Copilot in Windows ein" has Microsoft.
_NOUN_USE_BEFORE = (
    r"(?:der|die|das|den|dem|des|ein|eine|einen|einem|eines|im|ins|am|zum|beim|vom|als|war|"
    r"the|a|as|was|le|la|l'|un|une|au|du|comme|était|el|una|al|del|como|fue|era)"
)


@lru_cache(maxsize=64)
def _noun_use(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w'-]){_NOUN_USE_BEFORE}(?:(?<=')|\s+){re.escape(name)}(?![\w-])", re.IGNORECASE
    )


def used_as_common_noun(text: str, name: str) -> bool:
    """Whether ``text`` uses ``name`` as a common noun, after an article or a word of role ("das Dojo",
    "als Copilot")."""
    return name in text and _noun_use(name).search(text) is not None


# The noun beside its counterpart in one sentence: "Copilot" used as a noun (after an article or a word of
# role: "der Copilot", "als Copilot", "le Copilot", "el Copilot") in a sentence that names the pilot ("Die
# KI war nicht mehr bloss der Copilot, der dem Piloten Vorschläge macht", "the Copilot reads the checklist
# to the pilot", « le Copilot souffle la route au pilote », "el Copilot ayuda al piloto") is the co-pilot.
# Article-wide such words say too little ("a pilot project", « un projet pilote », "el programa piloto";
# the taxonomy's `common_noun` words are those of aviation alone); in the sentence, with an article, they
# name the one who flies. Not a trial of the product ("a pilot of the Copilot app", „einen Piloten mit
# Copilot“), nor "pilot" before a noun ("the pilot programme"), nor the product without an article
# ("Microsoft's Copilot helps pilots file reports"). The tagger then takes AI/tech words as no evidence for
# the name, as for `common_noun`: the company's own names and context words still are.
_PILOT = re.compile(
    r"(?<![\w-])(?:"
    r"(?:the|a|an|his|her|their|its|our|your|every|each|both|two)\s+(?-i:[a-z]+\s+)?pilots?"
    r"|(?:der|die|den|dem|des|ein|eine|einen|einem|eines|sein\w*|ihr\w*|als)\s+"
    r"(?-i:[a-zäöüß]+(?:e|en|er|es|em)\s+)?Pilot(?:en|in|innen)?"
    # French and Spanish put adjectives after the noun: only the few that come before ("le jeune pilote"),
    # not a noun ("le projet pilote").
    r"|(?:le|la|les|du|au|aux|un|une|des|son|sa|ses|leur|leurs|ce)\s+"
    r"(?:(?:jeune|vieux|vieil|premier|ancien|autre|seul|nouveau|bon|vrai|même)\s+)?pilotes?"
    r"|(?:el|la|los|las|al|del|un|una|su|sus)\s+"
    r"(?:(?:joven|viejo|primer|antiguo|otro|único|nuevo|buen|mismo|propio)\s+)?pilot[oa]s?"
    r"|cockpit)(?![\w-])"
    r"(?!\s+(?:programs?|programmes?|projects?|phases?|schemes?|tests?|trials?|stud(?:y|ies)|runs?|episodes?|"
    r"customers?|users?|versions?|deployments?|rollouts?|sites?|schools?|groups?)(?!\w))",
    re.IGNORECASE,
)
# After the pilot, a preposition and the name: a trial of the product ("a pilot of the Copilot app").
_TRIAL_OF = (
    r"\s+(?:of|with|for|on|de|del|du|des|d'|con|avec|pour|sur|mit|von|für|zu|zum|zur)\s*(?:[\w'-]+\s+){0,2}"
)


@lru_cache(maxsize=8)
def _trial_of(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?i:{_TRIAL_OF}){re.escape(name)}(?![\w-])")


_COUNTERPARTS = {"copilot": _PILOT}
_NOUN_USE_AT = re.compile(rf"(?<![\w'-]){_NOUN_USE_BEFORE}(?:(?<=')|\s+)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def beside_its_counterpart(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]``, a common noun too ("Copilot"), is used as that noun beside its
    counterpart in the sentence ("der Copilot, der dem Piloten Vorschläge macht")."""
    name = text[start:end]
    counterpart = _COUNTERPARTS.get(name.lower())
    if counterpart is None or _NOUN_USE_AT.search(text, max(0, start - 12), start) is None:
        return False
    left = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "! ", "? "))) + 1
    stop = _SENTENCE_END.search(text, end)
    right = stop.start() if stop is not None else len(text)
    for found in counterpart.finditer(text, left, right):
        if name in found.group():
            continue  # "the Copilot pilots": trials of the product
        if _trial_of(name).match(text, found.end()) is None:
            return True
    return False


# --- A river, a department or a province named so -------------------------------------------------------
#
# A gated name after a noun for a river or an administrative region, or before one, is that place: "the
# Meta River", "the river Meta", « le fleuve Meta », « le département du Meta », „der Fluss Meta“, „das
# Departamento Meta“, "el río Meta", "la provincia del Meta". Not a company's department: English "the
# department of Meta", « le département IA de Meta », "el departamento de Meta" (the place takes the article:
# « du Meta », "del Meta"); English "Department" only capitalised after the name ("the Meta Department"), as
# "the Meta department" may be the company's.
_PLACE_BEFORE = re.compile(
    r"(?<![\w-])(?:(?i:river)"
    r"|(?i:fleuve|rivière|département|province|région)(?:\s+(?:du|des|de\s+la))?"
    r"|(?:Fluss|Flusses|Strom|Departamento|Departement|Provinz)"
    r"|(?i:río|rio|departamento|provincia|región)(?:\s+del)?)\s+$"
)
_PLACE_AFTER = re.compile(r"[ \u00a0](?:River|river|Department|Province|Valley|Basin)(?!\w)")
_PLACE_LAST_WORDS = frozenset(
    {"river", "fleuve", "rivière", "département", "province", "région", "du", "des", "la", "fluss", "flusses",
     "strom", "departamento", "departement", "provinz", "río", "rio", "provincia", "región", "del"}
)  # fmt: skip


def names_a_place(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` names a river, a department or a province ("the Meta River",
    « le département du Meta », „das Departamento Meta“, "el río Meta")."""
    # Cheap first tests: a capital or "r" after one space, or the last word before the name of the patterns.
    if (
        text[end : end + 1] in " \u00a0"
        and text[end + 1 : end + 2] in "RrDPVB"
        and _PLACE_AFTER.match(text, end) is not None
    ):
        return True
    last = text[max(0, start - 14) : start].rsplit(None, 1)[-1:]
    return (
        bool(last)
        and last[0].lower() in _PLACE_LAST_WORDS
        and _PLACE_BEFORE.search(text, max(0, start - 30), start) is not None
    )


# --- A variety of fruit or of grape named so --------------------------------------------------
#
# A gated name before a noun for a fruit or after a noun for a variety is that variety: "Bing cherries", "the
# Bing cherry", „Bing-Kirschen“, « la variété Bing », « les cerises Bing », „die Sorte Bing“, "la variedad
# Bing", "las cerezas Bing", "a cultivar called Bing". Not the name followed by a fruit's name as a product's
# ("Apple Watch"): the nouns are fruits', in lower case in English, capitalised in German; no flower ("Apple
# rose 3%": a verb).
_FRUIT_NOUNS_AFTER = (
    r"cherr(?:y|ies)|apples?|grapes?|pears?|plums?|peach(?:es)?|apricots?|tomato(?:es)?|potato(?:es)?|"
    r"strawberr(?:y|ies)|"
    r"Kirschen?|Äpfel|Apfel|Trauben?|Birnen?|Pflaumen?|Pfirsiche?|Aprikosen?|Tomaten?|Kartoffeln?|"
    r"Erdbeeren?"
)
_FRUIT_INITIALS = "capgstKÄABTPE"
_VARIETY_AFTER = re.compile(rf"(?:[ \u00a0]|[-‑])(?:{_FRUIT_NOUNS_AFTER})(?!\w)")
_VARIETY_BEFORE = re.compile(
    r"(?<![\w-])(?:(?i:variet(?:y|ies)|cultivars?|variétés?|cépages?|variedad(?:es)?|cepas?|"
    r"cerises?|pommes?|raisins?|poires?|prunes|pêches?|tomates?|fraises?|cerezas?|manzanas?|uvas?|peras?|"
    r"ciruelas?|melocotones?|fresas?)"
    r"|(?:Sorten?|Rebsorten?|Apfelsorten?|Kirschsorten?|Obstsorten?|Sorte))\s+"
    r"(?:(?:de|called|named|nommée?s?|llamadas?|namens)\s+)?[\"“„«]?\s*$"
)
_VARIETY_LAST_WORD_LIST = """
    variety varieties cultivar cultivars variété variétés cépage cépages variedad variedades cepa cepas
    cerise cerises pomme pommes raisin raisins poire poires prunes pêche pêches tomate tomates fraise
    fraises cereza cerezas manzana manzanas uva uvas pera peras ciruela ciruelas melocotón melocotones
    fresa fresas sorte sorten rebsorte rebsorten apfelsorte apfelsorten kirschsorte kirschsorten
    obstsorte obstsorten de called named nommé nommée nommés nommées llamada llamadas namens"""
_VARIETY_LAST_WORDS = frozenset(_VARIETY_LAST_WORD_LIST.split())


def names_a_variety(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` names a variety of fruit or of plant ("Bing cherries", « la
    variété Bing », „die Sorte Bing“, "las cerezas Bing")."""
    # Cheap first tests: a space or a hyphen, then the first letter of a fruit's noun.
    if (
        text[end : end + 1] in " \u00a0-‑"
        and text[end + 1 : end + 2] in _FRUIT_INITIALS
        and _VARIETY_AFTER.match(text, end) is not None
    ):
        return True
    last = text[max(0, start - 16) : start].rstrip().rstrip('"“„«').rsplit(None, 1)[-1:]
    return (
        bool(last)
        and last[0].lower() in _VARIETY_LAST_WORDS
        and _VARIETY_BEFORE.search(text, max(0, start - 30), start) is not None
    )


# --- A racehorse named so -------------------------------------------------------------------------------
#
# Racehorses bear names built on any word ("Oracle du Bocage", "Siri des Prés", "Tesla Mag", „Alexa vom
# Hof“, "Gemini Star"), or a product's whole name ("Nano Banana", "Grok"). In a race report or a results
# table (_RACING: hippodrome, quinté, furlong, jockey, Galopprennen, hipódromo, gateras ...), a name is a
# horse when
#
# - it opens such a compound name (a capitalised word after it, or a particle and one: "du", "des", "de la",
#   "vom", "von", "of", "del"): gated names only, as a product is often followed by a capitalised word
#   ("ChatGPT Enterprise");
# - it stands after a place's number at a line's start or after a label's colon ("3. Tesla (n° 14)",
#   "Result: 1 Nano Banana (9-1)");
# - it opens a sentence and the next sentence opens with a definite article and a noun for a horse, the
#   report's way of going on about the winner ("Grok no dejó dudas. El potrillo alazán del stud ...", "Nano
#   Banana won easily. The five-year-old mare ...", « Oracle s'impose. La pouliche ... »).
#
# The tagger checks that the word after a compound's first is no company's name ("Oracle Cloud" is the
# company). A noun for a horse beside the name ("the mare Nano Banana", "Nano Banana, a five-year-old mare
# trained by ...") names an animal in any article (names_a_being).
_HORSE_NAME_AFTER = re.compile(
    r"(?:'s)?[ \u00a0](?:(?:du|des|de\s+la|de|d'|del|de\s+los|von|vom|of|of\s+the)\s*)?"
    r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?![\w-])"
)
_RANK_BEFORE = re.compile(r"(?:^|\n|(?<!\d):)[ \t]*\d{1,2}\s*(?:[.)]|er|e|º|ª)?[ \t]*[-–—:]?[ \t]*$")
_HORSE_NOUNS = (
    "horse", "racehorse", "mare", "colt", "filly", "gelding", "stallion", "trotter", "thoroughbred",
    "cheval", "jument", "poulain", "pouliche", "hongre", "étalon", "pur-sang", "trotteur", "trotteuse",
    "Pferd", "Rennpferd", "Stute", "Hengst", "Wallach", "Traber", "Galopper", "Fohlen",
    "caballo", "yegua", "potro", "potra", "potrillo", "potranca", "semental", "purasangre", "trotón",
)  # fmt: skip
# After the name: the rest of its sentence, then the next one's article, at most two words and the noun.
_HORSE_NEXT_SENTENCE = re.compile(
    r"[^.!?\n]{0,60}[.!?](?:[ \u00a0]?[\"”»])?[ \t]+"
    r"(?:(?:The|El|La|Le|Der|Die|Das)\s+|L')(?:[\w'’-]+\s+){0,2}?"
    rf"(?i:{'|'.join(sorted(_HORSE_NOUNS, key=len, reverse=True))})(?![\w-])"
)
_SENTENCE_OPENERS = " \t\u00a0\"“„«'¡¿"
# The words of a race report, each form written out: the tagger finds them in its one pass over the text
# (pipeline/tagging.py), and confirms each with _RACING (accents count: « une quinte de toux » is no quinté).
RACING_WORDS = (
    "racecourse", "racecourses", "racehorse", "racehorses", "furlong", "furlongs", "jockey", "jockeys",
    "thoroughbred", "thoroughbreds", "horse racing", "horse race", "horse races", "horse racer",
    "horse racers", "harness racing", "harness race", "harness races",
    "hippodrome", "hippodromes", "quinté", "tiercé", "quarté", "trotteur", "trotteurs", "course hippique",
    "courses hippiques", "PMU", "turfiste", "turfistes",
    "Galopprennen", "Trabrennen", "Pferderennen", "Rennbahn", "Galopper", "Traber", "Rennpferd", "Rennpferde",
    "hipódromo", "hipódromos", "carrera de caballos", "carreras de caballos", "purasangre", "purasangres",
    "hípico", "hípica", "hípicos", "hípicas", "gateras",
)  # fmt: skip
_RACING = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in RACING_WORDS) + r")(?!\w)",
    re.IGNORECASE,
)


def racing_word(word: str) -> bool:
    """Whether ``word`` (as the text writes it) is one of RACING_WORDS, accents as written."""
    return _RACING.fullmatch(word) is not None


def opens_a_horse_name(text: str, start: int, end: int) -> int | None:
    """Where the word after the name at ``text[start:end]`` starts when the name opens a compound name that
    a racehorse bears ("Oracle du Bocage", "Tesla Mag"), -1 when it stands after a rank at a line's start
    ("3. Tesla"), None otherwise. The caller checks that the article reports a race (``racing_word``) and
    that the word is no company's."""
    # Cheap first tests: a space then a capital or a particle's first letter, or "'s".
    nxt = text[end : end + 2]
    if (nxt[:1] in " \u00a0" and (nxt[1:].isupper() or nxt[1:] in "dvo")) or nxt == "'s":
        found = _HORSE_NAME_AFTER.match(text, end)
        if found is not None:
            return found.end() - len(found.group().split()[-1])
    return -1 if _after_a_rank(text, start) else None


_RANK_TRAIL = " \t\u00a0.)-–—:ºª"


def _after_a_rank(text: str, start: int) -> bool:
    # A cheap first test: a digit ends the few characters before the name, punctuation and an ordinal's
    # ending aside ("3. Tesla", "12) Oracle", "1er Oracle", "Result: 1 Nano Banana").
    tail = text[max(0, start - 12) : start].rstrip(_RANK_TRAIL)
    if not tail[-1:].isdigit():
        tail = tail.removesuffix("er").removesuffix("e").rstrip()
        if not tail[-1:].isdigit():
            return False
    return _RANK_BEFORE.search(text, max(0, start - 12), start) is not None


def _horse_next(text: str, start: int, end: int) -> bool:
    """The name opens its sentence and the next sentence opens with "the colt", "el potrillo" ..."""
    # A cheap first test: most names follow a space after a letter.
    if start > 1 and text[start - 1] == " " and text[start - 2].isalnum():
        return False
    i = start
    while i > 0 and text[i - 1] in _SENTENCE_OPENERS:
        i -= 1
    return (i == 0 or text[i - 1] in ".!?:\n") and _HORSE_NEXT_SENTENCE.match(text, end) is not None


def racehorse_cue(text: str, start: int, end: int, compound: bool = True) -> int | None:
    """Where the word after the name at ``text[start:end]`` starts when the name opens a racehorse's compound
    name (``compound``: gated names), -1 when a rank stands before it or the next sentence goes on about "the
    colt", None otherwise. The caller checks that the article reports a race (``racing_word``) and that the
    word is no company's."""
    if compound:
        found = opens_a_horse_name(text, start, end)
        if found is not None:
            return found
    else:
        # A cheap first test: most names follow a space after a letter, which neither a rank ("3. ", "1er ",
        # "2e ") nor a sentence's start has.
        # "1er ", "2e ", "3º ", "1st ": an ordinal's ending after a digit.
        if (
            start > 3
            and text[start - 1] == " "
            and text[start - 2].isalpha()
            and not (text[start - 3].isdigit() or text[start - 4].isdigit())
        ):
            return None
        if _after_a_rank(text, start):
            return -1
    return -1 if _horse_next(text, start, end) else None


# --- A unit after a number ------------------------------------------------------------------------------
#
# A name that is also a unit's (the tesla, the SI unit of magnetic flux density) right after a number is a
# measure: "a 9.4 Tesla magnet", "10.5-Tesla scanners", „ein 9,4-Tesla-MRT“, « un IRM de 11,7 teslas », "un
# equipo de 9,4 Tesla". Not a count of the company's cars or shares: "2 Tesla Model Y", "40 Tesla vehicles"
# (_UNIT_AFTER), nor "five Teslas" (no figure; the plural only in French and Spanish, where it is the unit's).
_UNIT_NAMES = frozenset({"Tesla", "tesla"})
_UNIT_PLURALS = frozenset({"Teslas", "teslas"})
_NUMBER_BEFORE = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,]\d{1,2})?(?:\s|\u00a0|[-‑])?$")
# After the unit: the end of the phrase, a function word, or a word of imaging or of magnets ("a 9.4 Tesla
# magnet", "3-Tesla-MRT", "7 Tesla und mehr"); not another noun ("40 Tesla vehicles", "3 Tesla shares").
_UNIT_AFTER = re.compile(
    r"\s*(?:[,.;:!?)\]/]|$)|(?:\s|[-‑])(?:MRI|MRT|IRM|RM|RMN|NMR|fMRI|scanners?|magnets?|field|fields|machines?|"
    r"systems?|imaging|Scanner[sn]?|Magnet(?:e|en)?|Magnetfeld\w*|Gerät(?:e|en)?|Feld(?:stärke)?|Tomograph\w*|"
    r"Tomograf\w*|aimants?|champs?|appareils?|imanes?|equipos?|resonancias?|campos?|"
    r"of|and|or|in|at|with|is|et|ou|à|de|du|en|und|oder|mit|im|bei|ist|y|o|con|es)(?![\w-])"
)


def unit_after_number(text: str, start: int, end: int, language: str | None = None) -> bool:
    """Whether the name at ``text[start:end]`` is a unit after a number ("a 9.4 Tesla magnet", „ein
    9,4-Tesla-MRT“, « 11,7 teslas »)."""
    name = text[start:end]
    if name not in _UNIT_NAMES and (name not in _UNIT_PLURALS or language not in ("fr", "es")):
        return False
    return (
        (text[start - 2 : start - 1].isdigit() or text[start - 1 : start].isdigit())
        and _NUMBER_BEFORE.search(text, max(0, start - 8), start) is not None
        and _UNIT_AFTER.match(text, end) is not None
    )


_UNIT_FORMS = _UNIT_NAMES | _UNIT_PLURALS


def other_place_or_thing(text: str, start: int, end: int, language: str | None = None) -> str | None:
    """What the name at ``text[start:end]`` names when it is a unit after a number, a river or a department,
    or a variety of fruit (``unit_after_number``, ``names_a_place``, ``names_a_variety``): "unit", "place"
    or "variety"; None when none. The three rules' cheap tests share the word before the name and the two
    characters after it (the tagger asks this of every gated name)."""
    if text[start:end] in _UNIT_FORMS and unit_after_number(text, start, end, language):
        return "unit"
    nxt = text[end : end + 2]
    spaced = nxt[:1] in " \u00a0"
    if spaced and nxt[1:2] in "RrDPVB" and _PLACE_AFTER.match(text, end) is not None:
        return "place"
    if (spaced or nxt[:1] in "-‑") and nxt[1:2] in _FRUIT_INITIALS and _VARIETY_AFTER.match(text, end):
        return "variety"
    last = text[max(0, start - 16) : start].rstrip().rstrip('"“„«').rsplit(None, 1)[-1:]
    if not last:
        return None
    word = last[0].lower()
    if word in _PLACE_LAST_WORDS and _PLACE_BEFORE.search(text, max(0, start - 30), start) is not None:
        return "place"
    if word in _VARIETY_LAST_WORDS and _VARIETY_BEFORE.search(text, max(0, start - 30), start) is not None:
        return "variety"
    return None


# --- A name said to be a company: a noun for its trade before it, or a role at it ---------------------------
#
# A name right after a noun that says what a company does, in apposition ("the chip designer Arm",
# "British chipmaker Arm", « le concepteur de puces Arm », « le géant américain Amazon », „des britischen
# Chiparchitekten Arm“, „der US-Konzern Amazon“, "el diseñador de chips Arm", "la tecnológica Apple"),
# after a role someone has at it ("the former chief designer of Apple", "head of design at Apple", «
# l'ancien designer en chef d'Apple », « directeur financier d'Apple », „Finanzchef von Apple“, "exdirectivo
# de Apple"), or before a role, as a genitive or a compound ("Apple's chief designer", „Apples
# Finanzchef“, „Arm-Chef Rene Haas“), is the company: a fruit, a river or a limb has no chief designer and
# designs no chips. The tagger takes it as evidence of the `context` kind for this mention. Not an article
# between the preposition and the name ("the head of the Amazon expedition", "el jefe de la expedición al
# Amazonas": rivers take one, companies do not), not a band (« le groupe de rock Mistral »), not a
# capitalised word after the name outside German (a person: "the start-up Alexa Rodríguez founded");
# nouns that a person may be ("developer", "designer" alone) need a trade before them in English.
_EN_TRADE = (
    r"(?:chip|chips|semiconductor|processor|software|tech|technology|cloud|e-commerce|ecommerce|internet|online|"
    r"search|smartphone|iPhone|phone|computer|hardware|electronics|AI|EV|car|retail|streaming|social[\s-]media|"
    r"database|enterprise[\s-]software|networking|gaming)"
)
_EN_COMPANY_NOUN = (
    rf"(?:{_EN_TRADE}[\s-](?:designer|maker|architect|developer|company|firm|giant|group|provider|leader|pioneer|"
    r"specialist|titan|heavyweight|behemoth|powerhouse|house|licensor|vendor|supplier|manufacturer|retailer)"
    r"|chipmaker|carmaker|automaker|conglomerate|company|firm|start-?up|startup|manufacturer|licensor|"
    r"subsidiary|parent\s+company)"
)
_EN_ROLE = (
    r"(?:CEOs?|CFOs?|CTOs?|COOs?|chiefs?|head|heads|presidents?|vice[\s-]presidents?|founders?|co-?founders?|"
    r"chair(?:man|woman|person)?|directors?|designers?|engineers?|executives?|employees?|"
    r"spokes(?:person|man|woman)|managers?|researchers?|scientists?|board\s+members?|veterans?|alumn(?:us|a|i))"
)
_EN_ROLE_AFTER = (
    r"(?:(?:former|then|new|longtime|long-time|current|outgoing|incoming|interim|acting|top)\s+)*"
    r"(?:CEO|CFO|CTO|COO|chief\s+(?:executive|financial|technology|operating|design|product|people|scientist|AI|"
    r"marketing|legal|strategy|information)|president|founder|co-?founder|chair(?:man|woman|person)?|head\s+of|"
    r"designers?|engineers?|executives?|employees?|spokes(?:person|man|woman)|board|vice\s+president)(?![\w-])"
)
_FR_COMPANY_NOUN = (
    r"(?:groupe(?!\s+(?:de\s+)?(?:rock|musique|pop|rap|jazz|métal|metal|punk))|géant|firme|société|entreprise|"
    r"start-up|startup|jeune\s+pousse|constructeur|fabricant|concepteur|éditeur|fondeur|équipementier|spécialiste|"
    r"champion|leader|cybermarchand|distributeur|laboratoire|labo|fournisseur|conglomérat|mastodonte|"
    r"poids\s+lourd)"
)
_FR_ROLE = (
    r"(?:PDG|DG|patron|patronne|directeur|directrice|dirigeant|dirigeante|fondateur|fondatrice|cofondateur|"
    r"cofondatrice|co-fondateur|co-fondatrice|président|présidente|vice-président|vice-présidente|designer|"
    r"ingénieur|ingénieure|salarié|salariée|employé|employée|porte-parole|cadre|responsable|chercheur|chercheuse|"
    r"ex-[\w-]+)s?"
)
# German nouns, alone or ending a compound ("Konzern", "US-Konzern", "Chiparchitekten", "Finanzchef"); a
# chef in a kitchen is no company's.
_DE_COMPANY_NOUN = (
    r"(?:konzerns?|herstellers?|unternehmens?|firma|riesen?|giganten?|anbieters?|händlers?|zulieferers?|"
    r"fertigers?|start-?ups?|marktführers?|spezialisten?|designers?|entwicklers?|architekten?)"
)
_DE_ROLE = (
    r"(?:chef|chefin|gründer|gründerin|designer|designerin|sprecher|sprecherin|manager|managerin|mitarbeiter|"
    r"mitarbeiterin|ingenieur|ingenieurin|direktor|direktorin|leiter|leiterin|vorstand|vorständin)(?:s|en|n|innen)?"
)
_ES_COMPANY_NOUN = (
    r"(?:empresa|compañía|firma|grupo(?!\s+(?:de\s+)?(?:rock|música|pop|rap|jazz|metal|punk))|gigante|tecnológica|"
    r"fabricante|diseñador|diseñadora|desarrollador|desarrolladora|startup|start-up|emergente|multinacional|"
    r"proveedor|proveedora|especialista|minorista|distribuidor|distribuidora|laboratorio|conglomerado)"
)
_ES_ROLE = (
    r"(?:consejer[oa]\s+delegad[oa]|director|directora|directivo|directiva|exdirectivo|exdirectiva|ejecutivo|"
    r"ejecutiva|fundador|fundadora|cofundador|cofundadora|presidente|presidenta|vicepresidente|vicepresidenta|"
    r"jefe|jefa|diseñador|diseñadora|ingeniero|ingeniera|empleado|empleada|trabajador|trabajadora|portavoz|"
    r"investigador|investigadora|responsable|CEO|ex-?[\w-]+)(?:es|s|as)?"
)
# Between a role and its preposition: "designer en chef d'", "head of design at".
_FEW_WORDS = r"(?:\s+[\w'-]+){0,3}?"
# Between a French or Spanish noun and the name: adjectives and complements in lower case (« géant
# américain du e-commerce », « concepteur de puces »), not a clause ("una empresa conjunta liderada por
# Oracle"), and not ending on "de" (« le laboratoire de recherche de Meta » is Meta's, no apposition).
_NOT_IN_APPOSITION = (
    r"(?:por|par|pour|para|avec|con|sans|sin|et|y|e|o|ou|u|que|qui|quien|a|à|en|au|al|sur|sous|chez|entre|contra|"
    r"contre|vers|hacia|dans|desde|depuis|est|es|a|ont|han|son|sont)"
)
_LOWER_WORDS = (
    rf"(?:\s+(?!{_NOT_IN_APPOSITION}(?![\w'-]))(?-i:[a-zà-ÿœ'-]+)){{0,3}}?"
    r"(?<![\s']de)(?<!\sdes)(?<!\sdu)(?<!\sdel)(?<!d')"
)
_COMPANY_BEFORE = {
    "en": re.compile(
        rf"(?<![\w-])(?:(?P<noun>{_EN_COMPANY_NOUN})|{_EN_ROLE}{_FEW_WORDS}\s+(?:of|at))\s+$", re.IGNORECASE
    ),
    "fr": re.compile(
        rf"(?<![\w-])(?:(?P<noun>(?:le|la|l'|du|au|un|une)\s*{_FR_COMPANY_NOUN}){_LOWER_WORDS}\s+"
        rf"|{_FR_ROLE}{_FEW_WORDS}\s+(?:de\s+|d'|chez\s+))$",
        re.IGNORECASE,
    ),
    "de": re.compile(
        rf"(?<![\w-])(?=(?-i:[A-ZÄÖÜ]))(?!Küchen|Sous)(?:(?P<noun>[\w-]*?{_DE_COMPANY_NOUN})\s+"
        rf"|[\w-]*?{_DE_ROLE}{_FEW_WORDS}\s+(?:von|bei)\s+)$",
        re.IGNORECASE,
    ),
    "es": re.compile(
        rf"(?<![\w-])(?:(?P<noun>(?:la|el|un|una|del|al)\s+{_ES_COMPANY_NOUN}){_LOWER_WORDS}\s+"
        rf"|{_ES_ROLE}{_FEW_WORDS}\s+(?:de|en)\s+)$",
        re.IGNORECASE,
    ),
}
_COMPANY_AFTER = {
    "en": re.compile(rf"'s?\s+{_EN_ROLE_AFTER}", re.IGNORECASE),
    # „Apples Finanzchef“ (the genitive is a name of its own), „Arm-Chef Rene Haas“.
    "de": re.compile(
        rf"(?:\s+|[-‑])(?=(?-i:[A-ZÄÖÜ]))(?!Küchen|Sous)[\w-]*?{_DE_ROLE}(?![\w-])", re.IGNORECASE
    ),
}
_COMPANY_LOOK_BEHIND = 64
_CAPITAL_NEXT = re.compile(r"[ \u00a0][A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]")
TRADE, ROLE = "a noun for its trade", "a role at the company"


def named_as_company(text: str, start: int, end: int, language: str | None = None) -> str | None:
    """Whether the name at ``text[start:end]`` is said to be a company: ``TRADE`` (a noun for its trade before
    it: "the chip designer Arm"), ``ROLE`` (a role at it: "chief designer of Apple", "Apple's chief
    designer"), or None."""
    langs = (language,) if language in _COMPANY_BEFORE else tuple(_COMPANY_BEFORE)
    if any(lang in _COMPANY_AFTER and _COMPANY_AFTER[lang].match(text, end) for lang in langs):
        return ROLE
    if language != "de" and _CAPITAL_NEXT.match(text, end) is not None:
        return None  # "the start-up Alexa Rodríguez founded": a person (German capitalises every noun)
    window = text[max(0, start - _COMPANY_LOOK_BEHIND) : start]
    for lang in langs:
        if (found := _COMPANY_BEFORE[lang].search(window)) is not None:
            return TRADE if found.group("noun") else ROLE
    return None


# --- Another company or brand of that name, from a place the company is not from ------------------------
#
# A gated name right after a noun for a brand or a maker that a place qualifies, the company not from there,
# is another company of that name: „ein Röhrenradio der tschechoslowakischen Marke Tesla“ (the state
# enterprise named after Nikola Tesla), "the Czechoslovak brand Tesla", « la marque tchécoslovaque Tesla »,
# "la marca checoslovaca Tesla". The company's own country is a mention ("le constructeur américain Tesla",
# "der US-Konzern Apple"); a word that names no country ("local") says nothing; nor does a capitalised word
# after the name ("la société irlandaise Apple Sales International": a subsidiary's longer name). English has
# a guard against a reduced relative clause ("the Chinese brand Tesla fears most"): punctuation or a
# preposition after the name.
_MAKER_NOUNS = {
    "en": r"brand|make|marque|maker|manufacturer|company|firm|group|label|conglomerate|enterprise",
    "fr": r"marque|fabricant|constructeur|société|entreprise|groupe|firme|maison",
    "de": r"marke|hersteller|firma|konzern|unternehmen|betrieb|produzent",
    "es": r"marca|fabricante|empresa|compañía|firma|grupo|casa",
}
_MAKER_BEFORE = {
    "en": re.compile(
        rf"(?<![\w-])(?P<place>{_EN_ADJ})\s+(?:[\w-]+\s+){{0,2}}?(?:{_MAKER_NOUNS['en']})\s+$", re.IGNORECASE
    ),
    "fr": re.compile(rf"(?<![\w-])(?:{_MAKER_NOUNS['fr']})\s+(?P<place>{_FR_ADJ})\s+$", re.IGNORECASE),
    # German compounds too: „Radiomarke“, „Elektronikhersteller“, „Staatsbetrieb“.
    "de": re.compile(
        rf"(?<![\w-])(?P<place>{_DE_STEM})(?:e|en|er|es|em)\s+(?:[\w-]+\s+)?(?=[A-ZÄÖÜ])[\w-]*?"
        rf"(?i:{_MAKER_NOUNS['de']})(?:s|n|en|es)?\s+$"
    ),
    "es": re.compile(rf"(?<![\w-])(?:{_MAKER_NOUNS['es']})\s+(?P<place>{_ES_ADJ})\s+$", re.IGNORECASE),
}
_MAKER_PLACES = {"en": _EN_ADJS, "fr": _FR_ADJS, "de": _DE_STEMS, "es": _ES_ADJS}
_EN_MAKER_AFTER = re.compile(
    r"\s*(?:[,.;:!?)\]—–]|$|(?:of|from|in|at|with|and|or|which|whose|that|made|built|named|founded)(?!\w))"
)
# Cheap first tests: the word before the name ends a maker's noun (English, German) or a place's adjective
# (French, Spanish).
_MAKER_LAST_ENDS = tuple(n for lang in ("en", "de") for n in _MAKER_NOUNS[lang].split("|"))
_MAKER_LAST_WORDS = frozenset(_FR_ADJS) | frozenset(_ES_ADJS)


def another_company_named(
    text: str, start: int, end: int, language: str | None, countries: frozenset[str]
) -> bool:
    """Whether the name at ``text[start:end]`` is another company's or brand's, from a place the company is
    not from (``countries``): „der tschechoslowakischen Marke Tesla“."""
    # Cheap first tests: one space before the name, and the word before it ends a maker's noun or is a
    # place's adjective.
    if start < 2 or text[start - 1] != " " or not countries:
        return False
    word = text[text.rfind(" ", max(0, start - 26), start - 1) + 1 : start - 1].lower()
    if not (word.endswith(_MAKER_LAST_ENDS) or word in _MAKER_LAST_WORDS):
        return False
    if _CAPITAL_NEXT.match(text, end) is not None:
        return False
    before = text[max(0, start - _COMPANY_LOOK_BEHIND) : start]
    for lang in (language,) if language in _MAKER_BEFORE else tuple(_MAKER_BEFORE):
        found = _MAKER_BEFORE[lang].search(before)
        if found is None or (lang == "en" and _EN_MAKER_AFTER.match(text, end) is None):
            continue
        codes = _MAKER_PLACES[lang].get(_place_key(found.group("place")), frozenset())
        if codes and not codes & countries:
            return True
    return False


# --- A computer's model number after the name ----------------------------------------------------------
#
# A gated name right before a model number, in a sentence that has a word for a computer, is the maker of
# that computer: "ein Apple II mit grünem Monitor" in „die Heimcomputer-Ecke: Commodore 64, Atari, ein Apple
# II“, "an Apple IIe and other home computers", « un Apple II, l'ordinateur de ... », "un Apple II, el
# ordenador". A fruit, a river, a first name have no model numbers; the word for a computer keeps out other
# things' numbers ("Alexa 35", a camera, is a blocker besides). The tagger takes it as evidence of the
# `context` kind for this mention, like a noun for the company's trade.
_MODEL_AFTER = re.compile(r"[ \u00a0](?:I{1,3}|IV|VI{0,3}|IX|X|\d{1,4})(?:[a-z]{1,2}|GS)?(?![\w-])")
# Inside a word too: „Heimcomputer“, „Großrechner“, « micro-ordinateur ».
_COMPUTER_WORD = re.compile(
    r"(?i:computer|rechner|ordinateur|ordenador|computador|laptop|desktop|mainframe)|(?<!\w)PCs?(?!\w)"
)
COMPUTER_MODEL = "a computer's model number"


def computer_model(text: str, start: int, end: int) -> str | None:
    """``COMPUTER_MODEL`` when a model number follows the name at ``text[start:end]`` in a sentence that has a
    word for a computer ("ein Apple II" beside "Heimcomputer"), else None."""
    if text[end : end + 1] not in " \u00a0" or _MODEL_AFTER.match(text, end) is None:  # cheap first tests
        return None
    left = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "! ", "? "))) + 1
    stop = _SENTENCE_END.search(text, end)
    right = stop.start() if stop is not None else len(text)
    return COMPUTER_MODEL if _COMPUTER_WORD.search(text, left, right) is not None else None
