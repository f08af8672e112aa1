"""Stage 3: tag articles with companies and topics from the taxonomy, with evidence.

One Aho-Corasick automaton holds every alias, product, blocker, context word and topic
term, so matching costs one pass over the text whatever the size of the taxonomy. Each hit
is then checked for word boundaries (no "Intel" inside "intelligence") and, where the
taxonomy says so, exact case. Names that are also ordinary words ("Apple", "Mistral") are
kept only with evidence the taxonomy declares per company: a corporate suffix, another
unambiguous name of the same company (not inside a blocker), a company context word (or, at the name, a
noun for its trade or a role at it: "the chip designer Arm", "chief designer of Apple"; a computer's model
number: "ein Apple II" beside "Heimcomputer"), AI/tech context, or a list that names another company
("existing backers Amazon and Google").

A name found is still not a mention inside one of its company's blocker phrases ("apple pie"), as a
platform in an availability list ("available for macOS and Windows"), as a figure of speech ("the
Salesforce of law firms"), as an emoji's name ("dieses Emoji „Hugging Face“"), as a person's first name
("Alexa, 15,", "Alexa from Leeds asks:"), as an animal's or a character's ("su perra, Grok", "Bing, el
conejito"), a racehorse's ("Oracle du Bocage", "Grok no dejó dudas. El potrillo ..."), a river's, a fruit
variety's, a unit ("9.4 Tesla"), a local business's or a colour's ("der Imbiss Alibaba", "Azure/Volt"), a
building's or a venue's ("la Salesforce Tower", "Samsung Hall"), another company's of that name from
elsewhere ("der tschechoslowakischen Marke Tesla"), a streaming service in a where-to-watch line ("Dónde
verla: ... en Amazon Prime Video y Apple TV") or as an acronym the article defines as something else
("inclusion body myositis, or IBM"; all in pipeline/name_use.py), and a company named only as the source
of a fact ("according to LinkedIn") gets no tag. A name that counts on its own still needs evidence where
the article gives cause to doubt it: the same name used inside a blocker ("Samsung" beside the "Samsung
Lions"), or an ordinary word capitalised at a sentence start beside its lower-case use ("Anthropic
reasoning" and "the anthropic principle"); a name introduced as a term ("die sogenannte Perplexity – zu
Deutsch Perplexität") is not a mention. Bylines, credits, related links, author bios and disclosure notes
are blanked first (pipeline/boilerplate.py).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick
import numpy as np

from pipeline.boilerplate import mask_boilerplate, source_credit
from pipeline.config import Settings
from pipeline.name_use import (
    RACING_WORDS,
    PlatformHit,
    acronym_definition,
    another_company_named,
    availability_listed,
    beside_its_counterpart,
    computer_model,
    defined_nearby,
    emoji_name,
    figure_of_speech,
    first_name_of,
    first_name_with_role,
    named_after_a_person,
    named_as_company,
    named_as_term,
    named_otherwise,
    names_a_being,
    names_a_building,
    names_a_structure,
    names_an_emoji,
    opens_a_count,
    other_place_or_thing,
    person_cue,
    person_with_age,
    person_with_first_name,
    persons_named,
    programme_words,
    racehorse_cue,
    racing_word,
    used_as_common_noun,
)
from pipeline.records import CompanyTag, Mention, Tags, TopicTag
from pipeline.taxonomy import Company, Taxonomy
from pipeline.topic_model import TopicModel, load_topic_model

# Pattern kinds.
ALIAS, PRODUCT, NAME = "alias", "product", "name"  # company names; NAME = a `cased` name
BLOCKER, COMPANY_CONTEXT, SUFFIX, ORDINARY = "blocker", "company_context", "suffix", "ordinary"
NOUN_SENSE = "noun_sense"  # a word of the sense of a `cased` name that is also a common noun (key: the name)
PLATFORM = "platform"  # an operating system, target = its owner (pipeline/name_use.py)
STREAMING = "streaming"  # a streaming service, target = its owner (pipeline/name_use.py)
RACING = "racing"  # a word of a race report ("jockey", "hippodrome"; pipeline/name_use.py)
TOPIC, TECH, AI = "topic", "tech", "ai"
GAP_PART = "gap_part"  # one part of a topic term written with gaps ("arbeitet ... zusammen")
_COMPANY_KINDS = (ALIAS, PRODUCT, NAME)

# Topic terms with gaps (see the taxonomy's header): German puts the particle of a separable
# verb, and the second half of many set phrases, at the end of the clause ("Nvidia arbeitet
# seit Jahren eng mit SAP zusammen"). The parts must stand in order, in one clause and this
# many words apart at most, which keeps a particle from reaching into the next sentence.
GAP_WORDS = 12
GAP, ALTERNATIVE = " ... ", "|"
# What ends a clause between two parts: sentence punctuation, a semicolon, colon or line
# break, a comma that is not a decimal comma ("2,1 Milliarden").
_CLAUSE_BREAK = re.compile(r"[.!?](?!\d)|[;:\n]|,(?!\d)")
# After a part that must close its clause: punctuation, a quote or dash, the end of the text,
# or a conjunction that opens the next clause ("stellt ein Modell vor und kündigt ... an").
_CLAUSE_END = re.compile(r"\s*(?:$|[.,;:!?)\n\"'»«“”„–—]|(?:und|oder|sowie|aber|doch)\b)")

# A blocker that is a German article and one word ("die Perplexity", "das Alphabet") does not hold
# after a comma, where der/die/das open a relative clause: "Erlöse, die Perplexity mit Antworten
# erzielt" is the company.
_ARTICLE_AND_NAME = re.compile(r"(?i:der|die|das)\s+\w+")
_COMMA_BEFORE = re.compile(r",\s*\Z")

# What stands for a blocker's hyphen: the hyphen-minus, the hyphen and the non-breaking hyphen.
_HYPHENS = frozenset("-\u2010\u2011")

_STRUCTURE = "a bridge, a tunnel or a building named so"
# Why a gated name is another thing than the company (pipeline/name_use.py, other_place_or_thing).
_OTHER_SENSES = {
    "unit": "a unit after a number",
    "place": "a river, a department or a province",
    "variety": "a variety of fruit",
}

# Where a topic word stands says how much the story is about it: headline, then lead, then body.
ZONE_WEIGHTS = {"title": 2.0, "lead": 1.5, "body": 1.0}
LEAD_CHARS = 400


@dataclass(frozen=True, slots=True)
class _Pattern:
    kind: str
    target: str  # company id, topic id, or "" for context words
    text: str  # as written in the taxonomy
    cased: bool
    language: str | None = None
    weight: float = 0.0
    exact: str = ""  # the text with ASCII apostrophes: what a cased hit must equal
    key: str = ""  # folded text: the identity of a term when counting
    gap_term: int = -1  # GAP_PART: which term with gaps (Tagger._gap_terms), and which part
    part: int = 0
    hyphens: tuple[int, ...] = ()  # BLOCKER: where a hyphen must stand ("meta-question")
    relative: bool = False  # BLOCKER: a German article and the name ("die Perplexity"), not after a comma
    ends_with_name: bool = False  # BLOCKER: its last word is a name, which a hyphen may join to a compound
    acronym: bool = False  # a company name that is an acronym ("IBM", "AWS"), which an article may define


def _pattern(
    kind: str,
    target: str,
    text: str,
    cased: bool,
    language: str | None = None,
    weight: float = 0.0,
    key: str | None = None,
) -> _Pattern:
    exact = normalize_apostrophes(text)
    # A blocker written with a hyphen is that compound only: "meta-question" is not "the Meta
    # question" (a question about Meta), "Meta-Frage" not "Meta Frage".
    hyphens = tuple(i for i, c in enumerate(exact) if c == "-") if kind == BLOCKER else ()
    relative = kind == BLOCKER and _ARTICLE_AND_NAME.fullmatch(exact) is not None
    folded = key or fold(exact)
    acronym = kind in _COMPANY_KINDS and bool(_acronym(exact))
    return _Pattern(
        kind, target, text, cased, language, weight, exact, folded, hyphens=hyphens, relative=relative,
        acronym=acronym,
    )  # fmt: skip


class _GapTerm(NamedTuple):
    pattern: _Pattern  # the TOPIC pattern a complete match counts as
    parts: int
    closes_clause: bool  # written with a final ".": the last part ends its clause


class Hit(NamedTuple):
    pattern: _Pattern
    field: str  # title | text
    start: int
    end: int  # exclusive
    matched: str


_new_tuple = tuple.__new__


@dataclass
class Explanation:
    """Why each tag was given (for ``mediamon tag --explain``)."""

    companies: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    rejected: list[dict[str, object]] = field(default_factory=list)
    topics: dict[str, dict[str, object]] = field(default_factory=dict)
    relevance: dict[str, object] = field(default_factory=dict)
    masked: list[dict[str, object]] = field(default_factory=list)


def _fold_char(c: str) -> str:
    low = c.lower()
    if len(low) != 1:
        return c
    base = unicodedata.normalize("NFD", low)[0]
    return base if base.isalnum() else low


# Accented Latin letters -> their base letter, one character for one (so offsets stay valid).
# A regex substitution touches only the few accented characters; str.translate with a dict
# costs a lookup per character (10x slower on a 3 KB article).
_ACCENTS = {
    c: base for c in map(chr, range(0xC0, 0x250)) if (base := _fold_char(c)) != c.lower() and len(base) == 1
}
_ACCENTED = re.compile("[" + "".join(re.escape(c) for c in _ACCENTS) + "]")


def _base_letter(m: re.Match[str]) -> str:
    return _ACCENTS[m.group()]


def fold(text: str) -> str:
    """Lower-case and strip accents, one character for one, so offsets stay valid."""
    low = text.lower()
    if len(low) != len(text):  # "İ" lower-cases to two characters: go one by one
        return "".join(_fold_char(c) for c in text)
    return _ACCENTED.sub(_base_letter, low)


def normalize_apostrophes(text: str) -> str:
    """Typographic apostrophes (l’américain) -> ASCII ones, as the taxonomy writes them."""
    return text.replace("\u2019", "'").replace("\u02bc", "'").replace("\u2018", "'")


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


@cache
def _word_table() -> np.ndarray:
    """Code point -> folded code point, or a space for anything that is not a letter or digit.

    Built once for the Basic Multilingual Plane; applied to a whole article with NumPy, which
    is ~10x faster than a regex substitution or str.translate on non-ASCII text.
    """
    table = np.empty(0x10000, dtype=np.uint32)
    for i in range(0x10000):
        folded = _fold_char(chr(i))
        table[i] = ord(folded) if len(folded) == 1 and folded.isalnum() else 32
    table[0xFFFF] = 32
    return table


@cache
def _ascii_word_table() -> bytes:
    """``_word_table`` for ASCII as a bytes.translate table, when every ASCII character folds to ASCII."""
    head = _word_table()[:128]
    if int(head.max()) >= 128:  # never for the current folding; then ASCII text takes the NumPy path
        return b""
    return bytes(head.astype(np.uint8).tolist()) + bytes(128)


def _words_only(text: str) -> str:
    """Fold (lower case, no accents) and turn every non-letter, non-digit into a space."""
    # ASCII text (~30% of fields): the same table's first 128 entries, by bytes.translate.
    if text.isascii() and (ascii_table := _ascii_word_table()):
        return text.encode("ascii").translate(ascii_table).decode("ascii")
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    # Characters beyond the table (emoji, ...) land on U+FFFF, a non-character: a space. mode="clip" takes
    # min(code, 0xFFFF) for an unsigned index, as np.minimum did, without the temporary array.
    return _word_table().take(codes, mode="clip").tobytes().decode("utf-32-le")


def lead_span(text: str, title: str = "") -> tuple[int, int]:
    """Where the lead is: the first paragraph (after a repeated headline), at most LEAD_CHARS long."""
    start = 0
    first_line = text.split("\n", 1)[0]
    stripped = first_line.strip()
    # Extractors often start the text with the headline; the lead is the paragraph after it.
    if (
        stripped
        and "\n" in text
        and (fold(stripped) == fold(title.strip()) or (len(stripped) < 100 and not stripped.endswith(".")))
    ):
        start = len(first_line) + 1
    end = text.find("\n", start + 1)
    return start, min(end if end > 0 else len(text), start + LEAD_CHARS)


# A headline in Title Case ("The Anthropic Principle, Explained"): every longer word capitalised,
# so a capitalised name in it says no more than one at a sentence start.
_TITLE_WORD = re.compile(r"[^\W\d_][\w'-]*")


def _title_case(title: str) -> bool:
    words = [w for w in _TITLE_WORD.findall(title) if len(w) > 3]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'«“(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:"


def _has_word(text: str, word: str) -> bool:
    """Whether ``word`` stands in ``text`` as a word, not in a web or mail address ("anthropic.com",
    "@anthropic": that is the company). A find loop: a regex opening with a lookbehind scans slowly."""
    i = text.find(word)
    while i >= 0:
        before = text[i - 1] if i else " "
        after = text[i + len(word) : i + len(word) + 2]
        if not (before.isalnum() or before in "_./@") and not (
            after[:1].isalnum() or after[:1] in ("_", "@") or (after[:1] == "." and after[1:2].isalnum())
        ):
            return True
        i = text.find(word, i + 1)
    return False


_NEXT_NAME = re.compile(r" [A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:[ ,.;:!?)\n]|$)")


def _followed_by_name(text: str, end: int) -> bool:
    """A capitalised word right after the hit, as a surname follows a first name."""
    return _NEXT_NAME.match(text, end) is not None


class Tagger:
    """Tags title and text with the companies and topics of a taxonomy."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        topic_threshold: float = 3.0,
        topic_relative: float = 0.6,
        max_topics: int = 3,
        relevance_threshold: float = 0.5,
        topic_model: TopicModel | None = None,
        topic_probability: float = 0.55,
    ) -> None:
        self.taxonomy = taxonomy
        self.topic_model = topic_model
        self.topic_probability = topic_probability
        self.topic_threshold = topic_threshold
        self.topic_relative = topic_relative
        self.max_topics = max_topics
        self.relevance_threshold = relevance_threshold
        self._companies = {c.company_id: c for c in taxonomy.companies}
        self._first_names = frozenset(taxonomy.first_names)
        # (company, `cased` name) of the names that are also a common noun (`common_noun`).
        self._common_nouns = {(c.company_id, name) for c in taxonomy.companies for name, _ in c.common_noun}
        patterns: list[_Pattern] = []
        for c in taxonomy.companies:
            cid = c.company_id
            patterns += [_pattern(ALIAS, cid, a, cased=False) for a in c.aliases]
            patterns += [_pattern(PRODUCT, cid, p, cased=True) for p in c.products]
            patterns += [_pattern(NAME, cid, n, cased=True) for n in c.cased]
            own_names = {fold(normalize_apostrophes(n)) for n in (*c.aliases, *c.products, *c.cased)}
            patterns += [
                replace(p, ends_with_name=fold(p.exact).split()[-1] in own_names)
                for p in (_pattern(BLOCKER, cid, b, cased=False) for b in c.blockers)
            ]
            patterns += [_pattern(COMPANY_CONTEXT, cid, w, cased=False) for w in c.context]
            patterns += [_pattern(ORDINARY, cid, w, cased=True) for w in c.ordinary]
            patterns += [
                _pattern(NOUN_SENSE, cid, w, cased=False, key=name)
                for name, words in c.common_noun
                for w in words
            ]
        patterns += [_pattern(SUFFIX, "", s, cased=True) for s in taxonomy.company_suffixes]
        # (company, folded name) of the `cased` names the company also writes in other than all caps
        # ("Hugging Face" beside "HUGGING FACE"): their ALL-CAPS form carries no case (not "IBM").
        self._capitals = {
            (c.company_id, fold(normalize_apostrophes(n))) for c in taxonomy.companies for n in c.cased
            if not n.isupper()
        }  # fmt: skip
        for owner, names in taxonomy.platforms.items():
            patterns += [_pattern(PLATFORM, owner, n, cased=True) for n in names]
        for owner, names in taxonomy.streaming.items():
            patterns += [_pattern(STREAMING, owner, n, cased=True) for n in names]
        patterns += [_pattern(RACING, "", w, cased=False) for w in RACING_WORDS]
        self._gap_terms: list[_GapTerm] = []
        for t in taxonomy.topics:
            for lang, table in t.terms.items():
                for term, w in table.items():
                    patterns += self._topic_patterns(t.topic_id, lang, term, w)
        for kind, lists in ((TECH, taxonomy.tech_context), (AI, taxonomy.ai_context)):
            for lang, words in lists.items():
                patterns += [_pattern(kind, "", w, _is_acronym(w), language=lang) for w in words]

        by_key: defaultdict[str, list[_Pattern]] = defaultdict(list)
        for p in patterns:
            by_key[" " + _words_only(normalize_apostrophes(p.text)).strip() + " "].append(p)
        self._automaton = ahocorasick.Automaton()
        for key, plist in by_key.items():
            # (key length, whether the key holds several words, (pattern, its kind, the exact text a
            # hit must equal or None when case does not matter) per pattern): read per hit.
            entries = tuple((p, p.kind, p.exact if p.cased else None) for p in plist)
            # A key whose patterns are all later parts of terms with gaps (common words: "en", "ein", "mit")
            # can only be kept after the part before one of them: those (term, part) pairs, else None.
            needs = (
                frozenset((p.gap_term, p.part - 1) for p in plist)
                if all(p.kind == GAP_PART and p.part for p in plist)
                else None
            )
            self._automaton.add_word(key, (len(key), " " in key[1:-1], entries, needs))
        self._automaton.make_automaton()
        self.pattern_count = len(patterns)

    def _topic_patterns(self, topic_id: str, language: str, term: str, weight: float) -> list[_Pattern]:
        """A topic term's patterns: one per form ("a|b"), or the parts of a term with gaps."""
        key = fold(normalize_apostrophes(term))
        if GAP not in term:
            return [
                _pattern(TOPIC, topic_id, form, _is_acronym(form), language, weight, key)
                for form in term.split(ALTERNATIVE)
            ]
        closes_clause = term.endswith(".")
        whole = _pattern(TOPIC, topic_id, term, False, language, weight, key)
        gap_term = len(self._gap_terms)
        self._gap_terms.append(_GapTerm(whole, term.count(GAP) + 1, closes_clause))
        return [
            replace(
                _pattern(GAP_PART, topic_id, form, _is_acronym(form), language, weight),
                gap_term=gap_term,
                part=n,
            )
            for n, segment in enumerate(term.removesuffix(".").split(GAP))
            for form in segment.split(ALTERNATIVE)
        ]

    @property
    def version(self) -> str:
        """What decides the tags: the taxonomy file's digest, plus the topic model's if one is used."""
        digest = self.taxonomy.digest
        return f"{digest}+{self.topic_model.fingerprint}" if self.topic_model is not None else digest

    @classmethod
    def from_settings(cls, taxonomy: Taxonomy, settings: Settings) -> Tagger:
        return cls(
            taxonomy,
            topic_threshold=settings.topic_threshold,
            topic_relative=settings.topic_relative,
            max_topics=settings.max_topics,
            relevance_threshold=settings.relevance_threshold,
            topic_model=load_topic_model(settings.topic_model, taxonomy),
            topic_probability=settings.topic_probability,
        )

    def _find_into(self, text: str, field: str, groups: defaultdict[str, list[Hit]]) -> None:
        """Append the hits in ``text`` to ``groups``, one list per pattern kind."""
        if not text:
            return
        text = normalize_apostrophes(text)  # same length
        # Every non-word character becomes a space and the automaton's keys are padded with
        # spaces, so a hit is word-bounded by construction and "ia" inside "media" is never
        # even reported: no per-hit boundary checks.
        spaced = " " + _words_only(text) + " "
        parts: list[Hit] = []
        # (term with gaps, part) -> where the first part of that rank that could be in a match ends.
        # A later part is kept only after the part before it ("... ein" needs a "sammelt" before it):
        # most gap parts are common words ("ein", "sich", "mit"; ~35 of 43 per German article)
        # that _join_gaps could never use, as it takes each part after the end of the one before.
        reachable: dict[tuple[int, int], int] = {}
        for end_idx, (length, several_words, entries, needs) in self._automaton.iter(spaced):
            # Every pattern of the key would be skipped below (no part before it seen yet): skip the hit.
            if needs is not None and reachable.keys().isdisjoint(needs):
                continue
            start = end_idx - length + 1  # the padding space before the key is text[start - 1]
            end = start + length - 2
            matched = text[start:end]
            # A line break is a paragraph's end, not a space: no phrase runs across one ("grid
            # stability\nAI's appetite" is not "Stability AI", a caption and a subhead).
            # "Stability\u00a0AI" and tabs still match, as any other space.
            if several_words and ("\n" in matched or "\r" in matched):
                continue
            for p, kind, exact in entries:
                if exact is None or matched == exact:
                    if kind == GAP_PART:
                        # The automaton reports hits by where they end, so a part before this one
                        # that ends before it starts has been seen already.
                        before = reachable.get((p.gap_term, p.part - 1))
                        if p.part and (before is None or before > start):
                            continue
                        reachable.setdefault((p.gap_term, p.part), end)
                    # tuple.__new__: a Hit without the Python-level __new__ of a NamedTuple (a frame per hit).
                    hit = _new_tuple(Hit, (p, field, start, end, matched))
                    (parts if kind == GAP_PART else groups[kind]).append(hit)
        if parts:
            groups[TOPIC] += self._join_gaps(parts, text, field)

    def _join_gaps(self, parts: list[Hit], text: str, field: str) -> list[Hit]:
        """Complete matches of terms with gaps: every part in order, in one clause.

        A match spans the first part only (so it overlaps other terms as that word would),
        and each last part completes one match at most.
        """
        by_term: defaultdict[int, list[list[Hit]]] = defaultdict(list)
        for h in sorted(parts, key=lambda h: h.start):
            found = by_term[h.pattern.gap_term]
            found.extend([] for _ in range(h.pattern.part + 1 - len(found)))
            found[h.pattern.part].append(h)

        def in_clause(before: Hit, after: Hit) -> bool:
            # The cheapest test first, then the clause's break (searched in place: no lookbehind in it, and
            # its lookahead stops at endpos as at the end of a slice), then the words (at most GAP_WORDS + 1
            # split off: there are more than GAP_WORDS words exactly when that makes more than GAP_WORDS).
            return (
                after.start >= before.end
                and _CLAUSE_BREAK.search(text, before.end, after.start) is None
                and len(text[before.end : after.start].split(None, GAP_WORDS)) <= GAP_WORDS
            )

        joined: list[Hit] = []
        for gap_term, found in by_term.items():
            term = self._gap_terms[gap_term]
            if len(found) < term.parts or not all(found):
                continue
            used: set[int] = set()
            for head in found[0]:
                last: Hit | None = head
                for n in range(1, term.parts):
                    final = n == term.parts - 1
                    last = next(
                        (
                            h
                            for h in found[n]
                            if last is not None
                            and in_clause(last, h)
                            and not (final and h.start in used)
                            and not (final and term.closes_clause and not _CLAUSE_END.match(text, h.end))
                        ),
                        None,
                    )
                    if last is None:
                        break
                if last is not None and last is not head:
                    used.add(last.start)
                    joined.append(Hit(term.pattern, field, head.start, head.end, text[head.start : last.end]))
        return joined

    def tag(self, title: str | None, text: str | None, language: str | None = None) -> Tags:
        """Companies (with evidence and salience) and topics (with scores) for one article."""
        return self._tag(title, text, language, None)

    def explain(
        self, title: str | None, text: str | None, language: str | None = None
    ) -> tuple[Tags, Explanation]:
        """``tag`` plus the evidence behind every tag (``mediamon tag --explain``)."""
        why = Explanation()
        return self._tag(title, text, language, why), why

    def vocabulary_evidence(
        self, title: str | None, text: str | None, language: str | None
    ) -> tuple[dict[str, float], dict[str, list[list[object]]]]:
        """Every topic's vocabulary score and the terms behind it (what the topic model reads)."""
        body, _ = mask_boilerplate(text or "")
        hits: defaultdict[str, list[Hit]] = defaultdict(list)
        self._find_into(title or "", "title", hits)
        self._find_into(body, "text", hits)
        langs = {language, "en"} if language else None
        return self._topic_scores(hits, langs, lead_span(body, title or ""))

    def _tag(
        self, title: str | None, text: str | None, language: str | None, why: Explanation | None
    ) -> Tags:
        title = title or ""
        raw_text = text or ""
        body, zones = mask_boilerplate(raw_text)
        if why is not None:
            why.masked = [{"kind": k, "text": raw_text[s:e].strip()} for k, s, e in zones]
        hits: defaultdict[str, list[Hit]] = defaultdict(list)
        self._find_into(title, "title", hits)
        self._find_into(body, "text", hits)
        lead = lead_span(body, title)

        langs = {language, "en"} if language else None  # other languages borrow English terms
        # Overlapping context words count once ("generative AI" is not also "AI").
        tech_terms = {h.pattern.key for h in _longest(hits[TECH])}
        ai_terms = {h.pattern.key for h in _longest(hits[AI])}

        has_tech = bool(tech_terms or ai_terms)
        mentions = self._company_mentions(hits, title, body, lead, has_tech, language, why)
        companies = self._company_tags(mentions, len(body))
        company_ids = {c.company_id for c in companies}

        topic_scores, topic_terms = self._topic_scores(hits, langs, lead)
        relevance = self._relevance(ai_terms, tech_terms, company_ids, topic_scores)
        if why is not None:
            why.relevance = {
                "score": relevance,
                "ai_terms": sorted(ai_terms),
                "tech_terms": sorted(tech_terms),
                "companies": sorted(company_ids),
            }
        relevant = relevance >= self.relevance_threshold
        topics: list[TopicTag] = []
        # Topics are AI-industry topics: an article that is not about the AI industry (a car
        # recall, a phone review, a recipe) gets none, whatever words it shares with them.
        if relevant:
            # What a story is about by vocabulary: a strong enough score, not far behind the
            # article's main topic, and no more than a few topics; the model adds the others.
            best = max(topic_scores.values(), default=0.0)
            ranked = sorted(topic_scores.items(), key=lambda kv: (-kv[1], kv[0]))
            for tid, score in ranked[: self.max_topics]:
                if score >= self.topic_threshold and score >= self.topic_relative * best:
                    topics.append(TopicTag(tid, round(score, 3)))
                    if why is not None:
                        why.topics[tid] = {
                            "by": "vocabulary",
                            "score": round(score, 3),
                            "terms": topic_terms[tid],
                        }
            if self.topic_model is not None and topic_scores:
                # Secondary topics the scores imply (pipeline/topic_model.py): added to the rule's.
                probs = self.topic_model.probabilities(topic_scores, topic_terms)
                chosen = {t.topic_id for t in topics}
                likely = sorted(probs.items(), key=lambda kv: (-kv[1], kv[0]))[: self.max_topics]
                for tid, p in likely:
                    if p >= self.topic_probability and tid not in chosen:
                        score = topic_scores.get(tid, 0.0)
                        topics.append(TopicTag(tid, round(score, 3)))
                        if why is not None:
                            why.topics[tid] = {"by": "model", "score": round(score, 3),
                                               "terms": topic_terms.get(tid, [])}  # fmt: skip
                if why is not None:
                    for tid, evidence in why.topics.items():
                        evidence["probability"] = round(probs[tid], 3)
        return Tags(
            language=language,
            companies=tuple(companies),
            topics=tuple(topics),
            mentions=tuple(m for m in mentions if m.company_id in company_ids),
            ai_relevance=relevance,
            is_ai_relevant=relevant,
        )

    def _company_mentions(
        self,
        hits: defaultdict[str, list[Hit]],
        title: str,
        body: str,
        lead: tuple[int, int],
        has_tech: bool,
        language: str | None,
        why: Explanation | None,
    ) -> list[Mention]:
        blocked: defaultdict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for h in hits[BLOCKER]:
            if h.pattern.hyphens and not all(h.matched[i] in _HYPHENS for i in h.pattern.hyphens):
                continue  # "meta-question" written, "the Meta question" found
            source = title if h.field == "title" else body
            if h.pattern.relative and _COMMA_BEFORE.search(source, max(0, h.start - 4), h.start):
                continue  # ", die Perplexity mit Antworten erzielt": a relative pronoun, not an article
            if (
                h.pattern.ends_with_name
                and source[h.end : h.end + 1] in _HYPHENS
                and source[h.end + 1 : h.end + 2].isalpha()
            ):
                continue  # "der lange Arm-Chef": the name opens a compound, the idiom ends with the name
            blocked[(h.pattern.target, h.field)].append((h.start, h.end))
        context = {h.pattern.target for h in hits[COMPANY_CONTEXT]}
        ordinary_forms = {h.pattern.target for h in hits[ORDINARY]}
        suffix_starts = {(h.field, h.start) for h in hits[SUFFIX]}
        sources = {"title": normalize_apostrophes(title), "text": normalize_apostrophes(body)}
        # A name that is also a common noun ("Copilot", "Dojo"), in an article with words of the noun's
        # sense ("Cockpit", "Karate") that uses it as a noun ("als Copilot", "ins Dojo"): not tech enough.
        noun_names: set[tuple[str, str]] = set()
        for h in hits[NOUN_SENSE]:
            if (h.pattern.target, h.pattern.key) not in noun_names and any(
                used_as_common_noun(s, h.pattern.key) for s in sources.values()
            ):
                noun_names.add((h.pattern.target, h.pattern.key))
        # ... or uses it as a noun beside its counterpart in one sentence ("der Copilot, der dem Piloten
        # ..."), whatever the rest of the article says.
        for h in hits[NAME]:
            if (
                (h.pattern.target, h.pattern.text) in self._common_nouns
                and (h.pattern.target, h.pattern.text) not in noun_names
                and beside_its_counterpart(sources[h.field], h.start, h.end)
            ):
                noun_names.add((h.pattern.target, h.pattern.text))
        # Platforms named to say where a product runs, and names used as a type: not mentions.
        listed: set[tuple[str, int, int]] = set()
        for fld, source in sources.items():
            platforms = [
                PlatformHit(h.start, h.end, h.pattern.target, h.pattern.kind == STREAMING)
                for h in hits[PLATFORM] + hits[STREAMING]
                if h.field == fld
            ]
            if platforms:
                listed |= {(fld, s, e) for s, e in availability_listed(source, platforms)}

        # Whether a field has a word for an emoji or an emoji (names_an_emoji, a scan of the whole
        # field): asked only for a name that passes emoji_name's tests at the name itself (few do;
        # they cost less than the scan), once per field.
        emoji_words: dict[str, bool] = {}

        def has_emoji_words(fld: str) -> bool:
            if fld not in emoji_words:
                emoji_words[fld] = names_an_emoji(sources[fld])
            return emoji_words[fld]

        def not_a_mention(h: Hit) -> str | None:
            # Inside a listed platform too: "Google" in "available on the App Store and Google Play".
            if listed and any(f == h.field and s <= h.start and h.end <= e for f, s, e in listed):
                return "platform in an availability list"
            if figure_of_speech(
                sources[h.field], h.start, h.end, language, self._companies[h.pattern.target].countries, False
            ):
                return "figure of speech"
            if emoji_name(sources[h.field], h.start, h.end) and has_emoji_words(h.field):
                return "an emoji's name"
            if h.pattern.kind == PRODUCT and opens_a_count(sources[h.field], h.start, h.end, language):
                return "a word and the first number of a count"
            # A gated name is asked before, with bridges (names_a_structure, and the name is then doubtful
            # elsewhere); another name of a company in a building's name ("la Salesforce Tower") is that
            # building, and its other mentions count.
            if (
                h.pattern.kind == ALIAS
                or (h.pattern.kind == NAME and not self._companies[h.pattern.target].ambiguous)
            ) and names_a_building(sources[h.field], h.start, h.end):
                return _STRUCTURE
            return None

        def in_blocker(h: Hit) -> bool:
            spans = blocked.get((h.pattern.target, h.field))
            if not spans:
                return False
            return any(s <= h.start and h.end <= e for s, e in spans)

        # Any alias or product anchors a `cased` name, even one that is not itself a mention: a
        # browser "available for macOS" makes "Apple" in the same article the company. Not one inside a
        # blocker, which is another thing's name ("den britischen Ford Model Y" is no Tesla), nor a product
        # that begins with a person's first name (below). Built when a gated name first asks.
        anchor_set: list[set[str]] = []

        def anchors() -> set[str]:
            if not anchor_set:
                anchor_set.append(
                    {
                        h.pattern.target
                        for h in hits[ALIAS] + hits[PRODUCT]
                        if not (blocked and in_blocker(h))
                        and not (person_products and (h.pattern.target, h.pattern.key) in person_products)
                    }
                )
            return anchor_set[0]

        # The same word in lower case elsewhere ("the apples", "low perplexity") means the
        # capitalised one may be the ordinary word at a sentence start.
        lower_seen: dict[str, bool] = {}

        def used_in_lower_case(name: str) -> bool:
            if name not in lower_seen:
                word = name.lower()
                lower_seen[name] = _has_word(title, word) or _has_word(body, word)
            return lower_seen[name]

        company_hits = hits[ALIAS] + hits[PRODUCT] + hits[NAME]
        # A name the article also uses in a blocked, ordinary sense ("the Amazon basin") is
        # doubtful everywhere in that article.
        blocked_names = (
            {(x.pattern.target, x.pattern.key) for x in company_hits if in_blocker(x)} if blocked else set()
        )
        # A gated name given with a person's age ("Alexa, 15,", "Alexa tiene 27 años"), a home town
        # ("Alexa from Leeds", "Claude, de Lyon,") or asking a question ("Alexa asks:") is a person,
        # and the same name is doubtful elsewhere in the article, like a blocked one.
        name_starts: dict[str, set[int]] = {}

        def names_in(fld: str) -> set[int]:
            """Where company names start in a field (built when first needed)."""
            if fld not in name_starts:
                name_starts[fld] = {y.start for y in company_hits if y.field == fld}
            return name_starts[fld]

        persons: dict[tuple[str, int], tuple[str, str]] = {}
        person_why: dict[tuple[str, int], str] = {}
        # Whether the article reports a horse race (a word of RACING_WORDS, its accents as written).
        racing = any(racing_word(h.matched) for h in hits[RACING])

        for x in hits[NAME]:
            if not self._companies[x.pattern.target].ambiguous:
                continue
            source = sources[x.field]
            if person_with_age(source, x.start, x.end):
                person_why[(x.field, x.start)] = "a person, with an age"
            elif (
                (cue := person_cue(source, x.start, x.end)) is not None
                and (cue < 0 or cue not in names_in(x.field))
                # "der Chipdesigner Arm aus Cambridge": a company from there, not a person (a first name
                # may be a person's with any noun before it: "der Entwickler Alexa aus Köln").
                and (
                    x.matched in self._first_names
                    or named_as_company(source, x.start, x.end, language) is None
                )
            ):
                person_why[(x.field, x.start)] = "a person, with a home town or a question"
            elif (named := person_with_first_name(source, x.start, x.end)) is not None and not any(
                y.field == x.field and y.start <= named < y.end for y in company_hits
            ):
                person_why[(x.field, x.start)] = "a person, with a first name, saying or given a role"
            elif names_a_structure(source, x.start, x.end):
                person_why[(x.field, x.start)] = _STRUCTURE
            elif first_name_with_role(source, x.start, x.end, self._first_names):
                person_why[(x.field, x.start)] = "a person, with a first name given a role"
            elif named_after_a_person(source, x.start, x.end):
                person_why[(x.field, x.start)] = "a thing named after a person of that name"
            elif (kind := other_place_or_thing(source, x.start, x.end, language)) is not None:
                person_why[(x.field, x.start)] = _OTHER_SENSES[kind]
            elif another_company_named(
                source, x.start, x.end, language, self._companies[x.pattern.target].countries
            ):
                person_why[(x.field, x.start)] = "another company of that name, from elsewhere"
            elif (
                racing
                and (word := racehorse_cue(source, x.start, x.end)) is not None
                and (word < 0 or word not in names_in(x.field))
                # Not the start of a longer name of a company: "Oracle Cloud" is the product.
                and not any(y.field == x.field and y.start == x.start and y.end > x.end for y in company_hits)
            ):
                person_why[(x.field, x.start)] = "a racehorse"
            else:
                continue
            persons[(x.field, x.start)] = (x.pattern.target, x.pattern.key)
        blocked_names |= set(persons.values())
        # A name right after a noun for an animal or a fictional character, or in apposition before one
        # ("su perra, Grok", "the rabbit Bing", "Sora, el joven protagonista de ..."), names that being, as
        # does one in apposition before a noun for a thing or a place ("ERNIE, la machine à tirer ...",
        # "Dojo, el espacio maker del campus");
        # the same name elsewhere in the article needs a company's evidence (not AI/tech words, which a
        # story about a tech writer's dog or a video game has).
        beings: dict[tuple[str, int], tuple[str, str]] = {}
        for x in hits[NAME] + hits[PRODUCT]:
            span = names_a_being(sources[x.field], x.start, x.end, language)
            if span is not None and not any(span[0] <= y < span[1] for y in names_in(x.field)):
                beings[(x.field, x.start)] = (x.pattern.target, x.pattern.key)
        # A product or another name of a company that a race report gives a horse ("Result: 1 Nano Banana
        # (9-1)", "Grok no dejó dudas. El potrillo alazán ..."), like a gated one above: an animal's name, and
        # the same name elsewhere in the article needs a company's evidence.
        horses: set[tuple[str, int]] = set()
        for x in hits[PRODUCT] + hits[ALIAS] if racing else ():
            if (
                (x.field, x.start) not in beings
                and racehorse_cue(sources[x.field], x.start, x.end, compound=False) is not None
                and not any(y.field == x.field and y.start == x.start and y.end > x.end for y in company_hits)
            ):
                beings[(x.field, x.start)] = (x.pattern.target, x.pattern.key)
                horses.add((x.field, x.start))
        being_names = set(beings.values())
        blocked_names |= being_names
        # A name that names a local business or a colour ("der Imbiss Alibaba", "the colourway Azure/Volt",
        # pipeline/name_use.py) is that business or colour, and like a being's name the same name elsewhere in
        # the article ("Bei Alibaba gibt es Falafel", "the Azure pair") needs a company's evidence: another of
        # its names, a context word, a suffix; not AI/tech words.
        otherwise = {
            (x.field, x.start): (x.pattern.target, x.pattern.key)
            for x in company_hits
            if named_otherwise(sources[x.field], x.start, x.end, language)
        }
        otherwise_names = set(otherwise.values())
        blocked_names |= otherwise_names
        # A product that begins with a first name ("Claude Haiku"), in an article that gives a person that
        # first name ("Claude Mercier": a capitalised surname that is no company's name), needs the
        # company's evidence: another of its names, a context word other than the first name.
        first_names: set[str] = set()
        for x in hits[PRODUCT]:
            if (
                first := first_name_of(x.pattern.text, self._first_names)
            ) is not None and first not in first_names:
                for fld, source in sources.items():
                    spans = [(y.start, y.end) for y in company_hits if y.field == fld]
                    # The surname must be no company's name, nor part of one ("Claude Haiku").
                    if any(not any(s <= n < e for s, e in spans) for _, n in persons_named(source, first)):
                        first_names.add(first)
                        break
        person_products = (
            {
                (x.pattern.target, x.pattern.key)
                for x in hits[PRODUCT]
                if first_name_of(x.pattern.text, self._first_names) in first_names
            }
            if first_names
            else set()
        )
        blocked_names |= person_products
        # A product that begins with a word the article gives to a programme ("Gemini 3" beside "NASA's
        # Gemini programme") needs the company's evidence, like a blocked name; the word as a context word
        # is the programme's, no evidence.
        product_firsts = {x.pattern.text.split(" ", 1)[0] for x in hits[PRODUCT] if " " in x.pattern.text}
        programmes = (
            {w for source in sources.values() for w in programme_words(source, product_firsts)}
            if product_firsts
            else set()
        )
        if programmes:
            blocked_names |= {
                (x.pattern.target, x.pattern.key)
                for x in hits[PRODUCT]
                if " " in x.pattern.text and x.pattern.text.split(" ", 1)[0] in programmes
            }
        # (Such products anchor no gated name either: "Alexa Plus" for "Alexa Brandt", in anchors().)
        context_beyond_first_names = (
            {h.pattern.target for h in hits[COMPANY_CONTEXT] if h.matched not in first_names | programmes}
            if first_names or programmes
            else context
        )
        # A `cased` name introduced as a term ("die sogenannte Perplexity", "Perplexity – zu Deutsch
        # Perplexität", "la llamada Perplexity") is the term, and the same name is doubtful elsewhere
        # in the article, like a blocked one.
        terms = {
            (x.field, x.start): (x.pattern.target, x.pattern.key)
            for x in hits[NAME]
            if named_as_term(sources[x.field], x.start, x.end)
        }
        blocked_names |= set(terms.values())
        defined = self._acronyms_defined(company_hits, sources)

        def ordinary_case(h: Hit) -> bool:
            """A capitalised name where any word is capitalised (a sentence start, a Title Case
            headline), or an ALL-CAPS form of a name the company writes otherwise, anywhere (all caps
            says nothing of case: "its Unicode name is HUGGING FACE"), in an article that also writes
            the word in lower case ("Anthropic reasoning ..." and "the anthropic principle"): it may
            be the ordinary word."""
            return (
                _sentence_initial(sources[h.field], h.start)
                or (h.field == "title" and _title_case(title))
                or (h.matched.isupper() and (h.pattern.target, h.pattern.key) in self._capitals)
            ) and used_in_lower_case(h.matched)

        def anchored(h: Hit) -> bool:
            """Another name of the company that is not doubtful in this article (an alias or product
            outside a blocker) confirms a doubtful one."""
            return any(
                x.pattern.target == h.pattern.target
                and x.pattern.key != h.pattern.key
                and (x.pattern.target, x.pattern.key) not in blocked_names
                for x in (*hits[ALIAS], *hits[PRODUCT])
            )

        def doubt(h: Hit, company: Company) -> tuple[str, bool] | None:
            """Why a name that counts on its own (an alias, a product, a `cased` name of a company that
            is not ambiguous) needs evidence in this article, and whether AI/tech words are enough.

            - A `cased` name that is an ordinary word in lower case ("Anthropic") at a sentence start
              or in a Title Case headline, in an article that writes the word in lower case: tech
              words are not enough (a cosmology article may have them).
            - A name the article also uses inside one of the company's blockers ("Samsung" and the
              "Samsung Lions"): the same name elsewhere may be the club, the river, the other
              company of the group."""
            if h.pattern.kind == NAME and ordinary_case(h):
                return "a capitalised ordinary word (lower case elsewhere), no evidence", False
            if being_names and (company.company_id, h.pattern.key) in being_names:
                return "also the name of an animal, a character or a thing, no evidence", False
            if otherwise_names and (company.company_id, h.pattern.key) in otherwise_names:
                return "also the name of a local business or a colour, no evidence", False
            if person_products and (company.company_id, h.pattern.key) in person_products:
                return "begins with a first name a person has in this article, no evidence", False
            if blocked_names and (company.company_id, h.pattern.key) in blocked_names:
                return "also used in a blocker phrase, no evidence", True
            return None

        def said_to_be_company(h: Hit) -> str | None:
            """A noun for the company's trade before the name ("the chip designer Arm"), a role at it
            ("chief designer of Apple") or, after a `cased` name, a computer's model number ("ein Apple II"
            beside "Heimcomputer"; a product's version is no such evidence): evidence of the `context` kind
            for this mention. Not a first name ("the developer Alexa" may be a person)."""
            if h.matched in self._first_names:
                return None
            source = sources[h.field]
            if (said := named_as_company(source, h.start, h.end, language)) is not None:
                return said
            return computer_model(source, h.start, h.end) if h.pattern.kind == NAME else None

        def followed_by_suffix(h: Hit) -> bool:
            source = title if h.field == "title" else body
            i = h.end
            while i < len(source) and source[i] in " ,":
                i += 1
            return (h.field, i) in suffix_starts and i > h.end

        def rejected_because(h: Hit, cid: str) -> str | None:
            """Why this use of a name is not the company (None: it may be), whatever the evidence."""
            if blocked and in_blocker(h):
                return "inside a blocker phrase"
            if (h.field, h.start) in persons:
                return person_why[(h.field, h.start)]
            if (h.field, h.start) in beings:
                return "a racehorse" if (h.field, h.start) in horses else "an animal, a character or a thing"
            if (h.field, h.start) in otherwise:
                return "a local business or a colour"
            if defined and (cid, _acronym(h.matched)) in defined:
                return "an acronym the article defines as something else"
            if (h.field, h.start) in terms:
                return "a term (so-called, or glossed)"
            return not_a_mention(h)

        accepted: list[Hit] = []
        pending: list[Hit] = []  # ambiguous names with no evidence yet: a list may give it
        pending_why: dict[tuple[str, int], str] = {}  # a doubtful name's reason, when not ambiguity
        for h in _longest(company_hits):
            company = self._companies[h.pattern.target]
            cid = company.company_id
            if (use := rejected_because(h, cid)) is not None:
                if why is not None:
                    why.rejected.append({"company": cid, "text": h.matched, "why": use})
                continue
            gated = h.pattern.kind == NAME and company.ambiguous
            # A code that is also a road number ("an der B300") takes fewer kinds (`name_evidence`).
            kinds = company.evidence_for(h.pattern.text) if h.pattern.kind == NAME else company.evidence
            doubtful = None if gated or (h.pattern.kind != NAME and not blocked_names) else doubt(h, company)
            if doubtful is not None:
                doubt_why, tech_enough = doubtful
                evidence = []
                if "suffix" in kinds and followed_by_suffix(h):
                    evidence.append("suffix")
                if "anchor" in kinds and anchored(h):
                    evidence.append("anchor")
                if "context" in kinds and cid in context_beyond_first_names:
                    evidence.append("context")
                if tech_enough and not evidence and "tech" in kinds and has_tech:
                    evidence.append("tech")
                # Asked last: the other kinds are cheaper, and enough for most names.
                if not evidence and "context" in kinds and (said := said_to_be_company(h)):
                    evidence.append(said)
                if not evidence:
                    if "list" in kinds:
                        pending.append(h)
                        pending_why[(h.field, h.start)] = doubt_why
                    elif why is not None:
                        why.rejected.append({"company": cid, "text": h.matched, "why": doubt_why})
                    continue
                reason = "doubtful name; evidence: " + ", ".join(evidence)
            elif gated:
                evidence = []
                if "suffix" in kinds and followed_by_suffix(h):
                    evidence.append("suffix")
                if "anchor" in kinds and cid in anchors():
                    evidence.append("anchor")
                if "context" in kinds and cid in context:
                    evidence.append("context")
                if not evidence and "tech" in kinds and has_tech:
                    # Generic tech context is the weakest evidence: not enough when the article
                    # also uses the name as an ordinary word.
                    source = title if h.field == "title" else body
                    ordinary = (
                        (cid, h.pattern.key) in blocked_names
                        or cid in ordinary_forms  # "Copiloten" elsewhere: "Der Copilot" is one too
                        or (cid, h.pattern.text) in noun_names  # "als Copilot" beside "Cockpit"
                        or ordinary_case(h)
                        or _followed_by_name(source, h.end)  # "Alexa Rodríguez": a person
                    )
                    if not ordinary:
                        evidence.append("tech")
                if not evidence and "context" in kinds and (said := said_to_be_company(h)):
                    evidence.append(said)
                if not evidence:
                    if "list" in kinds:
                        pending.append(h)
                    elif why is not None:
                        why.rejected.append(
                            {"company": cid, "text": h.matched, "why": "ambiguous name, no evidence"}
                        )
                    continue
                reason = "ambiguous name; evidence: " + ", ".join(evidence)
            else:
                reason = h.pattern.kind  # its kind says why: "alias", "product" or "name"
            accepted.append(h)
            if why is not None:
                why.companies.setdefault(cid, []).append(
                    {"text": h.matched, "field": h.field, "start": h.start, "end": h.end, "why": reason}
                )
        if pending:
            # Named in a list with another company's mention, accepted on its own: "existing
            # backers Amazon and Google", "Apple, Microsoft et Meta", "Amazon und Google".
            in_list = _listed_with_others(accepted, pending, sources)
            for h in pending:
                if (h.field, h.start) in in_list:
                    accepted.append(h)
                    if why is not None:
                        why.companies.setdefault(h.pattern.target, []).append(
                            {"text": h.matched, "field": h.field, "start": h.start, "end": h.end,
                             "why": "ambiguous name; evidence: list"}
                        )  # fmt: skip
                elif why is not None:
                    reason = pending_why.get((h.field, h.start), "ambiguous name, no evidence")
                    why.rejected.append({"company": h.pattern.target, "text": h.matched, "why": reason})
            accepted.sort(key=lambda h: (h.field, h.start))

        # A company named only as the source of a fact ("according to LinkedIn", "selon
        # Bloomberg") is credited, not written about: no tag.
        def credited(h: Hit) -> bool:
            return h.field == "text" and source_credit(body, h.start, h.end)

        by_company: defaultdict[str, list[Hit]] = defaultdict(list)
        for h in accepted:
            by_company[h.pattern.target].append(h)
        for cid, company_hits_ in by_company.items():
            if all(credited(h) for h in company_hits_):
                accepted = [h for h in accepted if h.pattern.target != cid]
                if why is not None:
                    why.companies.pop(cid, None)
                    why.rejected += [
                        {"company": cid, "text": h.matched, "why": "named only as a source"}
                        for h in company_hits_
                    ]
        # Positional arguments (company_id, field, start, end, matched, kind, in_lead): a third
        # cheaper than keywords for a frozen dataclass, with dozens of mentions in some articles.
        return [
            Mention(h.pattern.target, h.field, h.start, h.end, h.matched, h.pattern.kind,
                    h.field == "text" and lead[0] <= h.start < lead[1])
            for h in accepted
        ]  # fmt: skip

    @staticmethod
    def _acronyms_defined(company_hits: list[Hit], sources: dict[str, str]) -> set[tuple[str, str]]:
        """(company, acronym) for each company name that is an acronym the article defines as something
        else ("inclusion body myositis, or IBM"), not as the company's own name ("Advanced Micro Devices
        (AMD)": a name of the company stands in the long form). See pipeline/name_use.py."""
        definitions: defaultdict[tuple[str, str], list[tuple[str, int, int]]] = defaultdict(list)
        for h in company_hits:
            if not (h.pattern.acronym and defined_nearby(sources[h.field], h.start, h.end)):
                continue
            acronym = _acronym(h.matched)
            if acronym and (span := acronym_definition(sources[h.field], h.start, h.start + len(acronym))):
                definitions[(h.pattern.target, acronym)].append((h.field, *span))
        return {
            key
            for key, spans in definitions.items()
            if not any(
                o.pattern.target == key[0] and o.field == fld and s <= o.start and o.end <= e
                for fld, s, e in spans
                for o in company_hits
            )
        }

    @staticmethod
    def _company_tags(mentions: list[Mention], body_len: int) -> list[CompanyTag]:
        by_company: defaultdict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            by_company[m.company_id].append(m)
        tags = []
        for cid, ms in by_company.items():
            # One pass over the company's mentions (they are in the title or in the text).
            in_title = in_lead = False
            body_count, first = 0, 0
            for m in ms:
                in_lead = in_lead or m.in_lead
                if m.field == "title":
                    in_title = True
                else:
                    first = m.start if body_count == 0 else min(first, m.start)
                    body_count += 1
            count = max(body_count, 1)
            position = 1.0 - first / body_len if body_len and body_count else (1.0 if in_title else 0.0)
            # Salience in [0, 1]: headline, lead, how often, how early.
            salience = 0.35 * in_title + 0.25 * in_lead + 0.25 * min(count, 5) / 5 + 0.15 * position
            tags.append(CompanyTag(cid, count, in_title, in_lead, round(salience, 3)))
        tags.sort(key=lambda t: (-t.salience, -t.mentions, t.company_id))
        return tags

    def _topic_scores(
        self, hits: defaultdict[str, list[Hit]], langs: set[str] | None, lead: tuple[int, int]
    ) -> tuple[dict[str, float], dict[str, list[list[object]]]]:
        counts: defaultdict[tuple[str, str], float] = defaultdict(float)
        weights: dict[tuple[str, str], float] = {}
        topic_hits = [h for h in hits[TOPIC] if langs is None or h.pattern.language in langs]
        # The zones' weights read once per article, not per hit (the same values, added in the same order).
        title_weight, lead_weight, body_weight = (
            ZONE_WEIGHTS["title"],
            ZONE_WEIGHTS["lead"],
            ZONE_WEIGHTS["body"],
        )
        lead_start, lead_end = lead
        for h in _longest(topic_hits, per_target=True):
            p = h.pattern
            key = (p.target, p.key)
            if h.field == "title":
                counts[key] += title_weight
            else:
                counts[key] += lead_weight if lead_start <= h.start < lead_end else body_weight
            weights[key] = max(weights.get(key, 0.0), p.weight)
        scores: defaultdict[str, float] = defaultdict(float)
        terms: defaultdict[str, list[list[object]]] = defaultdict(list)
        for (tid, term), count in counts.items():
            # Repeats add a little (log): one stray word repeated is still one stray word.
            scores[tid] += weights[(tid, term)] * (1 + 0.5 * math.log2(count))
            terms[tid].append([term, count, weights[(tid, term)]])
        return dict(scores), dict(terms)

    @staticmethod
    def _relevance(
        ai_terms: set[str], tech_terms: set[str], companies: set[str], topics: dict[str, float]
    ) -> float:
        """How much the article is about the AI industry, in [0, 1]."""
        points = (
            min(2.0 * len(ai_terms), 6.0)
            + min(1.0 * len(tech_terms), 3.0)
            + min(1.5 * len(companies), 3.0)
            + min(1.0 * sum(1 for s in topics.values() if s >= 3.0), 2.0)
        )
        return round(min(points / 6.0, 1.0), 3)


