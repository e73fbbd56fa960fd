"""The transparent rule layer: roles from headings and wording, labels from codebook cues.

A passage's role comes from (in order of strength) its own heading (``二、…的原因``), the
heading role passed in by the caller (the enclosing section), the role cues of its body, and
its style: a passage (or a whole document) that reports what was done without prescribing
leans to ``experience``; a passage with no role evidence at all is ``other``.
A label's rule score is ``1 - Π(1 - weight)`` over the distinct, non-negated cues of the label
found in the passage; labels are kept when the score reaches ``threshold`` and the role allows
them (problem labels on problem/cause passages, countermeasure labels on measure/experience
passages). A countermeasure the passage names only once in passing (one cue, after its lead,
in a passage of more than two sentences) keeps a share of its score below the threshold
(:func:`weigh_salience`). Every tag carries the sentences its cues stand in, those of the lead
first.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dangjian_nlp.segment import normalize_keep_offsets, traditional_to_simplified
from dangjian_nlp.tagging.base import SCORE_DIGITS, PassageTags, Tagger, TagRequest, register_tagger
from dangjian_nlp.tagging.codebook import QUOTES, Codebook, load_codebook
from dangjian_nlp.tagging.features import document_style, style
from dangjian_nlp.tagging.matching import Batch, Hit, find_cue_weights, find_hits, sentence_spans
from dangjian_nlp.types import ROLES, Evidence, Tag

LOGGER = logging.getLogger(__name__)

PROBLEM_ROLES = frozenset({"problem", "cause"})
MEASURE_ROLES = frozenset({"measure", "experience"})
RULE_THRESHOLD = 0.5
GOAL_ONLY_SHARE = 0.4
"""What is left of a goal-only label's score when another label of its kind is found."""
MAX_EVIDENCE = 2
PASSING_MEASURE_SHARE = 0.4
PASSING_PROBLEM_SHARE = 1.0
"""What is left of a label's score when the passage names it only once, in passing (see
:func:`weigh_salience`). Below ``RULE_THRESHOLD`` even for a full cue: a countermeasure label
needs a cue in the lead, two distinct cues in the body, or the section heading naming it.
Grouped CV (measure micro-F1, hybrid): 0.742 at 0.5 and 0.4 against 0.722 without; for problems
no share below 1 helped consistently (problem points are short and name one failing each)."""
SHORT_PASSAGE_SENTENCES = 2
"""A passage of at most this many sentences is all lead for :func:`weigh_salience`: whatever it
names, it talks about (an aim named in its second sentence is still only an aim)."""
HEADING_CHARS = 32
"""How far after a numbering mark a heading may run when no punctuation ends it first."""

