"""REFI-QDA project export: re-read the zip and the XML, check the structure the standard requires."""

from __future__ import annotations

import re
import uuid
import zipfile
from xml.etree import ElementTree as ET

import pytest

from dangjian_nlp.export import QDA_NAMESPACE, write_qdpx

NS = {"q": QDA_NAMESPACE}
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
# Element order of the REFI-QDA Project 1.0 schema (Project.xsd sequences).
PROJECT_ORDER = ["Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Sets", "Graphs", "Description"]
TEXT_SOURCE_ORDER = ["Description", "PlainTextContent", "PlainTextSelection", "Coding", "NoteRef", "VariableValue"]
SELECTION_ORDER = ["Description", "Coding", "NoteRef"]


def local(element):
    return element.tag.split("}", 1)[1]


def in_order(children, order):
    positions = [order.index(local(c)) for c in children]
    return positions == sorted(positions)


@pytest.fixture()
def project(small_docs, codebook, tmp_path):
    path = write_qdpx(small_docs, tmp_path / "project.qdpx", codebook=codebook)
    archive = zipfile.ZipFile(path)
    root = ET.fromstring(archive.read("project.qde"))
    return archive, root


def test_zip_layout(project, small_docs):
    archive, _ = project
    names = archive.namelist()
    assert names[0] == "project.qde"
    assert len([n for n in names if n.startswith("Sources/") and n.endswith(".txt")]) == len(small_docs)
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_project_element(project):
    _, root = project
    assert root.tag == f"{{{QDA_NAMESPACE}}}Project"
    assert root.get("name") and root.get("origin").startswith("dangjian-nlp")
    assert in_order(list(root), PROJECT_ORDER)
    users = root.findall("q:Users/q:User", NS)
    assert len(users) == 1 and root.get("creatingUserGUID") == users[0].get("guid")


def test_codebook(project, codebook):
    _, root = project
    codes = root.findall(".//q:CodeBook/q:Codes//q:Code", NS)
    assert all(GUID.match(c.get("guid")) and COLOUR.match(c.get("color")) for c in codes)
    assert all(c.get("isCodable") in ("true", "false") for c in codes)
    assert len({c.get("guid") for c in codes}) == len(codes)
    parents = root.findall("q:CodeBook/q:Codes/q:Code", NS)
    assert [p.get("name") for p in parents] == ["段落角色", "问题类型", "对策类型"]
    problem_codes = parents[1].findall("q:Code", NS)
    assert [c.find("q:Description", NS).text for c in problem_codes] == [p["id"] for p in codebook["problems"]]
    assert problem_codes[0].get("name") == "重业务轻党建 (P.priority)"
    assert len(parents[2].findall("q:Code", NS)) == len(codebook["measures"])


def test_sources_and_selections(project, small_docs):
    archive, root = project
    codes = {c.get("guid"): c for c in root.findall(".//q:Code", NS)}
    by_passage = {p.id: (d, p) for d in small_docs for p in d.passages}
    sources = root.findall("q:Sources/q:TextSource", NS)
    assert [s.get("name").split()[0] for s in sources] == ["fy-01", "fy-02", "jc-01"]
    selections = 0
    for source in sources:
        assert GUID.match(source.get("guid"))
        assert in_order(list(source), TEXT_SOURCE_ORDER)
        path = source.get("plainTextPath")
        assert path == f"internal://{source.get('guid')}.txt"
        text = archive.read(f"Sources/{path.removeprefix('internal://')}").decode("utf-8")
        for selection in source.findall("q:PlainTextSelection", NS):
            selections += 1
            assert in_order(list(selection), SELECTION_ORDER)
            document, passage = by_passage[selection.get("name")]
            assert text == document.text
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert text[start:end] == passage.text
            targets = [codes[ref.get("targetGUID")] for ref in selection.findall("q:Coding/q:CodeRef", NS)]
            assert all(t.get("isCodable") == "true" for t in targets)
            described = [t.find("q:Description", NS).text for t in targets]
            expected = [passage.role] + [t.id for t in (*passage.problems, *passage.measures)]
            assert described == expected
    # every passage but jc-01's closing "other" passage is coded
    assert selections == sum(len(d.passages) for d in small_docs) - 1


def test_evidence_goes_into_the_selection_description(project):
    _, root = project
    selection = next(s for s in root.iter(f"{{{QDA_NAMESPACE}}}PlainTextSelection") if s.get("name") == "fy-01-p001")
    note = selection.find("q:Description", NS).text
    assert "重业务轻党建 (P.priority) [0.90]：有的庭室认为审判是硬任务、党建是软指标。" in note


def test_variables(project):
    _, root = project
    variables = {v.get("guid"): v.get("name") for v in root.findall("q:Variables/q:Variable", NS)}
    assert sorted(variables.values()) == sorted(["来源文件", "单位类型", "年份"])
    source = next(s for s in root.findall("q:Sources/q:TextSource", NS) if s.get("name").startswith("fy-01"))
    values = {variables[v.find("q:VariableRef", NS).get("targetGUID")]: v.find("q:TextValue", NS).text
              for v in source.findall("q:VariableValue", NS)}
    assert values == {"来源文件": "reports/court_2021.txt", "单位类型": "法院", "年份": "2021"}


def test_control_characters_do_not_break_the_xml(small_docs, codebook, tmp_path):
    """PDF text keeps form feeds; XML 1.0 cannot carry them, the source text file still does."""
    document = small_docs[0]
    document.title = "标题\x0c带换页符"
    passage = document.passages[0]
    passage.problems[0].evidence[0] = type(passage.problems[0].evidence[0])(0, 3, passage.text[:3] + "\x0b")
    path = write_qdpx(small_docs, tmp_path / "p.qdpx", codebook=codebook)
    with zipfile.ZipFile(path) as archive:
        root = ET.fromstring(archive.read("project.qde"))
    names = [s.get("name") for s in root.findall("q:Sources/q:TextSource", NS)]
    assert "fy-02 标题带换页符" in names


@pytest.mark.parametrize(("kind", "key"), [("code", "P.priority"), ("selection", "中文-p001"), ("user", "")])
def test_guids_are_uuid5_of_the_ids(kind, key):
    from dangjian_nlp.export.qdpx import GUID_NAMESPACE, guid

    assert guid(kind, key) == str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}"))


def test_same_input_same_bytes(small_docs, codebook, tmp_path):
    a = write_qdpx(small_docs, tmp_path / "a.qdpx", codebook=codebook).read_bytes()
    b = write_qdpx(list(reversed(small_docs)), tmp_path / "b.qdpx", codebook=codebook).read_bytes()
    assert a == b


def test_real_documents(real_documents, tmp_path):
    path = write_qdpx(real_documents, tmp_path / "project.qdpx")
    with zipfile.ZipFile(path) as archive:
        root = ET.fromstring(archive.read("project.qde"))
        texts = {s.get("guid"): archive.read(f"Sources/{s.get('guid')}.txt").decode("utf-8")
                 for s in root.findall("q:Sources/q:TextSource", NS)}
    assert len(texts) == len(real_documents)
    passages = {p.id: p.text for d in real_documents for p in d.passages}
    for source in root.findall("q:Sources/q:TextSource", NS):
        for selection in source.findall("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert texts[source.get("guid")][start:end] == passages[selection.get("name")]