# What joins two names of one list: a comma, "and"/"or" and their French, German and Spanish
# forms, "&" ("Amazon and Google", "Apple, Microsoft et Meta", "Amazon und Google", "Amazon y Google").
_LIST_JOIN = re.compile(
    r"\s*(?:,\s*(?:(?:and|or|et|ou|und|oder|sowie|y|e|o|u)\s+)?|&\s*|"
    r"\s(?:and|or|et|ou|und|oder|sowie|y|e|o|u|as\s+well\s+as|ainsi\s+que|así\s+como)\s+)",
    re.IGNORECASE,
)
_THE_BEFORE = re.compile(r"(?<!\w)the\s+$", re.IGNORECASE)


def _listed_with_others(
    accepted: list[Hit], pending: list[Hit], sources: dict[str, str]
) -> set[tuple[str, int]]:
    """(field, start) of the pending names that stand in one list with a name of another company
    accepted on its own. Not "the Amazon and Google Earth" (the river takes an article), not a
    person ("Alexa Rodríguez, Google's ...")."""
    waiting = {(h.field, h.start) for h in pending}
    lists: list[list[Hit]] = []
    for h in sorted(accepted + pending, key=lambda h: (h.field, h.start)):
        last = lists[-1][-1] if lists else None
        if (
            last is not None
            and last.field == h.field
            and h.start >= last.end
            and _LIST_JOIN.fullmatch(sources[h.field], last.end, h.start)
        ):
            lists[-1].append(h)
        else:
            lists.append([h])
    found: set[tuple[str, int]] = set()
    for names in lists:
        for h in names:
            source = sources[h.field]
            if (
                (h.field, h.start) in waiting
                and any(
                    (o.field, o.start) not in waiting and o.pattern.target != h.pattern.target for o in names
                )
                and not _followed_by_name(source, h.end)
                and _THE_BEFORE.search(source, max(0, h.start - 5), h.start) is None
            ):
                found.add((h.field, h.start))
    return found


