"""Louvain communities, modularity, bootstrap stability and centralities."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from dangjian_nlp.graph import build_graphs
from dangjian_nlp.graph.centrality import centralities
from dangjian_nlp.graph.communities import adjusted_rand_index, louvain, modularity, partition_stability

from graph_corpus import make_document


def two_cliques() -> nx.Graph:
    graph = nx.Graph()
    for group in ("abcd", "wxyz"):
        graph.add_edges_from(((a, b, {"count": 3}) for a, b in itertools.combinations(group, 2)))
    graph.add_edge("d", "w", count=1)
    return graph


def test_louvain_finds_two_cliques_with_expected_modularity():
    graph = two_cliques()
    partition = louvain(graph, weight="count", seed=0)
    assert partition == [["a", "b", "c", "d"], ["w", "x", "y", "z"]]
    # 2m = 2 * (12 * 3 + 1) = 74; each side: internal 36/74, degree sum 37 → Q = 2 * (18/37 - (37/74)^2)
    assert modularity(graph, partition, weight="count") == pytest.approx(2 * (18 / 37 - 0.25))


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_louvain_is_reproducible(seed):
    graph = nx.karate_club_graph()
    nx.set_edge_attributes(graph, 1, "count")
    assert louvain(graph, seed=seed) == louvain(graph, seed=seed)


@pytest.mark.parametrize("labels", [
    ([0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 2, 2]),
    ([0, 0, 1, 1, 2, 2], [1, 1, 0, 0, 2, 2]),
    ([0, 0, 0, 1, 1, 1], [0, 1, 0, 1, 0, 1]),
    ([0, 1, 2, 0, 1, 2, 0, 1], [0, 0, 1, 1, 2, 2, 3, 3]),
])
def test_adjusted_rand_index_matches_sklearn(labels):
    first, second = labels
    assert adjusted_rand_index(first, second) == pytest.approx(adjusted_rand_score(first, second))


def test_stability_by_hand():
    partition = [["a", "b", "c"], ["d", "e"]]
    same = partition_stability(partition, [[["a", "b", "c"], ["d", "e"]]] * 3)
    assert same.overall == 1.0 and same.communities == [1.0, 1.0]
    split = partition_stability(partition, [[["a", "b"], ["c", "d", "e"]]])
    # best Jaccard: {a,b,c} vs {a,b} = 2/3; {d,e} vs {c,d,e} = 2/3
    assert split.communities == [pytest.approx(0.6667, abs=1e-4)] * 2
    assert split.nodes["c"] == pytest.approx(1 / 5, abs=1e-4)  # {a,b,c} vs {c,d,e}
    assert split.overall < 1.0


def test_bootstrap_stability_of_clear_clusters():
    # Ten documents recommend integration with org-setup, ten recommend training with staffing.
    rows_a = [("p001", "measure", [], ["M.integration", "M.org_setup"], "同谋划同部署。")]
    rows_b = [("p001", "measure", [], ["M.training", "M.staffing"], "加强培训。")]
    documents = [make_document(f"a{i:02d}", rows_a) for i in range(10)] + \
                [make_document(f"b{i:02d}", rows_b) for i in range(10)]
    graph = build_graphs(documents, max_terms=0, bootstrap=15, seed=0).cooccurrence
    assert graph.graph["communities"] == 2
    assert graph.graph["stability"] == 1.0
    assert {graph.nodes[n]["community_stability"] for n in graph} == {1.0}
    assert {d["support"] for _, _, d in graph.edges(data=True)} == {1.0}


def test_centralities_of_a_path():
    graph = nx.Graph()
    graph.add_edge("a", "b", count=2)
    graph.add_edge("b", "c", count=1)
    values = centralities(graph, weight="count")
    assert values["b"] == {"degree": 2, "weighted_degree": 3.0, "betweenness": 1.0}
    assert values["a"] == {"degree": 1, "weighted_degree": 2.0, "betweenness": 0.0}


def test_gold_graph_attributes_are_consistent(gold_graphs, gold_documents):
    carriers = {p.id: {t.id for t in p.measures} | {t.id for t in p.problems} for d in gold_documents
                for p in d.passages}
    for window, graphs in gold_graphs.items():
        for _, graph in graphs.graphs():
            communities = {graph.nodes[n]["community"] for n in graph}
            assert communities == set(range(graph.graph["communities"]))
            assert -0.5 <= graph.graph["modularity"] <= 1.0
            for a, b, data in graph.edges(data=True):
                assert data["documents"] == len(data["document_ids"])
                assert 0.0 <= data["support"] <= 1.0
                if window == "document" or graph.is_directed():
                    assert data["count"] == data["documents"]
                for passage_id in data["passage_ids"]:
                    assert passage_id.rsplit("-p", 1)[0] in data["document_ids"]
                    if not (a[:2] in ("M.", "P.") and b[:2] in ("M.", "P.")):
                        continue
                    assert carriers[passage_id] & {a, b}, (a, b, passage_id)


def test_gold_problem_measure_graph_links_disconnect_to_integration(gold_graphs):
    graph = gold_graphs["document"].problem_measure
    edge = graph.edges["P.disconnect", "M.integration"]
    assert edge["answers"] is True
    assert edge["documents"] >= 3
    assert np.isfinite(edge["npmi"])


def test_gold_passage_window_has_community_structure(gold_graphs):
    graph = gold_graphs["passage"].cooccurrence
    assert graph.graph["modularity"] > 0.2
    assert graph.graph["communities"] >= 3
    terms = [n for n, kind in graph.nodes(data="kind") if kind == "term"]
    assert 10 <= len(terms) <= 30


@pytest.mark.parametrize("weight", ["count", "jaccard", "association"])
def test_community_weight_options(gold_documents, weight):
    from dangjian_nlp.graph import passage_tokens

    graphs = build_graphs(gold_documents, window="passage", community_weight=weight, bootstrap=2,
                          tokens=passage_tokens(gold_documents))
    graph = graphs.cooccurrence
    assert graphs.options.community_weight == weight
    assert graph.graph["communities"] == len(graphs.communities["cooccurrence"]) >= 2
    assert sum(c["size"] for c in graphs.communities["cooccurrence"]) == graph.number_of_nodes()
