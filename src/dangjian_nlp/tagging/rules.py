"""The transparent rule layer: roles from headings and wording, labels from codebook cues.

A passage's role comes from (in order of strength) its own heading (``二、…的原因``), the
heading role passed in by the caller (the enclosing section), the role cues of its body, and
its style: a passage (or a whole document) that reports what was done without prescribing
leans to ``experience``; a passage with no role evidence at all is ``other``.
A label's rule score is ``1 - Π(1 - weight)`` over the distinct, non-negated cues of the label
found in the passage; labels are kept when the score reaches ``threshold`` and the role allows
them (problem labels on problem/cause passages, countermeasure labels on measure/experience
passages). Every tag carries the sentences its cues stand in.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dangjian_nlp.segment import normalize_keep_offsets
from dangjian_nlp.tagging.base import SCORE_DIGITS, PassageTags, Tagger, TagRequest, register_tagger
from dangjian_nlp.tagging.codebook import QUOTES, Codebook, load_codebook
from dangjian_nlp.tagging.features import document_style, style
from dangjian_nlp.tagging.matching import Batch, Hit, find_cue_weights, find_hits, sentence_spans
from dangjian_nlp.types import ROLES, Evidence, Tag

LOGGER = logging.getLogger(__name__)

PROBLEM_ROLES = frozenset({"problem", "cause"})
MEASURE_ROLES = frozenset({"measure", "experience"})
RULE_THRESHOLD = 0.5
MAX_EVIDENCE = 2
HEADING_CHARS = 32
"""How far after a numbering mark a heading may run when no punctuation ends it first."""

HEADING_MARK = re.compile(
    r"^\s*(?:(?P<l1>[一二三四五六七八九十]{1,3}[、.．])"
    r"|(?P<l2>[（(][一二三四五六七八九十]{1,3}[）)])"
    r"|(?P<l3>(?:\d{1,2}[.．、](?!\d))|[（(]\d{1,2}[）)])"
    r"|(?P<l4>(?:[一二三四五六七八九十][是要]|第[一二三四五六七八九十][，,、是]|首先|其次|再次|最后)))"
)
_HEADING_END = re.compile(r"[。：:！？!?；;\n]|[（(][一二三四五六七八九十\d]{1,3}[）)]|(?<![\d.])\d{1,2}[.．、](?!\d)"
                          r"|[一二三四五六七八九十]是")
"""Where heading words stop: sentence punctuation, or a nested numbering mark glued to the heading."""
_STRIP_QUOTES = str.maketrans("", "", QUOTES)

# Role scoring weights: a passage's own heading by level (一、 / （一） / 1. and 一是), the
# heading role given by the caller or inherited from the headings before it, and body cues
# (summed weights, capped, scaled).
TOP_HEADING_WEIGHT = 3.0
SUB_HEADING_WEIGHT = 1.5
POINT_HEADING_WEIGHT = 1.0
GIVEN_HEADING_WEIGHT = 2.0
BODY_SCALE = 0.6
BODY_CAP = 3.0
REPORTING_BONUS = 0.5
"""Added to ``experience`` when no sentence prescribes (no modal verb) and some report what was done."""
PRESCRIBING_BONUS = 0.3
"""Added to ``measure`` when at least half the sentences carry a modal verb (要, 应当, 必须 …)."""
REPORT_GENRE_MODAL = 0.12
REPORT_GENRE_BONUS = 1.0
"""A document in which under ``REPORT_GENRE_MODAL`` of the sentences prescribe is a report of
practice (经验材料): its passages lean to ``experience`` by ``REPORT_GENRE_BONUS``."""
NO_EVIDENCE_OTHER = 1.0
"""Score of ``other`` for a passage with no role evidence at all (a dateline, 同志们：)."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A numbering mark at the start of a passage and the heading words after it.

    Attributes:
        level: 1 for 一、, 2 for （一）, 3 for 1. / (1), 4 for 一是 / 首先.
        start: Offset of the heading words (after the mark).
        end: End of the heading words.
    """

    level: int
    start: int
    end: int


def find_heading(text: str) -> Heading | None:
    """The numbered heading a passage opens with, if any."""
    match = HEADING_MARK.match(text)
    if not match:
        return None
    level = int(next(name for name, value in match.groupdict().items() if value)[1])
    start = match.end()
    stop = _HEADING_END.search(text, start, start + HEADING_CHARS)
    end = stop.start() if stop else min(len(text), start + HEADING_CHARS)
    return Heading(level=level, start=start, end=end)


def heading_role_weight(codebook: Codebook, heading_text: str) -> tuple[str | None, float]:
    """The role a heading's wording announces and the cue's weight; ``(None, 0.0)`` for none.

    The last role cue in the heading wins: ``二、…存在“两张皮”现象的原因`` is ``cause``,
    ``三、破解…问题的对策`` is ``measure``.
    """
    text = normalize_keep_offsets(heading_text).translate(_STRIP_QUOTES)
    best: tuple[int, float, str] | None = None
    for role in codebook.roles:
        for cue in role.heading_cues:
            for match in cue.pattern.finditer(text):
                key = (match.end(), cue.weight, role.id)
                if best is None or key[:2] > best[:2]:
                    best = key
    return (best[2], best[1]) if best else (None, 0.0)


def heading_role(codebook: Codebook, heading_text: str) -> str | None:
    """The role a heading's wording announces, or ``None`` (see :func:`heading_role_weight`)."""
    return heading_role_weight(codebook, heading_text)[0]


