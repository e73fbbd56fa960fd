"""Heading tree, passages and provisional roles on hand-built documents and the seed essays."""

from __future__ import annotations

import pytest

from dangjian_nlp.errors import InputError
from dangjian_nlp.structure import heading_role, split_paragraph, structure_document
from dangjian_nlp.structure.headings import is_author_line, is_title_shaped, numbering
from dangjian_nlp.structure.roles import parse_role_vocabulary
from dangjian_nlp.types import Document

LONG = "要坚持党建工作和业务工作一起谋划、一起部署、一起落实、一起检查，推动党建与业务深度融合。"


def make(text: str, *, title: str = "", authors: list[str] | None = None) -> Document:
    return structure_document(Document("t-00", "t.txt", (0, len(text)), title, authors or [], text))


@pytest.mark.parametrize(("title", "role"), [
    ("一、机关党支部发挥主体作用中存在的问题", "problem"),
    ("一、“两张皮”在检察机关的表象", "problem"),
    ("（一）当前法院党建工作存在的问题", "problem"),
    ("二、机关党支部主体作用发挥不够的原因", "cause"),
    ("二、机关党建与业务工作“两张皮”的成因", "cause"),
    ("二、破解机关党建与业务工作“两张皮”问题的对策建议", "measure"),
    ("三、党建与业务“两张皮”的解决途径", "measure"),
    ("三、让机关支部更好的发挥主体作用的策略", "measure"),
    ("三、克服“两张皮”的经验和路径选择", "measure"),
    ("主要做法", "experience"),
    ("主要成效", "experience"),
    ("经验启示", "experience"),
    ("四、总结", None),
    ("引 言", None),
])
def test_heading_role_follows_the_last_keyword(title, role):
    assert heading_role(title) == role


@pytest.mark.parametrize(("lead", "role"), [
    ("（二）主观上的原因。", "cause"),
    ("（三）建立长效机制，强化措施保障，推动机关党建与业务工作质量不断提升。", None),
    ("（二）畅通机关党员干部服务创优新途径，推动创业激情“涨”起来。", None),
])
def test_lead_sentences_count_only_a_closing_keyword(lead, role):
    assert heading_role(lead, at_end=True) == role


@pytest.mark.parametrize(("text", "style"), [
    ("第一章 总则", ("chapter", 0)),
    ("一、存在的问题", ("cn", 1)),
    ("（一）认识不到位", ("cn_paren", 2)),
    ("(二)考核不科学", ("cn_paren", 2)),
    ("1.工作头绪多", ("arabic", 3)),
    ("4．重业务轻党建", ("arabic", 3)),
    ("2、具体步骤：", ("arabic", 3)),
    ("（1）制定标准。", ("arabic_paren", 4)),
    ("①加强学习", ("circled", 5)),
    ("1.5亿元投入", None),
    ("2019年7月9日", None),
    ("十八大以来", None),
    ("一是思想认识问题", None),
])
def test_numbering_styles_and_ranks(text, style):
    assert numbering(text) == style


@pytest.mark.parametrize(("line", "author"), [
    ("厦门火炬高新区直属党委课题组", True),
    ("厦门市中级人民法院民五庭 朱燕萍", True),
    ("中共思明区司法局总支部委员会课题组", True),
    ("作者：张三 李四", True),
    ("导致难以形成合力。", False),
    ("党建与业务融合不紧密的问题10", False),
    ("一、存在的问题", False),
])
def test_author_lines(line, author):
    assert is_author_line(line) is author


@pytest.mark.parametrize(("line", "shaped"), [
    ("点亮“灯下黑”，发挥机关党支部的主体作用", True),
    ("关于机关党建业务工作“两张皮”问题调研报告", True),
    ("一、存在的问题", False),
    ("机关是党代表人民执掌政权的领导机构。", False),
    ("曲组〔2021〕2号", False),
    ("(2021年3月24日)", False),
])
def test_title_shape(line, shaped):
    assert is_title_shaped(line) is shaped


def test_heading_levels_nest_by_numbering_style():
    text = "\n".join([
        "一、存在的问题", "（一）思想认识不到位", "1.重业务轻党建。有的领导认为党建是软指标，业务是硬任务，说起来重要干起来次要。",
        "（1）个别支部书记不重视。" + LONG, "（二）方法不对路", LONG, "二、对策建议", LONG,
    ])
    document = make(text)
    assert [(s.id, s.level, s.title[:8]) for s in document.sections] == [
        ("s1", 1, "一、存在的问题"), ("s1.1", 2, "（一）思想认识不"), ("s1.1.1", 3, "1.重业务轻党建"),
        ("s1.1.1.1", 4, "（1）个别支部书"), ("s1.2", 2, "（二）方法不对路"), ("s2", 1, "二、对策建议")]
    assert document.sections[0].end == text.index("二、对策建议")
    assert document.sections[-1].end == len(text)
    assert [p.role for p in document.passages] == ["problem", "problem", "problem", "measure"]
    assert document.passages[1].section == ["一、存在的问题", "（一）思想认识不到位", "1.重业务轻党建。",
                                            "（1）个别支部书记不重视。"]


