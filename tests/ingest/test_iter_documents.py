"""iter_documents and ingest over folders: order, ids, metadata, bad files, atomic output."""

from __future__ import annotations

import json
import shutil

import pytest

from dangjian_nlp.errors import InputError
from dangjian_nlp.ingest import ingest, iter_documents, iter_files, plural, summary_line
from dangjian_nlp.types import Document, IngestError

from ingest_builders import MEASURE_TEXT, PROBLEM_TEXT, build_docx, build_pdf

GOOD_TEXT = f"关于加强机关党建的调研报告\n一、存在的问题\n{PROBLEM_TEXT}\n二、对策建议\n{MEASURE_TEXT}\n"


@pytest.fixture()
def mixed_folder(tmp_path, corpus_dir):
    """Good files (one seed, nested non-ASCII names, docx, pdf) and bad ones side by side."""
    root = tmp_path / "报告集"
    (root / "二级 目录").mkdir(parents=True)
    shutil.copy(corpus_dir / "001_6760920c93c036ae.txt", root / "001.txt")
    (root / "二级 目录" / "调研报告（2021）.txt").write_bytes(GOOD_TEXT.encode("gb18030"))
    (root / "b.docx").write_bytes(build_docx([(PROBLEM_TEXT, None)]))
    (root / "c.pdf").write_bytes(build_pdf([["一、存在的问题", PROBLEM_TEXT[:30]]]))
    (root / "empty.txt").write_bytes(b"")
    (root / "broken.docx").write_bytes(b"PK\x03\x04not really a zip")
    (root / "broken.pdf").write_bytes(b"%PDF-1.7\n%%EOF")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (root / "README.md").write_text("# 说明\n这个文件夹收集调研报告。", encoding="utf-8")
    (root / ".hidden.txt").write_text(GOOD_TEXT, encoding="utf-8")
    return root


def test_folders_are_walked_recursively_in_sorted_order(mixed_folder):
    labels = [label.split("报告集/", 1)[1] for _, label in iter_files([mixed_folder])]
    assert labels == ["001.txt", "b.docx", "broken.docx", "broken.pdf", "c.pdf", "empty.txt", "image.png",
                      "二级 目录/调研报告（2021）.txt"]


def test_bad_files_become_errors_and_the_rest_goes_on(mixed_folder):
    items = list(iter_documents([mixed_folder]))
    documents = [i for i in items if isinstance(i, Document)]
    errors = {e.path.rsplit("/", 1)[-1]: e for e in items if isinstance(e, IngestError)}
    assert [d.id for d in documents] == ["001-00", "b-00", "c-00", "调研报告（2021）-00"]
    assert {name: e.kind for name, e in errors.items()} == {
        "broken.docx": "corrupt", "broken.pdf": "corrupt", "empty.txt": "empty", "image.png": "unsupported"}
    assert all(e.path.startswith(mixed_folder.as_posix()) and e.reason for e in errors.values())


def test_on_error_receives_the_errors_instead_of_the_stream(mixed_folder):
    seen: list[IngestError] = []
    items = list(iter_documents([mixed_folder], on_error=seen.append))
    assert all(isinstance(i, Document) for i in items)
    assert len(seen) == 4


def test_document_metadata_names_format_encoding_and_hash(mixed_folder):
    by_id = {d.id: d for d in iter_documents([mixed_folder]) if isinstance(d, Document)}
    nested = by_id["调研报告（2021）-00"]
    assert nested.source == (mixed_folder / "二级 目录" / "调研报告（2021）.txt").as_posix()
    assert nested.meta["encoding"] == "gb18030"
    assert nested.meta["format"] == "txt"
    assert len(nested.meta["sha256"]) == 64
    assert nested.title == "关于加强机关党建的调研报告"
    assert [p.role for p in nested.passages] == ["problem", "measure"]
    assert by_id["b-00"].meta["format"] == "docx"
    assert by_id["c-00"].meta["format"] == "pdf"


def test_a_named_readme_is_read_but_a_found_one_is_skipped(mixed_folder):
    [document] = list(iter_documents([mixed_folder / "README.md"]))
    assert document.id == "README-00"


