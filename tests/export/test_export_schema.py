"""The published JSON Schema of documents.jsonl: valid itself, real output validates, bad lines are named."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from dangjian_nlp import io
from dangjian_nlp.errors import InputError
from dangjian_nlp.export import document_schema, read_documents, schema_text, validate_document, validate_documents
from dangjian_nlp.types import SCHEMA_VERSION, Document


def test_schema_is_a_valid_draft_2020_12_schema():
    schema = document_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert json.loads(schema_text()) == schema


def test_schema_covers_every_document_field():
    fields = set(Document.__dataclass_fields__) | {"schema_version"}
    assert set(document_schema()["required"]) == fields
    assert set(document_schema()["properties"]) == fields


def test_document_schema_returns_a_fresh_copy():
    document_schema()["title"] = "changed"
    assert document_schema()["title"] == "dangjian-nlp document"


def test_small_corpus_validates(small_docs, tmp_path):
    path = tmp_path / "documents.jsonl"
    io.write_jsonl(path, (d.to_dict() for d in small_docs))
    assert validate_documents(path) == []
    assert validate_documents(tmp_path) == []  # an output folder works too


def test_gold_documents_validate(gold_documents):
    for document in gold_documents:
        assert validate_document(document.to_dict()) == [], document.id


def test_real_output_validates(real_documents, tmp_path):
    path = tmp_path / "documents.jsonl"
    io.write_jsonl(path, (d.to_dict() for d in real_documents))
    issues = validate_documents(path)
    assert issues == [], [str(i) for i in issues[:5]]
    assert [d.id for d in read_documents(path)] == [d.id for d in real_documents]


def _break_role(d):
    d["passages"][0]["role"] = "opinion"


def _break_missing(d):
    del d["title"]


def _break_extra(d):
    d["colour"] = "red"


def _break_score(d):
    d["passages"][0]["problems"][0]["score"] = 1.5


def _break_passage_offsets(d):
    d["passages"][0]["start"] += 1


def _break_evidence_offsets(d):
    d["passages"][0]["problems"][0]["evidence"][0]["end"] -= 1


def _break_evidence_empty(d):
    d["passages"][0]["problems"][0]["evidence"] = []


@pytest.mark.parametrize(("breaker", "where", "message"), [
    (_break_role, "passages/0/role", "'opinion' is not one of"),
    (_break_missing, "", "'title' is a required property"),
    (_break_extra, "", "Additional properties are not allowed"),
    (_break_score, "passages/0/problems/0/score", "1.5 is greater than the maximum of 1"),
    (_break_passage_offsets, "passages/0", "text differs from document text"),
    (_break_evidence_offsets, "passages/0/problems/0/evidence/0", "quote is not passage text"),
    (_break_evidence_empty, "passages/0/problems/0/evidence", "should be non-empty"),
])
def test_broken_lines_are_reported_with_line_and_place(small_docs, tmp_path, breaker, where, message):
    rows = [d.to_dict() for d in small_docs]
    breaker(rows[1])
    path = tmp_path / "documents.jsonl"
    io.write_jsonl(path, rows)
    issues = validate_documents(path)
    assert issues, "the broken line passed"
    assert {i.line for i in issues} == {2}
    assert issues[0].document == rows[1].get("id")
    assert any(i.where == where and message in i.message for i in issues), [str(i) for i in issues]
    assert str(issues[0]).startswith(f"line 2: {rows[1]['id']}: ")


def test_offsets_check_can_be_switched_off(small_docs):
    row = small_docs[0].to_dict()
    _break_passage_offsets(row)
    assert validate_document(row, check_offsets=False) == []
    assert validate_document(row)


def test_invalid_json_line(tmp_path, small_docs):
    path = tmp_path / "documents.jsonl"
    path.write_text(json.dumps(small_docs[0].to_dict(), ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    issues = validate_documents(path)
    assert [(i.line, i.message.split(" (")[0]) for i in issues] == [(2, "not valid JSON")]


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        validate_documents(tmp_path / "nope.jsonl")
