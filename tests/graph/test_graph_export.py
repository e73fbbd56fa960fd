"""Exports re-read with networkx and csv; byte-identical reruns; offline HTML; CJK font."""

from __future__ import annotations

import csv
import io
import json
import re

import networkx as nx
import numpy as np
import pytest

from dangjian_nlp.errors import DangjianError
from dangjian_nlp.graph import available_formats, build_graphs, cjk_font_path, write_graphs
from dangjian_nlp.graph.fonts import PROBE_TEXT, font_covers

NAMES = ("cooccurrence", "problem_measure")


def test_every_format_is_written(gold_export):
    out, written = gold_export
    names = {p.name for p in written}
    expected = {"summary.json", "graphs.html"} | {f"{g}.{ext}" for g in NAMES for ext in
                                                  ("gexf", "graphml", "json", "nodes.csv", "edges.csv", "png", "svg")}
    assert names == expected
    assert all((out / name).stat().st_size > 0 for name in names)
    assert set(available_formats()) == {"gexf", "graphml", "json", "csv", "png", "svg", "html"}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("reader", ["gexf", "graphml", "json"])
def test_exports_reread_with_networkx(gold_export, gold_graphs, name, reader):
    out, _ = gold_export
    original = dict(gold_graphs["passage"].graphs())[name]
    path = out / f"{name}.{reader}"
    if reader == "gexf":
        graph = nx.read_gexf(path)
    elif reader == "graphml":
        graph = nx.read_graphml(path)
    else:
        graph = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="links")
    assert sorted(graph.nodes) == sorted(original.nodes)
    assert graph.number_of_edges() == original.number_of_edges()
    label_key = "label"
    for node in original:
        assert graph.nodes[node][label_key] == original.nodes[node]["label"]  # Chinese labels intact
    a, b, data = next(iter(original.edges(data=True)))
    reread = graph.edges[a, b]
    assert int(reread["count"]) == data["count"]
    ids = reread["passage_ids"]
    assert (ids if isinstance(ids, list) else ids.split(";")) == data["passage_ids"]


def test_gexf_has_viz_and_chinese_labels(gold_export):
    out, _ = gold_export
    text = (out / "cooccurrence.gexf").read_text(encoding="utf-8")
    assert 'label="融合机制"' in text
    assert "<viz:position" in text and "<viz:color" in text
    assert "lastmodifieddate" not in text


