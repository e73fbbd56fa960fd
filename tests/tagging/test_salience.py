"""Salience of countermeasure labels: a label applies when the passage talks about it (in its
lead, in a short passage, or through two distinct cues), not when one word of it passes by."""

from __future__ import annotations

import pytest

from dangjian_nlp.tagging.matching import Hit
from dangjian_nlp.tagging.rules import PASSING_MEASURE_SHARE, salient_end, weigh_salience

# (measure passage, label, expected) on hand-written passages; 台账 is an M.org_life cue
# weaker than a full cue, so one passing mention of it does not make the passage about it.
SALIENCE_CASES = [
    # Positive: the label's cue stands in the opening sentence.
    ("要规范党建工作台账。各支部按月登记学习内容。每季度抽查一次。", "M.org_life", True),
    # Positive: two distinct cues of the label in the body.
    ("要加强党务干部培训，提升履职能力。每年对支部书记轮训一遍。培训中推行台账管理，做到制度化。", "M.org_life", True),
    # Positive: a passage of two sentences is all lead.
    ("要加强党务干部培训。培训结束后建立学习台账。", "M.org_life", True),
    # Negative: one passing mention in the body of a longer passage.
    ("要加强党务干部培训，提升履职能力。每年对支部书记轮训一遍。培训结束后建立学习台账备查。", "M.org_life", False),
    # ... which does not touch the label the passage is about.
    ("要加强党务干部培训，提升履职能力。每年对支部书记轮训一遍。培训结束后建立学习台账备查。", "M.training", True),
    # Negated: a cue in the lead after a negator does not count.
    ("要防止台账泛滥，减轻基层负担。每年对支部书记轮训一遍。培训结束后组织考试。", "M.org_life", False),
]


@pytest.mark.parametrize(("text", "label", "expected"), SALIENCE_CASES)
def test_passing_mentions_do_not_make_a_label(rule_tagger, text: str, label: str, expected: bool) -> None:
    result = rule_tagger.tag(text, heading_role="measure")
    assert result.role == "measure"
    assert (label in {tag.id for tag in result.measures}) is expected


def _hit(start: int, cue: str = "台账", weight: float = 0.7) -> Hit:
    return Hit("M.org_life", cue, weight, start, start + len(cue))


@pytest.mark.parametrize(("hits", "lead", "topics", "scaled"), [
    ([_hit(30)], 10, frozenset(), True),                             # one cue after the lead
    ([_hit(3)], 10, frozenset(), False),                             # in the lead
    ([_hit(30), _hit(40, "制度化", 0.3)], 10, frozenset(), False),     # two distinct cues
    ([_hit(30)], 10, frozenset({"M.org_life"}), False),              # the section heading names it
])
def test_weigh_salience(hits: list[Hit], lead: int, topics: frozenset[str], scaled: bool) -> None:
    scored = {"M.org_life": (0.7, hits)}
    result = weigh_salience(scored, ["M.org_life"], lead=lead, share=PASSING_MEASURE_SHARE, topics=topics)
    expected = 0.7 * PASSING_MEASURE_SHARE if scaled else 0.7
    assert result["M.org_life"][0] == pytest.approx(expected)
    assert result["M.org_life"][1] == hits


def test_weigh_salience_leaves_other_kinds_alone() -> None:
    scored = {"P.formalism": (0.45, [Hit("P.formalism", "流于形式", 0.45, 30, 34)])}
    assert weigh_salience(scored, ["M.org_life"], lead=5, share=0.5) == scored


@pytest.mark.parametrize(("text", "whole"), [
    ("要加强培训。建立台账。", True),
    ("要加强培训。每年轮训。建立台账。", False),
])
def test_short_passages_are_all_lead(text: str, whole: bool) -> None:
    lead = text.index("。") + 1
    assert salient_end(text, lead) == (len(text) if whole else lead)


def test_evidence_prefers_the_lead(rule_tagger) -> None:
    # Two body sentences hold stronger cues of M.training (培训, 轮训) than the heading (学习),
    # but the heading says what the point is about: it is one of the two evidence sentences.
    text = "一、加强学习。每年组织党务干部培训一次。每三年轮训一遍支部书记。"
    result = rule_tagger.tag(text, heading_role="measure")
    training = {tag.id: tag for tag in result.measures}["M.training"]
    quotes = [evidence.quote for evidence in training.evidence]
    assert quotes == ["一、加强学习。", "每年组织党务干部培训一次。"]
    assert all(text[e.start:e.end] == e.quote for e in training.evidence)


def test_evidence_lead_order_is_only_a_preference() -> None:
    from dangjian_nlp.tagging.rules import evidence_for

    text = "要加强学习。每年培训党务干部。"
    hits = [Hit("M.training", "培训", 1.0, 8, 10), Hit("M.training", "学习", 0.3, 3, 5)]
    assert [e.cue for e in evidence_for(text, hits, limit=1)] == ["培训"]
    assert [e.cue for e in evidence_for(text, hits, limit=1, lead=6)] == ["学习"]
