"""Document structure: the heading tree, the passages and their provisional roles.

:func:`structure_document` reads only ``document.text`` (plus ``title``/``authors`` to
skip the front matter), so it works on any :class:`~dangjian_nlp.types.Document`, whether
ingested or built by hand. Headings are found by shape (一、 / （一） / 1. / (1) numbering,
short unpunctuated lines) or given by the source format (``headings``: Markdown ``#``,
docx heading styles). A numbered paragraph whose lead sentence is its heading
(``1.加强培训，提升…。要建立…``) is one passage and also opens a subsection.

Example:
    >>> from dangjian_nlp.types import Document
    >>> text = "一、存在的问题\\n有的党员意识淡薄，组织生活流于形式。\\n二、对策建议\\n要加强教育培训，严格组织生活。"
    >>> doc = structure_document(Document("x-00", "x.txt", (0, len(text)), "", [], text))
    >>> [(p.text[:6], p.role, p.section) for p in doc.passages]
    [('有的党员意识', 'problem', ['一、存在的问题']), ('要加强教育培', 'measure', ['二、对策建议'])]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from dangjian_nlp.structure.headings import (
    DATE_LINE,
    PERSON_NAME,
    SENTENCE_END,
    SUBTITLE,
    has_inner_sentence_end,
    has_punctuation,
    is_author_line,
    is_front_matter_line,
    numbering,
    starts_point,
)
from dangjian_nlp.structure.passages import split_paragraph
from dangjian_nlp.structure.roles import heading_role, role_vocabulary
from dangjian_nlp.types import Document, Passage, Section

LOGGER = logging.getLogger(__name__)

__all__ = ["heading_role", "role_vocabulary", "split_paragraph", "structure_document"]

MAX_HEADING = 40
"""A numbered paragraph up to this long holding a single sentence is a stand-alone heading."""
MAX_PLAIN_HEADING = 20
"""An unnumbered, unpunctuated paragraph up to this long is a stand-alone heading."""
MAX_LEAD_TITLE = 60
_HINT_RANK_OFFSET = -10
"""Format-given heading levels rank above every numbering style."""
_LEAD_END = re.compile(f"[{SENTENCE_END}：:]")


@dataclass(slots=True)
class _Paragraph:
    start: int
    end: int
    text: str


def _paragraphs(text: str) -> list[_Paragraph]:
    out = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            out.append(_Paragraph(start, start + len(stripped), stripped))
        offset += len(line) + 1
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _front_matter_end(paragraphs: list[_Paragraph], document: Document) -> int:
    """Index of the first paragraph after the title, subtitle, author, date and number lines."""
    title = _squash(document.title)
    authors = {_squash(a) for a in document.authors}
    index = 0
    while index < len(paragraphs):
        text = paragraphs[index].text
        squashed = _squash(text)
        if title and squashed and squashed in title:
            index += 1
        elif squashed in authors or is_front_matter_line(text) or (title and SUBTITLE.match(text) and len(text) <= 60):
            index += 1
        else:
            break
    return index


def _back_matter_start(paragraphs: list[_Paragraph]) -> int:
    """Index where the closing signature and date lines (organisation, name, date) begin."""
    index = len(paragraphs)
    while index > 0 and len(paragraphs) - index < 3:
        text = paragraphs[index - 1].text
        if not (is_author_line(text) or DATE_LINE.match(text) or PERSON_NAME.match(text)):
            break
        index -= 1
    return index


def _heading_kind(paragraph: _Paragraph, hint: int | None, is_last: bool) -> tuple[str, int | None]:
    """``("heading", rank)``, ``("lead", rank)`` or ``("body", None)``."""
    text = paragraph.text
    if hint is not None:
        return "heading", _HINT_RANK_OFFSET + hint
    numbered = numbering(text)
    if numbered is not None:
        rank = numbered[1]
        if len(text) <= MAX_HEADING and not has_inner_sentence_end(text):
            return "heading", rank
        return "lead", rank
    if not is_last and len(text) <= MAX_PLAIN_HEADING and not has_punctuation(text) and not starts_point(text):
        return "heading", None
    return "body", None


def _lead_title(text: str) -> str:
    match = _LEAD_END.search(text)
    end = match.end() if match else len(text)
    if end > MAX_LEAD_TITLE:
        comma = text.rfind("，", 0, MAX_LEAD_TITLE)
        end = comma if comma > 8 else MAX_LEAD_TITLE
    return text[:end]


def structure_document(document: Document, *, headings: Mapping[int, int] | None = None) -> Document:
    """Fill ``sections`` and ``passages`` of ``document`` from its text (in place; also returned).

    Args:
        document: Any document; ``text`` is read, ``title``/``authors`` mark the front matter.
        headings: Heading levels given by the source format, keyed by the paragraph's start
            offset in ``document.text`` (1 = top level).

    Returns:
        The same document with sections (flattened heading tree, document order) and
        passages (``id``, offsets, section path, provisional role from the nearest heading
        that names one, ``role_source="heading"``).
    """
    headings = headings or {}
    paragraphs = _paragraphs(document.text)
    start = _front_matter_end(paragraphs, document)
    body = paragraphs[start:max(start, _back_matter_start(paragraphs))]
    kinds = [_heading_kind(p, headings.get(p.start), i == len(body) - 1) for i, p in enumerate(body)]
    numbered_ranks = [rank for kind, rank in kinds if kind != "body" and rank is not None and rank >= 0]
    plain_rank = max(1, min(numbered_ranks, default=2) - 1)

    sections: list[Section] = []
    passages: list[Passage] = []
    stack: list[tuple[int, Section]] = []
    counters: dict[str, int] = {}

    def open_section(rank: int, title: str, start: int, *, lead: bool = False) -> None:
        while stack and stack[-1][0] >= rank:
            stack.pop()[1].end = start
        parent = stack[-1][1] if stack else None
        key = parent.id if parent else ""
        counters[key] = counters.get(key, 0) + 1
        section_id = f"{parent.id}.{counters[key]}" if parent else f"s{counters[key]}"
        role = heading_role(title, at_end=lead) or (parent.role if parent else "other")
        section = Section(id=section_id, title=title, level=len(stack) + 1, start=start,
                          end=len(document.text), role=role)
        sections.append(section)
        stack.append((rank, section))

    for paragraph, (kind, rank) in zip(body, kinds):
        if kind == "heading":
            open_section(plain_rank if rank is None else rank, paragraph.text, paragraph.start)
            continue
        if kind == "lead":
            open_section(rank, _lead_title(paragraph.text), paragraph.start, lead=True)
        path = [section.title for _, section in stack]
        role = stack[-1][1].role if stack else "other"
        for start, end in split_paragraph(paragraph.text):
            begin = paragraph.start + start
            passages.append(Passage(
                id=f"{document.id}-p{len(passages) + 1:03d}", start=begin, end=paragraph.start + end,
                text=document.text[begin:paragraph.start + end], section=list(path), role=role,
                role_source="heading",
            ))
    text_end = body[-1].end if body else len(document.text)
    for _, section in stack:
        section.end = text_end
    for section in sections:
        section.end = min(section.end, text_end) if section.end > section.start else section.end
    document.sections = sections
    document.passages = passages
    LOGGER.debug("%s: %d sections, %d passages", document.id, len(sections), len(passages))
    return document
