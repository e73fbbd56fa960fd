"""The rule layer on hand-written sentences: positives, negatives, negation, role constraints, evidence."""

from __future__ import annotations

import pytest

from dangjian_nlp.tagging.api import HeadingContext
from dangjian_nlp.tagging.rules import find_heading, heading_role

# (text, heading role given by the caller, label that must be there)
POSITIVE = [
    ("一些单位存在“重业务、轻党建”的现象，党建工作说起来重要、干起来次要。", "problem", "P.priority"),
    ("有的单位重业务而轻党建，把党建当作软任务。", "problem", "P.priority"),
    ("党建工作与业务工作各唱各的调，“两张皮”现象突出。", "problem", "P.disconnect"),
    ("党建工作考核难以量化，考核结果运用不够。", "cause", "P.assessment"),
    ("党务干部大多是兼职，身兼数职，精力有限。", "problem", "P.part_time"),
    ("部分支部书记没有接受过系统培训，不熟悉党务工作流程。", "problem", "P.capability"),
    ("“三会一课”落实不好，组织生活走过场，甚至娱乐化。", "problem", "P.formalism"),
    ("少数党员党员意识淡薄，先锋模范作用不明显。", "problem", "P.member_role"),
    ("学习方式仍是满堂灌、填鸭式，载体单一，吸引力不强。", "problem", "P.stale_methods"),
    ("个别党组织书记第一责任人履职不到位，存在“灯下黑”问题。", "problem", "P.responsibility"),
    ("奖惩机制不完善，党务干部做多做少一个样，提拔慢。", "cause", "P.incentive"),
    ("要提高政治站位，树立党建与业务“一盘棋”的理念。", "measure", "M.mindset"),
    ("要压实主体责任，落实“一岗双责”，建立责任清单。", "measure", "M.responsibility"),
    ("要把党建工作纳入考核指标体系，提高考核权重。", "measure", "M.assessment"),
    ("要配强配齐专职党务干部，推进双向交流。", "measure", "M.staffing"),
    ("要定期开展党务干部轮训，提升能力。", "measure", "M.training"),
    ("坚持党建工作与业务工作同谋划、同部署、同落实。", "measure", "M.integration"),
    ("将支部建在项目上，党小组设在团队里。", "measure", "M.org_setup"),
    ("严格落实“三会一课”、组织生活会和主题党日制度。", "measure", "M.org_life"),
    ("设立党员先锋岗和党员责任区，搭建智慧党建平台。", "experience", "M.innovation"),
    ("建立评先评优和提拔使用挂钩机制，加强人文关怀。", "measure", "M.incentive"),
    ("加强督查，跟踪问效，对落实不力的约谈问责。", "measure", "M.supervision"),
    ("选树先进典型，建设党建示范点，打造党建品牌。", "experience", "M.exemplar"),
    ("组织党员深入基层服务群众，开展志愿服务，为民办实事。", "experience", "M.service"),
    ("加强党员教育管理，规范党费收缴，开展廉政教育。", "measure", "M.member_mgmt"),
]

# Sentences where a label's words appear but the label must not be given.
NEGATIVE = [
    ("本单位不存在重业务轻党建的问题。", "problem", "P.priority"),
    ("要坚决防止“一手硬、一手软”。", "problem", "P.priority"),
    ("要改变党务干部身兼数职的现状，配强专职党务干部。", "measure", "P.part_time"),
    ("党务干部多为兼职，精力有限。", "problem", "M.staffing"),
    ("全年召开党员大会三次。", "experience", "P.formalism"),
    ("今年经济运行总体平稳，财政收入稳步增长。", None, "P.priority"),
]


def _labels(result) -> set[str]:
    return {tag.id for tag in (*result.problems, *result.measures)}


@pytest.mark.parametrize(("text", "heading", "label"), POSITIVE)
def test_rules_find_the_label(rule_tagger, text: str, heading: str, label: str) -> None:
    result = rule_tagger.tag(text, heading_role=heading)
    assert result.role == heading
    assert label in _labels(result)


@pytest.mark.parametrize(("text", "heading", "label"), NEGATIVE)
def test_rules_do_not_give_the_label(rule_tagger, text: str, heading: str | None, label: str) -> None:
    assert label not in _labels(rule_tagger.tag(text, heading_role=heading))


def test_measure_passage_gets_the_measure_not_the_problem(rule_tagger) -> None:
    result = rule_tagger.tag("要改变党务干部身兼数职的现状，配强专职党务干部。", heading_role="measure")
    assert result.problems == []
    assert "M.staffing" in _labels(result)


