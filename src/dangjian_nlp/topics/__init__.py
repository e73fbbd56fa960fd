"""Topic models over passages, K chosen by coherence, with labels, mixtures and essay clusters.

Example:
    >>> from dangjian_nlp.topics import fit_topics, save_topic_model   # doctest: +SKIP
    >>> result = fit_topics(documents, seed=0)                          # doctest: +SKIP
    >>> io.write_json(out / "topics.json", result.to_dict())            # doctest: +SKIP
    >>> save_topic_model(result, out / "topics")                        # doctest: +SKIP

Backends (``nmf`` default, ``lda``) register by name; settings live in ``data/defaults.yaml``.
"""

from __future__ import annotations

from dangjian_nlp.topics import backends as _backends  # noqa: F401  (registers the backends)
from dangjian_nlp.topics.base import (
    FittedTopics,
    TopicBackend,
    TopicCorpus,
    available_backends,
    build_corpus,
    get_backend,
    register_backend,
)
from dangjian_nlp.topics.clusters import essay_clusters
from dangjian_nlp.topics.coherence import diversity, npmi_matrix, stability, topic_cv, topic_npmi
from dangjian_nlp.topics.config import TopicConfig, default_config, parse_config
from dangjian_nlp.topics.fit import (
    TopicResult,
    alignment_table,
    annotate_topics,
    document_mixtures,
    fit_topics,
    select_k,
)
from dangjian_nlp.topics.persist import TopicModel, load_topic_model, save_topic_model

__all__ = [
    "FittedTopics",
    "TopicBackend",
    "TopicConfig",
    "TopicCorpus",
    "TopicModel",
    "TopicResult",
    "alignment_table",
    "annotate_topics",
    "available_backends",
    "build_corpus",
    "default_config",
    "diversity",
    "document_mixtures",
    "essay_clusters",
    "fit_topics",
    "get_backend",
    "load_topic_model",
    "npmi_matrix",
    "parse_config",
    "register_backend",
    "save_topic_model",
    "select_k",
    "stability",
    "topic_cv",
    "topic_npmi",
]
