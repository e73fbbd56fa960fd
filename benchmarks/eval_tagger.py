"""Quality of the codebook tagger on the labelled dev split, measured honestly.

Prints one JSON object:

- ``passages.rules_dev``: the rule layer on the dev passages (it was not fitted to them);
- ``passages.hybrid_cv``: the hybrid tagger by 4-fold cross-validation grouped by essay (the
  learned layer refitted on the other essays' passages), passages fed in document order as
  ``dangjian tag --jsonl`` does;
- ``documents.*``: document tags through the real pipeline: the seed files are read, cleaned and
  structured by ``dangjian_nlp.pipeline.read_corpus`` (the project's own passages and heading
  roles, not the gold passages), tagged, and matched to the gold essays by their anchors as
  ``../shared/tools/evaluate.py documents`` does; for the hybrid tagger each essay is tagged by
  the model of the fold that did not see it;
- ``other_origin.*``: the annotated corpus passages (``models/training``; speeches, directives,
  regulations, branch news, memoirs of ``../shared/corpora``): the rule layer, and the hybrid
  tagger by 4-fold cross-validation grouped by source file, on all files, on the files never read
  for rule changes (``unrevised``: the codebook's genre cues were revised after reading errors on
  half of the first annotation round's files; quote these) and on the later annotation rounds.

In the dev cross-validation the learned layer is fitted on the other essays' passages plus all
annotated corpus passages, as the shipped model is (``--silver none``: gold passages only).

Usage:
    python benchmarks/eval_tagger.py [--folds 4]
"""

from __future__ import annotations

import argparse
import copy
import functools
import json
from pathlib import Path

from dangjian_nlp.pipeline import read_corpus
from dangjian_nlp.tagging import get_tagger, tag_documents
from dangjian_nlp.tagging.evaluate import (
    best_match, cross_validate, cross_validate_other_origin, load_gold, other_origin_splits, passage_level, predict,
    score, score_sets, squash,
)
from dangjian_nlp.tagging.train import fit_hybrid, load_silver

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def document_scores(gold_docs: list[dict], documents: list, taggers: dict[str, object]) -> dict[str, float]:
    """Doc-level micro P/R/F1; ``taggers`` maps gold doc id → tagger used for that essay."""
    pairs_p, pairs_m = [], []
    tagged: dict[int, list] = {}
    for gold in gold_docs:
        tagger = taggers[gold["doc"]]
        if id(tagger) not in tagged:
            docs = copy.deepcopy(documents)
            tag_documents(docs, tagger=tagger)
            tagged[id(tagger)] = docs
        docs = tagged[id(tagger)]
        bodies = [squash((d.title or "") + d.text) for d in docs]
        hit = best_match(gold["anchors"], bodies)
        found = docs[hit] if hit is not None else None
        pairs_p.append((set(gold["problems"]), {t.id for t in found.problems} if found else set()))
        pairs_m.append((set(gold["measures"]), {t.id for t in found.measures} if found else set()))
    result = score_sets(pairs_p, "doc_problem")
    result.update(score_sets(pairs_m, "doc_measure"))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--silver", default=None, help="annotated corpus passages; 'none' for gold only")
    args = parser.parse_args()
    extra = [] if args.silver == "none" else load_silver(args.silver)
    make = functools.partial(fit_hybrid, extra=extra)
    rows = load_gold(SHARED / "eval" / "dev" / "passages.jsonl")
    gold_docs = [json.loads(line) for line in (SHARED / "eval" / "dev" / "documents.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    rules = get_tagger("rules")
    report: dict[str, object] = {"passages": {
        "rules_dev": score(rows, predict(rules, rows)),
        f"hybrid_cv{args.folds}": cross_validate(rows, make, folds=args.folds),
    }}
    documents, _, _ = read_corpus([SHARED / "seeds"])
    docs = sorted({row["doc"] for row in rows})
    fold_taggers = {}
    for fold in range(args.folds):
        test = set(docs[fold::args.folds])
        tagger = make([row for row in rows if row["doc"] not in test])
        fold_taggers.update({doc: tagger for doc in test})
    report["documents"] = {
        "pipeline_documents": len(documents),
        "rules_dev": document_scores(gold_docs, documents, {g["doc"]: rules for g in gold_docs}),
        f"hybrid_cv{args.folds}": document_scores(gold_docs, documents, fold_taggers),
    }
    if extra:
        by_id = dict(zip((row["id"] for row in extra), predict(rules, extra, context=False)))
        report["other_origin"] = {
            **{f"rules_{name}": passage_level(score(split, [by_id[row["id"]] for row in split]))
               for name, split in other_origin_splits(extra).items() if split},
            f"hybrid_cv{args.folds}_by_file": cross_validate_other_origin(rows, extra, fit_hybrid, folds=args.folds),
        }
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
