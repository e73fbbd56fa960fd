"""Write the graphs: GEXF, GraphML, node-link JSON, CSV tables, PNG, SVG and offline HTML.

Each format is a writer registered by name; :func:`write_graphs` runs the requested ones (all
by default) and always writes ``summary.json``. Every file is written atomically and the same
graphs give the same bytes.

Files, for each graph name ``G`` (``cooccurrence``, ``problem_measure``):
``G.gexf``, ``G.graphml`` (Gephi opens both with Chinese labels; list attributes such as
``passage_ids`` are joined with ``;`` because GraphML and GEXF have no list type),
``G.json`` (networkx node-link data, lists kept), ``G.nodes.csv`` and ``G.edges.csv`` (UTF-8 with
BOM so Excel reads the Chinese), ``G.png``, ``G.svg``; and one ``graphs.html`` with both.
"""

from __future__ import annotations

import csv
import io as _io
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from dangjian_nlp import io
from dangjian_nlp.errors import DangjianError
from dangjian_nlp.graph.build import GraphSet
from dangjian_nlp.graph.draw import community_colour, render
from dangjian_nlp.graph.html import render_html
from dangjian_nlp.registry import Registry

LOGGER = logging.getLogger(__name__)

LIST_SEPARATOR = ";"
NODE_COLUMNS = ("id", "label", "kind", "units", "documents", "passages", "community", "community_stability",
                "stability", "degree", "weighted_degree", "betweenness", "x", "y", "document_ids", "passage_ids")
EDGE_COLUMNS = ("source", "target", "count", "documents", "passages", "jaccard", "npmi", "association",
                "p_value", "q_value", "support", "answers", "document_ids", "passage_ids")

Writer = Callable[[GraphSet, Path], list[Path]]
_FORMATS: Registry[Writer] = Registry("graph format")


def register_format(name: str) -> Callable[[Writer], Writer]:
    """Decorator: make an export format available under ``name``."""
    return _FORMATS.register(name)


def available_formats() -> list[str]:
    """Export format names, in the order :func:`write_graphs` writes them."""
    return _FORMATS.names()


def flat_value(value: Any) -> Any:
    """A list becomes one ``;``-joined string; scalars are kept."""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def flat_attributes(attributes: dict[str, Any]) -> dict[str, Any]:
    """Attributes GraphML and GEXF accept: lists joined, ``None`` values dropped."""
    return {key: flat_value(value) for key, value in attributes.items() if value is not None}


