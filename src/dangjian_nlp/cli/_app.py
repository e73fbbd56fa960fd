"""The typer application every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="dangjian",
    help="Analyse Chinese party-building (党建) reports: ingest, structure, tag, keywords, topics, graphs, tables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
