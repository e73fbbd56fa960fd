"""Comparison tables: document × code, group × code, problem → countermeasure, topic × group.

NVivo's matrix coding query, automated. Every table is a :class:`Table` of plain values;
count cells carry one representative quote (the evidence sentence of the highest-scoring
passage tag behind the count), so every number can be checked against the text.

Groupings are strategies registered by name (``source``, ``org``, ``year``); any other name
is a metadata field, read from the user's metadata CSV joined on file name, then from
``document.meta``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from dangjian_nlp.errors import InputError
from dangjian_nlp.registry import Registry
from dangjian_nlp.tables.detect import detect_org_type, detect_year, load_rules
from dangjian_nlp.tables.labels import Label, Labels, resolve_labels
from dangjian_nlp.types import Document, Passage, Tag

LOGGER = logging.getLogger(__name__)

DEFAULT_GROUPINGS = ("source", "org", "year")
KINDS = ("problem", "measure")
KIND_TITLES = {"problem": "问题类型", "measure": "对策类型"}
TOTAL = "合计"
TITLE_FALLBACK_CHARS = 40


def document_title(document: Document) -> str:
    """The title shown for an essay: its title, else its first line (shortened), else its id."""
    if document.title.strip():
        return document.title.strip()
    first = next((line.strip() for line in document.text.splitlines() if line.strip()), "")
    if not first:
        return document.id
    return first if len(first) <= TITLE_FALLBACK_CHARS else first[:TITLE_FALLBACK_CHARS] + "…"


@dataclass(slots=True)
class Table:
    """One comparison table.

    Attributes:
        name: File stem and sheet name (``document_problem``).
        title: Human title (Chinese), used as caption and Markdown heading.
        columns: Header labels.
        rows: Cell values (``str``, ``int`` or ``float``), one list per row.
        quotes: Same shape as ``rows``: a representative quote per count cell, ``""`` elsewhere;
            ``None`` for tables without quotes.
        index_columns: How many leading columns name the row (the rest are figures).
        description: What a cell counts.
    """

    name: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    quotes: list[list[str]] | None = None
    index_columns: int = 1
    description: str = ""
    column_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (used by the report)."""
        return {"name": self.name, "title": self.title, "columns": self.columns, "rows": self.rows,
                "quotes": self.quotes, "index_columns": self.index_columns,
                "description": self.description, "column_ids": self.column_ids}


# --- groupings ----------------------------------------------------------------------------

GroupFunction = Callable[[Document, Mapping[str, Mapping[str, str]]], str]
_GROUPINGS: Registry[tuple[str, GroupFunction]] = Registry("grouping", sort_names=True)
"""Grouping name -> (column title, function)."""


def register_grouping(name: str, title: str) -> Callable[[GroupFunction], GroupFunction]:
    """Register a grouping strategy: a function ``(document, metadata) -> group value``."""
    def decorator(function: GroupFunction) -> GroupFunction:
        _GROUPINGS.add(name, (title, function))
        return function
    return decorator


def available_groupings() -> list[str]:
    """Names of the registered groupings (metadata fields come on top)."""
    return _GROUPINGS.names()


def source_name(document: Document) -> str:
    """The file name a document came from (the join key of the metadata CSV)."""
    return PurePosixPath(document.source.replace("\\", "/")).name


@register_grouping("source", "来源文件")
def _group_by_source(document: Document, metadata: Mapping[str, Mapping[str, str]]) -> str:
    return source_name(document)


@register_grouping("org", "单位类型")
def _group_by_org(document: Document, metadata: Mapping[str, Mapping[str, str]]) -> str:
    return detect_org_type(document)


@register_grouping("year", "年份")
def _group_by_year(document: Document, metadata: Mapping[str, Mapping[str, str]]) -> str:
    year = detect_year(document)
    return str(year) if year is not None else load_rules().unknown


def metadata_row(document: Document, metadata: Mapping[str, Mapping[str, str]]) -> Mapping[str, str]:
    """The metadata CSV row of ``document``: joined on its source path, file name or stem."""
    name = source_name(document)
    for key in (document.source, name, PurePosixPath(name).stem, document.id):
        if key in metadata:
            return metadata[key]
    return {}


def metadata_fields(metadata: Mapping[str, Mapping[str, str]] | None) -> list[str]:
    """The fields of a metadata mapping, in first-seen order."""
    fields: dict[str, None] = {}
    for row in (metadata or {}).values():
        fields.update(dict.fromkeys(row))
    return list(fields)


