"""Keyword extractors over passage terms: TF-IDF (IDF learned on the analysed corpus) and TextRank.

An extractor takes, for each document, the term lists of its passages and returns, for each
document, ``(term, score)`` pairs best first. Extractors register by name
(:func:`register_extractor`) and are picked with :func:`get_extractor`.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Callable, Sequence

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
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [(term, round(score, 4)) for term, score in ranked[:top_k] if score > 0]


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
    counts = Counter(term for terms in passages for term in terms)
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


def textrank_scores(passages: Sequence[Sequence[str]], *, window: int = 5, damping: float = 0.85,
                    iterations: int = 100, tolerance: float = 1e-8) -> dict[str, float]:
    """TextRank of one document: PageRank over the co-occurrence graph of its terms.

    Two terms are linked when they occur within ``window`` terms of each other in the same
    passage; edge weights are co-occurrence counts.
    """
    vocabulary = sorted({term for terms in passages for term in terms})
    if not vocabulary:
        return {}
    index = {term: i for i, term in enumerate(vocabulary)}
    rows, cols = [], []
    for terms in passages:
        ids = [index[term] for term in terms]
        for i, left in enumerate(ids):
            for right in ids[i + 1:i + window]:
                if left != right:
                    rows.extend((left, right))
                    cols.extend((right, left))
    size = len(vocabulary)
    if not rows:
        return {term: 1.0 / size for term in vocabulary}
    graph = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(size, size))
    out_weight = np.asarray(graph.sum(axis=1)).ravel()
    out_weight[out_weight == 0] = 1.0
    transition = sparse.diags(1.0 / out_weight) @ graph  # row-stochastic
    rank = np.full(size, 1.0 / size)
    for _ in range(iterations):
        updated = (1 - damping) / size + damping * (transition.T @ rank)
        if np.abs(updated - rank).sum() < tolerance:
            rank = updated
            break
        rank = updated
    rank = rank / rank.max()
    return {term: float(rank[index[term]]) for term in vocabulary}


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
