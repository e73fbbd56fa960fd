"""Fixtures for the keywords tests: seed essays split into paragraphs, built here."""

from __future__ import annotations

from pathlib import Path

import pytest

from dangjian_nlp.types import Document, Passage


def paragraph_documents(paths: list[Path], *, min_chars: int = 10) -> list[Document]:
    """One document per file, one passage per non-empty line (a stand-in for ingestion)."""
    documents = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        passages, offset = [], 0
        for line in text.split("\n"):
            if len(line.strip()) >= min_chars:
                passages.append(Passage(id=f"{path.stem}-p{len(passages) + 1:03d}", start=offset,
                                        end=offset + len(line), text=line))
            offset += len(line) + 1
        documents.append(Document(id=path.stem, source=path.name, span=(0, len(text)), title="", authors=[],
                                  text=text, passages=passages))
    return documents


@pytest.fixture(scope="session")
def seed_documents(corpus_dir: Path) -> list[Document]:
    """The five seed files of corpus/, one document each, paragraphs as passages."""
    return paragraph_documents(sorted(corpus_dir.glob("*.txt")))


@pytest.fixture(scope="session")
def make_document():
    """Factory: a document from passage texts (joined by newlines), with optional roles."""
    return _make_document


def _make_document(doc_id: str, passages: list[str], roles: list[str] | None = None) -> Document:
    """A document built from passage texts (joined by newlines), with optional roles."""
    items, offset = [], 0
    for number, text in enumerate(passages, 1):
        role = roles[number - 1] if roles else "other"
        items.append(Passage(id=f"{doc_id}-p{number:03d}", start=offset, end=offset + len(text), text=text, role=role))
        offset += len(text) + 1
    text = "\n".join(passages)
    return Document(id=doc_id, source=f"{doc_id}.txt", span=(0, len(text)), title="", authors=[], text=text,
                    passages=items)
