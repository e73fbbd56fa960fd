"""``dangjian ingest PATH... --out DIR``: read, clean, split and structure report files."""

from __future__ import annotations

import logging
from pathlib import Path

import typer

from dangjian_nlp.cli._app import app
from dangjian_nlp.cli._common import configure_logging, fail, library_errors, report_skipped

LOGGER = logging.getLogger(__name__)


@app.command("ingest")
def ingest_command(
    paths: list[Path] = typer.Argument(..., help="Report files or folders (walked recursively)."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder for documents.jsonl and errors.jsonl."),
    progress: bool | None = typer.Option(None, "--progress/--no-progress",
                                         help="Progress bar on stderr (default: when stderr is a terminal)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log debugging details."),
) -> None:
    """Ingest report files (txt, md, docx, pdf, html) into OUT/documents.jsonl, one essay a line.

    Files that cannot be read are listed in OUT/errors.jsonl with the reason; the rest are
    still processed. Exits non-zero when no document was produced.
    """
    from dangjian_nlp.ingest import ingest, plural  # noqa: PLC0415  (keeps `dangjian --help` fast)

    configure_logging(verbose)
    with library_errors():
        summary = ingest(paths, out_dir=out, progress=progress, on_error=report_skipped)
    typer.echo(summary.line())
    if summary.documents == 0:
        raise fail(f"no document produced from {plural(summary.files, 'file')};"
                   f" see {out.as_posix()}/errors.jsonl", code=1)
