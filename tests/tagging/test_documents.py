"""tag_documents on real essays: passage roles and tags filled, document tags by the two-passage rule."""

from __future__ import annotations

import copy
from collections import Counter

from dangjian_nlp.tagging import tag_documents, tag_texts
from dangjian_nlp.tagging.aggregate import MIN_PASSAGES


def test_tag_documents_fills_passages_and_documents(gold_documents, hybrid_tagger) -> None:
    documents = copy.deepcopy(gold_documents)
    for document in documents:
        document.problems, document.measures = [], []
        for passage in document.passages:
            passage.problems, passage.measures = [], []
            passage.role, passage.role_source = "other", "text"
    tag_documents(documents, tagger=hybrid_tagger)
    assert any(document.problems for document in documents)
    assert any(document.measures for document in documents)
    for document in documents:
        passages = {p.id: p for p in document.passages}
        for attribute in ("problems", "measures"):
            counts = Counter(tag.id for p in document.passages for tag in getattr(p, attribute))
            expected = sorted(label for label, n in counts.items() if n >= MIN_PASSAGES)
            doc_tags = getattr(document, attribute)
            assert [t.id for t in doc_tags] == expected
            for doc_tag in doc_tags:
                assert doc_tag.passages == len(doc_tag.evidence) == counts[doc_tag.id]
                assert all(doc_tag.id in {t.id for t in getattr(passages[pid], attribute)} for pid in doc_tag.evidence)
        for passage in document.passages:
            assert passage.role_source in {"heading", "text", "model"}


def test_heading_role_from_structure_is_used(gold_documents, rule_tagger) -> None:
    document = copy.deepcopy(gold_documents[0])
    for passage in document.passages:
        passage.role, passage.role_source = "cause", "heading"
    tag_documents([document], tagger=rule_tagger)
    assert Counter(p.role for p in document.passages)["cause"] > len(document.passages) // 2


def test_independent_texts_and_empty_text(hybrid_tagger) -> None:
    results = tag_texts(["", "总之，党建工作意义重大。", "党务干部多为兼职，精力有限，导致党建工作弱化。"],
                        tagger=hybrid_tagger)
    assert results[0].problems == results[0].measures == []
    assert len(results) == 3


def test_documents_not_about_party_building_get_no_labels(corpora_dir, hybrid_tagger) -> None:
    """A government work report talks of 创新, 群众, 监督 … without being about party building."""
    from dangjian_nlp.tagging import TagRequest

    lines = [line.strip() for line in (corpora_dir / "gov-work-reports" / "gwr_1985.txt").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    as_document = hybrid_tagger.tag_many([TagRequest(line, document="gwr_1985") for line in lines])
    alone = hybrid_tagger.tag_many([TagRequest(line) for line in lines])
    labelled = sum(bool(r.problems or r.measures) for r in as_document)
    assert labelled <= len(lines) // 50
    assert sum(bool(r.problems or r.measures) for r in alone) > labelled


def test_party_building_document_stays_in_scope(gold_documents, hybrid_tagger) -> None:
    from dangjian_nlp.tagging import TagRequest

    document = gold_documents[1]
    results = hybrid_tagger.tag_many([TagRequest(p.text, document=document.id) for p in document.passages])
    assert sum(bool(r.problems or r.measures) for r in results) >= len(results) // 2
