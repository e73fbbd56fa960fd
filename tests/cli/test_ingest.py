"""``dangjian ingest`` through typer's CliRunner."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dangjian_nlp.cli import app

RUNNER = CliRunner()


def test_ingest_corpus_writes_24_documents_and_a_summary(corpus_dir, tmp_path):
    out = tmp_path / "out"
    result = RUNNER.invoke(app, ["ingest", str(corpus_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"24 documents from 5 files, 0 errors → {out.as_posix()}/" in result.output
    rows = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 24
    assert rows[0]["id"] == "000_1943ade65ff11aea-00"
    assert rows[0]["source"] == f"{corpus_dir.as_posix()}/000_1943ade65ff11aea.txt"
    assert (out / "errors.jsonl").read_text(encoding="utf-8") == ""


def test_bad_files_are_listed_and_the_good_ones_still_ingested(corpus_dir, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((corpus_dir / "004_c4f700dea521b0cf.txt").read_bytes())
    (folder / "b.pdf").write_bytes(b"%PDF-1.4 broken")
    (folder / "c.txt").write_bytes(b"")
    result = RUNNER.invoke(app, ["ingest", str(folder), "--out", str(tmp_path / "out"), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "1 document from 3 files, 2 errors" in result.output
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["path"].rsplit("/", 1)[-1], e["kind"]) for e in errors] == [("b.pdf", "corrupt"), ("c.txt", "empty")]
    assert "b.pdf" in result.output  # the warning names the file


@pytest.mark.parametrize("names, message", [
    (["empty.txt"], "no document produced from 1 file;"),
    (["empty.txt", "blank.md"], "no document produced from 2 files;"),
], ids=["one-file", "two-files"])
def test_no_document_exits_non_zero_with_a_message(tmp_path, names, message):
    for name in names:
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_bytes(b"")
    result = RUNNER.invoke(app, ["ingest", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert message in result.output
    assert "(s)" not in result.output
    assert "errors.jsonl" in result.output


def test_missing_path_is_named(tmp_path):
    result = RUNNER.invoke(app, ["ingest", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "missing.txt: no such file or folder" in result.output


def test_arguments_are_required(tmp_path):
    assert RUNNER.invoke(app, ["ingest", "--out", str(tmp_path)]).exit_code != 0
    assert RUNNER.invoke(app, ["ingest", str(tmp_path)]).exit_code != 0


def test_progress_bar_goes_to_stderr_when_asked(corpus_dir, tmp_path):
    result = RUNNER.invoke(app, ["ingest", str(corpus_dir), "--out", str(tmp_path / "out"), "--progress"])
    assert result.exit_code == 0
    assert "ingest" in result.output and "5/5" in result.output
