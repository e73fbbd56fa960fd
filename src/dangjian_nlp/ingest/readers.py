"""Readers per file format, picked by sniffing the content (the extension only breaks ties).

Each reader turns the raw bytes of one file into a :class:`SourceText`: plain text with one
paragraph or printed line a line, plus heading levels the format states outright (docx
heading styles, HTML ``<h1>``…). Readers register by name; :func:`sniff_format` picks one.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from dangjian_nlp.ingest.encoding import UndecodableError, decode_bytes, looks_binary
from dangjian_nlp.registry import Registry

LOGGER = logging.getLogger(__name__)


class ReadError(ValueError):
    """A file cannot be read; ``kind`` is the IngestError category."""

    def __init__(self, reason: str, kind: str = "unreadable") -> None:
        super().__init__(reason)
        self.kind = kind


@dataclass(slots=True)
class SourceText:
    """What a reader extracted from one file.

    Attributes:
        text: The text, lines separated by ``\\n``.
        format: Reader name (``txt``, ``md``, ``docx``, ``pdf``, ``html``).
        encoding: Encoding of a text file, or the container's (``utf-8`` for docx).
        headings: Line index -> heading level (1 = top) for headings the format marks.
    """

    text: str
    format: str
    encoding: str
    headings: dict[int, int] = field(default_factory=dict)


Reader = Callable[[bytes, str], SourceText]
_READERS: Registry[Reader] = Registry("reader", sort_names=True)


def register_reader(name: str) -> Callable[[Reader], Reader]:
    """Decorator: make ``reader(data, path)`` available under ``name``."""
    return _READERS.register(name)


def available_readers() -> list[str]:
    """Names of the registered readers."""
    return _READERS.names()


def get_reader(name: str) -> Reader:
    """The reader registered as ``name``.

    Raises:
        UnknownNameError: For an unknown name (a ``DangjianError`` and a ``KeyError``).
    """
    return _READERS.get(name)


_MAGIC_UNSUPPORTED: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office file (.doc/.xls/.ppt); save it as .docx"),
    (b"{\\rtf", "RTF document; save it as .docx or .txt"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7z archive"),
)
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_DATA_EXTENSIONS = {".tsv", ".csv", ".json", ".jsonl", ".xml", ".yaml", ".yml", ".py", ".js", ".css", ".sql",
                    ".xlsx", ".xls", ".pptx", ".ppt", ".zip"}
_TEXT_EXTENSIONS = {".txt", ".text", ".md", ".markdown", ".htm", ".html", ".xhtml", ""}


def sniff_format(data: bytes, path: str) -> str:
    """Name the reader for ``data`` from its content; the extension only separates txt from md.

    Raises:
        ReadError: Empty, binary or of a type no reader handles.
    """
    if not data.strip():
        raise ReadError("empty file", "empty")
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile as exc:
            raise ReadError(f"corrupt zip container (docx?): {exc}", "corrupt") from None
        if "word/document.xml" in names:
            return "docx"
        raise ReadError("zip archive that is not a .docx document", "unsupported")
    for magic, what in _MAGIC_UNSUPPORTED:
        if data.startswith(magic):
            raise ReadError(f"unsupported file type: {what}", "unsupported")
    if _HTML_START.match(data[:4096]) or (b"<html" in data[:2048].lower() and b"<body" in data.lower()):
        return "html"
    suffix = _suffix(path)
    if suffix in _DATA_EXTENSIONS:
        raise ReadError(f"unsupported file type {suffix}: data or code, not a report", "unsupported")
    if suffix in {".docx", ".pdf"}:
        raise ReadError(f"not a valid {suffix[1:]} file (content does not match the extension)", "corrupt")
    if suffix not in _TEXT_EXTENSIONS and looks_binary(data):
        raise ReadError(f"unsupported file type {suffix or '(no extension)'}: binary content", "unsupported")
    return "md" if suffix in {".md", ".markdown"} else "txt"


def _suffix(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def read_source(data: bytes, path: str) -> SourceText:
    """Sniff ``data`` and run the matching reader.

    Raises:
        ReadError: The file cannot be turned into text.
    """
    return _READERS.get(sniff_format(data, path))(data, path)


def _decode(data: bytes) -> tuple[str, str]:
    try:
        return decode_bytes(data)
    except UndecodableError as exc:
        raise ReadError(str(exc), "binary") from None


@register_reader("txt")
def read_txt(data: bytes, path: str) -> SourceText:  # noqa: ARG001
    """Plain text in any encoding :func:`decode_bytes` recognises."""
    text, encoding = _decode(data)
    return SourceText(text=text, format="txt", encoding=encoding)


@register_reader("md")
def read_md(data: bytes, path: str) -> SourceText:  # noqa: ARG001
    """Markdown: read as text; the cleaning rules strip its syntax and keep its headings."""
    text, encoding = _decode(data)
    return SourceText(text=text, format="md", encoding=encoding)


_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


@register_reader("docx")
def read_docx(data: bytes, path: str) -> SourceText:  # noqa: ARG001
    """Word documents: body paragraphs and table cells in order; heading styles become levels."""
    import docx  # noqa: PLC0415  (heavy import, only when a docx shows up)
    from docx.table import Table  # noqa: PLC0415
    from docx.text.paragraph import Paragraph  # noqa: PLC0415

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for broken packages
        raise ReadError(f"not a valid docx: {type(exc).__name__}: {exc}", "corrupt") from None
    lines: list[str] = []
    headings: dict[int, int] = {}

    def add_paragraph(paragraph: Paragraph) -> None:
        text = paragraph.text.replace("\n", " ").strip()
        if not text:
            return
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        match = _HEADING_STYLE.match(style.strip())
        if match:
            headings[len(lines)] = int(match.group(1))
        elif style.strip().lower() in {"title", "标题"}:
            headings[len(lines)] = 0
        lines.append(text)

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            add_paragraph(Paragraph(child, document))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        add_paragraph(paragraph)
    return SourceText(text="\n".join(lines), format="docx", encoding="utf-8", headings=headings)


class _Collector(logging.Handler):
    """Keeps the log records it is handed."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def _pypdf_log() -> Iterator[list[logging.LogRecord]]:
    """Hold back what pypdf logs while one file is read; yields the list the records land in.

    pypdf logs every repair it makes (``incorrect startxref pointer``, ``Object 5 0 found`` …)
    without naming the file, often dozens of lines for one PDF, and with no logging set up
    Python prints them bare on stderr. :func:`read_pdf` turns them into one line that names
    the file. Ingestion reads one file at a time, so swapping the handler here is safe.
    """
    logger = logging.getLogger("pypdf")
    collector = _Collector()
    propagate = logger.propagate
    logger.addHandler(collector)
    logger.propagate = False
    try:
        yield collector.records
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate


