"""Keyness: which terms one group of documents (or passages) uses more than another.

Dunning's log-likelihood (G²) for significance, Hardie's log ratio for effect size, both
computed for the whole vocabulary at once.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from scipy.stats import chi2

from dangjian_nlp.types import Document

from dangjian_nlp.keywords.tokens import document_passage_terms

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class KeyTerm:
    """One term's keyness in a target group against a reference group.

    Attributes:
        term: The term.
        target: Occurrences in the target group.
        reference: Occurrences in the reference group.
        log_likelihood: Signed G²: positive when the target uses the term more (per token).
        log_ratio: log2 of the ratio of relative frequencies (0.5 added to both counts).
        p_value: Chi-squared (1 df) tail probability of the G² value.
    """

    term: str
    target: int
    reference: int
    log_likelihood: float
    log_ratio: float
    p_value: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


def keyness_counts(target: Counter[str], reference: Counter[str], *, min_count: int = 3,
                   p_max: float = 0.05, top_k: int | None = None, overused_only: bool = True) -> list[KeyTerm]:
    """Log-likelihood keyness from two term counters.

    Args:
        target: Term counts of the group studied.
        reference: Term counts of the group it is compared with.
        min_count: Ignore terms seen fewer times in both groups together.
        p_max: Keep terms whose G² p-value is at most this (``1.0`` keeps all).
        top_k: Keep at most this many terms (``None``: all).
        overused_only: Keep only terms the target uses more than the reference.

    Returns:
        Key terms, sorted by signed G² (largest first), ties by term.
    """
    vocabulary = sorted(term for term in set(target) | set(reference)
                        if target.get(term, 0) + reference.get(term, 0) >= min_count)
    total_a, total_b = sum(target.values()), sum(reference.values())
    if not vocabulary or total_a == 0 or total_b == 0:
        return []
    a = np.array([target.get(term, 0) for term in vocabulary], dtype=float)
    b = np.array([reference.get(term, 0) for term in vocabulary], dtype=float)
    expected_a = total_a * (a + b) / (total_a + total_b)
    expected_b = total_b * (a + b) / (total_a + total_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        part_a = np.where(a > 0, a * np.log(a / expected_a), 0.0)
        part_b = np.where(b > 0, b * np.log(b / expected_b), 0.0)
    g2 = 2.0 * (part_a + part_b)
    overused = a / total_a >= b / total_b
    signed = np.where(overused, g2, -g2)
    log_ratio = np.log2(((a + 0.5) / total_a) / ((b + 0.5) / total_b))
    p_values = chi2.sf(g2, 1)
    order = sorted(range(len(vocabulary)), key=lambda i: (-signed[i], vocabulary[i]))
    rows = []
    for i in order:
        if (overused_only and not overused[i]) or p_values[i] > p_max:
            continue
        rows.append(KeyTerm(vocabulary[i], int(a[i]), int(b[i]), round(float(signed[i]), 4),
                            round(float(log_ratio[i]), 4), float(f"{p_values[i]:.4g}")))
        if top_k is not None and len(rows) >= top_k:
            break
    return rows


def count_terms(groups: Iterable[Sequence[Sequence[str]]]) -> Counter[str]:
    """Term counts over groups of passages' terms."""
    counts: Counter[str] = Counter()
    for passages in groups:
        for terms in passages:
            counts.update(terms)
    return counts


def keyness(target_docs: Sequence[Document], reference_docs: Sequence[Document], *, min_count: int = 3,
            p_max: float = 0.05, top_k: int | None = 50) -> list[KeyTerm]:
    """Terms that ``target_docs`` use significantly more than ``reference_docs`` (log-likelihood).

    Args:
        target_docs: The group studied (say, reports of one year or one kind of unit).
        reference_docs: The rest, or another group.
        min_count: Ignore rarer terms.
        p_max: Significance threshold on the G² p-value.
        top_k: Keep at most this many terms (``None``: all).

    Returns:
        Key terms, largest G² first.
    """
    target = count_terms(document_passage_terms(target_docs))
    reference = count_terms(document_passage_terms(reference_docs))
    return keyness_counts(target, reference, min_count=min_count, p_max=p_max, top_k=top_k)
