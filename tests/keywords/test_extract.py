"""TF-IDF (IDF learned on the analysed corpus) and TextRank keywords."""

from __future__ import annotations

import copy

import pytest

from dangjian_nlp.errors import DangjianError
from dangjian_nlp.keywords import (
    annotate_keywords,
    available_extractors,
    keyword_stopwords,
    keywords_summary,
    role_keywords,
    textrank_keywords,
    tfidf_keywords,
)



def test_registry_lists_both_methods() -> None:
    assert available_extractors() == ["textrank", "tfidf"]
    with pytest.raises(DangjianError, match="unknown keyword method 'bm25'"):
        annotate_keywords([], method="bm25")


def test_idf_is_learned_on_the_corpus_given() -> None:
    # 党支部 is in every passage of the corpus, 灯下黑 only in the first document.
    corpus = [
        [["党支部", "灯下黑", "灯下黑", "主体责任"], ["党支部", "灯下黑"]],
        [["党支部", "考核", "指标"], ["党支部", "考核"]],
        [["党支部", "培训", "轮训"], ["党支部", "培训"]],
    ]
    first, second, third = tfidf_keywords(corpus, top_k=3)
    assert first[0][0] == "灯下黑"
    assert second[0][0] == "考核"
    assert third[0][0] == "培训"
    assert all(term != "党支部" for term, _ in first[:1] + second[:1] + third[:1])
    scores = dict(tfidf_keywords(corpus, top_k=10)[0])
    assert scores["灯下黑"] > scores["主体责任"] > scores["党支部"]


def test_textrank_ranks_the_hub_term_first() -> None:
    # 融合 co-occurs with every other term; the others only with their neighbours.
    passages = [["融合", "考核"], ["融合", "培训"], ["融合", "党建+"], ["融合", "同谋划"], ["考核", "指标"]]
    (keywords,) = textrank_keywords([passages], top_k=3)
    assert keywords[0] == ("融合", 1.0)
    assert [score for _, score in keywords] == sorted((score for _, score in keywords), reverse=True)


@pytest.mark.parametrize("method", ["tfidf", "textrank"])
def test_annotate_keywords_on_the_dev_essays(gold_documents, method: str) -> None:
    documents = copy.deepcopy(gold_documents)
    annotate_keywords(documents, top_k=8, method=method)
    drop = keyword_stopwords()
    for document in documents:
        assert 0 < len(document.keywords) <= 8
        assert all(set(item) == {"term", "score"} for item in document.keywords)
        scores = [item["score"] for item in document.keywords]
        assert scores == sorted(scores, reverse=True)
        assert not {item["term"] for item in document.keywords} & drop
    again = copy.deepcopy(gold_documents)
    annotate_keywords(again, top_k=8, method=method)
    assert [d.keywords for d in again] == [d.keywords for d in documents]


def test_tfidf_keywords_name_what_each_essay_is_about(gold_documents) -> None:
    documents = copy.deepcopy(gold_documents)
    annotate_keywords(documents, top_k=10)
    by_id = {document.id: {item["term"] for item in document.keywords} for document in documents}
    assert "灯下黑" in by_id["000-00"]  # “点亮‘灯下黑’” essay
    assert {"法院", "审判"} & by_id["000-03"]  # the court's essay
    assert {"检察机关", "检察官"} & by_id["000-02"]  # the procuratorate's essay


def test_role_keywords_separate_problems_from_countermeasures(gold_documents) -> None:
    roles = role_keywords(gold_documents, top_k=10)
    assert set(roles) == {document.id for document in gold_documents}
    with_both = [doc_id for doc_id, groups in roles.items() if set(groups) == {"problem", "measure"}]
    assert len(with_both) >= 6
    summary = keywords_summary(gold_documents, top_k=10)
    problem_terms = {row["term"] for row in summary["roles"]["problem"]}
    measure_terms = {row["term"] for row in summary["roles"]["measure"]}
    assert not problem_terms & measure_terms
    assert {"导致", "缺乏", "两张皮"} & problem_terms
    assert all(row["log_likelihood"] > 0 and row["p_value"] <= 0.05 for row in summary["roles"]["problem"])
    assert set(summary["documents"]) == set(roles)
