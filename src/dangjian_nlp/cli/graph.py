"""``dangjian graph``: co-occurrence and problem → countermeasure graphs of a corpus."""

from __future__ import annotations

from pathlib import Path

import typer

from dangjian_nlp.cli._app import app
from dangjian_nlp.cli._common import configure_logging, library_errors


@app.command("graph")
def graph_command(
    paths: list[Path] = typer.Argument(..., help="Report files or folders, or a documents.jsonl written earlier."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder for the graph files."),
    window: str = typer.Option("passage", "--window", help="Co-occurrence window: passage (steadier communities) or document."),
    min_count: int = typer.Option(1, "--min-count", min=1, help="Keep edges seen in at least N units."),
    min_score: float | None = typer.Option(None, "--min-score",
                                           help="Keep edges whose score is at least this (default NPMI >= 0; -1 keeps all)."),
    score: str | None = typer.Option(None, "--score", help="Score for --min-score: npmi, jaccard or association."),
    max_p: float | None = typer.Option(None, "--max-p", help="Keep edges whose Fisher p-value is at most this."),
    max_terms: int | None = typer.Option(None, "--max-terms", min=0, help="At most N key-term nodes (0: codes only)."),
    bootstrap: int | None = typer.Option(None, "--bootstrap", min=0, help="Document resamples for stability."),
    seed: int = typer.Option(0, "--seed", help="Seed of Louvain, bootstrap and layout."),
    formats: str | None = typer.Option(None, "--formats",
                                       help="Comma-separated: gexf,graphml,json,csv,png,svg,html (default all)."),
    codebook: Path | None = typer.Option(None, "--codebook", help="A codebook YAML of your own."),
    tagger: str = typer.Option("default", "--tagger", help="Tagger name."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress."),
) -> None:
    """Graphs of which countermeasures travel together and which answer which problems."""
    from dangjian_nlp.graph.run import graph_paths

    configure_logging(verbose)
    chosen = [f.strip() for f in formats.split(",") if f.strip()] if formats else None
    with library_errors():
        run = graph_paths(paths, out_dir=out, formats=chosen, codebook=codebook, tagger=tagger, window=window,
                          min_count=min_count, min_score=min_score, score=score, max_p_value=max_p,
                          max_terms=max_terms, bootstrap=bootstrap, seed=seed)
    typer.echo(run.summary(), err=True)
