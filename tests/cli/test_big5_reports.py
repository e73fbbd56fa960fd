"""Big5 / Traditional Chinese reports end to end: same tags as Simplified, original text kept in outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dangjian_nlp.cli import app

RUNNER = CliRunner()

# The same short report, written by hand in both scripts.
TRADITIONAL = """關於機關黨建與業務工作融合發展的調研報告
一、存在的問題
（一）重業務、輕黨建的傾向依然存在。一些單位存在「重業務、輕黨建」現象，黨務幹部多為兼職，精力有限。
（二）黨建與業務「兩張皮」。黨建工作與業務工作脫節，考核指標單一，難以量化。
二、對策建議
（一）壓實責任。要落實黨建工作責任制，堅決克服重業務、輕黨建的傾向。
（二）推動融合。要堅持黨建工作與業務工作同謀劃、同部署、同考核，防止「兩張皮」。
"""
SIMPLIFIED = """关于机关党建与业务工作融合发展的调研报告
一、存在的问题
（一）重业务、轻党建的倾向依然存在。一些单位存在“重业务、轻党建”现象，党务干部多为兼职，精力有限。
（二）党建与业务“两张皮”。党建工作与业务工作脱节，考核指标单一，难以量化。
二、对策建议
（一）压实责任。要落实党建工作责任制，坚决克服重业务、轻党建的倾向。
（二）推动融合。要坚持党建工作与业务工作同谋划、同部署、同考核，防止“两张皮”。
"""


@pytest.fixture()
def report_files(tmp_path: Path) -> tuple[Path, Path]:
    traditional = tmp_path / "traditional" / "報告.txt"
    simplified = tmp_path / "simplified" / "报告.txt"
    traditional.parent.mkdir()
    simplified.parent.mkdir()
    traditional.write_bytes(TRADITIONAL.encode("big5"))
    simplified.write_text(SIMPLIFIED, encoding="utf-8")
    return traditional, simplified


def _tag_rows(path: Path) -> list[dict]:
    result = RUNNER.invoke(app, ["tag", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _summary(row: dict) -> tuple:
    return (row["role"], [(tag["id"], [(e["start"], e["end"]) for e in tag["evidence"]])
                          for tag in (*row["problems"], *row["measures"])])


def test_tag_a_big5_file_gives_the_tags_of_its_simplified_form(report_files) -> None:
    traditional, simplified = report_files
    ours, reference = _tag_rows(traditional), _tag_rows(simplified)
    assert [_summary(row) for row in ours] == [_summary(row) for row in reference]
    assert {tag["id"] for row in ours for tag in (*row["problems"], *row["measures"])} >= {
        "P.priority", "P.disconnect", "M.responsibility", "M.integration"}
    lines = TRADITIONAL.splitlines()
    for line, row in zip(lines, ours, strict=True):
        for tag in (*row["problems"], *row["measures"]):
            for evidence in tag["evidence"]:
                assert evidence["quote"] == line[evidence["start"]:evidence["end"]]
    quotes = [e["quote"] for row in ours for tag in row["problems"] for e in tag["evidence"]]
    assert "（二）黨建與業務「兩張皮」。" in quotes


def test_tagging_a_big5_file_twice_gives_the_same_bytes(report_files) -> None:
    traditional, _ = report_files
    first = RUNNER.invoke(app, ["tag", str(traditional), "--json"])
    second = RUNNER.invoke(app, ["tag", str(traditional), "--json"])
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout


def test_ingest_keeps_the_traditional_text(report_files, tmp_path: Path) -> None:
    traditional, _ = report_files
    result = RUNNER.invoke(app, ["ingest", str(traditional), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in (tmp_path / "out" / "documents.jsonl").read_text("utf-8").splitlines()]
    assert row["meta"]["encoding"].startswith("big5")
    assert row["title"] == "關於機關黨建與業務工作融合發展的調研報告"
    assert "黨建與業務「兩張皮」" in row["text"]


def test_analyze_a_big5_report_keeps_its_text_and_gives_simplified_keywords(report_files, tmp_path: Path) -> None:
    traditional, _ = report_files
    out = tmp_path / "out"
    result = RUNNER.invoke(app, ["analyze", str(traditional.parent), "--out", str(out)])
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in (out / "documents.jsonl").read_text("utf-8").splitlines()]
    assert row["text"].startswith("關於機關黨建")
    terms = {entry["term"] for entry in json.loads((out / "keywords.json").read_text("utf-8"))["corpus"]["frequency"]}
    assert {"两张皮", "党建", "党务干部"} <= terms
    assert not {"兩張皮", "黨建", "黨務幹部", "兩", "張皮"} & terms
