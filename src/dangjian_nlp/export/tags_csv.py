"""tags.csv: every passage tag in long format, one row per tag and evidence sentence.

Long format is what R (tidyverse), pandas and Excel pivot tables take in directly. The file is
UTF-8 with BOM so that Excel shows the Chinese; offsets are code-point indices into the
document text (``documents.jsonl``), so every quote can be found again.
"""

from __future__ import annotations

import csv
import io as _io
import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from dangjian_nlp import io
from dangjian_nlp.tables.labels import Labels, resolve_labels
from dangjian_nlp.types import Document

LOGGER = logging.getLogger(__name__)

TAGS_COLUMNS = (
    "document", "source", "passage", "role", "kind", "label", "name", "score", "tag_source",
    "passage_start", "passage_end", "evidence", "quote_start", "quote_end", "quote", "cue",
)
"""Columns of tags.csv. ``quote_start``/``quote_end`` are absolute offsets in the document text."""


def iter_tag_rows(documents: Sequence[Document], *, labels: Labels) -> Iterator[dict[str, Any]]:
    """One dict per (passage tag, evidence sentence), documents sorted by id, passages in order.

    A tag without evidence (which the tagger should never emit) still gets one row, with
    empty quote fields, so that no tag is lost.
    """
    for document in sorted(documents, key=lambda d: d.id):
        for passage in document.passages:
            for kind, tags in (("problem", passage.problems), ("measure", passage.measures)):
                for tag in tags:
                    base = {
                        "document": document.id, "source": document.source, "passage": passage.id,
                        "role": passage.role, "kind": kind, "label": tag.id, "name": labels.get(tag.id).name,
                        "score": round(float(tag.score), 4), "tag_source": tag.source,
                        "passage_start": passage.start, "passage_end": passage.end,
                    }
                    if not tag.evidence:
                        yield {**base, "evidence": "", "quote_start": "", "quote_end": "", "quote": "", "cue": ""}
                    for number, evidence in enumerate(tag.evidence, 1):
                        yield {**base, "evidence": number,
                               "quote_start": passage.start + evidence.start,
                               "quote_end": passage.start + evidence.end,
                               "quote": evidence.quote, "cue": evidence.cue}


def tags_csv_text(documents: Sequence[Document], *, codebook: Any = None) -> str:
    """tags.csv as text (with the BOM)."""
    labels = resolve_labels(codebook, documents=documents)
    buffer = _io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=TAGS_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(iter_tag_rows(documents, labels=labels))
    return "\ufeff" + buffer.getvalue()


def write_tags_csv(documents: Sequence[Document], path: str | os.PathLike[str], *, codebook: Any = None) -> Path:
    """Write every passage tag to ``path`` in long format, atomically.

    Args:
        documents: Tagged documents.
        path: Destination (``OUT/tags.csv``).
        codebook: Codebook object, id → name mapping, or ``None`` for the packaged one (for
            the ``name`` column).

    Returns:
        ``path``.
    """
    return io.write_text(path, tags_csv_text(documents, codebook=codebook))
