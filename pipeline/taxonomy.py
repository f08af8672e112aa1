"""The taxonomy data file: companies (ids, aliases, products) and topics (weighted terms)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import TaxonomyError

EVIDENCE_KINDS = ("suffix", "anchor", "context", "tech", "list")
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class Company:
    company_id: str
    name: str
    wikidata: str | None
    aliases: tuple[str, ...]  # case-insensitive
    cased: tuple[str, ...]  # exact case only
    products: tuple[str, ...]  # exact case only
    ambiguous: bool  # a `cased` match needs evidence (see `evidence`)
    context: tuple[str, ...] = ()  # words that confirm a `cased` match of this company
    blockers: tuple[str, ...] = ()  # phrases in which a name is not this company
    # Forms of the ordinary word ("Copiloten", "copilote"): when the article has one, generic
    # tech context is not evidence enough for a `cased` match.
    ordinary: tuple[str, ...] = ()
    evidence: frozenset[str] = frozenset(EVIDENCE_KINDS)
    # Where the company is from (ISO 3166-1 alpha-2 codes): "China's Nvidia" is a figure of
    # speech, "Taiwan's TSMC" a mention (pipeline/name_use.py). Empty when not given.
    countries: frozenset[str] = frozenset()
    # `cased` names that accept fewer kinds of evidence than `evidence` (model numbers that are also
    # road numbers: "an der B300"), as (name, kinds) pairs.
    name_evidence: tuple[tuple[str, frozenset[str]], ...] = ()
    # `cased` names that are also a common noun (German "Copilot", "Dojo"), with words of the noun's
    # sense ("Cockpit", "Karate"): as (name, words) pairs (pipeline/name_use.py, used_as_common_noun).
    common_noun: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def evidence_for(self, name: str) -> frozenset[str]:
        """The kinds of evidence that accept ``name`` (a `cased` name, as the taxonomy writes it)."""
        for n, kinds in self.name_evidence:
            if n == name:
                return kinds
        return self.evidence


@dataclass(frozen=True)
class Topic:
    topic_id: str
    name: str
    description: str | None
    terms: dict[str, dict[str, float]]  # language -> term -> weight


@dataclass(frozen=True)
class Taxonomy:
    version: int
    languages: tuple[str, ...]
    companies: tuple[Company, ...]
    topics: tuple[Topic, ...]
    tech_context: dict[str, tuple[str, ...]]
    ai_context: dict[str, tuple[str, ...]]
    company_suffixes: tuple[str, ...]
    digest: str  # hash of the file: which taxonomy tagged an article
    # Operating systems and other platforms a product runs on, with their owner (a company id,
    # or "none"): in an availability list they are not mentions (pipeline/name_use.py).
    platforms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Streaming services where films and series are watched, with their owner: in a where-to-watch list
    # they are not mentions (pipeline/name_use.py).
    streaming: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # People's first names that begin products ("Claude Haiku"): see the taxonomy file.
    first_names: tuple[str, ...] = ()

    @property
    def company_ids(self) -> frozenset[str]:
        return frozenset(c.company_id for c in self.companies)

    @property
    def topic_ids(self) -> frozenset[str]:
        return frozenset(t.topic_id for t in self.topics)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TaxonomyError(f"taxonomy: {where} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and check the taxonomy YAML; any problem is a TaxonomyError naming the entry."""
    if not path.is_file():
        raise TaxonomyError(f"taxonomy file not found: {path}")
    raw = path.read_bytes()
    key = (str(path), hashlib.sha256(raw).hexdigest())
    if (cached := _LOADED.get(key)) is None:
        cached = _LOADED[key] = _parse_taxonomy(path, raw)
    return cached


# Taxonomies already read in this process, by path and content: a run reads the file in three
# stages (~0.25 s of YAML each), the same bytes give the same (frozen) Taxonomy.
_LOADED: dict[tuple[str, str], Taxonomy] = {}