def _messages(records: list[logging.LogRecord]) -> list[str]:
    """Distinct messages in order of first appearance."""
    messages: dict[str, None] = {}
    for record in records:
        try:
            messages.setdefault(record.getMessage().strip(), None)
        except (TypeError, ValueError):  # a malformed %-format in the record
            messages.setdefault(str(record.msg).strip(), None)
    return list(messages)


def _report_pdf_repairs(path: str, records: list[logging.LogRecord], *, read: bool) -> None:
    for message in _messages(records):
        LOGGER.debug("%s: pypdf: %s", path, message)
    warnings = [record for record in records if record.levelno >= logging.WARNING]
    if read and warnings:
        first, others = _messages(warnings)[0], len(warnings) - 1
        more = f", and {others} more warning{'s' if others > 1 else ''}" if others else ""
        LOGGER.warning("%s: malformed PDF, read with repairs; the text may be incomplete (pypdf: %s%s)",
                       path, first, more)


@register_reader("pdf")
def read_pdf(data: bytes, path: str) -> SourceText:
    """PDF text layer, page by page; each page's first line is marked with a leading space.

    The leading space is the same page-start artefact PDF exports to text carry, so one set
    of cleaning rules handles both. What pypdf logs about a malformed file becomes one
    warning naming ``path`` (each message at DEBUG); a file that cannot be read raises
    :class:`ReadError` and its pypdf messages go to DEBUG only.
    """
    with _pypdf_log() as records:
        try:
            source = _read_pdf(data)
        except ReadError:
            _report_pdf_repairs(path, records, read=False)
            raise
    _report_pdf_repairs(path, records, read=True)
    return source


