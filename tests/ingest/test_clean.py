"""Each cleaning rule on inputs built here, and the packaged rules' validation."""

from __future__ import annotations

import pytest

from dangjian_nlp.errors import InputError
from dangjian_nlp.ingest.clean import (
    clean_lines,
    default_rules,
    drop_truncated_abstracts,
    is_boilerplate,
    parse_byline,
    parse_rules,
    strip_markdown,
    strip_markers,
)


def _texts(text: str, **options) -> list[str]:
    lines, _ = clean_lines(text, **options)
    return [line.text for line in lines if line.text]


@pytest.mark.parametrize(("raw", "clean"), [
    ("能力不足、开##paidbegin##拓创新的能力不足。", "能力不足、开拓创新的能力不足。"),
    ("对策建议。##paidend##", "对策建议。"),
    ("[bookmark: _Toc1]市直机关工委经验材料", "市直机关工委经验材料"),
    ("党建[水印：内部资料]工作", "党建工作"),
    ('消除认为\\"机关党建工作抓与不抓无关紧要\\"的误区', '消除认为"机关党建工作抓与不抓无关紧要"的误区'),
])
def test_inline_markers_are_removed(raw, clean):
    assert strip_markers(raw) == clean


@pytest.mark.parametrize("line", [
    "16", "- 64 -", "第 3 页", "第3页 共12页", "共 12 页", "3/12",
    "中词库 / www.zciku.com", "https://www.gov.cn/zhengce/2021.htm", "www.12371.cn",
    "上一篇：关于加强党建的通知", "版权所有 中共某某市委组织部", "Copyright 2021 党建网",
    "当前位置：首页 > 理论", "---", "***",
])
def test_boilerplate_lines_are_recognised(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "三是", "2019 年 7 月 9 日，习近平总书记在中央和国家机关党的建设工作会议上强调", "一、存在的问题",
    "1.部分支部书记思想上不重视。", "党建与业务融合不紧密的问题10", "12309 检察服务中心",
])
def test_essay_lines_are_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_byline_is_moved_to_meta_not_kept_as_text():
    lines, meta = clean_lines("经验材料\n来源：网络  作者：醉人清风  更新时间：2025-02-18\n有效破解两张皮问题。")
    assert [line.text for line in lines] == ["经验材料", "有效破解两张皮问题。"]
    assert meta["byline"] == {"来源": "网络", "作者": "醉人清风", "更新时间": "2025-02-18"}


@pytest.mark.parametrize("line", ["作者：张三", "来源于基层的做法：作者们认为党建是关键，时间久了就好。"])
def test_a_single_field_or_a_sentence_is_not_a_byline(line):
    assert parse_byline(line) is None


@pytest.mark.parametrize(("raw", "text", "level"), [
    ("## 关于破解“两张皮”问题的意见", "关于破解“两张皮”问题的意见", 2),
    ("# 中共曲周县委组织部", "中共曲周县委组织部", 1),
    ("**二、把讲政治的要求落实到业务工作中。**强化政治机关意识。", "二、把讲政治的要求落实到业务工作中。强化政治机关意识。", None),
    ("- 要加强[党员教育](http://x.cn/a)。", "要加强党员教育。", None),
    ("> 引文：![图](a.png)党建引领", "引文：党建引领", None),
])
def test_markdown_syntax_is_removed_and_headings_kept(raw, text, level):
    assert strip_markdown(raw) == (text, level)


def test_markdown_is_detected_in_txt_and_heading_level_recorded():
    lines, _ = clean_lines("# 总标题\n\n**一、加强领导。**要压实责任。")
    assert [(line.text, line.heading) for line in lines if line.text] == [
        ("总标题", 1), ("一、加强领导。要压实责任。", None)]


def test_plain_text_asterisks_stay_when_not_markdown():
    assert _texts("5*3 的考核办法。", markdown=False) == ["5*3 的考核办法。"]


def test_truncated_abstract_before_the_article_is_dropped():
    lines, _ = clean_lines(
        "经验材料有效破解机关党建和业务工作“两张皮”问题，是提升机关党建质量的关键...\n"
        "经验材料\n有效破解机关党建和业务工作“两张皮”问题，是提升机关党建质量的关键所在。")
    assert [line.text for line in lines] == ["经验材料", "有效破解机关党建和业务工作“两张皮”问题，是提升机关党建质量的关键所在。"]


def test_an_ellipsis_line_that_is_not_repeated_stays():
    kept = drop_truncated_abstracts(clean_lines("他说：这件事还没有结束，还要继续努力下去……\n另一段完全不同的文字。")[0])
    assert len(kept) == 2


def test_whitespace_is_normalised_and_leading_whitespace_remembered():
    lines, _ = clean_lines(" \u3000\u3000党建\u3000\u3000工作\t重要。\u200b\r\n下一行。")
    assert [(line.text, line.lead) for line in lines] == [("党建 工作 重要。", " \u3000\u3000"), ("下一行。", "")]


def test_invisible_and_control_characters_are_dropped():
    assert _texts("党\x07建\ufeff工作\u200d。") == ["党建工作。"]


def test_packaged_rules_load():
    rules = default_rules()
    assert rules.inline_markers and rules.boilerplate_lines


@pytest.mark.parametrize(("data", "message"), [
    ({"inline_markers": []}, "expected keys"),
    ({"inline_markers": ["("], "boilerplate_lines": [], "byline_fields": ["来源"], "markdown": {"heading": "x"}},
     "bad pattern"),
    ({"inline_markers": [], "boilerplate_lines": [], "byline_fields": [], "markdown": {"heading": "x"}},
     "byline_fields"),
    ({"inline_markers": [], "boilerplate_lines": [3], "byline_fields": ["来源"], "markdown": {"heading": "x"}},
     "pattern string"),
])
def test_invalid_rules_are_rejected_clearly(data, message):
    with pytest.raises(InputError, match=message):
        parse_rules(data)
