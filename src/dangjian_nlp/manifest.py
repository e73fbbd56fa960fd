"""OUT/manifest.json: what produced a run's outputs, so a result can be traced and repeated.

Everything in the manifest is a function of the input, the options and the installed
versions, except ``timings``: two runs on the same input differ only there.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
from collections.abc import Iterable, Mapping
from importlib import metadata, resources
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from dangjian_nlp import __version__, io
from dangjian_nlp.types import SCHEMA_VERSION

if TYPE_CHECKING:
    from dangjian_nlp.pipeline import AnalysisRun

LOGGER = logging.getLogger(__name__)

MANIFEST_FILE = "manifest.json"
CODEBOOK_RESOURCE = ("tagging", "data", "codebook.yaml")
TRACKED_DISTRIBUTIONS = (
    "jieba", "rjieba", "scikit-learn", "gensim", "spacy", "networkx", "numpy", "scipy", "typer",
    "charset-normalizer", "python-docx", "pypdf", "lxml", "openpyxl", "matplotlib", "jsonschema", "PyYAML",
)


def file_sha256(path: str | Path) -> str | None:
    """SHA-256 of a file's bytes, or ``None`` when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def dependency_versions() -> dict[str, str | None]:
    """Installed versions of the libraries whose behaviour shapes the output."""
    versions: dict[str, str | None] = {}
    for name in TRACKED_DISTRIBUTIONS:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def _codebook_entry(codebook_path: Path | None) -> dict[str, Any]:
    from dangjian_nlp.tagging import load_codebook

    book = load_codebook(codebook_path)
    if codebook_path:
        data = Path(codebook_path).read_bytes()
    else:
        data = resources.files("dangjian_nlp").joinpath(*CODEBOOK_RESOURCE).read_bytes()
    return {"name": book.name, "version": book.version, "sha256": hashlib.sha256(data).hexdigest(),
            "path": str(codebook_path) if codebook_path else "packaged"}


def _inputs(run: AnalysisRun) -> list[dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for doc in run.documents:
        entry = entries.setdefault(doc.source, {"path": doc.source, "sha256": doc.meta.get("sha256"),
                                                "format": doc.meta.get("format"), "documents": 0})
        entry["documents"] += 1
    for error in run.errors:
        entries.setdefault(error.path, {"path": error.path, "sha256": file_sha256(error.path),
                                        "format": None, "documents": 0, "error": error.reason})
    return [entries[key] for key in sorted(entries)]


def output_key(path: str | os.PathLike[str], out_dir: str | os.PathLike[str]) -> str:
    """How ``manifest.json`` names an output: relative to the output folder, POSIX separators."""
    path = Path(path)
    try:
        return path.relative_to(out_dir).as_posix()
    except ValueError:
        return path.as_posix()


def _outputs(run: AnalysisRun) -> dict[str, str | None]:
    return {output_key(path, run.out_dir): file_sha256(path) for path in sorted({Path(p) for p in run.written})}


def build_manifest(run: AnalysisRun) -> dict[str, Any]:
    """The manifest of a finished run as a JSON-ready dict."""
    options = run.options
    return {
        "tool": {"name": "dangjian-nlp", "version": __version__, "schema_version": SCHEMA_VERSION},
        "python": platform.python_version(),
        "dependencies": dependency_versions(),
        "codebook": _codebook_entry(options.codebook),
        "options": {"tagger": options.tagger, "seed": options.seed, "graph_window": options.graph_window,
                    "metadata": str(options.metadata) if options.metadata else None,
                    "metadata_sha256": file_sha256(options.metadata) if options.metadata else None},
        "seeds": {"topics": options.seed, "communities": options.seed, "bootstrap": options.seed},
        "counts": {"files": run.files, "documents": len(run.documents),
                   "passages": sum(len(doc.passages) for doc in run.documents), "errors": len(run.errors)},
        "inputs": _inputs(run),
        "outputs": _outputs(run),
        "timings": {**run.timings, "total": round(sum(run.timings.values()), 4)},
    }


def write_manifest(run: AnalysisRun) -> Path:
    """Write OUT/manifest.json atomically and return its path."""
    return io.write_json(run.out_dir / MANIFEST_FILE, build_manifest(run))


def previous_outputs(out_dir: str | os.PathLike[str]) -> dict[str, str]:
    """The outputs an earlier run recorded in ``out_dir/manifest.json``, with their SHA-256.

    Read before a new run overwrites the manifest, so that :func:`remove_stale_outputs` can
    tell an earlier run's files from the user's own. A missing or unreadable manifest gives
    ``{}``: then nothing will be removed.
    """
    path = Path(out_dir) / MANIFEST_FILE
    if not path.is_file():
        return {}
    try:
        outputs = json.loads(path.read_text(encoding="utf-8")).get("outputs")
    except (OSError, ValueError, AttributeError) as exc:
        LOGGER.info("%s: not read (%s); earlier outputs are left as they are", path, exc)
        return {}
    if not isinstance(outputs, dict):
        return {}
    return {key: digest for key, digest in outputs.items() if isinstance(key, str) and isinstance(digest, str)}


def _inside(out_dir: Path, key: str) -> Path | None:
    """``out_dir/key`` when ``key`` is a plain relative path that stays inside ``out_dir``."""
    relative = PurePosixPath(key)
    if relative.is_absolute() or not relative.parts or any(part in ("", ".", "..") for part in relative.parts):
        return None
    path = out_dir.joinpath(*relative.parts)
    try:
        path.resolve().relative_to(out_dir.resolve())
    except (OSError, ValueError):
        return None
    return path


def remove_stale_outputs(out_dir: str | os.PathLike[str], previous: Mapping[str, str],
                         written: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Delete what an earlier run wrote to ``out_dir`` and this run did not write again.

    Only regular files listed in the earlier manifest (``previous``, from
    :func:`previous_outputs`), inside ``out_dir`` and still holding the bytes that run wrote
    are removed, then any folder that this left empty. Anything else (the user's own
    files, an output edited since) is left alone.

    Args:
        out_dir: The output folder.
        previous: Output name → SHA-256 of the earlier run.
        written: The files this run wrote.

    Returns:
        The files removed, in sorted order (each logged at INFO).
    """
    out = Path(out_dir)
    current = {output_key(path, out) for path in written} | {MANIFEST_FILE}
    removed: list[Path] = []
    for key in sorted(set(previous) - current):
        path = _inside(out, key)
        if path is None or path.is_symlink() or not path.is_file():
            continue
        if file_sha256(path) != previous[key]:
            LOGGER.info("kept %s: an earlier run wrote it, but it has changed since", path)
            continue
        try:
            path.unlink()
        except OSError as exc:
            LOGGER.warning("%s: stale output not removed (%s)", path, exc.strerror or exc)
            continue
        LOGGER.info("removed %s: written by the earlier run, not by this one", path)
        removed.append(path)
        _remove_empty_folders(path.parent, stop=out)
    return removed


def _remove_empty_folders(folder: Path, *, stop: Path) -> None:
    while folder != stop and stop in folder.parents:
        try:
            folder.rmdir()  # only succeeds when empty
        except OSError:
            return
        LOGGER.info("removed empty folder %s", folder)
        folder = folder.parent
