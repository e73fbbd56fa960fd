"""Traditional→Simplified folding: hand-checked characters, offsets kept, Simplified text untouched."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian_nlp.segment import (
    domain_terms,
    get_segmenter,
    normalize,
    normalize_keep_offsets,
    stopwords,
    tokenize,
    traditional_to_simplified,
)

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(("traditional", "simplified"), [
    ("黨建", "党建"),
    ("兩張皮", "两张皮"),
    ("幹部", "干部"),
    ("於", "于"),
    ("後", "后"),
    ("裡", "里"),
    ("裏", "里"),
    ("為", "为"),
    ("臺灣", "台湾"),
    ("發展", "发展"),
    ("頭髮", "头发"),
    ("乾淨", "干净"),
    ("三會一課", "三会一课"),
    ("一崗雙責", "一岗双责"),
    ("重業務輕黨建", "重业务轻党建"),
    # 著 is no entry of OpenCC's character table (著 is Simplified too: 显著, 著作): kept.
    ("顯著", "显著"),
    ("著力", "著力"),
])
def test_hand_checked_characters_fold_to_simplified(traditional: str, simplified: str) -> None:
    assert traditional_to_simplified(traditional) == simplified
    assert normalize(traditional) == simplified
    assert normalize_keep_offsets(traditional) == simplified


def test_a_hand_written_traditional_sentence_folds_whole() -> None:
    text = "要落實黨建工作責任制，堅決克服重業務、輕黨建的傾向。"
    assert normalize(text) == "要落实党建工作责任制,坚决克服重业务、轻党建的倾向。"
    folded = normalize_keep_offsets(text)
    assert folded == "要落实党建工作责任制,坚决克服重业务、轻党建的倾向。"
    assert len(folded) == len(text)


def test_full_width_and_traditional_fold_together_keeping_length() -> None:
    text = "「黨建＋」模式，１２個支部"
    folded = normalize_keep_offsets(text)
    assert folded == "「党建+」模式,12个支部"
    assert len(folded) == len(text)


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
@pytest.mark.parametrize(("traditional", "term"), [
    ("兩張皮", "两张皮"),
    ("三會一課", "三会一课"),
    ("一崗雙責", "一岗双责"),
    ("重業務輕黨建", "重业务轻党建"),
    ("黨務幹部", "党务干部"),
    ("主題黨日", "主题党日"),
    ("組織生活會", "组织生活会"),
    ("第一責任人", "第一责任人"),
])
def test_traditional_domain_terms_stay_single_simplified_tokens(backend: str, traditional: str, term: str) -> None:
    text = f"有的單位{traditional}問題突出，要抓好{traditional}。"
    assert get_segmenter(backend).cut(normalize(text)).count(term) == 2


def test_traditional_and_simplified_sentences_give_the_same_tokens() -> None:
    traditional = "機關黨建與業務工作「兩張皮」問題，說到底是政治站位的問題，必須壓實黨建工作責任。"
    simplified = "机关党建与业务工作“两张皮”问题，说到底是政治站位的问题，必须压实党建工作责任。"
    assert tokenize(traditional) == tokenize(simplified)
    assert "两张皮" in tokenize(traditional)


def test_simplified_seeds_are_untouched_but_for_a_stray_traditional_character(corpus_dir: Path) -> None:
    changed = {}
    for path in sorted(corpus_dir.glob("*.txt")):
        text = unicodedata.normalize("NFKC", path.read_text(encoding="utf-8"))
        folded = normalize(text)
        assert normalize_keep_offsets(text) == folded and len(folded) == len(text)
        changed[path.name] = [(old, new) for old, new in zip(text, folded) if old != new]
        if not changed[path.name]:
            assert normalize_keep_offsets(text) is text, path.name  # the fast path: no translation at all
    # 002 writes "转职能、转方式、轉作风" with one Traditional character; nothing else moves.
    assert changed == {name: [("轉", "转")] if name.startswith("002_") else [] for name in changed}
    assert len(changed) == 5


def test_packaged_resources_are_fixed_points() -> None:
    for word in [term for term, _ in domain_terms()] + sorted(stopwords()):
        assert normalize(word) == word


def _simplified_alphabet() -> str:
    from dangjian_nlp.segment import _traditional_table  # noqa: PLC0415  (the table under test)

    targets = sorted(set(_traditional_table().values()))
    return "".join(targets) + "的是了在和要党建业务工作机关支部书记考核，。、；：“”（）！？ 0123456789ABCabc\n"


SIMPLIFIED = _simplified_alphabet()


@FAST
@given(st.text(alphabet=SIMPLIFIED, max_size=200))
def test_simplified_text_is_unchanged_by_both_normalisers(text: str) -> None:
    nfkc = unicodedata.normalize("NFKC", text)
    assert normalize(text) == nfkc
    per_char = "".join(c if len(unicodedata.normalize("NFKC", c)) != 1 else unicodedata.normalize("NFKC", c)
                       for c in text)
    assert normalize_keep_offsets(text) == per_char


@FAST
@given(st.text(alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF) | st.characters(), max_size=120))
def test_normalisers_keep_length_and_are_idempotent(text: str) -> None:
    folded = normalize_keep_offsets(text)
    assert len(folded) == len(text)
    assert normalize_keep_offsets(folded) == folded
    once = normalize(text)
    assert normalize(once) == once


def test_the_table_is_built_the_same_way_every_time() -> None:
    from dangjian_nlp.segment import _traditional_table  # noqa: PLC0415

    first = dict(_traditional_table())
    _traditional_table.cache_clear()
    try:
        assert _traditional_table() == first
        assert len(first) > 4000
    finally:
        _traditional_table.cache_clear()
