"""Features of the learned layer, computed the same way at training and at tagging time.

Character n-grams (sizes 2 and 3; the model file records its own) of the normalised passage
(quotes and spaces removed), weighted ``(1 + log tf) × idf`` and L2-normalised, followed by
dense features: the rule layer's score of every label (in the passage and in its opening
sentence), of every role, the caller's heading role, and the passage's and its document's
style (modal versus perfective wording). Pure Python and numpy: tagging never imports
scikit-learn.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from dangjian_nlp.segment import normalize_keep_offsets
from dangjian_nlp.tagging.codebook import QUOTES, Codebook
from dangjian_nlp.types import ROLES

LOGGER = logging.getLogger(__name__)

NGRAM_SIZES = (2, 3)
_DROP = str.maketrans("", "", QUOTES + " \t\r\n\u3000")
# Genre markers: prescriptions use modal verbs (要, 应当, 必须 …); reports of what was done use
# perfective and achievement wording (…了, 已, 累计, figures). Their share of sentences, in the
# passage and in its whole document, tells a measure passage from an experience passage.
MODAL = re.compile(r"(?<![主重需纪摘提只])要(?![求素点害务是])|应当|应该|应(?=[^用对急])|必须|需要|务必|建议|亟需|亟须|着力")
PERFECTIVE = re.compile(r"[\u4e00-\u9fff]了|已经|已|先后|累计|据统计|成效|取得|被评为|荣获"
                        r"|\d+(?:\.\d+)?\s*(?:名|人|个|次|场|项|篇|%|万|家|件)")
_SENTENCE_END = re.compile(r"[。；！？!?;\n]")
STYLE_NAMES = ("modal", "perfective")
ROLE_SCALE = 5.0
"""Rule role scores are divided by this to keep them near [0, 1]."""


def clean_text(text: str) -> str:
    """The passage as the n-gram features see it: normalised, no quotes, no spaces."""
    return normalize_keep_offsets(text).translate(_DROP)


def ngrams(clean: str, sizes: Sequence[int] = NGRAM_SIZES) -> Counter[str]:
    """Character n-gram counts of a cleaned passage (see :func:`clean_text`)."""
    counts: Counter[str] = Counter()
    grams = clean
    for size in range(1, max(sizes) + 1):
        if size > 1:
            grams = list(map(str.__add__, grams, clean[size - 1:]))
        if size in sizes:
            counts.update(grams)
    return counts


def dense_names(codebook: Codebook) -> list[str]:
    """Names of the dense rule features, in order."""
    labels = (*codebook.problem_ids, *codebook.measure_ids)
    return ([f"rule:{label}" for label in labels] + [f"lead:{label}" for label in labels]
            + [f"role:{role}" for role in ROLES] + [f"given:{role}" for role in ROLES]
            + [f"style:{name}" for name in STYLE_NAMES] + [f"docstyle:{name}" for name in STYLE_NAMES])


def style(text: str) -> tuple[float, float]:
    """Share of the passage's sentences with a modal verb, and with perfective wording."""
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    if not sentences:
        return 0.0, 0.0
    modal = sum(1 for s in sentences if MODAL.search(s))
    perfective = sum(1 for s in sentences if PERFECTIVE.search(s))
    return modal / len(sentences), perfective / len(sentences)


def document_style(styles: Sequence[tuple[float, float]], groups: Sequence[object]) -> list[tuple[float, float]]:
    """Per passage, the mean style of the passages of its document (``None`` group: its own)."""
    sums: dict[object, list[float]] = {}
    for (modal, perfective), group in zip(styles, groups):
        if group is not None:
            acc = sums.setdefault(group, [0.0, 0.0, 0])
            acc[0] += modal
            acc[1] += perfective
            acc[2] += 1
    out = []
    for own, group in zip(styles, groups):
        if group is None:
            out.append(own)
        else:
            acc = sums[group]
            out.append((acc[0] / acc[2], acc[1] / acc[2]))
    return out


def lead_score(hits: list, lead_end: int) -> float:
    """``1 - Π(1 - w)`` over the distinct cues found before ``lead_end`` (the opening sentence)."""
    miss, seen = 1.0, set()
    for hit in hits:
        if hit.start < lead_end and hit.cue not in seen:
            seen.add(hit.cue)
            miss *= 1.0 - hit.weight
    return 1.0 - miss


def dense_features(codebook: Codebook, label_scores: dict[str, tuple[float, list]],
                   role_scores: dict[str, float], given_role: str | None, lead_end: int = 0,
                   own_style: tuple[float, float] = (0.0, 0.0), doc_style: tuple[float, float] = (0.0, 0.0)
                   ) -> list[float]:
    """The dense rule features of one passage, in :func:`dense_names` order.

    Per label: its rule score in the whole passage and in the opening sentence (where a
    report states what a point is about); per role: the rule score; the caller's heading role;
    the passage's and its document's style (see :func:`style`).
    """
    labels = (*codebook.problem_ids, *codebook.measure_ids)
    values = [label_scores[label][0] if label in label_scores else 0.0 for label in labels]
    values += [lead_score(label_scores[label][1], lead_end) if label in label_scores else 0.0 for label in labels]
    values += [role_scores.get(role, 0.0) / ROLE_SCALE for role in ROLES]
    values += [1.0 if given_role == role else 0.0 for role in ROLES]
    values += [*own_style, *doc_style]
    return values


def weighted_ngrams(counts: Counter[str], vocabulary: dict[str, int], idf: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Column indices (ascending) and L2-normalised ``(1 + log tf) × idf`` weights of the
    in-vocabulary n-grams."""
    common = counts.keys() & vocabulary.keys()
    if not common:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    indices = np.fromiter(map(vocabulary.__getitem__, common), dtype=np.int64, count=len(common))
    tf = np.fromiter(map(counts.__getitem__, common), dtype=np.float64, count=len(common))
    order = np.argsort(indices, kind="stable")
    indices, tf = indices[order], tf[order]
    values = (1.0 + np.log(tf)) * idf[indices]
    norm = float(np.sqrt(values @ values)) or 1.0
    return indices, values / norm
