"""Recommendation key terms: which tokens of measure/experience passages become graph nodes.

The method is deliberately transparent. For every token of the measure/experience passages
we count

* ``df``: documents whose measure/experience passages contain it,
* ``share``: the share of its occurrences (as a substring) that lie in measure/experience
  passages rather than in the other passages.

A strategy, picked by name, keeps the candidate tokens:

* ``domain``: terms of the packaged domain dictionary (``segment.domain_terms()``: 一岗双责,
  双向交流, 党建+ …) with ``df >= min_domain_df``;
* ``domain+df`` (default): those, plus any other token of at least ``min_chars`` characters with
  ``df >= min_df``;
* ``none``: no term nodes, countermeasure codes only.

Both drop tokens in more than ``max_df_ratio`` of the documents (党建工作 is everywhere and
says nothing). Candidates are ranked dictionary terms first, then by ``df``, then by count,
then alphabetically, and taken in that order, skipping those with ``share < min_share``
(problem words such as 两张皮 live in problem passages), until ``max_terms`` are chosen.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from dangjian_nlp.graph.config import TermOptions
from dangjian_nlp.graph.units import RECOMMENDATION_ROLES
from dangjian_nlp.registry import Registry
from dangjian_nlp.segment import domain_terms, normalize
from dangjian_nlp.types import Document

LOGGER = logging.getLogger(__name__)

_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True, slots=True)
class TermStat:
    """Why a token is a recommendation term.

    Attributes:
        term: The token.
        df: Documents whose measure/experience passages contain it (as a token).
        count: Its token occurrences in measure/experience passages.
        share: Its occurrences (as a substring) in measure/experience passages over its
            occurrences in all passages.
        domain: Whether it is in the packaged domain dictionary.
    """

    term: str
    df: int
    count: int
    share: float
    domain: bool


TermFilter = Callable[[TermStat, int, TermOptions], bool]
_STRATEGIES: Registry[TermFilter] = Registry("term strategy", sort_names=True)


def register_term_strategy(name: str) -> Callable[[TermFilter], TermFilter]:
    """Decorator: make a candidate filter ``f(stat, n_documents, options) -> bool`` a strategy."""
    return _STRATEGIES.register(name)


def available_term_strategies() -> list[str]:
    """Names accepted as ``terms.strategy``."""
    return _STRATEGIES.names()


def _common(stat: TermStat, n_documents: int, options: TermOptions) -> bool:
    return len(stat.term) >= options.min_chars and stat.df <= options.max_df_ratio * n_documents


@register_term_strategy("none")
def _no_terms(stat: TermStat, n_documents: int, options: TermOptions) -> bool:
    return False


@register_term_strategy("domain")
def _domain_terms(stat: TermStat, n_documents: int, options: TermOptions) -> bool:
    return stat.domain and stat.df >= options.min_domain_df and _common(stat, n_documents, options)


@register_term_strategy("domain+df")
def _domain_and_frequent(stat: TermStat, n_documents: int, options: TermOptions) -> bool:
    return stat.df >= (options.min_domain_df if stat.domain else options.min_df) and _common(stat, n_documents, options)


class _Texts:
    """Recommendation and other passage texts, searched for term occurrences.

    Tokens are NFKC-normalised; a term of CJK characters only matches the raw text the same
    way, so the texts are normalised (once, lazily) only for terms with other characters
    (``党建+`` must also match ``党建＋``).
    """

    def __init__(self, inside: str, outside: str) -> None:
        self._raw = (inside, outside)
        self._normalized: tuple[str, str] | None = None

    def count(self, term: str) -> tuple[int, int]:
        if _CJK_ONLY.fullmatch(term):
            texts = self._raw
        else:
            if self._normalized is None:
                self._normalized = (normalize(self._raw[0]), normalize(self._raw[1]))
            texts = self._normalized
        return texts[0].count(term), texts[1].count(term)


def select_terms(documents: Sequence[Document], tokens: Mapping[str, Sequence[str]], *,
                 options: TermOptions) -> list[TermStat]:
    """The recommendation key terms of a corpus, ranked (see the module docstring).

    Args:
        documents: Documents with passage roles.
        tokens: Passage id → its tokens; only measure/experience passages are read.
        options: Strategy name and thresholds.

    Returns:
        At most ``options.max_terms`` term statistics, best first.

    Raises:
        DangjianError: Unknown strategy name.
    """
    keep = _STRATEGIES.get(options.strategy)
    domain = {term for term, _ in domain_terms()}
    df: Counter[str] = Counter()
    count: Counter[str] = Counter()
    recommendation_texts, other_texts = [], []
    n_documents = 0
    for document in documents:
        seen: set[str] = set()
        for passage in document.passages:
            if passage.role in RECOMMENDATION_ROLES:
                passage_tokens = tokens.get(passage.id, ())
                count.update(passage_tokens)
                seen.update(passage_tokens)
                recommendation_texts.append(passage.text)
            else:
                other_texts.append(passage.text)
        n_documents += bool(seen) or any(p.role in RECOMMENDATION_ROLES for p in document.passages)
        df.update(seen)
    texts = _Texts("\n".join(recommendation_texts), "\n".join(other_texts))
    # A token below its document-frequency floor can never pass; skip building its stats.
    candidates = [TermStat(term, seen_in, count[term], 0.0, term in domain) for term, seen_in in df.items()
                  if seen_in >= (options.min_domain_df if term in domain else options.min_df)]
    candidates = sorted((c for c in candidates if keep(c, n_documents, options)),
                        key=lambda c: (not c.domain, -c.df, -c.count, c.term))
    chosen: list[TermStat] = []
    for candidate in candidates:
        if len(chosen) >= options.max_terms:
            break
        hits, elsewhere = texts.count(candidate.term)
        share = hits / (hits + elsewhere) if hits else 0.0
        if share >= options.min_share:
            chosen.append(replace(candidate, share=round(share, 4)))
    LOGGER.debug("%d term nodes of %d candidate tokens", len(chosen), len(candidates))
    return chosen
