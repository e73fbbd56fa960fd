"""Node centralities: degree, weighted degree and betweenness."""

from __future__ import annotations

import logging

import networkx as nx

LOGGER = logging.getLogger(__name__)


def centralities(graph: nx.Graph, *, weight: str = "count") -> dict[str, dict[str, float]]:
    """Degree, weighted degree and betweenness of every node.

    Betweenness treats strong ties as short: the distance of an edge is ``1 / weight``, and
    the result is normalised to [0, 1]. Directed graphs are read as undirected.

    Args:
        graph: The graph.
        weight: Edge attribute summed for the weighted degree and inverted for distances.

    Returns:
        Node → ``{"degree", "weighted_degree", "betweenness"}``.
    """
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    distance = {(a, b): 1.0 / data[weight] if data.get(weight) else float("inf")
                for a, b, data in undirected.edges(data=True)}
    work = nx.Graph()
    work.add_nodes_from(sorted(undirected.nodes))
    work.add_edges_from((a, b, {"distance": d}) for (a, b), d in sorted(distance.items()))
    betweenness = nx.betweenness_centrality(work, weight="distance", normalized=True)
    return {
        node: {
            "degree": int(undirected.degree(node)),
            "weighted_degree": round(float(undirected.degree(node, weight=weight)), 4),
            "betweenness": round(float(betweenness[node]), 4),
        }
        for node in sorted(undirected.nodes)
    }
