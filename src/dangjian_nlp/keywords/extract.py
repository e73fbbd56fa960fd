"""Keyword extractors over passage terms: TF-IDF (IDF learned on the analysed corpus) and TextRank.

An extractor takes, for each document, the term lists of its passages and returns, for each
document, ``(term, score)`` pairs best first. Extractors register by name
(:func:`register_extractor`) and are picked with :func:`get_extractor`.
"""

from __future__ import annotations

import heapq
import logging
import math
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import chain

import numpy as np
from scipy import sparse

from dangjian_nlp.registry import Registry

LOGGER = logging.getLogger(__name__)

CorpusTerms = Sequence[Sequence[Sequence[str]]]
"""Documents → passages → terms."""
Keywords = list[tuple[str, float]]
Extractor = Callable[..., list[Keywords]]

_REGISTRY: Registry[Extractor] = Registry("keyword method", sort_names=True)


def register_extractor(name: str) -> Callable[[Extractor], Extractor]:
    """Decorator: make a keyword extractor available under ``name``."""
    return _REGISTRY.register(name)


def available_extractors() -> list[str]:
    """Names accepted by :func:`get_extractor`."""
    return _REGISTRY.names()


def get_extractor(name: str) -> Extractor:
    """The keyword extractor registered as ``name``.

    Raises:
        DangjianError: For an unknown name, listing the known ones.
    """
    return _REGISTRY.get(name)


def _best(scores: dict[str, float], top_k: int) -> Keywords:
    def key(item: tuple[str, float]) -> tuple[float, str]:
        return -item[1], item[0]

    if isinstance(top_k, int) and 0 <= top_k < len(scores):
        ranked = heapq.nsmallest(top_k, scores.items(), key=key)  # sorted(...)[:top_k] without a full sort
    else:
        ranked = sorted(scores.items(), key=key)[:top_k]
    return [(term, round(score, 4)) for term, score in ranked if score > 0]


def passage_idf(corpus: CorpusTerms) -> dict[str, float]:
    """Smoothed IDF over all passages of the corpus: ``ln((1 + N) / (1 + df)) + 1``.

    Passages, not documents, are the units: a folder of a dozen essays gives too few
    documents for a useful document frequency.
    """
    df: Counter[str] = Counter()
    total = 0
    for passages in corpus:
        for terms in passages:
            df.update(set(terms))
            total += 1
    return {term: math.log((1 + total) / (1 + count)) + 1.0 for term, count in df.items()}


def tfidf_scores(passages: Sequence[Sequence[str]], idf: dict[str, float]) -> dict[str, float]:
    """L2-normalised sublinear TF-IDF of one group of passages (a document or a role group)."""
    counts = Counter(chain.from_iterable(passages))
    raw = {term: (1.0 + math.log(count)) * idf.get(term, 1.0) for term, count in counts.items()}
    norm = math.sqrt(sum(value * value for value in raw.values())) or 1.0
    return {term: value / norm for term, value in raw.items()}


@register_extractor("tfidf")
def tfidf_keywords(corpus: CorpusTerms, *, top_k: int = 10, idf: dict[str, float] | None = None) -> list[Keywords]:
    """TF-IDF keywords of each document, with IDF learned on ``corpus`` itself.

    Args:
        corpus: Documents → passages → terms.
        top_k: Keywords per document.
        idf: A precomputed IDF table (default: :func:`passage_idf` of ``corpus``).

    Returns:
        For each document, up to ``top_k`` ``(term, score)`` pairs, best first (ties by term).
    """
    idf = passage_idf(corpus) if idf is None else idf
    return [_best(tfidf_scores(passages, idf), top_k) for passages in corpus]


def _cooccurrence_pairs(passages: Sequence[Sequence[int]], window: int) -> tuple[np.ndarray, np.ndarray]:
    """Both directions of every link between distinct term ids within ``window`` terms in a passage.

    Vectorised over the whole document: ids of all passages are laid end to end and, for each
    distance ``1 … window - 1``, a pair counts when both ends lie in the same passage.

    Returns:
        ``(rows, cols)``, one entry per directed link occurrence (a pair seen twice appears twice).
    """
    lengths = [len(terms) for terms in passages]
    ids = np.fromiter(chain.from_iterable(passages), dtype=np.int64, count=sum(lengths))
    owner = np.repeat(np.arange(len(passages)), lengths)
    lefts, rights = [], []
    for distance in range(1, window):
        if distance >= len(ids):
            break
        left, right = ids[:-distance], ids[distance:]
        keep = (owner[:-distance] == owner[distance:]) & (left != right)
        lefts.append(left[keep])
        rights.append(right[keep])
    if not lefts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    left, right = np.concatenate(lefts), np.concatenate(rights)
    return np.concatenate((left, right)), np.concatenate((right, left))


def _count_graph(rows: np.ndarray, cols: np.ndarray, size: int) -> sparse.csr_matrix:
    """The ``size`` × ``size`` CSR matrix counting each ``(row, col)`` pair, in canonical form.

    The same matrix as ``csr_matrix((ones, (rows, cols)))`` (duplicates summed, indices sorted),
    built from one ``np.unique`` of the pair keys instead of a COO conversion.
    """
    keys, counts = np.unique(rows * size + cols, return_counts=True)
    row_of, col_of = np.divmod(keys, size)
    indptr = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(row_of, minlength=size), out=indptr[1:])
    return sparse.csr_matrix((counts.astype(np.float64), col_of, indptr), shape=(size, size))


def textrank_scores(passages: Sequence[Sequence[str]], *, window: int = 5, damping: float = 0.85,
                    iterations: int = 100, tolerance: float = 1e-8) -> dict[str, float]:
    """TextRank of one document: PageRank over the co-occurrence graph of its terms.

    Two terms are linked when they occur within ``window`` terms of each other in the same
    passage; edge weights are co-occurrence counts. The graph is built once with numpy and
    its transposed transition matrix once per document, outside the power iteration.
    """
    vocabulary = sorted({term for terms in passages for term in terms})
    if not vocabulary:
        return {}
    index = {term: i for i, term in enumerate(vocabulary)}
    rows, cols = _cooccurrence_pairs([[index[term] for term in terms] for terms in passages], window)
    size = len(vocabulary)
    if not len(rows):
        return {term: 1.0 / size for term in vocabulary}
    graph = _count_graph(rows, cols, size)
    out_weight = np.asarray(graph.sum(axis=1)).ravel()
    out_weight[out_weight == 0] = 1.0
    transition = sparse.diags(1.0 / out_weight) @ graph  # row-stochastic
    incoming = transition.T  # transposed once, not at every iteration
    rank = np.full(size, 1.0 / size)
    for _ in range(iterations):
        updated = (1 - damping) / size + damping * (incoming @ rank)
        if np.abs(updated - rank).sum() < tolerance:
            rank = updated
            break
        rank = updated
    rank = rank / rank.max()
    return {term: float(value) for term, value in zip(vocabulary, rank.tolist())}


@register_extractor("textrank")
def textrank_keywords(corpus: CorpusTerms, *, top_k: int = 10, window: int = 5) -> list[Keywords]:
    """TextRank keywords of each document (scores scaled so the best term is 1).

    Args:
        corpus: Documents → passages → terms.
        top_k: Keywords per document.
        window: Co-occurrence window in terms.

    Returns:
        For each document, up to ``top_k`` ``(term, score)`` pairs, best first (ties by term).
    """
    return [_best(textrank_scores(passages, window=window), top_k) for passages in corpus]
