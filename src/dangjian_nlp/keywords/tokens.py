"""Passage tokens, segmented once per run and shared by keywords, topics and term discovery.

Tokens are cached by passage text: the tagger, keywords and topics all ask for the same
passages, so each is segmented once. Adding terms to the segmenter clears the cache
(:func:`dangjian_nlp.keywords.adopt_terms` does it).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from dangjian_nlp.segment import content_tokens
from dangjian_nlp.types import Document

from dangjian_nlp.keywords.stopwords import keyword_tokens

LOGGER = logging.getLogger(__name__)


text_tokens = content_tokens
"""Content tokens of a text (shared segmenter, stopwords dropped), cached by text."""


def clear_token_cache() -> None:
    """Forget cached tokens (after the segmenter's dictionary changed)."""
    content_tokens.cache_clear()


def passage_terms(text: str) -> list[str]:
    """Keyword/topic terms of one passage: content tokens without boilerplate."""
    return keyword_tokens(text_tokens(text))


def document_passage_terms(documents: Sequence[Document]) -> list[list[list[str]]]:
    """For each document, the terms of each passage (the whole text when it has no passages)."""
    result = []
    for document in documents:
        if document.passages:
            result.append([passage_terms(p.text) for p in document.passages])
        else:
            result.append([passage_terms(line) for line in document.text.split("\n") if line.strip()])
    return result
