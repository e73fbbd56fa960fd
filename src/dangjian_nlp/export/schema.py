"""The published JSON Schema of ``documents.jsonl`` and a validator for real output files.

The schema ships as ``data/documents.schema.json`` (``dangjian schema`` prints it). Besides
the schema, :func:`validate_documents` checks what a schema cannot: that every passage's text
is the document text at its offsets and every evidence quote is the passage text at its
offsets, so a consumer can trust the offsets.
"""

from __future__ import annotations

import copy
import functools
import json
import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from dangjian_nlp.errors import InputError

LOGGER = logging.getLogger(__name__)

SCHEMA_RESOURCE = "documents.schema.json"


@dataclass(frozen=True, slots=True)
class ValidationIssue:
    """One problem in a documents.jsonl file.

    Attributes:
        line: 1-based line number in the file.
        document: The document id, when the line had one.
        where: JSON path of the offending value (``passages/3/start``).
        message: What is wrong.
    """

    line: int
    document: str
    where: str
    message: str

    def __str__(self) -> str:
        location = f"{self.document}: " if self.document else ""
        where = f" at {self.where}" if self.where else ""
        return f"line {self.line}: {location}{self.message}{where}"


@functools.cache
def _schema_text() -> str:
    return resources.files("dangjian_nlp.export").joinpath("data", SCHEMA_RESOURCE).read_text(encoding="utf-8")


def schema_text() -> str:
    """The schema file exactly as shipped (what ``dangjian schema`` prints)."""
    return _schema_text()


def document_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one line of ``documents.jsonl``; a fresh copy each call."""
    return copy.deepcopy(_parsed_schema())


@functools.cache
def _parsed_schema() -> dict[str, Any]:
    return json.loads(_schema_text())


@functools.cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator  # noqa: PLC0415

    schema = _parsed_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _offset_issues(data: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    text = data.get("text", "")
    for p_index, passage in enumerate(data.get("passages", [])):
        start, end = passage.get("start", 0), passage.get("end", 0)
        if not 0 <= start <= end <= len(text):
            yield f"passages/{p_index}", f"passage {passage.get('id')} offsets [{start}, {end}) outside the text"
        elif text[start:end] != passage.get("text"):
            yield f"passages/{p_index}", f"passage {passage.get('id')} text differs from document text[{start}:{end}]"
        passage_text = passage.get("text", "")
        for kind in ("problems", "measures"):
            for t_index, tag in enumerate(passage.get(kind, [])):
                for e_index, evidence in enumerate(tag.get("evidence", [])):
                    e_start, e_end = evidence.get("start", 0), evidence.get("end", 0)
                    if passage_text[e_start:e_end] != evidence.get("quote"):
                        yield (f"passages/{p_index}/{kind}/{t_index}/evidence/{e_index}",
                               f"{tag.get('id')} quote is not passage text[{e_start}:{e_end}]")


def validate_document(data: Mapping[str, Any], *, check_offsets: bool = True) -> list[tuple[str, str]]:
    """Problems with one document dict: ``(where, message)`` pairs, empty when valid.

    Args:
        data: One parsed line of documents.jsonl (``Document.to_dict()`` form).
        check_offsets: Also check passage and evidence offsets against the texts.
    """
    issues = [("/".join(map(str, error.absolute_path)), error.message)
              for error in sorted(_validator().iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))]
    if check_offsets and not issues:
        issues.extend(_offset_issues(data))
    return issues


def validate_documents(path: str | os.PathLike[str], *, check_offsets: bool = True) -> list[ValidationIssue]:
    """Validate a ``documents.jsonl`` file against the published schema.

    Args:
        path: The file (or an output folder holding ``documents.jsonl``).
        check_offsets: Also check that passage and evidence offsets point at their texts.

    Returns:
        Every issue found, in file order; an empty list means the file is valid.

    Raises:
        InputError: The file does not exist.
    """
    path = Path(path)
    if path.is_dir():
        path = path / "documents.jsonl"
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    issues: list[ValidationIssue] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                issues.append(ValidationIssue(number, "", "", f"not valid JSON ({exc.msg})"))
                continue
            doc_id = str(data.get("id", "")) if isinstance(data, dict) else ""
            issues.extend(ValidationIssue(number, doc_id, where, message)
                          for where, message in validate_document(data, check_offsets=check_offsets))
    if issues:
        LOGGER.warning("%s: %d schema issues", path, len(issues))
    return issues


def read_documents(path: str | os.PathLike[str]) -> list[Any]:
    """Documents from an output folder (its ``documents.jsonl``) or a documents.jsonl file.

    Args:
        path: ``OUT`` or ``OUT/documents.jsonl``.

    Returns:
        The :class:`~dangjian_nlp.types.Document` objects, in file order.

    Raises:
        InputError: No such file, or a line that is not valid JSON or not a document.
    """
    from dangjian_nlp import io  # noqa: PLC0415
    from dangjian_nlp.types import Document  # noqa: PLC0415

    path = Path(path)
    if path.is_dir():
        path = path / "documents.jsonl"
    if not path.is_file():
        raise InputError(f"{path}: no such file (run `dangjian analyze` first)")
    documents = []
    try:
        for number, row in enumerate(io.read_jsonl(path), 1):
            try:
                documents.append(Document.from_dict(row))
            except (TypeError, KeyError, AttributeError) as exc:
                raise InputError(f"{path}: document {number} is not a dangjian-nlp document ({exc})") from None
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return documents
