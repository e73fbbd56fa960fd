"""A name → strategy registry: the one pattern behind segmenters, backends, readers, formats …

Each module that offers interchangeable strategies keeps one :class:`Registry` and exposes
its own public ``register_*`` / ``available_*`` / ``get_*`` functions on top of it.

Example:
    >>> WRITERS: Registry[str] = Registry("writer")
    >>> @WRITERS.register("upper")
    ... def upper(text): return text.upper()
    >>> WRITERS.get("upper")("ok")
    'OK'
    >>> WRITERS.names()
    ['upper']
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

from dangjian_nlp.errors import UnknownNameError

LOGGER = logging.getLogger(__name__)

T = TypeVar("T")


class Registry(Generic[T]):
    """Strategies of one kind, registered and looked up by name.

    Args:
        kind: What the strategies are (``"topic backend"``), used in the unknown-name message.
        sort_names: List names alphabetically; registration order when ``False``.
    """

    def __init__(self, kind: str, *, sort_names: bool = False) -> None:
        self.kind = kind
        self.sort_names = sort_names
        self._items: dict[str, T] = {}

    def add(self, name: str, item: T) -> T:
        """Register ``item`` under ``name`` (a later registration replaces an earlier one).

        Returns:
            ``item``, unchanged.
        """
        self._items[name] = item
        return item

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator: register the decorated function or class under ``name``."""

        def decorator(item: T) -> T:
            return self.add(name, item)

        return decorator

    def get(self, name: str) -> T:
        """The strategy registered as ``name``.

        Raises:
            UnknownNameError: For an unknown name (a :class:`~dangjian_nlp.errors.DangjianError`
                and a ``KeyError``), listing the known ones.
        """
        try:
            return self._items[name]
        except KeyError:
            raise UnknownNameError(f"unknown {self.kind} {name!r}; choose one of {', '.join(self.names())}") from None

    def names(self) -> list[str]:
        """Registered names: sorted when the registry says so, else in registration order."""
        return sorted(self._items) if self.sort_names else list(self._items)

    def items(self) -> list[tuple[str, T]]:
        """``(name, strategy)`` pairs in registration order."""
        return list(self._items.items())

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Registry({self.kind!r}, names={self.names()!r})"
