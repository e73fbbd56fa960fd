"""``dangjian terms`` through typer's CliRunner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from dangjian_nlp import io
from dangjian_nlp.cli import app

RUNNER = CliRunner()


def test_terms_lists_jargon_and_split_codebook_terms(gold_documents, tmp_path) -> None:
    source = tmp_path / "documents.jsonl"
    io.write_jsonl(source, (document.to_dict() for document in gold_documents))
    out = tmp_path / "terms.json"
    result = RUNNER.invoke(app, ["terms", str(source), "--top", "40", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "两张皮" in result.output and "known" in result.output
    assert "segmenter still splits" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["documents"] == len(gold_documents)
    rows = {row["term"]: row for row in data["terms"]}
    assert rows["两张皮"]["quoted"] >= 50 and rows["两张皮"]["status"] == "known"
    assert any(row["status"] == "new" for row in data["terms"])
    assert {"term", "tokens"} == set(data["split_codebook_terms"][0])


def test_terms_json_output(gold_documents, tmp_path) -> None:
    source = tmp_path / "documents.jsonl"
    io.write_jsonl(source, (document.to_dict() for document in gold_documents[:3]))
    result = RUNNER.invoke(app, ["terms", str(source), "--json", "--min-freq", "3"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["documents"] == 3


def test_terms_missing_path_is_a_clear_error(tmp_path) -> None:
    result = RUNNER.invoke(app, ["terms", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "nowhere" in result.output and "error:" in result.output


def test_terms_on_the_seed_folder(corpus_dir) -> None:
    result = RUNNER.invoke(app, ["terms", str(corpus_dir), "--top", "60"])
    assert result.exit_code == 0, result.output
    listed = {line.split()[0] for line in result.output.splitlines()[2:] if line.strip()}
    assert {"两张皮", "三会一课", "一岗双责"} <= listed
