"""Readers on files the tests build: docx with heading styles, CJK pdf, html with boilerplate."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
import zipfile

import pytest

from dangjian_nlp.ingest import documents_from_bytes
from dangjian_nlp.ingest.readers import ReadError, read_source, sniff_format

from ingest_builders import (
    ESSAY_TITLE,
    MEASURE_HEADING,
    MEASURE_TEXT,
    PROBLEM_HEADING,
    PROBLEM_TEXT,
    build_docx,
    build_html,
    build_pdf,
    shift_xref_offsets,
)


def _roles(document):
    return [(p.text, p.role) for p in document.passages]


def test_docx_heading_styles_become_sections():
    data = build_docx([
        (ESSAY_TITLE, "Title"),
        ("市委组织部课题组", None),
        ("存在问题", "Heading 1"),
        (PROBLEM_TEXT, None),
        ("对策", "Heading 1"),
        ("强化考核", "Heading 2"),
        (MEASURE_TEXT, None),
    ])
    [document] = documents_from_bytes(data, label="in/报告.docx", stem="报告")
    assert document.meta["format"] == "docx"
    assert document.title == ESSAY_TITLE
    assert document.authors == ["市委组织部课题组"]
    assert [(s.title, s.level, s.role) for s in document.sections] == [
        ("存在问题", 1, "problem"), ("对策", 1, "measure"), ("强化考核", 2, "measure")]
    assert _roles(document) == [(PROBLEM_TEXT, "problem"), (MEASURE_TEXT, "measure")]
    assert document.passages[1].section == ["对策", "强化考核"]


def test_docx_table_cells_are_read():
    import docx  # noqa: PLC0415

    document = docx.Document()
    document.add_paragraph(PROBLEM_TEXT)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "党务干部配备不足，多为兼职。"
    table.cell(0, 1).text = "要配齐配强专职党务干部。"
    buffer = io.BytesIO()
    document.save(buffer)
    source = read_source(buffer.getvalue(), "t.docx")
    assert source.text.splitlines() == [PROBLEM_TEXT, "党务干部配备不足，多为兼职。", "要配齐配强专职党务干部。"]


def test_pdf_text_is_read_page_by_page_and_page_numbers_dropped():
    first = ["一、存在的问题", "有的党组织重业务轻党建，党建工作说起来重要、干起来", "次要、忙起来不要。一是", "1"]
    second = ["“三会一课”流于形式。二是党务干部多为兼职。", "二、对策建议", MEASURE_TEXT]
    source = read_source(build_pdf([first, second]), "x.pdf")
    assert source.format == "pdf"
    assert "有的党组织重业务轻党建" in source.text and MEASURE_TEXT in source.text
    [document] = documents_from_bytes(build_pdf([first, second]), label="x.pdf", stem="x")
    assert "忙起来不要。一是“三会一课”流于形式。" in document.text
    assert "\n1\n" not in document.text
    assert [s.title for s in document.sections] == ["一、存在的问题", "二、对策建议"]
    assert document.passages[-1].text == MEASURE_TEXT
    assert document.passages[-1].role == "measure"


def test_html_keeps_the_article_and_drops_navigation_footer_and_scripts():
    [document] = documents_from_bytes(build_html(), label="page.html", stem="page")
    assert document.meta["format"] == "html"
    assert document.title == ESSAY_TITLE
    for noise in ("首页", "导航", "当前位置", "相关阅读", "版权所有", "统计代码", "color"):
        assert noise not in document.text
    assert PROBLEM_TEXT in document.text
    assert [(s.title, s.role) for s in document.sections] == [(PROBLEM_HEADING, "problem"), (MEASURE_HEADING, "measure")]
    assert document.passages[-1].text == "二是要强化考核结果运用。"


def test_html_in_gbk_declared_by_meta_charset():
    [document] = documents_from_bytes(build_html(charset="gbk"), label="page.htm", stem="page")
    assert PROBLEM_TEXT in document.text
    assert document.meta["encoding"] == "gb18030"


@pytest.mark.parametrize(("maker", "name", "expected"), [
    (lambda: build_pdf([["党建工作"]]), "misnamed.txt", "pdf"),
    (lambda: build_docx([("党建工作", None)]), "misnamed.bin", "docx"),
    (lambda: build_html(), "page.txt", "html"),
    (lambda: "# 标题\n正文。".encode(), "notes.md", "md"),
    (lambda: "正文。".encode("gb18030"), "notes", "txt"),
])
def test_format_is_sniffed_from_content(maker, name, expected):
    assert sniff_format(maker(), name) == expected


def _zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "name", "kind", "words"), [
    (b"", "empty.txt", "empty", "empty file"),
    (b"  \n\n ", "blank.txt", "empty", "empty file"),
    (b"\x00\x01\x02binary" * 50, "blob.dat", "unsupported", "binary"),
    (b"\x00\x01\x02binary" * 50, "blob.txt", "binary", "binary"),
    (b"PK\x03\x04 truncated zip", "broken.docx", "corrupt", "corrupt"),
    (b"%PDF-1.4\n garbage without objects", "broken.pdf", "corrupt", "pdf"),
    (b"plain words", "fake.pdf", "corrupt", "not a valid pdf"),
    (_zip_without_document(), "book.xlsx", "unsupported", "not a .docx"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "scan.png", "unsupported", "PNG"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old.doc", "unsupported", "legacy Office"),
])
def test_unreadable_files_raise_read_errors_with_kind_and_reason(data, name, kind, words):
    with pytest.raises(ReadError) as caught:
        documents_from_bytes(data, label=name, stem="x")
    assert caught.value.kind == kind
    assert words in str(caught.value)


def test_pdf_without_text_layer_is_reported():
    from reportlab.pdfgen import canvas  # noqa: PLC0415

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(10, 10, 100, 100)
    pdf.showPage()
    pdf.save()
    with pytest.raises(ReadError, match="no text layer"):
        documents_from_bytes(buffer.getvalue(), label="scan.pdf", stem="scan")


def _repaired_pdf() -> bytes:
    return shift_xref_offsets(build_pdf([[PROBLEM_HEADING, PROBLEM_TEXT[:30]], [MEASURE_TEXT[:30]]]))


def test_pypdf_repairs_become_one_warning_naming_the_file(caplog):
    with caplog.at_level(logging.DEBUG):
        [document] = documents_from_bytes(_repaired_pdf(), label="in/odd.pdf", stem="odd")
    assert PROBLEM_TEXT[:20] in document.text
    assert not [r for r in caplog.records if r.name.startswith("pypdf")], "pypdf's own records leaked"
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.name for r in warnings] == ["dangjian_nlp.ingest.readers"]
    assert warnings[0].getMessage().startswith("in/odd.pdf: malformed PDF, read with repairs")
    details = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG and "pypdf:" in r.getMessage()]
    assert details and len(details) == len(set(details)), "each distinct pypdf message once, at DEBUG"
    assert all(d.startswith("in/odd.pdf: pypdf: ") for d in details)
    assert logging.getLogger("pypdf").propagate and not logging.getLogger("pypdf").handlers


def test_an_unreadable_pdf_is_a_read_error_without_pypdf_warnings(caplog):
    truncated = build_pdf([[PROBLEM_TEXT[:30]]])
    with caplog.at_level(logging.WARNING), pytest.raises(ReadError, match="not a valid pdf"):
        documents_from_bytes(truncated[: len(truncated) // 2], label="cut.pdf", stem="cut")
    assert caplog.records == []


def test_ingest_command_prints_one_line_per_odd_or_bad_pdf(tmp_path, project_root):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "odd.pdf").write_bytes(_repaired_pdf())
    (folder / "cut.pdf").write_bytes(build_pdf([[PROBLEM_TEXT[:30]]])[:600])
    result = subprocess.run([sys.executable, str(project_root / "cli.py"), "ingest", str(folder),
                             "--out", str(tmp_path / "out"), "--no-progress"],
                            capture_output=True, text=True, check=False, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"skipped {(folder / 'cut.pdf').as_posix()}: not a valid pdf")
    assert lines[1].startswith(f"WARNING dangjian_nlp.ingest.readers: {(folder / 'odd.pdf').as_posix()}: malformed PDF")
    assert "1 document from 2 files, 1 error" in result.stdout


def test_docx_compilation_splits_at_title_and_author_paragraphs():
    body = [(PROBLEM_TEXT, None), ("二、对策建议", None), (MEASURE_TEXT * 3, None)]
    data = build_docx([
        ("破解机关党建与业务工作“两张皮”难题的思考", "Title"), ("某某市中级人民法院 张三", None), *body,
        ("关于小机关党建与业务融合的调研报告", "Title"), ("某某市委编办课题组", None), *body,
    ])
    documents = documents_from_bytes(data, label="汇编.docx", stem="汇编")
    assert [(d.id, d.title, d.authors) for d in documents] == [
        ("汇编-00", "破解机关党建与业务工作“两张皮”难题的思考", ["某某市中级人民法院 张三"]),
        ("汇编-01", "关于小机关党建与业务融合的调研报告", ["某某市委编办课题组"]),
    ]
    assert all(d.passages[0].text == PROBLEM_TEXT for d in documents)


def test_html_article_header_keeps_the_title():
    page = f"""<html><body><header><nav>首页 导航</nav></header>
    <article><header><h1>{ESSAY_TITLE}</h1></header><p>{PROBLEM_TEXT}</p></article>
    <footer>版权所有</footer></body></html>""".encode()
    [document] = documents_from_bytes(page, label="a.html", stem="a")
    assert document.title == ESSAY_TITLE
    assert document.text == f"{ESSAY_TITLE}\n{PROBLEM_TEXT}"
