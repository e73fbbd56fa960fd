"""Graphs straight from files: read (or load) documents, tag them, build and write the graphs."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dangjian_nlp.errors import InputError
from dangjian_nlp.graph.build import GraphSet, build_graphs
from dangjian_nlp.graph.config import make_options
from dangjian_nlp.graph.export import check_formats, write_graphs
from dangjian_nlp.types import IngestError

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True)
class GraphRun:
    """What :func:`graph_paths` produced.

    Attributes:
        graphs: The built graphs.
        written: Files written.
        errors: Input files that gave no document, with the reason.
        documents: How many documents went into the graphs.
    """

    graphs: GraphSet
    written: list[Path] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    documents: int = 0

    def summary(self) -> str:
        """One line for the terminal."""
        co, pm = self.graphs.cooccurrence, self.graphs.problem_measure
        return (f"{self.documents} documents, {len(self.errors)} errors; co-occurrence "
                f"{co.number_of_nodes()} nodes / {co.number_of_edges()} edges, problem→countermeasure "
                f"{pm.number_of_nodes()} nodes / {pm.number_of_edges()} edges; {len(self.written)} files")


def graph_paths(paths: Sequence[str | os.PathLike[str]], *, out_dir: str | os.PathLike[str],
                formats: Sequence[str] | None = None, codebook: str | os.PathLike[str] | None = None,
                tagger: str = "default", **build_options: Any) -> GraphRun:
    """Build and write the graphs of report files, a folder, or a ``documents.jsonl``.

    Args:
        paths: Files or folders of reports, or one ``documents.jsonl`` (an earlier output);
            read through :func:`dangjian_nlp.pipeline.load_documents`, which tags them.
        out_dir: Folder for the graph files.
        formats: Export formats (all when ``None``).
        codebook: A user codebook for tagging.
        tagger: Registry name of the tagger.
        **build_options: Passed to :func:`dangjian_nlp.graph.build_graphs` (``window``,
            ``min_count``, ``min_score``, ``seed`` …).

    Returns:
        The graphs, the written files and the input errors (also logged as warnings).

    Raises:
        InputError: No input, a missing path, or no document at all.
    """
    from dangjian_nlp.pipeline import load_documents

    check_formats(formats)
    make_options(**build_options)  # fail on a bad option before reading anything
    documents, errors = load_documents(paths, tag=True, codebook=codebook, tagger=tagger)
    for error in errors:
        LOGGER.warning("%s: %s", error.path, error.reason)
    if not documents:
        raise InputError(f"no document could be read from {', '.join(map(str, paths))}")
    book = None
    if codebook is not None:
        from dangjian_nlp.tagging.codebook import load_codebook

        book = load_codebook(codebook)
    graphs = build_graphs(documents, codebook=book, **build_options)
    written = write_graphs(graphs, Path(out_dir), formats=formats)
    return GraphRun(graphs=graphs, written=written, errors=list(errors), documents=len(documents))
