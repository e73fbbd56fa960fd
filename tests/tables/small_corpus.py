"""A small hand-built tagged corpus with known counts, and the codebook read from the spec.

Shared by tests/tables, tests/report and tests/export (loaded by path from tests/conftest.py,
since the test folders are not packages).

Known facts (document-level tag = carried by at least two passages):

========  ==========================  ==========  ======  ===================  =====================
document  source                      org         year    passage tags         document tags
========  ==========================  ==========  ======  ===================  =====================
fy-01     reports/court_2021.txt      法院        2021    P.priority ×2,       P.priority, M.mindset
                                                          P.part_time ×1,
                                                          M.mindset ×2, M.staffing ×1
jc-01     reports/procuratorate.txt   检察院      2019    P.priority ×2,       P.priority, M.assessment
                                                          M.assessment ×2, M.integration ×1
fy-02     other/court_b.txt           法院        未识别  P.part_time ×2,      P.part_time, M.staffing
                                                          M.staffing ×2, M.incentive ×1
========  ==========================  ==========  ======  ===================  =====================
"""

from __future__ import annotations

import re
from pathlib import Path

from dangjian_nlp.tagging.aggregate import document_tags
from dangjian_nlp.types import Document, Evidence, Passage, Tag

# (role, text, [(label, score, quote)]) – each quote is a sentence of the passage text.
SPECS = {
    "fy-01": dict(
        source="reports/court_2021.txt", title="关于法院党建与审判业务融合的调研报告",
        authors=["厦门市中级人民法院民五庭 朱燕萍"], tail="厦门市中级人民法院\n2021年3月24日",
        passages=[
            ("problem", "一是重业务轻党建。有的庭室认为审判是硬任务、党建是软指标。",
             [("P.priority", 0.9, "有的庭室认为审判是硬任务、党建是软指标。"), ("P.part_time", 0.6, "一是重业务轻党建。")]),
            ("problem", "二是党建工作说起来重要、干起来次要。",
             [("P.priority", 0.7, "二是党建工作说起来重要、干起来次要。")]),
            ("measure", "一要提高政治站位，纠正认识偏差。同时配强党务干部。",
             [("M.mindset", 0.8, "一要提高政治站位，纠正认识偏差。"), ("M.staffing", 0.5, "同时配强党务干部。")]),
            ("measure", "二要树立一盘棋思想，摆正党建位置。",
             [("M.mindset", 0.9, "二要树立一盘棋思想，摆正党建位置。")]),
        ]),
    "jc-01": dict(
        source="reports/procuratorate.txt", title="检察机关党建“两张皮”问题研究（〔2019〕3号）",
        authors=["厦门市人民检察院 邹庆华"], tail="",
        passages=[
            ("problem", "部分检察官重办案轻党建。", [("P.priority", 0.8, "部分检察官重办案轻党建。")]),
            ("cause", "原因在于考核中党建权重低，党建成了副业。", [("P.priority", 0.6, "原因在于考核中党建权重低，党建成了副业。")]),
            ("measure", "建立党建与业务一体化考核。", [("M.assessment", 0.9, "建立党建与业务一体化考核。")]),
            ("measure", "强化考核结果运用。", [("M.assessment", 0.7, "强化考核结果运用。")]),
            ("measure", "推动党建与检察业务同谋划、同部署。", [("M.integration", 0.95, "推动党建与检察业务同谋划、同部署。")]),
            ("other", "总之，破解两张皮任重道远。", []),
        ]),
    "fy-02": dict(
        source="other/court_b.txt", title="基层法院党务力量调查",
        authors=["某县人民法院 张三"], tail="",
        passages=[
            ("problem", "党务干部大多是兼职，身兼数职。", [("P.part_time", 0.85, "党务干部大多是兼职，身兼数职。")]),
            ("problem", "党务工作者流动大，精力有限。", [("P.part_time", 0.75, "党务工作者流动大，精力有限。")]),
            ("measure", "配齐配强专职党务干部。", [("M.staffing", 0.9, "配齐配强专职党务干部。")]),
            ("measure", "推行党务干部与业务干部双向交流。", [("M.staffing", 0.8, "推行党务干部与业务干部双向交流。")]),
            ("experience", "我院对优秀党务干部优先提拔使用。", [("M.incentive", 0.7, "我院对优秀党务干部优先提拔使用。")]),
        ]),
}

TOPIC_WEIGHTS = {"fy-01": [(0, 0.8), (1, 0.2)], "jc-01": [(0, 0.4), (1, 0.6)], "fy-02": [(1, 1.0)]}
TOPICS = {"backend": "nmf", "k": 2, "topics": [
    {"topic": 0, "terms": ["考核", "党建", "业务"]},
    {"topic": 1, "terms": [{"term": "党务", "weight": 0.3}, {"term": "干部", "weight": 0.2}]},
]}


def make_document(doc_id: str, spec: dict, *, with_topics: bool = True) -> Document:
    """A tagged document whose offsets are all consistent (passage and evidence)."""
    head = [spec["title"], *spec["authors"]]
    text = "\n".join(head) + "\n"
    passages = []
    for number, (role, body, tags) in enumerate(spec["passages"], 1):
        start = len(text)
        text += body + "\n"
        problems, measures = [], []
        for label, score, quote in tags:
            at = body.index(quote)
            tag = Tag(label, score, [Evidence(at, at + len(quote), quote, cue="test")], source="rule")
            (problems if label.startswith("P.") else measures).append(tag)
        passages.append(Passage(id=f"{doc_id}-p{number:03d}", start=start, end=start + len(body), text=body,
                                section=[], role=role, role_source="text", problems=problems, measures=measures))
    text += spec["tail"]
    text = text.rstrip("\n")
    document = Document(id=doc_id, source=spec["source"], span=(0, len(text)), title=spec["title"],
                        authors=list(spec["authors"]), text=text, passages=passages,
                        meta={"format": "txt"})
    document.problems, document.measures = document_tags(passages)
    if with_topics:
        document.topics = [{"topic": k, "weight": w} for k, w in TOPIC_WEIGHTS[doc_id]]
    return document


def small_documents(*, with_topics: bool = True) -> list[Document]:
    """The three documents, in a deliberately unsorted order (fy-02 first)."""
    return [make_document(i, SPECS[i], with_topics=with_topics) for i in ("fy-02", "jc-01", "fy-01")]


def taxonomy_codebook(taxonomy_path: Path) -> dict:
    """Label ids, Chinese names and the answer map read from ../shared/spec/taxonomy.md."""
    text = taxonomy_path.read_text(encoding="utf-8")
    problems, measures, answers = [], [], {}
    for line in text.splitlines():
        label = re.match(r"^\| `([PM]\.\w+)` \| ([^|]+?) \|", line)
        answer = re.match(r"^\| `(P\.\w+)` \| (`M\.[^|]+)\|\s*$", line)
        if answer:
            answers[answer.group(1)] = re.findall(r"`(M\.\w+)`", answer.group(2))
        elif label:
            item = {"id": label.group(1), "name": label.group(2).strip()}
            (problems if item["id"].startswith("P.") else measures).append(item)
    return {"version": "taxonomy.md", "problems": problems, "measures": measures, "answers": answers}


def tiny_png(width: int = 48, height: int = 24, rgb: tuple[int, int, int] = (31, 97, 141)) -> bytes:
    """A valid solid-colour PNG built here (no image library needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
