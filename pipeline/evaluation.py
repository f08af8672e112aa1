"""Measure the tagger against a labelled set (JSON lines with gold companies and topics)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import UserError
from pipeline.jsonlines import read_json_lines
from pipeline.language import resolve_language
from pipeline.tagging import Tagger


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[str], predicted: set[str]) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 1.0


@dataclass
class Evaluation:
    companies: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))  # language | "all"
    topics: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    trap_false_positives: list[tuple[str, str]] = field(default_factory=list)  # (article id, company)
    errors: list[dict[str, object]] = field(default_factory=list)
    articles: int = 0


def load_labelled(paths: list[Path]) -> list[dict[str, object]]:
    docs: list[dict[str, object]] = []
    for path in paths:
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        if not files or not all(f.is_file() for f in files):
            raise UserError(f"no labelled JSON lines found at {path}")
        for f in files:
            text = f.read_text(encoding="utf-8")
            docs += [doc for _, doc in read_json_lines(text, {"id", "text", "companies", "topics"}, f"{f}: ")]
    return docs


def evaluate(docs: list[dict[str, object]], tagger: Tagger, detect_language: bool = False) -> Evaluation:
    """Micro precision/recall/F1 per language and overall; every false positive on a trap."""
    result = Evaluation()
    for doc in docs:
        title, text = str(doc.get("title") or ""), str(doc["text"])
        language = doc.get("language")
        if detect_language or not language:
            language, _ = resolve_language(None, f"{title}\n{text}")
        tags = tagger.tag(title, text, str(language) if language else None)
        lang = str(doc.get("language") or language or "?")
        gold_c, pred_c = set(doc["companies"]), {c.company_id for c in tags.companies}  # type: ignore[call-overload]
        gold_t, pred_t = set(doc["topics"]), {t.topic_id for t in tags.topics}  # type: ignore[call-overload]
        for key in (lang, "all"):
            result.companies[key].add(gold_c, pred_c)
            result.topics[key].add(gold_t, pred_t)
        if doc.get("trap"):
            result.trap_false_positives += [(str(doc["id"]), c) for c in sorted(pred_c - gold_c)]
        if gold_c != pred_c or gold_t != pred_t:
            result.errors.append(
                {
                    "id": doc["id"],
                    "companies": {"missed": sorted(gold_c - pred_c), "extra": sorted(pred_c - gold_c)},
                    "topics": {"missed": sorted(gold_t - pred_t), "extra": sorted(pred_t - gold_t)},
                }
            )
        result.articles += 1
    return result
