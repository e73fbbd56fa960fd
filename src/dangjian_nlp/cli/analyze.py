"""``dangjian analyze``: the whole analysis of a folder of reports."""

from __future__ import annotations

from pathlib import Path

import typer

from dangjian_nlp.cli._app import app
from dangjian_nlp.cli._common import configure_logging, library_errors, report_skipped


@app.command("analyze")
def analyze_command(
    paths: list[Path] = typer.Argument(..., help="Report files or folders (.txt .md .docx .pdf .html)."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder."),
    codebook: Path | None = typer.Option(None, "--codebook", help="A codebook YAML of your own."),
    seed: int = typer.Option(0, "--seed", help="Seed for topic models, communities and resampling."),
    metadata: Path | None = typer.Option(None, "--metadata", help="CSV of document metadata joined on file name."),
    tagger: str = typer.Option("default", "--tagger", help="Tagger name (see `dangjian tag --help`)."),
    window: str = typer.Option("passage", "--window", help="Co-occurrence window: passage (steadier communities) or document."),
    progress: bool | None = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: on a terminal)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log each stage."),
) -> None:
    """Read, structure, tag and analyse reports; write documents, tags, topics, graphs, tables and a report."""
    from dangjian_nlp.pipeline import AnalyzeOptions, analyze

    configure_logging(verbose)
    options = AnalyzeOptions(codebook=codebook, tagger=tagger, seed=seed, metadata=metadata,
                             graph_window=window, progress=progress, on_error=report_skipped)
    with library_errors():
        run = analyze(paths, out_dir=out, options=options)
    typer.echo(run.summary(), err=True)
