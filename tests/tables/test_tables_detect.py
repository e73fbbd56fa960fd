"""Organisation type and year from author lines, titles and openings (rules in grouping_rules.yaml)."""

from __future__ import annotations

import pytest
import yaml

from dangjian_nlp.tables.detect import RulesError, detect_org_type, detect_year, load_rules, parse_rules
from dangjian_nlp.types import Document


def document(*, authors=(), title="", text="", meta=None) -> Document:
    body = text or "\n".join([title, *authors, "正文第一段。"])
    return Document(id="x-01", source="x.txt", span=(0, len(body)), title=title, authors=list(authors),
                    text=body, meta=dict(meta or {}))


# Author and organisation lines as they stand in the seed essays (corpus/000 …) and a few more.
ORG_CASES = [
    (["厦门市中级人民法院民五庭 朱燕萍"], "法院"),
    (["厦门市集美区人民检察院 杨玉兰"], "检察院"),
    (["厦门市发展和改革委员会课题组"], "发改委"),
    (["中共曲周县委组织部"], "组织部"),
    (["市委直属机关工委"], "机关工委"),
    (["厦门市应急管理局课题组"], "政府部门"),
    (["厦门市委编办课题组"], "编办"),
    (["中共思明区司法局总支部委员会课题组"], "政府部门"),
    (["厦门火炬高新区直属党委课题组"], "开发区"),
    (["南昌航空大学党委"], "高校"),
    (["国网某供电公司党委 李四"], "企业"),
    (["市纪委监委机关 王五"], "纪委监委"),
    (["中共某市委党校 赵六"], "党校"),
    (["张三"], "未识别"),
]


@pytest.mark.parametrize(("authors", "expected"), ORG_CASES)
def test_org_type_from_author_lines(authors, expected):
    assert detect_org_type(document(authors=authors, title="关于破解两张皮问题的思考")) == expected


def test_org_type_from_the_title_when_no_author_line():
    assert detect_org_type(document(title="破解法院党建与业务工作“两张皮”难题的思考")) == "法院"


def test_long_prose_lines_are_not_read_as_organisation_lines():
    prose = "近年来，各级党委高度重视机关党建工作，认真落实主体责任，推动党建与业务深度融合，取得了明显成效。"
    assert detect_org_type(document(text=prose)) == load_rules().unknown


def test_metadata_wins():
    assert detect_org_type(document(authors=["某县人民法院"], meta={"org_type": "法院系统"})) == "法院系统"


YEAR_CASES = [
    (dict(text="中共曲周县委组织部\n曲组〔2021〕2号\n关于……的意见\n正文。"), 2021),
    (dict(text="关于……的意见\n(2021年3月24日)\n正文。"), 2021),
    (dict(title="2018年度机关党建调研报告"), 2018),
    (dict(text="标题\n正文没有年份。\n某某单位\n2019年6月1日"), 2019),
    (dict(text="标题\n正文没有年份。"), None),
    (dict(title="2150年展望"), None),
    (dict(title="2018年度报告", meta={"year": "2020"}), 2020),
]


@pytest.mark.parametrize(("kwargs", "expected"), YEAR_CASES)
def test_year(kwargs, expected):
    assert detect_year(document(**kwargs)) == expected


def test_real_seed_opening(corpus_dir):
    """corpus/004 is a 县委组织部 document numbered 曲组〔2021〕2号."""
    text = (corpus_dir / "004_c4f700dea521b0cf.txt").read_text(encoding="utf-8")
    doc = document(text=text)
    assert detect_org_type(doc) == "组织部"
    assert detect_year(doc) == 2021


def test_packaged_rules_are_valid_and_cached():
    assert load_rules() is load_rules()
    assert len({org.id for org in load_rules().org_types}) == len(load_rules().org_types)


VALID = {"org_types": [{"id": "court", "name": "法院", "patterns": ["法院"]}],
         "year": {"patterns": ["(?P<year>\\d{4})年"]}}


@pytest.mark.parametrize(("change", "message"), [
    ({"colour": "red"}, "unknown keys colour"),
    ({"org_types": [{"id": "a", "name": "A"}]}, "needs id, name and patterns"),
    ({"org_types": [{"id": "a", "name": "A", "patterns": ["x"]}, {"id": "a", "name": "B", "patterns": ["y"]}]},
     "duplicate id 'a'"),
    ({"org_types": [{"id": "a", "name": "A", "patterns": ["(unclosed"]}]}, "bad pattern"),
    ({"year": {"patterns": ["(\\d{4})年"]}}, "no \\(\\?P<year>"),
])
def test_bad_rules_are_reported(change, message):
    with pytest.raises(RulesError, match=message):
        parse_rules(yaml.safe_load(yaml.safe_dump({**VALID, **change})), source="rules.yaml")


def test_custom_rules_are_used():
    rules = parse_rules(VALID)
    assert detect_org_type(document(authors=["某法院"]), rules=rules) == "法院"
    assert detect_org_type(document(authors=["某检察院"]), rules=rules) == "unknown"
