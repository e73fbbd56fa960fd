"""Commands that read report folders report each unreadable file once (stderr or log, not both)."""

from __future__ import annotations

import logging

import pytest
from typer.testing import CliRunner

from dangjian_nlp.cli import app

RUNNER = CliRunner()


@pytest.fixture()
def mixed_folder(corpus_dir, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes((corpus_dir / "004_c4f700dea521b0cf.txt").read_bytes())
    (folder / "broken.pdf").write_bytes(b"\x00\x01 not a pdf at all")
    return folder


@pytest.mark.parametrize("command", [
    ["graph", "--formats", "json", "--out", "{out}"],
    ["topics", "--no-tag", "--out", "{out}"],
    ["terms", "--top", "5"],
    ["analyze", "--out", "{out}"],
], ids=["graph", "topics", "terms", "analyze"])
def test_each_unreadable_file_is_reported_once(mixed_folder, tmp_path, caplog, command):
    args = [command[0], str(mixed_folder)] + [a.format(out=tmp_path / "out") for a in command[1:]]
    with caplog.at_level(logging.WARNING):
        result = RUNNER.invoke(app, args)
    assert result.exit_code == 0, result.output
    logged = [record for record in caplog.records if "broken.pdf" in record.getMessage()]
    assert result.stderr.count("broken.pdf") + len(logged) == 1, (result.stderr, logged)
    assert "not a valid pdf" in result.stderr + caplog.text
