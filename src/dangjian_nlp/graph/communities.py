"""Louvain communities with a fixed seed, modularity, and stability over bootstrap resamples.

Stability follows Hennig's cluster-wise bootstrap (``clusterboot``): a community of the full
graph is compared, in every resample, with the resample's most similar community (Jaccard
similarity of their node sets, on the nodes both graphs have); its stability is the mean of
that best Jaccard over the resamples. Values near 1 mean the community comes back whatever the
sample of documents; below about 0.6 it is not to be trusted. A node's stability is the mean
Jaccard between its full-graph community and its community in each resample. The partition's
overall stability is the mean adjusted Rand index against the resamples.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

LOGGER = logging.getLogger(__name__)

Partition = list[list[str]]
"""Communities as sorted node lists, largest first (ties by first node)."""


def louvain(graph: nx.Graph, *, weight: str = "count", resolution: float = 1.0, seed: int = 0) -> Partition:
    """Louvain communities of an undirected graph, in a canonical order.

    Args:
        graph: Undirected graph; nodes without edges become singleton communities.
        weight: Edge attribute to maximise modularity on.
        resolution: Above 1 favours smaller communities.
        seed: Seed of the node visiting order.

    Returns:
        Communities as sorted node lists, largest first, ties broken by the first node id.
    """
    if graph.number_of_nodes() == 0:
        return []
    if graph.number_of_edges() == 0:
        return [[node] for node in sorted(graph.nodes)]
    found = nx.community.louvain_communities(graph, weight=weight, resolution=resolution, seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def modularity(graph: nx.Graph, partition: Partition, *, weight: str = "count", resolution: float = 1.0) -> float:
    """Newman modularity of ``partition`` (0 for a graph without edges)."""
    if graph.number_of_edges() == 0 or not partition:
        return 0.0
    return float(nx.community.modularity(graph, partition, weight=weight, resolution=resolution))


def membership(partition: Partition) -> dict[str, int]:
    """Node → community index."""
    return {node: index for index, community in enumerate(partition) for node in community}


def adjusted_rand_index(first: Sequence[int], second: Sequence[int]) -> float:
    """Adjusted Rand index of two labelings of the same items (1 identical, about 0 random)."""
    a = np.unique(np.asarray(first), return_inverse=True)[1]
    b = np.unique(np.asarray(second), return_inverse=True)[1]
    n = a.size
    if n < 2:
        return 1.0
    table = np.zeros((a.max() + 1, b.max() + 1), dtype=np.int64)
    np.add.at(table, (a, b), 1)

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) // 2).sum())

    index = pairs(table)
    rows, cols = pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    expected = rows * cols / (n * (n - 1) / 2)
    maximum = (rows + cols) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


@dataclass(slots=True)
class Stability:
    """Bootstrap stability of one partition.

    Attributes:
        resamples: How many resamples were drawn.
        overall: Mean adjusted Rand index against the resamples (``None`` without resamples).
        communities: Stability of each community, same order as the partition.
        nodes: Node → stability.
    """

    resamples: int
    overall: float | None
    communities: list[float | None]
    nodes: dict[str, float | None]


def _jaccard(a: set[str], b: set[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def partition_stability(partition: Partition, resampled: Sequence[Partition]) -> Stability:
    """Compare a partition with the partitions of bootstrap resamples.

    Args:
        partition: Communities of the full graph.
        resampled: Communities of each resample's graph (its own node set).

    Returns:
        Overall, per-community and per-node stability; ``None`` where a community or node was
        absent from every resample.
    """
    original = [set(c) for c in partition]
    owner = membership(partition)
    community_scores: list[list[float]] = [[] for _ in partition]
    node_scores: dict[str, list[float]] = {node: [] for node in owner}
    rand_scores: list[float] = []
    for sample in resampled:
        sample_owner = membership(sample)
        common = sorted(set(sample_owner) & set(owner))
        if not common:
            continue
        present = set(common)
        sample_sets = [set(c) & present for c in sample]
        for index, community in enumerate(original):
            seen = community & present
            if seen:
                community_scores[index].append(max(_jaccard(seen, s) for s in sample_sets))
        for node in common:
            mine = original[owner[node]] & present
            node_scores[node].append(_jaccard(mine, sample_sets[sample_owner[node]]))
        rand_scores.append(adjusted_rand_index([owner[n] for n in common], [sample_owner[n] for n in common]))

    def mean(values: list[float]) -> float | None:
        return round(float(np.mean(values)), 4) if values else None

    return Stability(
        resamples=len(resampled),
        overall=mean(rand_scores),
        communities=[mean(scores) for scores in community_scores],
        nodes={node: mean(scores) for node, scores in sorted(node_scores.items())},
    )
