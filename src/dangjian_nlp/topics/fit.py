"""Fit topics over passages, choose K by coherence, and describe the result.

:func:`fit_topics` vectorises the passages (shared tokens, boilerplate dropped), fits the
backend for every K of the grid with several seeds on a bounded sample, scores each fit by
NPMI and c_v over passage co-occurrence, picks K, refits on all passages, and derives labels,
document mixtures, the topic × codebook-label table and essay clusters.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from dangjian_nlp.keywords.tokens import passage_terms
from dangjian_nlp.topics.base import FittedTopics, TopicCorpus, build_corpus, get_backend
from dangjian_nlp.topics.coherence import diversity, stability, topic_cv, topic_npmi
from dangjian_nlp.topics.config import TopicConfig, default_config
from dangjian_nlp.types import Document

LOGGER = logging.getLogger(__name__)

SELECTION = ("K maximising the mean over seeds of (NPMI + c_v) / 2 on passage co-occurrence, times coverage "
             "(share of passages whose reconstruction has cosine >= 0.1 with them); the smallest K within "
             "k_tolerance of the best wins")
MIN_FIT_COSINE = 0.1
"""A passage is covered by a model when its reconstruction is at least this close (cosine):
coherence alone cannot see topics the model never found."""


def _r(value: float) -> float:
    return round(float(value), 4)


@dataclass(slots=True)
class TopicResult:
    """A fitted topic model and everything said about it.

    Attributes:
        backend: Backend name.
        k: Chosen number of topics (0 when no model could be fitted).
        seed: Seed of the final fit.
        seeds: Seeds averaged over in the K grid.
        grid: One row per K tried: coherence, diversity, stability, selection score.
        topics: Per topic: id, label, top terms with weights, coherence, share, best codebook label.
        coherence: Mean NPMI and c_v of the final model.
        stability: Stability across seeds at the chosen K.
        diversity: Share of distinct top terms in the final model.
        alignment: Topic × codebook label table.
        clusters: Hierarchical essay clusters over topic mixtures.
        documents: Document id → ``[{"topic", "weight"}]``.
        skipped: Why no model was fitted, when ``k == 0``.
        fitted: The final backend fit (not serialised).
        corpus: The passage matrices (not serialised).
        config: Settings used.
    """

    backend: str
    k: int
    seed: int
    seeds: list[int] = field(default_factory=list)
    grid: list[dict[str, Any]] = field(default_factory=list)
    topics: list[dict[str, Any]] = field(default_factory=list)
    coherence: dict[str, float] = field(default_factory=dict)
    stability: float = 0.0
    diversity: float = 0.0
    alignment: dict[str, Any] = field(default_factory=dict)
    clusters: dict[str, Any] = field(default_factory=dict)
    documents: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    skipped: str = ""
    fitted: FittedTopics | None = None
    corpus: TopicCorpus | None = None
    config: TopicConfig | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON written to ``OUT/topics.json`` (deterministic for a fixed seed)."""
        config = self.config or default_config()
        data: dict[str, Any] = {
            "backend": self.backend,
            "k": self.k,
            "seed": self.seed,
            "unit": "passage",
            "passages": self.corpus.n_passages if self.corpus is not None else 0,
            "vocabulary": len(self.corpus.vocabulary) if self.corpus is not None else 0,
            "selection": {"criterion": SELECTION, "seeds": self.seeds, "top_n": config.top_n, "grid": self.grid},
            "coherence": self.coherence,
            "stability": self.stability,
            "diversity": self.diversity,
            "topics": self.topics,
            "alignment": self.alignment,
            "clusters": self.clusters,
            "documents": self.documents,
        }
        if self.skipped:
            data["skipped"] = self.skipped
        return data


def _passages(documents: Sequence[Document]) -> tuple[list[list[str]], list[str], list[int]]:
    terms, ids, docs = [], [], []
    for index, document in enumerate(documents):
        for passage in document.passages:
            terms.append(passage_terms(passage.text))
            ids.append(passage.id)
            docs.append(index)
    return terms, ids, docs


def _sample(n: int, limit: int) -> np.ndarray:
    if n <= limit:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, limit).round().astype(int))


