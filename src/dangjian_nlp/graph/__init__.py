"""Co-occurrence graphs of recommendations.

Two graphs from tagged documents: which countermeasures (and recommendation key terms such
as 双向交流, 一岗双责, 党建+) are proposed together, and which countermeasures documents propose
for which problems. Edges carry counts, Jaccard, NPMI, association strength and a Fisher
p-value, plus the ids of the passages and documents they rest on; nodes carry Louvain
communities (fixed seed) with bootstrap stability, and centralities.

Example:
    >>> from dangjian_nlp.graph import build_graphs, write_graphs   # doctest: +SKIP
    >>> graphs = build_graphs(documents, window="document", min_count=2, seed=0)  # doctest: +SKIP
    >>> write_graphs(graphs, Path("out/graph"))                      # doctest: +SKIP
"""

from __future__ import annotations

from dangjian_nlp.graph.build import COOCCURRENCE, PROBLEM_MEASURE, GraphSet, build_graphs, passage_tokens
from dangjian_nlp.graph.config import GraphOptions, default_options, make_options
from dangjian_nlp.graph.export import available_formats, register_format, write_graphs
from dangjian_nlp.graph.fonts import cjk_font_path
from dangjian_nlp.graph.run import GraphRun, graph_paths

__all__ = [
    "COOCCURRENCE",
    "PROBLEM_MEASURE",
    "GraphOptions",
    "GraphRun",
    "GraphSet",
    "available_formats",
    "build_graphs",
    "cjk_font_path",
    "default_options",
    "graph_paths",
    "make_options",
    "passage_tokens",
    "register_format",
    "write_graphs",
]
