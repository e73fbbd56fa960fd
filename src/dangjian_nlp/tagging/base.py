"""The tagger interface, its result type and the registry that picks a tagger by name."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dangjian_nlp.errors import UnknownNameError
from dangjian_nlp.registry import Registry
from dangjian_nlp.types import Tag

LOGGER = logging.getLogger(__name__)

SCORE_DIGITS = 4
"""Scores are rounded so that the same input always prints the same bytes."""


@dataclass(slots=True)
class PassageTags:
    """What a tagger says about one passage.

    Attributes:
        role: One of ``types.ROLES``.
        role_source: ``heading`` (the section heading decided), ``text`` (the passage's own
            wording) or ``model`` (the learned layer decided).
        problems: Problem tags, sorted by id.
        measures: Countermeasure tags, sorted by id.
    """

    role: str
    role_source: str
    problems: list[Tag] = field(default_factory=list)
    measures: list[Tag] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: role, role_source and the tags with score, source and evidence."""
        return {
            "role": self.role,
            "role_source": self.role_source,
            "problems": [tag_to_dict(tag) for tag in self.problems],
            "measures": [tag_to_dict(tag) for tag in self.measures],
        }


def tag_to_dict(tag: Tag) -> dict[str, Any]:
    """A tag as ``{"id", "score", "source", "evidence": [{"start", "end", "quote", "cue"}]}``."""
    return {
        "id": tag.id,
        "score": tag.score,
        "source": tag.source,
        "evidence": [{"start": e.start, "end": e.end, "quote": e.quote, "cue": e.cue} for e in tag.evidence],
    }


@dataclass(frozen=True, slots=True)
class TagRequest:
    """One passage to tag, with its optional structural context.

    Attributes:
        text: The passage text.
        heading_role: Provisional role from the enclosing section heading, if any.
        section: Titles of the enclosing headings, outermost first.
        document: Id of the document the passage belongs to; consecutive requests of the same
            document are read as a sequence (roles run in stretches), ``None`` for a lone passage.
    """

    text: str
    heading_role: str | None = None
    section: Sequence[str] = ()
    document: str | None = None


class Tagger:
    """Base class of taggers: implement :meth:`tag_many`; :meth:`tag` tags one passage."""

    name = "base"

    def tag(self, text: str, *, heading_role: str | None = None, section: Sequence[str] = ()) -> PassageTags:
        """Role and labels of one passage.

        Args:
            text: The passage text; evidence offsets are relative to it.
            heading_role: Provisional role from the section heading (``None`` when unknown).
            section: Titles of the enclosing headings, outermost first.

        Returns:
            The passage's role and tags.
        """
        return self.tag_many([TagRequest(text, heading_role, tuple(section))])[0]

    def tag_many(self, requests: Sequence[TagRequest]) -> list[PassageTags]:
        """Tag many passages at once (faster than one by one); same order as ``requests``."""
        raise NotImplementedError


TaggerFactory = Callable[..., Tagger]
_TAGGERS: Registry[TaggerFactory] = Registry("tagger", sort_names=True)
DEFAULT_TAGGER = "hybrid"


def register_tagger(name: str) -> Callable[[TaggerFactory], TaggerFactory]:
    """Class decorator: make a tagger available under ``name``."""
    return _TAGGERS.register(name)


def available_taggers() -> list[str]:
    """Names accepted by :func:`get_tagger` (besides ``default``)."""
    return _TAGGERS.names()


def create_tagger(name: str, **options: Any) -> Tagger:
    """Build the tagger registered as ``name`` (``default`` is the best available)."""
    key = DEFAULT_TAGGER if name == "default" else name
    if key not in _TAGGERS:
        raise UnknownNameError(f"unknown tagger {name!r}; choose one of default, {', '.join(available_taggers())}")
    return _TAGGERS.get(key)(**options)
