"""``dangjian compare``: one grouping of an analysis output, as Markdown (and files)."""

from __future__ import annotations

from pathlib import Path

import typer

from dangjian_nlp.cli._app import app
from dangjian_nlp.cli._common import configure_logging, library_errors


@app.command("compare")
def compare_command(
    out: Path = typer.Argument(..., help="Output folder of `dangjian analyze` (or its documents.jsonl)."),
    by: str = typer.Option("org", "--by", help="Grouping: org, year, source or a column of the metadata CSV."),
    metadata: Path | None = typer.Option(None, "--metadata", help="CSV of document metadata joined on file name."),
    count: str = typer.Option("documents", "--count", help="What cells count: documents (reports) or passages."),
    save: Path | None = typer.Option(None, "--save", help="Also write the tables (CSV, XLSX, Markdown) to this folder."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log details."),
) -> None:
    """Compare groups of reports: group × problem type and group × countermeasure type."""
    from dangjian_nlp.ingest import plural
    from dangjian_nlp.tables import compare_output, table_to_markdown, write_tables

    configure_logging(verbose)
    with library_errors():
        tables = compare_output(out, by=by, metadata=metadata, count=count)
        if save is not None:
            written = write_tables(tables, save)
            typer.echo(f"wrote {plural(len(written), 'file')} to {save}", err=True)
    typer.echo("\n".join(table_to_markdown(table) for table in tables), nl=False)
