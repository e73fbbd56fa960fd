"""Edge statistics of co-occurrence counts, vectorised over all candidate edges.

For two nodes ``a`` and ``b`` over ``N`` units, with ``n_a`` and ``n_b`` the units that carry
each and ``n_ab`` the units that carry both:

* ``jaccard = n_ab / (n_a + n_b - n_ab)``;
* ``npmi = log(p_ab / (p_a p_b)) / -log(p_ab)`` with ``p = n / N``: -1 never together,
  0 independent, 1 always together (1 also when ``n_ab == N``);
* ``association = N n_ab / (n_a n_b)``: observed over expected co-occurrence (van Eck and
  Waltman's association strength up to the constant ``N``; 1 means independent);
* ``p_value``: one-sided Fisher exact test, ``P(X >= n_ab)`` for ``X`` hypergeometric
  (``N`` units, ``n_a`` carriers of a, ``n_b`` draws); small means more co-occurrence than chance;
* ``q_value``: Benjamini–Hochberg adjusted p-value over the edges tested together.

Raw counts mislead on a few dozen essays: two frequent codes co-occur often by chance. The
p-value and NPMI say whether they co-occur *more* than chance.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np

LOGGER = logging.getLogger(__name__)

Statistic = Callable[[np.ndarray, np.ndarray, np.ndarray, float], np.ndarray]
_STATISTICS: dict[str, Statistic] = {}


def register_statistic(name: str) -> Callable[[Statistic], Statistic]:
    """Decorator: make an edge statistic ``f(n_ab, n_a, n_b, N) -> array`` available by name."""

    def decorator(function: Statistic) -> Statistic:
        _STATISTICS[name] = function
        return function

    return decorator


def available_statistics() -> list[str]:
    """Names of the registered edge statistics, in registration order."""
    return list(_STATISTICS)


def get_statistic(name: str) -> Statistic:
    """The statistic registered as ``name`` (``KeyError`` when unknown)."""
    return _STATISTICS[name]


def _floats(*arrays: np.ndarray) -> list[np.ndarray]:
    return [np.asarray(a, dtype=np.float64) for a in arrays]


@register_statistic("jaccard")
def jaccard(n_ab: np.ndarray, n_a: np.ndarray, n_b: np.ndarray, n: float) -> np.ndarray:
    """Units carrying both over units carrying either."""
    n_ab, n_a, n_b = _floats(n_ab, n_a, n_b)
    union = n_a + n_b - n_ab
    return np.divide(n_ab, union, out=np.zeros_like(n_ab), where=union > 0)


@register_statistic("npmi")
def npmi(n_ab: np.ndarray, n_a: np.ndarray, n_b: np.ndarray, n: float) -> np.ndarray:
    """Normalised pointwise mutual information in [-1, 1] (-1 when never together)."""
    n_ab, n_a, n_b = _floats(n_ab, n_a, n_b)
    result = np.full_like(n_ab, -1.0)
    together = (n_ab > 0) & (n_a > 0) & (n_b > 0)
    always = together & (n_ab >= n)
    partial = together & ~always
    p_ab = n_ab[partial] / n
    pmi = np.log(n_ab[partial] * n / (n_a[partial] * n_b[partial]))
    result[partial] = pmi / -np.log(p_ab)
    result[always] = 1.0
    return result


@register_statistic("association")
def association(n_ab: np.ndarray, n_a: np.ndarray, n_b: np.ndarray, n: float) -> np.ndarray:
    """Observed over expected co-occurrence, ``N n_ab / (n_a n_b)``."""
    n_ab, n_a, n_b = _floats(n_ab, n_a, n_b)
    expected = n_a * n_b
    return np.divide(n * n_ab, expected, out=np.zeros_like(n_ab), where=expected > 0)


@register_statistic("p_value")
def p_value(n_ab: np.ndarray, n_a: np.ndarray, n_b: np.ndarray, n: float) -> np.ndarray:
    """One-sided Fisher exact (hypergeometric upper tail) p-value of ``n_ab`` or more."""
    from scipy.stats import hypergeom  # noqa: PLC0415  (scipy.stats is slow to import; only needed here)

    n_ab = np.asarray(n_ab, dtype=np.int64)
    if n_ab.size == 0:
        return np.zeros(0)
    return np.clip(hypergeom.sf(n_ab - 1, int(round(n)), np.asarray(n_a, dtype=np.int64),
                                np.asarray(n_b, dtype=np.int64)), 0.0, 1.0)


def benjamini_hochberg(p_values: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values), same order as the input."""
    p = np.asarray(p_values, dtype=np.float64)
    m = p.size
    if m == 0:
        return p.copy()
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    q = np.empty_like(p)
    q[order] = np.clip(adjusted, 0.0, 1.0)
    return q


def edge_statistics(n_ab: np.ndarray, n_a: np.ndarray, n_b: np.ndarray, n: float) -> dict[str, np.ndarray]:
    """Every registered statistic for aligned arrays of candidate edges, plus ``q_value``."""
    table = {name: function(n_ab, n_a, n_b, n) for name, function in _STATISTICS.items()}
    table["q_value"] = benjamini_hochberg(table["p_value"])
    return table
