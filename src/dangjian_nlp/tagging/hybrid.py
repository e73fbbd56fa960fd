"""The hybrid tagger: the rule layer's cues and the learned linear layer, combined.

The learned layer sees the passage's character n-grams and the rule layer's scores (labels,
roles, the caller's heading role, style), so it learns how far to trust each cue. Roles: by
default the rule layer's (``RULE_ROLE_SHARE = 1``): under grouped cross-validation the rule
roles were more accurate than any mix with the learned role probabilities (0.910 against
0.892 for an 0.8/0.2 mix read along each document with the learned transitions). A share
below 1 mixes the learned role probabilities with the rule layer's role scores (as a
softmax), read along each document with the role-to-role transitions seen in training
(Viterbi, ``TRANSITION_WEIGHT``). One exception: a passage the learned layer finds ``other``
with probability ``OTHER_VETO`` or more is ``other`` (background, memoir, history, ceremony: the
rule layer, built on essays, almost never says ``other``; trained with the annotated corpus
passages, the learned layer does).
Labels: ``(1 - RULE_SHARE) × model probability + RULE_SHARE × rule score``, kept at
``threshold`` or above, under the same role constraints as the rules. Evidence is the
sentences of the rule cues when there are any, else the sentence whose n-grams push the label
most.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from dangjian_nlp.tagging.base import SCORE_DIGITS, PassageTags, Tagger, TagRequest, register_tagger
from dangjian_nlp.tagging.codebook import Codebook, load_codebook
from dangjian_nlp.tagging.features import (
    clean_text,
    dense_features,
    dense_names,
    ngrams,
    weighted_ngrams,
)
from dangjian_nlp.tagging.matching import sentence_spans
from dangjian_nlp.tagging.model import LinearModel, load_default_model
from dangjian_nlp.tagging.rules import MEASURE_ROLES, PROBLEM_ROLES, RuleAnalysis, RuleTagger, analyse, evidence_for
from dangjian_nlp.types import Evidence, Tag

LOGGER = logging.getLogger(__name__)

RULE_SHARE = 0.5
HYBRID_THRESHOLD = 0.5
TRANSITION_WEIGHT = 0.0
RULE_ROLE_SHARE = 1.0
"""Weight of the rule layer's role scores (as a softmax) against the learned role probabilities."""
RULE_ROLE_TEMPERATURE = 0.5
OTHER_VETO = 0.5
"""Learned probability of ``other`` at which a passage is ``other`` whatever the rule role."""


def rule_role_probabilities(scores: dict[str, float], roles: Sequence[str]) -> np.ndarray:
    """The rule layer's role scores as probabilities (softmax at ``RULE_ROLE_TEMPERATURE``)."""
    values = np.array([scores.get(role, 0.0) for role in roles]) / RULE_ROLE_TEMPERATURE
    values -= values.max()
    exp = np.exp(values)
    return exp / exp.sum()
"""How much the role-to-role transitions count against each passage's own role probabilities."""


def smooth_roles(probabilities: np.ndarray, transitions: np.ndarray, start: np.ndarray, *,
                 weight: float = 1.0) -> list[int]:
    """The most likely role sequence (Viterbi) of one document's passages.

    Args:
        probabilities: ``(n_passages, n_roles)`` role probabilities of each passage.
        transitions: ``(n_roles, n_roles)`` probability of a role given the previous one.
        start: ``(n_roles,)`` probability of the first passage's role.
        weight: Weight of the transition and start terms.

    Returns:
        Role indices, one per passage.
    """
    emit = np.log(probabilities + 1e-9)
    trans = weight * np.log(transitions + 1e-9)
    score = emit[0] + weight * np.log(start + 1e-9)
    back = []
    for row in emit[1:]:
        candidates = score[:, None] + trans
        best = candidates.argmax(axis=0)
        back.append(best)
        score = candidates[best, np.arange(len(best))] + row
    path = [int(score.argmax())]
    for best in reversed(back):
        path.append(int(best[path[-1]]))
    return path[::-1]


