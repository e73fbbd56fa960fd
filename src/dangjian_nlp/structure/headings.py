"""Heading shapes of Chinese reports: numbering styles, their ranks, title and author lines.

Numbering styles nest in a conventional order (第一章 > 一、 > （一） > 1. > （1） > ①); the rank
of a style is its place in that order, so a document that skips a level still nests right.
Inline points (一是… / 第一，…) are not headings: they split passages but open no section.
"""

from __future__ import annotations

import logging
import re

LOGGER = logging.getLogger(__name__)

_CN = "一二三四五六七八九十"
NUMBERING: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("chapter", 0, re.compile(rf"^第[{_CN}百零]{{1,4}}[章节篇部分]{{1,2}}")),
    ("cn", 1, re.compile(rf"^[{_CN}]{{1,3}}\s?[、.．，,]")),
    ("cn_paren", 2, re.compile(rf"^[（(]\s?[{_CN}]{{1,3}}\s?[）)]")),
    ("arabic", 3, re.compile(r"^\d{1,2}\s?(?:[、．,，]|\.(?!\d))")),
    ("arabic_paren", 4, re.compile(r"^[（(]\s?\d{1,2}\s?[）)]")),
    ("circled", 5, re.compile(r"^[①-⑳]")),
)
"""(name, rank, pattern) of the numbering styles that open sections."""

POINT = re.compile(
    rf"(?:[{_CN}]{{1,2}}是|第[{_CN}]{{1,2}}[，、,：:]|其[{_CN}][，、,：:]|首先[，,]|其次[，,]|再次[，,]|最后[，,])"
)
"""Inline points: enumerations inside a paragraph."""

TERMINAL = "。！？!?；;：:…"
"""Characters that end a sentence or a lead-in (a paragraph may end after them)."""
SENTENCE_END = "。！？!?；;"
CLOSERS = "”’」』）)》〉】\"'"
_ANY_PUNCT = re.compile(r"[。！？!?；;：:，,、]")
_INNER_TERMINAL = re.compile(r"[。！？!?；;]")

_ORG_SUFFIX = (
    r"(?:课题组|调研组|写作组|研究组|小组|委员会|纪委|党委|党组|工委|党工委|总支|支部|党支部|办公室|办公厅|"
    r"局|院|庭|厅|部|办|处|室|所|科|中心|大学|学院|学校|党校|公司|集团|银行|政府|研究会|协会|学会|"
    r"研究院|研究所|研究中心|编辑部|组织部|宣传部|机关|社|站|队|馆|会)"
)
_NAME = r"[\u4e00-\u9fff·]{2,4}"
AUTHOR_LINE = re.compile(
    rf"^(?:(?:作者|撰稿|执笔|撰文|文)[:：]\s*)?(?:[\u4e00-\u9fff（）()]{{2,30}}?{_ORG_SUFFIX})"
    rf"(?:[\s、，,]+(?:[\u4e00-\u9fff（）()]{{2,30}}?{_ORG_SUFFIX}))*"
    rf"(?:\s+{_NAME}(?:[\s、，,]+{_NAME}){{0,5}})?$"
)
"""An author or organisation line: ``厦门市人民检察院 邹庆华``, ``厦门市委编办课题组``."""
BYLINE_NAME = re.compile(rf"^(?:作者|撰稿|执笔|撰文)[:：]\s*{_NAME}(?:[\s、，,]+{_NAME}){{0,5}}$")
DATE_LINE = re.compile(r"^[（(]?\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月"
                       r"(?:\s*[\d一二三四五六七八九十]{1,3}\s*[日号]?)?\s*[）)]?$")
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,10}\s*[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,4}\s*号$")
PERSON_NAME = re.compile(r"^[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}$")
"""A line holding only a personal name (``王 琛``, ``陈国阳``), as in a closing signature."""
_FIELD_LABEL = re.compile(r"^(?:资料)?(?:来源|作者|出处|编辑|责任编辑|发布时间|发布日期|更新时间|时间|日期|附件?)\s*[:：]")
SUBTITLE = re.compile(r"^(?:——|--|—|－－)\s*\S")


def numbering(text: str) -> tuple[str, int] | None:
    """The numbering style and rank ``text`` starts with, or None.

    Example:
        >>> numbering("（二）主观上的原因")
        ('cn_paren', 2)
    """
    for name, rank, pattern in NUMBERING:
        if pattern.match(text):
            return name, rank
    return None


def starts_point(text: str) -> bool:
    """True when ``text`` starts with an inline point marker (一是 / 第一， …)."""
    return POINT.match(text) is not None


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation (closing quotes aside)."""
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


def has_inner_sentence_end(text: str) -> bool:
    """True when a sentence ends somewhere before the last character of ``text``."""
    stripped = text.rstrip().rstrip(CLOSERS)
    return _INNER_TERMINAL.search(stripped[:-1]) is not None


def is_author_line(text: str) -> bool:
    """True for an author or organisation line (short, organisation suffix, optional names)."""
    text = text.strip()
    if not 3 <= len(text) <= 48 or _INNER_TERMINAL.search(text):
        return False
    return AUTHOR_LINE.match(text) is not None or BYLINE_NAME.match(text) is not None


def is_title_shaped(text: str, *, min_len: int = 4, max_len: int = 60) -> bool:
    """True for a line that can be (part of) a title: short, no sentence inside, not a numbered heading."""
    text = text.strip()
    if not min_len <= len(text) <= max_len:
        return False
    if _INNER_TERMINAL.search(text) or ends_sentence(text):
        return False
    if numbering(text) or starts_point(text) or SUBTITLE.match(text) or _FIELD_LABEL.match(text):
        return False
    if text[0] in CLOSERS + "，、。；：,.;:" or text[-1] in "“‘「『（(《〈【":
        return False
    return not (DATE_LINE.match(text) or DOC_NUMBER.match(text))


def is_front_matter_line(text: str) -> bool:
    """Date and document-number lines that sit between a title and the body."""
    text = text.strip()
    return bool(DATE_LINE.match(text) or DOC_NUMBER.match(text))


def has_punctuation(text: str) -> bool:
    """True when ``text`` holds any sentence or clause punctuation."""
    return _ANY_PUNCT.search(text) is not None
