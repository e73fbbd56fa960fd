"""Build the countermeasure co-occurrence graph and the problem → countermeasure graph.

Both graphs are networkx graphs whose nodes and edges carry plain attributes (strings,
numbers, booleans and sorted lists of ids), built in sorted order so that the same input and
seed give the same graph, attribute for attribute.

Node attributes: ``label`` (display name), ``kind`` (``countermeasure``, ``term`` or
``problem``), ``units``, ``documents``, ``passages``, ``document_ids``, ``passage_ids`` (per
unit, the first passage carrying the node),
``community``, ``community_stability``, ``stability``, ``degree``, ``weighted_degree``,
``betweenness``, ``x``, ``y``.

Edge attributes: ``count`` (units carrying both ends; also as ``weight`` for Gephi),
``documents``, ``passages`` (passages of the supporting units carrying either end: the
passage weight), ``jaccard``, ``npmi``, ``association``, ``p_value``, ``q_value``, ``support``
(share of bootstrap resamples keeping the edge), ``document_ids`` (every supporting document),
``passage_ids`` (evidence: per supporting unit, the first passage carrying each end); on the
problem → countermeasure graph also ``answers`` (the codebook lists the countermeasure as an
answer to the problem).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from dangjian_nlp.graph import communities as comm
from dangjian_nlp.graph.centrality import centralities
from dangjian_nlp.graph.config import GraphOptions, make_options
from dangjian_nlp.graph.layout import layout_positions
from dangjian_nlp.graph.stats import edge_statistics, get_statistic
from dangjian_nlp.graph.terms import TermStat, select_terms
from dangjian_nlp.graph.units import Unit, cooccurrence_units, problem_measure_units, recommendation_passages
from dangjian_nlp.segment import content_tokens
from dangjian_nlp.types import Document

LOGGER = logging.getLogger(__name__)

COOCCURRENCE = "cooccurrence"
PROBLEM_MEASURE = "problem_measure"


@dataclass(slots=True)
class GraphSet:
    """The graphs of one corpus and the options that built them.

    Attributes:
        cooccurrence: Undirected graph of countermeasure codes and key terms.
        problem_measure: Directed bipartite graph, problem code → countermeasure code.
        options: The settings used.
        terms: The chosen key terms with their document frequency and share.
        communities: Graph name → list of ``{"id", "size", "stability", "nodes"}``.
    """

    cooccurrence: nx.Graph
    problem_measure: nx.DiGraph
    options: GraphOptions
    terms: list[TermStat] = field(default_factory=list)
    communities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def graphs(self) -> list[tuple[str, nx.Graph]]:
        """``(name, graph)`` pairs in a fixed order."""
        return [(COOCCURRENCE, self.cooccurrence), (PROBLEM_MEASURE, self.problem_measure)]

    def summary(self) -> dict[str, Any]:
        """JSON-ready overview: options, per-graph figures, communities and key terms."""
        return {
            "options": self.options.to_dict(),
            "graphs": {name: dict(sorted(graph.graph.items())) for name, graph in self.graphs()},
            "communities": self.communities,
            "terms": [{"term": t.term, "df": t.df, "count": t.count, "share": t.share, "domain": t.domain}
                      for t in self.terms],
        }


@dataclass(slots=True)
class _Incidence:
    """Units × nodes 0/1 matrix, and the same counts summed per document.

    Bootstrap resamples documents, so every count of a resample is a weighted sum of the
    per-document counts: the cost of a resample does not grow with the number of passages.
    """

    units: list[Unit]
    nodes: list[str]
    matrix: np.ndarray
    pairs: tuple[np.ndarray, np.ndarray]
    doc_pairs: np.ndarray
    doc_nodes: np.ndarray
    doc_units: np.ndarray

    @property
    def n_documents(self) -> int:
        return int(self.doc_units.shape[0])


def _incidence(units: list[Unit], nodes: list[str], document_ids: list[str],
               pairs: tuple[np.ndarray, np.ndarray]) -> _Incidence:
    column = {node: index for index, node in enumerate(nodes)}
    doc_index = {doc: index for index, doc in enumerate(document_ids)}
    matrix = np.zeros((len(units), len(nodes)), dtype=np.float64)
    for row, unit in enumerate(units):
        for node in unit.support:
            if node in column:
                matrix[row, column[node]] = 1.0
    ii, jj = pairs
    doc_pairs = np.zeros((len(document_ids), ii.size))
    doc_nodes = np.zeros((len(document_ids), len(nodes)))
    doc_units = np.zeros(len(document_ids))
    rows_by_doc: dict[int, list[int]] = {}
    for row, unit in enumerate(units):
        rows_by_doc.setdefault(doc_index[unit.document], []).append(row)
    for doc, rows in rows_by_doc.items():
        block = matrix[rows]
        cooc = block.T @ block
        doc_pairs[doc] = cooc[ii, jj]
        doc_nodes[doc] = block.sum(axis=0)
        doc_units[doc] = len(rows)
    return _Incidence(units, nodes, matrix, pairs, doc_pairs, doc_nodes, doc_units)


def _counts(inc: _Incidence, doc_weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Pair counts, the counts of each pair's two nodes, and the number of units, under document weights."""
    node_counts = doc_weights @ inc.doc_nodes
    ii, jj = inc.pairs
    return doc_weights @ inc.doc_pairs, node_counts[ii], node_counts[jj], float(doc_weights @ inc.doc_units)