@register_tagger("hybrid")
class HybridTagger(Tagger):
    """Rules plus the learned layer (``models/tagger-linear.npz``); rules only if the model is missing."""

    name = "hybrid"

    def __init__(self, *, codebook: Codebook | None = None, model: LinearModel | None = None,
                 threshold: float = HYBRID_THRESHOLD, rule_share: float = RULE_SHARE,
                 transition_weight: float = TRANSITION_WEIGHT, rule_role_share: float = RULE_ROLE_SHARE,
                 other_veto: float = OTHER_VETO) -> None:
        self.codebook = codebook or load_codebook()
        self.model = model if model is not None else load_default_model()
        self.threshold = threshold
        self.rule_share = rule_share
        self.transition_weight = transition_weight
        self.rule_role_share = rule_role_share
        self.other_veto = other_veto
        if self.model is not None and not self._compatible(self.model):
            LOGGER.warning("the tagger model was trained on another codebook (labels differ from %s); "
                           "tagging with the rule layer only", self.codebook.source)
            self.model = None
        self._rules = RuleTagger(codebook=self.codebook)

    def _compatible(self, model: LinearModel) -> bool:
        return (model.labels == [*self.codebook.problem_ids, *self.codebook.measure_ids]
                and model.dense == dense_names(self.codebook))

    def tag_many(self, requests: Sequence[TagRequest]) -> list[PassageTags]:
        """Tag many passages; see :meth:`Tagger.tag`."""
        model = self.model
        if model is None:
            return self._rules.tag_many(requests)
        analyses = analyse(self.codebook, requests)
        scored = []
        for request, analysis in zip(requests, analyses):
            indices, values = weighted_ngrams(ngrams(analysis.clean, model.ngram_sizes), model.vocabulary, model.idf)
            dense = dense_features(self.codebook, analysis.labels, analysis.role_scores, request.heading_role,
                                   analysis.lead_end, analysis.style, analysis.document_style)
            scored.append(model.probabilities(indices, values, dense))
        if self.rule_role_share >= 1.0:
            other = model.roles.index("other")
            return [self._labels(request, analysis,
                                 "other" if role_probs[other] >= self.other_veto else analysis.role, label_probs)
                    for request, analysis, (role_probs, label_probs) in zip(requests, analyses, scored)]
        if self.rule_role_share > 0:
            scored = [((1.0 - self.rule_role_share) * role_probs
                       + self.rule_role_share * rule_role_probabilities(analysis.role_scores, model.roles), label_probs)
                      for (role_probs, label_probs), analysis in zip(scored, analyses)]
        roles = [int(role_probs.argmax()) for role_probs, _ in scored]
        if model.transitions is not None and self.transition_weight > 0:
            for start, end in _document_runs(requests):
                probs = np.vstack([scored[i][0] for i in range(start, end)])
                roles[start:end] = smooth_roles(probs, model.transitions, model.start, weight=self.transition_weight)
        return [self._labels(request, analysis, model.roles[role], label_probs)
                for request, analysis, role, (_, label_probs) in zip(requests, analyses, roles, scored)]

    def _labels(self, request: TagRequest, analysis: RuleAnalysis, role: str, probs: np.ndarray) -> PassageTags:
        model = self.model
        assert model is not None
        text = request.text
        role_source = analysis.role_source if role == analysis.role else "model"
        if not analysis.in_scope:
            return PassageTags(role, role_source)
        if role in PROBLEM_ROLES:
            wanted, attribute = self.codebook.problem_ids, "problems"
        elif role in MEASURE_ROLES:
            wanted, attribute = self.codebook.measure_ids, "measures"
        else:
            return PassageTags(role, role_source)
        tags = []
        for label in sorted(wanted):
            p = float(probs[model.labels.index(label)])
            rule_score, hits = analysis.labels.get(label, (0.0, []))
            score = (1.0 - self.rule_share) * p + self.rule_share * rule_score
            if score < self.threshold:
                continue
            if hits:
                evidence, source = evidence_for(text, hits, lead=analysis.lead_end), "rule+model"
            else:
                evidence, source = self._model_evidence(text, label), "model"
            tags.append(Tag(id=label, score=round(score, SCORE_DIGITS), evidence=evidence, source=source))
        result = PassageTags(role, role_source)
        setattr(result, attribute, tags)
        return result

    def _model_evidence(self, text: str, label: str) -> list[Evidence]:
        """The sentence whose n-grams push ``label`` most."""
        model = self.model
        assert model is not None
        best: tuple[float, int, int] | None = None
        for start, end in sentence_spans(text):
            indices, values = weighted_ngrams(ngrams(clean_text(text[start:end]), model.ngram_sizes),
                                              model.vocabulary, model.idf)
            push = sum(model.label_contributions(indices, values, label).values())
            if best is None or push > best[0]:
                best = (push, start, end)
        if best is None:
            return [Evidence(0, len(text), text, "model")]
        _, start, end = best
        return [Evidence(start, end, text[start:end], "model")]


def _document_runs(requests: Sequence[TagRequest]) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of consecutive requests of the same (non-None) document."""
    runs = []
    start = 0
    for index in range(1, len(requests) + 1):
        if index == len(requests) or requests[index].document != requests[start].document:
            if requests[start].document is not None and index - start > 1:
                runs.append((start, index))
            start = index
    return runs
