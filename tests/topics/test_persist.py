"""Saving a fitted model with its manifest, loading it back, refusing a damaged one."""

from __future__ import annotations

import json

import numpy as np
import pytest

from dangjian_nlp.errors import ModelError
from dangjian_nlp.topics import load_topic_model, save_topic_model


@pytest.fixture(scope="module")
def saved(dev_result, tmp_path_factory):
    folder = tmp_path_factory.mktemp("model")
    return folder, save_topic_model(dev_result, folder)


def test_files_and_manifest(saved, dev_result) -> None:
    folder, written = saved
    names = sorted(path.name for path in written)
    assert names == ["components.npy", "idf.npy", "manifest.json", "vocabulary.json"]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["backend"], manifest["k"], manifest["seed"]) == ("nmf", dev_result.k, 0)
    assert set(manifest["files"]) == {"components.npy", "idf.npy", "vocabulary.json"}
    assert manifest["settings"]["k_grid"] == list(dev_result.config.k_grid)
    assert "dangjian topics" in manifest["rebuild"]
    assert {"numpy", "scikit-learn", "gensim"} <= set(manifest["versions"])


def test_saving_twice_gives_the_same_bytes(saved, dev_result, tmp_path) -> None:
    folder, _ = saved
    save_topic_model(dev_result, tmp_path)
    for name in ("components.npy", "idf.npy", "vocabulary.json", "manifest.json"):
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes()


def test_loaded_model_places_training_passages_in_their_topics(saved, dev_result, dev_documents) -> None:
    folder, _ = saved
    model = load_topic_model(folder)
    assert model.k == dev_result.k and model.labels == [t["label"] for t in dev_result.topics]
    texts = [p.text for d in dev_documents for p in d.passages]
    mixtures = model.transform(texts)
    fitted = dev_result.fitted.passage_topics
    placed = fitted.sum(axis=1) > 0
    agree = (mixtures.argmax(axis=1) == fitted.argmax(axis=1))[placed]
    assert agree.mean() >= 0.8
    assert np.allclose(mixtures[placed].sum(axis=1), 1.0)


def test_a_changed_file_is_refused(saved, tmp_path) -> None:
    folder, _ = saved
    for name in ("components.npy", "idf.npy", "vocabulary.json", "manifest.json"):
        (tmp_path / name).write_bytes((folder / name).read_bytes())
    (tmp_path / "vocabulary.json").write_text("[]", encoding="utf-8")
    with pytest.raises(ModelError, match="vocabulary.json.*checksum"):
        load_topic_model(tmp_path)
    with pytest.raises(ModelError, match="not a saved topic model"):
        load_topic_model(tmp_path / "elsewhere")


def test_a_skipped_result_saves_nothing(tmp_path) -> None:
    from dangjian_nlp.topics import TopicResult

    assert save_topic_model(TopicResult(backend="nmf", k=0, seed=0, skipped="too few"), tmp_path) == []
    assert not list(tmp_path.iterdir())


def test_lda_model_files_are_byte_identical_across_fits(dev_documents, tmp_path) -> None:
    from dangjian_nlp.topics import fit_topics  # noqa: PLC0415

    for name in ("a", "b"):
        result = fit_topics(dev_documents, seed=0, backend="lda", k=4, annotate=False)
        save_topic_model(result, tmp_path / name)
    first = sorted((tmp_path / "a").iterdir())
    assert any(path.name == "lda.gensim" for path in first)
    for path in first:
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name
