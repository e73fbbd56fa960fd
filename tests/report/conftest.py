"""Fixtures of the report tests: a graph folder (codebook, small_docs and real_documents are in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import dangjian_test_small_corpus as small_corpus  # loaded by tests/conftest.py


@pytest.fixture()
def graph_dir(tmp_path: Path) -> Path:
    """A graph folder as the graph stage writes it: PNG, an SVG of the same figure, an HTML view."""
    folder = tmp_path / "graph"
    folder.mkdir()
    (folder / "measures.png").write_bytes(small_corpus.tiny_png())
    (folder / "measures.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8")
    (folder / "problems_measures.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="#c00"/></svg>',
        encoding="utf-8")
    (folder / "view.html").write_text("<html></html>", encoding="utf-8")
    return folder
