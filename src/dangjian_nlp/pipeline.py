"""The whole analysis, stage by stage: what ``dangjian analyze`` runs.

Each stage is a plain function over one :class:`AnalysisRun`; :data:`STAGES` lists them in
order. Every stage is timed, every file is written atomically, and the same input with the
same seed gives byte-identical files (the timings in ``manifest.json`` aside).

Example:
    >>> from dangjian_nlp.pipeline import analyze
    >>> run = analyze(["corpus/"], out_dir="out/")          # doctest: +SKIP
    >>> run.summary()                                       # doctest: +SKIP
    '24 documents from 5 files, 0 errors -> out'
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dangjian_nlp import io
from dangjian_nlp.errors import InputError, NoDocumentsError
from dangjian_nlp.types import Document, IngestError

LOGGER = logging.getLogger(__name__)

DOCUMENTS_FILE = "documents.jsonl"
ERRORS_FILE = "errors.jsonl"


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    """Options of one analysis run.

    Attributes:
        codebook: A user codebook file; ``None`` for the packaged one.
        tagger: Registry name of the tagger.
        seed: Seed for topic models, community detection and bootstrap resampling.
        metadata: CSV joined on file name to group documents in the tables.
        graph_window: ``document`` or ``passage``: where two countermeasures co-occur.
        progress: Show a progress bar (``None``: only on a terminal).
        on_error: Called with each unreadable file as it is met (the default logs a warning).
    """

    codebook: Path | None = None
    tagger: str = "default"
    seed: int = 0
    metadata: Path | None = None
    graph_window: str = "passage"
    progress: bool | None = None
    on_error: Callable[[IngestError], None] | None = None


@dataclass(slots=True)
class AnalysisRun:
    """Everything a run produces, handed from stage to stage."""

    paths: list[Path]
    out_dir: Path
    options: AnalyzeOptions
    documents: list[Document] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    files: int = 0
    codebook: Any = None
    terms: list[str] = field(default_factory=list)
    topics: Any = None
    graphs: Any = None
    tables: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the terminal: ``24 documents from 5 files, 0 errors → out/``."""
        from dangjian_nlp.ingest import summary_line

        return summary_line(documents=len(self.documents), files=self.files, errors=len(self.errors),
                            out_dir=self.out_dir)