def _read_pdf(data: bytes) -> SourceText:
    from pypdf import PdfReader  # noqa: PLC0415
    from pypdf.errors import PdfReadError  # noqa: PLC0415

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001
                raise ReadError("encrypted PDF (password needed)", "unsupported") from None
        pages = []
        for page in reader.pages:
            text = (page.extract_text() or "").strip("\n")
            if text.strip():
                pages.append(" " + text.lstrip())
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(f"not a valid pdf: {type(exc).__name__}: {exc}", "corrupt") from None
    if not pages:
        raise ReadError("pdf has no text layer (scanned images?); run OCR first", "empty")
    return SourceText(text="\n".join(pages), format="pdf", encoding="utf-8")


_DROP_TAGS = ("script", "style", "noscript", "nav", "footer", "header", "aside", "form", "iframe",
              "button", "select", "svg", "template")
_BOILERPLATE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|header|sidebar|side|breadcrumbs?|crumbs?|copyright|share|"
    r"social|comments?|related|recommend|advert|ads?|banner|toolbar|pager|pagination|login)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTENT_ATTR = re.compile(r"article|content|main|post|text|detail|zhengwen|正文", re.IGNORECASE)
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "table", "tr", "td", "th",
               "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "br", "dd", "dt", "center"}


@register_reader("html")
def read_html(data: bytes, path: str) -> SourceText:  # noqa: ARG001
    """The article text of a web page: navigation, header, footer and scripts dropped."""
    import lxml.html  # noqa: PLC0415

    text, encoding = _decode_html(data)
    try:
        root = lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise ReadError(f"not valid html: {exc}", "corrupt") from None
    for element in list(root.iter(*_DROP_TAGS)):
        if element.tag in {"header", "footer"} and any(a.tag in {"article", "main"} for a in element.iterancestors()):
            continue  # an article's own header holds its title
        if element.getparent() is not None:
            element.drop_tree()
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        attrs = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
        if _BOILERPLATE_ATTR.search(attrs) and not _CONTENT_ATTR.search(attrs):
            element.drop_tree()
    body = root.find("body")
    container = _article_container(body if body is not None else root)
    lines: list[str] = []
    headings: dict[int, int] = {}
    _html_lines(container, lines, headings)
    if not lines:
        title = root.findtext(".//title") or ""
        if title.strip():
            lines.append(title.strip())
    return SourceText(text="\n".join(lines), format="html", encoding=encoding, headings=headings)


def _decode_html(data: bytes) -> tuple[str, str]:
    declared = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.IGNORECASE)
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = {"gb2312": "gb18030", "gbk": "gb18030"}.get(name, name)
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return _decode(data)


def _article_container(body):
    """The element holding the article: ``<article>``/``<main>``, else the richest content block."""
    for tag in ("article", "main"):
        found = body.find(f".//{tag}")
        if found is not None and len(found.text_content().strip()) > 50:
            return found
    best, best_len = body, 0
    total = len(body.text_content())
    for element in body.iter("div", "section", "td"):
        attrs = f"{element.get('class', '')} {element.get('id', '')}"
        if _CONTENT_ATTR.search(attrs):
            size = len(element.text_content().strip())
            if size > best_len and size > 0.3 * total:
                best, best_len = element, size
    return best


def _html_lines(container, lines: list[str], headings: dict[int, int]) -> None:
    buffer: list[str] = []

    def flush() -> None:
        line = re.sub(r"[ \t\r\n]+", " ", "".join(buffer)).strip()
        buffer.clear()
        if line:
            lines.append(line)

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag in _BLOCK_TAGS
        if block:
            flush()
        if tag and re.fullmatch(r"h[1-6]", tag):
            text = re.sub(r"\s+", " ", element.text_content()).strip()
            if text:
                headings[len(lines)] = int(tag[1])
                lines.append(text)
        else:
            if element.text and tag:
                buffer.append(element.text)
            for child in element:
                walk(child)
                if child.tail:
                    buffer.append(child.tail)
        if block:
            flush()

    walk(container)
    flush()
