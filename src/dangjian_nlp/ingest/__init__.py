"""Ingestion: files and folders in, structured essays out.

Each file is read by the reader its content calls for (txt/md in any common encoding,
docx, pdf, html), cleaned (page furniture, paywall and watermark markers, site boilerplate,
Markdown syntax), reflowed into paragraphs, split into essays when it is a compilation and
structured (sections, passages with provisional roles). Files are processed one at a
time, so memory does not grow with the corpus.

Example:
    >>> from dangjian_nlp.ingest import iter_documents
    >>> docs = [d for d in iter_documents(["corpus/001_6760920c93c036ae.txt"])]  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from dangjian_nlp.errors import InputError
from dangjian_nlp.ingest.clean import clean_lines
from dangjian_nlp.ingest.readers import ReadError, SourceText, available_readers, read_source, register_reader
from dangjian_nlp.ingest.split import Essay, split_essays
from dangjian_nlp.io import atomic_open, dumps
from dangjian_nlp.structure import structure_document
from dangjian_nlp.types import Document, IngestError

LOGGER = logging.getLogger(__name__)

__all__ = [
    "IngestSummary",
    "available_readers",
    "documents_from_bytes",
    "ingest",
    "iter_documents",
    "iter_files",
    "plural",
    "register_reader",
    "summary_line",
]

SKIPPED_NAMES = ("readme", "license", "licence", "changelog", "source", "index")
"""Stems of folder documentation files skipped while walking a folder (not when named)."""
DOCUMENTATION_SUFFIXES = ("", ".md", ".txt", ".rst", ".tsv", ".csv")
"""Only plain documentation files are skipped: ``index.html`` or ``source.docx`` is a report."""
OUTPUT_MARKERS = ("manifest.json", "documents.jsonl")
"""A folder holding both is a dangjian output folder, never input."""


def _check_paths(paths: Iterable[str | os.PathLike[str]]) -> list[str | os.PathLike[str]]:
    given = list(paths)
    if not given:
        raise InputError("no input paths given")
    for path in given:
        if not os.path.exists(path):
            raise InputError(f"{os.fspath(path)}: no such file or folder")
    return given


def _skipped(name: str) -> bool:
    if name.startswith((".", "~$")):
        return True
    stem, suffix = os.path.splitext(name)
    return stem.lower() in SKIPPED_NAMES and suffix.lower() in DOCUMENTATION_SUFFIXES


def _is_output_folder(root: str, files: list[str]) -> bool:
    return all(marker in files for marker in OUTPUT_MARKERS)


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, str]]:
    """Yield ``(path, label)`` for every file under ``paths``, folders walked in sorted order.

    The label is the path as given or found, with POSIX separators. Hidden files, folder
    documentation (README.md, LICENSE …) and dangjian output folders (an earlier run's
    ``--out`` inside the input folder) found while walking a folder are skipped; a file
    reached twice (named and inside a named folder) is read once.
    """
    seen: set[Path] = set()

    def first_time(path: Path) -> bool:
        key = path.resolve()
        if key in seen:
            LOGGER.info("%s: given twice, read once", path)
            return False
        seen.add(key)
        return True

    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                if _is_output_folder(root, files):
                    LOGGER.info("%s: an output folder of dangjian, not read as input", root)
                    dirs[:] = []
                    continue
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    found = Path(root) / name
                    if not _skipped(name) and first_time(found):
                        yield found, PurePath(found).as_posix()
        elif first_time(path):
            yield path, PurePath(path).as_posix()


def documents_from_bytes(data: bytes, *, label: str, stem: str) -> list[Document]:
    """Read, clean, split and structure the content of one file.

    Args:
        data: The file's bytes.
        label: The path to record as ``source``.
        stem: Prefix of the document ids (``<stem>-00`` …).

    Returns:
        The file's essays as structured documents.

    Raises:
        ReadError: The file cannot be read or holds no text.
    """
    source = read_source(data, label)
    return _documents(source, data, label=label, stem=stem)


def _documents(source: SourceText, data: bytes, *, label: str, stem: str) -> list[Document]:
    markdown = True if source.format == "md" else (None if source.format == "txt" else False)
    lines, file_meta = clean_lines(source.text, markdown=markdown, headings=source.headings)
    essays = split_essays(lines)
    if not essays:
        raise ReadError("no text left after cleaning", "empty")
    digest = hashlib.sha256(data).hexdigest()
    documents = []
    offset = 0
    for number, essay in enumerate(essays):
        document, hints = _document(essay, number=number, label=label, stem=stem, offset=offset)
        document.meta = {"format": source.format, "encoding": source.encoding, "sha256": digest,
                         "essay": number, "essays_in_file": len(essays), **essay.meta}
        if number == 0 and file_meta:
            document.meta.update(file_meta)
        documents.append(structure_document(document, headings=hints))
        offset += len(document.text) + 1
    return documents


def _document(essay: Essay, *, number: int, label: str, stem: str, offset: int) -> tuple[Document, dict[int, int]]:
    hints: dict[int, int] = {}
    position = 0
    for paragraph in essay.paragraphs:
        if paragraph.heading is not None and paragraph.kind == "body":
            hints[position] = paragraph.heading
        position += len(paragraph.text) + 1
    text = "\n".join(paragraph.text for paragraph in essay.paragraphs)
    document = Document(id=f"{stem}-{number:02d}", source=label, span=(offset, offset + len(text)),
                        title=essay.title, authors=list(essay.authors), text=text)
    return document, hints


def _read_file(path: Path, label: str, stem: str) -> list[Document] | IngestError:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return IngestError(label, f"cannot read file: {exc.strerror or exc}", "io")
    try:
        return documents_from_bytes(data, label=label, stem=stem)
    except ReadError as exc:
        return IngestError(label, str(exc), exc.kind)
    except RecursionError:
        return IngestError(label, "document structure too deeply nested", "corrupt")


def _unique_stem(path: Path, seen: dict[str, int]) -> str:
    stem = path.stem or path.name
    seen[stem] = seen.get(stem, 0) + 1
    return stem if seen[stem] == 1 else f"{stem}~{seen[stem]}"


def _iter_items(files: Iterable[tuple[Path, str]]) -> Iterator[Document | IngestError]:
    seen: dict[str, int] = {}
    for path, label in files:
        result = _read_file(path, label, _unique_stem(path, seen))
        if isinstance(result, IngestError):
            yield result  # the caller reports it (skipped line, errors.jsonl): no log here
        else:
            yield from result


def iter_documents(paths: Iterable[str | os.PathLike[str]], *,
                   on_error: Callable[[IngestError], None] | None = None) -> Iterator[Document | IngestError]:
    """Stream the structured essays of every file under ``paths``.

    Args:
        paths: Files and folders (walked recursively in sorted order).
        on_error: Called with each :class:`IngestError`; when given, errors are not yielded.

    Returns:
        An iterator of documents (ids ``<file stem>-NN``) and, without ``on_error``, of
        :class:`IngestError` for files that produced none. One file is held at a time.

    Raises:
        InputError: A path does not exist (raised at once, before anything is read).
    """
    given = _check_paths(paths)

    def generate() -> Iterator[Document | IngestError]:
        for item in _iter_items(iter_files(given)):
            if isinstance(item, IngestError) and on_error is not None:
                on_error(item)
            else:
                yield item

    return generate()


@dataclass(slots=True)
class IngestSummary:
    """What :func:`ingest` did.

    Attributes:
        documents: Documents written.
        errors: Files that produced no document.
        files: Files looked at.
        out_dir: The output folder.
        paths: Files written (``documents.jsonl``, ``errors.jsonl``).
    """

    documents: int
    errors: int
    files: int
    out_dir: Path
    paths: list[Path] = field(default_factory=list)

    def line(self) -> str:
        """One-line summary: ``24 documents from 5 files, 0 errors → out/``."""
        return summary_line(documents=self.documents, files=self.files, errors=self.errors, out_dir=self.out_dir)


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``count`` and the noun in the right number: ``1 file``, ``0 files``, ``2 entries``.

    Args:
        count: How many.
        noun: The singular.
        plural_noun: The plural when it is not ``noun + "s"``.
    """
    return f"{count} {noun if count == 1 else plural_noun or noun + 's'}"


