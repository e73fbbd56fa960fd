"""``dangjian topics`` through typer's CliRunner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from dangjian_nlp import io
from dangjian_nlp.cli import app

RUNNER = CliRunner()


def test_topics_writes_json_and_model(gold_documents, tmp_path) -> None:
    source = tmp_path / "documents.jsonl"
    io.write_jsonl(source, (document.to_dict() for document in gold_documents))
    out = tmp_path / "out"
    result = RUNNER.invoke(app, ["topics", str(source), "--out", str(out), "--seed", "0"])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "topics.json").read_text(encoding="utf-8"))
    assert data["k"] == len(data["topics"]) > 0 and data["alignment"]["labels"]
    assert (out / "topics" / "manifest.json").is_file()
    assert f"{data['k']} topics (nmf)" in result.output
    assert "两张皮" in result.output


def test_topics_fixed_k(gold_documents, tmp_path) -> None:
    source = tmp_path / "documents.jsonl"
    io.write_jsonl(source, (document.to_dict() for document in gold_documents))
    result = RUNNER.invoke(app, ["topics", str(source), "--out", str(tmp_path / "o"), "--k", "5", "--no-tag"])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "o" / "topics.json").read_text(encoding="utf-8"))["k"] == 5


def test_topics_bad_backend_is_a_clear_error(gold_documents, tmp_path) -> None:
    source = tmp_path / "documents.jsonl"
    io.write_jsonl(source, (document.to_dict() for document in gold_documents[:2]))
    result = RUNNER.invoke(app, ["topics", str(source), "--out", str(tmp_path / "o"), "--backend", "nope"])
    assert result.exit_code == 2
    assert "unknown topic backend 'nope'" in result.output
