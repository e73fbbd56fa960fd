"""Public entry points of the tagging stage: pick a tagger, tag documents, tag a record stream."""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from dangjian_nlp.segment import traditional_to_simplified
from dangjian_nlp.tagging import hybrid, rules  # noqa: F401  (register the taggers)
from dangjian_nlp.tagging.aggregate import document_tags
from dangjian_nlp.tagging.base import PassageTags, Tagger, TagRequest, create_tagger
from dangjian_nlp.tagging.codebook import Codebook, load_codebook
from dangjian_nlp.tagging.features import style
from dangjian_nlp.tagging.rules import find_heading, heading_role
from dangjian_nlp.types import ROLES, Document

LOGGER = logging.getLogger(__name__)

BATCH_SIZE = 2000
"""Passages tagged together: large enough that each cue scans few, long strings."""


@functools.cache
def _cached_tagger(name: str) -> Tagger:
    return create_tagger(name)


def get_tagger(name: str = "default", *, codebook: Codebook | None = None) -> Tagger:
    """The tagger registered as ``name``; ``default`` is the best available (``hybrid``).

    Args:
        name: ``default``, ``hybrid`` (rules + learned layer) or ``rules``.
        codebook: A codebook from :func:`load_codebook`; the packaged one when ``None``.

    Returns:
        A tagger (cached per name for the packaged codebook).

    Raises:
        DangjianError: Unknown name.
    """
    if codebook is None:
        return _cached_tagger(name)
    return create_tagger(name, codebook=codebook)


def tag_documents(documents: Iterable[Document], *, tagger: Tagger | None = None) -> None:
    """Fill every passage's role and tags, and each document's ``problems`` and ``measures``.

    Each passage's provisional ``role`` (from its section heading, ``role_source="heading"``)
    is passed to the tagger as ``heading_role``; ``other`` or a non-heading source counts as none.

    Args:
        documents: Structured documents (passages filled by the structure stage).
        tagger: The tagger to use; :func:`get_tagger` ``("default")`` when ``None``.
    """
    tagger = tagger or get_tagger()
    codebook = getattr(tagger, "codebook", None) or load_codebook()
    for document in documents:
        # Where the structure stage gave no heading role (no section heading, or one that names
        # no role), the headings and lead-ins inside the text carry one, as in a ``--jsonl``
        # stream: "导致…的原因主要有两方面。" makes the points after it causes.
        context = HeadingContext(codebook)
        requests = []
        for passage in document.passages:
            inherited = context.role_for(passage.text)
            given = (passage.role if passage.role_source == "heading" and passage.role in ROLES
                     and passage.role != "other" else None)
            requests.append(TagRequest(passage.text, given or inherited, tuple(passage.section), document.id))
        for passage, result in zip(document.passages, tagger.tag_many(requests)):
            passage.role = result.role
            passage.role_source = result.role_source
            passage.problems = result.problems
            passage.measures = result.measures
        document.problems, document.measures = document_tags(document.passages)


FRONT_MATTER = re.compile(r"课题组|调研报告|研究报告|经验材料|浅析|浅谈|的思考|探索与|与探索|研究$|作者|来源|责编|责任编辑|www\.|"
                          r"(?:人民法院|人民检察院|委员会|工委|党委|党组|大学|学院|局|厅|办公室)\s*[\u4e00-\u9fff]{2,3}(?:\s|$)")
"""Title, byline and source wording of a document's opening passage (front matter: role ``other``)."""
FRONT_MATTER_CHARS = 80
TITLE_CHARS = 40
"""A later passage counts as front matter only when it is a bare title line this short."""
_SENTENCE_PUNCTUATION = re.compile(r"[。！？!?；;，,]")
LEAD_IN_CHARS = 80
_LEAD_IN = re.compile(r"[：:]\s*$|以下|如下|主要有|几个方面|几点|两方面|三方面")


def lead_in_role(codebook: Codebook, text: str) -> str | None:
    """The role a short unnumbered lead-in announces for the points after it, or ``None``.

    ``造成“两张皮”的原因主要有以下几个方面：`` announces ``cause``.
    """
    stripped = text.strip()
    if len(stripped) > LEAD_IN_CHARS or not _LEAD_IN.search(stripped):
        return None
    return heading_role(codebook, stripped)


class HeadingContext:
    """Carries the role of the last numbered heading over the passages that follow it.

    Used for a stream of passages in document order without structure (``dangjian tag
    --jsonl``): ``二、…的原因`` makes the unheaded or lower-level passages after it ``cause``
    passages until the next heading of the same or a higher level.
    """

    def __init__(self, codebook: Codebook) -> None:
        self.codebook = codebook
        self._roles: dict[int, str | None] = {}
        self._first = True

    def reset(self) -> None:
        """Forget the headings seen so far (a new document starts)."""
        self._roles.clear()
        self._first = True

    def role_for(self, text: str) -> str | None:
        """The inherited heading role for ``text``, updating the context with its own heading."""
        first, self._first = self._first, False
        text = traditional_to_simplified(text)
        heading = find_heading(text)
        if heading is None and FRONT_MATTER.search(text[:FRONT_MATTER_CHARS]) and (
                first or (len(text.strip()) <= TITLE_CHARS and not _SENTENCE_PUNCTUATION.search(text))):
            return "other"
        if heading is None:
            current = self._current(99)
            announced = lead_in_role(self.codebook, text)
            if announced is not None:
                # "…的原因主要有以下几个方面：" governs itself and the points after it, under the
                # current top heading.
                self._roles = {level: role for level, role in self._roles.items() if level < 2}
                self._roles[2] = announced
                return announced
            if current in ("problem", "cause") and style(text)[0] >= TURN_MODAL_SHARE:
                # An unnumbered passage that mostly prescribes ("由上可见，…就是要…") turns the
                # essay from diagnosis to countermeasures: the points after it are measures.
                self._roles = {level: role for level, role in self._roles.items() if level < 2}
                self._roles[2] = "measure"
            return current
        inherited = self._current(heading.level)
        own = heading_role(self.codebook, text[heading.start:heading.end])
        for level in [lvl for lvl in self._roles if lvl >= heading.level]:
            del self._roles[level]
        if heading.level <= 2:
            self._roles[heading.level] = own
        return inherited if heading.level > 1 else None

    def _current(self, below: int) -> str | None:
        for level in sorted((lvl for lvl in self._roles if lvl < below), reverse=True):
            if self._roles[level] is not None:
                return self._roles[level]
        return None


