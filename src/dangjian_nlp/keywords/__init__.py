"""Keywords, keyness and domain-term discovery over passages.

- :func:`annotate_keywords` fills ``document.keywords`` (TF-IDF with IDF learned on the
  analysed corpus, or TextRank); :func:`role_keywords` gives each document's problem and
  countermeasure keywords; :func:`keywords_summary` is ``OUT/keywords.json``.
- :func:`keyness` compares one group of documents with another (log-likelihood).
- :func:`discover_terms` finds quoted jargon and cohesive n-grams; :func:`adopt_terms` adds
  them to the shared segmenter; :func:`split_terms` lists codebook terms it still splits.

Stopwords are ``segment.stopwords()`` plus ``data/boilerplate.txt``, never domain terms.
"""

from __future__ import annotations

from dangjian_nlp.keywords.annotate import (
    ROLE_GROUPS,
    annotate_keywords,
    corpus_role_keyness,
    keywords_summary,
    role_keywords,
)
from dangjian_nlp.keywords.discover import (
    TermCandidate,
    adopt_terms,
    codebook_terms,
    discover_terms,
    is_adoptable,
    quoted_expressions,
    split_terms,
)
from dangjian_nlp.keywords.extract import (
    available_extractors,
    get_extractor,
    register_extractor,
    textrank_keywords,
    tfidf_keywords,
)
from dangjian_nlp.keywords.keyness import KeyTerm, keyness, keyness_counts
from dangjian_nlp.keywords.stopwords import boilerplate, is_keyword_token, keyword_stopwords
from dangjian_nlp.keywords.tokens import clear_token_cache, document_passage_terms, passage_terms, text_tokens

__all__ = [
    "ROLE_GROUPS",
    "KeyTerm",
    "TermCandidate",
    "adopt_terms",
    "annotate_keywords",
    "available_extractors",
    "boilerplate",
    "clear_token_cache",
    "codebook_terms",
    "corpus_role_keyness",
    "discover_terms",
    "document_passage_terms",
    "get_extractor",
    "is_adoptable",
    "is_keyword_token",
    "keyness",
    "keyness_counts",
    "keyword_stopwords",
    "keywords_summary",
    "passage_terms",
    "quoted_expressions",
    "register_extractor",
    "role_keywords",
    "split_terms",
    "text_tokens",
    "textrank_keywords",
    "tfidf_keywords",
]