def _acronym(name: str) -> str:
    """The acronym a name is, with a German genitive -s ("IBMs" -> "IBM"), or "" ("Apple", "xAI")."""
    core = name[:-1] if name.endswith("s") else name
    return core if len(core) >= 2 and core.isalnum() and core.isupper() else ""


def _longest(hits: Iterable[Hit], per_target: bool = False) -> list[Hit]:
    """Leftmost-longest non-overlapping hits ("Mistral AI" wins over the "Mistral" inside it)."""
    ordered = sorted(hits, key=_longest_key)
    chosen: list[Hit] = []
    last_end: dict[object, int] = {}  # per field, or per (field, target)
    for h in ordered:
        group = (h.field, h.pattern.target) if per_target else h.field
        if h.start >= last_end.get(group, -1):
            chosen.append(h)
            last_end[group] = h.end
    return chosen


def _longest_key(h: Hit) -> tuple[str, int, int]:
    return h[1], h[2], h[2] - h[3]  # field, start, and the longest first


Stamp = tuple[str, int, int] | None
Thresholds = tuple[float, float, int, float, float]
_THRESHOLDS = ("topic_threshold", "topic_relative", "max_topics", "relevance_threshold", "topic_probability")


def tagger_for(settings: Settings) -> Tagger:
    """The tagger of ``settings`` (its taxonomy, topic model and thresholds), built once per
    process for each such combination (whatever the settings' other fields), and again when
    the taxonomy or topic model file changes (a fork server preloads it and outlives edits)."""
    return _tagger(tagger_inputs(settings), settings.taxonomy_file, settings.topic_model)


def file_stamp(path: Path | None) -> Stamp:
    """(path, modification time in ns, size): changes when the file does."""
    if path is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def tagger_inputs(settings: Settings) -> tuple[Stamp, Stamp, Thresholds]:
    """Everything a tagger is built from: its two files (as stamps) and the thresholds."""
    thresholds = (settings.topic_threshold, settings.topic_relative, settings.max_topics,
                  settings.relevance_threshold, settings.topic_probability)  # fmt: skip
    return file_stamp(settings.taxonomy_file), file_stamp(settings.topic_model), thresholds


@lru_cache(maxsize=2)
def _tagger(inputs: tuple[Stamp, Stamp, Thresholds], taxonomy_file: Path, topic_model: Path | None) -> Tagger:
    from pipeline.taxonomy import load_taxonomy

    thresholds = dict(zip(_THRESHOLDS, inputs[2], strict=True))
    settings = Settings(taxonomy_file=taxonomy_file).replace(topic_model=topic_model, **thresholds)
    return Tagger.from_settings(load_taxonomy(taxonomy_file), settings)
