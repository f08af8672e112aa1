"""Leave-one-writer-set-out cross-validation of topic tagging (vocabulary rule + topic model).

The secondary-topic model (pipeline/topic_model.py) is fitted on the labelled tuning set, so
``mediamon evaluate`` on that set flatters it. Here each independently written set (ids
``<lang>-vN-NNN``, N = 6..12 by default) is left out in turn: the model is trained, as
``mediamon train-topics`` does, on every other labelled article, and the left-out set is tagged
with a tagger using that model. Printed per set and pooled over the sets: topics micro-F1
overall and per language, and the largest gap of a language behind English.

    PYTHONPATH=. python benchmarks/topic_cv.py [tests/data/labelled] [--groups 6-12]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from pipeline.config import Settings
from pipeline.evaluation import Evaluation, Score, evaluate, load_labelled
from pipeline.tagging import Tagger
from pipeline.taxonomy import load_taxonomy
from pipeline.topic_model import train_from_labelled

LANGS = ("en", "fr", "de", "es")
_GROUP = re.compile(r"^[a-z]{2}-v(\d+)-")


def group_of(doc_id: str) -> int | None:
    """The writers' set of an article id (``de-v7-012`` -> 7), None for the first articles."""
    m = _GROUP.match(doc_id)
    return int(m.group(1)) if m else None


def run_fold(docs: list[dict[str, object]], group: int, settings: Settings, work: Path) -> Evaluation:
    """Train on every article outside ``group``, evaluate ``group``."""
    taxonomy = load_taxonomy(settings.taxonomy_file)
    train_docs = [d for d in docs if group_of(str(d["id"])) != group]
    model = train_from_labelled(train_docs, Tagger(taxonomy), taxonomy)
    model_path = work / f"topic_model-v{group}.json"
    model_path.write_text(model.dumps(), encoding="utf-8")
    fold_settings = replace(settings, topic_model=model_path)
    tagger = Tagger.from_settings(taxonomy, fold_settings)
    if tagger.topic_model is None:
        raise RuntimeError(f"fold v{group}: the trained model was not loaded")
    return evaluate([d for d in docs if group_of(str(d["id"])) == group], tagger)


def largest_gap(scores: dict[str, Score]) -> tuple[str, float]:
    en = scores["en"].f1
    lang = max((la for la in LANGS if la != "en"), key=lambda la: en - scores[la].f1)
    return lang, en - scores[lang].f1


def row(name: str, scores: dict[str, Score]) -> str:
    lang, gap = largest_gap(scores)
    cells = " ".join(f"{scores[la].f1:6.3f}" for la in LANGS)
    return f"{name:>7} {scores['all'].f1:6.3f}  {cells}   {lang} {gap:+.3f}"


def parse_groups(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out += list(range(int(lo), int(hi or lo) + 1))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("labelled", nargs="?", type=Path, default=Path("tests/data/labelled"))
    parser.add_argument("--groups", default="6-12", help="writers' sets to leave out, e.g. 6-12")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    settings = Settings.from_env()
    docs = load_labelled([args.labelled])
    groups = parse_groups(args.groups)
    pooled: dict[str, Score] = defaultdict(Score)
    per_group: dict[int, dict[str, Score]] = {}
    with tempfile.TemporaryDirectory(prefix="topic-cv-") as tmp:
        for g in groups:
            result = run_fold(docs, g, settings, Path(tmp))
            per_group[g] = result.topics
            for key, s in result.topics.items():
                p = pooled[key]
                p.tp, p.fp, p.fn = p.tp + s.tp, p.fp + s.fp, p.fn + s.fn

    header = f"{'set':>7} {'all':>6}  " + " ".join(f"{la:>6}" for la in LANGS) + "   largest gap vs en"
    print("topics F1, leave one writers' set out (model trained on the rest)")
    print(header)
    for g in groups:
        print(row(f"v{g}", per_group[g]))
    print(row("pooled", pooled))
    mean_gap = {la: sum(pg["en"].f1 - pg[la].f1 for pg in per_group.values()) / len(groups) for la in LANGS}
    print("mean per-set gap vs en: " + ", ".join(f"{la} {mean_gap[la]:+.3f}" for la in LANGS if la != "en"))
    p = pooled["all"]
    print(f"pooled topics P {p.precision:.3f} R {p.recall:.3f} F1 {p.f1:.3f}")
    if args.json:
        data = {
            "groups": {f"v{g}": {k: s.f1 for k, s in sc.items()} for g, sc in per_group.items()},
            "pooled": {k: s.f1 for k, s in pooled.items()},
        }
        args.json.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
