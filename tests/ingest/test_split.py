"""Reflowing and compilation splitting: rules on built inputs, then the seed corpus."""

from __future__ import annotations

import pytest

from dangjian_nlp.ingest.clean import Line, clean_lines
from dangjian_nlp.ingest.split import reflow, split_essays, width, wrap_width

from ingest_builders import cjk

BODY = ("机关党建与业务工作相互脱离，无法真正实现相辅相成、深度融合的原因是多重的，表现也是方方面面的。"
        "客观上来讲，党建工作与业务工作内容对象不同、工作特点不一、考评体系各异，在结合融合上有一定的难度。"
        "但通过走访调研发现，两张皮问题之所以由来已久、久拖不决，根本原因还是头痛医头、脚痛医脚。") * 3


def hard_wrap(text: str, *, columns: int = 26, indent: bool = True) -> list[str]:
    """Print ``text`` the way a PDF export does: first line two characters shorter."""
    lines, position, first = [], 0, True
    while position < len(text):
        size = columns - 2 if first and indent else columns
        lines.append(text[position:position + size])
        position += size
        first = False
    return lines


def wrapped_essay(title: list[str], author: str, paragraphs: list[str], *, subtitle: str = "") -> list[str]:
    lines = [" " + title[0], *title[1:], ""]
    if subtitle:
        lines += [subtitle, ""]
    lines += [author, ""]
    for paragraph in paragraphs:
        for line in hard_wrap(paragraph):
            lines += [line, ""]
    return lines


def test_width_counts_cjk_and_fullwidth_punctuation_double():
    assert width("党建“两张皮”") == 14
    assert width("12309 检察") == 10


def test_wrap_width_found_for_hard_wrapped_text_only():
    wrapped = [Line(text) for text in hard_wrap(BODY)]
    assert wrap_width(wrapped) == 52
    paragraphs = [Line(BODY[:120]), Line(BODY[120:130]), Line(BODY[130:400])] * 5
    assert wrap_width(paragraphs) is None


def test_reflow_joins_wrapped_lines_and_keeps_paragraphs_and_headings_apart():
    second = "二是方式方法问题，虽然在以往工作中能够清醒认识到机关党建的职责定位，但在实践中找不到有效的机制和载体。" * 2
    lines = [Line(t) for t in ["一、存在的问题", *hard_wrap(BODY), *hard_wrap(second), "二、原因分析", *hard_wrap(BODY)]]
    paragraphs = [p.text for p in reflow(lines, wrap=wrap_width(lines))]
    assert paragraphs == ["一、存在的问题", BODY, second, "二、原因分析", BODY]


def test_reflow_continues_a_wrapped_heading_and_across_a_page_number():
    text = "\n\n".join([
        *hard_wrap(BODY),
        "三、破解机关党建工作与业务工作“两张皮”问题的对", "策",
        *hard_wrap("压实主体责任。一是事前明责，二是事中履责。三是", indent=True),
        "", "16", "",
        *hard_wrap("事后问责。建立健全党建工作责任追究制，通过高悬问责利剑强化责任担当。" * 2, indent=False),
    ])
    lines, _ = clean_lines(text)
    paragraphs = [p.text for p in reflow(lines, wrap=wrap_width(lines))]
    assert "三、破解机关党建工作与业务工作“两张皮”问题的对策" in paragraphs
    assert any("三是事后问责。" in p for p in paragraphs)
    assert "16" not in "".join(paragraphs)


def test_unwrapped_text_joins_a_word_broken_across_a_blank_line():
    lines, _ = clean_lines("一、牢固树立融合发展的理念。机关党\n\n建和业务工作“两张皮”问题，是一大顽症。\n\n背景动因\n\n当前，两张皮问题突出。")
    assert [p.text for p in reflow(lines, wrap=None)] == [
        "一、牢固树立融合发展的理念。机关党建和业务工作“两张皮”问题，是一大顽症。", "背景动因", "当前，两张皮问题突出。"]


def test_title_blocks_split_a_wrapped_compilation():
    first = wrapped_essay([" 浅析机关党建与业务工作", "“两张皮”现象"], "厦门市人民检察院 邹庆华", [BODY, BODY],
                          subtitle="——以检察机关党建工作为视角")
    second = wrapped_essay([" 破解小机关党建与业务“两张皮”", "现象的思考和对策"], "某某市委编办课题组", [BODY])
    lines, _ = clean_lines("\n".join(first + second))
    essays = split_essays(lines)
    assert [(e.title, e.authors) for e in essays] == [
        ("浅析机关党建与业务工作“两张皮”现象——以检察机关党建工作为视角", ["厦门市人民检察院 邹庆华"]),
        ("破解小机关党建与业务“两张皮”现象的思考和对策", ["某某市委编办课题组"]),
    ]
    assert [p.text for p in essays[0].paragraphs[3:]] == [BODY, BODY]


