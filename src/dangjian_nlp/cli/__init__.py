"""The ``dangjian`` command line: thin wrappers over library functions.

Each command lives in its own module and registers itself on the shared typer app.
"""

from __future__ import annotations

from dangjian_nlp.cli._app import app

# Command modules register themselves on import; keep the import list in help order.
from dangjian_nlp.cli import commands  # noqa: E402,F401

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app()
