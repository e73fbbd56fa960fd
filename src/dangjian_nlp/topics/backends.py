"""The topic backends: scikit-learn NMF over TF-IDF (default) and gensim LDA over counts."""

from __future__ import annotations

import logging
import os
import tempfile
import warnings
from pathlib import Path

import numpy as np

from dangjian_nlp import io
from dangjian_nlp.topics.base import (
    FittedTopics,
    TopicCorpus,
    normalise_rows,
    reconstruction_cosine,
    register_backend,
)

LOGGER = logging.getLogger(__name__)


@register_backend("nmf")
class NMFBackend:
    """Non-negative matrix factorisation of the passage TF-IDF matrix (coordinate descent).

    ``nndsvdar`` initialisation: the deterministic NNDSVD start with its zeros filled by small
    seeded random values, so the seed matters but every start is a good one.
    """

    name = "nmf"

    def __init__(self, *, max_iter: int = 100, tol: float = 1e-3, init: str = "nndsvdar") -> None:
        self.max_iter = max_iter
        self.tol = tol
        self.init = init

    def fit(self, corpus: TopicCorpus, *, k: int, seed: int) -> FittedTopics:
        from sklearn.decomposition import NMF
        from sklearn.exceptions import ConvergenceWarning

        model = NMF(n_components=k, init=self.init, random_state=seed, max_iter=self.max_iter, tol=self.tol)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            weights = model.fit_transform(corpus.tfidf)
        return FittedTopics(backend=self.name, k=k, seed=seed, components=model.components_.copy(),
                            passage_topics=normalise_rows(weights), model=model,
                            fit_cosine=reconstruction_cosine(corpus.tfidf, weights, model.components_))

    def save(self, fitted: FittedTopics, out_dir: Path) -> list[Path]:
        path = out_dir / "components.npy"
        with io.atomic_open(path, "wb") as handle:
            np.save(handle, fitted.components)
        return [path]


@register_backend("lda")
class LDABackend:
    """gensim's online LDA over passage term counts (a few passes; slower than NMF)."""

    name = "lda"

    def __init__(self, *, passes: int = 3, iterations: int = 50) -> None:
        self.passes = passes
        self.iterations = iterations

    def fit(self, corpus: TopicCorpus, *, k: int, seed: int) -> FittedTopics:
        from gensim.corpora import Dictionary
        from gensim.matutils import Sparse2Corpus
        from gensim.models import LdaModel

        bow = list(Sparse2Corpus(corpus.counts.astype(np.int64), documents_columns=False))
        id2word = Dictionary.from_corpus(bow, id2word=dict(enumerate(corpus.vocabulary)))
        logging.getLogger("gensim").setLevel(logging.WARNING)
        model = LdaModel(corpus=bow, id2word=id2word, num_topics=k, random_state=seed, passes=self.passes,
                         iterations=self.iterations, alpha="auto", eta="auto", chunksize=2000)
        gamma, _ = model.inference(bow)
        mixtures = normalise_rows(np.asarray(gamma, dtype=float))
        empty = np.asarray(corpus.counts.sum(axis=1)).ravel() == 0
        mixtures[empty] = 0.0
        components = model.get_topics().astype(float)
        return FittedTopics(backend=self.name, k=k, seed=seed, components=components, passage_topics=mixtures,
                            model=model, fit_cosine=reconstruction_cosine(corpus.counts, mixtures, components))

    def save(self, fitted: FittedTopics, out_dir: Path) -> list[Path]:
        path = out_dir / "components.npy"
        with io.atomic_open(path, "wb") as handle:
            np.save(handle, fitted.components)
        model = fitted.model
        # gensim logs a timestamped event for every fit and save; None switches the log off
        # (gensim's documented way), so the same input gives the same bytes.
        for carrier in (model, getattr(model, "state", None)):
            if carrier is not None:
                carrier.lifecycle_events = None
        with tempfile.TemporaryDirectory(dir=out_dir) as staging:
            model.save(str(Path(staging) / "lda.gensim"))
            for staged in sorted(Path(staging).iterdir()):
                os.replace(staged, out_dir / staged.name)
        return [path, *sorted(out_dir.glob("lda.gensim*"))]
