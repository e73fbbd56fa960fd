"""Defaults of the graph stage, read once from ``defaults.yaml`` and validated on load."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import jsonschema
import yaml

from dangjian_nlp.errors import DangjianError

LOGGER = logging.getLogger(__name__)

WINDOWS: tuple[str, ...] = ("document", "passage")
"""Where two recommendation nodes co-occur: in one document's recommendations, or in one passage."""

SCORES: tuple[str, ...] = ("jaccard", "npmi", "association")
"""Edge statistics a minimum score can apply to."""

COMMUNITY_WEIGHTS: tuple[str, ...] = ("count", "jaccard", "association")
"""Non-negative edge statistics Louvain can maximise modularity on."""

_NUMBER = {"type": "number"}
_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["terms", "min_passages", "score", "min_score", "communities", "draw"],
    "properties": {
        "terms": {
            "type": "object",
            "additionalProperties": False,
            "required": ["strategy", "max_terms", "min_df", "min_domain_df", "max_df_ratio", "min_share", "min_chars"],
            "properties": {
                "strategy": {"type": "string"},
                "max_terms": {"type": "integer", "minimum": 0},
                "min_df": {"type": "integer", "minimum": 1},
                "min_domain_df": {"type": "integer", "minimum": 1},
                "max_df_ratio": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                "min_share": {"type": "number", "minimum": 0, "maximum": 1},
                "min_chars": {"type": "integer", "minimum": 1},
            },
        },
        "min_passages": {"type": "integer", "minimum": 1},
        "score": {"enum": list(SCORES)},
        "min_score": {"type": ["number", "null"]},
        "communities": {
            "type": "object",
            "additionalProperties": False,
            "required": ["weight", "resolution", "bootstrap"],
            "properties": {
                "weight": {"enum": list(COMMUNITY_WEIGHTS)},
                "resolution": {"type": "number", "exclusiveMinimum": 0},
                "bootstrap": {"type": "integer", "minimum": 0, "maximum": 1000},
            },
        },
        "draw": {
            "type": "object",
            "additionalProperties": False,
            "required": ["max_labels", "max_edges", "width_inches", "height_inches", "dpi"],
            "properties": {
                "max_labels": {"type": "integer", "minimum": 0},
                "max_edges": {"type": "integer", "minimum": 0},
                "width_inches": _NUMBER,
                "height_inches": _NUMBER,
                "dpi": {"type": "integer", "minimum": 30, "maximum": 600},
            },
        },
    },
}


@dataclass(frozen=True, slots=True)
class TermOptions:
    """How recommendation key terms are chosen (see ``defaults.yaml``)."""

    strategy: str
    max_terms: int
    min_df: int
    min_domain_df: int
    max_df_ratio: float
    min_share: float
    min_chars: int


@dataclass(frozen=True, slots=True)
class DrawOptions:
    """Size and labelling of the static drawing."""

    max_labels: int
    max_edges: int
    width_inches: float
    height_inches: float
    dpi: int


