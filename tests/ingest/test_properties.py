"""Property-based: cleaning, splitting and passage cutting never raise and never drop Chinese text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian_nlp.ingest import documents_from_bytes
from dangjian_nlp.ingest.clean import clean_lines
from dangjian_nlp.ingest.split import split_essays
from dangjian_nlp.structure import structure_document
from dangjian_nlp.structure.passages import split_paragraph

from ingest_builders import cjk

# Characters of real reports, chosen so that no noise pattern (URL, byline field, date, page
# number line) can arise: every ideograph generated here is essay text that must survive.
HANZI = "党建业务工作机关两张皮问题原因对策要加强的是了在和组织生活考核支部书记融合发展干部意识形式主义课题市委"
NUMERALS = "一二三四五六七八九十"
PUNCT = "，。、；：“”（）！？"
SPACE = [" ", "\u3000", "\t", "\n", "\n\n", " \u3000\u3000"]

chinese_text = st.lists(
    st.one_of(
        st.text(alphabet=HANZI, min_size=1, max_size=40),
        st.sampled_from([*PUNCT, *SPACE, "一是", "二是", "（一）", "1.", "一、", "——"]),
        st.text(alphabet=NUMERALS + PUNCT, min_size=1, max_size=3),
    ),
    max_size=120,
).map("".join)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(chinese_text)
def test_cleaning_and_splitting_keep_every_ideograph_in_order(text):
    lines, _ = clean_lines(text)
    essays = split_essays(lines)
    kept = "".join(p.text for essay in essays for p in essay.paragraphs)
    assert cjk(kept) == cjk(text)


@FAST
@given(chinese_text)
def test_whole_ingestion_never_raises_and_keeps_the_text(text):
    data = text.encode("utf-8")
    try:
        documents = documents_from_bytes(data, label="x.txt", stem="x")
    except ValueError as exc:  # ReadError: only for input without any ideograph (blank, "——1.1.")
        assert not cjk(text), exc
        return
    assert cjk("".join(d.text for d in documents)) == cjk(text)
    for document in documents:
        for passage in document.passages:
            assert passage.text == document.text[passage.start:passage.end]


@FAST
@given(st.text(alphabet=HANZI + NUMERALS + PUNCT + "12 \u3000", max_size=2000))
def test_passage_spans_cover_the_paragraph_in_order(text):
    spans = split_paragraph(text)
    assert all(a < b for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
    assert "".join(text[a:b] for a, b in spans).replace(" ", "").replace("\u3000", "") == \
        text.replace(" ", "").replace("\u3000", "")


@FAST
@given(chinese_text, st.text(alphabet=HANZI, max_size=20))
def test_structure_accepts_any_hand_built_document(text, title):
    from dangjian_nlp.types import Document  # noqa: PLC0415

    document = structure_document(Document("d-00", "d.txt", (0, len(text)), title, [], text))
    ids = [s.id for s in document.sections]
    assert len(ids) == len(set(ids))
    for section in document.sections:
        assert 0 <= section.start <= section.end <= len(text)
    for passage in document.passages:
        assert passage.text == text[passage.start:passage.end]
