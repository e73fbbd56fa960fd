"""Properties over generated tagged corpora: table totals agree with the tags, whatever the corpus."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian_nlp.tables import build_tables
from dangjian_nlp.tables.build import TOTAL
from dangjian_nlp.tagging.aggregate import document_tags
from dangjian_nlp.types import Document, Evidence, Passage, Tag

PROBLEMS = ["P.priority", "P.disconnect", "P.part_time"]
MEASURES = ["M.mindset", "M.integration", "M.staffing"]
CODEBOOK = {label: label for label in PROBLEMS + MEASURES}
SOURCES = ["a.txt", "b.txt", "c.docx"]
AUTHORS = [["某县人民法院 张三"], ["某市人民检察院 李四"], []]

passage_labels = st.tuples(st.lists(st.sampled_from(PROBLEMS), unique=True, max_size=2),
                           st.lists(st.sampled_from(MEASURES), unique=True, max_size=2))
document_spec = st.tuples(st.sampled_from(SOURCES), st.sampled_from(range(len(AUTHORS))),
                          st.lists(passage_labels, min_size=1, max_size=6))


def build(specs) -> list[Document]:
    documents = []
    for number, (source, author_index, passages_spec) in enumerate(specs):
        doc_id = f"d{number:02d}"
        text, passages = "", []
        for p_number, (problems, measures) in enumerate(passages_spec, 1):
            body = f"第{p_number}段。内容。"
            start = len(text)
            text += body + "\n"
            evidence = [Evidence(0, 4, body[:4])]
            passages.append(Passage(id=f"{doc_id}-p{p_number:03d}", start=start, end=start + len(body), text=body,
                                    problems=[Tag(label, 0.5, list(evidence)) for label in problems],
                                    measures=[Tag(label, 0.5, list(evidence)) for label in measures]))
        document = Document(id=doc_id, source=source, span=(0, len(text)), title=doc_id,
                            authors=list(AUTHORS[author_index]), text=text, passages=passages)
        document.problems, document.measures = document_tags(passages)
        documents.append(document)
    return documents


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(document_spec, max_size=6))
def test_totals_agree_with_the_tags(specs):
    documents = build(specs)
    tables = build_tables(documents, codebook=CODEBOOK)
    for kind, labels in (("problem", PROBLEMS), ("measure", MEASURES)):
        per_label = {label: sum(1 for d in documents for p in d.passages
                                for t in (p.problems if kind == "problem" else p.measures) if t.id == label)
                     for label in labels}
        with_doc_tag = {label: sum(1 for d in documents
                                   if label in {t.id for t in (d.problems if kind == "problem" else d.measures)})
                        for label in labels}
        document_table = tables[f"document_{kind}"]
        total = document_table.rows[-1]
        assert total[0] == TOTAL
        for label in labels:
            assert total[document_table.column_ids.index(label)] == per_label[label]
        for by in ("source", "org", "year"):
            table = tables[f"{by}_{kind}"]
            body, total = table.rows[:-1], table.rows[-1]
            assert sum(row[1] for row in body) == total[1] == len(documents)
            for label in labels:
                column = table.column_ids.index(label)
                assert sum(row[column] for row in body) == total[column] == with_doc_tag[label]
    for row in tables["problem_measure"].rows:
        assert all(0 <= cell <= row[1] for cell in row[3:])
