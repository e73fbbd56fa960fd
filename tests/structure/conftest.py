"""Session fixture for the structure tests: the seed essays, ingested and structured once."""

from __future__ import annotations

import pytest

from dangjian_nlp.ingest import iter_documents
from dangjian_nlp.types import Document


@pytest.fixture(scope="session")
def seed_documents(corpus_dir) -> list[Document]:
    """Every essay of the five seed files."""
    return [item for item in iter_documents([corpus_dir]) if isinstance(item, Document)]
