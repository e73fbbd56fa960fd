"""``dangjian schema``: print the JSON Schema of documents.jsonl, or validate a file against it."""

from __future__ import annotations

from pathlib import Path

import typer

from dangjian_nlp.cli._app import app
from dangjian_nlp.cli._common import fail, library_errors


@app.command("schema")
def schema_command(
    validate: Path | None = typer.Option(None, "--validate", help="Validate this documents.jsonl (or output folder) instead."),
) -> None:
    """Print the published JSON Schema of documents.jsonl (or validate a file against it)."""
    from dangjian_nlp.export import schema_text, validate_documents

    if validate is None:
        typer.echo(schema_text(), nl=False)
        return
    from dangjian_nlp.ingest import plural

    with library_errors():
        issues = validate_documents(validate)
    for issue in issues:
        typer.echo(str(issue), err=True)
    if issues:
        raise fail(f"{validate}: {plural(len(issues), 'issue')}")
    typer.echo(f"{validate}: valid")
