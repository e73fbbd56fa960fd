"""Cutting paragraphs into passages: numbered points inside a paragraph, long ones at sentence ends."""

from __future__ import annotations

import logging
import re

from dangjian_nlp.structure.headings import CLOSERS, POINT, SENTENCE_END

LOGGER = logging.getLogger(__name__)

MAX_PASSAGE = 400
"""A passage longer than this is split at sentence ends."""
TARGET_PASSAGE = 220
"""Sentence-end splitting closes a passage once it reaches this length."""
MIN_PIECE = 6
"""Pieces shorter than this are merged with a neighbour."""

_INLINE_POINT = re.compile(
    rf"(?<=[。；;！？!?：:{re.escape(CLOSERS)}])\s*(?=(?:{POINT.pattern}|[一二三四五六七八九十]{{1,2}}、"
    rf"|[（(]\s?(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s?[）)]"
    r"|\d{1,2}[、．]|\d{1,2}\.(?!\d)|[①-⑳]))"
)
_SENTENCE = re.compile(rf"[^{SENTENCE_END}]*(?:[{SENTENCE_END}]+[{re.escape(CLOSERS)}]*|$)")


def point_starts(text: str) -> list[int]:
    """Offsets in ``text`` where an inline numbered point starts (after a sentence end or colon).

    Only enumerations count: a single marker is not split off.
    """
    starts = [match.end() for match in _INLINE_POINT.finditer(text) if 0 < match.end() < len(text)]
    return starts if len(starts) >= 2 or (starts and text[:1] and POINT.match(text)) else []


def sentence_chunks(text: str, *, target: int = TARGET_PASSAGE, limit: int = MAX_PASSAGE) -> list[int]:
    """Cut offsets that split ``text`` at sentence ends into chunks of about ``target`` characters."""
    if len(text) <= limit:
        return []
    cuts: list[int] = []
    begin = 0
    for match in _SENTENCE.finditer(text):
        end = match.end()
        if end - begin >= target and len(text) - end >= MIN_PIECE * 2:
            cuts.append(end)
            begin = end
    return cuts


def split_paragraph(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the passages of one paragraph, covering all its text.

    Example:
        >>> text = "原因主要有两个方面。一是思想认识不到位，重业务轻党建。二是方式方法不对路，载体单一。"
        >>> [text[s:e] for s, e in split_paragraph(text)]
        ['原因主要有两个方面。', '一是思想认识不到位，重业务轻党建。', '二是方式方法不对路，载体单一。']
    """
    cuts = sorted(set(point_starts(text)))
    bounds = [0, *cuts, len(text)]
    spans: list[tuple[int, int]] = []
    for start, end in zip(bounds, bounds[1:]):
        piece = text[start:end]
        inner = sentence_chunks(piece)
        piece_bounds = [0, *inner, len(piece)]
        spans.extend((start + a, start + b) for a, b in zip(piece_bounds, piece_bounds[1:]))
    spans = _merge_small(text, spans)
    return [_trim(text, start, end) for start, end in spans if text[start:end].strip()]


def _merge_small(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (len(text[start:end].strip()) < MIN_PIECE or len(text[merged[-1][0]:merged[-1][1]].strip()) < MIN_PIECE):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
