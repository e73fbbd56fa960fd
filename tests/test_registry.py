"""The generic name → strategy registry behind segmenters, backends, readers, formats …"""

from __future__ import annotations

import pytest

from dangjian_nlp.errors import DangjianError
from dangjian_nlp.registry import Registry


def _registry(*, sort_names: bool = False) -> Registry:
    registry: Registry = Registry("widget", sort_names=sort_names)

    @registry.register("zeta")
    def zeta() -> str:
        return "z"

    @registry.register("alpha")
    def alpha() -> str:
        return "a"

    return registry


def test_register_returns_the_function_and_get_finds_it() -> None:
    registry: Registry = Registry("widget")

    def make() -> str:
        return "made"

    assert registry.register("maker")(make) is make
    assert registry.get("maker") is make
    assert registry.get("maker")() == "made"


def test_add_stores_any_value() -> None:
    registry: Registry[tuple[str, int]] = Registry("pair")
    assert registry.add("one", ("title", 1)) == ("title", 1)
    assert registry.get("one") == ("title", 1)


def test_names_keep_registration_order_by_default() -> None:
    assert _registry().names() == ["zeta", "alpha"]
    assert _registry().items()[0][0] == "zeta"


def test_names_sorted_when_asked() -> None:
    assert _registry(sort_names=True).names() == ["alpha", "zeta"]


def test_contains_and_len() -> None:
    registry = _registry()
    assert "alpha" in registry
    assert "beta" not in registry
    assert len(registry) == 2


def test_later_registration_replaces_earlier() -> None:
    registry = _registry()
    registry.add("alpha", "replaced")
    assert registry.get("alpha") == "replaced"
    assert registry.names() == ["zeta", "alpha"]


def test_unknown_name_lists_the_choices() -> None:
    with pytest.raises(DangjianError) as caught:
        _registry(sort_names=True).get("beta")
    assert str(caught.value) == "unknown widget 'beta'; choose one of alpha, zeta"


def test_unknown_name_message_follows_the_names_order() -> None:
    with pytest.raises(DangjianError, match=r"^unknown widget 'beta'; choose one of zeta, alpha$"):
        _registry().get("beta")


def test_unknown_name_is_also_a_key_error() -> None:
    with pytest.raises(KeyError):
        _registry().get("beta")


def test_call_sites_keep_their_messages_and_sorted_choices() -> None:
    from dangjian_nlp.keywords.extract import available_extractors, get_extractor  # noqa: PLC0415
    from dangjian_nlp.segment import available_segmenters, create_segmenter  # noqa: PLC0415
    from dangjian_nlp.topics.base import available_backends, get_backend  # noqa: PLC0415

    for lookup, names, kind in [(create_segmenter, available_segmenters(), "segmenter"),
                                (get_backend, available_backends(), "topic backend"),
                                (get_extractor, available_extractors(), "keyword method")]:
        assert names == sorted(names)
        with pytest.raises(DangjianError) as caught:
            lookup("nope")
        assert str(caught.value) == f"unknown {kind} 'nope'; choose one of {', '.join(names)}"
