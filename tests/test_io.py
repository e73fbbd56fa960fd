"""Atomic output: a failed write never destroys the previous complete file."""

from __future__ import annotations

import os
import stat

import pytest

from dangjian_nlp import io


def test_write_jsonl_round_trips_chinese(tmp_path):
    rows = [{"id": "a", "text": "重业务轻党建"}, {"id": "b", "text": "两张皮"}]
    path = tmp_path / "rows.jsonl"
    assert io.write_jsonl(path, rows) == 2
    assert "重业务轻党建" in path.read_text(encoding="utf-8")
    assert list(io.read_jsonl(path)) == rows


def test_interrupted_write_keeps_the_previous_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "documents.jsonl"
    io.write_jsonl(path, [{"id": "old"}])

    def rows():
        yield {"id": "new"}
        raise RuntimeError("stage crashed half-way")

    with pytest.raises(RuntimeError):
        io.write_jsonl(path, rows())
    assert list(io.read_jsonl(path)) == [{"id": "old"}]
    assert os.listdir(tmp_path) == ["documents.jsonl"]


def test_written_files_get_ordinary_permissions(tmp_path):
    path = io.write_text(tmp_path / "sub" / "report.html", "<p>党建</p>")
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode == 0o666 & ~io._umask()
    assert mode & stat.S_IRGRP


def test_read_jsonl_names_the_bad_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1}\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:2"):
        list(io.read_jsonl(path))
