"""OUT/report.html: one self-contained file a user can open, read, print and hand on.

Everything is inline: the CSS and JS (package data next to the template), the graph images as
``data:`` URIs. Nothing refers to the network, so the report reads the same offline and in
ten years. Sections: corpus overview, a card per essay with its tags and evidence quotes, the
comparison tables, the topics and the graphs, and the files that could not be read.
"""

from __future__ import annotations

import base64
import functools
import logging
import mimetypes
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from dangjian_nlp import __version__, io
from dangjian_nlp.tables.build import TOTAL, Table, document_title, topic_entries
from dangjian_nlp.tables.detect import detect_org_type, detect_year, load_rules
from dangjian_nlp.tables.labels import ROLE_NAMES, Labels, resolve_labels
from dangjian_nlp.types import ROLES, Document, IngestError

LOGGER = logging.getLogger(__name__)

REPORT_NAME = "report.html"
IMAGE_SUFFIXES = (".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp")
QUOTES_PER_LABEL = 3


@functools.cache
def _resource(*parts: str) -> str:
    return resources.files("dangjian_nlp.report").joinpath(*parts).read_text(encoding="utf-8")


@functools.cache
def _template() -> Any:
    import jinja2  # noqa: PLC0415

    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                                     trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return environment.from_string(_resource("templates", "report.html"))


# --- context ------------------------------------------------------------------------------

def _label_bars(documents: Sequence[Document], labels: Labels) -> list[tuple[str, str, list[dict[str, Any]]]]:
    result = []
    for kind, heading in (("problem", "问题类型"), ("measure", "对策类型")):
        doc_counts: Counter[str] = Counter()
        passage_counts: Counter[str] = Counter()
        for document in documents:
            doc_counts.update(t.id for t in (document.problems if kind == "problem" else document.measures))
            for passage in document.passages:
                passage_counts.update(t.id for t in (passage.problems if kind == "problem" else passage.measures))
        top = max(doc_counts.values(), default=0) or 1
        bars = [{"id": label.id, "name": label.display, "documents": doc_counts[label.id],
                 "passages": passage_counts[label.id], "width": round(100 * doc_counts[label.id] / top, 1)}
                for label in labels.of_kind(kind)]
        result.append((kind, heading, bars))
    return result


def _evidence(document: Document, labels: Labels) -> list[dict[str, Any]]:
    """Per label (document-level ones first, in codebook order): up to three quotes, best first."""
    items = []
    document_level = {t.id for t in (*document.problems, *document.measures)}
    for kind in ("problem", "measure"):
        for label in labels.of_kind(kind):
            hits = []
            for order, passage in enumerate(document.passages):
                for tag in (passage.problems if kind == "problem" else passage.measures):
                    if tag.id == label.id and tag.evidence:
                        hits.append((-tag.score, order, passage.id, tag))
            if not hits:
                continue
            hits.sort(key=lambda hit: hit[:3])
            quotes = [{"text": tag.evidence[0].quote, "passage": passage_id, "score": f"{tag.score:.2f}"}
                      for _, _, passage_id, tag in hits[:QUOTES_PER_LABEL]]
            items.append({"kind": kind, "id": label.id, "name": label.display, "quotes": quotes,
                          "document_level": label.id in document_level})
    items.sort(key=lambda item: not item["document_level"])
    return items


def _card(document: Document, labels: Labels) -> dict[str, Any]:
    roles = Counter(p.role for p in document.passages)
    year = detect_year(document)
    problems = [{"id": t.id, "name": labels.get(t.id).display, "passages": t.passages} for t in document.problems]
    measures = [{"id": t.id, "name": labels.get(t.id).display, "passages": t.passages} for t in document.measures]
    title = document_title(document)
    keywords = "、".join(str(k.get("term", "")) for k in document.keywords[:12] if k.get("term"))
    search = " ".join([document.id, title, document.source, *document.authors,
                       *(f"{t['id']} {t['name']}" for t in (*problems, *measures))])
    return {
        "id": document.id, "title": title, "source": document.source, "authors": document.authors,
        "org": detect_org_type(document), "year": year if year is not None else load_rules().unknown,
        "passages": len(document.passages), "problems": problems, "measures": measures,
        "roles": "，".join(f"{ROLE_NAMES.get(r, r)} {roles[r]}" for r in ROLES if roles[r]) or "—",
        "keywords": keywords, "evidence": _evidence(document, labels), "search": search,
    }


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _answer_cells(data: Mapping[str, Any], labels: Labels) -> set[tuple[int, int]]:
    """(row, column) of the problem → countermeasure cells the codebook says answer each other."""
    if data.get("name") != "problem_measure":
        return set()
    column_ids = data.get("column_ids") or []
    cells = set()
    for r_index, row in enumerate(data.get("rows", [])):
        problem = next((p for p in labels.problems if row and row[0] == p.display), None)
        for measure in labels.answers.get(problem.id, ()) if problem else ():
            if measure in column_ids:
                cells.add((r_index, column_ids.index(measure)))
    return cells


