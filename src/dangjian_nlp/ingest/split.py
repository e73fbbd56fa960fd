"""Layout analysis: reflow hard-wrapped lines into paragraphs and split compilations into essays.

Rules are about shape, not about particular files:

* **Hard wrapping.** When most lines share one display width (a PDF export), a line that
  fills the width continues in the next one; a short line, or a sentence end followed by an
  indented (two cells shorter) line or a numbered start, ends the paragraph. A leading
  half-width space marks the first line of a printed page.
* **Title blocks.** One to three title-shaped lines (no sentence inside, not numbered), an
  optional ``——`` subtitle and one to three author or organisation lines start an essay.
* **Indentation.** In unwrapped text, a first line whose leading whitespace carries a stray
  half-width space before the indent, or a title-shaped line standing unindented among
  indented paragraphs, starts an essay.
* **Front matter.** The leading title, subtitle, author, date and document-number lines of
  an essay give its ``title`` and ``authors``.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from dangjian_nlp.ingest.clean import Line
from dangjian_nlp.structure.headings import (
    SUBTITLE,
    ends_sentence,
    has_inner_sentence_end,
    has_punctuation,
    is_author_line,
    is_front_matter_line,
    is_title_shaped,
    numbering,
    starts_point,
)

LOGGER = logging.getLogger(__name__)

_STRAY_SPACE_INDENT = re.compile(r"^ +[\u3000\u2002-\u200a\t]")
MIN_WRAP_LINES = 12
WRAP_SAMPLE = 2000
"""Lines looked at to decide whether a text is hard-wrapped (the layout is uniform)."""
MIN_ESSAY_CHARS = 200
"""An indentation start needs at least this much text in the essay before it."""
MIN_TITLED_BODY = 60
"""A title block needs at least this much body text of its own."""
MIN_TITLE = 10
"""Shorter title lines over an organisation line are list entries (``内蒙古自治区``), not titles."""


def width(text: str) -> int:
    """Display width in half-width cells: ASCII counts 1, everything else 2.

    Non-ASCII characters that print narrow (é, ×) are rare in Chinese reports; counting
    them 2 keeps this a pair of C-level calls, which matters on 10 M characters.
    """
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


@dataclass(slots=True)
class Paragraph:
    """A reflowed paragraph of one essay.

    Attributes:
        text: The paragraph text.
        kind: ``title``, ``subtitle``, ``author`` or ``body``.
        heading: Heading level stated by the source format, if any.
    """

    text: str
    kind: str = "body"
    heading: int | None = None


@dataclass(slots=True)
class Essay:
    """One essay cut from a file: its paragraphs and what its front matter says."""

    paragraphs: list[Paragraph]
    title: str = ""
    authors: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


def wrap_width(lines: list[Line]) -> int | None:
    """The width a hard-wrapped text is wrapped at, or None when lines are paragraphs.

    A text is hard-wrapped when at least half of its non-blank lines lie within a few cells
    of the most common width and that width is at least 24 cells.
    """
    widths = [width(line.text) for line in lines[:WRAP_SAMPLE] if line.text]
    if len(widths) < MIN_WRAP_LINES:
        return None
    counts = Counter(widths)
    mode = max(counts, key=lambda w: (counts[w], w))
    if mode < 24:
        return None
    near = sum(count for w, count in counts.items() if mode - 6 <= w <= mode + 2)
    return mode if near >= 0.5 * len(widths) else None


def _page_start(line: Line) -> bool:
    return line.lead.startswith(" ")


def _title_block_at(lines: list[Line], author: int, wrapped: int | None) -> tuple[int, list[int], list[int]] | None:
    """Title and subtitle line indexes ending just before the author line ``author``."""
    index = author - 1
    subtitles: list[int] = []
    titles: list[int] = []
    while index >= 0 and not lines[index].text:
        index -= 1
    while index >= 0 and len(subtitles) < 2 and SUBTITLE.match(lines[index].text):
        subtitles.insert(0, index)
        index -= 1
        while index >= 0 and not lines[index].text:
            index -= 1
    while index >= 0 and len(titles) < 3:
        line = lines[index]
        if not line.text:
            if wrapped:
                break
            index -= 1
            continue
        if not is_title_shaped(line.text) or is_author_line(line.text):
            break
        titles.insert(0, index)
        if wrapped and _page_start(line):
            break
        previous = _previous_text(lines, index)
        if previous is None or _closes_block(previous) or not wrapped:
            break
        index -= 1
    if not titles or len("".join(lines[i].text for i in titles)) < MIN_TITLE:
        return None
    previous = _previous_text(lines, titles[0])
    if not (wrapped and _page_start(lines[titles[0]])) and previous is not None and not _closes_block(previous):
        return None
    return titles[0], titles, subtitles


def _previous_text(lines: list[Line], index: int) -> str | None:
    index -= 1
    while index >= 0 and not lines[index].text:
        index -= 1
    return lines[index].text if index >= 0 else None


def _closes_block(text: str) -> bool:
    """True for a line after which a new essay may start: a sentence end or a signature line."""
    return ends_sentence(text) or is_author_line(text) or is_front_matter_line(text)


@dataclass(slots=True)
class _Boundary:
    start: int
    titles: list[int] = field(default_factory=list)
    subtitles: list[int] = field(default_factory=list)
    authors: list[int] = field(default_factory=list)


def find_boundaries(lines: list[Line], *, wrapped: int | None) -> list[_Boundary]:
    """Line indexes where essays start, with the lines of their title blocks.

    Text before the first start is an essay of its own (starting at line 0).

    ``wrapped`` is the wrap width of a hard-wrapped text (None otherwise); there an author
    line must be shorter than the width, since a full line is wrapped body text.
    """
    boundaries: dict[int, _Boundary] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.text and is_author_line(line.text) and (not wrapped or width(line.text) < wrapped - 6):
            block = _title_block_at(lines, index, wrapped)
            if block is not None:
                start, titles, subtitles = block
                authors = [index]
                following = index + 1
                while following < len(lines) and len(authors) < 3:
                    if not lines[following].text:
                        following += 1
                        continue
                    if not is_author_line(lines[following].text):
                        break
                    authors.append(following)
                    following += 1
                boundaries[start] = _Boundary(start, titles, subtitles, authors)
                index = authors[-1] + 1
                continue
        index += 1
    if not wrapped:
        for start in _indentation_starts(lines):
            boundaries.setdefault(start, _Boundary(start))
    if 0 not in boundaries and any(line.text for line in lines[: min(boundaries, default=len(lines))]):
        boundaries[0] = _Boundary(0)
    ordered = [boundaries[key] for key in sorted(boundaries)]
    return _drop_short_essays(lines, ordered)


def _indentation_starts(lines: list[Line]) -> list[int]:
    """Essay starts marked by indentation in unwrapped text."""
    content = [i for i, line in enumerate(lines) if line.text]
    indented = sum(1 for i in content if lines[i].lead)
    mostly_indented = len(content) >= 3 and indented >= 0.6 * len(content)
    stray, unindented = [], []
    for position, index in enumerate(content):
        line = lines[index]
        previous = lines[content[position - 1]] if position > 0 else None
        following = lines[content[position + 1]] if position + 1 < len(content) else None
        if _STRAY_SPACE_INDENT.match(line.lead) and (previous is None or previous.lead != line.lead) \
                and (following is None or following.lead != line.lead):
            stray.append(index)
        elif mostly_indented and not line.lead and previous is not None and following is not None \
                and previous.lead and following.lead and len(line.text) >= MIN_TITLE and is_title_shaped(line.text):
            unindented.append(index)
    # An unindented title line starts an essay only in a file already shown to be a compilation
    # (stray-indent starts) and only when such lines are rare; otherwise they are section headings.
    if stray and len(unindented) <= len(stray) // 2:
        return sorted(stray + unindented)
    return stray


def _drop_short_essays(lines: list[Line], boundaries: list[_Boundary]) -> list[_Boundary]:
    """Ignore starts that would leave an essay shorter than ``MIN_ESSAY_CHARS``.

    An indentation start needs the essay before it to be long enough; a title block needs a
    body of its own after the author lines (a closing ``附：…`` line over a signature is not
    an essay).
    """
    kept: list[_Boundary] = []
    for position, boundary in enumerate(boundaries):
        end = boundaries[position + 1].start if position + 1 < len(boundaries) else len(lines)
        if boundary.titles:
            body = sum(len(line.text) for line in lines[boundary.authors[-1] + 1:end])
            if body >= MIN_TITLED_BODY or not kept:
                kept.append(boundary)
            else:
                LOGGER.debug("ignored title block at line %d (only %d chars follow)", boundary.start, body)
            continue
        if not kept:
            kept.append(boundary)
            continue
        size = sum(len(line.text) for line in lines[kept[-1].start:boundary.start])
        if size >= MIN_ESSAY_CHARS:
            kept.append(boundary)
        else:
            LOGGER.debug("ignored essay start at line %d (previous essay only %d chars)", boundary.start, size)
    return kept


def _join(left: str, right: str) -> str:
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


def _is_heading_like(line: Line) -> bool:
    """A line that cannot continue into the next one: a heading, or a short line without a sentence."""
    text = line.text
    if line.heading is not None:
        return True
    if numbering(text) and not has_inner_sentence_end(text) and len(text) <= 40:
        return True
    return len(text) <= 30 and not has_inner_sentence_end(text) and not text.endswith(("，", "、", ","))


def _starts_block(text: str) -> bool:
    return bool(numbering(text)) or starts_point(text)


def reflow(lines: list[Line], *, wrap: int | None) -> list[Paragraph]:
    """Join the lines of one essay body into paragraphs.

    Args:
        lines: Lines of the essay body (blank lines included).
        wrap: The wrap width of a hard-wrapped text, or None.

    Returns:
        Paragraphs in order; nothing of the lines' text is lost.
    """
    paragraphs: list[Paragraph] = []
    current: Line | None = None
    text = ""
    for line in lines:
        if not line.text:
            continue
        if current is None:
            current, text = line, line.text
            continue
        if _breaks(current, line, wrap):
            paragraphs.append(Paragraph(text, heading=current.heading))
            current, text = line, line.text
        else:
            text = _join(text, line.text)
            current = Line(line.text, line.lead, current.heading)
    if current is not None:
        paragraphs.append(Paragraph(text, heading=current.heading))
    return paragraphs


def _heading_shaped(text: str) -> bool:
    """A numbered line without clause punctuation (一、…的表现): a heading, not wrapped body text.

    Body lines of a hard-wrapped text carry commas or run to the full width, so such a line
    ends its paragraph when a sub-heading or a full body line follows, even a few cells short
    of the width.
    """
    return bool(numbering(text)) and not has_inner_sentence_end(text) \
        and not any(mark in text[2:] for mark in "，、,；：")  # [2:]: past the 一、 of the numbering


def _breaks(previous: Line, following: Line, wrap: int | None) -> bool:
    """True when a paragraph ends between ``previous`` and ``following``."""
    if previous.heading is not None or following.heading is not None:
        return True
    if wrap is not None:
        previous_width = width(previous.text)
        if ends_sentence(previous.text):
            if previous_width < wrap - 2 or _starts_block(following.text):
                return True
            return wrap - 6 <= width(following.text) <= wrap - 3 and not _page_start(following)
        if _heading_shaped(previous.text) and (
                numbering(following.text) or (previous_width < wrap - 2 and width(following.text) >= wrap - 6)):
            return True  # a numbered heading, then a sub-heading or a full body line
        return previous_width < wrap - 6
    if ends_sentence(previous.text) or _starts_block(following.text):
        return True
    if _is_heading_like(previous):
        return True
    return not has_punctuation(previous.text)


def split_essays(lines: list[Line]) -> list[Essay]:
    """Cut the cleaned lines of one file into essays with their paragraphs and front matter."""
    wrap = wrap_width(lines)
    boundaries = find_boundaries(lines, wrapped=wrap)
    essays: list[Essay] = []
    for position, boundary in enumerate(boundaries):
        end = boundaries[position + 1].start if position + 1 < len(boundaries) else len(lines)
        essays.append(_essay(lines, boundary, end, wrap))
    return _merge_headless(essays)


def _essay(lines: list[Line], boundary: _Boundary, end: int, wrap: int | None) -> Essay:
    paragraphs: list[Paragraph] = []
    if boundary.titles:
        title = "".join(lines[i].text for i in boundary.titles)
        paragraphs.append(Paragraph(title, "title"))
        paragraphs.extend(Paragraph(lines[i].text, "subtitle") for i in boundary.subtitles)
        paragraphs.extend(Paragraph(lines[i].text, "author") for i in boundary.authors)
        body_start = boundary.authors[-1] + 1
    else:
        body_start = boundary.start
    paragraphs.extend(reflow(lines[body_start:end], wrap=wrap))
    essay = Essay(paragraphs)
    read_front_matter(essay)
    return essay


def _merge_headless(essays: list[Essay]) -> list[Essay]:
    """A leading fragment without a single sentence (a compilation header) joins the next essay."""
    if len(essays) > 1 and not essays[0].title and not any(
            ends_sentence(p.text) and len(p.text) >= 30 for p in essays[0].paragraphs):
        first, second = essays[0], essays[1]
        second.paragraphs[:0] = first.paragraphs
        read_front_matter(second)
        return essays[1:]
    return essays


def read_front_matter(essay: Essay, *, limit: int = 8) -> None:
    """Fill ``title``, ``authors`` and ``meta`` from the essay's leading paragraphs.

    Paragraphs already marked ``title``/``subtitle``/``author`` by a title block are taken as
    they are; otherwise the leading title-shaped, author, date and document-number lines are.
    """
    title_parts: list[str] = []
    authors: list[str] = []
    meta: dict[str, Any] = {}
    for paragraph in essay.paragraphs[:limit]:
        text = paragraph.text
        if paragraph.kind in {"title", "subtitle"}:
            title_parts.append(text)
        elif paragraph.kind == "author":
            authors.append(text)
        elif paragraph.kind == "front":
            continue
        elif is_author_line(text) and (title_parts or not authors) and len(text) <= 40:
            paragraph.kind = "author"
            authors.append(text)
        elif is_front_matter_line(text):
            paragraph.kind = "front"
            key = "doc_number" if text.endswith("号") else "date"
            meta.setdefault(key, text.strip("()（） "))
        elif title_parts and SUBTITLE.match(text) and len(text) <= 60:
            paragraph.kind = "subtitle"
            title_parts.append(text)
        elif not title_parts and is_title_shaped(text, min_len=6, max_len=80):
            paragraph.kind = "title"
            title_parts.append(text)
        else:
            break
    essay.title = "".join(title_parts)
    essay.authors = authors
    essay.meta.update(meta)