def _keep_mask(n_ab: np.ndarray, n_a: np.ndarray, n_b: np.ndarray, n: float, options: GraphOptions,
               table: Mapping[str, np.ndarray] | None = None) -> np.ndarray:
    def stat(name: str) -> np.ndarray:
        return table[name] if table is not None else get_statistic(name)(n_ab, n_a, n_b, n)

    keep = (n_ab > 0) & (n_ab >= options.min_count)
    if options.min_score is not None:
        keep &= stat(options.score) >= options.min_score - 1e-12
    if options.max_p_value is not None:
        keep &= stat("p_value") <= options.max_p_value
    return keep


def _weights_graph(inc: _Incidence, doc_weights: np.ndarray, options: GraphOptions) -> nx.Graph:
    """The thresholded undirected graph of one resample, with the community weight only."""
    n_ab, n_a, n_b, n = _counts(inc, doc_weights)
    keep = _keep_mask(n_ab, n_a, n_b, n, options)
    weight = n_ab if options.community_weight == "count" else get_statistic(options.community_weight)(
        n_ab, n_a, n_b, n)
    graph = nx.Graph()
    ii, jj = inc.pairs
    for index in np.flatnonzero(keep):
        graph.add_edge(inc.nodes[ii[index]], inc.nodes[jj[index]], **{options.community_weight: float(weight[index])})
    if options.keep_isolates:
        present = np.flatnonzero(doc_weights @ inc.doc_nodes > 0)
        graph.add_nodes_from(inc.nodes[i] for i in present)
    return graph


def _bootstrap(inc: _Incidence, partition: comm.Partition, edges: list[tuple[str, str]],
               options: GraphOptions) -> tuple[comm.Stability, dict[tuple[str, str], float]]:
    rng = np.random.default_rng(options.seed)
    resampled: list[comm.Partition] = []
    kept: dict[tuple[str, str], int] = dict.fromkeys(edges, 0)
    for index in range(options.bootstrap):
        picks = rng.integers(0, inc.n_documents, size=inc.n_documents) if inc.n_documents else np.zeros(0, int)
        multiplicity = np.bincount(picks, minlength=inc.n_documents).astype(np.float64)
        graph = _weights_graph(inc, multiplicity, options)
        for a, b in graph.edges:
            key = (a, b) if (a, b) in kept else (b, a)
            if key in kept:
                kept[key] += 1
        resampled.append(comm.louvain(graph, weight=options.community_weight, resolution=options.resolution,
                                      seed=options.seed + index + 1))
    support = {edge: round(count / options.bootstrap, 4) if options.bootstrap else None
               for edge, count in kept.items()}
    return comm.partition_stability(partition, resampled), support


def _node_support(inc: _Incidence, column: int) -> tuple[list[str], int, list[str]]:
    """Supporting documents, passage count and evidence passages (the first per unit) of a node."""
    documents, evidence, passages = set(), set(), 0
    node = inc.nodes[column]
    for row in np.flatnonzero(inc.matrix[:, column]):
        unit = inc.units[row]
        documents.add(unit.document)
        passages += len(unit.support[node])
        evidence.add(unit.support[node][0])
    return sorted(documents), passages, sorted(evidence)


def _edge_support(inc: _Incidence, a: int, b: int) -> tuple[list[str], int, list[str]]:
    """Supporting documents, passage count and evidence passages of an edge.

    The passage count is every passage of the supporting units that carries either end; the
    evidence is, per supporting unit, the first passage carrying each end (the passage itself
    with the passage window), which keeps exports small on large corpora.
    """
    documents, evidence, passages = set(), set(), 0
    node_a, node_b = inc.nodes[a], inc.nodes[b]
    for row in np.flatnonzero(inc.matrix[:, a] * inc.matrix[:, b]):
        unit = inc.units[row]
        documents.add(unit.document)
        passages += len(set(unit.support[node_a]) | set(unit.support[node_b]))
        evidence.add(unit.support[node_a][0])
        evidence.add(unit.support[node_b][0])
    return sorted(documents), passages, sorted(evidence)


