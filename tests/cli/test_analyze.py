"""``dangjian analyze`` through typer's CliRunner, and ``python cli.py`` from a checkout."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from dangjian_nlp.cli import app

RUNNER = CliRunner()


def test_analyze_single_file_prints_a_summary(corpus_dir, tmp_path):
    result = RUNNER.invoke(app, ["analyze", str(corpus_dir / "004_c4f700dea521b0cf.txt"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "1 document from 1 file, 0 errors" in result.output
    assert (tmp_path / "report.html").is_file()


@pytest.mark.parametrize("names, failed", [
    (["empty.txt"], "(1 file failed"),
    (["empty.txt", "blank.md"], "(2 files failed"),
], ids=["one-file", "two-files"])
def test_analyze_without_documents_exits_non_zero_with_a_message(tmp_path, names, failed):
    (tmp_path / "in").mkdir()
    for name in names:
        (tmp_path / "in" / name).write_bytes(b"")
    result = RUNNER.invoke(app, ["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1  # as for ingest: the arguments were fine, no file could be read
    assert "no document could be read" in result.output
    assert failed in result.output
    assert all(f"skipped {(tmp_path / 'in' / name).as_posix()}: " in result.output for name in names)


def test_analyze_missing_path_names_it(tmp_path):
    result = RUNNER.invoke(app, ["analyze", str(tmp_path / "missing"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "missing: no such file or folder" in result.output


def test_top_level_cli_py_runs_like_the_console_script(project_root):
    result = subprocess.run([sys.executable, str(project_root / "cli.py"), "--help"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0
    assert "analyze" in result.stdout
