"""Role rules on hand-written passages: mood of a point's heading, stale inherited roles,
cause sections, progress headings, the turn from diagnosis to measures, and the codebook's
``M.integration`` rule (goal cues)."""

from __future__ import annotations

import pytest

from dangjian_nlp.tagging.api import HeadingContext
from dangjian_nlp.tagging.matching import Hit
from dangjian_nlp.tagging.rules import demote_goal_only, find_heading, heading_role, is_action_heading

# (passage, heading role inherited from the section, expected role)
ROLE_CASES = [
    # A point whose heading opens with an action verb is a step, even under a stale cause heading.
    ("一是培养党务工作者专职化队伍。在不增加编制的前提下，配备专职委员。", "cause", "measure"),
    ("（三）搭建党建信息平台，整合线上线下资源。", "problem", "measure"),
    # ... but not when its heading names a failing (落实 … 不到位 is a problem).
    ("一是落实主体责任不到位。有的书记对党建工作过问少。", "problem", "problem"),
    # An action heading in a passage reporting what was done is experience.
    ("（二）选树先进典型，强化正向激励。全年评选先进党支部12个、优秀党员35名。", None, "experience"),
    # Inside a cause section, a sub-point worded like a problem stays a cause …
    ("2.部分党员干部党员意识不强，宗旨意识淡薄，不认真履行党员义务。", "cause", "cause"),
    # … and the same words under a problem section are a problem.
    ("2.部分党员干部党员意识不强，宗旨意识淡薄，不认真履行党员义务。", "problem", "problem"),
    # A passage that mostly prescribes outweighs an inherited cause role …
    ("我们都要把抓好党建作为最大的政绩。解决这一问题，必须提高党建工作专业化水平。", "cause", "measure"),
    # … one that explains does not.
    ("由于党建工作周期长，短期内难以见效，导致一些领导干部对党建不上心。", "cause", "cause"),
]


@pytest.mark.parametrize(("text", "given", "role"), ROLE_CASES)
def test_roles_from_wording_and_section(rule_tagger, text: str, given: str | None, role: str) -> None:
    assert rule_tagger.tag(text, heading_role=given).role == role


@pytest.mark.parametrize(("heading", "role"), [
    ("一、党建与业务工作融合不够的原因及具体表现", "cause"),
    ("二是要注重工作成效的互推性", "measure"),
    ("四、总结破解机关党建与业务工作“两张皮”问题", "other"),
    ("（一）党建工作责任制进一步落实", "experience"),
    ("（四）党工群团工作形成合力", "experience"),
    ("（二）要不断加强思想政治建设", "measure"),
    ("（三）党支部战斗堡垒作用有待进一步提升", "problem"),
])
def test_heading_wording(codebook, heading: str, role: str) -> None:
    mark = find_heading(heading)
    assert mark is not None
    assert heading_role(codebook, heading[mark.start:mark.end]) == role


@pytest.mark.parametrize(("heading", "action"), [
    ("培养党务工作者专职化队伍", True),
    ("积极探索党建与业务的结合点", True),
    ("落实主体责任不到位", False),
    ("部分党员干部党员意识不强", False),
    ("思想认识问题", False),
])
def test_action_headings(codebook, heading: str, action: bool) -> None:
    assert is_action_heading(codebook, heading) is action


def test_a_prescribing_passage_turns_a_problem_section_to_measures(codebook) -> None:
    context = HeadingContext(codebook)
    roles = [context.role_for(text) for text in (
        "一、存在的问题",
        "（一）考核体系不科学。",
        "由上可见，要推动党建工作再提升，就必须拓展空间，着力在融合上下功夫。",
        "一是完善考核体系。",
    )]
    assert roles == [None, "problem", "problem", "measure"]


def test_an_explaining_passage_does_not_turn_the_section(codebook) -> None:
    context = HeadingContext(codebook)
    roles = [context.role_for(text) for text in (
        "二、产生问题的原因",
        "（一）考评体系不同。",
        "党建工作周期长，业务工作见效快，这使不少领导干部把精力放在业务上。",
        "二是党务干部多为兼职。",
    )]
    assert roles == [None, "cause", "cause", "cause"]


def test_integration_named_only_as_an_aim_yields_to_the_measure(rule_tagger) -> None:
    result = rule_tagger.tag("要定期开展党务干部轮训，提升党务干部能力。以此推动党建与业务深度融合。",
                             heading_role="measure")
    labels = {tag.id for tag in result.measures}
    assert "M.training" in labels
    assert "M.integration" not in labels


def test_integration_in_the_heading_is_the_topic(rule_tagger) -> None:
    result = rule_tagger.tag("（三）推动党建与业务深度融合。坚持党建与业务同谋划、同部署，开展党务干部轮训。",
                             heading_role="measure")
    assert "M.integration" in {tag.id for tag in result.measures}


def test_demote_goal_only_keeps_labels_with_a_concrete_cue() -> None:
    scored = {
        "M.integration": (0.6, [Hit("M.integration", "深度融合", 0.6, 20, 24, goal=True)]),
        "M.training": (1.0, [Hit("M.training", "轮训", 1.0, 5, 7)]),
    }
    demoted = demote_goal_only(scored, ["M.integration", "M.training"], lead=10)
    assert demoted["M.integration"][0] < 0.5
    assert demoted["M.training"][0] == 1.0
    # In the lead, or with no other label found, the goal cue keeps its weight.
    assert demote_goal_only(scored, ["M.integration", "M.training"], lead=30)["M.integration"][0] == 0.6
    alone = {"M.integration": scored["M.integration"]}
    assert demote_goal_only(alone, ["M.integration", "M.training"], lead=10)["M.integration"][0] == 0.6


