"""Stopwords for keywords and topics drop policy boilerplate but never domain terms."""

from __future__ import annotations

import pytest

from dangjian_nlp.keywords import boilerplate, is_keyword_token, keyword_stopwords, passage_terms
from dangjian_nlp.segment import domain_terms, stopwords


@pytest.mark.parametrize("word", ["总书记", "指出", "同志", "我们", "进一步", "加大", "着力", "意见", "措施", "使得"])
def test_boilerplate_is_dropped(word: str) -> None:
    assert not is_keyword_token(word)


@pytest.mark.parametrize("term", ["两张皮", "一岗双责", "三会一课", "灯下黑", "党支部", "主体责任", "重业务轻党建"])
def test_domain_terms_are_kept(term: str) -> None:
    assert is_keyword_token(term)


def test_no_domain_term_is_ever_a_stopword() -> None:
    domain = {term for term, _ in domain_terms()}
    assert not domain & keyword_stopwords()


def test_keyword_stopwords_extend_the_shared_list() -> None:
    assert stopwords() <= keyword_stopwords() | {term for term, _ in domain_terms()}
    assert boilerplate() - stopwords()  # the extra list adds words of its own
    assert not any(word.startswith("#") for word in boilerplate())


def test_passage_terms_of_a_policy_sentence() -> None:
    terms = passage_terms("习近平总书记指出，要进一步加大力度加强党支部建设，切实破解“两张皮”问题，落实一岗双责。")
    assert {"党支部", "两张皮", "一岗双责"} <= set(terms)
    assert not {"总书记", "指出", "进一步", "加大", "力度", "加强", "切实", "问题"} & set(terms)
