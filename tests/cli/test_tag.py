"""``dangjian tag``: a text, stdin, a file, the JSON Lines round trip, codebook errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from dangjian_nlp.cli import app

runner = CliRunner()


def test_tag_a_text_prints_role_labels_and_quotes() -> None:
    result = runner.invoke(app, ["tag", "一些单位存在“重业务、轻党建”现象，党务干部多为兼职，精力有限。"])
    assert result.exit_code == 0, result.output
    assert "role: problem" in result.output
    assert "P.priority" in result.output and "P.part_time" in result.output
    assert "“重业务、轻党建”" in result.output


def test_tag_json_output_has_evidence_offsets() -> None:
    text = "要坚持党建工作与业务工作同谋划、同部署、同考核。"
    result = runner.invoke(app, ["tag", text, "--json"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.output)
    assert row["role"] == "measure"
    tags = {tag["id"]: tag for tag in row["measures"]}
    assert "M.integration" in tags
    evidence = tags["M.integration"]["evidence"][0]
    assert text[evidence["start"]:evidence["end"]] == evidence["quote"]


def test_tag_stdin_and_file_give_one_result_per_paragraph(tmp_path: Path) -> None:
    content = "二、存在问题的原因\n党务干部多为兼职，精力有限。\n\n考核指标单一，难以量化。\n"
    from_stdin = runner.invoke(app, ["tag", "-", "--json"], input=content)
    path = tmp_path / "report.txt"
    path.write_text(content, encoding="utf-8")
    from_file = runner.invoke(app, ["tag", str(path), "--json"])
    assert from_stdin.exit_code == from_file.exit_code == 0
    assert from_stdin.output == from_file.output
    rows = [json.loads(line) for line in from_file.output.splitlines()]
    assert len(rows) == 3
    assert [row["role"] for row in rows[1:]] == ["cause", "cause"]
    assert {t["id"] for t in rows[2]["problems"]} >= {"P.assessment"}


def test_jsonl_round_trip_keeps_ids_and_order(gold_documents) -> None:
    passages = [p for document in gold_documents[:2] for p in document.passages]
    lines = "".join(json.dumps({"id": p.id, "text": p.text}, ensure_ascii=False) + "\n" for p in passages)
    result = runner.invoke(app, ["tag", "--jsonl"], input=lines)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["id"] for row in rows] == [p.id for p in passages]
    for row, passage in zip(rows, passages):
        assert set(row) == {"id", "role", "role_source", "problems", "measures"}
        for tag in (*row["problems"], *row["measures"]):
            assert set(tag) == {"id", "score", "source", "evidence"}
            for evidence in tag["evidence"]:
                assert passage.text[evidence["start"]:evidence["end"]] == evidence["quote"]


def test_jsonl_bad_lines_are_reported_and_skipped() -> None:
    lines = '{"id": "a", "text": "党务干部多为兼职。"}\nnot json\n{"id": "b"}\n{"id": "c", "text": "要加强培训。"}\n'
    result = runner.invoke(app, ["tag", "--jsonl"], input=lines)
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "c"]
    assert "<stdin>:2" in result.stderr and "<stdin>:3" in result.stderr


@pytest.mark.parametrize("lines, exit_code, tagged", [
    ('not json\n{"id": "b"}\n[1, 2]\n', 1, []),
    ('{"id": "a", "text": 3}\n', 1, []),
    ('not json\n{"id": "c", "text": "要加强培训。"}\n', 0, ["c"]),
    ("", 0, []),
    ("\n  \n", 0, []),
], ids=["all-rejected", "text-not-a-string", "one-tagged", "empty", "blank-lines"])
def test_jsonl_exits_1_only_when_every_line_was_rejected(lines, exit_code, tagged) -> None:
    result = runner.invoke(app, ["tag", "--jsonl"], input=lines)
    assert result.exit_code == exit_code, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == tagged
    rejected = sum(1 for line in lines.splitlines() if line.strip()) - len(tagged)
    assert result.stderr.count("skipped") == rejected
    if exit_code:
        assert f"no line tagged: {rejected} input line" in result.stderr


def test_bad_codebook_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump({"version": "1", "problems": [{"id": "P.a", "cues": ["re:("]}],
                                    "measures": [{"id": "M.a", "cues": ["x"]}]}), encoding="utf-8")
    result = runner.invoke(app, ["tag", "两张皮", "--codebook", str(path)])
    assert result.exit_code == 2
    assert f"error: {path}" in result.stderr
    assert "bad pattern" in result.stderr


def test_own_codebook_is_used(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump({
        "version": "1",
        "problems": [{"id": "P.night_shift", "name": "夜班", "cues": ["夜班"]}],
        "measures": [{"id": "M.rota", "name": "排班", "cues": ["排班"]}],
    }, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["tag", "存在的问题：夜班太多，党员难以参加组织生活。", "--json", "--codebook", str(path)])
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout.splitlines()[-1])
    assert [t["id"] for t in row["problems"]] == ["P.night_shift"]


@pytest.mark.parametrize("args", [["tag"], ["tag", "x", "--tagger", "nope"]])
def test_usage_errors(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "error:" in result.stderr


def test_tag_reads_a_gbk_file_like_ingestion_does(tmp_path):
    path = tmp_path / "短文.txt"
    path.write_bytes("部分单位存在重业务、轻党建的倾向，党建工作被视为软指标。\n要建立党建考核指标体系。\n".encode("gbk"))
    result = CliRunner().invoke(app, ["tag", str(path)])
    assert result.exit_code == 0, result.output
    assert "P.priority" in result.output and "M.assessment" in result.output


@pytest.mark.parametrize("make, message", [
    (lambda tmp: tmp, "is a folder"),
    (lambda tmp: tmp / "missing.txt", "no such file"),
], ids=["folder", "missing-file"])
def test_tag_refuses_a_folder_or_a_missing_file(tmp_path, make, message):
    result = CliRunner().invoke(app, ["tag", str(make(tmp_path))])
    assert result.exit_code == 2
    assert message in result.output
