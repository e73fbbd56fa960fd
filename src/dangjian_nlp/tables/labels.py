"""The codebook as the output stages see it: label ids, display names and the answer map.

The tables, the report and the exports accept the tagger's codebook object, a plain mapping
of label id → Chinese name, or ``None`` (the packaged codebook when the tagging stage is
installed). Whatever they get is turned into one small :class:`Labels` value here, so the
three stages never depend on the codebook's internals.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dangjian_nlp.types import Document

LOGGER = logging.getLogger(__name__)

PROBLEM_PREFIX = "P."
MEASURE_PREFIX = "M."

ROLE_NAMES: dict[str, str] = {
    "problem": "问题表现",
    "cause": "原因分析",
    "measure": "对策建议",
    "experience": "经验做法",
    "other": "其他",
}
"""Display names of the passage roles (codebook v1)."""

_ANSWER_ATTRIBUTES = ("answers", "problem_measures", "problem_to_measures", "responses", "answer_map")


@dataclass(frozen=True, slots=True)
class Label:
    """One codebook label: ``id`` such as ``P.priority``, Chinese ``name`` and ``kind``."""

    id: str
    name: str
    kind: str

    @property
    def display(self) -> str:
        """``重业务轻党建 (P.priority)``, or the bare id when there is no name."""
        return f"{self.name} ({self.id})" if self.name and self.name != self.id else self.id


@dataclass(frozen=True, slots=True)
class Labels:
    """The labels of a codebook in codebook order, and which measures answer which problem."""

    problems: tuple[Label, ...]
    measures: tuple[Label, ...]
    answers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    version: str = ""

    def get(self, label_id: str) -> Label:
        """The label with ``label_id``; an unknown id gets a label named after itself."""
        for label in (*self.problems, *self.measures):
            if label.id == label_id:
                return label
        return Label(label_id, label_id, _kind_of(label_id))

    def of_kind(self, kind: str) -> tuple[Label, ...]:
        """``problems`` for ``"problem"``/``"problems"``, ``measures`` otherwise."""
        return self.problems if kind.startswith("problem") else self.measures


def _kind_of(label_id: str) -> str:
    return "problem" if label_id.startswith(PROBLEM_PREFIX) else "measure"


def _field(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, Mapping):
        return item.get(name, default)
    return getattr(item, name, default)


def _labels_from_items(items: Iterable[Any], kind: str) -> list[Label]:
    labels = []
    for item in items:
        if isinstance(item, str):
            labels.append(Label(item, item, kind))
        else:
            label_id = str(_field(item, "id"))
            labels.append(Label(label_id, str(_field(item, "name", "") or label_id), kind))
    return labels


def _answers_from(source: Any) -> dict[str, tuple[str, ...]]:
    for attribute in _ANSWER_ATTRIBUTES:
        value = _field(source, attribute)
        if isinstance(value, Mapping) and value:
            return {str(k): tuple(str(m) for m in v) for k, v in value.items()}
    return {}


def _from_codebook_object(codebook: Any) -> Labels:
    problems = _field(codebook, "problems")
    measures = _field(codebook, "measures")
    if problems is None and _field(codebook, "labels") is not None:
        items = list(_field(codebook, "labels"))
        problems = [i for i in items if str(_field(i, "id")).startswith(PROBLEM_PREFIX)]
        measures = [i for i in items if str(_field(i, "id")).startswith(MEASURE_PREFIX)]
    if isinstance(problems, Mapping):
        problems = [{"id": k, "name": _field(v, "name", v) if not isinstance(v, str) else v}
                    for k, v in problems.items()]
    if isinstance(measures, Mapping):
        measures = [{"id": k, "name": _field(v, "name", v) if not isinstance(v, str) else v}
                    for k, v in measures.items()]
    answers = _answers_from(codebook)
    if not answers:
        # Some codebooks keep the map on each problem label (``answered_by``).
        answers = {str(_field(p, "id")): tuple(_field(p, "answered_by") or ())
                   for p in problems or () if not isinstance(p, str) and _field(p, "answered_by")}
    return Labels(
        problems=tuple(_labels_from_items(problems or (), "problem")),
        measures=tuple(_labels_from_items(measures or (), "measure")),
        answers=answers,
        version=str(_field(codebook, "version", "") or ""),
    )


def _from_name_mapping(mapping: Mapping[str, Any]) -> Labels:
    problems, measures = [], []
    for label_id, value in mapping.items():
        name = value if isinstance(value, str) else str(_field(value, "name", label_id))
        if label_id.startswith(PROBLEM_PREFIX):
            problems.append(Label(label_id, name, "problem"))
        elif label_id.startswith(MEASURE_PREFIX):
            measures.append(Label(label_id, name, "measure"))
    return Labels(tuple(problems), tuple(measures))


def _packaged_codebook() -> Any | None:
    try:
        from dangjian_nlp.tagging import load_codebook  # noqa: PLC0415
    except ImportError:
        LOGGER.debug("no packaged codebook available; label names fall back to ids")
        return None
    return load_codebook()


def resolve_labels(codebook: Any = None, *, documents: Sequence[Document] = ()) -> Labels:
    """Turn whatever codebook the caller has into :class:`Labels`.

    Args:
        codebook: A :class:`Labels`, the tagger's codebook object (with ``problems`` and
            ``measures`` lists of items carrying ``id`` and ``name``), a mapping of label id →
            name, or ``None`` for the packaged codebook.
        documents: Tagged documents; labels they carry that the codebook lacks are added
            (named after their id, sorted) so that no tag ever drops out of a table.

    Returns:
        The labels, problems then measures, in codebook order.
    """
    if isinstance(codebook, Labels):
        labels = codebook
    else:
        source = _packaged_codebook() if codebook is None else codebook
        if source is None:
            labels = Labels((), ())
        elif isinstance(source, Mapping) and "problems" not in source and "measures" not in source:
            labels = _from_name_mapping(source)
        else:
            labels = _from_codebook_object(source)
    return _with_document_labels(labels, documents)


def _with_document_labels(labels: Labels, documents: Sequence[Document]) -> Labels:
    known = {label.id for label in (*labels.problems, *labels.measures)}
    seen: set[str] = set()
    for document in documents:
        for passage in document.passages:
            seen.update(tag.id for tag in passage.problems)
            seen.update(tag.id for tag in passage.measures)
        seen.update(tag.id for tag in document.problems)
        seen.update(tag.id for tag in document.measures)
    extra = sorted(seen - known)
    if not extra:
        return labels
    LOGGER.debug("labels not in the codebook: %s", ", ".join(extra))
    return Labels(
        problems=labels.problems + tuple(Label(i, i, "problem") for i in extra if _kind_of(i) == "problem"),
        measures=labels.measures + tuple(Label(i, i, "measure") for i in extra if _kind_of(i) == "measure"),
        answers=labels.answers,
        version=labels.version,
    )
