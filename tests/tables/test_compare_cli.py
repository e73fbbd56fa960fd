"""``dangjian compare`` through typer's CliRunner, over an output folder written here."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dangjian_nlp import io
from dangjian_nlp.cli import app

import dangjian_test_small_corpus as small_corpus  # loaded by the conftest

runner = CliRunner()


@pytest.fixture()
def out_dir(tmp_path, small_docs):
    out = tmp_path / "out"
    io.write_jsonl(out / "documents.jsonl", (d.to_dict() for d in small_docs))
    io.write_json(out / "topics.json", small_corpus.TOPICS)
    return out


def test_compare_by_org(out_dir):
    result = runner.invoke(app, ["compare", str(out_dir), "--by", "org"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "## 单位类型 × 问题类型（报告数）" in lines
    court = next(line for line in lines if line.startswith("| 法院 |"))
    # 2 reports, 9 passages, P.priority 1, P.disconnect 0, P.assessment 0, P.part_time 1
    assert court.startswith("| 法院 | 2 | 9 | 1 | 0 | 0 | 1 |")
    assert "## 主题 × 单位类型（平均主题权重）" in lines


def test_compare_by_metadata_field_and_save(out_dir, tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("file,region\ncourt_2021.txt,厦门\nprocuratorate.txt,厦门\ncourt_b.txt,河北\n", encoding="utf-8")
    saved = tmp_path / "saved"
    result = runner.invoke(app, ["compare", str(out_dir), "--by", "region", "--metadata", str(meta),
                                 "--count", "passages", "--save", str(saved)])
    assert result.exit_code == 0, result.output
    assert "| 厦门 | 2 | 10 | 4 |" in result.stdout
    assert (saved / "region_problem.csv").is_file() and (saved / "tables.xlsx").is_file()


@pytest.mark.parametrize(("args", "message"), [
    (["--by", "region"], "unknown grouping 'region'"),
    (["--count", "words"], "unknown count 'words'"),
])
def test_compare_bad_options(out_dir, args, message):
    result = runner.invoke(app, ["compare", str(out_dir), *args])
    assert result.exit_code == 2
    assert f"error: {message}" in result.stderr


def test_compare_missing_output(tmp_path):
    result = runner.invoke(app, ["compare", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "nowhere: no such file" in result.stderr


def test_compare_folder_without_documents(tmp_path):
    result = runner.invoke(app, ["compare", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'documents.jsonl'}: no such file" in result.stderr


def test_compare_corrupt_documents(tmp_path):
    (tmp_path / "documents.jsonl").write_text('{"id": "a"\n', encoding="utf-8")
    result = runner.invoke(app, ["compare", str(tmp_path)])
    assert result.exit_code == 2
    assert "not valid JSON" in result.stderr
    assert "documents.jsonl" in result.stderr
