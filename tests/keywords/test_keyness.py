"""Log-likelihood keyness: hand-computed values and real comparisons."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from dangjian_nlp.keywords import keyness, keyness_counts


def test_log_likelihood_matches_the_hand_computation() -> None:
    target = Counter({"两张皮": 10, "其他": 90})
    reference = Counter({"两张皮": 2, "其他": 98})
    (row,) = keyness_counts(target, reference, min_count=1, p_max=1.0)
    expected = 2 * (10 * math.log(10 / 6) + 2 * math.log(2 / 6))
    assert row.term == "两张皮"
    assert row.log_likelihood == pytest.approx(expected, abs=1e-3)
    assert row.log_ratio == pytest.approx(math.log2((10.5 / 100) / (2.5 / 100)), abs=1e-3)
    assert (row.target, row.reference) == (10, 2)
    assert row.p_value < 0.05


def test_underused_terms_are_signed_negative() -> None:
    target = Counter({"考核": 2, "培训": 50})
    reference = Counter({"考核": 40, "培训": 12})
    rows = keyness_counts(target, reference, min_count=1, p_max=1.0, overused_only=False)
    signs = {row.term: row.log_likelihood for row in rows}
    assert signs["培训"] > 0 > signs["考核"]
    assert [row.term for row in keyness_counts(target, reference, min_count=1, p_max=1.0)] == ["培训"]


def test_empty_groups_give_nothing() -> None:
    assert keyness_counts(Counter(), Counter({"a": 3})) == []


def test_court_essays_against_the_rest(gold_documents) -> None:
    court = [d for d in gold_documents if d.id in {"000-01", "000-03"}]
    rest = [d for d in gold_documents if d.id not in {"000-01", "000-03"}]
    terms = [row.term for row in keyness(court, rest, top_k=10)]
    assert {"法院", "审判", "法官"} <= set(terms[:6])
    reverse = [row.term for row in keyness(rest, court, top_k=30)]
    assert "法院" not in reverse