def score_roles(codebook: Codebook, text: str, role_cues: dict[tuple[str, str], float], *, given_role: str | None,
                heading: Heading | None, document_modal: float | None = None,
                passage_style: tuple[float, float] | None = None) -> tuple[dict[str, float], str | None]:
    """Role scores from the passage's own heading, the caller's heading role and body cues.

    A top-level heading (``二、…的原因``) outweighs the inherited role; a lower-level heading's
    wording counts less than the section it sits in, because sub-points of a cause section are
    usually phrased like problems. Body cues add ``BODY_SCALE`` × their summed weights, capped.

    Returns:
        ``(scores by role, role announced by the passage's own heading or None)``.
    """
    scores = {role: 0.0 for role in ROLES}
    own, own_weight = heading_role_weight(codebook, text[heading.start:heading.end]) if heading else (None, 0.0)
    if own is not None and heading is not None:
        level_weight = {1: TOP_HEADING_WEIGHT, 2: SUB_HEADING_WEIGHT}.get(heading.level, POINT_HEADING_WEIGHT)
        scores[own] += own_weight * level_weight
    if given_role in scores:
        scores[given_role] += GIVEN_HEADING_WEIGHT
    body = {role: 0.0 for role in ROLES}
    for (role, _), weight in role_cues.items():
        body[role] += weight
    for role in ROLES:
        scores[role] += min(body[role], BODY_CAP) * BODY_SCALE
    if document_modal is not None and document_modal < REPORT_GENRE_MODAL:
        scores["experience"] += REPORT_GENRE_BONUS
    modal, perfective = passage_style if passage_style is not None else style(text)
    if modal == 0.0 and perfective > 0.0:
        scores["experience"] += REPORTING_BONUS
    elif modal >= 0.5:
        scores["measure"] += PRESCRIBING_BONUS
    if max(scores.values()) <= 0.0:
        scores["other"] = NO_EVIDENCE_OTHER
    return scores, own


def pick_role(scores: dict[str, float]) -> str:
    """The best-scoring role; ties go to the earlier role in ``ROLES``; nothing scored is ``other``."""
    best = max(ROLES, key=lambda role: (scores[role], -ROLES.index(role)))
    return best if scores[best] > 0 else "other"


def label_scores(hits: Sequence[Hit]) -> dict[str, tuple[float, list[Hit]]]:
    """Per label: ``1 - Π(1 - w)`` over its distinct cues, and the hits (strongest cue first).

    A hit inside a longer hit of the same label does not count again (人民群众 and 群众 are one
    mention, not two).
    """
    by_label: dict[str, list[Hit]] = {}
    for hit in hits:
        by_label.setdefault(hit.label, []).append(hit)
    result = {}
    for label, label_hits in by_label.items():
        kept: list[Hit] = []
        for hit in sorted(label_hits, key=lambda h: (-(h.end - h.start), h.start, h.cue)):
            if not any(k.start <= hit.start and hit.end <= k.end for k in kept):
                kept.append(hit)
        cues: dict[str, Hit] = {}
        for hit in kept:
            if hit.cue not in cues or hit.weight > cues[hit.cue].weight:
                cues[hit.cue] = hit
        miss = 1.0
        for hit in cues.values():
            miss *= 1.0 - hit.weight
        ordered = sorted(cues.values(), key=lambda h: (-h.weight, h.start, h.cue))
        result[label] = (1.0 - miss, ordered)
    return result


def evidence_for(text: str, hits: Sequence[Hit], *, limit: int = MAX_EVIDENCE) -> list[Evidence]:
    """The sentences holding the strongest hits (at most ``limit``), in text order."""
    spans = sentence_spans(text)
    chosen: dict[tuple[int, int], str] = {}
    for hit in hits:
        span = next(((s, e) for s, e in spans if s <= hit.start < e), (hit.start, hit.end))
        if span not in chosen:
            chosen[span] = hit.cue
        if len(chosen) >= limit:
            break
    return [Evidence(start, end, text[start:end], cue) for (start, end), cue in sorted(chosen.items())]


def make_tags(text: str, scored: dict[str, tuple[float, list[Hit]]], ids: Sequence[str], *,
              threshold: float, source: str = "rule") -> list[Tag]:
    """Tags for the labels in ``ids`` whose score reaches ``threshold``, sorted by id."""
    tags = []
    for label in sorted(ids):
        if label in scored and scored[label][0] >= threshold:
            score, hits = scored[label]
            tags.append(Tag(id=label, score=round(score, SCORE_DIGITS), evidence=evidence_for(text, hits),
                            source=source))
    return tags


