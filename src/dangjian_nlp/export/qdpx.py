"""REFI-QDA Project export (.qdpx) so that NVivo, ATLAS.ti, MAXQDA and QualCoder users can open
the coded corpus.

A .qdpx file is a zip holding ``project.qde`` (XML in the ``urn:QDA-XML:project:1.0``
namespace) and the source texts under ``Sources/``. What goes in:

* ``CodeBook``: three parent codes (段落角色, 问题类型, 对策类型) whose children are the roles and
  the codebook labels, each with a colour and its id in the description;
* ``Variables``: 来源文件, 单位类型 and 年份, with a value on every source;
* ``Sources``: one ``TextSource`` per essay, its cleaned text stored as UTF-8 in
  ``Sources/<guid>.txt``, and one ``PlainTextSelection`` per coded passage (start/end are
  code-point offsets into that text) coded with the passage's role and labels; the evidence
  quotes go into the selection's description.

Same input, same bytes: GUIDs are uuid5 of the ids, no creation times, fixed zip timestamps.
"""

from __future__ import annotations

import hashlib
import io as _io
import logging
import os
import re
import uuid
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml import etree as ET

from dangjian_nlp import __version__, io
from dangjian_nlp.tables.detect import detect_org_type, detect_year, load_rules
from dangjian_nlp.tables.labels import ROLE_NAMES, Labels, resolve_labels
from dangjian_nlp.types import Document, Passage

LOGGER = logging.getLogger(__name__)

QDA_NAMESPACE = "urn:QDA-XML:project:1.0"
PROJECT_FILE = "project.qde"
SOURCES_FOLDER = "Sources"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/dangjian-nlp/")
_NAMESPACE_BYTES = GUID_NAMESPACE.bytes
CODED_ROLES = ("problem", "cause", "measure", "experience")

PROBLEM_COLOURS = ("#C0392B", "#E67E22", "#D35400", "#E74C3C", "#A93226", "#F39C12", "#CA6F1E",
                   "#B03A2E", "#DC7633", "#922B21", "#F5B041", "#EC7063")
MEASURE_COLOURS = ("#1F618D", "#117A65", "#2874A6", "#148F77", "#5B2C6F", "#1A5276", "#239B56",
                   "#2E86C1", "#0E6655", "#6C3483", "#21618C", "#1D8348", "#2471A3", "#7D3C98")
ROLE_COLOURS = {"problem": "#922B21", "cause": "#B9770E", "measure": "#1A5276", "experience": "#196F3D"}
PARENT_COLOURS = {"roles": "#7F8C8D", "problem": "#C0392B", "measure": "#1F618D"}


