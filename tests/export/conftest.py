"""Fixtures of the output stages: the codebook from the spec and a small tagged corpus with known counts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest


def _small_corpus_module():
    name = "dangjian_test_small_corpus"
    if name not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "tables" / "small_corpus.py"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


small_corpus = _small_corpus_module()


@pytest.fixture(scope="session")
def codebook(shared_dir: Path) -> dict:
    """Label ids, names and the answer map from ../shared/spec/taxonomy.md (the contract)."""
    return small_corpus.taxonomy_codebook(shared_dir / "spec" / "taxonomy.md")


@pytest.fixture()
def small_docs():
    """Three hand-built tagged documents with known counts (see tables/small_corpus.py)."""
    return small_corpus.small_documents()


@pytest.fixture(scope="session")
def real_documents(corpus_dir: Path):
    """The 24 seed essays read, structured and tagged by the real pipeline stages."""
    try:
        from dangjian_nlp.pipeline import load_documents
        documents, errors = load_documents([corpus_dir], progress=False)
    except ImportError as exc:  # another stage of the pipeline is not there yet
        pytest.skip(f"the pipeline cannot run yet: {exc}")
    assert not errors
    return documents