def test_hybrid_roles_are_the_rule_roles_unless_the_model_is_sure_of_other(rule_tagger, hybrid_tagger,
                                                                           gold_rows) -> None:
    from dangjian_nlp.tagging.evaluate import predict
    from dangjian_nlp.tagging.hybrid import HybridTagger

    rows = gold_rows[:80]
    rule_roles = [(tags.role, tags.role_source) for tags in predict(rule_tagger, rows)]
    hybrid_roles = [(tags.role, tags.role_source) for tags in predict(hybrid_tagger, rows)]
    vetoed = [i for i, (rule, hybrid) in enumerate(zip(rule_roles, hybrid_roles)) if rule != hybrid]
    assert all(hybrid_roles[i] == ("other", "model") for i in vetoed)
    assert len(vetoed) <= 4  # the veto is for text far from the essays, rare in them
    without_veto = HybridTagger(model=hybrid_tagger.model, other_veto=1.01)
    assert [(tags.role, tags.role_source) for tags in predict(without_veto, rows)] == rule_roles
    assert len({role for role, _ in rule_roles}) >= 4


def test_tag_documents_reads_lead_ins_where_the_structure_gave_no_role(rule_tagger) -> None:
    from dangjian_nlp.tagging import tag_documents
    from dangjian_nlp.types import Document, Passage

    texts = [
        "党建与业务“两张皮”是机关党建工作中存在的突出问题。",
        "导致“两张皮”的原因主要有两方面。",
        "一是党建工作与业务工作特点不一样。业务工作抓一抓就有效果，周期较短。",
        "二是党务干部多为兼职，精力有限。",
    ]
    passages, offset = [], 0
    for number, text in enumerate(texts, 1):
        passages.append(Passage(id=f"d-p{number:03d}", start=offset, end=offset + len(text), text=text,
                                role="other", role_source="text"))
        offset += len(text) + 1
    document = Document(id="d", source="mem", span=(0, offset), title="", authors=[], text="\n".join(texts),
                        passages=passages)
    tag_documents([document], tagger=rule_tagger)
    assert [passage.role for passage in document.passages] == ["problem", "cause", "cause", "cause"]


@pytest.mark.parametrize(("text", "level"), [
    ("第十条 党支部每年开展一次民主评议党员。", 1),
    ("第二章 组织设置", 1),
    ("第一，要提高认识。", 4),
    ("第十条腿", None),
])
def test_articles_of_regulations_are_top_level_headings(text: str, level: int | None) -> None:
    mark = find_heading(text)
    assert (mark.level if mark else None) == level


def test_an_article_ends_the_role_of_the_list_before_it(codebook) -> None:
    context = HeadingContext(codebook)
    roles = [context.role_for(text) for text in (
        "第九条 党组织的基本职责是：",
        "（一）加强党员教育管理。",
        "党员应当按时交纳党费。",
        "第十条 本条例自发布之日起施行。",
        "（责编：王静）",
    )]
    assert roles[2] == "measure"
    assert roles[3] is None
    assert roles[4] == "other"


@pytest.mark.parametrize(("text", "present", "absent"), [
    # Generic formalism words mark P.formalism only about organisational life or activities.
    ("有的支部组织生活流于形式，主题党日活动内容空洞。", "P.formalism", None),
    ("法院的党组织生活较为简单，缺少日常的思想教育。", "P.formalism", None),
    ("有的单位党建考核流于形式，考核指标体系不科学。", "P.assessment", "P.formalism"),
    # Organisational roles (战斗堡垒, 领导核心) weakening is P.responsibility, not P.member_role.
    ("党支部的战斗堡垒作用有待进一步提升。", "P.responsibility", "P.member_role"),
    # Each side going its own way.
    ("党建和业务各做各的事，分开推进。", "P.disconnect", None),
    # 建设队伍、服务群众 is the organs' task slogan, not the service countermeasure.
    ("要紧紧把握围绕中心、建设队伍、服务群众的核心任务，压实主体责任。", "M.responsibility", "M.service"),
])
def test_label_cues_by_meaning(rule_tagger, text: str, present: str, absent: str | None) -> None:
    role = "problem" if present.startswith("P.") else "measure"
    labels = {tag.id for tag in (*rule_tagger.tag(text, heading_role=role).problems,
                                 *rule_tagger.tag(text, heading_role=role).measures)}
    assert present in labels
    if absent is not None:
        assert absent not in labels


@pytest.mark.parametrize("text", [
    "一要深化理论武装，强化学以致用。认真对照党章和党内法规检视问题、查找差距。",
    "三要深化规矩意识强化廉洁自律。强化学习党规党章，严格执行八项规定。",
])
def test_a_point_numbered_with_yao_prescribes_even_in_a_report_section(rule_tagger, text: str) -> None:
    from dangjian_nlp.tagging.base import TagRequest

    # The section before announced what was achieved (…整改收获：); 一要 / 三要 still prescribe.
    assert rule_tagger.tag_many([TagRequest(text, "experience", ("有以下四个方面的整改收获",), "d")])[0].role == "measure"


@pytest.mark.parametrize(("text", "expected"), [
    ("附：《2021年度廉洁风险防控清单》", "other"),
    ("附件1：关于加强党员教育管理的实施办法", "other"),
    ("附近的党员群众纷纷参加了志愿服务活动，累计服务120人次。", "experience"),
])
def test_an_appendix_line_is_other_whatever_section_it_ends(rule_tagger, text: str, expected: str) -> None:
    from dangjian_nlp.tagging.base import TagRequest

    assert rule_tagger.tag_many([TagRequest(text, "experience", (), "d")])[0].role == expected
