"""Nothing of the essays is lost, and every dev essay is found by the evaluation's anchors."""

from __future__ import annotations

import json

import pytest

from dangjian_nlp.tagging.evaluate import best_match, squash


@pytest.fixture(scope="module")
def gold_passages(dev_passages_path) -> list[dict]:
    return [json.loads(line) for line in dev_passages_path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def bodies(seed_documents) -> list[str]:
    """What the document evaluation searches: squash(title + text)."""
    return [squash(d.title + d.text) for d in seed_documents]


def test_every_labelled_passage_appears_verbatim(gold_passages, seed_documents):
    texts = [squash(d.text) for d in seed_documents]
    labelled = [g for g in gold_passages if g["role"] != "other"]
    assert len(labelled) > 150
    missing = [g["id"] for g in labelled if not any(squash(g["text"]) in text for text in texts)]
    assert missing == []


def test_only_site_boilerplate_of_the_gold_other_passages_is_dropped(gold_passages, seed_documents):
    texts = [squash(d.text) for d in seed_documents]
    dropped = {g["text"] for g in gold_passages if not any(squash(g["text"]) in text for text in texts)}
    assert all(any(mark in text for mark in ("www.", "[bookmark", "来源：", "...")) for text in dropped), dropped


def test_each_dev_essay_is_found_in_its_own_document(shared_dir, bodies, seed_documents):
    gold = [json.loads(line) for line in (shared_dir / "eval" / "dev" / "documents.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    hits = {g["doc"]: best_match(g["anchors"], bodies) for g in gold}
    assert None not in hits.values(), hits
    assert len(set(hits.values())) == len(gold) == 12
    for doc, index in hits.items():
        assert seed_documents[index].source.endswith(next(g["seed_file"] for g in gold if g["doc"] == doc))