@dataclass(frozen=True, slots=True)
class GraphOptions:
    """Every setting of one :func:`dangjian_nlp.graph.build_graphs` call.

    Attributes:
        window: ``document`` or ``passage``.
        min_count: Keep edges seen in at least this many units.
        min_score: Keep edges whose ``score`` statistic reaches this value (``None``: no limit).
            The packaged default is NPMI >= 0.
        score: ``jaccard``, ``npmi`` or ``association``.
        max_p_value: Keep edges whose one-sided Fisher p-value is at most this (``None``: no limit).
        min_passages: Passages that must carry a code for a document to carry it.
        keep_isolates: Keep nodes left without edges by the thresholds.
        seed: Seed of Louvain, the layout and the bootstrap.
        terms: Term node selection.
        community_weight: Edge attribute Louvain works on.
        resolution: Louvain resolution (above 1: smaller communities).
        bootstrap: Document resamples for stability (0: none).
        draw: Drawing settings.
    """

    window: str
    min_count: int
    min_score: float | None
    score: str
    max_p_value: float | None
    min_passages: int
    keep_isolates: bool
    seed: int
    terms: TermOptions
    community_weight: str
    resolution: float
    bootstrap: int
    draw: DrawOptions

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (stored on the graphs and in the summary)."""
        from dataclasses import asdict

        return asdict(self)


def validate_config(data: Any, *, origin: str = "graph defaults") -> dict[str, Any]:
    """Check a graph configuration mapping against the schema.

    Raises:
        DangjianError: Naming ``origin`` and the offending key.
    """
    try:
        jsonschema.validate(data, _SCHEMA)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(top level)"
        raise DangjianError(f"{origin}: invalid value at {where}: {exc.message}") from None
    return data


@functools.cache
def _packaged_defaults() -> dict[str, Any]:
    text = resources.files("dangjian_nlp.graph").joinpath("defaults.yaml").read_text(encoding="utf-8")
    return validate_config(yaml.safe_load(text), origin="dangjian_nlp/graph/defaults.yaml")


@functools.cache
def default_options() -> GraphOptions:
    """The packaged defaults as options (document window, NPMI >= 0, seed 0)."""
    data = _packaged_defaults()
    communities = data["communities"]
    return GraphOptions(
        window="document", min_count=1, min_score=data["min_score"], score=data["score"], max_p_value=None,
        min_passages=data["min_passages"], keep_isolates=False, seed=0,
        terms=TermOptions(**data["terms"]), community_weight=communities["weight"],
        resolution=float(communities["resolution"]), bootstrap=communities["bootstrap"],
        draw=DrawOptions(**data["draw"]),
    )


def make_options(**overrides: Any) -> GraphOptions:
    """Defaults with ``overrides`` applied; ``None`` values keep the default.

    Term settings may be given flat as ``max_terms``, ``term_strategy``, ``min_df`` ….

    Raises:
        DangjianError: An unknown window, score, weight or a value out of range.
    """
    base = default_options()
    term_keys = {"term_strategy": "strategy", "max_terms": "max_terms", "min_df": "min_df",
                 "min_domain_df": "min_domain_df", "max_df_ratio": "max_df_ratio", "min_share": "min_share"}
    term_changes = {term_keys[k]: v for k, v in overrides.items() if k in term_keys and v is not None}
    changes = {k: v for k, v in overrides.items() if k not in term_keys and v is not None}
    unknown = sorted(set(changes) - set(GraphOptions.__slots__))
    if unknown:
        raise DangjianError(f"unknown graph option(s): {', '.join(unknown)}")
    options = replace(base, terms=replace(base.terms, **term_changes), **changes)
    _check(options)
    return options


def _check(options: GraphOptions) -> None:
    if options.window not in WINDOWS:
        raise DangjianError(f"unknown window {options.window!r}; choose one of {', '.join(WINDOWS)}")
    if options.score not in SCORES:
        raise DangjianError(f"unknown score {options.score!r}; choose one of {', '.join(SCORES)}")
    if options.community_weight not in COMMUNITY_WEIGHTS:
        raise DangjianError(f"unknown community weight {options.community_weight!r}; "
                            f"choose one of {', '.join(COMMUNITY_WEIGHTS)}")
    if options.min_count < 1:
        raise DangjianError(f"min_count must be at least 1, got {options.min_count}")
    if options.min_passages < 1:
        raise DangjianError(f"min_passages must be at least 1, got {options.min_passages}")
    if not 0 <= options.bootstrap <= 1000:
        raise DangjianError(f"bootstrap must be between 0 and 1000 resamples, got {options.bootstrap}")
    if options.terms.max_terms < 0:
        raise DangjianError(f"max_terms must not be negative, got {options.terms.max_terms}")
    if options.max_p_value is not None and not 0 < options.max_p_value <= 1:
        raise DangjianError(f"max_p_value must be in (0, 1], got {options.max_p_value}")
