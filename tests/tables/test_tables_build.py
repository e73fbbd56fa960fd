"""Comparison tables against the small tagged corpus (known counts) and the gold dev essays."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dangjian_nlp.errors import InputError
from dangjian_nlp.tables import (
    Labels,
    build_tables,
    compare,
    group_code_table,
    resolve_labels,
    topic_group_table,
)
from dangjian_nlp.tables.build import TOTAL
from dangjian_nlp.tables.detect import load_rules

import dangjian_test_small_corpus as small_corpus  # loaded by the conftest


def cell(table, row_key, column_id):
    row = next(r for r in table.rows if r[0] == row_key)
    return row[table.column_ids.index(column_id)]


def quote(table, row_key, column_id):
    index = next(i for i, r in enumerate(table.rows) if r[0] == row_key)
    return table.quotes[index][table.column_ids.index(column_id)]


@pytest.fixture()
def tables(small_docs, codebook):
    return build_tables(small_docs, codebook=codebook, topics=small_corpus.TOPICS,
                        metadata={"court_2021.txt": {"region": "厦门"}, "procuratorate.txt": {"region": "厦门"},
                                  "court_b.txt": {"region": "河北"}})


EXPECTED_CELLS = [
    # document × code: passages carrying the label
    ("document_problem", "fy-01", "P.priority", 2),
    ("document_problem", "fy-01", "P.part_time", 1),
    ("document_problem", "jc-01", "P.priority", 2),
    ("document_problem", "fy-02", "P.part_time", 2),
    ("document_problem", "fy-02", "P.priority", 0),
    ("document_problem", TOTAL, "P.priority", 4),
    ("document_problem", TOTAL, "P.part_time", 3),
    ("document_problem", "fy-01", "total", 3),
    ("document_measure", "jc-01", "M.integration", 1),
    ("document_measure", TOTAL, "M.staffing", 3),
    ("document_measure", TOTAL, "total", 9),
    # group × code: reports whose document-level tags include the label
    ("org_problem", "法院", "documents", 2),
    ("org_problem", "法院", "passages", 9),
    ("org_problem", "法院", "P.priority", 1),
    ("org_problem", "法院", "P.part_time", 1),
    ("org_problem", "检察院", "P.priority", 1),
    ("org_problem", TOTAL, "P.priority", 2),
    ("org_measure", "法院", "M.staffing", 1),
    ("org_measure", "法院", "M.incentive", 0),
    ("source_problem", "court_2021.txt", "P.priority", 1),
    ("source_measure", "procuratorate.txt", "M.assessment", 1),
    ("year_problem", "2021", "P.priority", 1),
    ("year_problem", "2019", "P.priority", 1),
    ("year_problem", "未识别", "P.part_time", 1),
    ("region_problem", "厦门", "documents", 2),
    ("region_problem", "厦门", "P.priority", 2),
    ("region_problem", "河北", "P.part_time", 1),
    # problem → countermeasure
    ("problem_measure", "重业务轻党建 (P.priority)", "documents", 2),
    ("problem_measure", "重业务轻党建 (P.priority)", "answered", 2),
    ("problem_measure", "重业务轻党建 (P.priority)", "M.mindset", 1),
    ("problem_measure", "重业务轻党建 (P.priority)", "M.assessment", 1),
    ("problem_measure", "重业务轻党建 (P.priority)", "M.staffing", 0),
    ("problem_measure", "兼职与力量不足 (P.part_time)", "answered", 1),
    ("problem_measure", "兼职与力量不足 (P.part_time)", "M.staffing", 1),
    ("problem_measure", "考核评价 (P.assessment)", "documents", 0),
    # topic × group: mean weight, documents without the topic count as 0
    ("topic_org", "0", "法院", 0.4),
    ("topic_org", "1", "法院", 0.6),
    ("topic_org", "0", "检察院", 0.4),
    ("topic_year", "1", "未识别", 1.0),
]


@pytest.mark.parametrize(("name", "row", "column", "expected"), EXPECTED_CELLS)
def test_known_counts(tables, name, row, column, expected):
    assert cell(tables[name], row, column) == expected


def test_table_order_and_names(tables):
    assert list(tables) == [
        "document_problem", "document_measure", "source_problem", "source_measure", "org_problem", "org_measure",
        "year_problem", "year_measure", "region_problem", "region_measure", "problem_measure",
        "topic_source", "topic_org", "topic_year", "topic_region",
    ]


def test_rows_are_sorted_whatever_the_input_order(tables):
    assert [r[0] for r in tables["document_problem"].rows] == ["fy-01", "fy-02", "jc-01", TOTAL]
    assert [r[0] for r in tables["year_problem"].rows] == ["2019", "2021", load_rules().unknown, TOTAL]


def test_columns_follow_the_codebook(tables, codebook):
    ids = tables["document_problem"].column_ids
    assert ids[3:-1] == [p["id"] for p in codebook["problems"]]
    assert tables["document_problem"].columns[3] == "重业务轻党建 (P.priority)"


@pytest.mark.parametrize(("name", "row", "column", "expected"), [
    # the highest-scoring evidence wins (0.9 over 0.7)
    ("document_problem", "fy-01", "P.priority", "有的庭室认为审判是硬任务、党建是软指标。"),
    ("document_measure", "fy-01", "M.mindset", "二要树立一盘棋思想，摆正党建位置。"),
    ("org_problem", "法院", "P.part_time", "党务干部大多是兼职，身兼数职。"),
    ("document_problem", "fy-02", "P.priority", ""),
])
def test_representative_quotes(tables, name, row, column, expected):
    assert quote(tables[name], row, column) == expected


def test_quotes_have_the_shape_of_the_rows(tables):
    for table in tables.values():
        if table.quotes is not None:
            assert [len(r) for r in table.quotes] == [len(r) for r in table.rows]
        assert all(len(r) == len(table.columns) for r in table.rows)


def test_passage_counts_mode(small_docs, codebook):
    labels = resolve_labels(codebook)
    table = group_code_table(small_docs, by="org", kind="problem", labels=labels, count="passages")
    assert cell(table, "法院", "P.priority") == 2
    assert cell(table, "法院", "P.part_time") == 3
    assert table.title.endswith("（段落数）")


@pytest.mark.parametrize("by", ["nonexistent", "region"])
def test_unknown_grouping_is_a_clear_error(small_docs, codebook, by):
    with pytest.raises(InputError, match="unknown grouping"):
        compare(small_docs, by=by, codebook=codebook)


def test_unknown_count_is_a_clear_error(small_docs, codebook):
    with pytest.raises(InputError, match="unknown count"):
        compare(small_docs, by="org", codebook=codebook, count="words")


def test_metadata_field_falls_back_to_document_meta(small_docs, codebook):
    for document in small_docs:
        document.meta["level"] = "中级" if document.id == "fy-01" else "基层"
    tables = compare(small_docs, by="level", codebook=codebook)
    assert [r[0] for r in tables[0].rows] == ["中级", "基层", TOTAL]


def test_compare_adds_the_topic_table_only_with_topics(codebook):
    with_topics = compare(small_corpus.small_documents(), by="org", codebook=codebook, topics=small_corpus.TOPICS)
    without = compare(small_corpus.small_documents(with_topics=False), by="org", codebook=codebook)
    assert [t.name for t in with_topics] == ["org_problem", "org_measure", "topic_org"]
    assert [t.name for t in without] == ["org_problem", "org_measure"]


def test_topic_terms_read_from_strings_and_dicts(small_docs):
    table = topic_group_table(small_docs, by="org", topics=small_corpus.TOPICS)
    assert [r[:2] for r in table.rows] == [["0", "考核、党建、业务"], ["1", "党务、干部"]]


def test_labels_missing_from_the_codebook_still_get_a_column(small_docs):
    labels = resolve_labels({"P.priority": "重业务轻党建", "M.mindset": "思想认识"}, documents=small_docs)
    assert [label.id for label in labels.problems] == ["P.priority", "P.part_time"]
    assert isinstance(labels, Labels)
    assert labels.get("P.part_time").name == "P.part_time"


def test_packaged_codebook_when_none_given(small_docs):
    tagging = pytest.importorskip("dangjian_nlp.tagging")
    if not hasattr(tagging, "load_codebook"):
        pytest.skip("the tagging stage has no load_codebook yet")
    labels = resolve_labels(None)
    assert {"P.priority", "P.disconnect"} <= {label.id for label in labels.problems}
    assert "M.integration" in labels.answers.get("P.disconnect", ())


# --- the gold dev essays: counts must agree with the independent per-document counts -------

@pytest.fixture(scope="module")
def gold_counts(shared_dir: Path) -> dict:
    path = shared_dir / "eval" / "dev" / "documents.jsonl"
    return {row["doc"]: row for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if row}


def test_gold_document_tables_match_the_dev_counts(gold_documents, gold_counts, codebook):
    tables = build_tables(gold_documents, codebook=codebook)
    for kind, counts_key in (("problem", "problem_counts"), ("measure", "measure_counts")):
        table = tables[f"document_{kind}"]
        for row in table.rows[:-1]:
            expected = gold_counts[row[0]][counts_key]
            found = {table.column_ids[i]: v for i, v in enumerate(row) if i >= 3 and table.column_ids[i] != "total" and v}
            assert found == expected, row[0]


def test_gold_problem_measure_matches_the_dev_document_labels(gold_documents, gold_counts, codebook):
    table = build_tables(gold_documents, codebook=codebook)["problem_measure"]
    for problem in codebook["problems"]:
        diagnosing = [d for d, row in gold_counts.items() if problem["id"] in row["problems"]]
        row = next(r for r in table.rows if r[0].endswith(f"({problem['id']})"))
        assert row[1] == len(diagnosing)
        for measure in codebook["measures"]:
            both = sum(1 for d in diagnosing if measure["id"] in gold_counts[d]["measures"])
            assert row[table.column_ids.index(measure["id"])] == both
