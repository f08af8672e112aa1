"""Stage 3: tag articles with companies and topics from the taxonomy.

One Aho-Corasick automaton holds every alias, product, topic term and context word, so
matching costs one pass over the text whatever the size of the taxonomy. Every hit is then
checked for word boundaries (no "Intel" inside "intelligence") and, where the taxonomy says
so, for exact case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from pipeline.records import CompanyTag, Tags, TopicTag
from pipeline.taxonomy import Taxonomy

_COMPANY, _TOPIC, _CONTEXT = "company", "topic", "context"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})


@dataclass(frozen=True)
class _Pattern:
    kind: str
    target: str  # company id, topic id, or "" for context words
    text: str  # as written in the taxonomy
    cased: bool
    unambiguous: bool = True  # company aliases/products; False for `cased` names
    language: str | None = None
    weight: float = 0.0


@dataclass(frozen=True)
class Match:
    pattern: _Pattern
    start: int
    end: int  # exclusive


def _lower_same_length(text: str) -> str:
    # str.lower() can change the length ("İ" -> "i̇"); offsets must stay valid.
    out = text.lower()
    if len(out) == len(text):
        return out
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


class Tagger:
    """Tags text with the companies and topics of a taxonomy."""

    def __init__(self, taxonomy: Taxonomy, topic_threshold: float = 3.0) -> None:
        self.taxonomy = taxonomy
        self.topic_threshold = topic_threshold
        self._ambiguous = {c.company_id for c in taxonomy.companies if c.ambiguous}
        patterns: list[_Pattern] = []
        for c in taxonomy.companies:
            patterns += [_Pattern(_COMPANY, c.company_id, a, cased=False) for a in c.aliases]
            patterns += [_Pattern(_COMPANY, c.company_id, p, cased=True) for p in c.products]
            patterns += [
                _Pattern(_COMPANY, c.company_id, n, cased=True, unambiguous=not c.ambiguous) for n in c.cased
            ]
        for t in taxonomy.topics:
            for lang, table in t.terms.items():
                patterns += [
                    _Pattern(_TOPIC, t.topic_id, term, _is_acronym(term), language=lang, weight=w)
                    for term, w in table.items()
                ]
        for lang, words in taxonomy.tech_context.items():
            patterns += [_Pattern(_CONTEXT, "", w, _is_acronym(w), language=lang) for w in words]

        by_key: defaultdict[str, list[_Pattern]] = defaultdict(list)
        for p in patterns:
            by_key[_lower_same_length(p.text)].append(p)
        self._automaton = ahocorasick.Automaton()
        for key, plist in by_key.items():
            self._automaton.add_word(key, (len(key), tuple(plist)))
        self._automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """Every boundary- and case-checked hit in ``text``, overlaps included."""
        if not text:
            return []
        # Typographic apostrophes (l’américain) match the taxonomy's ASCII ones; same length.
        text = text.translate(_APOSTROPHES)
        lowered = _lower_same_length(text)
        n = len(text)
        hits: list[Match] = []
        for end_idx, (length, plist) in self._automaton.iter(lowered):
            start, end = end_idx - length + 1, end_idx + 1
            first, last = text[start], text[end - 1]
            if _word_char(first) and start > 0 and _word_char(text[start - 1]):
                continue
            if _word_char(last) and end < n and _word_char(text[end]):
                continue
            hits.extend(Match(p, start, end) for p in plist if not p.cased or text[start:end] == p.text)
        return hits

    def tag(self, title: str | None, text: str | None, language: str | None = None) -> Tags:
        """Companies (with mention counts) and topics (with scores) for one article."""
        title = title or ""
        body = text or ""
        title_hits = self.find(title)
        body_hits = self.find(body)
        all_hits = title_hits + body_hits

        has_context = any(h.pattern.kind == _CONTEXT for h in all_hits)
        anchored = {
            h.pattern.target for h in all_hits if h.pattern.kind == _COMPANY and h.pattern.unambiguous
        }

        def company_ok(h: Match) -> bool:
            p = h.pattern
            if p.kind != _COMPANY:
                return False
            # An ambiguous name ("Apple", "Meta", "Mistral") counts only with evidence.
            return p.unambiguous or has_context or p.target in anchored

        title_companies = {h.pattern.target for h in _longest(filter(company_ok, title_hits))}
        body_counts: defaultdict[str, int] = defaultdict(int)
        for h in _longest(filter(company_ok, body_hits)):
            body_counts[h.pattern.target] += 1
        companies = [
            CompanyTag(cid, max(body_counts.get(cid, 0), 1), cid in title_companies)
            for cid in sorted(title_companies | set(body_counts))
        ]
        companies.sort(key=lambda c: (-c.mentions, c.company_id))

        # Topic vocabulary of the article's language, plus English, which other languages borrow.
        langs = {language, "en"} if language else None
        term_counts: defaultdict[tuple[str, str], int] = defaultdict(int)
        weights: dict[tuple[str, str], float] = {}
        topic_hits = [
            h for h in all_hits if h.pattern.kind == _TOPIC and (langs is None or h.pattern.language in langs)
        ]
        for h in _longest(topic_hits, per_target=True):
            key = (h.pattern.target, _lower_same_length(h.pattern.text))
            term_counts[key] += 1
            weights[key] = max(weights.get(key, 0.0), h.pattern.weight)
        scores: defaultdict[str, float] = defaultdict(float)
        for key, count in term_counts.items():
            # Repeats add a little: one stray word repeated is still one stray word.
            scores[key[0]] += weights[key] * (1 + 0.25 * min(count - 1, 4))
        topics = sorted(
            (TopicTag(tid, round(s, 3)) for tid, s in scores.items() if s >= self.topic_threshold),
            key=lambda t: (-t.score, t.topic_id),
        )
        return Tags(language=language, companies=tuple(companies), topics=tuple(topics))


def _longest(hits: Iterable[Match], per_target: bool = False) -> list[Match]:
    """Leftmost-longest non-overlapping hits ("Mistral AI" wins over the "Mistral" inside it)."""
    ordered = sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))
    chosen: list[Match] = []
    last_end: defaultdict[str, int] = defaultdict(lambda: -1)
    for h in ordered:
        group = h.pattern.target if per_target else ""
        if h.start >= last_end[group]:
            chosen.append(h)
            last_end[group] = h.end
    return chosen
