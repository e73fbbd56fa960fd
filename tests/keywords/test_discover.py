"""Term discovery on the seed reports: quoted jargon, cohesive n-grams, segmenter splits."""

from __future__ import annotations

import pytest

from dangjian_nlp.keywords import (
    TermCandidate,
    adopt_terms,
    discover_terms,
    is_adoptable,
    quoted_expressions,
    split_terms,
)
from dangjian_nlp.keywords.discover import ngram_candidates
from dangjian_nlp.segment import tokenize


@pytest.fixture(scope="session")
def seed_candidates(seed_documents):
    return {candidate.term: candidate for candidate in discover_terms(seed_documents)}


@pytest.mark.parametrize("term", ["两张皮", "三会一课", "一岗双责", "灯下黑"])
def test_discovery_finds_the_field_jargon_in_the_seeds(seed_candidates, term: str) -> None:
    candidate = seed_candidates[term]
    assert candidate.sources == ("quote", "ngram")
    assert candidate.quoted >= 5 and candidate.freq >= candidate.quoted
    assert candidate.known and not candidate.split


@pytest.mark.parametrize("term", ["两张皮", "三会一课", "一岗双责"])
def test_ngram_statistics_alone_find_them(seed_documents, term: str) -> None:
    # Without quotation marks or the domain dictionary: cohesion and free ends are enough.
    texts = [document.text.replace("“", "").replace("”", "") for document in seed_documents]
    found = ngram_candidates(texts)
    freq, pmi, left, right = found[term]
    assert freq >= 15 and pmi >= 3.0 and min(left, right) >= 1.0


def test_fragments_and_ordinary_words_are_not_candidates(seed_candidates) -> None:
    assert "张皮" not in seed_candidates  # a piece of 两张皮
    assert "会一课" not in seed_candidates
    assert not [term for term in seed_candidates if term[0] in "的了是在和与" or term[-1] in "的了是在和与"]


def test_candidates_are_sorted_and_reproducible(seed_documents, seed_candidates) -> None:
    again = discover_terms(seed_documents)
    assert [c.term for c in again] == list(seed_candidates)
    freqs = [c.freq for c in again]
    assert freqs == sorted(freqs, reverse=True)


def test_quoted_expressions_skip_long_quotations() -> None:
    text = "破解“两张皮”难题，落实“一岗双责”，又说“把抓好党建作为最大的政绩这句话要牢牢记住”。“两张皮”"
    counts = quoted_expressions([text])
    assert counts == {"两张皮": 2, "一岗双责": 1}


def test_adopted_terms_join_the_segmenter(make_document) -> None:
    # A made-up brand name, quoted often: the segmenter splits it until it is adopted.
    texts = [f"第{n}支部打造“鹭岛红帆”品牌，“鹭岛红帆”服务队深入社区开展志愿服务。" for n in range(6)]
    document = make_document("brand", texts)
    candidate = next(c for c in discover_terms([document]) if c.term == "鹭岛红帆")
    assert candidate.split and not candidate.known
    assert "鹭岛红帆" not in tokenize("“鹭岛红帆”服务队")
    assert adopt_terms([candidate]) == ["鹭岛红帆"]
    assert "鹭岛红帆" in tokenize("“鹭岛红帆”服务队")


def test_split_terms_reports_only_terms_cut_in_pieces() -> None:
    rows = split_terms(["两张皮", "一体化考核", "三会一课"])
    assert rows == [{"term": "一体化考核", "tokens": ["一体化", "考核"]}]
    default = {row["term"] for row in split_terms()}
    assert "一体化考核" in default and "两张皮" not in default


def _candidate(**changes) -> TermCandidate:
    values = dict(term="党建联盟", freq=20, documents=3, quoted=0, pmi=5.0, left_entropy=2.0, right_entropy=2.0,
                  sources=("ngram",), known=False, split=True)
    values.update(changes)
    return TermCandidate(**values)


@pytest.mark.parametrize(("changes", "expected"), [
    ({}, True),                                            # cohesive, free, in several documents
    ({"split": False}, False),                             # the segmenter keeps it whole already
    ({"documents": 1}, False),                             # one document's habit
    ({"pmi": 3.2}, False),                                 # weakly cohesive
    ({"left_entropy": 0.8}, False),                        # always after the same character
    ({"documents": 1, "pmi": 0.0, "quoted": 2}, True),     # quoted twice: the authors mark it a term
    ({"term": "重业务、轻党建", "quoted": 5}, False),        # an enumeration, not one word
])
def test_which_candidates_are_adopted(changes: dict, expected: bool) -> None:
    assert is_adoptable(_candidate(**changes)) is expected
