"""build_graphs on the hand-built corpus (counts checked by hand in conftest's comments below).

Document window, countermeasure codes only (no term nodes), every pair kept (NPMI >= -1):
units d1..d4 (N = 4); M.integration in d1 d2 d3, M.training in d1 d2 d4, M.staffing in d1 d3.
d4's M.supervision sits on an ``other`` passage and is not a recommendation.
"""

from __future__ import annotations

import math

import pytest

from dangjian_nlp.errors import DangjianError
from dangjian_nlp.graph import build_graphs

ALL_PAIRS = {"min_score": -1.0, "max_terms": 0, "bootstrap": 0}

# (a, b): count, documents, passages, jaccard, association, p_value, document_ids, evidence passage ids
DOCUMENT_WINDOW = {
    ("M.integration", "M.training"): (2, 2, 2, 0.5, 8 / 9, 1.0, ["d1", "d2"], ["d1-p001", "d2-p001"]),
    ("M.integration", "M.staffing"): (2, 2, 4, 2 / 3, 4 / 3, 0.5, ["d1", "d3"],
                                      ["d1-p001", "d1-p002", "d3-p001", "d3-p002"]),
    ("M.staffing", "M.training"): (1, 1, 2, 0.25, 2 / 3, 1.0, ["d1"], ["d1-p001", "d1-p002"]),
}


def test_document_window_edges_by_hand(hand_documents):
    graphs = build_graphs(hand_documents, window="document", **ALL_PAIRS)
    graph = graphs.cooccurrence
    assert graph.graph["units"] == 4
    assert sorted(graph.nodes) == ["M.integration", "M.staffing", "M.training"]
    assert {tuple(sorted(e)) for e in graph.edges} == set(DOCUMENT_WINDOW)
    for (a, b), (count, docs, passages, jaccard, association, p_value, doc_ids, evidence) in DOCUMENT_WINDOW.items():
        data = graph.edges[a, b]
        assert (data["count"], data["documents"], data["passages"]) == (count, docs, passages)
        assert data["jaccard"] == pytest.approx(jaccard, abs=1e-6)
        assert data["association"] == pytest.approx(association, abs=1e-6)
        assert data["p_value"] == pytest.approx(p_value, abs=1e-6)
        assert data["document_ids"] == doc_ids
        assert data["passage_ids"] == evidence


@pytest.mark.parametrize(("node", "units", "passages", "label"), [
    ("M.integration", 3, 3, "融合机制"),
    ("M.training", 3, 3, "教育培训"),
    ("M.staffing", 2, 2, "队伍配备"),
])
def test_node_counts_and_codebook_labels(hand_documents, node, units, passages, label):
    graph = build_graphs(hand_documents, **ALL_PAIRS).cooccurrence
    data = graph.nodes[node]
    assert (data["units"], data["passages"], data["kind"], data["label"]) == (units, passages, "countermeasure", label)


def test_default_threshold_drops_pairs_below_chance(hand_documents):
    # NPMI of integration–training is log(0.5/0.5625)/log 2 < 0 and of staffing–training < 0.
    graph = build_graphs(hand_documents, max_terms=0, bootstrap=0).cooccurrence
    assert [tuple(sorted(e)) for e in graph.edges] == [("M.integration", "M.staffing")]
    assert graph.edges["M.integration", "M.staffing"]["npmi"] == pytest.approx(math.log(4 / 3) / math.log(2), abs=1e-6)


def test_min_count_threshold(hand_documents):
    graph = build_graphs(hand_documents, min_count=2, **ALL_PAIRS).cooccurrence
    assert {tuple(sorted(e)) for e in graph.edges} == {("M.integration", "M.training"), ("M.integration", "M.staffing")}


def test_max_p_value_threshold(hand_documents):
    graph = build_graphs(hand_documents, max_p_value=0.6, **ALL_PAIRS).cooccurrence
    assert [tuple(sorted(e)) for e in graph.edges] == [("M.integration", "M.staffing")]


def test_passage_window_by_hand(hand_documents):
    # six recommendation passages; only d1-p001 and d2-p001 carry two codes.
    graph = build_graphs(hand_documents, window="passage", **ALL_PAIRS).cooccurrence
    assert graph.graph["units"] == 6
    assert list(graph.edges(data=True)) == [("M.integration", "M.training", graph.edges["M.integration", "M.training"])]
    data = graph.edges["M.integration", "M.training"]
    assert (data["count"], data["documents"], data["passages"]) == (2, 2, 2)
    assert data["passage_ids"] == ["d1-p001", "d2-p001"]
    assert data["npmi"] == pytest.approx(math.log((2 / 6) / 0.25) / -math.log(2 / 6), abs=1e-6)
    assert data["p_value"] == pytest.approx(0.5, abs=1e-6)
    assert "M.staffing" not in graph  # no edge left
    kept = build_graphs(hand_documents, window="passage", keep_isolates=True, **ALL_PAIRS).cooccurrence
    assert kept.degree("M.staffing") == 0