TURN_MODAL_SHARE = 0.67
"""Share of prescribing sentences from which an unnumbered passage turns a diagnosis section to measures."""

_PASSAGE_ID = re.compile(r"^(?P<doc>.+)-p\d+$")


def record_document(record: dict[str, Any]) -> str | None:
    """The document a record belongs to: its ``doc`` field, else the ``<doc>`` of a passage id
    ``<doc>-pNNN`` (the project's passage id convention), else ``None``."""
    if record.get("doc") is not None:
        return str(record["doc"])
    match = _PASSAGE_ID.match(str(record.get("id", "")))
    return match.group("doc") if match else None


def zip_heading_roles(records: Iterable[dict[str, Any]], codebook: Codebook, *, context: bool = True
                      ) -> Iterator[tuple[dict[str, Any], str | None]]:
    """Pair each record with its heading role: its own ``heading_role`` field when valid, else
    (with ``context``) the role inherited from the numbered headings before it in its document."""
    heading_context = HeadingContext(codebook) if context else None
    current_doc: object = None
    for record in records:
        text = str(record.get("text") or "")
        given = record.get("heading_role")
        inherited = None
        if heading_context is not None:
            doc = record_document(record)
            if doc != current_doc:
                heading_context.reset()
                current_doc = doc
            inherited = heading_context.role_for(text)
        yield record, (given if given in ROLES else inherited)


def tag_records(records: Iterable[dict[str, Any]], *, tagger: Tagger | None = None, context: bool = True,
                batch_size: int = BATCH_SIZE) -> Iterator[tuple[dict[str, Any], PassageTags]]:
    """Tag a stream of ``{"id", "text"}`` records (optionally with ``heading_role``, ``section``).

    Args:
        records: Dicts with at least ``text``.
        tagger: The tagger; the default one when ``None``.
        context: Treat the stream as passages in document order and let a numbered heading's
            role carry over to the passages under it (when a record has no ``heading_role``).
            The context restarts whenever the document changes (see :func:`record_document`).
        batch_size: How many records to tag together.

    Yields:
        ``(record, tags)`` in input order.
    """
    tagger = tagger or get_tagger()
    codebook = getattr(tagger, "codebook", None) or load_codebook()
    pending: list[tuple[dict[str, Any], TagRequest]] = []

    def flush() -> Iterator[tuple[dict[str, Any], PassageTags]]:
        results = tagger.tag_many([request for _, request in pending])
        yield from zip((record for record, _ in pending), results)
        pending.clear()

    for record, role in zip_heading_roles(records, codebook, context=context):
        document = record_document(record) if context else None
        # A document is never split over two batches, so its passages are read as one sequence.
        if len(pending) >= batch_size and (document is None or document != pending[-1][1].document
                                           or len(pending) >= 10 * batch_size):
            yield from flush()
        pending.append((record, TagRequest(str(record.get("text") or ""), role, tuple(record.get("section") or ()),
                                           document)))
    if pending:
        yield from flush()


def tag_json_lines(lines: Iterable[str], *, tagger: Tagger | None = None, context: bool = True,
                   source: str = "<stdin>", on_error: Callable[[str], None] | None = None
                   ) -> Iterator[dict[str, Any]]:
    """Tag JSON Lines ``{"id": …, "text": …}``; yield ``{"id", "role", "role_source", "problems", "measures"}``.

    A line that is not a JSON object with a text is reported (a warning naming ``source`` and the
    line number) and skipped; the rest of the stream goes on.

    Args:
        lines: The input lines.
        tagger: The tagger; the default one when ``None``.
        context: See :func:`tag_records`.
        source: Name of the input for messages.
        on_error: Called with the message of each skipped line (default: a logged warning).
    """
    report = on_error or LOGGER.warning

    def records() -> Iterator[dict[str, Any]]:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                report(f"{source}:{number}: skipped, not valid JSON ({exc.msg})")
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                report(f'{source}:{number}: skipped, expected an object with a "text" string')
                continue
            yield record

    for record, tags in tag_records(records(), tagger=tagger, context=context):
        out = {"id": record.get("id")}
        out.update(tags.to_dict())
        yield out


def tag_texts(texts: Sequence[str], *, tagger: Tagger | None = None) -> list[PassageTags]:
    """Tag independent texts (no heading context)."""
    tagger = tagger or get_tagger()
    return tagger.tag_many([TagRequest(text) for text in texts])
