"""Tables on disk: CSV with BOM, the XLSX re-read, Markdown, metadata CSV in, byte-identical reruns."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest

from dangjian_nlp.errors import InputError
from dangjian_nlp.tables import build_tables, read_metadata, table_to_markdown, write_tables

import dangjian_test_small_corpus as small_corpus  # loaded by the conftest


@pytest.fixture()
def tables(small_docs, codebook):
    return build_tables(small_docs, codebook=codebook, topics=small_corpus.TOPICS)


@pytest.fixture()
def written(tables, tmp_path):
    return tables, write_tables(tables, tmp_path / "tables"), tmp_path / "tables"


def test_files_written(written):
    tables, paths, out = written
    names = {p.name for p in paths}
    assert {f"{name}.csv" for name in tables} <= names
    assert {"document_problem.quotes.csv", "tables.xlsx", "tables.md"} <= names
    assert "problem_measure.quotes.csv" not in names
    assert all(p.is_file() for p in paths)
    assert not list(out.glob(".*.tmp"))


def test_csv_has_a_bom_and_reads_back(written):
    tables, _, out = written
    raw = (out / "document_problem.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    table = tables["document_problem"]
    assert rows[0] == table.columns
    assert rows[1:] == [[str(v) for v in row] for row in table.rows]


def test_quotes_csv_keeps_the_row_labels(written):
    _, _, out = written
    rows = list(csv.reader(io.StringIO((out / "document_problem.quotes.csv").read_text(encoding="utf-8-sig"))))
    fy01 = next(r for r in rows if r[0] == "fy-01")
    assert "有的庭室认为审判是硬任务、党建是软指标。" in fy01
    assert fy01[1] == "关于法院党建与审判业务融合的调研报告"


def test_xlsx_reread(written):
    tables, _, out = written
    workbook = openpyxl.load_workbook(out / "tables.xlsx")
    expected_sheets = []
    for name, table in tables.items():
        expected_sheets += [name, f"{name}_quotes"] if table.quotes is not None else [name]
    assert workbook.sheetnames == expected_sheets
    for name, table in tables.items():
        sheet = workbook[name]
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert values[0] == table.columns
        assert values[1:] == [[None if v == "" else v for v in row] for row in table.rows]
        assert sheet.freeze_panes == f"{openpyxl.utils.get_column_letter(table.index_columns + 1)}2"
        assert sheet["A1"].font.bold
    sheet = workbook["document_problem"]
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width  # titles are wider than ids
    assert sheet.column_dimensions["B"].width <= 60
    quotes = [list(r) for r in workbook["document_problem_quotes"].iter_rows(values_only=True)]
    fy01 = next(r for r in quotes if r[0] == "fy-01")
    column = tables["document_problem"].column_ids.index("P.priority")
    assert fy01[column] == "有的庭室认为审判是硬任务、党建是软指标。"
    assert workbook.properties.creator == "dangjian-nlp"


def test_long_sheet_names_are_cut_and_kept_unique(small_docs, codebook, tmp_path):
    metadata = {"court_2021.txt": {"一个非常非常非常非常非常非常长的字段名称用于测试工作表名称": "甲"}}
    tables = build_tables(small_docs, codebook=codebook, metadata=metadata)
    write_tables(tables, tmp_path, formats=("xlsx",))
    names = openpyxl.load_workbook(tmp_path / "tables.xlsx").sheetnames
    assert len(names) == len(set(n.lower() for n in names)) == len(tables) + sum(t.quotes is not None for t in tables.values())
    assert all(len(n) <= 31 for n in names)


def test_markdown(written):
    tables, _, out = written
    text = (out / "tables.md").read_text(encoding="utf-8")
    for table in tables.values():
        assert f"## {table.title}" in text
    assert "| fy-01 | 关于法院党建与审判业务融合的调研报告 | court_2021.txt | 2 |" in text
    assert "- fy-01 × 重业务轻党建 (P.priority)：有的庭室认为审判是硬任务、党建是软指标。" in text


def test_markdown_escapes_pipes(codebook):
    docs = small_corpus.small_documents()
    docs[0].title = "标题|带竖线"
    table = build_tables(docs, codebook=codebook)["document_problem"]
    assert "标题\\|带竖线" in table_to_markdown(table)


def test_same_input_same_bytes(small_docs, codebook, tmp_path):
    first = write_tables(build_tables(small_docs, codebook=codebook, topics=small_corpus.TOPICS), tmp_path / "a")
    second = write_tables(build_tables(small_corpus.small_documents(), codebook=codebook, topics=small_corpus.TOPICS),
                          tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    with zipfile.ZipFile(first[-2]) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_unknown_format(tables, tmp_path):
    with pytest.raises(InputError, match="unknown table format pdf"):
        write_tables(tables, tmp_path, formats=("csv", "pdf"))


# --- metadata CSV -----------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_read_metadata_encodings(tmp_path, encoding):
    path = tmp_path / "meta.csv"
    path.write_text("文件名,地区,层级\ncourt_2021.txt,厦门,市级\ncourt_b.txt,河北,县级\n", encoding=encoding)
    assert read_metadata(path) == {"court_2021.txt": {"地区": "厦门", "层级": "市级"},
                                   "court_b.txt": {"地区": "河北", "层级": "县级"}}


def test_read_metadata_key_column_anywhere(tmp_path):
    path = tmp_path / "meta.csv"
    path.write_text("region,file\n厦门,court_2021.txt\n", encoding="utf-8")
    assert read_metadata(path) == {"court_2021.txt": {"region": "厦门"}}


@pytest.mark.parametrize(("content", "message"), [
    ("file,region\n", "needs a header row and at least one data row"),
    ("file,region\na.txt,x\na.txt,y\n", "listed twice"),
])
def test_bad_metadata(tmp_path, content, message):
    path = tmp_path / "meta.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as error:
        read_metadata(path)
    assert str(path) in str(error.value)


def test_missing_metadata_file(tmp_path):
    with pytest.raises(InputError, match="cannot read the metadata CSV"):
        read_metadata(tmp_path / "nope.csv")


def test_metadata_joins_on_file_name_stem_or_path(small_docs, codebook, tmp_path):
    path = tmp_path / "meta.csv"
    path.write_text("file,region\ncourt_2021,厦门\nreports/procuratorate.txt,厦门\ncourt_b.txt,河北\n", encoding="utf-8")
    table = build_tables(small_docs, codebook=codebook, metadata=read_metadata(path))["region_problem"]
    assert [(r[0], r[1]) for r in table.rows] == [("厦门", 2), ("河北", 1), ("合计", 3)]
