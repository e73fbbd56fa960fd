"""The few dataclasses every stage shares: documents, sections, passages and tags.

Offsets are Python string indices (code points). A passage's ``text`` is always
``document.text[passage.start:passage.end]``; an evidence span's ``start``/``end`` are
relative to the text that was tagged (the passage text), so its absolute position in the
document is ``passage.start + evidence.start``.

Serialisation is plain ``dataclasses.asdict`` order, so the same input gives the same
JSON byte for byte. ``SCHEMA_VERSION`` changes whenever a field changes meaning.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = "1.0"

ROLES: tuple[str, ...] = ("problem", "cause", "measure", "experience", "other")
"""Passage roles, in the codebook's order."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words a tag rests on.

    Attributes:
        start: Offset of the quote in the tagged text (the passage).
        end: End offset (exclusive).
        quote: ``text[start:end]``; usually the whole sentence that carries the cue.
        cue: The lexicon entry or pattern that fired, when the rule layer found it.
    """

    start: int
    end: int
    quote: str
    cue: str = ""


@dataclass(slots=True)
class Tag:
    """One codebook label on one passage.

    Attributes:
        id: Codebook id such as ``P.priority`` or ``M.integration``.
        score: Confidence in [0, 1].
        evidence: Sentences that justify the tag; never empty for an emitted tag.
        source: ``rule``, ``model`` or ``rule+model``.
    """

    id: str
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    source: str = "rule"


@dataclass(slots=True)
class DocumentTag:
    """A label that applies to a whole document (carried by at least two passages).

    Attributes:
        id: Codebook id.
        passages: How many passages carry the label.
        evidence: Ids of those passages, in document order.
        score: Mean score of the supporting passage tags.
    """

    id: str
    passages: int
    evidence: list[str] = field(default_factory=list)
    score: float = 0.0


@dataclass(slots=True)
class Section:
    """A heading and the stretch of text it governs.

    Attributes:
        id: ``s1``, ``s1.2`` …, unique within the document.
        title: Heading text as it stands (numbering included).
        level: 1 for top-level (一、 / # …), deeper numbers for nested headings.
        start: Offset of the heading in the document text.
        end: End of the section (start of the next heading of the same or higher level).
        role: Provisional role read from the heading wording (see ``structure``).
    """

    id: str
    title: str
    level: int
    start: int
    end: int
    role: str = "other"


@dataclass(slots=True)
class Passage:
    """A paragraph or numbered point: the unit that gets a role and labels.

    Attributes:
        id: ``<document id>-p001`` ….
        start: Offset in the document text.
        end: End offset (exclusive).
        text: ``document.text[start:end]``.
        section: Titles of the enclosing headings, outermost first.
        role: One of ``ROLES``.
        role_source: ``heading`` (from the section title), ``text`` or ``model``.
        problems: Problem tags (on problem/cause passages).
        measures: Countermeasure tags (on measure/experience passages).
    """

    id: str
    start: int
    end: int
    text: str
    section: list[str] = field(default_factory=list)
    role: str = "other"
    role_source: str = "heading"
    problems: list[Tag] = field(default_factory=list)
    measures: list[Tag] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """One essay (a compilation file yields several).

    Attributes:
        id: ``<source file stem>-NN``, stable for the same input.
        source: Path of the source file as given on the command line (POSIX separators).
        span: ``[start, end)`` of the essay in the cleaned text of its source file.
        title: Title line(s), joined; empty when the essay has none.
        authors: Author and organisation lines (``厦门市人民检察院 邹庆华``).
        text: Cleaned essay text, title and author lines included, paragraphs separated by ``\\n``.
        sections: Heading tree, flattened in document order.
        passages: Passages in document order.
        problems: Document-level problem tags.
        measures: Document-level countermeasure tags.
        keywords: ``[{"term": …, "score": …}]`` filled by the keywords stage.
        topics: ``[{"topic": k, "weight": w}]`` filled by the topics stage.
        meta: Free metadata: ``format``, ``encoding``, ``sha256``, ``year``, ``org_type`` ….
    """

    id: str
    source: str
    span: tuple[int, int]
    title: str
    authors: list[str]
    text: str
    sections: list[Section] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    problems: list[DocumentTag] = field(default_factory=list)
    measures: list[DocumentTag] = field(default_factory=list)
    keywords: list[dict[str, Any]] = field(default_factory=list)
    topics: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form written to ``documents.jsonl``."""
        data = {"schema_version": SCHEMA_VERSION}
        data.update(asdict(self))
        data["span"] = list(self.span)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a document from its ``to_dict`` form (unknown keys are ignored)."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["span"] = tuple(values.get("span", (0, 0)))
        values["sections"] = [Section(**s) for s in values.get("sections", [])]
        values["passages"] = [_passage_from_dict(p) for p in values.get("passages", [])]
        values["problems"] = [DocumentTag(**t) for t in values.get("problems", [])]
        values["measures"] = [DocumentTag(**t) for t in values.get("measures", [])]
        return cls(**values)


@dataclass(frozen=True, slots=True)
class IngestError:
    """A file that produced no document, and why.

    Attributes:
        path: The file as given.
        reason: Human-readable reason (``empty file``, ``not a valid docx: …``).
        kind: Short machine-readable category (``empty``, ``binary``, ``corrupt``, ``unsupported``, ``io``).
    """

    path: str
    reason: str
    kind: str = "unreadable"

    def to_dict(self) -> dict[str, str]:
        """The JSON-ready form written to ``errors.jsonl``."""
        return asdict(self)


def tag_from_dict(data: dict[str, Any]) -> Tag:
    """Rebuild a :class:`Tag` from its dict form."""
    return Tag(
        id=data["id"],
        score=data.get("score", 0.0),
        evidence=[Evidence(**e) for e in data.get("evidence", [])],
        source=data.get("source", "rule"),
    )


def _passage_from_dict(data: dict[str, Any]) -> Passage:
    values = dict(data)
    values["problems"] = [tag_from_dict(t) for t in values.get("problems", [])]
    values["measures"] = [tag_from_dict(t) for t in values.get("measures", [])]
    known = {f.name for f in fields(Passage)}
    return Passage(**{k: v for k, v in values.items() if k in known})
