"""Files for other programs: the JSON Schema of documents.jsonl, a long-format tags.csv and a
REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA and QualCoder.

Example:
    >>> from dangjian_nlp.export import document_schema, write_tags_csv, write_qdpx
    >>> document_schema()["title"]
    'dangjian-nlp document'
"""

from dangjian_nlp.export.qdpx import QDA_NAMESPACE, project_xml, qdpx_bytes, write_qdpx
from dangjian_nlp.export.schema import (
    read_documents,
    ValidationIssue,
    document_schema,
    schema_text,
    validate_document,
    validate_documents,
)
from dangjian_nlp.export.tags_csv import TAGS_COLUMNS, iter_tag_rows, tags_csv_text, write_tags_csv

__all__ = [
    "QDA_NAMESPACE", "TAGS_COLUMNS", "ValidationIssue", "document_schema", "iter_tag_rows", "project_xml",
    "qdpx_bytes", "read_documents", "schema_text", "tags_csv_text", "validate_document", "validate_documents", "write_qdpx",
    "write_tags_csv",
]
