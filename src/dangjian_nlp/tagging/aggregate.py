"""Document tags from passage tags: a label applies to a document when at least two of its
passages carry it (the codebook's definition of "the report discusses it")."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from dangjian_nlp.types import DocumentTag, Passage

LOGGER = logging.getLogger(__name__)

MIN_PASSAGES = 2


def _aggregate(passages: Sequence[Passage], attribute: str, min_passages: int) -> list[DocumentTag]:
    support: dict[str, list[tuple[str, float]]] = {}
    for passage in passages:
        for tag in getattr(passage, attribute):
            support.setdefault(tag.id, []).append((passage.id, tag.score))
    tags = []
    for label in sorted(support):
        hits = support[label]
        if len(hits) >= min_passages:
            score = round(sum(score for _, score in hits) / len(hits), 4)
            tags.append(DocumentTag(id=label, passages=len(hits), evidence=[pid for pid, _ in hits], score=score))
    return tags


def document_tags(passages: Sequence[Passage], *, min_passages: int = MIN_PASSAGES
                  ) -> tuple[list[DocumentTag], list[DocumentTag]]:
    """Problem and countermeasure tags of a document from its passages' tags.

    Args:
        passages: The document's tagged passages, in order.
        min_passages: How many passages must carry a label for the document to carry it.

    Returns:
        ``(problems, measures)``, each sorted by label id, with passage counts and the ids of
        the evidence passages in document order.
    """
    return (_aggregate(passages, "problems", min_passages),
            _aggregate(passages, "measures", min_passages))