# problem → countermeasure: (P, M): documents, passages, answers (codebook: P.part_time → M.staffing)
PROBLEM_MEASURE = {
    ("P.priority", "M.integration"): (2, 4, False),
    ("P.priority", "M.training"): (2, 4, False),
    ("P.priority", "M.staffing"): (1, 2, False),
    ("P.part_time", "M.integration"): (2, 4, False),
    ("P.part_time", "M.training"): (1, 2, False),
    ("P.part_time", "M.staffing"): (1, 2, True),
    ("P.formalism", "M.training"): (1, 2, False),
}


def test_problem_measure_graph_by_hand(hand_documents):
    graph = build_graphs(hand_documents, **ALL_PAIRS).problem_measure
    assert graph.is_directed()
    assert set(graph.edges) == set(PROBLEM_MEASURE)
    for (p, m), (documents, passages, answers) in PROBLEM_MEASURE.items():
        data = graph.edges[p, m]
        assert (data["count"], data["documents"], data["passages"], data["answers"]) == (documents, documents,
                                                                                        passages, answers)
    assert graph.nodes["P.priority"]["kind"] == "problem"
    assert graph.nodes["M.training"]["kind"] == "countermeasure"
    assert "M.supervision" not in graph  # tagged on an "other" passage only


def test_min_passages_uses_the_codebook_document_rule(hand_documents):
    # With two passages required, no document carries any code twice: no edge at all.
    graphs = build_graphs(hand_documents, min_passages=2, **ALL_PAIRS)
    assert graphs.cooccurrence.number_of_edges() == 0
    assert graphs.problem_measure.number_of_edges() == 0


def test_term_nodes_come_from_recommendation_passages(hand_documents):
    graphs = build_graphs(hand_documents, min_score=-1.0, bootstrap=0, term_strategy="domain", max_df_ratio=1.0)
    terms = [t.term for t in graphs.terms]
    assert {"双向交流", "一岗双责", "党务干部"} <= set(terms)
    assert "两张皮" not in terms  # only in problem passages: share 0
    graph = graphs.cooccurrence
    assert graph.nodes["双向交流"]["kind"] == "term"
    assert graph.nodes["双向交流"]["document_ids"] == ["d1", "d2"]
    edge = graph.edges["双向交流", "M.integration"]
    assert edge["count"] == 2 and edge["document_ids"] == ["d1", "d2"]


@pytest.mark.parametrize("max_terms", [0, 1, 2])
def test_term_count_is_bounded(hand_documents, max_terms):
    graphs = build_graphs(hand_documents, min_score=-1.0, bootstrap=0, max_terms=max_terms, max_df_ratio=1.0)
    assert len(graphs.terms) == max_terms
    assert sum(1 for _, kind in graphs.cooccurrence.nodes(data="kind") if kind == "term") <= max_terms


@pytest.mark.parametrize("bad", [{"window": "sentence"}, {"score": "pmi"}, {"min_count": 0},
                                 {"term_strategy": "magic"}, {"max_p_value": 0.0}, {"bootstrap": -1}])
def test_bad_options_raise_clear_errors(hand_documents, bad):
    with pytest.raises(DangjianError):
        build_graphs(hand_documents, **bad)


def test_empty_corpus_gives_empty_graphs():
    graphs = build_graphs([], bootstrap=5)
    assert graphs.cooccurrence.number_of_nodes() == 0
    assert graphs.problem_measure.number_of_nodes() == 0
    assert graphs.cooccurrence.graph["modularity"] == 0.0


def test_same_input_same_graph(hand_documents):
    first = build_graphs(hand_documents, min_score=-1.0, bootstrap=10, seed=3)
    second = build_graphs(list(reversed(hand_documents)), min_score=-1.0, bootstrap=10, seed=3)
    for (_, a), (_, b) in zip(first.graphs(), second.graphs()):
        assert list(a.nodes(data=True)) == list(b.nodes(data=True))
        assert list(a.edges(data=True)) == list(b.edges(data=True))
