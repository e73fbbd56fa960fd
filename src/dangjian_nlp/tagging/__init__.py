"""Codebook tagging: a role for every passage, problem and countermeasure labels with evidence.

Two layers, combined: a transparent rule layer (codebook cues, heading patterns, negation,
role constraints) and a learned linear layer over character n-grams trained on local data
(``python -m dangjian_nlp.tagging.train``). Document tags follow the codebook rule: a label
applies to a document when at least two of its passages carry it.

Example:
    >>> from dangjian_nlp.tagging import get_tagger
    >>> tags = get_tagger("rules").tag("一是党务干部多为兼职，精力有限。", heading_role="problem")
    >>> [t.id for t in tags.problems]
    ['P.part_time']
"""

from __future__ import annotations

from dangjian_nlp.tagging.aggregate import document_tags
from dangjian_nlp.tagging.api import get_tagger, tag_documents, tag_json_lines, tag_records, tag_texts
from dangjian_nlp.tagging.base import (
    PassageTags,
    Tagger,
    TagRequest,
    available_taggers,
    register_tagger,
)
from dangjian_nlp.tagging.codebook import Codebook, Label, load_codebook

__all__ = [
    "Codebook",
    "Label",
    "PassageTags",
    "TagRequest",
    "Tagger",
    "available_taggers",
    "document_tags",
    "get_tagger",
    "load_codebook",
    "register_tagger",
    "tag_documents",
    "tag_json_lines",
    "tag_records",
    "tag_texts",
]