def flat_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` with flat attributes (same node and edge order)."""
    flat = graph.__class__()
    flat.graph.update(flat_attributes(graph.graph))
    flat.add_nodes_from((node, flat_attributes(data)) for node, data in graph.nodes(data=True))
    flat.add_edges_from((a, b, flat_attributes(data)) for a, b, data in graph.edges(data=True))
    return flat


def _hex_to_rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


@register_format("gexf")
def _write_gexf(graphs: GraphSet, out_dir: Path) -> list[Path]:
    paths = []
    for name, graph in graphs.graphs():
        flat = flat_graph(graph)
        max_units = max((d.get("units", 1) for _, d in graph.nodes(data=True)), default=1)
        for node, data in flat.nodes(data=True):
            data["viz"] = {
                "color": {**_hex_to_rgb(community_colour(data.get("community"))), "a": 1.0},
                "position": {"x": round(data.get("x", 0.0) * 500, 2), "y": round(data.get("y", 0.0) * 500, 2),
                             "z": 0.0},
                "size": round(4 + 16 * (data.get("units", 1) / max_units) ** 0.5, 2),
            }
        buffer = _io.BytesIO()
        nx.write_gexf(flat, buffer, encoding="utf-8", prettyprint=True)
        # networkx stamps today's date; drop it so the same graph gives the same bytes.
        data = re.sub(rb' lastmodifieddate="[^"]*"', b"", buffer.getvalue(), count=1)
        paths.append(io.write_bytes(out_dir / f"{name}.gexf", data))
    return paths


@register_format("graphml")
def _write_graphml(graphs: GraphSet, out_dir: Path) -> list[Path]:
    paths = []
    for name, graph in graphs.graphs():
        buffer = _io.BytesIO()
        nx.write_graphml(flat_graph(graph), buffer, encoding="utf-8", prettyprint=True)
        paths.append(io.write_bytes(out_dir / f"{name}.graphml", buffer.getvalue()))
    return paths


@register_format("json")
def _write_json(graphs: GraphSet, out_dir: Path) -> list[Path]:
    paths = []
    for name, graph in graphs.graphs():
        data = nx.node_link_data(graph, edges="links")
        data["graph"] = dict(sorted(graph.graph.items()))
        paths.append(io.write_json(out_dir / f"{name}.json", data))
    return paths


def _csv_text(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    buffer = _io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else flat_value(row.get(c)) for c in columns])
    return buffer.getvalue()


@register_format("csv")
def _write_csv(graphs: GraphSet, out_dir: Path) -> list[Path]:
    paths = []
    for name, graph in graphs.graphs():
        nodes = ({"id": node, **data} for node, data in graph.nodes(data=True))
        edges = ({"source": a, "target": b, **data} for a, b, data in graph.edges(data=True))
        edge_columns = [c for c in EDGE_COLUMNS if c != "answers" or graph.is_directed()]
        paths.append(io.write_text(out_dir / f"{name}.nodes.csv", _csv_text(NODE_COLUMNS, nodes), encoding="utf-8-sig"))
        paths.append(io.write_text(out_dir / f"{name}.edges.csv", _csv_text(edge_columns, edges), encoding="utf-8-sig"))
    return paths


def _write_image(graphs: GraphSet, out_dir: Path, fmt: str) -> list[Path]:
    return [io.write_bytes(out_dir / f"{name}.{fmt}", render(name, graph, fmt=fmt, options=graphs.options.draw))
            for name, graph in graphs.graphs()]


@register_format("png")
def _write_png(graphs: GraphSet, out_dir: Path) -> list[Path]:
    return _write_image(graphs, out_dir, "png")


@register_format("svg")
def _write_svg(graphs: GraphSet, out_dir: Path) -> list[Path]:
    return _write_image(graphs, out_dir, "svg")


@register_format("html")
def _write_html(graphs: GraphSet, out_dir: Path) -> list[Path]:
    page = render_html(graphs.graphs(), max_labels=graphs.options.draw.max_labels)
    return [io.write_text(out_dir / "graphs.html", page)]


def check_formats(formats: Sequence[str] | None) -> list[str]:
    """The format names to write (all when ``None``), in the order given.

    Raises:
        DangjianError: An unknown format name.
    """
    chosen = available_formats() if formats is None else list(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in _FORMATS]
    if unknown:
        raise DangjianError(f"unknown graph format(s) {', '.join(unknown)}; "
                            f"choose from {', '.join(available_formats())}")
    return chosen


def write_graphs(graphs: GraphSet, out_dir: str | Path, *, formats: Sequence[str] | None = None) -> list[Path]:
    """Write the graphs in every requested format, plus ``summary.json``.

    Args:
        graphs: From :func:`dangjian_nlp.graph.build_graphs`.
        out_dir: Folder to write into (created when missing), e.g. ``OUT/graph``.
        formats: Names from :func:`available_formats`; all of them when ``None``.

    Returns:
        The written files, in writing order.

    Raises:
        DangjianError: An unknown format name.
    """
    out = Path(out_dir)
    chosen = check_formats(formats)
    written = [io.write_json(out / "summary.json", graphs.summary())]
    for fmt in chosen:
        written.extend(_FORMATS.get(fmt)(graphs, out))
    LOGGER.info("wrote %d graph files to %s", len(written), out)
    return written
