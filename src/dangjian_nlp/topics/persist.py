"""Save a fitted topic model with a manifest, and load it back to give mixtures to new passages."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dangjian_nlp import io
from dangjian_nlp.errors import ModelError
from dangjian_nlp.keywords.tokens import passage_terms
from dangjian_nlp.topics.base import get_backend, normalise_rows
from dangjian_nlp.topics.fit import TopicResult

LOGGER = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _versions() -> dict[str, str]:
    import gensim
    import sklearn

    return {"numpy": np.__version__, "scikit-learn": sklearn.__version__, "gensim": gensim.__version__}


def save_topic_model(result: TopicResult, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write the fitted model and a manifest into ``out_dir``.

    Files: ``components.npy`` (topics × terms), ``vocabulary.json``, ``idf.npy``, backend
    files (``lda.gensim*`` for LDA) and ``manifest.json`` (backend, K, seed, settings, library
    versions, sha256 of every file). Nothing is written for a skipped result.

    Returns:
        The paths written, manifest last.
    """
    if result.fitted is None or result.corpus is None or result.k == 0:
        return []
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    written = get_backend(result.backend).save(result.fitted, target)
    written.append(io.write_json(target / "vocabulary.json", result.corpus.vocabulary))
    idf_path = target / "idf.npy"
    with io.atomic_open(idf_path, "wb") as handle:
        np.save(handle, result.corpus.idf)
    written.append(idf_path)
    config = result.config
    manifest = {
        "format": FORMAT_VERSION,
        "kind": "dangjian-nlp topic model",
        "backend": result.backend,
        "k": result.k,
        "seed": result.seed,
        "unit": "passage",
        "passages": result.corpus.n_passages,
        "vocabulary": len(result.corpus.vocabulary),
        "coherence": result.coherence,
        "stability": result.stability,
        "topics": [{"id": t["id"], "label": t["label"]} for t in result.topics],
        "settings": {name: (list(value) if isinstance(value, tuple) else value)
                     for name, value in _config_items(config)},
        "versions": _versions(),
        "rebuild": f"dangjian topics PATH... --out DIR --seed {result.seed} --backend {result.backend} --k {result.k}",
        "files": {path.name: _sha256(path) for path in sorted(written)},
    }
    written.append(io.write_json(target / MANIFEST, manifest))
    return written


def _config_items(config: object) -> list[tuple[str, object]]:
    if config is None:
        return []
    return [(name, getattr(config, name)) for name in config.__dataclass_fields__]  # type: ignore[attr-defined]


@dataclass(slots=True)
class TopicModel:
    """A saved topic model, loaded: gives topic mixtures to new passages."""

    backend: str
    k: int
    vocabulary: list[str]
    components: np.ndarray
    idf: np.ndarray
    labels: list[str]

    def transform(self, texts: list[str]) -> np.ndarray:
        """Topic mixtures (rows sum to 1, or 0 without known terms) of new passage texts."""
        from scipy import sparse
        from sklearn.decomposition import non_negative_factorization
        from sklearn.preprocessing import normalize

        index = {term: j for j, term in enumerate(self.vocabulary)}
        rows, cols, values = [], [], []
        for i, text in enumerate(texts):
            counts: dict[int, int] = {}
            for term in passage_terms(text):
                if term in index:
                    counts[index[term]] = counts.get(index[term], 0) + 1
            for j, count in sorted(counts.items()):
                rows.append(i)
                cols.append(j)
                values.append((1.0 + np.log(count)) * self.idf[j])
        matrix = normalize(sparse.csr_matrix((values, (rows, cols)), shape=(len(texts), len(self.vocabulary))))
        if self.backend == "nmf":
            weights, _, _ = non_negative_factorization(matrix, H=self.components, n_components=self.k,
                                                       update_H=False, init="custom", max_iter=300)
        else:
            weights = matrix @ self.components.T
        return normalise_rows(np.asarray(weights))


def load_topic_model(model_dir: str | os.PathLike[str]) -> TopicModel:
    """Load a model written by :func:`save_topic_model`, checking the manifest's checksums.

    Raises:
        ModelError: Missing files, checksum mismatch or an unknown format.
    """
    folder = Path(model_dir)
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise ModelError(f"{folder}: no {MANIFEST}; not a saved topic model")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT_VERSION:
        raise ModelError(f"{manifest_path}: unsupported format {manifest.get('format')!r}")
    for name, digest in manifest.get("files", {}).items():
        path = folder / name
        if not path.is_file() or _sha256(path) != digest:
            raise ModelError(f"{path}: missing or changed since the model was saved (checksum mismatch)")
    return TopicModel(
        backend=manifest["backend"], k=manifest["k"],
        vocabulary=json.loads((folder / "vocabulary.json").read_text(encoding="utf-8")),
        components=np.load(folder / "components.npy"), idf=np.load(folder / "idf.npy"),
        labels=[topic["label"] for topic in manifest.get("topics", [])],
    )
