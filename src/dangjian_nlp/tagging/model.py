"""The learned layer's exported weights: loading and scoring with numpy only.

The model file (``models/tagger-linear.npz``) holds a vocabulary of character n-grams with
their idf, one linear role classifier (softmax over ``ROLES``) and one linear classifier per
label (sigmoid), over the features of :mod:`dangjian_nlp.tagging.features`. It is written by
``python -m dangjian_nlp.tagging.train``.
"""

from __future__ import annotations

import functools
import io
import json
import logging
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from dangjian_nlp.errors import ModelError

LOGGER = logging.getLogger(__name__)

MODEL_FILE = "tagger-linear.npz"
MODELS_ENV = "DANGJIAN_MODELS"
FORMAT_VERSION = 1


def models_dir() -> Path:
    """Where trained models live: ``$DANGJIAN_MODELS``; else ``models/`` of the source checkout;
    else the copy shipped in the package (``dangjian_nlp/_models``, a link to ``models/`` in the
    checkout that setuptools copies into the wheel)."""
    if os.environ.get(MODELS_ENV):
        return Path(os.environ[MODELS_ENV])
    checkout = Path(__file__).resolve().parents[3] / "models"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("dangjian_nlp").joinpath("_models")))


@dataclass(slots=True)
class LinearModel:
    """Linear role and label classifiers over n-gram and rule features.

    Attributes:
        vocabulary: n-gram → column index.
        idf: idf of each n-gram column.
        dense: Names of the dense features after the n-gram columns.
        roles: Role names (rows of the role classifier).
        labels: Label ids (columns of the label classifiers).
        role_weights: ``(n_features, n_roles)``.
        role_bias: ``(n_roles,)``.
        label_weights: ``(n_features, n_labels)``.
        label_bias: ``(n_labels,)``.
        meta: Training metadata (data, sizes, options).
    """

    vocabulary: dict[str, int]
    idf: np.ndarray
    dense: list[str]
    roles: list[str]
    labels: list[str]
    role_weights: np.ndarray
    role_bias: np.ndarray
    label_weights: np.ndarray
    label_bias: np.ndarray
    meta: dict
    joint_weights: np.ndarray = field(init=False, repr=False)
    joint_bias: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # One matrix product gives role and label logits together.
        self.joint_weights = np.ascontiguousarray(np.hstack([self.role_weights, self.label_weights]))
        self.joint_bias = np.concatenate([self.role_bias, self.label_bias])

    @property
    def transitions(self) -> np.ndarray | None:
        """Role-to-role transition probabilities seen in training (rows: previous role), if any."""
        value = self.meta.get("transitions")
        return np.asarray(value, dtype=np.float64) if value is not None else None

    @property
    def start(self) -> np.ndarray:
        """Probability of each role for a document's first passage."""
        value = self.meta.get("start")
        return np.asarray(value, dtype=np.float64) if value is not None else np.full(len(self.roles), 1 / len(self.roles))

    @property
    def ngram_sizes(self) -> tuple[int, ...]:
        """The n-gram sizes the model was trained with."""
        return tuple(self.meta.get("ngram_sizes", (2, 3)))

    def probabilities(self, indices: Sequence[int], values: Sequence[float], dense: Sequence[float]
                      ) -> tuple[np.ndarray, np.ndarray]:
        """``(role probabilities (softmax), label probabilities (sigmoid))`` of one passage."""
        idx, val = self._features(indices, values, dense)
        logits = val @ self.joint_weights[idx] + self.joint_bias
        n_roles = len(self.roles)
        role_logits = logits[:n_roles] - logits[:n_roles].max()
        exp = np.exp(role_logits)
        return exp / exp.sum(), 1.0 / (1.0 + np.exp(-logits[n_roles:]))

    def _features(self, indices: Sequence[int], values: Sequence[float], dense: Sequence[float]
                  ) -> tuple[np.ndarray, np.ndarray]:
        offset = len(self.vocabulary)
        idx = np.concatenate([np.asarray(indices, dtype=np.int64),
                              np.arange(offset, offset + len(dense), dtype=np.int64)])
        val = np.concatenate([np.asarray(values, dtype=np.float64), np.asarray(dense, dtype=np.float64)])
        return idx, val

    def role_probabilities(self, indices: Sequence[int], values: Sequence[float], dense: Sequence[float]
                           ) -> np.ndarray:
        """Softmax role probabilities, in ``roles`` order."""
        idx, val = self._features(indices, values, dense)
        logits = val @ self.role_weights[idx] + self.role_bias
        logits -= logits.max()
        exp = np.exp(logits)
        return exp / exp.sum()

    def label_probabilities(self, indices: Sequence[int], values: Sequence[float], dense: Sequence[float]
                            ) -> np.ndarray:
        """Sigmoid probability of each label, in ``labels`` order."""
        idx, val = self._features(indices, values, dense)
        logits = val @ self.label_weights[idx] + self.label_bias
        return 1.0 / (1.0 + np.exp(-logits))

    def label_contributions(self, indices: Sequence[int], values: Sequence[float], label: str) -> dict[int, float]:
        """Per n-gram column, its contribution to ``label``'s logit (for evidence)."""
        column = self.labels.index(label)
        return {int(i): float(v) * float(self.label_weights[i, column]) for i, v in zip(indices, values)}

    def save(self, path: str | Path) -> Path:
        """Write the model as a compressed ``.npz`` (float16 weights), atomically."""
        from dangjian_nlp.io import atomic_open  # noqa: PLC0415

        header = {"format": FORMAT_VERSION, "dense": self.dense, "roles": self.roles, "labels": self.labels,
                  "meta": self.meta}
        grams = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        arrays = {
            "header": np.frombuffer(json.dumps(header, ensure_ascii=False, sort_keys=True).encode(), dtype=np.uint8),
            "vocabulary": np.frombuffer("\n".join(grams).encode(), dtype=np.uint8),
            "idf": self.idf.astype(np.float32),
            "role_weights": self.role_weights.astype(np.float16),
            "role_bias": self.role_bias.astype(np.float32),
            "label_weights": self.label_weights.astype(np.float16),
            "label_bias": self.label_bias.astype(np.float32),
        }
        # An .npz written by hand with fixed zip timestamps: the same model gives the same bytes.
        with atomic_open(path, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, array in arrays.items():
                buffer = io.BytesIO()
                np.lib.format.write_array(buffer, array, allow_pickle=False)
                info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, buffer.getvalue())
        return Path(path)

    @classmethod
    def load(cls, path: str | Path) -> LinearModel:
        """Read a model written by :meth:`save`.

        Raises:
            ModelError: Missing, unreadable or of another format version.
        """
        try:
            with np.load(path, allow_pickle=False) as data:
                header = json.loads(bytes(data["header"]).decode())
                grams = bytes(data["vocabulary"]).decode().split("\n")
                arrays = {key: data[key] for key in ("idf", "role_weights", "role_bias", "label_weights", "label_bias")}
        except FileNotFoundError:
            raise ModelError(f"{path}: model file not found") from None
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"{path}: not a tagger model ({exc})") from None
        if header.get("format") != FORMAT_VERSION:
            raise ModelError(f"{path}: model format {header.get('format')} is not {FORMAT_VERSION}; rebuild it "
                             "with python -m dangjian_nlp.tagging.train")
        return cls(
            vocabulary={gram: i for i, gram in enumerate(grams)},
            idf=arrays["idf"].astype(np.float64),
            dense=header["dense"], roles=header["roles"], labels=header["labels"],
            role_weights=arrays["role_weights"].astype(np.float64), role_bias=arrays["role_bias"].astype(np.float64),
            label_weights=arrays["label_weights"].astype(np.float64),
            label_bias=arrays["label_bias"].astype(np.float64),
            meta=header.get("meta", {}),
        )


@functools.cache
def load_default_model() -> LinearModel | None:
    """The shipped model, or ``None`` (with a warning) when it is missing or unreadable."""
    path = models_dir() / MODEL_FILE
    try:
        return LinearModel.load(path)
    except ModelError as exc:
        LOGGER.warning("%s; tagging with the rule layer only", exc)
        return None
