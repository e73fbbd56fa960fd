"""Score taggers on the labelled dev passages, in process (same metrics as ../shared/tools/evaluate.py).

Run ``python -m dangjian_nlp.tagging.evaluate`` to print, as JSON: the rule layer on the dev
split, and the hybrid tagger by cross-validation grouped by document (the learned layer is
refitted on the training folds only, so no figure is measured on its own training data).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from dangjian_nlp.tagging.aggregate import MIN_PASSAGES
from dangjian_nlp.tagging.api import tag_records
from dangjian_nlp.tagging.base import PassageTags, Tagger

LOGGER = logging.getLogger(__name__)

DEFAULT_GOLD = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "dev" / "passages.jsonl"


_BLANKS = re.compile(r"[\s\u3000]+")


def squash(text: str) -> str:
    """``text`` without white space, as the shared evaluator compares texts."""
    return _BLANKS.sub("", text)


def best_match(anchors: Sequence[str], bodies: Sequence[str], *, least: int = 12) -> int | None:
    """Index of the body holding the longest prefix of any anchor (the shared evaluator's rule).

    Args:
        anchors: Openings of a gold essay's first passages.
        bodies: ``squash(title + text)`` of each output document.
        least: Shortest prefix that counts as a match.

    Returns:
        The index of the best body, or ``None`` when no prefix of ``least`` characters is found.
    """
    best, best_len = None, least - 1
    for anchor in anchors:
        anchor = squash(anchor)
        for index, body in enumerate(bodies):
            size = len(anchor)
            while size > best_len and anchor[:size] not in body:
                size -= 1
            if size > best_len:
                best, best_len = index, size
    return best


def load_gold(path: str | Path = DEFAULT_GOLD) -> list[dict[str, Any]]:
    """The labelled passages (``id``, ``doc``, ``text``, ``role``, ``problems``, ``measures``)."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def score_sets(pairs: Sequence[tuple[set[str], set[str]]], prefix: str) -> dict[str, float]:
    """Micro precision, recall, F1 and macro F1 over (gold, predicted) label sets."""
    tp = fp = fn = 0
    per: tuple[Counter[str], Counter[str], Counter[str]] = (Counter(), Counter(), Counter())
    for gold, pred in pairs:
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        for label in gold & pred:
            per[0][label] += 1
        for label in pred - gold:
            per[1][label] += 1
        for label in gold - pred:
            per[2][label] += 1
    labels = set(per[0]) | set(per[2])
    macro = [_prf(per[0][x], per[1][x], per[2][x])[2] for x in labels]
    p, r, f = _prf(tp, fp, fn)
    return {f"{prefix}_p": p, f"{prefix}_r": r, f"{prefix}_f1": f,
            f"{prefix}_macro_f1": round(sum(macro) / len(macro), 4) if macro else 0.0}


def _doc_labels(rows: Sequence[dict[str, Any]], key: str) -> dict[str, set[str]]:
    counts: dict[str, Counter[str]] = {}
    for row in rows:
        counts.setdefault(row["doc"], Counter()).update(set(row[key]))
    return {doc: {label for label, n in c.items() if n >= MIN_PASSAGES} for doc, c in counts.items()}


def score(gold: Sequence[dict[str, Any]], predicted: Sequence[PassageTags]) -> dict[str, float]:
    """Passage role accuracy, problem/countermeasure micro-F1, and document-level F1 (≥ 2 passages)."""
    result: dict[str, float] = {"passages": len(gold)}
    result["role_acc"] = round(sum(g["role"] == p.role for g, p in zip(gold, predicted)) / len(gold), 4)
    result.update(score_sets([(set(g["problems"]), {t.id for t in p.problems}) for g, p in zip(gold, predicted)],
                             "problem"))
    result.update(score_sets([(set(g["measures"]), {t.id for t in p.measures}) for g, p in zip(gold, predicted)],
                             "measure"))
    pred_rows = [{"doc": g["doc"], "problems": [t.id for t in p.problems], "measures": [t.id for t in p.measures]}
                 for g, p in zip(gold, predicted)]
    for key in ("problems", "measures"):
        gold_docs, pred_docs = _doc_labels(gold, key), _doc_labels(pred_rows, key)
        result.update(score_sets([(gold_docs[d], pred_docs.get(d, set())) for d in sorted(gold_docs)],
                                 f"doc_{key[:-1] if key == 'problems' else 'measure'}"))
    return result


def predict(tagger: Tagger, rows: Sequence[dict[str, Any]], *, context: bool = True) -> list[PassageTags]:
    """Tag gold rows in order, as ``dangjian tag --jsonl`` does."""
    records = [{"id": row["id"], "text": row["text"]} for row in rows]
    return [tags for _, tags in tag_records(records, tagger=tagger, context=context)]


def cross_validate(rows: Sequence[dict[str, Any]], make_tagger: Callable[[Sequence[dict[str, Any]]], Tagger], *,
                   folds: int = 4, context: bool = True) -> dict[str, float]:
    """Grouped k-fold by document: fit on the other documents, predict the held-out ones, score all."""
    docs = sorted({row["doc"] for row in rows})
    predicted: dict[str, PassageTags] = {}
    for fold in range(folds):
        test_docs = set(docs[fold::folds])
        train = [row for row in rows if row["doc"] not in test_docs]
        test = [row for row in rows if row["doc"] in test_docs]
        tagger = make_tagger(train)
        for row, tags in zip(test, predict(tagger, test, context=context)):
            predicted[row["id"]] = tags
    return score(rows, [predicted[row["id"]] for row in rows])


FIRST_ROUND_ANNOTATORS = frozenset(f"A{index}" for index in range(7))
"""Annotators of the first round of corpus passages (``models/training``): the codebook's genre cues
were revised after reading the rule layer's errors on half of their files."""


def _round_one(row: dict[str, Any]) -> bool:
    # Annotations that name no annotator predate the rounds: they count as the first.
    return (row.get("annotator") or "A0") in FIRST_ROUND_ANNOTATORS


def revised_files(extra: Sequence[dict[str, Any]]) -> set[str]:
    """The corpus files whose errors were read when the codebook's genre cues were revised.

    Of the files holding first-round passages, sorted, those at even positions. Passages of the
    other files (and of files first annotated in a later round) were never read for rule changes.

    Args:
        extra: Annotated corpus passages (``source``, ``annotator``).
    """
    files = sorted({row["source"] for row in extra if _round_one(row)})
    return set(files[0::2])


def other_origin_splits(extra: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The subsets of the annotated corpus passages that are scored.

    Returns:
        ``all``; ``unrevised``: passages of files never read for rule changes (the figures to
        quote); ``later_rounds``: passages annotated after the first round.
    """
    revised = revised_files(extra)
    return {"all": list(extra),
            "unrevised": [row for row in extra if row["source"] not in revised],
            "later_rounds": [row for row in extra if not _round_one(row)]}


def passage_level(scores: dict[str, float]) -> dict[str, float]:
    """The passage figures of :func:`score` (its document figures mean nothing for lone passages)."""
    return {key: value for key, value in scores.items() if not key.startswith("doc_")}


def cross_validate_other_origin(gold: Sequence[dict[str, Any]], extra: Sequence[dict[str, Any]],
                                make_tagger: Callable[..., Tagger], *, folds: int = 4
                                ) -> dict[str, dict[str, float]]:
    """Score on the annotated corpus passages (text of another origin than the dev essays).

    Grouped k-fold by source file: the tagger is fitted on all ``gold`` passages plus the
    ``extra`` passages of the other files (``make_tagger(gold, extra=…)``) and tags the held-out
    files' passages one by one (no document context).

    Returns:
        Passage-level :func:`score` figures for each split of :func:`other_origin_splits`
        (empty splits left out).
    """
    files = sorted({row["source"] for row in extra})
    predicted: dict[str, PassageTags] = {}
    for fold in range(folds):
        test_files = set(files[fold::folds])
        tagger = make_tagger(gold, extra=[row for row in extra if row["source"] not in test_files])
        test = [row for row in extra if row["source"] in test_files]
        for row, tags in zip(test, predict(tagger, test, context=False)):
            predicted[row["id"]] = tags
    return {name: passage_level(score(rows, [predicted[row["id"]] for row in rows]))
            for name, rows in other_origin_splits(extra).items() if rows}


def main(argv: Sequence[str] | None = None) -> None:
    """Print the rule layer's dev scores and the hybrid tagger's cross-validated scores."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", default=str(DEFAULT_GOLD))
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--no-context", action="store_true", help="tag passages independently")
    args = parser.parse_args(argv)
    from dangjian_nlp.tagging.rules import RuleTagger  # noqa: PLC0415

    rows = load_gold(args.gold)
    context = not args.no_context
    report: dict[str, Any] = {"gold": args.gold, "context": context}
    report["rules_dev"] = score(rows, predict(RuleTagger(), rows, context=context))
    try:
        from dangjian_nlp.tagging.train import fit_hybrid  # noqa: PLC0415
    except ImportError:  # pragma: no cover - training extras missing
        LOGGER.warning("scikit-learn not available: no cross-validated figures")
    else:
        report[f"hybrid_cv{args.folds}"] = cross_validate(rows, fit_hybrid, folds=args.folds, context=context)
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
