"""Imports every command module so that each registers on the app."""

from __future__ import annotations

import importlib
import logging

LOGGER = logging.getLogger(__name__)

# Module names under dangjian_nlp.cli; a module that is not there yet is skipped so a
# partial checkout still runs the commands it has.
COMMAND_MODULES = ("analyze", "ingest", "tag", "terms", "topics", "graph", "compare", "schema")

for _name in COMMAND_MODULES:
    try:
        importlib.import_module(f"dangjian_nlp.cli.{_name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"dangjian_nlp.cli.{_name}":
            raise
