"""Quality floors on the labelled dev passages (regression guards, far below the README figures).

The rule layer is scored on dev directly (it was not fitted to it); the learned layer is scored
by grouped cross-validation in ``python -m dangjian_nlp.tagging.evaluate`` (too slow for a test).
"""

from __future__ import annotations

from dangjian_nlp.tagging.evaluate import predict, score


def test_rule_layer_dev_floor(rule_tagger, gold_rows) -> None:
    result = score(gold_rows, predict(rule_tagger, gold_rows))
    assert result["role_acc"] >= 0.6
    assert result["problem_f1"] >= 0.65
    assert result["measure_f1"] >= 0.58
    assert result["doc_problem_f1"] >= 0.65
    assert result["doc_measure_f1"] >= 0.7


def test_heading_context_helps_roles(rule_tagger, gold_rows) -> None:
    with_context = score(gold_rows, predict(rule_tagger, gold_rows, context=True))["role_acc"]
    without = score(gold_rows, predict(rule_tagger, gold_rows, context=False))["role_acc"]
    assert with_context > without
