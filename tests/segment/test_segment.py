"""Shared segmentation: domain terms stay whole in both backends, normalisation, agreement."""

from __future__ import annotations

from pathlib import Path

import pytest

from dangjian_nlp.errors import DangjianError
from dangjian_nlp.segment import (
    available_segmenters,
    create_segmenter,
    domain_terms,
    get_segmenter,
    normalize,
    normalize_keep_offsets,
    stopwords,
    tokenize,
)

TERMS = ["三会一课", "两张皮", "一岗双责", "重业务轻党建", "党务干部", "主题党日", "述职评议", "组织生活会", "党建+",
         "民主生活会", "第一责任人", "先锋模范作用", "身兼数职", "一手硬一手软", "同谋划", "结对共建"]


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
@pytest.mark.parametrize("term", TERMS)
def test_domain_terms_stay_single_tokens(backend: str, term: str) -> None:
    text = f"有的单位{term}问题突出，要抓好{term}。"
    tokens = get_segmenter(backend).cut(normalize(text))
    assert tokens.count(term) == 2


def test_full_width_plus_is_normalised_and_kept_whole() -> None:
    assert "党建+" in tokenize("推行“党建＋”模式")


def test_normalize_keep_offsets_keeps_length() -> None:
    text = "党建＋１２３　ＡＢＣ，ﬁ末"
    folded = normalize_keep_offsets(text)
    assert len(folded) == len(text)
    assert folded.startswith("党建+123 ABC,")
    assert folded[-2] == "ﬁ"  # NFKC would make two characters: left alone


def test_stopwords_never_hold_domain_terms() -> None:
    assert not stopwords() & {term for term, _ in domain_terms()}


def test_every_domain_term_has_an_explicit_frequency() -> None:
    assert all(freq > 0 for _, freq in domain_terms())


def test_unknown_segmenter_names_the_choices() -> None:
    with pytest.raises(DangjianError, match="rjieba"):
        create_segmenter("nope")
    assert available_segmenters() == ["jieba", "rjieba"]


def test_rjieba_agrees_with_jieba_on_a_seed(corpus_dir: Path) -> None:
    text = normalize("".join((corpus_dir / "001_6760920c93c036ae.txt").read_text(encoding="utf-8").split()))
    ours = get_segmenter("rjieba").cut(text)
    reference = get_segmenter("jieba").cut(text)
    assert "".join(ours) == "".join(reference) == text

    def spans(tokens):
        out, pos = set(), 0
        for token in tokens:
            out.add((pos, pos + len(token)))
            pos += len(token)
        return out

    agreement = len(spans(ours) & spans(reference)) / len(spans(ours))
    assert agreement >= 0.999


def test_added_terms_are_kept_whole_afterwards() -> None:
    from dangjian_nlp.segment import add_terms

    segmenter = create_segmenter("rjieba", words=domain_terms())
    before = segmenter.cut("推行红色领航工程")
    assert "红色领航工程" not in before
    add_terms(["红色领航工程"])
    assert "红色领航工程" in tokenize("推行红色领航工程")
