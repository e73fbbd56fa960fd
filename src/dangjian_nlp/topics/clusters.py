"""Hierarchical clusters of essays over their topic mixtures, labelled by their leading topics."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from dangjian_nlp.types import Document

if TYPE_CHECKING:
    from dangjian_nlp.topics.fit import TopicResult

LOGGER = logging.getLogger(__name__)

METHOD = "average linkage on cosine distance between document topic mixtures; number of clusters by silhouette"


def mixture_matrix(documents: Sequence[Document], result: TopicResult) -> np.ndarray:
    """Documents × topics, from ``result.documents`` (rows sum to 1, or 0 without passages)."""
    matrix = np.zeros((len(documents), result.k))
    for i, document in enumerate(documents):
        for entry in result.documents.get(document.id, []):
            matrix[i, entry["topic"]] = entry["weight"]
    return matrix


def essay_clusters(documents: Sequence[Document], result: TopicResult, *, max_clusters: int = 8) -> dict[str, Any]:
    """Cluster the essays by topic mixture (average linkage, cosine), cut where the silhouette is best.

    Args:
        documents: The documents of ``result``.
        result: A fitted topic result with document mixtures.
        max_clusters: Most clusters considered.

    Returns:
        ``method``, ``n_clusters``, ``silhouette``, ``clusters`` (id, label from the leading
        topics, topics, documents) and ``linkage`` (scipy's matrix, rounded) for a dendrogram.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist, squareform
    from sklearn.metrics import silhouette_score

    ids = [document.id for document in documents]
    matrix = mixture_matrix(documents, result)
    keep = matrix.sum(axis=1) > 0
    members = [ids[i] for i in np.flatnonzero(keep)]
    data = matrix[keep]
    base: dict[str, Any] = {"method": METHOD, "n_clusters": 0, "silhouette": None, "clusters": [], "linkage": [],
                            "documents": members}
    if len(members) == 0:
        return base
    if len(members) < 3:
        assignment = np.ones(len(members), dtype=int)
        tree = np.zeros((0, 4))
        best_score = None
    else:
        distances = pdist(data, metric="cosine")
        distances = np.nan_to_num(distances, nan=1.0).clip(0.0, 2.0)
        tree = linkage(distances, method="average")
        square = squareform(distances)
        best_score, assignment = None, np.ones(len(members), dtype=int)
        for n in range(2, min(max_clusters, len(members) - 1) + 1):
            labels = fcluster(tree, t=n, criterion="maxclust")
            if len(set(labels)) < 2:
                continue
            score = float(silhouette_score(square, labels, metric="precomputed"))
            if best_score is None or score > best_score + 1e-9:
                best_score, assignment = score, labels
    topic_labels = {topic["id"]: topic["label"] for topic in result.topics}
    clusters = []
    # Number clusters by their first member so that ids follow document order.
    order = sorted(set(assignment.tolist()), key=lambda c: int(np.flatnonzero(assignment == c)[0]))
    for number, cluster in enumerate(order):
        rows = np.flatnonzero(assignment == cluster)
        mean = data[rows].mean(axis=0)
        leading = sorted(range(result.k), key=lambda t: (-round(mean[t], 4), t))[:2]
        clusters.append({
            "id": number,
            "label": " + ".join(topic_labels.get(t, str(t)) for t in leading),
            "topics": [{"topic": t, "weight": round(float(mean[t]), 4)} for t in leading],
            "documents": [members[i] for i in rows],
        })
    base.update(n_clusters=len(clusters), silhouette=None if best_score is None else round(best_score, 4),
                clusters=clusters, linkage=[[round(float(v), 4) for v in row] for row in tree])
    return base
