"""``dangjian schema`` prints the published schema and validates files."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from dangjian_nlp import io
from dangjian_nlp.cli import app
from dangjian_nlp.export import document_schema

runner = CliRunner()


def test_schema_prints_the_published_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == document_schema()


def test_schema_validate(tmp_path, small_docs):
    io.write_jsonl(tmp_path / "documents.jsonl", (d.to_dict() for d in small_docs))
    result = runner.invoke(app, ["schema", "--validate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.stdout


def test_schema_validate_reports_issues(tmp_path, small_docs):
    rows = [d.to_dict() for d in small_docs]
    rows[0]["passages"][0]["role"] = "opinion"
    io.write_jsonl(tmp_path / "documents.jsonl", rows)
    result = runner.invoke(app, ["schema", "--validate", str(tmp_path / "documents.jsonl")])
    assert result.exit_code == 2
    assert "line 1: fy-02: 'opinion' is not one of" in result.stderr
    assert f"error: {tmp_path / 'documents.jsonl'}: 1 issue\n" in result.stderr


def test_schema_validate_missing_file(tmp_path):
    result = runner.invoke(app, ["schema", "--validate", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert "nope.jsonl: no such file" in result.stderr
