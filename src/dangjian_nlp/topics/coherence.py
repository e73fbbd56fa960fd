"""Topic quality from passage-level co-occurrence: NPMI, c_v, diversity, stability across seeds.

All vectorised over the passage × term presence matrix: the probabilities are shares of
passages that contain a term (or both terms), so a topic scores high when its top terms
turn up in the same passages.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment

LOGGER = logging.getLogger(__name__)

EPSILON = 1e-12


def _probabilities(binary: sparse.spmatrix, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Marginal and joint passage probabilities of the given term columns."""
    sub = sparse.csc_matrix(binary)[:, terms]
    n = max(1, binary.shape[0])
    joint = (sub.T @ sub).toarray() / n
    return np.diag(joint).copy(), joint


def _npmi(marginal: np.ndarray, joint: np.ndarray, epsilon: float) -> np.ndarray:
    outer = np.outer(marginal, marginal)
    with np.errstate(divide="ignore", invalid="ignore"):
        if epsilon:
            value = np.log((joint + epsilon) / np.where(outer > 0, outer, 1.0)) / -np.log(joint + epsilon)
        else:
            value = np.log(joint / outer) / -np.log(joint)
            value = np.where(joint > 0, value, -1.0)
            value = np.where(joint >= 1.0, 1.0, value)  # both terms in every passage
    value = np.where(outer > 0, value, 0.0 if epsilon else -1.0)
    return np.nan_to_num(value, nan=0.0, posinf=1.0, neginf=-1.0)


def npmi_matrix(binary: sparse.spmatrix, terms: np.ndarray, *, epsilon: float = 0.0) -> np.ndarray:
    """Normalised PMI between every pair of ``terms`` (-1 for pairs that never co-occur).

    Args:
        binary: Passage × term presence.
        terms: Column indices.
        epsilon: Added to joint probabilities (``c_v`` uses ``1e-12``; plain NPMI uses 0).
    """
    marginal, joint = _probabilities(binary, np.asarray(terms))
    return _npmi(marginal, joint, epsilon)


def _per_topic(binary: sparse.spmatrix, top_terms: np.ndarray, epsilon: float) -> list[np.ndarray]:
    """NPMI matrices of every topic's top terms, from one co-occurrence product over their union."""
    top_terms = np.asarray(top_terms)
    union, inverse = np.unique(top_terms, return_inverse=True)
    inverse = inverse.reshape(top_terms.shape)
    marginal, joint = _probabilities(binary, union)
    return [_npmi(marginal[row], joint[np.ix_(row, row)], epsilon) for row in inverse]


def topic_npmi(binary: sparse.spmatrix, top_terms: np.ndarray) -> np.ndarray:
    """Mean NPMI over the pairs of each topic's top terms (one value per topic)."""
    scores = []
    for matrix in _per_topic(binary, top_terms, 0.0):
        upper = np.triu_indices(len(matrix), k=1)
        scores.append(float(matrix[upper].mean()) if len(matrix) > 1 else 0.0)
    return np.array(scores)


def topic_cv(binary: sparse.spmatrix, top_terms: np.ndarray) -> np.ndarray:
    """c_v coherence of each topic, with passages as the co-occurrence windows.

    Röder et al.'s c_v: each top term's vector of NPMI with all top terms, compared (cosine)
    with the sum of those vectors; gensim's ``c_v`` does the same over sliding windows of
    110 tokens, about a passage.
    """
    scores = []
    for matrix in _per_topic(binary, top_terms, EPSILON):
        total = matrix.sum(axis=0)
        norms = np.linalg.norm(matrix, axis=1) * np.linalg.norm(total)
        cosines = np.divide(matrix @ total, norms, out=np.zeros(len(matrix)), where=norms > 0)
        scores.append(float(cosines.mean()))
    return np.array(scores)


def diversity(top_terms: np.ndarray) -> float:
    """Share of distinct terms among all topics' top terms (1 = no term shared)."""
    flat = np.asarray(top_terms).ravel()
    return float(len(np.unique(flat)) / len(flat)) if len(flat) else 0.0


def jaccard_matrix(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Jaccard similarity between every topic of one run and every topic of another (top-term sets)."""
    sets_a = [set(row.tolist()) for row in first]
    sets_b = [set(row.tolist()) for row in second]
    return np.array([[len(a & b) / len(a | b) if a | b else 1.0 for b in sets_b] for a in sets_a])


def stability(runs: Sequence[np.ndarray]) -> float:
    """Mean top-term Jaccard of topics matched one-to-one (Hungarian) between every pair of runs.

    Args:
        runs: Top-term index arrays (topics × n) of fits with different seeds.

    Returns:
        1.0 when every seed finds the same topics; 1.0 as well for a single run.
    """
    values = []
    for i in range(len(runs)):
        for j in range(i + 1, len(runs)):
            similarity = jaccard_matrix(runs[i], runs[j])
            rows, cols = linear_sum_assignment(-similarity)
            values.append(float(similarity[rows, cols].mean()))
    return float(np.mean(values)) if values else 1.0
