"""Recommendation units: the measure and experience passages, alone or pooled per document.

A unit is where two nodes co-occur. With the ``passage`` window every measure/experience
passage is a unit; with the ``document`` window a document's measure/experience passages
together are one unit. For the problem → countermeasure graph every document is a unit
that diagnoses problems (from any passage) and recommends countermeasures (from its
measure/experience passages).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from dangjian_nlp.types import Document, Passage

LOGGER = logging.getLogger(__name__)

RECOMMENDATION_ROLES: tuple[str, ...] = ("measure", "experience")
"""Passage roles whose text recommends or reports countermeasures."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One co-occurrence unit.

    Attributes:
        id: The passage id (passage window) or the document id.
        document: Id of the document the unit belongs to.
        support: Node id → ids of the unit's passages that carry it, in document order.
    """

    id: str
    document: str
    support: Mapping[str, tuple[str, ...]]


def recommendation_passages(document: Document) -> list[Passage]:
    """The document's measure and experience passages, in document order."""
    return [p for p in document.passages if p.role in RECOMMENDATION_ROLES]


def _passage_nodes(passage: Passage, tokens: Mapping[str, Sequence[str]], terms: frozenset[str]) -> list[str]:
    codes = {tag.id for tag in passage.measures}
    found = terms.intersection(tokens.get(passage.id, ()))
    return sorted(codes | found)


def _pool(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    pooled: dict[str, list[str]] = {}
    for node, passage_id in pairs:
        pooled.setdefault(node, []).append(passage_id)
    return pooled


def cooccurrence_units(documents: Sequence[Document], *, window: str, terms: Iterable[str],
                       tokens: Mapping[str, Sequence[str]], min_passages: int = 1) -> list[Unit]:
    """Units of the countermeasure co-occurrence graph.

    Args:
        documents: Tagged documents.
        window: ``passage`` or ``document``.
        terms: Term nodes; a passage carries a term when the term is one of its tokens.
        tokens: Passage id → its tokens (``segment.tokenize``).
        min_passages: With the document window, a countermeasure code counts for a document
            when at least this many of its passages carry it (terms count once found).

    Returns:
        The units in document order; documents without measure/experience passages give none.
    """
    term_set = frozenset(terms)
    units: list[Unit] = []
    for document in documents:
        passages = recommendation_passages(document)
        if window == "passage":
            for passage in passages:
                nodes = _passage_nodes(passage, tokens, term_set)
                units.append(Unit(passage.id, document.id, {node: (passage.id,) for node in nodes}))
            continue
        if not passages:
            continue
        pooled = _pool((node, p.id) for p in passages for node in _passage_nodes(p, tokens, term_set))
        support = {node: tuple(ids) for node, ids in sorted(pooled.items())
                   if node in term_set or len(ids) >= min_passages}
        units.append(Unit(document.id, document.id, support))
    return units


def problem_measure_units(documents: Sequence[Document], *, min_passages: int = 1) -> list[Unit]:
    """One unit per document: the problems it diagnoses and the countermeasures it recommends.

    Problem codes come from every passage's problem tags, countermeasure codes from the
    measure/experience passages; a code counts when at least ``min_passages`` passages carry it.
    """
    units = []
    for document in documents:
        problems = _pool((tag.id, p.id) for p in document.passages for tag in p.problems)
        measures = _pool((tag.id, p.id) for p in recommendation_passages(document) for tag in p.measures)
        support = {node: tuple(ids) for node, ids in sorted((problems | measures).items())
                   if len(ids) >= min_passages}
        units.append(Unit(document.id, document.id, support))
    return units