def test_numbered_paragraph_with_a_lead_sentence_is_a_passage_and_a_subsection():
    text = "三、对策建议\n1.加强培训，提升党务干部工作素养和能力。要建立健全党务干部培训制度，定期开展业务轮训。"
    document = make(text)
    assert [s.title for s in document.sections] == ["三、对策建议", "1.加强培训，提升党务干部工作素养和能力。"]
    [passage] = document.passages
    assert passage.text.startswith("1.加强培训")
    assert passage.role == "measure" and passage.role_source == "heading"


def test_skipped_levels_and_unnumbered_headings_nest_sensibly():
    document = make("\n".join(["背景动因", "(一)思维模式上固化。" + LONG, "主要做法", "(一)打造特色载体。" + LONG]))
    assert [(s.title[:6], s.level, s.role) for s in document.sections] == [
        ("背景动因", 1, "other"), ("(一)思维模", 2, "other"), ("主要做法", 1, "experience"),
        ("(一)打造特", 2, "experience")]


def test_title_author_and_date_lines_are_not_passages():
    text = "关于破解两张皮问题的意见\n某某县委组织部\n(2021年3月24日)\n" + LONG
    document = make(text, title="关于破解两张皮问题的意见", authors=["某某县委组织部"])
    assert [p.text for p in document.passages] == [LONG]
    assert document.sections == []


def test_format_heading_levels_are_used_when_given():
    text = "总体要求\n" + LONG + "\n工作措施\n" + LONG
    document = structure_document(Document("t-00", "t.txt", (0, len(text)), "", [], text),
                                  headings={0: 1, text.index("工作措施"): 2})
    assert [(s.title, s.level) for s in document.sections] == [("总体要求", 1), ("工作措施", 2)]
    assert document.passages[1].section == ["总体要求", "工作措施"]
    assert document.passages[1].role == "measure"


def test_inline_points_become_passages():
    text = "导致两张皮的原因主要有两方面。一是思想认识问题，机关党组织没有深刻把握根本职责。二是方式方法问题，找不到有效载体。"
    spans = split_paragraph(text)
    assert [text[a:b][:4] for a, b in spans] == ["导致两张", "一是思想", "二是方式"]


def test_a_single_marker_does_not_split():
    text = "我们认为：一是要统一认识，这是前提，也是目前最为紧迫的任务。"
    assert split_paragraph(text) == [(0, len(text))]


def test_long_paragraphs_are_split_at_sentence_ends():
    sentence = "党建工作与业务工作考评体系不同，业务工作的考评体系相对简单，容易形成统一标准。"
    text = sentence * 20
    spans = split_paragraph(text)
    assert len(spans) > 1
    assert all(text[a:b].endswith("。") for a, b in spans)
    assert all(len(text[a:b]) <= 400 for a, b in spans)
    assert "".join(text[a:b] for a, b in spans) == text


def test_seed_passages_have_sensible_size_and_ids(seed_documents):
    sizes = sorted(len(p.text) for d in seed_documents for p in d.passages)
    assert len(sizes) > 400
    assert 100 <= sizes[len(sizes) // 2] <= 250
    assert sizes[-1] <= 500
    for document in seed_documents:
        assert [p.id for p in document.passages] == [f"{document.id}-p{i:03d}" for i in range(1, len(document.passages) + 1)]
        assert len({s.id for s in document.sections}) == len(document.sections)


def test_seed_roles_come_from_the_headings(seed_documents):
    essay = next(d for d in seed_documents if d.title.startswith("浅析机关党建与业务工作“两张皮”现象"))
    roles = [s.role for s in essay.sections if s.level == 1]
    assert roles == ["other", "other", "problem", "cause", "measure", "other"]
    assert {p.role for p in essay.passages if "二、 导致党建与业务“两张皮”的原因分析" in p.section} == {"cause"}


@pytest.mark.parametrize(("data", "message"), [
    ({"roles": {"symptom": ["问题"]}}, "unknown role"),
    ({"roles": {"problem": []}}, "needs a list"),
    ({"roles": {"problem": ["问题"], "cause": ["问题"]}}, "listed under"),
    ({"vocab": {}}, "single 'roles'"),
])
def test_invalid_role_vocabulary_is_rejected(data, message):
    with pytest.raises(InputError, match=message):
        parse_role_vocabulary(data)


def test_closing_signature_and_date_are_not_passages_or_headings():
    text = "\n".join(["一、下一步工作打算", LONG, "中共某某中学委员会", "2021年1月18日"])
    document = make(text)
    assert [p.text for p in document.passages] == [LONG]
    assert [s.title for s in document.sections] == ["一、下一步工作打算"]


def test_numbered_points_inside_a_paragraph_become_passages():
    text = ("具体有以下几方面：一、党组织设置与司法改革同步结合，做到同步调整。二、党建规范与业务规范同步建设，统一标准。"
            "三、服务群众与司法能力同步提升。")
    assert [text[a:b][:2] for a, b in split_paragraph(text)] == ["具体", "一、", "二、", "三、"]
