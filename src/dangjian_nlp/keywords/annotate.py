"""Keywords written into documents, per role, and the corpus summary for ``OUT/keywords.json``."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from itertools import chain
from typing import Any

from dangjian_nlp.types import Document

from dangjian_nlp.keywords.extract import CorpusTerms, get_extractor, passage_idf, tfidf_keywords, tfidf_scores, _best
from dangjian_nlp.keywords.keyness import keyness_counts
from dangjian_nlp.keywords.tokens import document_passage_terms

LOGGER = logging.getLogger(__name__)

ROLE_GROUPS: dict[str, tuple[str, ...]] = {
    "problem": ("problem", "cause"),
    "measure": ("measure", "experience"),
}
"""Role groups compared by the per-role keywords: problems (with causes) against countermeasures
(with reported experience)."""


def annotate_keywords(documents: Sequence[Document], *, top_k: int = 10, method: str = "tfidf") -> None:
    """Fill each document's ``keywords`` with ``[{"term", "score"}]``, best first.

    Args:
        documents: The analysed corpus; TF-IDF learns its IDF on these documents' passages.
        top_k: Keywords per document.
        method: A registered extractor (``tfidf`` or ``textrank``).
    """
    extractor = get_extractor(method)
    corpus = document_passage_terms(documents)
    for document, keywords in zip(documents, extractor(corpus, top_k=top_k), strict=True):
        document.keywords = [{"term": term, "score": score} for term, score in keywords]


def _role_group(role: str) -> str | None:
    for group, roles in ROLE_GROUPS.items():
        if role in roles:
            return group
    return None


def role_keywords(documents: Sequence[Document], *, top_k: int = 10, corpus: CorpusTerms | None = None,
                  idf: dict[str, float] | None = None) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Keywords of each document's problem passages and of its countermeasure passages.

    TF-IDF over the passages of each role group, with IDF learned on all passages of
    ``documents``. Passages with the ``other`` role are left out.

    Args:
        documents: The analysed corpus.
        top_k: Keywords per role group.
        corpus: :func:`document_passage_terms` of ``documents``, when the caller has it already.
        idf: :func:`passage_idf` of ``corpus``, when the caller has it already.

    Returns:
        ``{document id: {"problem": [{"term", "score"}], "measure": [...]}}``; a group without
        passages in a document is absent.
    """
    corpus = document_passage_terms(documents) if corpus is None else corpus
    idf = passage_idf(corpus) if idf is None else idf
    result: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for document, passages in zip(documents, corpus, strict=True):
        grouped: dict[str, list[list[str]]] = {}
        for passage, terms in zip(document.passages, passages, strict=False):
            group = _role_group(passage.role)
            if group:
                grouped.setdefault(group, []).append(terms)
        result[document.id] = {
            group: [{"term": t, "score": s} for t, s in _best(tfidf_scores(grouped[group], idf), top_k)]
            for group in ROLE_GROUPS if group in grouped
        }
    return result


def corpus_role_keyness(documents: Sequence[Document], *, top_k: int = 20,
                        corpus: CorpusTerms | None = None) -> dict[str, list[dict[str, Any]]]:
    """Log-likelihood keyness of each role group against the other role groups, over the corpus.

    Args:
        documents: The analysed corpus.
        top_k: Key terms per role group.
        corpus: :func:`document_passage_terms` of ``documents``, when the caller has it already.
    """
    corpus = document_passage_terms(documents) if corpus is None else corpus
    counts = {group: Counter() for group in ROLE_GROUPS}
    for document, passages in zip(documents, corpus, strict=True):
        for passage, terms in zip(document.passages, passages, strict=False):
            group = _role_group(passage.role)
            if group:
                counts[group].update(terms)
    result = {}
    for group, target in counts.items():
        reference = Counter()
        for other, other_counts in counts.items():
            if other != group:
                reference.update(other_counts)
        result[group] = [row.to_dict() for row in keyness_counts(target, reference, top_k=top_k)]
    return result


def keywords_summary(documents: Sequence[Document], *, top_k: int = 10) -> dict[str, Any]:
    """Everything about keywords for ``OUT/keywords.json``.

    Returns:
        ``corpus`` (term counts and TextRank over all passages as one text), ``roles`` (keyness of
        problem passages against countermeasure passages and back) and ``documents``
        (per document: ``tfidf``, ``textrank`` and per-role keywords).
    """
    corpus = document_passage_terms(documents)
    idf = passage_idf(corpus)
    tfidf = tfidf_keywords(corpus, top_k=top_k, idf=idf)
    textrank = get_extractor("textrank")(corpus, top_k=top_k)
    roles = role_keywords(documents, top_k=top_k, corpus=corpus, idf=idf)
    all_passages = [terms for passages in corpus for terms in passages]
    pairs = lambda items: [{"term": t, "score": s} for t, s in items]  # noqa: E731
    return {
        "corpus": {
            "frequency": [{"term": t, "count": c} for t, c in
                          sorted(Counter(chain.from_iterable(all_passages)).items(),
                                 key=lambda item: (-item[1], item[0]))[:top_k]],
            "textrank": pairs(get_extractor("textrank")([all_passages], top_k=top_k)[0]),
        },
        "roles": corpus_role_keyness(documents, top_k=2 * top_k, corpus=corpus),
        "documents": {
            document.id: {"tfidf": pairs(tfidf[i]), "textrank": pairs(textrank[i]), "roles": roles[document.id]}
            for i, document in enumerate(documents)
        },
    }