def _grid_ks(config: TopicConfig, n_usable: int, k: int | None) -> list[int]:
    if k is not None:
        return [k]
    ceiling = max(2, n_usable // config.min_passages_per_topic)
    ks = [value for value in config.k_grid if value <= ceiling]
    return ks or [min(config.k_grid[0], ceiling)]


def _score_fit(binary: Any, fitted: FittedTopics, top_n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    top = fitted.top_terms(top_n)
    return top, topic_npmi(binary, top), topic_cv(binary, top)


def _coverage(fitted: FittedTopics) -> float:
    if fitted.fit_cosine is None or not len(fitted.fit_cosine):
        return 1.0
    return float((fitted.fit_cosine >= MIN_FIT_COSINE).mean())


def select_k(corpus: TopicCorpus, *, ks: Sequence[int], seeds: Sequence[int], backend: str, top_n: int,
             tolerance: float, reference: Any = None
             ) -> tuple[int, list[dict[str, Any]], dict[tuple[int, int], FittedTopics]]:
    """Fit every K with every seed and pick K by mean coherence.

    Args:
        corpus: The passages the models are fitted on.
        ks: Numbers of topics to try.
        seeds: Seeds per K.
        backend: Registry name of the backend.
        top_n: Top terms scored per topic.
        tolerance: The smallest K within this of the best score wins.
        reference: Passage × term presence matrix for coherence (default: ``corpus.binary``);
            all passages when the fits see a sample.

    Returns:
        ``(k, grid rows, fits by (k, seed))``.
    """
    model = get_backend(backend)
    binary = corpus.binary if reference is None else reference
    rows, fits = [], {}
    for k in ks:
        tops, npmis, cvs, divs, coverages = [], [], [], [], []
        for seed in seeds:
            fitted = model.fit(corpus, k=k, seed=seed)
            fits[(k, seed)] = fitted
            top, npmi, cv = _score_fit(binary, fitted, top_n)
            tops.append(top)
            npmis.append(float(npmi.mean()))
            cvs.append(float(cv.mean()))
            divs.append(diversity(top))
            coverages.append(_coverage(fitted))
        score = (np.mean(npmis) + np.mean(cvs)) / 2 * np.mean(coverages)
        rows.append({"k": k, "npmi": _r(np.mean(npmis)), "npmi_sd": _r(np.std(npmis)), "c_v": _r(np.mean(cvs)),
                     "c_v_sd": _r(np.std(cvs)), "diversity": _r(np.mean(divs)), "coverage": _r(np.mean(coverages)),
                     "stability": _r(stability(tops)),
                     "score": _r(score)})
        LOGGER.debug("K=%d npmi=%.3f c_v=%.3f", k, np.mean(npmis), np.mean(cvs))
    best = max(row["score"] for row in rows)
    chosen = min(row["k"] for row in rows if row["score"] >= best - tolerance)
    for row in rows:
        row["chosen"] = row["k"] == chosen
    return chosen, rows, fits


def _subset(corpus: TopicCorpus, rows: np.ndarray) -> TopicCorpus:
    if len(rows) == corpus.n_passages:
        return corpus
    return TopicCorpus(vocabulary=corpus.vocabulary, counts=corpus.counts[rows], tfidf=corpus.tfidf[rows],
                       idf=corpus.idf, binary=corpus.binary[rows], passage_ids=[corpus.passage_ids[i] for i in rows],
                       passage_docs=corpus.passage_docs[rows])


def fit_topics(documents: Sequence[Document], *, seed: int = 0, backend: str | None = None, k: int | None = None,
               config: TopicConfig | None = None, annotate: bool = True) -> TopicResult:
    """Topic model over the passages of ``documents``, K chosen by coherence.

    Args:
        documents: The analysed corpus (passages with roles and tags, when tagged).
        seed: Seed of the final fit; the K grid uses ``seed, seed + 1, …``.
        backend: Registry name (``nmf`` or ``lda``); default from the configuration.
        k: Fit exactly this many topics instead of searching the grid.
        config: Settings (default: ``topics/data/defaults.yaml``).
        annotate: Also fill each document's ``topics`` with its mixture.

    Returns:
        The result; ``k == 0`` with ``skipped`` set when there are too few usable passages.
    """
    config = config or default_config()
    backend = backend or config.backend
    get_backend(backend)  # fail early on an unknown name
    terms, ids, docs = _passages(documents)
    corpus = build_corpus(terms, passage_ids=ids, passage_docs=docs, min_df=config.min_df, max_df=config.max_df,
                          max_features=config.max_features)
    lengths = np.asarray(corpus.counts.sum(axis=1)).ravel()
    usable = np.flatnonzero(lengths >= config.min_passage_terms)
    seeds = [seed + offset for offset in range(config.seeds)]
    result = TopicResult(backend=backend, k=0, seed=seed, seeds=seeds, corpus=corpus, config=config)
    if len(usable) < config.min_passages or len(corpus.vocabulary) < config.top_n:
        result.skipped = (f"too few passages for a topic model: {len(usable)} with {config.min_passage_terms}+ "
                          f"vocabulary terms (need {config.min_passages})")
        LOGGER.warning(result.skipped)
        result.documents = {document.id: [] for document in documents}
        if annotate:
            annotate_topics(documents, result)
        return result
    # One BLAS thread: on a shared machine, threads fighting over cores make NMF ten times slower.
    with threadpool_limits(1):
        _fit(result, documents, corpus, usable, k=k)
    if annotate:
        annotate_topics(documents, result)
    return result


def _fit(result: TopicResult, documents: Sequence[Document], corpus: TopicCorpus, usable: np.ndarray, *,
         k: int | None) -> TopicResult:
    config, backend, seed, seeds = result.config, result.backend, result.seed, result.seeds
    assert config is not None
    train = _subset(corpus, usable)
    ks = _grid_ks(config, len(usable), k)
    sample = _subset(train, _sample(train.n_passages, config.max_grid_passages))
    chosen, result.grid, fits = select_k(sample, ks=ks, seeds=seeds, backend=backend, top_n=config.top_n,
                                         tolerance=config.k_tolerance, reference=train.binary)
    # The grid's fit is the final one when the grid saw every passage; otherwise refit on all.
    reuse = fits[(chosen, seed)] if sample is train else None
    fitted = reuse or get_backend(backend).fit(train, k=chosen, seed=seed)
    result.k = chosen
    # Mixtures for every passage: rows of the passages left out of training stay zero.
    full = np.zeros((corpus.n_passages, chosen))
    full[usable] = fitted.passage_topics
    fitted.passage_topics = full
    result.fitted = fitted
    _describe(result, documents, train, usable)
    return result


def _describe(result: TopicResult, documents: Sequence[Document], train: TopicCorpus, usable: np.ndarray) -> None:
    config = result.config or default_config()
    fitted, corpus = result.fitted, result.corpus
    assert fitted is not None and corpus is not None
    top, npmi, cv = _score_fit(train.binary, fitted, config.top_n)
    result.coherence = {"npmi": _r(npmi.mean()), "c_v": _r(cv.mean())}
    result.diversity = _r(diversity(top))
    chosen_row = next((row for row in result.grid if row["k"] == result.k), None)
    result.stability = chosen_row["stability"] if chosen_row else 1.0
    mixtures = fitted.passage_topics
    share = mixtures[usable].mean(axis=0)
    dominant = np.bincount(mixtures[usable].argmax(axis=1), minlength=result.k)
    topics = []
    for t in range(result.k):
        weights = fitted.components[t, top[t]]
        total = fitted.components[t].sum() or 1.0
        terms = [{"term": corpus.vocabulary[j], "weight": _r(w / total)} for j, w in zip(top[t], weights, strict=True)]
        topics.append({
            "id": t,
            "label": "、".join(item["term"] for item in terms[:config.label_terms]),
            "terms": terms,
            "coherence": {"npmi": _r(npmi[t]), "c_v": _r(cv[t])},
            "share": _r(share[t]),
            "passages": int(dominant[t]),
        })
    result.topics = topics
    result.documents = document_mixtures(documents, result)
    result.alignment = alignment_table(documents, result)
    for entry in result.topics:
        entry["codebook"] = result.alignment["best"].get(str(entry["id"]))
    from dangjian_nlp.topics.clusters import essay_clusters  # noqa: PLC0415

    result.clusters = essay_clusters(documents, result, max_clusters=config.max_clusters)


def document_mixtures(documents: Sequence[Document], result: TopicResult, *, min_weight: float = 0.01
                      ) -> dict[str, list[dict[str, Any]]]:
    """Each document's topic mixture: its passages' mixtures weighted by their length in terms.

    Returns:
        ``{document id: [{"topic", "weight"}]}``, heaviest first, weights below ``min_weight`` left out.
    """
    corpus, fitted = result.corpus, result.fitted
    if corpus is None or fitted is None or result.k == 0:
        return {document.id: [] for document in documents}
    lengths = np.asarray(corpus.counts.sum(axis=1)).ravel()
    weighted = fitted.passage_topics * lengths[:, None]
    mixtures: dict[str, list[dict[str, Any]]] = {}
    for index, document in enumerate(documents):
        rows = corpus.passage_docs == index
        total = weighted[rows].sum(axis=0)
        if total.sum() <= 0:
            mixtures[document.id] = []
            continue
        total = total / total.sum()
        order = sorted(range(result.k), key=lambda t: (-round(total[t], 4), t))
        mixtures[document.id] = [{"topic": t, "weight": _r(total[t])} for t in order if total[t] >= min_weight]
    return mixtures


def annotate_topics(documents: Sequence[Document], result: TopicResult) -> None:
    """Fill each document's ``topics`` with ``[{"topic", "weight"}]`` from ``result``."""
    mixtures = result.documents or document_mixtures(documents, result)
    for document in documents:
        document.topics = list(mixtures.get(document.id, []))


def alignment_table(documents: Sequence[Document], result: TopicResult, *, min_passages: int = 3,
                    min_lift: float = 1.5) -> dict[str, Any]:
    """How the topics line up with the codebook: mean topic weight of the passages carrying each label.

    Rows are topics, columns are roles (``role:problem`` …) and problem/countermeasure labels.
    ``lift`` divides by the topic's mean weight over all passages: above 1, the label's passages
    lean to the topic.

    Returns:
        ``labels`` (column ids), ``passages`` (passages per column), ``weights`` and ``lift``
        (topics × labels) and ``best``: per topic, the label with the highest lift among those
        with at least ``min_passages`` passages and a lift of at least ``min_lift`` (or ``None``).
    """
    corpus, fitted = result.corpus, result.fitted
    assert corpus is not None and fitted is not None
    columns: dict[str, list[int]] = {}
    row = 0
    for document in documents:
        for passage in document.passages:
            labels = {f"role:{passage.role}"} | {tag.id for tag in passage.problems} | {tag.id for tag in passage.measures}
            for label in labels:
                columns.setdefault(label, []).append(row)
            row += 1
    labels = sorted(columns, key=lambda name: (not name.startswith("role:"), name))
    mixtures = fitted.passage_topics
    has_mixture = mixtures.sum(axis=1) > 0
    overall = mixtures[has_mixture].mean(axis=0) if has_mixture.any() else np.zeros(result.k)
    weights, lifts, counts = [], [], []
    for label in labels:
        rows = np.array([r for r in columns[label] if has_mixture[r]], dtype=int)
        counts.append(int(len(rows)))
        mean = mixtures[rows].mean(axis=0) if len(rows) else np.zeros(result.k)
        weights.append(mean)
        lifts.append(np.divide(mean, overall, out=np.zeros(result.k), where=overall > 0))
    weight_matrix = np.array(weights).T if labels else np.zeros((result.k, 0))
    lift_matrix = np.array(lifts).T if labels else np.zeros((result.k, 0))
    best: dict[str, str | None] = {}
    for t in range(result.k):
        candidates = [(lift_matrix[t, j], labels[j]) for j in range(len(labels))
                      if not labels[j].startswith("role:") and counts[j] >= min_passages and lift_matrix[t, j] >= min_lift]
        best[str(t)] = max(candidates, key=lambda item: (round(item[0], 4), item[1]))[1] if candidates else None
    return {
        "labels": labels,
        "passages": counts,
        "weights": [[_r(v) for v in row_values] for row_values in weight_matrix],
        "lift": [[_r(v) for v in row_values] for row_values in lift_matrix],
        "best": best,
    }


__all__ = ["SELECTION", "TopicResult", "alignment_table", "annotate_topics", "document_mixtures", "fit_topics",
           "select_k"]
