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

from dangjian_nlp.registry import Registry

LOGGER = logging.getLogger(__name__)

Statistic = Callable[[np.ndarray, np.ndarray, np.ndarray, float], np.ndarray]
_STATISTICS: Registry[Statistic] = Registry("edge statistic")


def register_statistic(name: str) -> Callable[[Statistic], Statistic]:
    """Decorator: make an edge statistic ``f(n_ab, n_a, n_b, N) -> array`` available by name."""
    return _STATISTICS.register(name)


def available_statistics() -> list[str]:
    """Names of the registered edge statistics, in registration order."""
    return _STATISTICS.names()


def get_statistic(name: str) -> Statistic:
    """The statistic registered as ``name``.

    Raises:
        UnknownNameError: For an unknown name (a ``DangjianError`` and a ``KeyError``).
    """
    return _STATISTICS.get(name)


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


def _log_factorials(n: int) -> np.ndarray:
    return np.concatenate(([0.0], np.cumsum(np.log(np.arange(1, n + 1, dtype=np.float64)))))


def hypergeometric_upper_tail(k: np.ndarray, successes: np.ndarray, draws: np.ndarray, total: int) -> np.ndarray:
    """``P(X >= k)`` for ``X`` hypergeometric: ``draws`` from ``total`` items of which ``successes`` count.

    Summed exactly over the support with a log-factorial table (scipy.stats would give the
    same numbers but takes seconds to import on a busy machine).
    """
    k = np.asarray(k, dtype=np.int64)
    successes = np.asarray(successes, dtype=np.int64)
    draws = np.asarray(draws, dtype=np.int64)
    if k.size == 0:
        return np.zeros(0)
    log_fact = _log_factorials(int(total))

    def log_choose(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return log_fact[a] - log_fact[b] - log_fact[a - b]

    low = np.maximum(k, np.maximum(0, successes + draws - total))
    high = np.minimum(successes, draws)
    lengths = np.maximum(high - low + 1, 0)
    owner = np.repeat(np.arange(k.size), lengths)
    x = np.repeat(low, lengths) + (np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths))
    a, n = successes[owner], draws[owner]
    terms = np.exp(log_choose(a, x) + log_choose(total - a, n - x) - log_choose(np.full_like(n, total), n))
    tail = np.bincount(owner, weights=terms, minlength=k.size)
    tail[k <= np.maximum(0, successes + draws - total)] = 1.0  # the whole support
    return np.clip(tail, 0.0, 1.0)


@register_statistic("p_value")
def p_value(n_ab: np.ndarray, n_a: np.ndarray, n_b: np.ndarray, n: float) -> np.ndarray:
    """One-sided Fisher exact (hypergeometric upper tail) p-value of ``n_ab`` or more."""
    return hypergeometric_upper_tail(np.rint(n_ab).astype(np.int64), np.rint(n_a).astype(np.int64),
                                     np.rint(n_b).astype(np.int64), int(round(n)))


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
