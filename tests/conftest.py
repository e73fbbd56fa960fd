"""Session fixtures shared by every test package: where the real texts are."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _fresh_segmenter_after_each_test():
    """Terms a test adopted (analyze, load_documents) must not change the tokens of later tests."""
    yield
    from dangjian_nlp.segment import reset_segmenters, segmenters_changed  # noqa: PLC0415

    if segmenters_changed():
        reset_segmenters()


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The checkout's top folder."""
    return ROOT


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The sample corpus shipped with the project (the five seed files)."""
    return ROOT / "corpus"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def corpora_dir(shared_dir: Path) -> Path:
    """Third-party corpora (government work reports, laws …), read in place, never copied."""
    path = shared_dir / "corpora"
    if not path.is_dir():
        pytest.skip("../shared/corpora is missing")
    return path


@pytest.fixture(scope="session")
def dev_passages_path(shared_dir: Path) -> Path:
    """The labelled dev passages."""
    return shared_dir / "eval" / "dev" / "passages.jsonl"


@pytest.fixture(scope="session")
def gold_documents(dev_passages_path: Path):
    """Documents rebuilt from the labelled dev passages, with the gold roles and labels as tags.

    Real text with known tags, for the stages after tagging (keywords, topics, graph,
    tables, report). Each passage's evidence is its first sentence; document tags follow
    the codebook rule (a label carried by at least two passages).
    """
    from dangjian_nlp.tagging.aggregate import document_tags  # noqa: PLC0415
    from dangjian_nlp.types import Document, Evidence, Passage, Tag

    rows = [json.loads(line) for line in dev_passages_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_doc: dict[str, list[dict]] = {}
    for row in rows:
        by_doc.setdefault(row["doc"], []).append(row)
    documents = []
    for doc_id, doc_rows in sorted(by_doc.items()):
        passages, offset, parts = [], 0, []
        for row in doc_rows:
            text = row["text"]
            first_end = next((i + 1 for i, ch in enumerate(text) if ch in "。；！？"), len(text))
            evidence = [Evidence(0, first_end, text[:first_end])]
            passages.append(Passage(
                id=row["id"], start=offset, end=offset + len(text), text=text, role=row["role"],
                problems=[Tag(label, 1.0, list(evidence)) for label in row["problems"]],
                measures=[Tag(label, 1.0, list(evidence)) for label in row["measures"]],
            ))
            parts.append(text)
            offset += len(text) + 1
        text = "\n".join(parts)
        document = Document(id=doc_id, source=f"{doc_id[:3]}.txt", span=(0, len(text)), title="",
                            authors=[], text=text, passages=passages)
        document.problems, document.measures = document_tags(passages)
        documents.append(document)
    return documents


# --- output stages (tests/tables, tests/report, tests/export) ------------------------------

SMALL_CORPUS_MODULE = "dangjian_test_small_corpus"


def _small_corpus_module():
    """tests/tables/small_corpus.py, registered as ``dangjian_test_small_corpus``.

    The test folders are not packages, so the module is loaded by path. The load is lazy (it
    runs on first use) so sessions that never touch it do not import the tagging stage.
    """
    if SMALL_CORPUS_MODULE not in sys.modules:
        spec = importlib.util.spec_from_file_location(SMALL_CORPUS_MODULE, ROOT / "tests" / "tables" / "small_corpus.py")
        loader = importlib.util.LazyLoader(spec.loader)
        spec.loader = loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[SMALL_CORPUS_MODULE] = module
        loader.exec_module(module)
    return sys.modules[SMALL_CORPUS_MODULE]


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
        from dangjian_nlp.pipeline import load_documents  # noqa: PLC0415
        documents, errors = load_documents([corpus_dir], progress=False)
    except ImportError as exc:  # another stage of the pipeline is not there yet
        pytest.skip(f"the pipeline cannot run yet: {exc}")
    assert not errors
    return documents