def summary_line(*, documents: int, files: int, errors: int, out_dir: str | os.PathLike[str]) -> str:
    """``24 documents from 5 files, 0 errors → out/``: the line ``ingest`` and ``analyze`` end with."""
    out = Path(out_dir).as_posix().rstrip("/") + "/"
    return f"{plural(documents, 'document')} from {plural(files, 'file')}, {plural(errors, 'error')} → {out}"


def ingest(paths: Iterable[str | os.PathLike[str]], *, out_dir: str | os.PathLike[str],
           progress: bool | None = None, on_error: Callable[[IngestError], None] | None = None) -> IngestSummary:
    """Ingest ``paths`` and write ``OUT/documents.jsonl`` and ``OUT/errors.jsonl`` atomically.

    Args:
        paths: Files and folders.
        out_dir: Output folder (created when missing).
        progress: Show a progress bar on stderr; None shows it when stderr is a terminal.
        on_error: Also called with each file that produced no document (the CLI prints them).

    Returns:
        Counts and the files written.

    Raises:
        InputError: A path does not exist.
    """
    given = _check_paths(paths)
    files = list(iter_files(given))
    out = Path(out_dir)
    show = sys.stderr.isatty() if progress is None else progress
    documents_path, errors_path = out / "documents.jsonl", out / "errors.jsonl"
    documents = errors = 0
    from tqdm import tqdm  # noqa: PLC0415

    with atomic_open(documents_path, "w", newline="\n") as docs_out, \
            atomic_open(errors_path, "w", newline="\n") as errors_out, \
            tqdm(total=len(files), disable=not show, file=sys.stderr, unit="file", desc="ingest") as bar:
        for item in _iter_items(_ticking(files, bar)):
            if isinstance(item, IngestError):
                errors_out.write(dumps(item.to_dict()) + "\n")
                errors += 1
                if on_error is not None:
                    on_error(item)
            else:
                docs_out.write(dumps(item.to_dict()) + "\n")
                documents += 1
    return IngestSummary(documents=documents, errors=errors, files=len(files), out_dir=out,
                         paths=[documents_path, errors_path])


def _ticking(files: list[tuple[Path, str]], bar) -> Iterator[tuple[Path, str]]:
    for item in files:
        yield item
        bar.update(1)
