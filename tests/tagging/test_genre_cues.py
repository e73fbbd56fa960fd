"""Cues for party-building texts of other origins than research essays: party study materials,
speeches, regulations, branch-activity news and memoirs (hand-written sentences)."""

from __future__ import annotations

import pytest


def _labels(result) -> set[str]:
    return {tag.id for tag in (*result.problems, *result.measures)}


# (text, heading role given by the caller, label that must be there)
POSITIVE = [
    ("要严格执行中央八项规定精神，持续纠治“四风”，驰而不息正风肃纪。", "measure", "M.member_mgmt"),
    ("对违纪党员依规给予纪律处分，严重的开除党籍。", "measure", "M.member_mgmt"),
    ("全体党员签署廉洁承诺书，开展家庭廉洁教育，以案示警、以案促改。", "experience", "M.member_mgmt"),
    ("党员在留党察看期间没有表决权；预备党员的预备期为一年。", "measure", "M.member_mgmt"),
    ("扎实开展主题教育，推进理论武装，组织党员干部集体学习。", "measure", "M.training"),
    ("组织党员观看红色电影，接受爱国主义教育，重温入党誓词。", "experience", "M.training"),
    ("要树立正确选人用人导向，完善选拔任用机制，加强领导班子建设。", "measure", "M.staffing"),
    ("注重培养选拔德才兼备的年轻干部，深化干部人事制度改革。", "measure", "M.staffing"),
    ("各级党委（党组）要落实主体责任和监督责任，书记是第一责任人，负总责。", "measure", "M.responsibility"),
    ("深化运用监督执纪“四种形态”，加强纪检监察和巡视巡察。", "measure", "M.supervision"),
    ("要严肃党内政治生活，坚持民主集中制，开展批评和自我批评。", "measure", "M.org_life"),
]

# Sentences where a label's words appear, but not as the passage's countermeasure.
NEGATIVE = [
    # 以案释法 is legal education of the public, not a warning to party members.
    ("开展以案释法和普法宣传，为群众提供法律服务。", "measure", "M.member_mgmt"),
    # 政治规矩 alone is the duty named, not discipline work (讲规矩, 守规矩 are).
    ("党员干部要遵守政治规矩，做好本职工作。", "measure", "M.member_mgmt"),
    # 要求 / 重要 are not the modal 要: a dated activity report stays a report.
    ("遵照上级党委要求，3月5日，学校党委举行重要会议，各支部书记参加。", None, "M.training"),
    # 立党为公、执政为民 in passing is a slogan, not a service measure.
    ("要牢记立党为公、执政为民的宗旨，加强理论学习，提升能力。", "measure", "M.service"),
]

# Negated: the cue stands after a negator, the label must not be given.
NEGATED = [
    ("本单位不存在违反八项规定的问题。", "experience", "M.member_mgmt"),
    ("要防止把主题教育搞成走过场。", "measure", "M.training"),
]


@pytest.mark.parametrize(("text", "heading", "label"), POSITIVE)
def test_genre_cues_find_the_label(rule_tagger, text: str, heading: str, label: str) -> None:
    result = rule_tagger.tag(text, heading_role=heading)
    assert result.role == heading
    assert label in _labels(result)


@pytest.mark.parametrize(("text", "heading", "label"), NEGATIVE + NEGATED)
def test_genre_cues_do_not_give_the_label(rule_tagger, text: str, heading: str | None, label: str) -> None:
    assert label not in _labels(rule_tagger.tag(text, heading_role=heading))


# (text, role read from the wording alone)
ROLES = [
    # Memoirs and oral history.
    ("那天下着大雨，习书记来到村里看望老党员。后来他说，基层干部要多为群众办实事。", "other"),
    ("记得有一次，他在与我交谈中说到，干部要经得起考验。当时我感到很受教育。", "other"),
    ("周某某：当时的县委书记跟我讲，习书记到县里调研时，亲切地同大家座谈。", "other"),
    # Party history and doctrine.
    ("1930年9月被捕，在狱中与党组织取得联系，领导难友同敌人斗争。", "other"),
    ("毛泽东在干部晚会上作报告，指出抗日战争需要大批革命干部。", "other"),
    # Lists of regulations and purpose clauses.
    ("党的组织建设方面的法规。干部教育培训工作条例、党政领导干部交流工作规定等。", "other"),
    ("第一条为加强和改进意识形态工作，根据有关规定，制定本办法。", "other"),
    # Branch-activity news.
    ("6月25日下午，各支部举行主题党日活动，党员们观看了专题片并讲述入党故事。", "experience"),
    # Regulation duties prescribe, even without 要 or 应当.
    ("（六）定期听取党员意见，严格遵守国家法律法规。", "measure"),
    # The modal 要 still makes a prescription.
    ("要加强党员教育管理，规范党费收缴。", "measure"),
]


@pytest.mark.parametrize(("text", "role"), ROLES)
def test_genre_role_cues(rule_tagger, text: str, role: str) -> None:
    assert rule_tagger.tag(text).role == role


@pytest.mark.parametrize(("text", "modal"), [
    ("要加强党员教育管理。", True),
    ("必要时可以请示上级。", False),
    ("会议强调了主要任务和工作要求。", False),
    ("我们需要加强学习。", True),
])
def test_modal_yao_is_not_read_inside_other_words(codebook, text: str, modal: bool) -> None:
    from dangjian_nlp.tagging.matching import Batch, find_cue_weights

    found = find_cue_weights(Batch([text]), codebook.roles)[0]
    assert any(role == "measure" and "要" in cue for role, cue in found) == modal
