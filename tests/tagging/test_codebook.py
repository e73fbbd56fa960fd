"""The codebook: packaged ids match the taxonomy, cue syntax, validation errors name file and problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from dangjian_nlp.errors import CodebookError
from dangjian_nlp.tagging import load_codebook
from dangjian_nlp.tagging.codebook import compile_cue, parse_codebook
from dangjian_nlp.tagging.matching import Batch, find_hits


def test_packaged_ids_are_the_taxonomy_ids(codebook, shared_dir: Path) -> None:
    spec = (shared_dir / "spec" / "taxonomy.md").read_text(encoding="utf-8")
    table_ids = set(re.findall(r"^\| `([PM]\.[a-z_]+)` \| ", spec, flags=re.M))
    assert {*codebook.problem_ids, *codebook.measure_ids} == table_ids
    assert [role.id for role in codebook.roles] == ["problem", "cause", "measure", "experience", "other"]


def test_answer_map_matches_the_taxonomy(codebook, shared_dir: Path) -> None:
    spec = (shared_dir / "spec" / "taxonomy.md").read_text(encoding="utf-8")
    section = spec.split("## Which countermeasures answer which problems")[1]
    for problem, answers in re.findall(r"^\| `(P\.[a-z_]+)` \| (.+) \|$", section, flags=re.M):
        assert codebook.answers[problem] == tuple(re.findall(r"`(M\.[a-z_]+)`", answers))
    assert set(codebook.answers) == set(codebook.problem_ids)


def test_every_label_has_cues_and_a_chinese_name(codebook) -> None:
    for label in (*codebook.problems, *codebook.measures):
        assert label.cues, label.id
        assert re.search(r"[\u4e00-\u9fff]", label.name), label.id


def test_default_codebook_is_cached() -> None:
    assert load_codebook() is load_codebook()


@pytest.mark.parametrize(("cue", "text", "matches"), [
    ("重业务、轻党建", "存在重业务轻党建现象", True),
    ("重业务、轻党建", "存在“重业务、轻党建”现象", True),
    ("重业务、轻党建", "重业务而轻党建", True),
    ("重业务、轻党建", "重业务，轻党建", True),
    ("重业务、轻党建", "重视业务建设", False),
    ("未能…结合", "未能与业务工作有效结合", True),
    ("未能…结合", "未能。与业务结合", False),
    ("两张皮", "“两张皮”问题", True),
    ("党建+", "推行“党建＋”模式", True),
    ("re:建在[^。]{0,6}上", "支部建在项目上", True),
])
def test_cue_syntax(cue: str, text: str, matches: bool) -> None:
    from dangjian_nlp.tagging.codebook import Cue, Label

    label = Label(id="P.x", name="x", cues=(Cue(cue, compile_cue(cue)),))
    hits = find_hits(Batch([text]), [label])[0]
    assert bool(hits) is matches


BASE = {
    "version": "1",
    "problems": [{"id": "P.a", "name": "甲", "cues": ["两张皮"]}],
    "measures": [{"id": "M.a", "name": "乙", "cues": ["融合"]}],
}


def _with(**changes) -> dict:
    data = yaml.safe_load(yaml.safe_dump(BASE, allow_unicode=True))
    data.update(changes)
    return data


@pytest.mark.parametrize(("data", "message"), [
    (_with(colour="red"), "unknown key(s) colour"),
    ({"version": "1", "problems": BASE["problems"]}, "missing key(s) measures"),
    (_with(problems=[{"id": "P.a", "name": "甲", "cues": ["x"], "tips": 1}]), "unknown key(s) tips"),
    (_with(problems=[{"id": "P.a", "cues": ["x"]}, {"id": "P.a", "cues": ["y"]}]), "duplicate id 'P.a'"),
    (_with(measures=[{"id": "P.a", "cues": ["x"]}]), "must start with 'M.'"),
    (_with(problems=[{"id": "P.a", "cues": ["re:(unclosed"]}]), "bad pattern 're:(unclosed'"),
    (_with(problems=[{"id": "P.a", "cues": ["re:a*"]}]), "matches the empty string"),
    (_with(problems=[{"id": "P.a", "cues": [{"cue": "x", "weight": 2}]}]), "weight must be a number in (0, 1]"),
    (_with(problems=[{"id": "P.a", "cues": "两张皮"}]), "cues must be a list"),
    (_with(measures=[{"id": "M.a", "cues": [{"cue": "融合", "goal": "yes"}]}]), "goal must be true or false"),
    (_with(answers={"P.a": ["M.zzz"]}), "unknown countermeasure id(s) M.zzz"),
    (_with(answers={"P.zzz": ["M.a"]}), "unknown problem id 'P.zzz'"),
    (_with(roles=[{"id": "summary", "cues": ["总之"]}]), "unknown role(s) summary"),
    ([1, 2], "must be a YAML mapping"),
    (_with(scope={"cues": ["党建"], "density": 2}), "scope: unknown key(s) density"),
    (_with(scope={"cues": [], "min_per_1000_chars": 2}), "scope: cues must be a non-empty list"),
    (_with(scope={"cues": ["党建"], "min_per_1000_chars": -1}), "min_per_1000_chars must be a number >= 0"),
])
def test_invalid_codebooks_are_rejected_with_file_and_reason(tmp_path: Path, data, message: str) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_missing_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match="no such file"):
        load_codebook(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("problems: [unclosed\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="not valid YAML"):
        load_codebook(bad)


def test_user_codebook_without_roles_borrows_the_packaged_roles(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(BASE, allow_unicode=True), encoding="utf-8")
    book = load_codebook(path)
    assert book.problem_ids == ("P.a",)
    assert [r.id for r in book.roles] == [r.id for r in load_codebook().roles]


def test_packaged_yaml_round_trips_through_the_validator(codebook) -> None:
    from importlib import resources

    text = resources.files("dangjian_nlp.tagging").joinpath("data", "codebook.yaml").read_text(encoding="utf-8")
    again = parse_codebook(yaml.safe_load(text), source="copy")
    assert again.problem_ids == codebook.problem_ids
    assert again.measure_ids == codebook.measure_ids
