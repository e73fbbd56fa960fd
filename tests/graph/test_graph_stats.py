"""Edge statistics against hand-computed values and an independent Fisher test."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import fisher_exact

from dangjian_nlp.graph.stats import benjamini_hochberg, edge_statistics

# n_ab, n_a, n_b, N, jaccard, npmi, association
CASES = [
    (2, 3, 3, 4, 0.5, math.log(0.5 / 0.5625) / -math.log(0.5), 8 / 9),
    (2, 3, 2, 4, 2 / 3, math.log(0.5 / 0.375) / -math.log(0.5), 4 / 3),
    (1, 3, 2, 4, 0.25, math.log(0.25 / 0.375) / -math.log(0.25), 2 / 3),
    (2, 3, 3, 6, 0.5, math.log((2 / 6) / 0.25) / -math.log(2 / 6), 4 / 3),
    (5, 5, 5, 5, 1.0, 1.0, 1.0),          # always together: NPMI 1 by convention
    (0, 3, 2, 10, 0.0, -1.0, 0.0),        # never together: NPMI -1
    (3, 3, 3, 20, 1.0, 1.0, 20 / 3),      # perfect association in a large sample
]


@pytest.mark.parametrize(("n_ab", "n_a", "n_b", "n", "jaccard", "npmi", "association"), CASES)
def test_statistics_match_hand_values(n_ab, n_a, n_b, n, jaccard, npmi, association):
    table = edge_statistics(np.array([n_ab]), np.array([n_a]), np.array([n_b]), n)
    assert table["jaccard"][0] == pytest.approx(jaccard)
    assert table["npmi"][0] == pytest.approx(npmi)
    assert table["association"][0] == pytest.approx(association)


@pytest.mark.parametrize(("n_ab", "n_a", "n_b", "n"), [(2, 3, 3, 4), (2, 3, 2, 4), (3, 3, 3, 20), (4, 10, 6, 30),
                                                       (5, 8, 9, 12), (7, 9, 8, 40)])
def test_p_value_is_one_sided_fisher(n_ab, n_a, n_b, n):
    table = [[n_ab, n_a - n_ab], [n_b - n_ab, n - n_a - n_b + n_ab]]
    expected = fisher_exact(table, alternative="greater").pvalue
    got = edge_statistics(np.array([n_ab]), np.array([n_a]), np.array([n_b]), n)["p_value"][0]
    assert got == pytest.approx(expected, rel=1e-9)


def test_benjamini_hochberg_by_hand():
    # sorted p 0.01, 0.02, 0.03, 0.5 → 0.04, 0.04, 0.04, 0.5 (monotone from the top)
    q = benjamini_hochberg(np.array([0.5, 0.01, 0.03, 0.02]))
    assert q.tolist() == pytest.approx([0.5, 0.04, 0.04, 0.04])
    assert benjamini_hochberg(np.array([])).size == 0


def test_more_cooccurrence_than_chance_is_more_significant():
    table = edge_statistics(np.array([1, 3]), np.array([3, 3]), np.array([3, 3]), 12)
    assert table["p_value"][1] < table["p_value"][0]
    assert table["npmi"][1] > table["npmi"][0]


@st.composite
def contingency(draw):
    n = draw(st.integers(1, 60))
    n_a = draw(st.integers(1, n))
    n_b = draw(st.integers(1, n))
    n_ab = draw(st.integers(max(1, n_a + n_b - n), min(n_a, n_b)))
    return n_ab, n_a, n_b, n


@settings(max_examples=200, deadline=None)
@given(contingency())
def test_statistics_stay_in_range(case):
    n_ab, n_a, n_b, n = case
    table = edge_statistics(np.array([n_ab]), np.array([n_a]), np.array([n_b]), n)
    assert 0.0 < table["jaccard"][0] <= 1.0
    assert -1.0 - 1e-9 <= table["npmi"][0] <= 1.0 + 1e-9
    assert table["association"][0] > 0.0
    assert 0.0 <= table["p_value"][0] <= 1.0
    # independence (n_ab equal to its expectation) gives NPMI 0 and association 1
    if n_ab * n == n_a * n_b and n_ab < n:
        assert table["npmi"][0] == pytest.approx(0.0, abs=1e-9)
        assert table["association"][0] == pytest.approx(1.0)


@settings(max_examples=150, deadline=None)
@given(contingency())
def test_upper_tail_matches_scipy(case):
    from scipy.stats import hypergeom

    n_ab, n_a, n_b, n = case
    got = edge_statistics(np.array([n_ab]), np.array([n_a]), np.array([n_b]), n)["p_value"][0]
    assert got == pytest.approx(hypergeom.sf(n_ab - 1, n, n_a, n_b), rel=1e-9, abs=1e-15)


def test_upper_tail_on_large_counts():
    from scipy.stats import hypergeom

    k, a, b, n = np.array([300, 150, 1]), np.array([1500, 1500, 3]), np.array([1000, 1000, 2]), 5290
    expected = hypergeom.sf(k - 1, n, a, b)
    got = edge_statistics(k, a, b, n)["p_value"]
    assert got == pytest.approx(expected, rel=1e-7, abs=1e-300)
