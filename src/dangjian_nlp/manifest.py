"""OUT/manifest.json: what produced a run's outputs, so a result can be traced and repeated.

Everything in the manifest is a function of the input, the options and the installed
versions, except ``timings``: two runs on the same input differ only there.
"""

from __future__ import annotations

import hashlib
import logging
import platform
from importlib import metadata, resources
from pathlib import Path
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


def _outputs(run: AnalysisRun) -> dict[str, str | None]:
    outputs = {}
    for path in sorted({Path(p) for p in run.written}):
        try:
            key = path.relative_to(run.out_dir).as_posix()
        except ValueError:
            key = path.as_posix()
        outputs[key] = file_sha256(path)
    return outputs


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