def _parse_taxonomy(path: Path, raw: bytes) -> Taxonomy:
    try:
        # libyaml's loader when PyYAML has it: ~10x faster on this file, read by three stages a run.
        doc = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(doc, dict):
        raise TaxonomyError(f"{path}: expected a mapping at the top level")

    companies: list[Company] = []
    for n, item in enumerate(doc.get("companies") or [], start=1):
        if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
            raise TaxonomyError(f"{path}: company #{n} needs 'id' and 'name'")
        cid = str(item["id"])
        evidence = _strings(item.get("evidence"), f"{cid}.evidence") or EVIDENCE_KINDS
        if unknown := set(evidence) - set(EVIDENCE_KINDS):
            raise TaxonomyError(f"{path}: {cid}.evidence has unknown kinds: {', '.join(sorted(unknown))}")
        country = item.get("country")
        countries = _strings([country] if isinstance(country, str) else country, f"{cid}.country")
        if bad := [c for c in countries if not _COUNTRY_CODE.fullmatch(c)]:
            raise TaxonomyError(f"{path}: {cid}.country must be ISO 3166-1 alpha-2 codes: {', '.join(bad)}")
        cased = _strings(item.get("cased"), f"{cid}.cased")
        name_evidence = _name_evidence(path, cid, item.get("name_evidence"), cased)
        companies.append(
            Company(
                company_id=cid,
                name=str(item["name"]),
                wikidata=item.get("wikidata"),
                aliases=_strings(item.get("aliases"), f"{cid}.aliases"),
                cased=cased,
                products=_strings(item.get("products"), f"{cid}.products"),
                ambiguous=bool(item.get("ambiguous", False)),
                context=_strings(item.get("context"), f"{cid}.context"),
                blockers=_strings(item.get("blockers"), f"{cid}.blockers"),
                ordinary=_strings(item.get("ordinary"), f"{cid}.ordinary"),
                evidence=frozenset(evidence),
                countries=frozenset(countries),
                name_evidence=name_evidence,
                common_noun=_common_noun(path, cid, item.get("common_noun"), cased),
            )
        )
    topics: list[Topic] = []
    for n, item in enumerate(doc.get("topics") or [], start=1):
        if not isinstance(item, dict) or not item.get("id") or not isinstance(item.get("terms"), dict):
            raise TaxonomyError(f"{path}: topic #{n} needs 'id' and 'terms'")
        tid = str(item["id"])
        terms: dict[str, dict[str, float]] = {}
        for lang, table in item["terms"].items():
            if not isinstance(table, dict):
                raise TaxonomyError(f"{path}: {tid}.terms.{lang} must map term -> weight")
            try:
                terms[str(lang)] = {str(t): float(w) for t, w in table.items()}
            except (TypeError, ValueError) as exc:
                raise TaxonomyError(f"{path}: {tid}.terms.{lang} has a non-numeric weight") from exc
            seen: dict[str, str] = {}
            for term in terms[str(lang)]:
                # "a|b" lists forms of one term, "a ... b" lets words stand between its parts.
                forms = [f.strip() for part in term.removesuffix(".").split(" ... ") for f in part.split("|")]
                if not all(forms):
                    raise TaxonomyError(f"{path}: {tid}.terms.{lang} has an empty form or part: {term!r}")
                if " ... " in term:
                    continue
                for form in forms:  # a form in two terms would score twice
                    if (other := seen.setdefault(form.casefold(), term)) != term:
                        raise TaxonomyError(
                            f"{path}: {tid}.terms.{lang}: {form!r} is in {other!r} and {term!r}"
                        )
        topics.append(Topic(tid, str(item.get("name") or tid), item.get("description"), terms))
    for kind, ids in (
        ("company", [c.company_id for c in companies]),
        ("topic", [t.topic_id for t in topics]),
    ):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise TaxonomyError(f"{path}: duplicate {kind} ids: {', '.join(dupes)}")
    if not companies or not topics:
        raise TaxonomyError(f"{path}: needs at least one company and one topic")

    def per_language(key: str) -> dict[str, tuple[str, ...]]:
        return {str(lang): _strings(words, f"{key}.{lang}") for lang, words in (doc.get(key) or {}).items()}

    return Taxonomy(
        version=int(doc.get("version", 1)),
        languages=tuple(doc.get("languages") or ()),
        companies=tuple(companies),
        topics=tuple(topics),
        tech_context=per_language("tech_context"),
        ai_context=per_language("ai_context"),
        company_suffixes=_strings(doc.get("company_suffixes"), "company_suffixes"),
        digest=hashlib.sha256(raw).hexdigest()[:16],
        platforms=_platforms(path, doc.get("platforms"), {c.company_id for c in companies}),
        streaming=_platforms(path, doc.get("streaming"), {c.company_id for c in companies}, "streaming"),
        first_names=_strings(doc.get("first_names"), "first_names"),
    )


def _by_cased_name(
    path: Path, cid: str, field: str, value: Any, cased: tuple[str, ...], what: str
) -> list[tuple[str, tuple[str, ...]]]:
    """A company's ``field`` that maps some of its `cased` names each to a list of ``what``."""
    if value is None:
        return []
    if not isinstance(value, dict):
        raise TaxonomyError(f"{path}: {cid}.{field} must map a cased name to {what}")
    out = []
    for name, items in value.items():
        if str(name) not in cased:
            raise TaxonomyError(f"{path}: {cid}.{field}: {name!r} is not one of its cased names")
        out.append((str(name), _strings(items, f"{cid}.{field}.{name}")))
    return out


def _common_noun(
    path: Path, cid: str, value: Any, cased: tuple[str, ...]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``common_noun``: a `cased` name -> words of the common noun's sense."""
    return tuple(_by_cased_name(path, cid, "common_noun", value, cased, "words of its sense"))


def _name_evidence(
    path: Path, cid: str, value: Any, cased: tuple[str, ...]
) -> tuple[tuple[str, frozenset[str]], ...]:
    """``name_evidence``: a `cased` name -> the kinds of evidence that accept it."""
    out = []
    for name, listed in _by_cased_name(path, cid, "name_evidence", value, cased, "evidence kinds"):
        if not listed or set(listed) - set(EVIDENCE_KINDS):
            raise TaxonomyError(f"{path}: {cid}.name_evidence.{name} needs known evidence kinds")
        out.append((name, frozenset(listed)))
    return tuple(out)


def _platforms(
    path: Path, value: Any, company_ids: set[str], key: str = "platforms"
) -> dict[str, tuple[str, ...]]:
    """``platforms`` (or ``streaming``): owner (a company id, or "none") -> the names it owns."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TaxonomyError(f"{path}: {key} must map an owner (a company id or none) to names")
    if unknown := sorted(str(owner) for owner in value if str(owner) not in company_ids | {"none"}):
        raise TaxonomyError(f"{path}: {key} has unknown owners: {', '.join(unknown)}")
    return {str(owner): _strings(names, f"{key}.{owner}") for owner, names in value.items()}
