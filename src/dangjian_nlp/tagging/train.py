"""Train the learned layer on local labelled passages and export it for numpy-only scoring.

Run ``python -m dangjian_nlp.tagging.train`` to rebuild ``models/tagger-linear.npz`` from
``../shared/eval/dev/passages.jsonl`` (gold) plus the project's own annotations of passages of
``../shared/corpora`` (``models/training/silver-corpora.jsonl``: references and labels, no text; the
text is read from the corpora and checked against a hash), and write its model card (with
cross-validated figures, grouped by document) to ``models/tagger-linear.md``. Needs scikit-learn
(training only).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import logging
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from dangjian_nlp.tagging.api import zip_heading_roles
from dangjian_nlp.tagging.base import TagRequest
from dangjian_nlp.tagging.codebook import Codebook, load_codebook
from dangjian_nlp.tagging.features import (
    NGRAM_SIZES,
    dense_features,
    dense_names,
    ngrams,
    weighted_ngrams,
)
from dangjian_nlp.tagging.hybrid import (
    HYBRID_THRESHOLD,
    OTHER_VETO,
    RULE_ROLE_SHARE,
    RULE_SHARE,
    HybridTagger,
)
from dangjian_nlp.tagging.model import MODEL_FILE, LinearModel, models_dir
from dangjian_nlp.tagging.rules import MEASURE_ROLES, PROBLEM_ROLES, analyse
from dangjian_nlp.types import ROLES

LOGGER = logging.getLogger(__name__)

MIN_DF = 3
ROLE_C = 4.0
LABEL_C = 3.0
SEED = 0
SILVER_FILE = "training/silver-corpora.jsonl"
SILVER_WEIGHT = 0.5
"""Sample weight of an annotated corpus passage (a gold dev passage weighs 1) in the role and label
classifiers; chosen by the cross-validation of ``benchmarks/eval_tagger.py`` among 0.25, 0.5, 1."""
DEFAULT_CORPORA = Path(__file__).resolve().parents[3].parent / "shared" / "corpora"


def text_hash(text: str) -> str:
    """The first 12 hex digits of the SHA-1 of ``text``: how an annotation line checks its passage."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def load_silver(path: str | Path | None = None, *, corpora: str | Path = DEFAULT_CORPORA) -> list[dict[str, Any]]:
    """The project's own annotated corpus passages, their text read from ``corpora``.

    Each line of the annotation file names a corpus file, character offsets and a hash of the
    passage text (the corpora are third-party texts and are not copied into the project), with
    the ``role``, ``problems`` and ``measures`` an annotator gave it.

    Args:
        path: The annotation file (default: ``models/training/silver-corpora.jsonl``).
        corpora: The folder of the corpora (default: ``../shared/corpora``).

    Returns:
        Labelled rows like the gold ones (``id``, ``doc``, ``text``, ``role``, ``problems``,
        ``measures``, ``source``: the corpus file, ``start`` and ``end`` in it, and ``annotator``,
        ``None`` when the line names none), each its own document; empty with a
        warning when the file or the corpora are missing. Rows whose text no longer matches its
        hash are skipped with a warning.
    """
    path = Path(path) if path is not None else models_dir() / SILVER_FILE
    corpora = Path(corpora)
    if not path.is_file() or not corpora.is_dir():
        LOGGER.warning("no annotated corpus passages (%s, %s): training on gold passages only", path, corpora)
        return []
    texts: dict[str, str] = {}
    rows, stale = [], 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            item = json.loads(line)
            if item["file"] not in texts:
                source = corpora / item["file"]
                texts[item["file"]] = source.read_text(encoding="utf-8") if source.is_file() else ""
            text = texts[item["file"]][item["start"]:item["end"]]
            if text_hash(text) != item["sha1"]:
                stale += 1
                continue
            rows.append({"id": item["id"], "doc": item["id"], "text": text, "role": item["role"],
                         "problems": item["problems"], "measures": item["measures"], "source": item["file"],
                         "start": item["start"], "end": item["end"], "annotator": item.get("annotator")})
    if stale:
        LOGGER.warning("%s: %d passages no longer match the corpora and were skipped", path, stale)
    return rows


