"""NPMI, c_v, diversity and stability on matrices whose answers are known."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from dangjian_nlp.topics import diversity, npmi_matrix, stability, topic_cv, topic_npmi

# Eight passages × four terms: 0 and 1 always together, 2 never with 0, 3 in every other passage.
PRESENCE = sparse.csc_matrix(np.array([
    [1, 1, 0, 1],
    [1, 1, 0, 0],
    [1, 1, 0, 1],
    [1, 1, 0, 0],
    [0, 0, 1, 1],
    [0, 0, 1, 0],
    [0, 0, 1, 1],
    [0, 0, 1, 0],
], dtype=float))


@pytest.mark.parametrize(("i", "j", "expected"), [
    (0, 1, 1.0),    # always together
    (0, 2, -1.0),   # never together
    (0, 3, 0.0),    # independent: p(ij) = p(i) p(j)
])
def test_npmi_of_known_pairs(i: int, j: int, expected: float) -> None:
    matrix = npmi_matrix(PRESENCE, np.array([i, j]))
    assert matrix[0, 1] == pytest.approx(expected, abs=1e-9)
    assert matrix[0, 1] == matrix[1, 0]


def test_topic_scores_rank_a_coherent_topic_above_a_mixed_one() -> None:
    topics = np.array([[0, 1], [0, 2]])
    npmi = topic_npmi(PRESENCE, topics)
    assert npmi.tolist() == pytest.approx([1.0, -1.0])
    cv = topic_cv(PRESENCE, topics)
    assert cv[0] > cv[1]
    assert np.all((cv >= -1) & (cv <= 1))


def test_diversity_counts_distinct_top_terms() -> None:
    assert diversity(np.array([[0, 1, 2], [3, 4, 5]])) == 1.0
    assert diversity(np.array([[0, 1, 2], [0, 1, 3]])) == pytest.approx(4 / 6)


def test_stability_matches_topics_whatever_their_order() -> None:
    run = np.array([[0, 1, 2], [3, 4, 5]])
    assert stability([run, run[::-1]]) == 1.0
    assert stability([run, np.array([[6, 7, 8], [9, 10, 11]])]) == 0.0
    half = np.array([[0, 1, 9], [3, 4, 5]])
    assert stability([run, half]) == pytest.approx((0.5 + 1.0) / 2)
    assert stability([run]) == 1.0