def group_of(document: Document, by: str, metadata: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """The group ``document`` falls in under grouping ``by``.

    Args:
        document: The essay.
        by: ``source``, ``org``, ``year`` or a metadata field.
        metadata: Rows of the metadata CSV keyed by file name.

    Returns:
        The group value; the rules' unknown value (``未识别``) when a field has none.
    """
    metadata = metadata or {}
    if by in _GROUPINGS:
        return _GROUPINGS.get(by)[1](document, metadata)
    value = metadata_row(document, metadata).get(by) or document.meta.get(by)
    return str(value).strip() if value not in (None, "") else load_rules().unknown


def _grouping_title(by: str) -> str:
    return _GROUPINGS.get(by)[0] if by in _GROUPINGS else by


def _check_grouping(by: str, documents: Sequence[Document], metadata: Mapping[str, Mapping[str, str]]) -> None:
    if by in _GROUPINGS or by in metadata_fields(metadata):
        return
    if any(by in document.meta for document in documents):
        return
    choices = ", ".join([*available_groupings(), *metadata_fields(metadata)])
    raise InputError(f"unknown grouping {by!r}: use one of {choices} or a column of the metadata CSV")


def _group_documents(documents: Sequence[Document], *, by: str,
                     metadata: Mapping[str, Mapping[str, str]]) -> dict[str, list[Document]]:
    """The documents of each group under grouping ``by``, members sorted by id.

    Groups come sorted by value, the rules' unknown value (``未识别``) last.

    Raises:
        InputError: ``by`` is neither a grouping nor a metadata or document field.
    """
    _check_grouping(by, documents, metadata)
    unknown = load_rules().unknown
    groups: dict[str, list[Document]] = {}
    for document in sorted(documents, key=lambda d: d.id):
        groups.setdefault(group_of(document, by, metadata), []).append(document)
    return {group: groups[group] for group in sorted(groups, key=lambda g: (g == unknown, g))}


# --- counting -------------------------------------------------------------------------------

def _passage_tags(passage: Passage, kind: str) -> list[Tag]:
    return passage.problems if kind == "problem" else passage.measures


def _document_label_ids(document: Document, kind: str) -> set[str]:
    return {tag.id for tag in (document.problems if kind == "problem" else document.measures)}


def _best_quote(candidates: Iterable[tuple[Passage, Tag]]) -> str:
    """The evidence of the highest-scoring tag; the first in reading order on ties."""
    best: tuple[float, str] | None = None
    for _, tag in candidates:
        if tag.evidence and (best is None or tag.score > best[0]):
            best = (tag.score, tag.evidence[0].quote)
    return best[1] if best else ""


def _tagged(documents: Iterable[Document], kind: str, label_id: str) -> list[tuple[Passage, Tag]]:
    return [(passage, tag) for document in documents for passage in document.passages
            for tag in _passage_tags(passage, kind) if tag.id == label_id]


def _label_columns(labels: Sequence[Label]) -> tuple[list[str], list[str]]:
    return [label.display for label in labels], [label.id for label in labels]


def document_code_table(documents: Sequence[Document], *, kind: str, labels: Labels) -> Table:
    """Document × problem (or countermeasure) type: passages carrying each label.

    Args:
        documents: Tagged documents (rows, sorted by id).
        kind: ``problem`` or ``measure``.
        labels: The codebook labels (columns, in codebook order).

    Returns:
        A table with columns document, title, source, one per label, and a total; the last
        row sums each column. Each non-zero cell carries the quote of its best passage tag.
    """
    codes = labels.of_kind(kind)
    headers, ids = _label_columns(codes)
    rows, quotes = [], []
    totals = [0] * len(codes)
    for document in sorted(documents, key=lambda d: d.id):
        counts, cell_quotes = [], []
        for index, label in enumerate(codes):
            hits = _tagged([document], kind, label.id)
            counts.append(len(hits))
            totals[index] += len(hits)
            cell_quotes.append(_best_quote(hits))
        rows.append([document.id, document_title(document), source_name(document), *counts, sum(counts)])
        quotes.append(["", "", "", *cell_quotes, ""])
    rows.append([TOTAL, "", "", *totals, sum(totals)])
    quotes.append([""] * (len(codes) + 4))
    return Table(
        name=f"document_{kind}",
        title=f"文档 × {KIND_TITLES[kind]}（段落数）",
        columns=["文档", "标题", "来源文件", *headers, TOTAL],
        column_ids=["document", "title", "source", *ids, "total"],
        rows=rows, quotes=quotes, index_columns=3,
        description=f"单元格：该报告中带有该{KIND_TITLES[kind]}标签的段落数；引文取得分最高的段落证据。",
    )


COUNTS = ("documents", "passages")


def group_code_table(documents: Sequence[Document], *, by: str, kind: str, labels: Labels,
                     metadata: Mapping[str, Mapping[str, str]] | None = None,
                     count: str = "documents") -> Table:
    """Group × problem (or countermeasure) type.

    Args:
        documents: Tagged documents.
        by: Grouping name (``source``, ``org``, ``year``) or metadata field.
        kind: ``problem`` or ``measure``.
        labels: The codebook labels.
        metadata: Metadata CSV rows keyed by file name.
        count: ``documents``: reports in the group whose document-level tags include the
            label (the report discusses it); ``passages``: passages carrying the label.

    Returns:
        Rows are groups (sorted, the unknown group last) with their document and passage
        counts; a total row closes the table.

    Raises:
        InputError: Unknown grouping or count.
    """
    if count not in COUNTS:
        raise InputError(f"unknown count {count!r}: use one of {', '.join(COUNTS)}")
    metadata = metadata or {}
    groups = _group_documents(documents, by=by, metadata=metadata)
    order = list(groups)
    codes = labels.of_kind(kind)
    headers, ids = _label_columns(codes)
    rows, quotes = [], []
    for group in [*order, TOTAL]:
        members = groups[group] if group != TOTAL else sorted(documents, key=lambda d: d.id)
        cells, cell_quotes = [], []
        for label in codes:
            if count == "documents":
                carriers = [d for d in members if label.id in _document_label_ids(d, kind)]
                cells.append(len(carriers))
                hits = _tagged(carriers, kind, label.id)
            else:
                hits = _tagged(members, kind, label.id)
                cells.append(len(hits))
            cell_quotes.append(_best_quote(hits) if group != TOTAL else "")
        rows.append([group, len(members), sum(len(d.passages) for d in members), *cells])
        quotes.append(["", "", "", *cell_quotes])
    unit = "报告数" if count == "documents" else "段落数"
    return Table(
        name=f"{_safe_name(by)}_{kind}",
        title=f"{_grouping_title(by)} × {KIND_TITLES[kind]}（{unit}）",
        columns=[_grouping_title(by), "报告数", "段落数", *headers],
        column_ids=[by, "documents", "passages", *ids],
        rows=rows, quotes=quotes, index_columns=3,
        description=(f"单元格：该组中讨论该{KIND_TITLES[kind]}（至少两个段落带有该标签）的报告数。"
                     if count == "documents" else
                     f"单元格：该组中带有该{KIND_TITLES[kind]}标签的段落数。"),
    )


def problem_measure_table(documents: Sequence[Document], *, labels: Labels) -> Table:
    """Problem → countermeasure: how often reports that diagnose P recommend M.

    Args:
        documents: Tagged documents (document-level tags are used).
        labels: The codebook labels and answer map.

    Returns:
        One row per problem: reports diagnosing it, how many of them recommend at least one
        of the countermeasures the codebook says answer it, then one column per
        countermeasure with the number of those reports that recommend it.
    """
    measures = labels.measures
    headers, ids = _label_columns(measures)
    rows = []
    for problem in labels.problems:
        diagnosing = [d for d in documents if problem.id in _document_label_ids(d, "problem")]
        answers = set(labels.answers.get(problem.id, ()))
        answered = sum(1 for d in diagnosing if answers & _document_label_ids(d, "measure"))
        cells = [sum(1 for d in diagnosing if m.id in _document_label_ids(d, "measure")) for m in measures]
        rows.append([problem.display, len(diagnosing), answered if answers else "", *cells])
    return Table(
        name="problem_measure",
        title="问题 → 对策（诊断该问题的报告中提出各对策的报告数）",
        columns=["问题类型", "诊断该问题的报告数", "提出对应对策的报告数", *headers],
        column_ids=["problem", "documents", "answered", *ids],
        rows=rows, index_columns=1,
        description="行：诊断该问题的报告（文档级标签）；单元格：其中提出该对策的报告数；"
                    "“提出对应对策的报告数”：其中至少提出一项编码本所列对应对策的报告数。",
    )


def topic_entries(topics: Mapping[str, Any] | None) -> list[tuple[Any, str]]:
    """``(topic key, label)`` pairs from a topics.json-like mapping, in its order."""
    entries = []
    for index, topic in enumerate((topics or {}).get("topics") or []):
        if not isinstance(topic, Mapping):
            continue
        key = next((topic[k] for k in ("topic", "id", "k", "index") if k in topic), index)
        terms = next((topic[k] for k in ("terms", "top_terms", "words", "keywords") if k in topic), [])
        words = [t if isinstance(t, str) else str(t.get("term") or t.get("word") or "")
                 if isinstance(t, Mapping) else str(t[0]) for t in terms[:8]]
        label = next((str(topic[k]) for k in ("label", "name") if topic.get(k)), "")
        entries.append((key, label or "、".join(w for w in words if w)))
    return entries


def topic_group_table(documents: Sequence[Document], *, by: str, topics: Mapping[str, Any] | None = None,
                      metadata: Mapping[str, Mapping[str, str]] | None = None) -> Table | None:
    """Topic × group: mean topic weight of the documents in each group.

    Args:
        documents: Documents whose ``topics`` lists hold ``{"topic": k, "weight": w}``.
        by: Grouping name or metadata field.
        topics: The topics.json mapping (for the topics' top terms); optional.
        metadata: Metadata CSV rows keyed by file name.

    Returns:
        The table, or ``None`` when no document has topic weights.
    """
    if not any(document.topics for document in documents):
        return None
    metadata = metadata or {}
    groups = _group_documents(documents, by=by, metadata=metadata)
    order = list(groups)
    entries = topic_entries(topics)
    seen = {entry["topic"] for d in documents for entry in d.topics if "topic" in entry}
    known = {key for key, _ in entries}
    entries += [(key, "") for key in sorted(seen - known, key=str)]
    rows = []
    for key, label in entries:
        cells = []
        for group in order:
            weights = [float(e.get("weight", 0.0)) for d in groups[group] for e in d.topics if e.get("topic") == key]
            cells.append(round(sum(weights) / len(groups[group]), 4))
        rows.append([str(key), label, *cells])
    return Table(
        name=f"topic_{_safe_name(by)}",
        title=f"主题 × {_grouping_title(by)}（平均主题权重）",
        columns=["主题", "主题词", *order],
        column_ids=["topic", "terms", *order],
        rows=rows, index_columns=2,
        description="单元格：该组报告的平均主题权重（不含该主题的报告计为 0）。",
    )


def _safe_name(name: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name.strip())
    return cleaned or "field"


# --- everything ---------------------------------------------------------------------------

def compare(documents: Sequence[Document], *, by: str, metadata: Mapping[str, Mapping[str, str]] | None = None,
            codebook: Any = None, count: str = "documents", topics: Mapping[str, Any] | None = None
            ) -> list[Table]:
    """The tables of one grouping (what ``dangjian compare`` prints).

    Args:
        documents: Tagged documents.
        by: ``source``, ``org``, ``year`` or a metadata field.
        metadata: Metadata CSV rows keyed by file name.
        codebook: Codebook object, id → name mapping or ``None`` (see :func:`resolve_labels`).
        count: ``documents`` or ``passages``.
        topics: topics.json mapping; adds the topic × group table when documents have topics.

    Returns:
        Group × problem type, group × countermeasure type and, with topics, topic × group.
    """
    labels = resolve_labels(codebook, documents=documents)
    tables = [group_code_table(documents, by=by, kind=kind, labels=labels, metadata=metadata, count=count)
              for kind in KINDS]
    topic_table = topic_group_table(documents, by=by, topics=topics, metadata=metadata)
    return tables + ([topic_table] if topic_table else [])


def build_tables(documents: Sequence[Document], *, topics: Mapping[str, Any] | None = None,
                 metadata: Mapping[str, Mapping[str, str]] | None = None, codebook: Any = None,
                 groupings: Sequence[str] = DEFAULT_GROUPINGS, count: str = "documents") -> dict[str, Table]:
    """Every comparison table of a tagged corpus.

    Args:
        documents: Tagged documents.
        topics: The topics.json mapping, for topic × group tables.
        metadata: Metadata CSV rows keyed by file name (see :func:`read_metadata`); each of its
            fields adds a grouping.
        codebook: Codebook object, id → name mapping or ``None`` for the packaged codebook.
        groupings: Built-in groupings to tabulate.
        count: What group × code cells count: ``documents`` or ``passages``.

    Returns:
        Tables by name, in a fixed order: document × code, group × code per grouping,
        problem → countermeasure, topic × group per grouping.
    """
    labels = resolve_labels(codebook, documents=documents)
    all_groupings = [*groupings, *(f for f in metadata_fields(metadata) if f not in groupings)]
    tables: list[Table] = [document_code_table(documents, kind=kind, labels=labels) for kind in KINDS]
    for by in all_groupings:
        tables += [group_code_table(documents, by=by, kind=kind, labels=labels, metadata=metadata, count=count)
                   for kind in KINDS]
    tables.append(problem_measure_table(documents, labels=labels))
    for by in all_groupings:
        topic_table = topic_group_table(documents, by=by, topics=topics, metadata=metadata)
        if topic_table is not None:
            tables.append(topic_table)
    result: dict[str, Table] = {}
    for table in tables:
        name, suffix = table.name, 2
        while name in result:
            name, suffix = f"{table.name}_{suffix}", suffix + 1
        table.name = name
        result[name] = table
    LOGGER.info("built %d tables over %d documents", len(result), len(documents))
    return result
