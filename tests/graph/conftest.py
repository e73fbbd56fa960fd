"""Fixtures of the graph tests: a small hand-built tagged corpus with counts checked by hand,
and graphs of the 12 gold dev essays built once per session."""

from __future__ import annotations

import pytest

from graph_corpus import HAND_CORPUS, make_document

from dangjian_nlp.types import Document


@pytest.fixture()
def hand_documents() -> list[Document]:
    """Four tagged documents (fresh per test, so tests may change them)."""
    return [make_document(doc_id, rows) for doc_id, rows in HAND_CORPUS.items()]


@pytest.fixture(scope="session")
def gold_graphs(gold_documents):
    """Graphs of the gold dev essays, document and passage windows."""
    from dangjian_nlp.graph import build_graphs, passage_tokens

    tokens = passage_tokens(gold_documents)
    return {window: build_graphs(gold_documents, window=window, tokens=tokens, seed=0)
            for window in ("document", "passage")}


@pytest.fixture(scope="session")
def gold_export(gold_graphs, tmp_path_factory):
    """The passage-window gold graphs written in every format."""
    from dangjian_nlp.graph import write_graphs

    out = tmp_path_factory.mktemp("graph-export")
    return out, write_graphs(gold_graphs["passage"], out)
