"""Imports every command module so that each registers on the app, in help order."""

from __future__ import annotations

from dangjian_nlp.cli import (  # noqa: F401
    analyze,
    ingest,
    tag,
    terms,
    topics,
    graph,
    compare,
    schema,
)
