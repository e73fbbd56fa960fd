"""Provisional passage roles from heading wording (vocabulary in ``roles.yaml``)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from importlib import resources
from typing import Any

import yaml

from dangjian_nlp.errors import InputError
from dangjian_nlp.segment import traditional_to_simplified
from dangjian_nlp.types import ROLES

LOGGER = logging.getLogger(__name__)

_TRAILING = " 　。！？!?；;：:，,、”’」』）)"


@functools.cache
def role_vocabulary() -> tuple[tuple[str, str], ...]:
    """The packaged heading vocabulary as ``(keyword, role)`` pairs, longest keyword first."""
    text = resources.files("dangjian_nlp.structure").joinpath("roles.yaml").read_text(encoding="utf-8")
    return parse_role_vocabulary(yaml.safe_load(text))


def parse_role_vocabulary(data: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """Validate a ``{"roles": {role: [keyword, …]}}`` mapping.

    Raises:
        InputError: Unknown role, empty or non-string keywords, or a keyword under two roles.
    """
    if not isinstance(data, Mapping) or set(data) != {"roles"} or not isinstance(data["roles"], Mapping):
        raise InputError("roles.yaml: expected a single 'roles' mapping")
    pairs: dict[str, str] = {}
    for role, keywords in data["roles"].items():
        if role not in ROLES or role == "other":
            raise InputError(f"roles.yaml: unknown role {role!r}; use one of {', '.join(ROLES[:-1])}")
        if not keywords or not all(isinstance(k, str) and k.strip() for k in keywords):
            raise InputError(f"roles.yaml: role {role!r} needs a list of non-empty keywords")
        for keyword in keywords:
            if keyword in pairs:
                raise InputError(f"roles.yaml: keyword {keyword!r} listed under {pairs[keyword]!r} and {role!r}")
            pairs[keyword] = role
    return tuple(sorted(pairs.items(), key=lambda item: (-len(item[0]), item[0])))


def heading_role(title: str, vocabulary: tuple[tuple[str, str], ...] | None = None, *,
                 at_end: bool = False) -> str | None:
    """The role a heading's wording announces, or None when it names none.

    The keyword that ends last in the title wins (``…问题的对策建议`` is ``measure``).
    With ``at_end`` the keyword must close the title (punctuation aside): used for the lead
    sentence of a numbered paragraph, where a keyword inside the sentence
    (``建立长效机制，强化措施保障…``) says nothing about the role.

    Example:
        >>> heading_role("二、机关党支部主体作用发挥不够的原因")
        'cause'
    """
    vocabulary = vocabulary if vocabulary is not None else role_vocabulary()
    title = traditional_to_simplified(title).rstrip(_TRAILING)
    best: tuple[int, int] | None = None
    role = None
    for keyword, keyword_role in vocabulary:
        position = title.rfind(keyword)
        if position < 0:
            continue
        if at_end and position + len(keyword) < len(title) - 1:
            continue
        key = (position + len(keyword), len(keyword))
        if best is None or key > best:
            best, role = key, keyword_role
    return role
