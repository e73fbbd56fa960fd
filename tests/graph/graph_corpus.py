"""The hand-built tagged corpus of the graph tests (counts checked by hand in the tests)."""

from __future__ import annotations

from dangjian_nlp.types import Document, Evidence, Passage, Tag

# (passage suffix, role, problem ids, measure ids, text)
HAND_CORPUS: dict[str, list[tuple[str, str, list[str], list[str], str]]] = {
    "d1": [("p001", "measure", [], ["M.integration", "M.training"], "推行双向交流，把党建和业务同谋划。"),
           ("p002", "measure", [], ["M.staffing"], "落实一岗双责，配强党务干部。"),
           ("p003", "problem", ["P.priority"], [], "存在重业务轻党建、两张皮的问题。")],
    "d2": [("p001", "measure", [], ["M.integration", "M.training"], "开展双向交流和专题培训。"),
           ("p002", "problem", ["P.priority"], [], "党建与业务两张皮。"),
           ("p003", "cause", ["P.part_time"], [], "党务干部多为兼职，两张皮难以解决。")],
    "d3": [("p001", "measure", [], ["M.staffing"], "选拔专职党务干部，落实一岗双责。"),
           ("p002", "experience", [], ["M.integration"], "探索出党建+模式。"),
           ("p003", "problem", ["P.part_time"], [], "党务干部身兼数职，两张皮现象突出。")],
    "d4": [("p001", "measure", [], ["M.training"], "加强理论学习和轮训。"),
           ("p002", "other", [], ["M.supervision"], "督查问责的意义重大。"),
           ("p003", "problem", ["P.formalism"], [], "组织生活走过场，两张皮。")],
}


def make_document(doc_id: str, rows: list[tuple[str, str, list[str], list[str], str]]) -> Document:
    """A tagged document whose passages are the given rows, joined by newlines."""
    passages, offset = [], 0
    for suffix, role, problems, measures, text in rows:
        evidence = [Evidence(0, len(text), text)]
        passages.append(Passage(id=f"{doc_id}-{suffix}", start=offset, end=offset + len(text), text=text,
                                role=role, problems=[Tag(p, 1.0, list(evidence)) for p in problems],
                                measures=[Tag(m, 1.0, list(evidence)) for m in measures]))
        offset += len(text) + 1
    text = "\n".join(row[4] for row in rows)
    return Document(id=doc_id, source=f"{doc_id}.txt", span=(0, len(text)), title="", authors=[], text=text,
                    passages=passages)