@dataclass(slots=True)
class RuleAnalysis:
    """Everything the rule layer found in one passage (the hybrid tagger reuses it).

    Attributes:
        role_scores: Rule score per role.
        own_heading_role: Role announced by the passage's own heading.
        role: The rule layer's role.
        role_source: ``heading`` or ``text``.
        labels: Per label id: score and hits (strongest first).
        clean: The passage normalised, without quotes and spaces (for the n-gram features).
        lead_end: End of the passage's opening sentence (or of its numbered heading).
        style: Share of sentences with modal verbs / perfective wording (``features.style``).
        document_style: The same, averaged over the passage's document.
        in_scope: Whether labels may be given (see ``Codebook.scope``).
    """

    role_scores: dict[str, float]
    own_heading_role: str | None
    role: str
    role_source: str
    labels: dict[str, tuple[float, list[Hit]]]
    clean: str = ""
    lead_end: int = 0
    style: tuple[float, float] = (0.0, 0.0)
    document_style: tuple[float, float] = (0.0, 0.0)
    in_scope: bool = True


def lead_end(text: str, heading: Heading | None) -> int:
    """End of the opening sentence, or of the numbered heading when that ends first."""
    spans = sentence_spans(text)
    end = spans[0][1] if spans else len(text)
    return min(end, heading.end) if heading is not None and heading.end > heading.start else end


def in_scope(codebook: Codebook, requests: Sequence[TagRequest]) -> list[bool]:
    """Per passage: may it carry labels? Always, unless the codebook has a scope and the
    passage's document (consecutive requests of one document) is below the scope density and
    the passage itself has no scope word. Lone passages (no document) are always in scope."""
    if codebook.scope is None:
        return [True] * len(requests)
    totals: dict[str, list[int]] = {}
    own = [bool(codebook.scope.search(request.text)) for request in requests]
    for request in requests:
        if request.document is not None:
            acc = totals.setdefault(request.document, [0, 0])
            acc[0] += len(codebook.scope.findall(request.text))
            acc[1] += len(request.text)
    result = []
    for request, has_scope_word in zip(requests, own):
        if request.document is None or has_scope_word:
            result.append(True)
            continue
        hits, chars = totals[request.document]
        result.append(hits * 1000 >= codebook.scope_per_1000_chars * max(chars, 1))
    return result


def analyse(codebook: Codebook, requests: Sequence[TagRequest]) -> list[RuleAnalysis]:
    """Run the rule layer over many passages at once."""
    batch = Batch([request.text for request in requests])
    role_hits = find_cue_weights(batch, codebook.roles)
    label_hits = find_hits(batch, (*codebook.problems, *codebook.measures), negators=codebook.negators)
    styles = [style(request.text) for request in requests]
    doc_styles = document_style(styles, [request.document for request in requests])
    scoped = in_scope(codebook, requests)
    results = []
    for index, (request, roles_found, labels_found) in enumerate(zip(requests, role_hits, label_hits)):
        heading = find_heading(request.text)
        document_modal = doc_styles[index][0] if request.document is not None else None
        scores, own = score_roles(codebook, request.text, roles_found, given_role=request.heading_role,
                                  heading=heading, document_modal=document_modal, passage_style=styles[index])
        role = pick_role(scores)
        from_heading = role in (own, request.heading_role)
        results.append(RuleAnalysis(scores, own, role, "heading" if from_heading else "text",
                                    label_scores(labels_found), "".join(batch.stripped_text(index).split()),
                                    lead_end(request.text, heading), styles[index], doc_styles[index],
                                    scoped[index]))
    return results


@register_tagger("rules")
class RuleTagger(Tagger):
    """Codebook cues and heading patterns only: transparent, no trained model."""

    name = "rules"

    def __init__(self, *, codebook: Codebook | None = None, threshold: float = RULE_THRESHOLD) -> None:
        self.codebook = codebook or load_codebook()
        self.threshold = threshold

    def tag_many(self, requests: Sequence[TagRequest]) -> list[PassageTags]:
        """Tag many passages; see :meth:`Tagger.tag`."""
        out = []
        for request, analysis in zip(requests, analyse(self.codebook, requests)):
            problems = measures = []
            if not analysis.in_scope:
                pass
            elif analysis.role in PROBLEM_ROLES:
                problems = make_tags(request.text, analysis.labels, self.codebook.problem_ids,
                                     threshold=self.threshold)
            elif analysis.role in MEASURE_ROLES:
                measures = make_tags(request.text, analysis.labels, self.codebook.measure_ids,
                                     threshold=self.threshold)
            out.append(PassageTags(analysis.role, analysis.role_source, problems, measures))
        return out
