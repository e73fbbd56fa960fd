"""Real docx, pdf and html files built inside the tests (no fixtures on disk)."""

from __future__ import annotations

import io
import re

ESSAY_TITLE = "关于机关党建与业务工作“两张皮”问题的调研报告"
PROBLEM_HEADING = "一、存在的主要问题"
PROBLEM_TEXT = "有的党组织重业务轻党建，党建工作说起来重要、干起来次要、忙起来不要。有的支部“三会一课”流于形式。"
MEASURE_HEADING = "二、对策建议"
MEASURE_TEXT = "要坚持党建工作和业务工作一起谋划、一起部署、一起考核，推动党建与业务深度融合。"


def build_docx(paragraphs: list[tuple[str, str | None]]) -> bytes:
    """A .docx with ``(text, style)`` paragraphs (style None for Normal)."""
    import docx  # noqa: PLC0415

    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with a CJK font (reportlab's STSong-Light): one list of printed lines per page."""
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: PLC0415
    from reportlab.pdfgen import canvas  # noqa: PLC0415

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for lines in pages:
        pdf.setFont("STSong-Light", 11)
        y = 780
        for line in lines:
            pdf.drawString(60, y, line)
            y -= 18
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def shift_xref_offsets(pdf: bytes, by: int = 3) -> bytes:
    """The same PDF with every cross-reference offset wrong by ``by`` bytes, as sloppy writers make.

    pypdf still reads it, finding each object by scanning, and logs a warning for each repair.
    """
    def shift(match: re.Match[bytes]) -> bytes:
        return b"%010d %s n" % (int(match.group(1)) + by, match.group(2))

    shifted, count = re.subn(rb"(\d{10}) (\d{5}) n", shift, pdf)
    assert count, "no cross-reference entries found"
    return shifted


def build_html(*, charset: str = "utf-8") -> bytes:
    """A news-site page: navigation, breadcrumbs, article, related links, footer, script."""
    page = f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{ESSAY_TITLE}_党建网</title>
<script>var tracker = "统计代码不应出现";</script><style>body {{ color: red; }}</style></head>
<body>
<header><div class="logo">党建网</div></header>
<nav><a href="/">首页</a><a href="/news">要闻导航</a></nav>
<div class="breadcrumb">当前位置：首页 &gt; 理论</div>
<div id="main-content">
  <h1>{ESSAY_TITLE}</h1>
  <h2>{PROBLEM_HEADING}</h2>
  <p>{PROBLEM_TEXT}</p>
  <h2>{MEASURE_HEADING}</h2>
  <p>{MEASURE_TEXT}<br>二是要强化考核结果运用。</p>
</div>
<div class="related"><a href="/1">相关阅读：其他文章</a></div>
<footer>版权所有 党建网 京ICP备00000000号</footer>
</body></html>"""
    return page.encode(charset)


def cjk(text: str) -> str:
    """Only the CJK ideographs of ``text``, in order."""
    return "".join(re.findall(r"[\u4e00-\u9fff]", text))