def _design(rows: Sequence[dict[str, Any]], codebook: Codebook, vocabulary: dict[str, int] | None = None,
            idf: np.ndarray | None = None):
    from scipy.sparse import csr_matrix  # noqa: PLC0415

    records = [{"id": row["id"], "doc": row.get("doc"), "text": row["text"]} for row in rows]
    roles = [role for _, role in zip_heading_roles(records, codebook)]
    requests = [TagRequest(row["text"], role, (), row.get("doc")) for row, role in zip(rows, roles)]
    analyses = analyse(codebook, requests)
    counts = [ngrams(analysis.clean, NGRAM_SIZES) for analysis in analyses]
    if vocabulary is None:
        df: dict[str, int] = {}
        for c in counts:
            for gram in c:
                df[gram] = df.get(gram, 0) + 1
        grams = sorted(g for g, n in df.items() if n >= MIN_DF)
        vocabulary = {g: i for i, g in enumerate(grams)}
        n_docs = len(rows)
        idf = np.array([math.log((1 + n_docs) / (1 + df[g])) + 1.0 for g in grams])
    assert idf is not None
    data, cols, indptr = [], [], [0]
    n_grams = len(vocabulary)
    for c, request, analysis in zip(counts, requests, analyses):
        indices, values = weighted_ngrams(c, vocabulary, idf)
        dense = dense_features(codebook, analysis.labels, analysis.role_scores, request.heading_role,
                                   analysis.lead_end, analysis.style, analysis.document_style)
        cols.extend(indices.tolist())
        data.extend(values.tolist())
        cols.extend(range(n_grams, n_grams + len(dense)))
        data.extend(dense)
        indptr.append(len(cols))
    matrix = csr_matrix((data, cols, indptr), shape=(len(rows), n_grams + len(dense_names(codebook))))
    return matrix, vocabulary, idf


def fit_model(rows: Sequence[dict[str, Any]], *, codebook: Codebook | None = None, role_c: float = ROLE_C,
              label_c: float = LABEL_C, extra: Sequence[dict[str, Any]] = (),
              extra_weight: float = SILVER_WEIGHT) -> LinearModel:
    """Fit the role and label classifiers on labelled passages.

    Args:
        rows: Labelled passages (``id``, ``doc``, ``text``, ``role``, ``problems``, ``measures``),
            in document order.
        codebook: The codebook; the packaged one when ``None``.
        role_c: Inverse regularisation of the role classifier.
        label_c: Inverse regularisation of the label classifiers.
        extra: More labelled passages (the annotated corpus passages of :func:`load_silver`):
            they join the vocabulary and the role and label classifiers at ``extra_weight``,
            not the role transitions.
        extra_weight: Sample weight of each ``extra`` passage (gold passages weigh 1).

    Returns:
        The fitted model (weights as numpy arrays).
    """
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

    codebook = codebook or load_codebook()
    gold_rows = list(rows)
    rows = [*gold_rows, *extra]
    weights = np.array([1.0] * len(gold_rows) + [extra_weight] * len(extra))
    matrix, vocabulary, idf = _design(rows, codebook)
    n_features = matrix.shape[1]
    role_index = {role: i for i, role in enumerate(ROLES)}
    y_role = np.array([role_index[row["role"]] for row in rows])
    role_weights = np.zeros((n_features, len(ROLES)))
    role_bias = np.full(len(ROLES), -10.0)
    present = sorted(set(y_role.tolist()))
    # Roles are weighed inversely to their frequency: a third of the annotated corpus passages are
    # ``other`` (memoir, history, ceremony; half of the second round), and an unweighted role
    # classifier learned that prior and vetoed short problem statements as ``other`` (grouped CV on
    # dev, benchmarks/eval_tagger.py: role accuracy 0.901 unweighted, 0.910 balanced; the corpus
    # passages' figures unchanged).
    clf = LogisticRegression(C=role_c, max_iter=2000, class_weight="balanced", random_state=SEED)
    clf.fit(matrix, y_role, sample_weight=weights)
    if len(present) == 2:
        role_weights[:, present[1]] = clf.coef_[0]
        role_bias[present[1]] = clf.intercept_[0]
        role_bias[present[0]] = 0.0
    else:
        for k, cls in enumerate(clf.classes_):
            role_weights[:, cls] = clf.coef_[k]
            role_bias[cls] = clf.intercept_[k]
    labels = [*codebook.problem_ids, *codebook.measure_ids]
    label_weights = np.zeros((n_features, len(labels)))
    label_bias = np.full(len(labels), -10.0)
    problem_rows = np.array([row["role"] in PROBLEM_ROLES for row in rows])
    measure_rows = np.array([row["role"] in MEASURE_ROLES for row in rows])
    for j, label in enumerate(labels):
        mask = problem_rows if label.startswith("P.") else measure_rows
        key = "problems" if label.startswith("P.") else "measures"
        y = np.array([label in row[key] for row in rows])[mask]
        if mask.sum() == 0 or y.all() or not y.any():
            continue
        clf = LogisticRegression(C=label_c, max_iter=2000, class_weight="balanced", random_state=SEED)
        clf.fit(matrix[mask], y, sample_weight=weights[mask])
        label_weights[:, j] = clf.coef_[0]
        label_bias[j] = clf.intercept_[0]
    transitions = np.ones((len(ROLES), len(ROLES)))
    start = np.ones(len(ROLES))
    previous: dict[str, int] = {}
    for row, y in zip(gold_rows, y_role.tolist()):
        doc = row.get("doc")
        if doc in previous:
            transitions[previous[doc], y] += 1
        else:
            start[y] += 1
        previous[doc] = y
    transitions /= transitions.sum(axis=1, keepdims=True)
    start /= start.sum()
    meta = {"passages": len(gold_rows), "documents": len({row.get("doc") for row in gold_rows}),
            "extra_passages": len(extra), "extra_weight": extra_weight, "min_df": MIN_DF,
            "ngram_sizes": list(NGRAM_SIZES), "role_c": role_c, "label_c": label_c,
            "codebook_version": codebook.version,
            "transitions": np.round(transitions, 4).tolist(), "start": np.round(start, 4).tolist()}
    return LinearModel(vocabulary=vocabulary, idf=idf, dense=dense_names(codebook), roles=list(ROLES),
                       labels=labels, role_weights=role_weights, role_bias=role_bias,
                       label_weights=label_weights, label_bias=label_bias, meta=meta)


