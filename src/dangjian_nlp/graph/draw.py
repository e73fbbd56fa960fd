"""Static drawings (PNG, SVG) of the graphs, with a font that has the Chinese glyphs.

Drawn with matplotlib's object API (no pyplot state), at the positions stored on the nodes.
Nodes are coloured by community and sized by the units they occur in; edges are as wide as
their count. A dense graph is drawn with its ``max_edges`` edges of highest NPMI only (the
caption says how many of how many); the data files and the HTML view keep every edge. On the problem → countermeasure graph, edges the codebook lists as answers are
drawn in red. SVG text is converted to paths, so the SVG shows Chinese on a machine
without any CJK font; the SVG ids are salted with a constant so the bytes are stable.
"""

from __future__ import annotations

import io as _io
import logging
import math
from typing import Any

import networkx as nx

from dangjian_nlp.graph.config import DrawOptions
from dangjian_nlp.graph.fonts import cjk_font_path, font_covers

LOGGER = logging.getLogger(__name__)

PALETTE: tuple[str, ...] = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94",
)
"""Community colours (community ``k`` gets ``PALETTE[k % len(PALETTE)]``)."""

TITLES = {"cooccurrence": "对策共现网络", "problem_measure": "问题 → 对策网络"}
_ANSWER_COLOUR = "#c0392b"
_EDGE_COLOUR = "#9a9a9a"


def community_colour(community: int | None) -> str:
    """Hex colour of a community index."""
    return "#bbbbbb" if community is None else PALETTE[community % len(PALETTE)]


def labelled_nodes(graph: nx.Graph, max_labels: int) -> list[str]:
    """The nodes that get a label: highest weighted degree first, then by id."""
    ranked = sorted(graph.nodes, key=lambda n: (-graph.nodes[n].get("weighted_degree", 0), n))
    return sorted(ranked[:max_labels])


def drawn_edges(graph: nx.Graph, max_edges: int) -> list[tuple[str, str, dict[str, Any]]]:
    """The edges a static image shows: the ``max_edges`` with the highest NPMI (then count, then ids)."""
    ranked = sorted(graph.edges(data=True), key=lambda e: (-e[2].get("npmi", 0.0), -e[2].get("count", 0), e[0], e[1]))
    return ranked[:max_edges]


def _caption(name: str, graph: nx.Graph, shown: int) -> str:
    info = graph.graph
    edges = graph.number_of_edges()
    parts = [TITLES.get(name, name), f"窗口 {info.get('window', '')}", f"单元 {info.get('units', 0)}",
             f"边 {shown}/{edges}" if shown < edges else f"边 {edges}", f"模块度 {info.get('modularity', 0):.3f}"]
    if info.get("stability") is not None:
        parts.append(f"稳定性(ARI) {info['stability']:.2f}")
    return "  ·  ".join(parts)


def render(name: str, graph: nx.Graph, *, fmt: str, options: DrawOptions) -> bytes:
    """Draw one graph and return the image bytes.

    Args:
        name: ``cooccurrence`` or ``problem_measure`` (chooses the title).
        graph: A graph from :func:`dangjian_nlp.graph.build_graphs` (nodes carry ``x``, ``y``).
        fmt: ``png`` or ``svg``.
        options: Size, resolution and how many labels.

    Returns:
        The encoded image.
    """
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    font_path = cjk_font_path()
    font = FontProperties(fname=str(font_path), size=9) if font_path else FontProperties(size=9)
    title_font = FontProperties(fname=str(font_path), size=12) if font_path else FontProperties(size=12)
    labels = labelled_nodes(graph, options.max_labels)
    if font_path:
        missing = sorted({ch for n in labels for ch in str(graph.nodes[n].get("label", n))
                          if not font_covers(font_path, ch)})
        if missing:
            LOGGER.warning("font %s lacks glyphs for %s", font_path.name, "".join(missing))

    figure = Figure(figsize=(options.width_inches, options.height_inches), dpi=options.dpi)
    axes = figure.add_axes((0.02, 0.02, 0.96, 0.9))
    axes.set_axis_off()
    bipartite = any(kind == "problem" for _, kind in graph.nodes(data="kind"))
    from matplotlib.collections import LineCollection

    max_count = max((d.get("count", 1) for _, _, d in graph.edges(data=True)), default=1)
    edges = sorted(drawn_edges(graph, options.max_edges),
                   key=lambda e: (bool(e[2].get("answers")), e[2].get("count", 1), e[0], e[1]))
    if edges:
        axes.add_collection(LineCollection(
            [[(graph.nodes[a]["x"], graph.nodes[a]["y"]), (graph.nodes[b]["x"], graph.nodes[b]["y"])]
             for a, b, _ in edges],
            colors=[_ANSWER_COLOUR if d.get("answers") else _EDGE_COLOUR for _, _, d in edges],
            linewidths=[0.4 + 3.2 * d.get("count", 1) / max_count for _, _, d in edges],
            alpha=0.45, zorder=1))
    max_units = max((d.get("units", 1) for _, d in graph.nodes(data=True)), default=1)
    nodes = sorted(graph.nodes)
    axes.scatter([graph.nodes[n]["x"] for n in nodes], [graph.nodes[n]["y"] for n in nodes],
                 s=[60 + 540 * math.sqrt(graph.nodes[n].get("units", 1) / max_units) for n in nodes],
                 c=[community_colour(graph.nodes[n].get("community")) for n in nodes],
                 marker="o", edgecolors="white", linewidths=0.8, zorder=2)
    for node in labels:
        data: dict[str, Any] = graph.nodes[node]
        text = str(data.get("label", node))
        if data.get("kind") == "term":
            text = f"「{text}」"
        if bipartite:
            left = data.get("kind") == "problem"
            axes.text(data["x"] + (-0.07 if left else 0.07), data["y"], text, fontproperties=font,
                      ha="right" if left else "left", va="center", zorder=3)
        else:
            axes.text(data["x"], data["y"] + 0.045, text, fontproperties=font, ha="center", va="bottom", zorder=3)
    axes.set_xlim(-1.6 if bipartite else -1.15, 1.6 if bipartite else 1.15)
    axes.set_ylim(-1.12, 1.15)
    figure.suptitle(_caption(name, graph, len(edges)), fontproperties=title_font)
    buffer = _io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "dangjian-nlp", "svg.fonttype": "path"}):
        metadata = {"Date": None, "Creator": "dangjian-nlp"} if fmt == "svg" else {"Software": "dangjian-nlp"}
        figure.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()