def test_indented_first_lines_and_an_unindented_title_split_a_web_compilation():
    indent = "\u3000\u3000"
    text = "\n".join([
        " " + indent + BODY, indent + BODY,
        " " + indent + "党建工作应围绕中心、服务大局。" + BODY, indent + BODY,
        "党建与业务融合不紧密的问题10", indent + BODY,
    ])
    essays = split_essays(clean_lines(text)[0])
    assert len(essays) == 3
    assert essays[2].title == "党建与业务融合不紧密的问题10"
    assert essays[1].paragraphs[0].text.startswith("党建工作应围绕中心")


def test_unindented_section_headings_in_indented_text_do_not_split():
    indent = "\u3000\u3000"
    essays = split_essays(clean_lines("\n".join([indent + BODY, "背景动因", indent + BODY, "主要做法", indent + BODY]))[0])
    assert len(essays) == 1


def test_front_matter_gives_title_authors_date_and_document_number():
    text = "# 中共某某县委组织部\n\n某组〔2021〕2号\n\n## 关于破解“两张皮”问题的意见\n\n(2021年3月24日)\n\n" + BODY
    [essay] = split_essays(clean_lines(text)[0])
    assert essay.title == "关于破解“两张皮”问题的意见"
    assert essay.authors == ["中共某某县委组织部"]
    assert essay.meta == {"doc_number": "某组〔2021〕2号", "date": "2021年3月24日"}


def test_splitting_keeps_every_chinese_character():
    first = wrapped_essay([" 浅析机关党建与业务工作", "“两张皮”现象"], "厦门市人民检察院 邹庆华", [BODY, BODY])
    text = "\n".join(first + first)
    essays = split_essays(clean_lines(text)[0])
    assert cjk("".join(p.text for e in essays for p in e.paragraphs)) == cjk(text)


# --- the seed corpus -------------------------------------------------------------------------

SEED_ESSAYS = {
    "000_1943ade65ff11aea.txt": 10,
    "001_6760920c93c036ae.txt": 1,
    "002_2a8a5d5461f01ded.txt": 11,
    "003_056fcd2e5daef264.txt": 1,
    "004_c4f700dea521b0cf.txt": 1,
}

TITLES_000 = [
    ("点亮“灯下黑”，发挥机关党支部的主体作用", "厦门火炬高新区直属党委课题组"),
    ("关于有效破解机关党建与业务工作“两张皮”问题研究", "厦门市中级人民法院民五庭 朱燕萍"),
    ("力戒“两张皮”聚力推进检察工作新发展", "厦门市集美区人民检察院 杨玉兰"),
    ("破解法院党建与业务工作“两张皮”难题的思考与探索", "厦门市中级人民法院民六庭 陈荣炜"),
    ("浅析机关党建与业务工作“两张皮”现象——以检察机关党建工作为视角", "厦门市人民检察院 邹庆华"),
    ("浅析如何有效破解机关党建与业务工作“两张皮”问题", "厦门火炬高新区直属党委课题组"),
    ("机关党建与业务“两张皮”现象分析及破解对策初探", "厦门市发展和改革委员会课题组"),
    ("关于机关党建与业务工作“两张皮”问题的调研与思考——以市应急管理局党建与业务融合发展实践为视角",
     "厦门市应急管理局课题组"),
    ("破解小机关党建与业务“两张皮”现象的思考和对策", "厦门市委编办课题组"),
    ("着力解决机关党建“灯下黑”问题的思考与对策", "中共思明区司法局总支部委员会课题组"),
]


def test_seed_corpus_gives_24_essays(seed_documents, seeds_by_file):
    assert len(seed_documents) == 24
    assert {name: len(docs) for name, docs in seeds_by_file.items()} == SEED_ESSAYS


def test_the_ten_titles_of_the_pdf_compilation_come_out_whole(seeds_by_file):
    documents = seeds_by_file["000_1943ade65ff11aea.txt"]
    assert [(d.title, d.authors) for d in documents] == [(title, [author]) for title, author in TITLES_000]