def fit_hybrid(rows: Sequence[dict[str, Any]], **options: Any) -> HybridTagger:
    """A hybrid tagger whose learned layer is fitted on ``rows`` only (for cross-validation)."""
    tagger_options = {k: options.pop(k) for k in ("threshold", "rule_share", "transition_weight", "rule_role_share", "other_veto") if k in options}
    return HybridTagger(model=fit_model(rows, **options), **tagger_options)


def main(argv: Sequence[str] | None = None) -> None:
    """Fit on all labelled passages, save the model and its card with cross-validated figures."""
    from dangjian_nlp.tagging.evaluate import (  # noqa: PLC0415
        DEFAULT_GOLD,
        cross_validate,
        cross_validate_other_origin,
        load_gold,
    )

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", default=str(DEFAULT_GOLD), help="labelled passages (JSON Lines)")
    parser.add_argument("--out", default=None, help=f"model folder (default: {models_dir()})")
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--silver", default=None,
                        help=f"annotated corpus passages (default: models/{SILVER_FILE}); 'none' for gold only")
    parser.add_argument("--corpora", default=str(DEFAULT_CORPORA), help="folder of the corpora they come from")
    parser.add_argument("--silver-weight", type=float, default=SILVER_WEIGHT)
    args = parser.parse_args(argv)
    rows = load_gold(args.gold)
    extra = [] if args.silver == "none" else load_silver(args.silver, corpora=args.corpora)
    out_dir = Path(args.out) if args.out else models_dir()
    model = fit_model(rows, extra=extra, extra_weight=args.silver_weight)
    path = model.save(out_dir / MODEL_FILE)
    make = functools.partial(fit_hybrid, extra_weight=args.silver_weight)
    cv = cross_validate(rows, functools.partial(make, extra=extra), folds=args.folds)
    other = cross_validate_other_origin(rows, extra, make, folds=args.folds) if extra else None
    write_card(out_dir / "tagger-linear.md", model, cv, other, folds=args.folds, size=path.stat().st_size)
    print(json.dumps({"model": str(path), "bytes": path.stat().st_size, f"cv{args.folds}": cv,
                      "other_origin": other}, ensure_ascii=False, indent=1))


SPLIT_TITLES = {"unrevised": "files never read for rule changes", "later_rounds": "later annotation rounds",
                "all": "all files"}