def _table_context(table: Table | Mapping[str, Any], labels: Labels) -> dict[str, Any]:
    data = table.to_dict() if isinstance(table, Table) else dict(table)
    answers = _answer_cells(data, labels)
    index_columns = int(data.get("index_columns", 1))
    rows, quotes = data.get("rows", []), data.get("quotes")
    body_rows = [r for r in rows if not (r and r[0] == TOTAL)]
    column_ids = data.get("column_ids") or []
    totals = {i for i, column in enumerate(data.get("columns", [])) if column == TOTAL}
    totals |= {i for i, column in enumerate(column_ids) if column == "total"}
    top = max((v for r in body_rows for i, v in enumerate(r) if i >= index_columns and i not in totals and _is_number(v)),
              default=0) or 1
    result_rows = []
    for r_index, row in enumerate(rows):
        cells = []
        total_row = bool(row) and row[0] == TOTAL
        for c_index, value in enumerate(row):
            numeric = c_index >= index_columns and _is_number(value)
            quote = quotes[r_index][c_index] if quotes and r_index < len(quotes) and c_index < len(quotes[r_index]) else ""
            heated = numeric and value and not total_row and c_index not in totals
            cells.append({"value": value, "num": numeric, "quote": quote, "answer": (r_index, c_index) in answers,
                          "h": round(0.55 * min(float(value), top) / top, 3) if heated else 0})
        result_rows.append({"cells": cells, "total": total_row})
    return {"name": data.get("name", ""), "title": data.get("title", ""), "description": data.get("description", ""),
            "columns": data.get("columns", []), "rows": result_rows}


TOPIC_FACTS = ("backend", "k", "seed", "unit", "passages", "vocabulary", "coherence", "stability", "diversity")


def _topics_context(topics: Mapping[str, Any] | None, labels: Labels) -> dict[str, Any] | None:
    """Facts about the model, one entry per topic (top terms, share, aligned codebook label)."""
    if not topics:
        return None
    facts = [(key, _plain(topics[key])) for key in TOPIC_FACTS if key in topics]
    items = [t for t in topics.get("topics") or [] if isinstance(t, Mapping)]
    entries = []
    for (key, label), item in zip(topic_entries(topics), items):
        terms = item.get("terms") or []
        words = "、".join(t if isinstance(t, str) else str(t.get("term", "")) if isinstance(t, Mapping) else str(t)
                         for t in terms[:10])
        details = []
        if isinstance(item.get("share"), (int, float)):
            details.append(f"占比 {item['share']:.1%}")
        if isinstance(item.get("passages"), int):
            details.append(f"{item['passages']} 个段落")
        aligned = item.get("codebook")
        alignment = topics.get("alignment")
        if not aligned and isinstance(alignment, Mapping) and isinstance(alignment.get("best"), Mapping):
            aligned = alignment["best"].get(str(key))
        if aligned:
            details.append(f"最接近：{labels.get(str(aligned)).display}")
        entries.append({"key": key, "label": label, "terms": words or label, "details": " · ".join(details)})
    return {"facts": facts, "entries": entries}