def _round(value: float) -> float:
    return round(float(value), 6)


def _assemble(name: str, inc: _Incidence, *, directed: bool, kinds: Mapping[str, str],
              labels: Mapping[str, str], answers: Mapping[str, Sequence[str]], options: GraphOptions,
              window: str) -> tuple[nx.Graph, list[dict[str, Any]]]:
    n_ab, n_a, n_b, n = _counts(inc, np.ones(inc.n_documents))
    table = edge_statistics(n_ab, n_a, n_b, n) if n_ab.size else {}
    keep = _keep_mask(n_ab, n_a, n_b, n, options, table) if n_ab.size else np.zeros(0, bool)
    graph: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    graph.graph.update({"name": name, "window": window, "units": int(n), "documents": inc.n_documents,
                        "directed": directed, "seed": options.seed})
    node_counts = inc.doc_nodes.sum(axis=0)
    ii, jj = inc.pairs
    edge_rows = []
    for index in np.flatnonzero(keep):
        a, b = int(ii[index]), int(jj[index])
        documents, passages, evidence = _edge_support(inc, a, b)
        attrs: dict[str, Any] = {
            "count": int(n_ab[index]), "weight": int(n_ab[index]),
            "documents": len(documents), "passages": passages,
            **{stat: _round(values[index]) for stat, values in table.items()},
            "document_ids": documents, "passage_ids": evidence,
        }
        if directed:
            attrs["answers"] = inc.nodes[b] in answers.get(inc.nodes[a], ())
        edge_rows.append((inc.nodes[a], inc.nodes[b], attrs))
    connected = {node for a, b, _ in edge_rows for node in (a, b)}
    for column, node in enumerate(inc.nodes):
        if node_counts[column] == 0 or (node not in connected and not options.keep_isolates):
            continue
        documents, passages, evidence = _node_support(inc, column)
        graph.add_node(node, label=labels.get(node, node), kind=kinds[node], units=int(node_counts[column]),
                       documents=len(documents), passages=passages,
                       document_ids=documents, passage_ids=evidence)
    graph.add_edges_from(sorted(edge_rows, key=lambda row: (row[0], row[1])))

    undirected = graph.to_undirected() if directed else graph
    partition = comm.louvain(undirected, weight=options.community_weight, resolution=options.resolution,
                             seed=options.seed)
    graph.graph["modularity"] = round(comm.modularity(undirected, partition, weight=options.community_weight,
                                                      resolution=options.resolution), 6)
    edges = [(a, b) for a, b in graph.edges]
    stability, support = _bootstrap(inc, partition, edges, options)
    graph.graph["bootstrap"] = options.bootstrap
    graph.graph["stability"] = stability.overall
    owner = comm.membership(partition)
    for node, values in centralities(graph, weight="count").items():
        graph.nodes[node].update(values)
    for node in graph.nodes:
        graph.nodes[node]["community"] = owner[node]
        graph.nodes[node]["community_stability"] = stability.communities[owner[node]]
        graph.nodes[node]["stability"] = stability.nodes.get(node)
    for (a, b), value in support.items():
        graph.edges[a, b]["support"] = value
    for node, (x, y) in layout_positions(graph, seed=options.seed).items():
        graph.nodes[node]["x"], graph.nodes[node]["y"] = x, y
    graph.graph["nodes"] = graph.number_of_nodes()
    graph.graph["edges"] = graph.number_of_edges()
    graph.graph["communities"] = len(partition)
    summary = [{"id": index, "size": len(members), "stability": stability.communities[index], "nodes": members}
               for index, members in enumerate(partition)]
    return graph, summary