def _check_paths(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    if not paths:
        raise InputError("no input given: name at least one file or folder")
    resolved = [Path(p) for p in paths]
    missing = [str(p) for p in resolved if not p.exists()]
    if missing:
        raise InputError(f"{', '.join(missing)}: no such file or folder")
    return resolved


def _progress(items: Iterable[Any], *, enabled: bool | None, desc: str) -> Iterable[Any]:
    import sys

    from tqdm import tqdm

    if enabled is None:
        enabled = sys.stderr.isatty()
    return tqdm(items, desc=desc, unit="doc", disable=not enabled, leave=False, file=sys.stderr)


def read_corpus(paths: Sequence[str | os.PathLike[str]], *, progress: bool | None = None,
                on_error: Callable[[IngestError], None] | None = None
                ) -> tuple[list[Document], list[IngestError], int]:
    """Read, clean, split and structure every file under ``paths``.

    Args:
        paths: Files or folders.
        progress: Show a progress bar (``None``: only on a terminal).
        on_error: Called with each file that gave no document (the default logs a warning).

    Returns:
        ``(documents, errors, files)``: the documents in input order, the files that gave
        none (with the reason), and how many files produced at least one document.
    """
    from dangjian_nlp.ingest import iter_documents

    documents: list[Document] = []
    errors: list[IngestError] = []
    for item in _progress(iter_documents(_check_paths(paths)), enabled=progress, desc="reading"):
        if isinstance(item, IngestError):
            if on_error is None:
                LOGGER.warning("%s: %s", item.path, item.reason)
            else:
                on_error(item)
            errors.append(item)
        else:
            documents.append(item)
    return documents, errors, len({doc.source for doc in documents})


def load_documents(paths: Sequence[str | os.PathLike[str]], *, tag: bool = True,
                   codebook: str | os.PathLike[str] | None = None, tagger: str = "default",
                   progress: bool | None = None, adopt_terms: bool = True,
                   on_error: Callable[[IngestError], None] | None = None
                   ) -> tuple[list[Document], list[IngestError]]:
    """Documents from report files and folders, or from a ``documents.jsonl`` written earlier.

    Args:
        paths: Files or folders of reports; or a single ``documents.jsonl`` (or an output
            folder holding one), whose documents are used as they are.
        tag: Tag passages and documents (skipped for documents already tagged).
        codebook: A user codebook file for tagging.
        tagger: Registry name of the tagger.
        progress: Show a progress bar (``None``: only on a terminal).
        adopt_terms: Give the segmenter the corpus's own terms, as ``analyze`` does: the terms
            an analysis adopted (its ``terms.json``) or, for report files, newly discovered ones.
        on_error: Called with each file that gave no document, as it is met. Unreadable
            files are not logged here: the caller reports them, through ``on_error`` or from
            the returned list, so that each is reported once.

    Returns:
        ``(documents, errors)``.
    """
    from dangjian_nlp.segment import add_terms, reset_segmenters

    checked = _check_paths(paths)
    saved = _saved_documents_file(checked)
    reset_segmenters()
    if saved is not None:
        terms_file = saved.parent / "terms.json"
        if adopt_terms and terms_file.is_file():
            add_terms(json.loads(terms_file.read_text(encoding="utf-8")).get("adopted", []))
        documents = _read_saved_documents(saved)
        already_tagged = any(p.problems or p.measures for d in documents for p in d.passages)
        if tag and not already_tagged:
            _tag(documents, codebook=codebook, tagger=tagger)
        return documents, []
    documents, errors, _ = read_corpus(checked, progress=progress, on_error=on_error or _returned_only)
    if adopt_terms:
        from dangjian_nlp.keywords import adopt_terms as adopt, discover_terms

        adopt(discover_terms(documents))
    if tag:
        _tag(documents, codebook=codebook, tagger=tagger)
    return documents, errors


def _returned_only(error: IngestError) -> None:  # noqa: ARG001
    """``on_error`` for a caller that reports the returned errors itself."""


def _read_saved_documents(path: Path) -> list[Document]:
    documents = []
    try:
        for number, row in enumerate(io.read_jsonl(path), 1):
            try:
                documents.append(Document.from_dict(row))
            except (TypeError, KeyError, AttributeError, ValueError) as exc:
                raise InputError(f"{path}:{number}: not a dangjian-nlp document ({exc})") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read as documents.jsonl ({exc})") from None
    return documents


def _saved_documents_file(paths: list[Path]) -> Path | None:
    if len(paths) != 1:
        return None
    path = paths[0]
    if path.is_file() and path.name.endswith(".jsonl"):
        return path
    if path.is_dir() and (path / DOCUMENTS_FILE).is_file() and (path / "manifest.json").is_file():
        return path / DOCUMENTS_FILE
    return None


def _tag(documents: list[Document], *, codebook: str | os.PathLike[str] | None, tagger: str) -> Any:
    """Tag ``documents`` in place and return the codebook used."""
    from dangjian_nlp.tagging import get_tagger, load_codebook, tag_documents

    book = load_codebook(codebook)
    tag_documents(documents, tagger=get_tagger(tagger, codebook=book))
    return book


# --- stages -----------------------------------------------------------------------------

def stage_ingest(run: AnalysisRun) -> None:
    """Read, clean, split and structure the input."""
    run.documents, run.errors, run.files = read_corpus(run.paths, progress=run.options.progress,
                                                       on_error=run.options.on_error)
    if not run.documents:
        from dangjian_nlp.ingest import plural

        io.write_jsonl(run.out_dir / ERRORS_FILE, (e.to_dict() for e in run.errors))
        raise NoDocumentsError(f"no document could be read from {', '.join(map(str, run.paths))}"
                               f" ({plural(len(run.errors), 'file')} failed, see {run.out_dir / ERRORS_FILE})")


def stage_terms(run: AnalysisRun) -> None:
    """Discover the corpus's own jargon; adoptable terms join the segmenter for this run."""
    from dangjian_nlp.keywords import adopt_terms, discover_terms

    candidates = discover_terms(run.documents)
    run.terms = adopt_terms(candidates)
    run.written.append(io.write_json(run.out_dir / "terms.json", {
        "adopted": run.terms, "candidates": [c.to_dict() for c in candidates]}))


def stage_tag(run: AnalysisRun) -> None:
    """Roles, problem and countermeasure tags for every passage and document."""
    run.codebook = _tag(run.documents, codebook=run.options.codebook, tagger=run.options.tagger)


def stage_keywords(run: AnalysisRun) -> None:
    """Key terms per document."""
    from dangjian_nlp.keywords import annotate_keywords, keywords_summary

    annotate_keywords(run.documents)
    run.written.append(io.write_json(run.out_dir / "keywords.json", keywords_summary(run.documents)))


def stage_topics(run: AnalysisRun) -> None:
    """Topic model over passages, chosen by coherence; OUT/topics.json and the saved model."""
    from dangjian_nlp.topics import fit_topics, save_topic_model

    run.topics = fit_topics(run.documents, seed=run.options.seed)
    run.written.append(io.write_json(run.out_dir / "topics.json", run.topics.to_dict()))
    run.written.extend(save_topic_model(run.topics, run.out_dir / "topics"))


def stage_graph(run: AnalysisRun) -> None:
    """Co-occurrence and problem → countermeasure graphs in OUT/graph/."""
    from dangjian_nlp.graph import build_graphs, write_graphs

    run.graphs = build_graphs(run.documents, window=run.options.graph_window, seed=run.options.seed,
                              codebook=run.codebook)
    run.written.extend(write_graphs(run.graphs, run.out_dir / "graph"))


def stage_tables(run: AnalysisRun) -> None:
    """Comparison tables in OUT/tables/ (CSV, XLSX, Markdown)."""
    from dangjian_nlp.tables import build_tables, read_metadata, write_tables

    metadata = read_metadata(run.options.metadata) if run.options.metadata else None
    topics = run.topics.to_dict() if run.topics is not None else None
    run.tables = build_tables(run.documents, topics=topics, metadata=metadata, codebook=run.codebook)
    run.written.extend(write_tables(run.tables, run.out_dir / "tables"))


def stage_export(run: AnalysisRun) -> None:
    """documents.jsonl, errors.jsonl, tags.csv and the REFI-QDA project."""
    from dangjian_nlp.export import write_qdpx, write_tags_csv

    io.write_jsonl(run.out_dir / DOCUMENTS_FILE, (doc.to_dict() for doc in run.documents))
    io.write_jsonl(run.out_dir / ERRORS_FILE, (e.to_dict() for e in run.errors))
    run.written += [run.out_dir / DOCUMENTS_FILE, run.out_dir / ERRORS_FILE]
    run.written.append(write_tags_csv(run.documents, run.out_dir / "tags.csv", codebook=run.codebook))
    run.written.append(write_qdpx(run.documents, run.out_dir / "project.qdpx", codebook=run.codebook))


def stage_report(run: AnalysisRun) -> None:
    """The self-contained OUT/report.html."""
    from dangjian_nlp.report import write_report

    topics = run.topics.to_dict() if run.topics is not None else None
    run.written.append(write_report(run.documents, out_dir=run.out_dir, tables=run.tables, topics=topics,
                                    graph_dir=run.out_dir / "graph", errors=run.errors, codebook=run.codebook))


Stage = Callable[[AnalysisRun], None]
STAGES: tuple[tuple[str, Stage], ...] = (
    ("ingest", stage_ingest),
    ("terms", stage_terms),
    ("tag", stage_tag),
    ("keywords", stage_keywords),
    ("topics", stage_topics),
    ("graph", stage_graph),
    ("tables", stage_tables),
    ("export", stage_export),
    ("report", stage_report),
)


def check_options(options: AnalyzeOptions) -> None:
    """Fail on a bad codebook, tagger, metadata file or window before any stage runs.

    Raises:
        DangjianError: The first problem found, naming the option and the reason.
    """
    from dangjian_nlp.graph.config import make_options
    from dangjian_nlp.tables import read_metadata
    from dangjian_nlp.tagging import get_tagger, load_codebook

    get_tagger(options.tagger, codebook=load_codebook(options.codebook))
    if options.metadata is not None:
        if not Path(options.metadata).is_file():
            raise InputError(f"{options.metadata}: no such metadata file")
        read_metadata(options.metadata)
    make_options(window=options.graph_window)


def analyze(paths: Sequence[str | os.PathLike[str]], *, out_dir: str | os.PathLike[str],
            options: AnalyzeOptions | None = None) -> AnalysisRun:
    """Run every stage over ``paths`` and write the results to ``out_dir``.

    Into the output folder of an earlier run, a successful run then removes the files that
    run's ``manifest.json`` lists and this one did not write again (the tables of a
    ``metadata`` option dropped since, say), so that the folder holds one run's outputs;
    nothing else there is touched (see :func:`dangjian_nlp.manifest.remove_stale_outputs`).

    Args:
        paths: Files or folders of reports (.txt, .md, .docx, .pdf, .html).
        out_dir: Output folder (created when missing).
        options: Run options; defaults when ``None``.

    Returns:
        The finished run, with documents, errors, per-stage timings, written and removed files.

    Raises:
        InputError: No path given, a path missing, or no document could be read.
    """
    from dangjian_nlp.manifest import previous_outputs, remove_stale_outputs, write_manifest
    from dangjian_nlp.segment import reset_segmenters

    run = AnalysisRun(paths=_check_paths(paths), out_dir=Path(out_dir), options=options or AnalyzeOptions())
    check_options(run.options)
    earlier = previous_outputs(run.out_dir)
    # Terms discovered by an earlier run in this process must not leak into this one.
    reset_segmenters()
    run.out_dir.mkdir(parents=True, exist_ok=True)
    for name, stage in STAGES:
        started = time.perf_counter()
        stage(run)
        run.timings[name] = round(time.perf_counter() - started, 4)
        LOGGER.info("stage %s took %.2f s", name, run.timings[name])
    run.written.append(write_manifest(run))
    run.removed = remove_stale_outputs(run.out_dir, earlier, run.written)
    return run
