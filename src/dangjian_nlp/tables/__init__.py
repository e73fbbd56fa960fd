"""Comparison tables (NVivo's matrix coding query, automated) in CSV, XLSX and Markdown.

Example:
    >>> from dangjian_nlp.tables import build_tables, write_tables
    >>> tables = build_tables(documents, topics=topics)          # doctest: +SKIP
    >>> write_tables(tables, "out/tables")                       # doctest: +SKIP
"""

from dangjian_nlp.tables.build import (
    document_title,
    COUNTS,
    DEFAULT_GROUPINGS,
    Table,
    available_groupings,
    build_tables,
    compare,
    document_code_table,
    group_code_table,
    group_of,
    problem_measure_table,
    register_grouping,
    topic_group_table,
)
from dangjian_nlp.tables.detect import detect_org_type, detect_year, load_rules
from dangjian_nlp.tables.files import (
    compare_output,
    read_metadata,
    table_to_csv,
    table_to_markdown,
    workbook_bytes,
    write_markdown,
    write_tables,
    write_xlsx,
)
from dangjian_nlp.tables.labels import Label, Labels, resolve_labels

__all__ = [
    "COUNTS", "DEFAULT_GROUPINGS", "Label", "Labels", "Table", "available_groupings", "build_tables",
    "compare", "compare_output", "document_title", "detect_org_type", "detect_year", "document_code_table", "group_code_table", "group_of",
    "load_rules", "problem_measure_table", "read_metadata", "register_grouping", "resolve_labels",
    "table_to_csv", "table_to_markdown", "topic_group_table", "workbook_bytes", "write_markdown",
    "write_tables", "write_xlsx",
]
