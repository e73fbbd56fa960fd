"""The segmenter protocol and the registry that picks one by name."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Protocol, runtime_checkable

from dangjian_nlp.registry import Registry

LOGGER = logging.getLogger(__name__)


@runtime_checkable
class Segmenter(Protocol):
    """Anything that cuts Chinese text into words and accepts extra dictionary words."""

    name: str

    def cut(self, text: str) -> list[str]:
        """Cut ``text`` (already normalised) into tokens, punctuation and spaces included."""
        ...

    def add_word(self, word: str, freq: int) -> None:
        """Add ``word`` to the dictionary with an explicit frequency."""
        ...


SegmenterFactory = Callable[[], Segmenter]
_REGISTRY: Registry[SegmenterFactory] = Registry("segmenter", sort_names=True)


def register_segmenter(name: str) -> Callable[[SegmenterFactory], SegmenterFactory]:
    """Class decorator: make a segmenter available under ``name``."""
    return _REGISTRY.register(name)


def available_segmenters() -> list[str]:
    """Names accepted by :func:`dangjian_nlp.segment.get_segmenter`."""
    return _REGISTRY.names()


def create_segmenter(name: str, *, words: Iterable[tuple[str, int]] = ()) -> Segmenter:
    """Build a fresh segmenter ``name`` and load ``words`` (word, frequency) into it.

    Raises:
        DangjianError: For an unknown name, listing the known ones.
    """
    segmenter = _REGISTRY.get(name)()
    for word, freq in words:
        segmenter.add_word(word, freq)
    return segmenter