def test_same_stem_in_two_folders_gets_distinct_ids(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(GOOD_TEXT, encoding="utf-8")
    ids = [d.id for d in iter_documents([tmp_path])]
    assert ids == ["report-00", "report~2-00"]


def test_missing_path_raises_before_anything_is_read(tmp_path):
    with pytest.raises(InputError, match="nope.txt: no such file or folder"):
        iter_documents([tmp_path / "nope.txt"])
    with pytest.raises(InputError, match="no input paths"):
        iter_documents([])


def test_passages_are_slices_of_their_document(seed_documents):
    for document in seed_documents:
        assert document.passages, document.id
        for passage in document.passages:
            assert passage.text == document.text[passage.start:passage.end]
            assert passage.text.strip() == passage.text and passage.text


@pytest.mark.parametrize("count, noun, plural_noun, expected", [
    (0, "file", None, "0 files"),
    (1, "file", None, "1 file"),
    (2, "file", None, "2 files"),
    (1, "entry", "entries", "1 entry"),
    (3, "entry", "entries", "3 entries"),
])
def test_plural_agrees_with_the_count(count, noun, plural_noun, expected):
    assert plural(count, noun, plural_noun) == expected


@pytest.mark.parametrize("documents, files, errors, expected", [
    (1, 1, 1, "1 document from 1 file, 1 error → out/"),
    (0, 2, 2, "0 documents from 2 files, 2 errors → out/"),
])
def test_summary_line_is_singular_for_one(documents, files, errors, expected):
    assert summary_line(documents=documents, files=files, errors=errors, out_dir="out") == expected


def test_ingest_writes_documents_and_errors_jsonl(mixed_folder, tmp_path):
    out = tmp_path / "out"
    summary = ingest([mixed_folder], out_dir=out, progress=False)
    assert (summary.documents, summary.errors, summary.files) == (4, 4, 8)
    assert summary.line() == f"4 documents from 8 files, 4 errors → {out.as_posix()}/"
    rows = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["001-00", "b-00", "c-00", "调研报告（2021）-00"]
    assert {"id", "source", "span", "title", "authors", "text", "sections", "passages", "schema_version"} <= set(rows[0])
    assert Document.from_dict(rows[0]).passages[0].text == rows[0]["passages"][0]["text"]
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(e["kind"] for e in errors) == ["corrupt", "corrupt", "empty", "unsupported"]
    assert sorted(p.name for p in out.iterdir()) == ["documents.jsonl", "errors.jsonl"]


def test_ingest_is_byte_for_byte_repeatable(corpus_dir, tmp_path):
    first = ingest([corpus_dir], out_dir=tmp_path / "one", progress=False)
    second = ingest([corpus_dir], out_dir=tmp_path / "two", progress=False)
    assert first.documents == second.documents == 24
    assert (tmp_path / "one" / "documents.jsonl").read_bytes() == (tmp_path / "two" / "documents.jsonl").read_bytes()


def test_ingest_keeps_the_previous_output_when_interrupted(corpus_dir, tmp_path, monkeypatch):
    out = tmp_path / "out"
    ingest([corpus_dir / "001_6760920c93c036ae.txt"], out_dir=out, progress=False)
    before = (out / "documents.jsonl").read_bytes()

    def explode(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("dangjian_nlp.ingest.structure_document", explode)
    with pytest.raises(KeyboardInterrupt):
        ingest([corpus_dir], out_dir=out, progress=False)
    assert (out / "documents.jsonl").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["documents.jsonl", "errors.jsonl"]


def test_ingest_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="missing"):
        ingest([tmp_path / "missing"], out_dir=tmp_path / "out")


def test_an_output_folder_inside_the_input_is_not_read(corpus_dir, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(corpus_dir / "001_6760920c93c036ae.txt", folder)
    ingest([folder], out_dir=folder / "out")
    (folder / "out" / "manifest.json").write_text("{}", encoding="utf-8")
    found = [path.name for path, _ in iter_files([folder])]
    assert found == ["001_6760920c93c036ae.txt"]


def test_a_file_named_twice_is_read_once(corpus_dir):
    seed = corpus_dir / "004_c4f700dea521b0cf.txt"
    found = [path.name for path, _ in iter_files([corpus_dir, seed])]
    assert found.count(seed.name) == 1


@pytest.mark.parametrize("name, skipped", [
    ("README.md", True), ("SOURCE.md", True), ("INDEX.tsv", True), ("index.html", False), ("source.docx", False),
])
def test_only_plain_documentation_files_are_skipped_in_a_folder(tmp_path, name, skipped):
    (tmp_path / name).write_bytes(b"x")
    assert ([p.name for p, _ in iter_files([tmp_path])] == []) is skipped