def guid(kind: str, key: str) -> str:
    """A stable GUID for one project element: ``uuid5(GUID_NAMESPACE, f"{kind}:{key}")``.

    Computed straight from SHA-1 (what :func:`uuid.uuid5` does) without building UUID objects,
    which is the bulk of the export time on large corpora.
    """
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + f"{kind}:{key}".encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _q(tag: str) -> str:
    return f"{{{QDA_NAMESPACE}}}{tag}"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (form feeds from PDFs, stray controls)."""
    return _NOT_XML.sub("", text)


def _sub(parent: ET._Element, tag: str, **attributes: str) -> ET._Element:
    return ET.SubElement(parent, _q(tag), {k: xml_safe(v) for k, v in attributes.items() if v is not None})


def _description(parent: ET._Element, text: str) -> None:
    if text:
        _sub(parent, "Description").text = xml_safe(text)


def _code_book(project: ET._Element, labels: Labels) -> dict[str, str]:
    """Write the CodeBook; return code GUIDs by ``role:<role>`` and by label id."""
    codes = _sub(_sub(project, "CodeBook"), "Codes")
    guids: dict[str, str] = {}
    roles = _sub(codes, "Code", guid=guid("code", "roles"), name="段落角色", isCodable="false",
                 color=PARENT_COLOURS["roles"])
    _description(roles, "Passage roles (codebook v1)")
    for role in CODED_ROLES:
        key = f"role:{role}"
        guids[key] = guid("code", key)
        code = _sub(roles, "Code", guid=guids[key], name=ROLE_NAMES[role], isCodable="true", color=ROLE_COLOURS[role])
        _description(code, role)
    for kind, title, palette in (("problem", "问题类型", PROBLEM_COLOURS), ("measure", "对策类型", MEASURE_COLOURS)):
        parent = _sub(codes, "Code", guid=guid("code", f"{kind}s"), name=title, isCodable="false",
                      color=PARENT_COLOURS[kind])
        _description(parent, f"{kind} types")
        for index, label in enumerate(labels.of_kind(kind)):
            guids[label.id] = guid("code", label.id)
            code = _sub(parent, "Code", guid=guids[label.id], name=label.display, isCodable="true",
                        color=palette[index % len(palette)])
            _description(code, label.id)
    return guids


VARIABLES = (("source", "来源文件"), ("org_type", "单位类型"), ("year", "年份"))


def _variables(project: ET._Element) -> None:
    variables = _sub(project, "Variables")
    for key, name in VARIABLES:
        _sub(variables, "Variable", guid=guid("variable", key), name=name, typeOfVariable="Text")


def _variable_values(document: Document) -> dict[str, str]:
    year = detect_year(document)
    return {"source": document.source, "org_type": detect_org_type(document),
            "year": str(year) if year is not None else load_rules().unknown}


def _is_coded(passage: Passage) -> bool:
    return passage.role in CODED_ROLES or bool(passage.problems or passage.measures)


def _evidence_note(passage: Passage, labels: Labels) -> str:
    lines = []
    for tag in (*passage.problems, *passage.measures):
        for evidence in tag.evidence[:1]:
            lines.append(f"{labels.get(tag.id).display} [{tag.score:.2f}]：{evidence.quote}")
    return "\n".join(lines)


def _selection_name(passage: Passage) -> str:
    return passage.id


def _text_source(sources: ET._Element, document: Document, *, user: str, code_guids: dict[str, str],
                 labels: Labels) -> tuple[str, str]:
    source_guid = guid("source", document.id)
    file_name = f"{source_guid}.txt"
    name = f"{document.id} {document.title}".strip() if document.title else document.id
    element = _sub(sources, "TextSource", guid=source_guid, name=name[:200],
                   plainTextPath=f"internal://{file_name}", creatingUser=user)
    _description(element, "\n".join(filter(None, [document.source, *document.authors])))
    for passage in document.passages:
        if not _is_coded(passage):
            continue
        selection = _sub(element, "PlainTextSelection", guid=guid("selection", passage.id),
                         name=_selection_name(passage), startPosition=str(passage.start),
                         endPosition=str(passage.end), creatingUser=user)
        _description(selection, _evidence_note(passage, labels))
        targets = [f"role:{passage.role}"] if passage.role in CODED_ROLES else []
        targets += [tag.id for tag in (*passage.problems, *passage.measures)]
        for target in dict.fromkeys(targets):
            coding = _sub(selection, "Coding", guid=guid("coding", f"{passage.id}:{target}"), creatingUser=user)
            _sub(coding, "CodeRef", targetGUID=code_guids[target])
    for key, value in _variable_values(document).items():
        variable_value = _sub(element, "VariableValue")
        _sub(variable_value, "VariableRef", targetGUID=guid("variable", key))
        _sub(variable_value, "TextValue").text = xml_safe(value)
    return f"{SOURCES_FOLDER}/{file_name}", document.text


def project_xml(documents: Sequence[Document], *, labels: Labels, name: str = "dangjian-nlp"
                ) -> tuple[bytes, dict[str, str]]:
    """The ``project.qde`` XML and the source files it refers to.

    Args:
        documents: Tagged documents (sources in id order).
        labels: The codebook labels.
        name: Project name.

    Returns:
        ``(xml bytes, {zip path: text})``.
    """
    user = guid("user", "dangjian-nlp")
    project = ET.Element(_q("Project"), {"name": name, "origin": f"dangjian-nlp {__version__}",
                                         "creatingUserGUID": user}, nsmap={None: QDA_NAMESPACE})
    users = _sub(project, "Users")
    _sub(users, "User", guid=user, name="dangjian-nlp")
    code_guids = _code_book(project, labels)
    _variables(project)
    sources = _sub(project, "Sources")
    files: dict[str, str] = {}
    for document in sorted(documents, key=lambda d: d.id):
        path, text = _text_source(sources, document, user=user, code_guids=code_guids, labels=labels)
        files[path] = text
    xml = ET.tostring(project, encoding="utf-8", xml_declaration=True, pretty_print=True)
    return xml, files


def qdpx_bytes(documents: Sequence[Document], *, codebook: Any = None, name: str = "dangjian-nlp") -> bytes:
    """The whole .qdpx archive as bytes (see :func:`write_qdpx`)."""
    labels = resolve_labels(codebook, documents=documents)
    xml, files = project_xml(documents, labels=labels, name=name)
    buffer = _io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        entries = [(PROJECT_FILE, xml), *((path, files[path].encode("utf-8")) for path in sorted(files))]
        for entry_name, data in entries:
            info = zipfile.ZipInfo(entry_name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def write_qdpx(documents: Sequence[Document], path: str | os.PathLike[str], *, codebook: Any = None,
               name: str = "dangjian-nlp") -> Path:
    """Write the coded corpus as a REFI-QDA Project (.qdpx), atomically.

    Args:
        documents: Tagged documents.
        path: Destination (``OUT/project.qdpx``).
        codebook: Codebook object, id → name mapping or ``None`` for the packaged codebook.
        name: Project name shown by the QDA program.

    Returns:
        ``path``.
    """
    data = qdpx_bytes(documents, codebook=codebook, name=name)
    LOGGER.info("REFI-QDA project with %d sources -> %s", len(documents), path)
    return io.write_bytes(path, data)


__all__ = ["QDA_NAMESPACE", "guid", "project_xml", "qdpx_bytes", "write_qdpx"]
