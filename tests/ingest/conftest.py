"""Session fixtures for the ingestion tests: the seed corpus ingested once."""

from __future__ import annotations

import pytest

from dangjian_nlp.ingest import iter_documents
from dangjian_nlp.types import Document


@pytest.fixture(scope="session")
def seed_documents(corpus_dir) -> list[Document]:
    """Every essay of the five seed files, in output order."""
    items = list(iter_documents([corpus_dir]))
    assert all(isinstance(item, Document) for item in items), [i for i in items if not isinstance(i, Document)]
    return items


@pytest.fixture(scope="session")
def seeds_by_file(seed_documents) -> dict[str, list[Document]]:
    """The seed essays grouped by source file name."""
    grouped: dict[str, list[Document]] = {}
    for document in seed_documents:
        grouped.setdefault(document.source.rsplit("/", 1)[-1], []).append(document)
    return grouped