HEADING_MARK = re.compile(
    r"^\s*(?:(?P<l1>[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十百零]{1,4}[章条](?=\s))"
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
REPORT_GENRE_PERFECTIVE = 0.1
"""A document in which under ``REPORT_GENRE_MODAL`` of the sentences prescribe and at least
``REPORT_GENRE_PERFECTIVE`` report what was done (…了, 已, figures) is a report of practice
(经验材料): its passages lean to ``experience`` by ``REPORT_GENRE_BONUS``. A work plan (工作思路,
工作要点) prescribes without modal verbs and reports nothing: it is not one."""
NO_EVIDENCE_OTHER = 1.0
"""Score of ``other`` for a passage with no role evidence at all (a dateline, 同志们：)."""
ACTION_HEADING_WEIGHT = 2.5
"""A numbered heading that opens with an action verb (``一是培养…队伍``, ``（三）搭建…平台``) names
a step taken or to take: it outweighs a stale inherited problem or cause section role."""
ACTION_HEADING = re.compile(
    r"^(?:积极|大力|切实|着力|认真|全面|深入|持续|不断|坚决|努力|加快|务必|始终)?"
    r"(?:加强|强化|推进|推动|健全|完善|坚持|注重|提高|提升|建立|创新|狠抓|抓好|抓实|抓牢|构建|打造|优化|深化"
    r"|实施|实行|做好|落实|突出|着眼|聚焦|立足|围绕|规范|明确|严格|培养|选优|选树|配强|配齐|搭建|丰富|拓展|拓宽"
    r"|探索|整合|设置|增强|树立|树牢|筑牢|夯实|压实|发挥|改进|改革|加大|畅通|营造|弘扬|找准|把握|用好|建好|管好"
    r"|统筹|推行|推广|引导|激发|建设|开展|组织|建强|锻造|创建|坚守|紧扣|紧盯|融入|融合|结合|对照|强基|固本|实现)")
CAUSE_SECTION_PROBLEM_SHARE = 0.5
"""Inside a cause section, problem wording counts this much: the sub-points of a cause section name
the failings that explain the problems, so they read like problems."""
PRESCRIBING_OVERRIDE = 0.67
"""Share of prescribing sentences (modal verbs) from which a passage's own mood outweighs an
inherited problem or cause role: the inherited role then counts ``STALE_GIVEN_SHARE`` of itself."""
STALE_GIVEN_SHARE = 0.4
_PRESCRIBING_HEADING_START = re.compile(r"^(?:要|应当|应该|应|必须|务必|需要|亟需|亟须)(?![求素点])")
"""A heading that opens on a modal verb (``二是要注重工作成效…``) prescribes, whatever words follow."""
_OTHER_HEADING_START = re.compile(r"^(?:结语|结束语|总结|小结|前言|引言|结论|背景|概述)")
_APPENDIX = re.compile(r"^\s*附(?:件|录|表)?\s*\d*\s*[:：]")
"""An appendix line (附：《…清单》) is front or back matter whatever section it ends."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A numbering mark at the start of a passage and the heading words after it.

    Attributes:
        level: 1 for 一、, 2 for （一）, 3 for 1. / (1), 4 for 一是 / 首先.
        start: Offset of the heading words (after the mark).
        end: End of the heading words.
        article: The mark is an article or chapter of a regulation (``第十条``): it opens a new
            unit like a top heading, but the words after it are the article's text, not a title.
    """

    level: int
    start: int
    end: int
    article: bool = False


def find_heading(text: str) -> Heading | None:
    """The numbered heading a passage opens with, if any."""
    match = HEADING_MARK.match(text)
    if not match:
        return None
    level = int(next(name for name, value in match.groupdict().items() if value)[1])
    start = match.end()
    stop = _HEADING_END.search(text, start, start + HEADING_CHARS)
    end = stop.start() if stop else min(len(text), start + HEADING_CHARS)
    return Heading(level=level, start=start, end=end, article=match.group(0).lstrip().startswith("第") and level == 1)


def heading_role_weight(codebook: Codebook, heading_text: str) -> tuple[str | None, float]:
    """The role a heading's wording announces and the cue's weight; ``(None, 0.0)`` for none.

    The last role cue in the heading wins: ``二、…存在“两张皮”现象的原因`` is ``cause``,
    ``三、破解…问题的对策`` is ``measure``.
    """
    text = normalize_keep_offsets(heading_text).translate(_STRIP_QUOTES).strip()
    if _OTHER_HEADING_START.match(text):
        return "other", 1.0
    if _PRESCRIBING_HEADING_START.match(text):
        return "measure", 1.0
    best: tuple[int, float, str] | None = None
    cause: tuple[int, float, str] | None = None
    for role in codebook.roles:
        for cue in role.heading_cues:
            for match in cue.pattern.finditer(text):
                key = (match.end(), cue.weight, role.id)
                if best is None or key[:2] > best[:2]:
                    best = key
                if role.id == "cause" and (cause is None or key[:2] > cause[:2]):
                    cause = key
    # ``…融合不够的原因及具体表现``: a heading naming causes is a cause heading, even when
    # problem wording (the problem whose causes it names) comes after.
    if best is not None and cause is not None and best[2] == "problem":
        best = cause
    return (best[2], best[1]) if best else (None, 0.0)


def is_action_heading(codebook: Codebook, heading_text: str, *, announced: str | None = "unknown") -> bool:
    """Whether a heading opens with an action verb and announces no problem, cause or other role.

    Args:
        codebook: The codebook (its heading cues).
        heading_text: The heading words (after the numbering mark).
        announced: The role the heading's wording announces, when the caller already has it.
    """
    text = normalize_keep_offsets(heading_text).translate(_STRIP_QUOTES).strip()
    if not ACTION_HEADING.match(text):
        return False
    if announced == "unknown":
        announced = heading_role_weight(codebook, text)[0]
    return announced not in ("problem", "cause", "other")


def heading_role(codebook: Codebook, heading_text: str) -> str | None:
    """The role a heading's wording announces, or ``None`` (see :func:`heading_role_weight`)."""
    return heading_role_weight(codebook, heading_text)[0]


def score_roles(codebook: Codebook, text: str, role_cues: dict[tuple[str, str], float], *, given_role: str | None,
                heading: Heading | None, document_modal: float | None = None,
                document_perfective: float | None = None,
                passage_style: tuple[float, float] | None = None) -> tuple[dict[str, float], str | None]:
    """Role scores from the passage's own heading, the caller's heading role and body cues.

    A top-level heading (``二、…的原因``) outweighs the inherited role; a lower-level heading's
    wording counts less than the section it sits in, because sub-points of a cause section are
    usually phrased like problems. Body cues add ``BODY_SCALE`` × their summed weights, capped.

    Returns:
        ``(scores by role, role announced by the passage's own heading or None)``.
    """
    scores = {role: 0.0 for role in ROLES}
    heading_text = text[heading.start:heading.end] if heading else ""
    if heading is not None and text[heading.start - 1:heading.start] == "要":
        heading_text = "要" + heading_text  # the mark 一要 / 二要 prescribes like 一是要
    own, own_weight = heading_role_weight(codebook, heading_text) if heading else (None, 0.0)
    report_genre = (document_modal is not None and document_modal < REPORT_GENRE_MODAL
                    and (document_perfective is None or document_perfective >= REPORT_GENRE_PERFECTIVE))
    modal, perfective = passage_style if passage_style is not None else style(text)
    problem_share = CAUSE_SECTION_PROBLEM_SHARE if given_role == "cause" else 1.0
    if own is not None and heading is not None:
        level_weight = (POINT_HEADING_WEIGHT if heading.article
                        else {1: TOP_HEADING_WEIGHT, 2: SUB_HEADING_WEIGHT}.get(heading.level, POINT_HEADING_WEIGHT))
        scores[own] += own_weight * level_weight * (problem_share if own == "problem" else 1.0)
    if heading is not None and is_action_heading(codebook, heading_text, announced=own):
        reports = report_genre or (modal == 0.0 and perfective > 0.0)
        acted = given_role if given_role in MEASURE_ROLES else "experience" if reports else "measure"
        scores[acted] += ACTION_HEADING_WEIGHT
        own = own or acted
    if _APPENDIX.match(text):
        scores["other"] += TOP_HEADING_WEIGHT + GIVEN_HEADING_WEIGHT
    if given_role in scores:
        stale = (given_role in PROBLEM_ROLES and modal >= PRESCRIBING_OVERRIDE
                 and own not in PROBLEM_ROLES)
        scores[given_role] += GIVEN_HEADING_WEIGHT * (STALE_GIVEN_SHARE if stale else 1.0)
    body = {role: 0.0 for role in ROLES}
    for (role, _), weight in role_cues.items():
        body[role] += weight
    for role in ROLES:
        scores[role] += min(body[role], BODY_CAP) * BODY_SCALE * (problem_share if role == "problem" else 1.0)
    if report_genre:
        scores["experience"] += REPORT_GENRE_BONUS
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


def demote_goal_only(scored: dict[str, tuple[float, list[Hit]]], ids: Sequence[str], *, lead: int = 0,
                     threshold: float = RULE_THRESHOLD, topics: frozenset[str] = frozenset()
                     ) -> dict[str, tuple[float, list[Hit]]]:
    """Scale down labels found only through goal cues after the lead when another label of ``ids`` is found.

    The codebook's ``M.integration`` rule: where 融合 or 两张皮 is only the aim of another
    measure, that other measure is the label. A passage whose heading or opening sentence
    (before ``lead``) names the joining is about it; a later passing mention (``…，推动党建与
    业务深度融合``) is an aim. Labels in ``topics`` (named by the heading of the section the
    passage sits in) are never demoted.
    """
    wanted = [label for label in ids if label in scored]
    goal_only = {label for label in wanted if label not in topics
                 and all(hit.goal and hit.start >= lead for hit in scored[label][1])}
    if not goal_only or not any(label not in goal_only and scored[label][0] >= threshold for label in wanted):
        return scored
    result = dict(scored)
    for label in goal_only:
        score, hits = scored[label]
        result[label] = (score * GOAL_ONLY_SHARE, hits)
    return result


def weigh_salience(scored: dict[str, tuple[float, list[Hit]]], ids: Sequence[str], *, lead: int,
                   share: float, topics: frozenset[str] = frozenset()) -> dict[str, tuple[float, list[Hit]]]:
    """Scale down labels that a passage only mentions in passing.

    The codebook applies a label when the passage substantially talks about it, not when a
    word merely appears: a label is salient when one of its cues stands in the passage's lead
    (its numbered heading or opening sentence, before ``lead``), when the heading of its
    section names it (``topics``), or when its body holds at least two distinct cues of it.
    A label found through a single cue in the body keeps ``share`` of its score.
    """
    if share >= 1.0:
        return scored
    result = dict(scored)
    for label in ids:
        if label not in scored or label in topics:
            continue
        score, hits = scored[label]
        if len(hits) < 2 and not any(hit.start < lead for hit in hits):
            result[label] = (score * share, hits)
    return result


def evidence_for(text: str, hits: Sequence[Hit], *, limit: int = MAX_EVIDENCE, lead: int = 0) -> list[Evidence]:
    """The sentences holding the strongest hits (at most ``limit``), in text order.

    Hits in the lead (before ``lead``: the heading or opening sentence, where a passage says
    what it is about) come first, then the others, strongest first.
    """
    spans = sentence_spans(text)
    chosen: dict[tuple[int, int], str] = {}
    for hit in sorted(hits, key=lambda h: h.start >= lead):
        span = next(((s, e) for s, e in spans if s <= hit.start < e), (hit.start, hit.end))
        if span not in chosen:
            chosen[span] = hit.cue
        if len(chosen) >= limit:
            break
    return [Evidence(start, end, text[start:end], cue) for (start, end), cue in sorted(chosen.items())]


def make_tags(text: str, scored: dict[str, tuple[float, list[Hit]]], ids: Sequence[str], *,
              threshold: float, source: str = "rule", lead: int = 0) -> list[Tag]:
    """Tags for the labels in ``ids`` whose score reaches ``threshold``, sorted by id."""
    tags = []
    for label in sorted(ids):
        if label in scored and scored[label][0] >= threshold:
            score, hits = scored[label]
            tags.append(Tag(id=label, score=round(score, SCORE_DIGITS), evidence=evidence_for(text, hits, lead=lead),
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


def salient_end(text: str, lead: int) -> int:
    """Where the salient part of a passage ends: a passage of at most ``SHORT_PASSAGE_SENTENCES``
    sentences is about everything it says; a longer one, about its lead."""
    return len(text) if len(sentence_spans(text)) <= SHORT_PASSAGE_SENTENCES else lead


def _demote(codebook: Codebook, scored: dict[str, tuple[float, list[Hit]]], lead: int, salient: int,
            topics: frozenset[str]) -> dict[str, tuple[float, list[Hit]]]:
    scored = demote_goal_only(scored, codebook.problem_ids, lead=lead, topics=topics)
    scored = demote_goal_only(scored, codebook.measure_ids, lead=lead, topics=topics)
    scored = weigh_salience(scored, codebook.problem_ids, lead=salient, share=PASSING_PROBLEM_SHARE, topics=topics)
    return weigh_salience(scored, codebook.measure_ids, lead=salient, share=PASSING_MEASURE_SHARE, topics=topics)


def analyse(codebook: Codebook, requests: Sequence[TagRequest]) -> list[RuleAnalysis]:
    """Run the rule layer over many passages at once.

    Traditional characters are read as Simplified (one for one, so offsets hold) by every rule;
    tags still quote the caller's text.
    """
    requests = [replace(request, text=traditional_to_simplified(request.text)) for request in requests]
    batch = Batch([request.text for request in requests])
    role_hits = find_cue_weights(batch, codebook.roles)
    label_hits = find_hits(batch, (*codebook.problems, *codebook.measures), negators=codebook.negators)
    # The heading of the section a passage sits in (given by the structure stage) is its lead too.
    section_topics = [frozenset()] * len(requests)
    if any(request.section for request in requests):
        headings = Batch([request.section[-1] if request.section else "" for request in requests])
        section_topics = [frozenset(hit.label for hit in hits) for hits in
                          find_hits(headings, (*codebook.problems, *codebook.measures), negators=codebook.negators)]
    styles = [style(request.text) for request in requests]
    doc_styles = document_style(styles, [request.document for request in requests])
    scoped = in_scope(codebook, requests)
    results = []
    for index, (request, roles_found, labels_found) in enumerate(zip(requests, role_hits, label_hits)):
        heading = find_heading(request.text)
        document_modal, document_perfective = doc_styles[index] if request.document is not None else (None, None)
        scores, own = score_roles(codebook, request.text, roles_found, given_role=request.heading_role,
                                  heading=heading, document_modal=document_modal,
                                  document_perfective=document_perfective, passage_style=styles[index])
        role = pick_role(scores)
        from_heading = role in (own, request.heading_role)
        lead = lead_end(request.text, heading)
        results.append(RuleAnalysis(scores, own, role, "heading" if from_heading else "text",
                                    _demote(codebook, label_scores(labels_found), lead,
                                            salient_end(request.text, lead) if labels_found else lead,
                                            section_topics[index]),
                                    "".join(batch.stripped_text(index).split()),
                                    lead, styles[index], doc_styles[index], scoped[index]))
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
                                     threshold=self.threshold, lead=analysis.lead_end)
            elif analysis.role in MEASURE_ROLES:
                measures = make_tags(request.text, analysis.labels, self.codebook.measure_ids,
                                     threshold=self.threshold, lead=analysis.lead_end)
            out.append(PassageTags(analysis.role, analysis.role_source, problems, measures))
        return out
