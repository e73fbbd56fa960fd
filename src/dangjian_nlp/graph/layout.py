"""Node positions shared by every export (GEXF viz, PNG/SVG, HTML), so all views agree.

The co-occurrence graph gets a seeded force-directed (Fruchterman–Reingold) layout on Jaccard
weights; the problem → countermeasure graph a two-column layout, problems left and
countermeasures right, ordered by community and weighted degree so that related rows sit
close together.
"""

from __future__ import annotations

import logging
from typing import Any

import networkx as nx

LOGGER = logging.getLogger(__name__)


def _column(nodes: list[str], graph: nx.Graph, x: float) -> dict[str, tuple[float, float]]:
    ordered = sorted(nodes, key=lambda n: (graph.nodes[n].get("community", 0),
                                           -graph.nodes[n].get("weighted_degree", 0), n))
    if len(ordered) == 1:
        return {ordered[0]: (x, 0.0)}
    step = 2.0 / (len(ordered) - 1)
    return {node: (x, round(1.0 - index * step, 4)) for index, node in enumerate(ordered)}


def layout_positions(graph: nx.Graph, *, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]², rounded to 4 decimals.

    Args:
        graph: A graph built by :func:`dangjian_nlp.graph.build_graphs`.
        seed: Seed of the force-directed layout.

    Returns:
        Node → ``(x, y)``.
    """
    if graph.number_of_nodes() == 0:
        return {}
    problems = sorted(n for n, kind in graph.nodes(data="kind") if kind == "problem")
    if problems:
        others = sorted(n for n in graph.nodes if n not in set(problems))
        positions = _column(problems, graph, -1.0)
        positions.update(_column(others, graph, 1.0) if others else {})
        return positions
    work = nx.Graph()
    work.add_nodes_from(sorted(graph.nodes))
    work.add_edges_from(sorted((a, b, {"w": float(d.get("jaccard", 1.0))}) for a, b, d in graph.edges(data=True)))
    raw = nx.spring_layout(work, seed=seed, weight="w", iterations=100)
    return _fill_square(raw)


def _fill_square(raw: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Stretch each axis to [-1, 1] so the drawing uses the whole canvas."""
    xs = [float(p[0]) for p in raw.values()]
    ys = [float(p[1]) for p in raw.values()]

    def stretch(value: float, low: float, high: float) -> float:
        return round(2 * (value - low) / (high - low) - 1, 4) if high > low else 0.0

    return {node: (stretch(float(x), min(xs), max(xs)), stretch(float(y), min(ys), max(ys)))
            for node, (x, y) in sorted(raw.items())}