@pytest.mark.parametrize("text", [
    "一、当前存在的主要问题：有的党员意识淡薄，“两张皮”现象突出。",
    "　　（二）党务干部“身兼数职”，精力有限；专职党务干部少。重业务、轻党建。",
    "三、对策建议。要坚持党建工作与业务工作同谋划、同部署、同考核，配强配齐党务干部。",
    "党建＋服务：推行“党建＋”模式，\n开展志愿服务。",
])
def test_evidence_offsets_point_at_the_quote(rule_tagger, hybrid_tagger, text: str) -> None:
    for tagger in (rule_tagger, hybrid_tagger):
        result = tagger.tag(text)
        tags = [*result.problems, *result.measures]
        for tag in tags:
            assert tag.evidence, tag.id
            for evidence in tag.evidence:
                assert text[evidence.start:evidence.end] == evidence.quote
                assert evidence.quote.strip() == evidence.quote


def test_evidence_quote_holds_the_cue(rule_tagger) -> None:
    text = "当前，机关党建工作成效明显。但一些单位存在“重业务、轻党建”现象。党务干部多为兼职。"
    result = rule_tagger.tag(text, heading_role="problem")
    by_id = {tag.id: tag for tag in result.problems}
    assert by_id["P.priority"].evidence[0].quote == "但一些单位存在“重业务、轻党建”现象。"
    assert by_id["P.part_time"].evidence[0].quote == "党务干部多为兼职。"
    assert by_id["P.part_time"].evidence[0].cue == "兼职"


@pytest.mark.parametrize(("heading", "role"), [
    ("一、机关党建与业务工作“两张皮”的表现", "problem"),
    ("二、“两张皮”问题产生的原因", "cause"),
    ("三、破解“两张皮”问题的对策建议", "measure"),
    ("四、主要做法", "experience"),
    ("五、结语", "other"),
    ("（一）存在的主要问题", "problem"),
])
def test_heading_roles(codebook, heading: str, role: str) -> None:
    mark = find_heading(heading)
    assert mark is not None
    assert heading_role(codebook, heading[mark.start:mark.end]) == role


@pytest.mark.parametrize(("text", "level"), [
    ("一、总体情况", 1), ("（二）原因", 2), ("(3)措施", 3), ("2.加强培训", 3), ("三是考核", 4),
    ("2019年以来", None), ("党建工作", None),
])
def test_heading_marks(text: str, level: int | None) -> None:
    mark = find_heading(text)
    assert (mark.level if mark else None) == level


def test_heading_role_carries_to_the_points_below(codebook) -> None:
    context = HeadingContext(codebook)
    roles = [context.role_for(text) for text in (
        "二、“两张皮”问题产生的原因",
        "（一）客观原因。党建工作周期长。",
        "1.考评体系不同。",
        "三、对策建议",
        "一是要提高认识。",
    )]
    assert roles == [None, "cause", "cause", None, "measure"]


def test_passage_heading_decides_the_role(rule_tagger) -> None:
    result = rule_tagger.tag("二、党建与业务“两张皮”的原因分析。造成这种现象的原因是多方面的。")
    assert (result.role, result.role_source) == ("cause", "heading")


def test_tags_are_sorted_and_scores_rounded(rule_tagger) -> None:
    result = rule_tagger.tag("“三会一课”走过场；党务干部兼职多，培训不足，素质不高；重业务轻党建。", heading_role="problem")
    ids = [tag.id for tag in result.problems]
    assert ids == sorted(ids) and len(ids) >= 3
    assert all(0 < tag.score <= 1 and round(tag.score, 4) == tag.score for tag in result.problems)


def test_lead_in_announces_the_role_of_what_follows(codebook) -> None:
    context = HeadingContext(codebook)
    roles = [context.role_for(text) for text in (
        "一、基本情况",
        "造成“两张皮”的原因主要有以下几个方面：",
        "一是考评体系不同。",
        "二是党务干部多为兼职。",
    )]
    assert roles == [None, "cause", "cause", "cause"]


@pytest.mark.parametrize(("texts", "expected"), [
    (["关于机关党建与业务工作“两张皮”问题的调研报告", "一、存在的问题"], ["other", None]),
    (["浅析机关党建工作——以检察机关为视角厦门市人民检察院 邹庆华摘要近年来…", "正文。"], ["other", None]),
    (["党建与业务“两张皮”是机关党建工作中存在的突出问题。"], [None]),
])
def test_front_matter_is_other(codebook, texts: list[str], expected: list[str | None]) -> None:
    context = HeadingContext(codebook)
    assert [context.role_for(text) for text in texts] == expected


def test_no_role_evidence_means_other(rule_tagger) -> None:
    assert rule_tagger.tag("同志们：").role == "other"
