"""The topic-backend interface, the registry that picks one by name, and the passage matrix.

A backend turns a :class:`TopicCorpus` into a :class:`FittedTopics` for one K and one seed,
and can save what it fitted. Backends register with :func:`register_backend`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
from scipy import sparse

from dangjian_nlp.registry import Registry

LOGGER = logging.getLogger(__name__)


def _identity(tokens: Sequence[str]) -> Sequence[str]:
    return tokens


@dataclass(slots=True)
class TopicCorpus:
    """Passages as matrices over one vocabulary.

    Attributes:
        vocabulary: Terms, sorted; column ``j`` of every matrix is ``vocabulary[j]``.
        counts: Passage × term counts (CSR).
        tfidf: Sublinear TF-IDF, rows L2-normalised (CSR).
        idf: The IDF of each term.
        binary: Passage × term presence (CSC), for coherence.
        passage_ids: Id of each row.
        passage_docs: Index of each row's document.
    """

    vocabulary: list[str]
    counts: sparse.csr_matrix
    tfidf: sparse.csr_matrix
    idf: np.ndarray
    binary: sparse.csc_matrix
    passage_ids: list[str]
    passage_docs: np.ndarray

    @property
    def n_passages(self) -> int:
        """Rows."""
        return self.counts.shape[0]


def build_corpus(passage_terms: Sequence[Sequence[str]], *, passage_ids: Sequence[str],
                 passage_docs: Sequence[int], min_df: int = 3, max_df: float = 0.5,
                 max_features: int | None = None) -> TopicCorpus:
    """Vectorise passages for the topic backends.

    Args:
        passage_terms: Terms of each passage (already without stopwords and boilerplate).
        passage_ids: Id of each passage.
        passage_docs: Document index of each passage.
        min_df: Drop terms in fewer passages (at least 2 whatever the value).
        max_df: Drop terms in a larger share of passages: words every passage uses tell no topic apart.
        max_features: Keep at most this many terms, those in most passages.

    Returns:
        The corpus; its vocabulary may be empty when the passages are too few or too short.
    """
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    n = len(passage_terms)
    vectorizer = CountVectorizer(analyzer=_identity, min_df=max(2, min(min_df, n)),
                                 max_df=max_df if n >= 10 else 1.0, max_features=max_features,
                                 dtype=np.float64)
    try:
        counts = vectorizer.fit_transform(passage_terms).tocsr()
        vocabulary = vectorizer.get_feature_names_out().tolist()
    except ValueError:  # nothing left after pruning
        counts, vocabulary = sparse.csr_matrix((n, 0)), []
    if vocabulary:
        transformer = TfidfTransformer(sublinear_tf=True)
        tfidf = transformer.fit_transform(counts).tocsr()
        idf = transformer.idf_
    else:
        tfidf, idf = counts.copy(), np.zeros(0)
    binary = (counts > 0).astype(np.float64).tocsc()
    return TopicCorpus(vocabulary=vocabulary, counts=counts, tfidf=tfidf, idf=idf, binary=binary,
                       passage_ids=list(passage_ids), passage_docs=np.asarray(passage_docs, dtype=int))


@dataclass(slots=True)
class FittedTopics:
    """One fitted model.

    Attributes:
        backend: Registry name of the backend.
        k: Number of topics.
        seed: Seed of the fit.
        components: Topic × term weights (non-negative).
        passage_topics: Passage × topic mixtures; each row sums to 1 (or is all zeros for
            a passage with no vocabulary term).
        model: The backend's own fitted object (for saving).
        fit_cosine: Per passage, cosine between its vector and the model's reconstruction of it
            (0 for a passage the model leaves out).
    """

    backend: str
    k: int
    seed: int
    components: np.ndarray
    passage_topics: np.ndarray
    model: Any = None
    fit_cosine: np.ndarray | None = None

    def top_terms(self, n: int = 10) -> np.ndarray:
        """Column indices of each topic's ``n`` heaviest terms, heaviest first (ties by index)."""
        return np.argsort(-self.components, axis=1, kind="stable")[:, :n]


@runtime_checkable
class TopicBackend(Protocol):
    """A topic model family."""

    name: str

    def fit(self, corpus: TopicCorpus, *, k: int, seed: int) -> FittedTopics:
        """Fit ``k`` topics with ``seed``; the same inputs give the same result."""
        ...

    def save(self, fitted: FittedTopics, out_dir: Path) -> list[Path]:
        """Write the backend-specific model files into ``out_dir``; return their paths."""
        ...


BackendFactory = Callable[[], TopicBackend]
_REGISTRY: Registry[BackendFactory] = Registry("topic backend", sort_names=True)


def register_backend(name: str) -> Callable[[BackendFactory], BackendFactory]:
    """Class decorator: make a topic backend available under ``name``."""
    return _REGISTRY.register(name)


def available_backends() -> list[str]:
    """Names accepted by :func:`get_backend`."""
    return _REGISTRY.names()


def get_backend(name: str) -> TopicBackend:
    """A fresh backend ``name``.

    Raises:
        DangjianError: For an unknown name, listing the known ones.
    """
    return _REGISTRY.get(name)()


def reconstruction_cosine(matrix: sparse.spmatrix, weights: np.ndarray, components: np.ndarray) -> np.ndarray:
    """Cosine between each row of ``matrix`` and its reconstruction ``weights @ components``."""
    dot = (np.asarray(matrix @ components.T) * weights).sum(axis=1)
    norm_rec = np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", weights, components @ components.T, weights), 0.0))
    norm_row = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    denominator = norm_rec * norm_row
    return np.divide(dot, denominator, out=np.zeros_like(dot, dtype=float), where=denominator > 0)


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to sum to 1; all-zero rows stay zero."""
    sums = matrix.sum(axis=1, keepdims=True)
    return np.divide(matrix, sums, out=np.zeros_like(matrix, dtype=float), where=sums > 0)
