"""Stopwords for keywords and topics: the shared list plus policy boilerplate.

``segment.stopwords()`` removes function words and the commonest boilerplate for every
stage; keywords and topics drop more (``data/boilerplate.txt``: 加大, 着力, 意见, 措施 …), words
that fill every report whatever it is about. Domain terms are never dropped.
"""

from __future__ import annotations

import functools
import logging
from importlib import resources

from dangjian_nlp.segment import domain_terms, is_content_token, normalize, stopwords

LOGGER = logging.getLogger(__name__)


@functools.cache
def boilerplate() -> frozenset[str]:
    """The extra boilerplate words of ``keywords/data/boilerplate.txt`` (normalised)."""
    text = resources.files("dangjian_nlp.keywords").joinpath("data", "boilerplate.txt").read_text(encoding="utf-8")
    words = set()
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            words.update(normalize(word) for word in line.split())
    return frozenset(words)


@functools.cache
def keyword_stopwords() -> frozenset[str]:
    """Shared stopwords and boilerplate together, minus every domain term."""
    domain = {term for term, _ in domain_terms()}
    return (stopwords() | boilerplate()) - domain


def is_keyword_token(token: str) -> bool:
    """True for a content token (two or more characters, not a number) that is not boilerplate."""
    return is_content_token(token) and token not in keyword_stopwords()


def keyword_tokens(tokens: list[str] | tuple[str, ...]) -> list[str]:
    """Keep the tokens that may be keywords or topic terms, in order."""
    drop = keyword_stopwords()
    return [tok for tok in tokens if tok not in drop]
