"""The packaged graph defaults load and validate; bad configurations are refused by name."""

from __future__ import annotations

import copy

import pytest

from dangjian_nlp.errors import DangjianError
from dangjian_nlp.graph.config import _packaged_defaults, default_options, make_options, validate_config
from dangjian_nlp.graph.terms import available_term_strategies


def test_packaged_defaults():
    options = default_options()
    assert options.window == "document" and options.score == "npmi" and options.min_score == 0.0
    assert 0 < options.bootstrap <= 50
    assert options.terms.strategy in available_term_strategies()
    assert make_options(max_terms=5, window="passage").terms.max_terms == 5


@pytest.mark.parametrize(("path", "value", "where"), [
    (("score",), "pmi", "score"),
    (("terms", "max_terms"), -1, "terms/max_terms"),
    (("communities", "weight"), "npmi", "communities/weight"),
    (("draw", "colour"), "red", "draw"),
])
def test_bad_configuration_names_the_key(path, value, where):
    data = copy.deepcopy(_packaged_defaults())
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(DangjianError, match=where):
        validate_config(data, origin="my.yaml")