def write_card(path: Path, model: LinearModel, cv: dict[str, float], other: dict[str, dict[str, float]] | None,
               *, folds: int, size: int) -> None:
    """The model card: data, features, figures (cross-validated) and the rebuild command."""
    from dangjian_nlp.io import write_text  # noqa: PLC0415

    rows = "\n".join(f"| {key} | {value} |" for key, value in cv.items())
    if other:
        splits = [name for name in ("unrevised", "later_rounds", "all") if name in other]
        other_rows = "\n".join(f"| {key} | " + " | ".join(str(other[name][key]) for name in splits) + " |"
                               for key in other["all"])
        header = " | ".join(SPLIT_TITLES[name] for name in splits)
        other_section = f"""
### On text of another origin

The annotated corpus passages (speeches, directives, regulations, plans, branch news, memoirs), by
{folds}-fold cross-validation grouped by source file (the model refitted on the dev passages and the
other files' passages; passages tagged one by one). The codebook's genre cues were revised after
reading the rule layer's errors on half of the files of the first annotation round, so quote the
files never read for rule changes (first column).

| metric | {header} |
|---|{"---|" * len(splits)}
{other_rows}
"""
    else:
        other_section = ""
    text = f"""# tagger-linear.npz: the learned layer of the hybrid tagger

Linear classifiers (scikit-learn `LogisticRegression`, exported to numpy arrays; tagging needs
numpy only): one class-balanced softmax over the five passage roles and one balanced binary classifier per
problem / countermeasure label (problem labels fitted on problem and cause passages,
countermeasure labels on measure and experience passages).

- Features: character {model.meta['ngram_sizes']}-grams of the NFKC-normalised passage (quotes and
  spaces removed), `(1 + log tf) × idf`, L2-normalised, vocabulary = n-grams in at least
  {model.meta['min_df']} training passages ({len(model.vocabulary)} n-grams); plus {len(model.dense)} dense
  features from the rule layer: rule score of each label in the passage and in its opening
  sentence, rule score of each role, the heading role, and the share of sentences with modal
  verbs / perfective wording in the passage and in its document.
- The role-to-role transition probabilities counted in the dev data are stored in the
  file's header (used only when the hybrid tagger is asked to mix in the learned roles).
- Data: {model.meta['passages']} labelled dev passages of {model.meta['documents']} essays
  (`../shared/eval/dev/passages.jsonl`, codebook v{model.meta['codebook_version']}, weight 1) and
  {model.meta.get('extra_passages', 0)} passages of `../shared/corpora` annotated by the project
  (`models/training/silver-corpora.jsonl`, weight {model.meta.get('extra_weight', 0)}; see
  [training/README.md](training/README.md) for how they were chosen and labelled and how well the
  annotations agree with the expert gold). Nothing is downloaded.
- Size: {size:,} bytes (float16 weights, compressed).
- Options: role C = {model.meta['role_c']}, label C = {model.meta['label_c']}, fixed seed; same data, same file.
- Combination in the hybrid tagger (code, not this file): roles = the rule layer's (role share
  {RULE_ROLE_SHARE}: under the cross-validation below the rule roles beat every mix with this
  model's role probabilities), except that a passage this model finds `other` with probability
  {OTHER_VETO} or more is `other`; label score = {1 - RULE_SHARE:.1f} × this model + {RULE_SHARE} × rule
  score, kept at {HYBRID_THRESHOLD}. These choices (and the corpus passages' weight and label C) were
  made by comparing a few settings on the same cross-validation folds as the figures below, so the
  figures carry a little selection optimism.

## Quality (cross-validated, never on training data)

### On the dev essays

{folds}-fold cross-validation grouped by document (each essay's passages are all in one fold; the
learned layer is refitted on the other folds plus all annotated corpus passages), passages tagged in
document order as `dangjian tag --jsonl` does. Document figures: a label applies to an essay when at
least two of its passages carry it.

| metric | value |
|---|---|
{rows}
{other_section}
Scoring this shipped model on the dev passages themselves (for instance
`python ../shared/tools/evaluate.py passages ../shared/eval/dev/passages.jsonl`) measures its own
training data: those figures are not quality figures. The project's held-out split (other essays,
documents of other origin) is not available here. The rule layer has no fitted parameters, but its
cues and role rules were revised after error analysis on the dev split (by kind of error, from the
codebook's definitions, not by copying dev sentences), so the figures above carry some optimism
from that too.

## Rebuild

    python -m dangjian_nlp.tagging.train            # writes models/tagger-linear.npz and this card
    python -m dangjian_nlp.tagging.train --silver none   # gold dev passages only
    python benchmarks/eval_tagger.py                # rule layer and hybrid, passages and documents
"""
    write_text(path, text)


if __name__ == "__main__":
    main()
