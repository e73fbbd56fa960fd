"""The project's annotated corpus passages (models/training) and how training and tagging use them."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import pytest

from dangjian_nlp.tagging.codebook import load_codebook
from dangjian_nlp.tagging.hybrid import HybridTagger
from dangjian_nlp.tagging.model import models_dir
from dangjian_nlp.tagging.train import DEFAULT_CORPORA, SILVER_FILE, load_silver
from dangjian_nlp.types import ROLES

SILVER = models_dir() / SILVER_FILE


def _lines() -> list[dict]:
    return [json.loads(line) for line in SILVER.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_annotation_file_holds_references_and_valid_labels_only() -> None:
    codebook = load_codebook()
    items = _lines()
    assert len(items) >= 1000
    assert len({item["id"] for item in items}) == len(items)
    for item in items:
        assert set(item) == {"id", "file", "start", "end", "sha1", "role", "problems", "measures", "annotator"}
        assert "text" not in item  # third-party text stays in ../shared/corpora
        assert not item["file"].startswith("dangjian-heldout/")  # never sampled: it stays unseen
        assert item["role"] in ROLES
        assert set(item["problems"]) <= set(codebook.problem_ids)
        assert set(item["measures"]) <= set(codebook.measure_ids)
        if item["problems"]:
            assert item["role"] in ("problem", "cause")
        if item["measures"]:
            assert item["role"] in ("measure", "experience")


@pytest.fixture(scope="module")
def silver_rows() -> list[dict]:
    if not DEFAULT_CORPORA.is_dir():
        pytest.skip("../shared/corpora missing")
    return load_silver()


def test_every_annotated_passage_is_found_in_the_corpora(silver_rows) -> None:
    assert len(silver_rows) == len(_lines())
    for row in silver_rows[:50]:
        assert 40 <= len(row["text"]) <= 600
        assert row["source"].startswith(("party-study-materials/", "cpc-congress-reports/"))


def _write(path: Path, items: list[dict]) -> Path:
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
    return path


def test_a_passage_that_no_longer_matches_its_hash_is_skipped_with_a_warning(tmp_path: Path, caplog) -> None:
    corpora = tmp_path / "corpora"
    (corpora / "a").mkdir(parents=True)
    text = "要严格落实党风廉政建设主体责任，加强对党员干部的教育管理监督。"
    (corpora / "a" / "doc.txt").write_text("标题\n" + text + "\n", encoding="utf-8")
    good = {"id": "s1", "file": "a/doc.txt", "start": 3, "end": 3 + len(text),
            "sha1": hashlib.sha1(text.encode("utf-8")).hexdigest()[:12], "role": "measure", "problems": [],
            "measures": ["M.responsibility"], "annotator": "A0"}
    stale = dict(good, id="s2", sha1="000000000000")
    path = _write(tmp_path / "silver.jsonl", [good, stale])
    with caplog.at_level(logging.WARNING, logger="dangjian_nlp.tagging.train"):
        rows = load_silver(path, corpora=corpora)
    assert [row["id"] for row in rows] == ["s1"]
    assert rows[0]["text"] == text
    assert "1 passages no longer match" in caplog.text


def test_missing_corpora_means_gold_only_with_a_warning(tmp_path: Path, caplog) -> None:
    path = _write(tmp_path / "silver.jsonl", [])
    with caplog.at_level(logging.WARNING, logger="dangjian_nlp.tagging.train"):
        assert load_silver(path, corpora=tmp_path / "nowhere") == []
    assert "gold passages only" in caplog.text


def test_extra_passages_join_the_fit_at_their_weight(gold_rows, silver_rows) -> None:
    pytest.importorskip("sklearn")
    from dangjian_nlp.tagging.train import fit_model

    gold = [row for row in gold_rows if row["doc"] in {"002-02", "002-03", "002-04"}]
    extra = silver_rows[:120]
    plain = fit_model(gold)
    joined = fit_model(gold, extra=extra, extra_weight=0.5)
    assert joined.meta["extra_passages"] == 120 and joined.meta["extra_weight"] == 0.5
    assert joined.meta["passages"] == plain.meta["passages"] == len(gold)
    assert len(joined.vocabulary) > len(plain.vocabulary)
    heavier = fit_model(gold, extra=extra, extra_weight=1.0)
    assert not (heavier.label_weights == joined.label_weights).all()


# Written for this test: narrative and history that the rule layer (built on essays) reads as
# experience, and that the learned layer, trained with the annotated corpus passages, knows as other.
NARRATIVES = [
    "2005年春天，他冒雨来到县里，走进农户家中问寒问暖，临走时还把自己的联系方式留给了村支书。",
    "1949年10月1日，中华人民共和国宣告成立，中国人民从此站起来了，开启了社会主义建设的新征程。",
]
PRESCRIPTION = "要严格落实管党治党主体责任，建立责任清单，压实各级党组织书记第一责任人责任。"


@pytest.mark.parametrize("text", NARRATIVES)
def test_other_veto_turns_narrative_into_other(hybrid_tagger, rule_tagger, text: str) -> None:
    assert rule_tagger.tag(text).role == "experience"
    assert HybridTagger(model=hybrid_tagger.model, other_veto=1.01).tag(text).role == "experience"
    result = hybrid_tagger.tag(text)
    assert result.role == "other"
    assert not result.measures and not result.problems


def test_other_veto_keeps_a_prescription(hybrid_tagger) -> None:
    result = hybrid_tagger.tag(PRESCRIPTION)
    assert result.role == "measure"
    assert "M.responsibility" in {tag.id for tag in result.measures}


def test_other_origin_splits_keep_the_files_read_for_rule_changes_out_of_the_unrevised_split() -> None:
    from dangjian_nlp.tagging.evaluate import other_origin_splits, revised_files

    def row(index: int, source: str, annotator: str) -> dict:
        return {"id": f"s{index}", "source": source, "annotator": annotator}

    first = [row(0, "a.txt", "A0"), row(1, "b.txt", "A3"), row(2, "c.txt", "A6"), row(3, "d.txt", "A1")]
    later = [row(4, "a.txt", "A7"), row(5, "e.txt", "A9"), row(6, "0.txt", "A8")]
    # The revised half is fixed by the first round alone: later files (0.txt sorts first) change nothing.
    assert revised_files(first) == revised_files(first + later) == {"a.txt", "c.txt"}
    splits = other_origin_splits(first + later)
    assert [r["id"] for r in splits["all"]] == [f"s{i}" for i in range(7)]
    assert [r["id"] for r in splits["unrevised"]] == ["s1", "s3", "s5", "s6"]
    assert [r["id"] for r in splits["later_rounds"]] == ["s4", "s5", "s6"]


def test_annotators_travel_with_the_annotated_passages(silver_rows) -> None:
    assert {row["annotator"] for row in silver_rows} >= {f"A{i}" for i in range(7)}