def _plain(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(_plain(v) for v in value)
    if isinstance(value, Mapping):
        return "，".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def data_uri(path: str | os.PathLike[str]) -> str:
    """A file as a ``data:`` URI (base64), its MIME type from the suffix."""
    path = Path(path)
    mime = "image/svg+xml" if path.suffix.lower() == ".svg" else (mimetypes.guess_type(path.name)[0] or "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _figures(graph_dir: str | os.PathLike[str] | None) -> list[dict[str, str]]:
    """Graph images in ``graph_dir`` (PNG preferred over an SVG of the same name), sorted."""
    if graph_dir is None or not Path(graph_dir).is_dir():
        return []
    images = sorted(p for p in Path(graph_dir).rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
    pngs = {p.with_suffix("") for p in images if p.suffix.lower() == ".png"}
    chosen = [p for p in images if p.suffix.lower() == ".png" or p.with_suffix("") not in pngs]
    return [{"name": p.relative_to(graph_dir).as_posix(), "uri": data_uri(p)} for p in chosen]


def _error_items(errors: Iterable[IngestError | Mapping[str, Any]]) -> list[dict[str, str]]:
    items = []
    for error in errors:
        data = error.to_dict() if isinstance(error, IngestError) else dict(error)
        items.append({"path": str(data.get("path", "")), "reason": str(data.get("reason", ""))})
    return sorted(items, key=lambda e: (e["path"], e["reason"]))


def render_report(documents: Sequence[Document], *, tables: Mapping[str, Table] | Sequence[Table] | None = None,
                  topics: Mapping[str, Any] | None = None, graph_dir: str | os.PathLike[str] | None = None,
                  errors: Iterable[IngestError | Mapping[str, Any]] = (), codebook: Any = None,
                  title: str = "党建与业务融合报告分析") -> str:
    """The report as an HTML string (see :func:`write_report`)."""
    documents = sorted(documents, key=lambda d: d.id)
    labels = resolve_labels(codebook, documents=documents)
    table_items = list(tables.values()) if isinstance(tables, Mapping) else list(tables or [])
    error_items = _error_items(errors)
    passages = [p for d in documents for p in d.passages]
    roles = Counter(p.role for p in passages)
    stats = [
        ("篇报告", len(documents)),
        ("个来源文件", len({d.source for d in documents})),
        ("个段落", len(passages)),
        ("个带标签段落", sum(1 for p in passages if p.problems or p.measures)),
        ("个问题标签", sum(len(p.problems) for p in passages)),
        ("个对策标签", sum(len(p.measures) for p in passages)),
        ("个文件未能读取", len(error_items)),
    ]
    return _template().render(
        title=title,
        subtitle=f"{len(documents)} 篇报告 · {len({d.source for d in documents})} 个文件 · 问题诊断、原因分析与对策建议",
        version=__version__,
        codebook_version=labels.version or "—",
        stats=stats,
        roles=[(ROLE_NAMES.get(r, r), roles[r]) for r in ROLES if roles[r]],
        label_bars=_label_bars(documents, labels),
        cards=[_card(d, labels) for d in documents],
        tables=[_table_context(t, labels) for t in table_items],
        topics=_topics_context(topics, labels),
        figures=_figures(graph_dir),
        errors=error_items,
        css=_resource("static", "report.css"),
        js=_resource("static", "report.js"),
    )


def write_report(documents: Sequence[Document], *, out_dir: str | os.PathLike[str],
                 tables: Mapping[str, Table] | Sequence[Table] | None = None,
                 topics: Mapping[str, Any] | None = None, graph_dir: str | os.PathLike[str] | None = None,
                 errors: Iterable[IngestError | Mapping[str, Any]] = (), codebook: Any = None) -> Path:
    """Write OUT/report.html: one self-contained file, no network reference at all.

    Args:
        documents: Tagged documents (cards in id order).
        out_dir: Output folder; the report is ``out_dir/report.html``.
        tables: Comparison tables from :func:`dangjian_nlp.tables.build_tables`.
        topics: The topics.json mapping (backend, K, topics with top terms, alignment).
        graph_dir: Folder whose PNG/SVG images are embedded as ``data:`` URIs.
        errors: Files that could not be read (:class:`IngestError` or their dicts).
        codebook: Codebook object, id → name mapping or ``None`` for the packaged one.

    Returns:
        The path of the report.
    """
    html = render_report(documents, tables=tables, topics=topics, graph_dir=graph_dir, errors=errors,
                         codebook=codebook)
    path = io.write_text(Path(out_dir) / REPORT_NAME, html)
    LOGGER.info("report with %d essays -> %s", len(documents), path)
    return path