def _codebook_labels(codebook: Any) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Display names and the answer map from a codebook, or the packaged one when it loads."""
    if codebook is None:
        try:
            from dangjian_nlp.tagging.codebook import load_codebook  # noqa: PLC0415
            codebook = load_codebook()
        except Exception as exc:  # noqa: BLE001  (labels are a nicety; ids still work)
            LOGGER.warning("codebook not available for graph labels (%s); using ids", exc)
            return {}, {}
    labels = {label.id: label.name for label in (*codebook.problems, *codebook.measures)}
    return labels, {k: tuple(v) for k, v in codebook.answers.items()}


def passage_tokens(documents: Sequence[Document]) -> dict[str, list[str]]:
    """Passage id → content tokens (``segment.content_tokens``) of every measure/experience passage."""
    return {p.id: list(content_tokens(p.text)) for doc in documents for p in recommendation_passages(doc)}


def build_graphs(documents: Sequence[Document], *, window: str = "document", min_count: int = 1,
                 min_score: float | None = None, score: str | None = None, max_p_value: float | None = None,
                 min_passages: int | None = None, max_terms: int | None = None, term_strategy: str | None = None,
                 bootstrap: int | None = None, community_weight: str | None = None,
                 resolution: float | None = None, keep_isolates: bool = False, codebook: Any = None,
                 tokens: Mapping[str, Sequence[str]] | None = None, seed: int = 0,
                 **term_options: Any) -> GraphSet:
    """The countermeasure co-occurrence graph and the problem → countermeasure graph.

    Args:
        documents: Tagged documents (passage roles and tags filled).
        window: ``document``: two nodes co-occur when one document's measure/experience
            passages carry both; ``passage``: when one such passage carries both.
        min_count: Keep edges seen in at least this many units.
        min_score: Keep edges whose ``score`` statistic is at least this; ``None`` takes the
            packaged default (NPMI >= 0: pairs seen together at least as often as chance);
            ``-1`` with NPMI keeps every pair.
        score: ``jaccard``, ``npmi`` (default) or ``association``.
        max_p_value: Keep edges whose one-sided Fisher p-value is at most this.
        min_passages: Passages that must carry a code for a document to carry it (default 1).
        max_terms: At most this many key-term nodes (default 30; 0 for codes only).
        term_strategy: ``domain+df`` (default), ``domain`` or ``none``.
        bootstrap: Document resamples for community stability and edge support (default 20).
        community_weight: Edge statistic Louvain works on: ``count`` (default), ``jaccard``
            or ``association``.
        resolution: Louvain resolution (default 1; above 1 gives smaller communities).
        keep_isolates: Keep nodes that the thresholds leave without edges.
        codebook: A :class:`dangjian_nlp.tagging.codebook.Codebook` for display names and the
            problem → countermeasure answer map; the packaged one when ``None``.
        tokens: Passage id → tokens, when the caller has segmented already.
        seed: Seed of Louvain, the bootstrap and the layout.
        **term_options: ``min_df``, ``min_domain_df``, ``max_df_ratio``, ``min_share``.

    Returns:
        The two graphs with statistics, communities, stability, centralities and positions.

    Raises:
        DangjianError: An unknown window, score or strategy, or a value out of range.
    """
    options = make_options(window=window, min_count=min_count, min_score=min_score, score=score,
                           max_p_value=max_p_value, min_passages=min_passages, keep_isolates=keep_isolates,
                           seed=seed, bootstrap=bootstrap, community_weight=community_weight,
                           resolution=resolution, max_terms=max_terms, term_strategy=term_strategy,
                           **term_options)
    documents = sorted(documents, key=lambda d: d.id)
    document_ids = [d.id for d in documents]
    labels, answers = _codebook_labels(codebook)
    token_map = tokens if tokens is not None else passage_tokens(documents)
    terms = select_terms(documents, token_map, options=options.terms) if options.terms.max_terms else []
    term_names = [t.term for t in terms]

    units = cooccurrence_units(documents, window=options.window, terms=term_names, tokens=token_map,
                               min_passages=options.min_passages)
    term_set = set(term_names)
    nodes = sorted({node for unit in units for node in unit.support})
    kinds = {node: "term" if node in term_set else "countermeasure" for node in nodes}
    upper = np.triu_indices(len(nodes), k=1)
    cooc_inc = _incidence(units, nodes, document_ids, (upper[0], upper[1]))
    cooc_graph, cooc_communities = _assemble(COOCCURRENCE, cooc_inc, directed=False, kinds=kinds,
                                             labels=labels, answers=answers, options=options,
                                             window=options.window)

    pm_units = problem_measure_units(documents, min_passages=options.min_passages)
    problems = sorted({n for u in pm_units for n in u.support if n.startswith("P.")})
    measures = sorted({n for u in pm_units for n in u.support if not n.startswith("P.")})
    pm_nodes = problems + measures
    grid = np.meshgrid(np.arange(len(problems)), np.arange(len(problems), len(pm_nodes)), indexing="ij")
    pm_inc = _incidence(pm_units, pm_nodes, document_ids, (grid[0].ravel(), grid[1].ravel()))
    pm_kinds = {node: "problem" if node in problems else "countermeasure" for node in pm_nodes}
    pm_graph, pm_communities = _assemble(PROBLEM_MEASURE, pm_inc, directed=True, kinds=pm_kinds,
                                         labels=labels, answers=answers, options=options, window="document")
    LOGGER.info("graphs: co-occurrence %d nodes / %d edges, problem→measure %d / %d",
                cooc_graph.number_of_nodes(), cooc_graph.number_of_edges(),
                pm_graph.number_of_nodes(), pm_graph.number_of_edges())
    return GraphSet(cooccurrence=cooc_graph, problem_measure=pm_graph, options=options, terms=terms,
                    communities={COOCCURRENCE: cooc_communities, PROBLEM_MEASURE: pm_communities})
