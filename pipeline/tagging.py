"""Stage 3: tag articles with companies and topics from the taxonomy, with evidence.

One Aho-Corasick automaton holds every alias, product, blocker, context word and topic
term, so matching costs one pass over the text whatever the size of the taxonomy. Each hit
is then checked for word boundaries (no "Intel" inside "intelligence") and, where the
taxonomy says so, exact case. Names that are also ordinary words ("Apple", "Mistral") are
kept only with evidence the taxonomy declares per company: a corporate suffix, another
unambiguous name of the same company, a company context word, or AI/tech context.
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick

from pipeline.boilerplate import mask_boilerplate
from pipeline.config import Settings
from pipeline.records import CompanyTag, Mention, Tags, TopicTag
from pipeline.taxonomy import Taxonomy

# Pattern kinds.
ALIAS, PRODUCT, NAME = "alias", "product", "name"  # company names; NAME = a `cased` name
BLOCKER, COMPANY_CONTEXT, SUFFIX = "blocker", "company_context", "suffix"
TOPIC, TECH, AI = "topic", "tech", "ai"
_COMPANY_KINDS = (ALIAS, PRODUCT, NAME)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})
# Where a topic word stands says how much the story is about it: headline, then lead, then body.
ZONE_WEIGHTS = {"title": 2.0, "lead": 1.5, "body": 1.0}
LEAD_CHARS = 400


@dataclass(frozen=True)
class _Pattern:
    kind: str
    target: str  # company id, topic id, or "" for context words
    text: str  # as written in the taxonomy
    cased: bool
    language: str | None = None
    weight: float = 0.0


@dataclass(frozen=True)
class Hit:
    pattern: _Pattern
    field: str  # title | text
    start: int
    end: int  # exclusive
    matched: str


@dataclass
class Explanation:
    """Why each tag was given (for ``mediamon tag --explain``)."""

    companies: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    rejected: list[dict[str, object]] = field(default_factory=list)
    topics: dict[str, dict[str, object]] = field(default_factory=dict)
    relevance: dict[str, object] = field(default_factory=dict)
    masked: list[dict[str, object]] = field(default_factory=list)


def fold(text: str) -> str:
    """Lower-case and strip accents, one character for one, so offsets stay valid."""
    out = []
    for c in text:
        low = c.lower()
        if len(low) != 1:
            out.append(c)
            continue
        base = unicodedata.normalize("NFD", low)[0]
        out.append(base if base.isalnum() else low)
    return "".join(out)


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


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


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'«“(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:"


class Tagger:
    """Tags title and text with the companies and topics of a taxonomy."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        topic_threshold: float = 3.0,
        topic_relative: float = 0.5,
        max_topics: int = 3,
        relevance_threshold: float = 0.5,
    ) -> None:
        self.taxonomy = taxonomy
        self.topic_threshold = topic_threshold
        self.topic_relative = topic_relative
        self.max_topics = max_topics
        self.relevance_threshold = relevance_threshold
        self._companies = {c.company_id: c for c in taxonomy.companies}
        patterns: list[_Pattern] = []
        for c in taxonomy.companies:
            cid = c.company_id
            patterns += [_Pattern(ALIAS, cid, a, cased=False) for a in c.aliases]
            patterns += [_Pattern(PRODUCT, cid, p, cased=True) for p in c.products]
            patterns += [_Pattern(NAME, cid, n, cased=True) for n in c.cased]
            patterns += [_Pattern(BLOCKER, cid, b, cased=False) for b in c.blockers]
            patterns += [_Pattern(COMPANY_CONTEXT, cid, w, cased=False) for w in c.context]
        patterns += [_Pattern(SUFFIX, "", s, cased=True) for s in taxonomy.company_suffixes]
        for t in taxonomy.topics:
            for lang, table in t.terms.items():
                patterns += [
                    _Pattern(TOPIC, t.topic_id, term, _is_acronym(term), language=lang, weight=w)
                    for term, w in table.items()
                ]
        for kind, lists in ((TECH, taxonomy.tech_context), (AI, taxonomy.ai_context)):
            for lang, words in lists.items():
                patterns += [_Pattern(kind, "", w, _is_acronym(w), language=lang) for w in words]

        by_key: defaultdict[str, list[_Pattern]] = defaultdict(list)
        for p in patterns:
            by_key[fold(p.text.translate(_APOSTROPHES))].append(p)
        self._automaton = ahocorasick.Automaton()
        for key, plist in by_key.items():
            self._automaton.add_word(key, (len(key), tuple(plist)))
        self._automaton.make_automaton()
        self.pattern_count = len(patterns)

    @classmethod
    def from_settings(cls, taxonomy: Taxonomy, settings: Settings) -> Tagger:
        return cls(
            taxonomy,
            topic_threshold=settings.topic_threshold,
            topic_relative=settings.topic_relative,
            max_topics=settings.max_topics,
            relevance_threshold=settings.relevance_threshold,
        )

    def find(self, text: str, field: str = "text") -> list[Hit]:
        """Every boundary- and case-checked hit in ``text``, overlaps included."""
        if not text:
            return []
        text = text.translate(_APOSTROPHES)  # same length
        folded = fold(text)
        n = len(text)
        hits: list[Hit] = []
        for end_idx, (length, plist) in self._automaton.iter(folded):
            start, end = end_idx - length + 1, end_idx + 1
            if _word_char(text[start]) and start > 0 and _word_char(text[start - 1]):
                continue
            if _word_char(text[end - 1]) and end < n and _word_char(text[end]):
                continue
            matched = text[start:end]
            hits.extend(
                Hit(p, field, start, end, matched)
                for p in plist
                if not p.cased or matched == p.text.translate(_APOSTROPHES)
            )
        return hits

    def tag(self, title: str | None, text: str | None, language: str | None = None) -> Tags:
        """Companies (with evidence and salience) and topics (with scores) for one article."""
        return self.explain(title, text, language)[0]

    def explain(
        self, title: str | None, text: str | None, language: str | None = None
    ) -> tuple[Tags, Explanation]:
        title = title or ""
        raw_text = text or ""
        body, zones = mask_boilerplate(raw_text)
        why = Explanation(masked=[{"kind": k, "text": raw_text[s:e].strip()} for k, s, e in zones])
        hits = self.find(title, "title") + self.find(body, "text")
        lead = lead_span(body, title)

        langs = {language, "en"} if language else None  # other languages borrow English terms
        # Overlapping context words count once ("generative AI" is not also "AI").
        tech_terms = {fold(h.matched) for h in _longest(h for h in hits if h.pattern.kind == TECH)}
        ai_terms = {fold(h.matched) for h in _longest(h for h in hits if h.pattern.kind == AI)}

        mentions = self._company_mentions(hits, title, body, lead, bool(tech_terms or ai_terms), why)
        companies = self._company_tags(mentions, len(body))
        company_ids = {c.company_id for c in companies}

        topic_scores, topic_terms = self._topic_scores(hits, langs, lead)
        relevance = self._relevance(ai_terms, tech_terms, company_ids, topic_scores)
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
            # What a story is about: a strong enough score, not far behind the article's main
            # topic, and no more than a few topics.
            best = max(topic_scores.values(), default=0.0)
            ranked = sorted(topic_scores.items(), key=lambda kv: (-kv[1], kv[0]))
            for tid, score in ranked[: self.max_topics]:
                if score >= self.topic_threshold and score >= self.topic_relative * best:
                    topics.append(TopicTag(tid, round(score, 3)))
                    why.topics[tid] = {"score": round(score, 3), "terms": topic_terms[tid]}
        tags = Tags(
            language=language,
            companies=tuple(companies),
            topics=tuple(topics),
            mentions=tuple(m for m in mentions if m.company_id in company_ids),
            ai_relevance=relevance,
            is_ai_relevant=relevant,
        )
        return tags, why

    def _company_mentions(
        self, hits: list[Hit], title: str, body: str, lead: tuple[int, int], has_tech: bool, why: Explanation
    ) -> list[Mention]:
        blocked: defaultdict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        context: set[str] = set()
        suffix_starts: set[tuple[str, int]] = set()
        anchors: set[str] = set()
        lowercase_words: set[str] = set()
        for h in hits:
            k = h.pattern.kind
            if k == BLOCKER:
                blocked[(h.pattern.target, h.field)].append((h.start, h.end))
            elif k == COMPANY_CONTEXT:
                context.add(h.pattern.target)
            elif k == SUFFIX:
                suffix_starts.add((h.field, h.start))
            elif k in (ALIAS, PRODUCT):
                anchors.add(h.pattern.target)
        # The same word in lower case elsewhere ("the apples", "low perplexity") means the
        # capitalised one may be the ordinary word at a sentence start.
        for source in (title, body):
            for word in source.translate(_APOSTROPHES).split():
                if word[:1].islower():
                    lowercase_words.add(word.strip(".,;:!?()«»\"'").lower())

        def in_blocker(h: Hit) -> bool:
            return any(s <= h.start and h.end <= e for s, e in blocked[(h.pattern.target, h.field)])

        company_hits = [x for x in hits if x.pattern.kind in _COMPANY_KINDS]
        # A name the article also uses in a blocked, ordinary sense ("the Amazon basin") is
        # doubtful everywhere in that article.
        blocked_names = {(x.pattern.target, fold(x.matched)) for x in company_hits if in_blocker(x)}

        def followed_by_suffix(h: Hit) -> bool:
            source = title if h.field == "title" else body
            i = h.end
            while i < len(source) and source[i] in " ,":
                i += 1
            return (h.field, i) in suffix_starts and i > h.end

        accepted: list[Hit] = []
        for h in _longest(company_hits):
            company = self._companies[h.pattern.target]
            cid = company.company_id
            if in_blocker(h):
                why.rejected.append({"company": cid, "text": h.matched, "why": "inside a blocker phrase"})
                continue
            if h.pattern.kind == NAME and company.ambiguous:
                source = title if h.field == "title" else body
                weak_case = (h.matched.lower() in lowercase_words and _sentence_initial(source, h.start)) or (
                    cid,
                    fold(h.matched),
                ) in blocked_names
                evidence = []
                if "suffix" in company.evidence and followed_by_suffix(h):
                    evidence.append("suffix")
                if "anchor" in company.evidence and cid in anchors:
                    evidence.append("anchor")
                if "context" in company.evidence and cid in context:
                    evidence.append("context")
                if "tech" in company.evidence and has_tech and not weak_case:
                    evidence.append("tech")
                if not evidence:
                    why.rejected.append(
                        {"company": cid, "text": h.matched, "why": "ambiguous name, no evidence"}
                    )
                    continue
                reason = "ambiguous name; evidence: " + ", ".join(evidence)
            else:
                reason = {ALIAS: "alias", PRODUCT: "product", NAME: "name"}[h.pattern.kind]
            accepted.append(h)
            why.companies.setdefault(cid, []).append(
                {"text": h.matched, "field": h.field, "start": h.start, "end": h.end, "why": reason}
            )
        return [
            Mention(
                company_id=h.pattern.target,
                field=h.field,
                start=h.start,
                end=h.end,
                matched=h.matched,
                kind=h.pattern.kind,
                in_lead=h.field == "text" and lead[0] <= h.start < lead[1],
            )
            for h in accepted
        ]

    @staticmethod
    def _company_tags(mentions: list[Mention], body_len: int) -> list[CompanyTag]:
        by_company: defaultdict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            by_company[m.company_id].append(m)
        tags = []
        for cid, ms in by_company.items():
            in_title = any(m.field == "title" for m in ms)
            in_lead = any(m.in_lead for m in ms)
            body_ms = [m for m in ms if m.field == "text"]
            count = max(len(body_ms), 1)
            first = min((m.start for m in body_ms), default=0)
            position = 1.0 - first / body_len if body_len and body_ms else (1.0 if in_title else 0.0)
            # Salience in [0, 1]: headline, lead, how often, how early.
            salience = 0.35 * in_title + 0.25 * in_lead + 0.25 * min(count, 5) / 5 + 0.15 * position
            tags.append(CompanyTag(cid, count, in_title, in_lead, round(salience, 3)))
        tags.sort(key=lambda t: (-t.salience, -t.mentions, t.company_id))
        return tags

    def _topic_scores(
        self, hits: list[Hit], langs: set[str] | None, lead: tuple[int, int]
    ) -> tuple[dict[str, float], dict[str, list[list[object]]]]:
        counts: defaultdict[tuple[str, str], float] = defaultdict(float)
        weights: dict[tuple[str, str], float] = {}
        topic_hits = [
            h for h in hits if h.pattern.kind == TOPIC and (langs is None or h.pattern.language in langs)
        ]
        for h in _longest(topic_hits, per_target=True):
            key = (h.pattern.target, fold(h.pattern.text))
            zone = "title" if h.field == "title" else ("lead" if lead[0] <= h.start < lead[1] else "body")
            counts[key] += ZONE_WEIGHTS[zone]
            weights[key] = max(weights.get(key, 0.0), h.pattern.weight)
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


def _longest(hits: Iterable[Hit], per_target: bool = False) -> list[Hit]:
    """Leftmost-longest non-overlapping hits ("Mistral AI" wins over the "Mistral" inside it)."""
    ordered = sorted(hits, key=lambda h: (h.field, h.start, -(h.end - h.start)))
    chosen: list[Hit] = []
    last_end: defaultdict[tuple[str, str], int] = defaultdict(lambda: -1)
    for h in ordered:
        group = (h.field, h.pattern.target if per_target else "")
        if h.start >= last_end[group]:
            chosen.append(h)
            last_end[group] = h.end
    return chosen
