"""The learned layer: export round trip, fallback without a model, role smoothing, determinism."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from dangjian_nlp.tagging import get_tagger, tag_json_lines
from dangjian_nlp.tagging.hybrid import HybridTagger, smooth_roles
from dangjian_nlp.tagging.model import MODEL_FILE, LinearModel, load_default_model, models_dir


@pytest.fixture(scope="module")
def small_model(gold_rows):
    pytest.importorskip("sklearn")
    from dangjian_nlp.tagging.train import fit_model

    docs = {"002-02", "002-03", "002-04"}  # three short essays: a quick fit
    return fit_model([row for row in gold_rows if row["doc"] in docs])


def test_shipped_model_is_present_small_and_loads() -> None:
    path = models_dir() / MODEL_FILE
    assert path.is_file()
    assert path.stat().st_size < 3_000_000
    model = load_default_model()
    assert model is not None
    assert model.roles == ["problem", "cause", "measure", "experience", "other"]
    assert (models_dir() / "tagger-linear.md").is_file()


def test_default_tagger_is_the_hybrid_with_its_model() -> None:
    tagger = get_tagger()
    assert isinstance(tagger, HybridTagger)
    assert tagger.model is not None


def test_saved_model_scores_like_the_fitted_one(small_model, tmp_path: Path, gold_rows) -> None:
    loaded = LinearModel.load(small_model.save(tmp_path / "m.npz"))
    fitted = HybridTagger(model=small_model)
    again = HybridTagger(model=loaded)
    texts = [row["text"] for row in gold_rows[-20:]]
    first = [fitted.tag(text).role for text in texts]
    second = [again.tag(text).role for text in texts]
    assert sum(a == b for a, b in zip(first, second)) >= 19  # float16 weights may flip a near tie


def test_corrupt_model_file_is_a_model_error(tmp_path: Path) -> None:
    from dangjian_nlp.errors import ModelError

    bad = tmp_path / "m.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelError, match=str(bad)):
        LinearModel.load(bad)


def test_missing_model_falls_back_to_rules_with_a_warning(tmp_path: Path, monkeypatch, caplog) -> None:
    monkeypatch.setenv("DANGJIAN_MODELS", str(tmp_path))
    load_default_model.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            tagger = HybridTagger()
        assert tagger.model is None
        assert "rule layer only" in caplog.text
        result = tagger.tag("党务干部多为兼职，精力有限。", heading_role="problem")
        assert [t.id for t in result.problems] == ["P.part_time"]
    finally:
        load_default_model.cache_clear()


def test_smoothing_follows_stretches() -> None:
    transitions = np.array([[0.8, 0.2], [0.2, 0.8]])
    start = np.array([0.5, 0.5])
    probs = np.array([[0.9, 0.1], [0.45, 0.55], [0.8, 0.2], [0.1, 0.9], [0.2, 0.8]])
    assert smooth_roles(probs, transitions, start) == [0, 0, 0, 1, 1]
    assert smooth_roles(probs, transitions, start, weight=0.0) == [0, 1, 0, 1, 1]


def test_same_input_same_bytes(gold_rows) -> None:
    lines = [json.dumps({"id": row["id"], "text": row["text"]}, ensure_ascii=False) for row in gold_rows[:60]]
    first = [json.dumps(row, ensure_ascii=False) for row in tag_json_lines(lines)]
    second = [json.dumps(row, ensure_ascii=False) for row in tag_json_lines(lines)]
    assert first == second


def test_every_model_tag_has_evidence_inside_the_text(hybrid_tagger, gold_rows) -> None:
    lines = [json.dumps({"id": row["id"], "text": row["text"]}, ensure_ascii=False) for row in gold_rows]
    texts = {row["id"]: row["text"] for row in gold_rows}
    sources = set()
    for out in tag_json_lines(lines, tagger=hybrid_tagger):
        text = texts[out["id"]]
        for tag in (*out["problems"], *out["measures"]):
            sources.add(tag["source"])
            assert tag["evidence"]
            for evidence in tag["evidence"]:
                assert text[evidence["start"]:evidence["end"]] == evidence["quote"]
        if out["role"] in ("problem", "cause"):
            assert out["measures"] == []
        elif out["role"] in ("measure", "experience"):
            assert out["problems"] == []
        else:
            assert out["problems"] == out["measures"] == []
    assert "rule+model" in sources