@pytest.mark.parametrize(("name", "title", "authors"), [
    ("001_6760920c93c036ae.txt", "关于机关党建业务工作“两张皮”问题调研报告", []),
    ("003_056fcd2e5daef264.txt", "市直机关工委破解党建与业务工作两张皮问题经验材料", []),
    ("004_c4f700dea521b0cf.txt",
     "中共曲周县委组织部 中共曲周县委县直机关工委 关于破解“两张皮”问题推动机关党建和业务 工作深度融合的意见",
     ["中共曲周县委组织部"]),
])
def test_single_reports_get_their_title(seeds_by_file, name, title, authors):
    [document] = seeds_by_file[name]
    assert (document.title, document.authors) == (title, authors)


def test_web_compilation_second_essay_of_one_stretch_starts_at_its_title_line(seeds_by_file):
    documents = seeds_by_file["002_2a8a5d5461f01ded.txt"]
    titled = [d for d in documents if d.title]
    assert [d.title for d in titled] == ["党建与业务融合不紧密的问题10"]
    index = documents.index(titled[0])
    assert documents[index].text.startswith("党建与业务融合不紧密的问题10\n破解机关党建与业务“两张皮”问题")
    previous = documents[index - 1]
    assert previous.text.startswith("十八大以来党中央把党的建设提到了更加突出的位置")
    assert previous.text.endswith("新老警员相互学习，相互帮扶，共同提升。")


def test_seed_artefacts_are_gone(seed_documents):
    text = "\n".join(d.text for d in seed_documents)
    for artefact in ("##paid", "[bookmark", "www.zciku.com", "来源：网络", "**", "# ", "\n16\n", "\n64\n", "\n91\n",
                     "服务群..."):
        assert artefact not in text
    assert "机关党建和业务工作“两张皮”问题，是制约" in text
    assert "三是事后问责。" in text


def test_spans_tile_the_cleaned_file_text(seeds_by_file):
    for documents in seeds_by_file.values():
        offset = 0
        for document in documents:
            assert document.span == (offset, offset + len(document.text))
            offset = document.span[1] + 1


def test_an_attachment_line_over_a_signature_is_not_an_essay():
    text = "\n".join(["关于加强机关党建的情况报告", BODY, "附：《2021年度廉洁风险防控清单》", "中共某某市第一中学委员会", "2021年1月18"])
    essays = split_essays(clean_lines(text)[0])
    assert len(essays) == 1
    assert essays[0].paragraphs[-1].text == "2021年1月18"


@pytest.mark.parametrize("folder", ["gov-work-reports", "dangjian-heldout", "cpc-congress-reports"])
def test_single_reports_of_third_party_corpora_are_not_split(corpora_dir, folder):
    from dangjian_nlp.ingest import iter_documents  # noqa: PLC0415

    counts: dict[str, int] = {}
    for document in iter_documents([corpora_dir / folder]):
        counts[document.source] = counts.get(document.source, 0) + 1
    assert len(counts) >= 15
    assert {source: n for source, n in counts.items() if n != 1} == {}


@pytest.mark.parametrize("lines", [
    ["仲裁机构名单如下：", "内蒙古自治区", "呼和浩特仲裁委员会、乌海仲裁委员会", "新疆维吾尔自治区", "克拉玛依仲裁委员会"],
    ["科学技术档案工作条例", "1980年12月27日 国家经济委员会", "国家科学技术委员会"],
    ["如不改变，就改名外国死人部。", "”卫生部也应改名“", "城市老爷卫生部", "”。在号令下，首先在京剧中取得突破。"],
    ["习近平总书记论述“两学一做”摘编", "资料来源：党建网微平台", "某某中学党委 推荐"],
])
def test_list_entries_and_quotes_over_organisation_lines_are_not_title_blocks(lines):
    essays = split_essays(clean_lines("\n".join([BODY, *lines, BODY]))[0])
    assert len(essays) == 1


@pytest.mark.parametrize("heading, following", [
    # 23 characters: a few cells short of the 26-character width, then a full body line
    ("一、机关党建与业务工作存在“两张皮”现象的表现", BODY),
    # nearly full width, then a numbered sub-heading
    ("三、破解法院党建与业务工作“两张皮”难题的措施", "（一）明确党建工作的职责定位。" + BODY),
], ids=["short-heading-then-body", "heading-then-sub-heading"])
def test_a_numbered_heading_short_of_the_width_stands_alone(heading, following):
    lines = [Line(t) for t in [*hard_wrap(BODY), heading, *hard_wrap(following, indent=False), *hard_wrap(BODY)]]
    paragraphs = [p.text for p in reflow(lines, wrap=wrap_width(lines))]
    assert heading in paragraphs
