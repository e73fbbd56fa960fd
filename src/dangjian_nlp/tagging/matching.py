"""Cue matching over many texts at once, with offsets back into the original texts.

Texts are normalised per character (NFKC, length kept), joined with newlines (cues never
cross a newline) and stripped of quotation marks, so each compiled cue scans the whole batch
once. Hits are mapped back to ``(text index, start, end)`` in the original texts.
"""

from __future__ import annotations

import bisect
import logging
import re

import numpy as np
from collections.abc import Sequence
from dataclasses import dataclass

from dangjian_nlp.segment import normalize_keep_offsets
from dangjian_nlp.tagging.codebook import QUOTES, Label

LOGGER = logging.getLogger(__name__)

_QUOTE_RE = re.compile("[" + re.escape(QUOTES) + "]")
_CLAUSE_BREAK = re.compile(r"[，,。；;！？!?：:\n]")
NEGATION_WINDOW = 8
"""How many characters before a cue (inside its clause) a negator may stand."""
_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*")


@dataclass(frozen=True, slots=True)
class Hit:
    """One cue of one label found in one text.

    Attributes:
        label: Label id.
        cue: The cue as written in the codebook.
        weight: The cue's weight.
        start: Offset in the original text.
        end: End offset (exclusive) in the original text.
        goal: The cue names the label only as an aim (see ``codebook.Cue.goal``).
    """

    label: str
    cue: str
    weight: float
    start: int
    end: int
    goal: bool = False


class Batch:
    """Many texts prepared for cue matching (normalised, joined, quotes removed)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        joined = "\n".join(normalize_keep_offsets(text) for text in self.texts)
        # Positions (in the joined text) of removed quotes, and of each text's start.
        self._removed = [m.start() for m in _QUOTE_RE.finditer(joined)]
        self.stripped = _QUOTE_RE.sub("", joined) if self._removed else joined
        self._starts = []
        offset = 0
        for text in self.texts:
            self._starts.append(offset)
            offset += len(text) + 1
        # Removed-quote positions expressed in stripped coordinates, for the back-mapping.
        self._removed_stripped = [pos - index for index, pos in enumerate(self._removed)]
        self.stripped_starts = np.array(
            [start - bisect.bisect_left(self._removed, start) for start in self._starts], dtype=np.int64)

    def stripped_text(self, index: int) -> str:
        """Text ``index`` as matched: normalised, quotes removed."""
        start = int(self.stripped_starts[index])
        end = int(self.stripped_starts[index + 1]) - 1 if index + 1 < len(self.texts) else len(self.stripped)
        return self.stripped[start:end]

    def to_joined(self, stripped_pos: int, *, is_end: bool = False) -> int:
        """Map a position in the stripped text back to the joined original text."""
        if not self._removed:
            return stripped_pos
        if is_end:
            shift = bisect.bisect_left(self._removed_stripped, stripped_pos)
        else:
            shift = bisect.bisect_right(self._removed_stripped, stripped_pos)
        return stripped_pos + shift

    def locate(self, joined_pos: int) -> tuple[int, int]:
        """``(text index, offset in that text)`` of a position in the joined text."""
        index = bisect.bisect_right(self._starts, joined_pos) - 1
        return index, joined_pos - self._starts[index]

    def negated(self, stripped_start: int, negators: Sequence[str]) -> bool:
        """True when a negator stands shortly before ``stripped_start`` in the same clause."""
        window_start = max(0, stripped_start - NEGATION_WINDOW)
        window = self.stripped[window_start:stripped_start]
        breaks = list(_CLAUSE_BREAK.finditer(window))
        if breaks:
            window = window[breaks[-1].end():]
        return any(neg in window for neg in negators)


def find_hits(batch: Batch, labels: Sequence[Label], *, negators: Sequence[str] = (),
              heading: bool = False) -> list[list[Hit]]:
    """Every non-negated cue hit of ``labels`` in each text of ``batch``.

    Args:
        batch: The prepared texts.
        labels: Labels whose cues to match.
        negators: Words that cancel a cue shortly after them in the same clause.
        heading: Match the labels' ``heading_cues`` instead of their body cues.

    Returns:
        One list of hits per text, sorted by (start, label, cue).
    """
    per_text: list[list[Hit]] = [[] for _ in batch.texts]
    stripped = batch.stripped
    for label in labels:
        for cue in (label.heading_cues if heading else label.cues):
            for match in cue.pattern.finditer(stripped):
                if negators and batch.negated(match.start(), negators):
                    continue
                start = batch.to_joined(match.start())
                end = batch.to_joined(match.end(), is_end=True)
                index, local_start = batch.locate(start)
                per_text[index].append(Hit(label.id, cue.text, cue.weight, local_start,
                                           local_start + (end - start), cue.goal))
    for hits in per_text:
        hits.sort(key=lambda hit: (hit.start, hit.label, hit.cue))
    return per_text


def find_cue_weights(batch: Batch, labels: Sequence[Label]) -> list[dict[tuple[str, str], float]]:
    """Per text, the cues of ``labels`` found in it: ``{(label id, cue): weight}`` (no positions,
    no negation: what role scoring needs, much faster than :func:`find_hits` on long batches)."""
    per_text: list[dict[tuple[str, str], float]] = [{} for _ in batch.texts]
    starts = batch.stripped_starts
    for label in labels:
        for cue in label.cues:
            positions = [match.start() for match in cue.pattern.finditer(batch.stripped)]
            if not positions:
                continue
            key = (label.id, cue.text)
            for index in set(np.searchsorted(starts, positions, side="right").tolist()):
                per_text[index - 1][key] = cue.weight
    return per_text


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text`` (ends at 。！？； or a newline), spaces trimmed."""
    spans = []
    for match in _SENTENCE_RE.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans
