"""``dangjian graph`` through typer's CliRunner: from a documents.jsonl and from a folder."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from dangjian_nlp import io
from dangjian_nlp.cli import app

RUNNER = CliRunner()


@pytest.fixture()
def gold_jsonl(gold_documents, tmp_path):
    path = tmp_path / "documents.jsonl"
    io.write_jsonl(path, (doc.to_dict() for doc in gold_documents))
    return path


def test_graph_from_documents_jsonl(gold_jsonl, tmp_path):
    out = tmp_path / "graph"
    result = RUNNER.invoke(app, ["graph", str(gold_jsonl), "--out", str(out), "--window", "passage",
                                 "--min-count", "2", "--bootstrap", "3", "--formats", "json,csv"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "cooccurrence.edges.csv", "cooccurrence.json", "cooccurrence.nodes.csv",
        "problem_measure.edges.csv", "problem_measure.json", "problem_measure.nodes.csv", "summary.json"]
    graph = nx.node_link_graph(json.loads((out / "cooccurrence.json").read_text(encoding="utf-8")), edges="links")
    assert graph.graph["window"] == "passage"
    assert min(d["count"] for _, _, d in graph.edges(data=True)) >= 2
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["options"]["bootstrap"] == 3
    assert "12 documents" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["--window", "sentence"], "unknown window"),
    (["--formats", "gexf,bmp"], "bmp"),
    (["--score", "pmi"], "unknown score"),
])
def test_bad_options_fail_before_reading(gold_jsonl, tmp_path, args, message):
    result = RUNNER.invoke(app, ["graph", str(gold_jsonl), "--out", str(tmp_path / "out"), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "out").exists()


def test_missing_input_names_the_path(tmp_path):
    missing = tmp_path / "nowhere"
    result = RUNNER.invoke(app, ["graph", str(missing), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert str(missing) in result.output


def test_graph_from_the_sample_corpus_folder(corpus_dir, tmp_path):
    out = tmp_path / "graph"
    result = RUNNER.invoke(app, ["graph", str(corpus_dir), "--out", str(out), "--bootstrap", "2",
                                 "--formats", "graphml"])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out / "cooccurrence.graphml")
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert "countermeasure" in kinds
    assert graph.number_of_edges() > 0