@pytest.mark.parametrize("name", NAMES)
def test_csv_tables_have_bom_and_match_the_graph(gold_export, gold_graphs, name):
    out, _ = gold_export
    original = dict(gold_graphs["passage"].graphs())[name]
    for kind, expected in (("nodes", original.number_of_nodes()), ("edges", original.number_of_edges())):
        raw = (out / f"{name}.{kind}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        assert len(rows) == expected
    nodes = {row["id"]: row for row in csv.DictReader(io.StringIO((out / f"{name}.nodes.csv").read_text("utf-8-sig")))}
    assert nodes["M.integration"]["label"] == "融合机制"
    assert int(nodes["M.integration"]["units"]) == original.nodes["M.integration"]["units"]


def test_html_is_offline_and_carries_the_data(gold_export, gold_graphs):
    out, _ = gold_export
    page = (out / "graphs.html").read_text(encoding="utf-8")
    assert not re.search(r"https?:|//[a-z0-9]|\bsrc\s*=|<link\b|@import|url\(", page, flags=re.I)
    blobs = re.findall(r'<script type="application/json" class="graph-data">(.*?)</script>', page, flags=re.S)
    assert len(blobs) == 2
    for blob, (_, graph) in zip(blobs, gold_graphs["passage"].graphs()):
        data = json.loads(blob)
        assert len(data["links"]) == graph.number_of_edges()
        assert len(data["nodes"]) == graph.number_of_nodes()
    assert page.count('class="edge') >= gold_graphs["passage"].cooccurrence.number_of_edges()
    assert "融合机制" in page


def test_html_escapes_script_breaking_labels(hand_documents, tmp_path):
    graphs = build_graphs(hand_documents, min_score=-1.0, bootstrap=0, max_terms=0)
    graphs.cooccurrence.nodes["M.integration"]["label"] = "</script><b>x"
    write_graphs(graphs, tmp_path, formats=["html"])
    page = (tmp_path / "graphs.html").read_text(encoding="utf-8")
    assert "</script><b>" not in page
    assert page.count("</script>") == 3  # two data blocks and the program


def test_same_graphs_give_identical_bytes(gold_export, gold_documents, tmp_path):
    from dangjian_nlp.graph import passage_tokens

    out, first = gold_export  # passage window, seed 0, default bootstrap
    rebuilt = build_graphs(list(reversed(gold_documents)), window="passage", tokens=passage_tokens(gold_documents),
                           seed=0)
    second = write_graphs(rebuilt, tmp_path)
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_unknown_format_is_refused(hand_documents, tmp_path):
    graphs = build_graphs(hand_documents, bootstrap=0)
    with pytest.raises(DangjianError, match="bmp"):
        write_graphs(graphs, tmp_path, formats=["bmp"])
    assert not any(tmp_path.iterdir())


def test_font_has_the_chinese_glyphs(gold_graphs):
    path = cjk_font_path()
    assert path is not None
    labels = "".join(str(d["label"]) for _, graph in gold_graphs["passage"].graphs() for _, d in graph.nodes(data=True))
    assert font_covers(path, labels + PROBE_TEXT)
    assert not font_covers(path, "\ue000")  # private-use character: the check can fail


def test_drawn_glyphs_are_not_empty_boxes():
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(fname=str(cjk_font_path()))
    to_path = TextToPath()

    def outline(char: str) -> bytes:
        vertices, _ = to_path.get_text_path(prop, char)
        return np.asarray(vertices, dtype=float).round(2).tobytes()

    tofu = outline("\ue000")  # the font's .notdef box
    shapes = {ch: outline(ch) for ch in "党建融合"}
    assert len(set(shapes.values())) == 4
    assert tofu not in shapes.values()


def test_png_and_svg_are_real_drawings(gold_export):
    from matplotlib.image import imread

    out, _ = gold_export
    pixels = imread(out / "cooccurrence.png")
    assert pixels.shape[0] > 500 and pixels.shape[1] > 500
    assert pixels[..., :3].std() > 0.05  # not a blank canvas
    svg = (out / "cooccurrence.svg").read_text(encoding="utf-8")
    assert "<text" not in svg  # glyphs are outlines: readable without a Chinese font
    assert "<path" in svg


def test_static_image_keeps_the_strongest_edges():
    from dangjian_nlp.graph.draw import drawn_edges

    graph = nx.Graph()
    graph.add_edge("a", "b", npmi=0.1, count=9)
    graph.add_edge("b", "c", npmi=0.6, count=1)
    graph.add_edge("c", "d", npmi=0.6, count=2)
    assert [(a, b) for a, b, _ in drawn_edges(graph, 2)] == [("c", "d"), ("b", "c")]
    assert len(drawn_edges(graph, 10)) == 3


@pytest.mark.slow
def test_other_hash_seed_gives_identical_bytes(hand_documents, tmp_path):
    """Set and dict orders differ between processes; the files must not."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    formats = ["json", "gexf", "csv", "html"]
    write_graphs(build_graphs(hand_documents, min_score=-1.0, bootstrap=5, max_df_ratio=1.0), tmp_path / "here",
                 formats=formats)
    script = (
        "import sys; from pathlib import Path; from graph_corpus import HAND_CORPUS, make_document; "
        "from dangjian_nlp.graph import build_graphs, write_graphs; "
        "docs = [make_document(d, rows) for d, rows in HAND_CORPUS.items()]; "
        f"write_graphs(build_graphs(docs, min_score=-1.0, bootstrap=5, max_df_ratio=1.0), Path(sys.argv[1]), "
        f"formats={formats!r})"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(Path(__file__).parent)}
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "there")], check=True, env=env)
    here = sorted(p.name for p in (tmp_path / "here").iterdir())
    assert here == sorted(p.name for p in (tmp_path / "there").iterdir())
    for name in here:
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "there" / name).read_bytes(), name
