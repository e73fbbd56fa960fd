"""Topic-stage settings: ``data/defaults.yaml``, validated on load, overridable per call."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, fields
from importlib import resources
from typing import Any

import yaml

from dangjian_nlp.errors import DangjianError

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TopicConfig:
    """Settings of :func:`dangjian_nlp.topics.fit_topics` (see ``data/defaults.yaml``)."""

    backend: str
    k_grid: tuple[int, ...]
    seeds: int
    top_n: int
    label_terms: int
    min_df: int
    max_df: float
    max_features: int
    min_passage_terms: int
    min_passages_per_topic: int
    min_passages: int
    k_tolerance: float
    max_grid_passages: int
    max_clusters: int

    def replace(self, **changes: Any) -> TopicConfig:
        """A copy with some settings changed (validated)."""
        return parse_config({**{f.name: getattr(self, f.name) for f in fields(self)}, **changes})


def parse_config(data: Any, *, source: str = "<topics config>") -> TopicConfig:
    """Validate a mapping of settings.

    Raises:
        DangjianError: Unknown or missing keys, or values of the wrong type or range.
    """
    names = {f.name for f in fields(TopicConfig)}
    if not isinstance(data, dict):
        raise DangjianError(f"{source}: expected a mapping of settings")
    unknown, missing = sorted(set(data) - names), sorted(names - set(data))
    if unknown or missing:
        raise DangjianError(f"{source}: unknown keys {unknown}, missing keys {missing}")
    grid = data["k_grid"]
    if not isinstance(grid, (list, tuple)) or not grid or not all(isinstance(k, int) and k >= 2 for k in grid):
        raise DangjianError(f"{source}: k_grid must be a non-empty list of integers >= 2")
    for key in ("seeds", "top_n", "label_terms", "min_df", "min_passage_terms", "min_passages_per_topic",
                "min_passages", "max_grid_passages", "max_clusters", "max_features"):
        if not isinstance(data[key], int) or data[key] < 1:
            raise DangjianError(f"{source}: {key} must be a positive integer, not {data[key]!r}")
    if not 0 < float(data["max_df"]) <= 1:
        raise DangjianError(f"{source}: max_df must be in (0, 1]")
    if not isinstance(data["backend"], str):
        raise DangjianError(f"{source}: backend must be a name")
    values = dict(data)
    values["k_grid"] = tuple(sorted(set(grid)))
    values["max_df"] = float(values["max_df"])
    values["k_tolerance"] = float(values["k_tolerance"])
    return TopicConfig(**values)


@functools.cache
def default_config() -> TopicConfig:
    """The packaged ``data/defaults.yaml``."""
    text = resources.files("dangjian_nlp.topics").joinpath("data", "defaults.yaml").read_text(encoding="utf-8")
    return parse_config(yaml.safe_load(text), source="topics/data/defaults.yaml")


__all__ = ["TopicConfig", "default_config", "parse_config"]
