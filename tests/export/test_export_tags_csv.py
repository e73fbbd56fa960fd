"""tags.csv: long format, one row per tag and evidence sentence, offsets that find the quote again."""

from __future__ import annotations

import csv
import io

from dangjian_nlp.export import TAGS_COLUMNS, write_tags_csv


def read_rows(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_rows_and_columns(small_docs, codebook, tmp_path):
    path = write_tags_csv(small_docs, tmp_path / "tags.csv", codebook=codebook)
    rows = read_rows(path)
    assert list(rows[0]) == list(TAGS_COLUMNS)
    assert len(rows) == sum(len(t.evidence) for d in small_docs for p in d.passages for t in (*p.problems, *p.measures))
    assert len(rows) == 16
    assert [r["document"] for r in rows] == sorted(r["document"] for r in rows)
    first = rows[0]
    assert (first["document"], first["passage"], first["label"], first["name"], first["score"], first["kind"]) == (
        "fy-01", "fy-01-p001", "P.priority", "重业务轻党建", "0.9", "problem")
    assert first["quote"] == "有的庭室认为审判是硬任务、党建是软指标。"


def test_one_row_per_evidence_sentence(small_docs, codebook, tmp_path):
    from dangjian_nlp.types import Evidence
    passage = next(p for d in small_docs for p in d.passages if p.id == "fy-01-p001")
    passage.problems[0].evidence.append(Evidence(0, 9, passage.text[:9]))
    rows = [r for r in read_rows(write_tags_csv(small_docs, tmp_path / "tags.csv", codebook=codebook))
            if r["passage"] == "fy-01-p001" and r["label"] == "P.priority"]
    assert [(r["evidence"], r["quote"]) for r in rows] == [
        ("1", "有的庭室认为审判是硬任务、党建是软指标。"), ("2", "一是重业务轻党建。")]
    assert int(rows[1]["quote_start"]) == passage.start


def test_offsets_point_at_the_quotes(small_docs, codebook, tmp_path):
    texts = {d.id: d.text for d in small_docs}
    for row in read_rows(write_tags_csv(small_docs, tmp_path / "tags.csv", codebook=codebook)):
        assert texts[row["document"]][int(row["quote_start"]):int(row["quote_end"])] == row["quote"]
        passage = texts[row["document"]][int(row["passage_start"]):int(row["passage_end"])]
        assert row["quote"] in passage


def test_real_documents(real_documents, tmp_path):
    rows = read_rows(write_tags_csv(real_documents, tmp_path / "tags.csv"))
    texts = {d.id: d.text for d in real_documents}
    assert rows, "the tagger found nothing in the seed essays"
    assert {r["kind"] for r in rows} == {"problem", "measure"}
    for row in rows:
        assert texts[row["document"]][int(row["quote_start"]):int(row["quote_end"])] == row["quote"]


def test_same_input_same_bytes(small_docs, codebook, tmp_path):
    a = write_tags_csv(small_docs, tmp_path / "a.csv", codebook=codebook).read_bytes()
    b = write_tags_csv(list(reversed(small_docs)), tmp_path / "b.csv", codebook=codebook).read_bytes()
    assert a == b


def test_no_tags_gives_a_header_only(tmp_path):
    rows = read_rows(write_tags_csv([], tmp_path / "tags.csv", codebook={}))
    assert rows == []
    assert (tmp_path / "tags.csv").read_text(encoding="utf-8-sig").startswith("document,source,passage")
