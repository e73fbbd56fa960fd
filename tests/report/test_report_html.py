"""report.html: self-contained (no network reference), every essay with its tags and quotes, deterministic."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser

import pytest

from dangjian_nlp.report import document_title, render_report, write_report
from dangjian_nlp.tables import build_tables
from dangjian_nlp.types import IngestError

import dangjian_test_small_corpus as small_corpus  # loaded by the conftest


class Collector(HTMLParser):
    """Tags with their attributes, and the text inside elements of interest."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.stack: list[str] = []
        self.texts: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attributes))
        classes = attributes.get("class", "").split()
        if tag not in ("br", "meta", "img", "input"):
            self.stack.append(classes[0] if classes else tag)

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack:
            self.texts.setdefault(self.stack[-1], []).append(data)


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    return collector


@pytest.fixture()
def html(small_docs, codebook, graph_dir):
    tables = build_tables(small_docs, codebook=codebook, topics=small_corpus.TOPICS)
    errors = [IngestError("corpus/broken.docx", "not a valid docx: bad zip", "corrupt")]
    return render_report(small_docs, tables=tables, topics=small_corpus.TOPICS, graph_dir=graph_dir,
                         errors=errors, codebook=codebook)


def test_no_network_reference(html):
    parsed = parse(html)
    tags = {tag for tag, _ in parsed.elements}
    assert "link" not in tags and "iframe" not in tags and "object" not in tags
    for tag, attributes in parsed.elements:
        for name in ("src", "href", "srcset", "action", "data"):
            if name in attributes:
                assert attributes[name].startswith(("data:", "#")), (tag, name, attributes[name][:80])
        if tag == "script":
            assert "src" not in attributes
    for url in re.findall(r"url\(([^)]*)\)", html):
        assert url.strip("'\" ").startswith("data:"), url
    assert "@import" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)


def test_overview_and_sections(html):
    parsed = parse(html)
    ids = {attributes.get("id") for _, attributes in parsed.elements}
    assert {"overview", "documents", "tables", "topics", "graph", "errors", "card-filter"} <= ids
    assert "<b>3</b><span>篇报告</span>" in html
    assert "<b>15</b><span>个段落</span>" in html
    assert "<b>1</b><span>个文件未能读取</span>" in html


def test_a_card_per_essay_with_tags_and_quotes(html, small_docs):
    parsed = parse(html)
    cards = [a for tag, a in parsed.elements if tag == "article"]
    assert [c["id"] for c in cards] == ["doc-fy-01", "doc-fy-02", "doc-jc-01"]
    titles = parsed.texts["doc-title"]
    assert titles == [document_title(d) for d in sorted(small_docs, key=lambda d: d.id)]
    assert "重业务轻党建 (P.priority)<small>×2</small>" in html
    assert "思想认识 (M.mindset)<small>×2</small>" in html
    body = html.split('id="doc-fy-01"')[1].split("</article>")[0]
    assert "<q>有的庭室认为审判是硬任务、党建是软指标。</q>" in body
    assert "（仅一个段落）" in body  # P.part_time is carried by one passage only
    assert "单位类型：法院" in body and "年份：2021" in body


def test_tables_topics_graph_errors(html, codebook):
    assert "<caption>文档 × 问题类型（段落数）</caption>" in html
    assert "<caption>问题 → 对策（诊断该问题的报告中提出各对策的报告数）</caption>" in html
    assert 'title="有的庭室认为审判是硬任务、党建是软指标。"' in html  # quote tooltip on the count cell
    assert "考核、党建、业务" in html
    # every cell the codebook's answer map names is framed
    problem_measure = html.split("<caption>问题 → 对策")[1].split("</table>")[0]
    assert problem_measure.count('class="num answer"') == sum(len(v) for v in codebook["answers"].values())
    parsed = parse(html)
    images = [a for tag, a in parsed.elements if tag == "img"]
    # the PNG wins over the SVG of the same name; an SVG without PNG is embedded as SVG; HTML is skipped
    assert [a["alt"] for a in images] == ["measures.png", "problems_measures.svg"]
    assert images[0]["src"] == "data:image/png;base64," + base64.b64encode(small_corpus.tiny_png()).decode()
    assert images[1]["src"].startswith("data:image/svg+xml;base64,")
    assert "<code>corpus/broken.docx</code>：not a valid docx: bad zip" in html


def test_text_is_escaped(codebook):
    docs = small_corpus.small_documents()
    docs[0].title = "<script>alert(1)</script>"
    html = render_report(docs, codebook=codebook)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_untitled_essay_uses_its_first_line(codebook):
    docs = small_corpus.small_documents()
    docs[0].title = ""
    assert document_title(docs[0]) == docs[0].text.splitlines()[0]
    docs[0].text = "很长的第一行" * 20
    assert document_title(docs[0]).endswith("…") and len(document_title(docs[0])) == 41


def test_write_report_is_deterministic(small_docs, codebook, graph_dir, tmp_path):
    tables = build_tables(small_docs, codebook=codebook)
    a = write_report(small_docs, out_dir=tmp_path / "a", tables=tables, graph_dir=graph_dir, codebook=codebook)
    b = write_report(list(reversed(small_corpus.small_documents())), out_dir=tmp_path / "b",
                     tables=build_tables(small_corpus.small_documents(), codebook=codebook),
                     graph_dir=graph_dir, codebook=codebook)
    assert a.name == "report.html"
    assert a.read_bytes() == b.read_bytes()


def test_minimal_report_without_optional_parts(small_docs, codebook, tmp_path):
    html = write_report(small_docs, out_dir=tmp_path, codebook=codebook, graph_dir=tmp_path / "missing"
                        ).read_text(encoding="utf-8")
    assert 'id="documents"' in html
    assert 'id="tables"' not in html and 'id="graph"' not in html and 'id="errors"' not in html


def test_real_documents(real_documents, tmp_path):
    html = write_report(real_documents, out_dir=tmp_path, tables=build_tables(real_documents)).read_text(encoding="utf-8")
    for document in real_documents:
        assert f'id="doc-{document.id}"' in html
    assert html.count('<article class="card"') == len(real_documents)
