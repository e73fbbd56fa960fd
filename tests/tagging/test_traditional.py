"""Traditional Chinese passages get the tags of their Simplified form, with evidence in the original text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dangjian_nlp.segment import normalize, normalize_keep_offsets
from dangjian_nlp.tagging import tag_json_lines, tag_texts

# Written by hand (not converted by the table under test): Traditional, then Simplified.
HAND_WRITTEN = [
    ("要落實黨建工作責任制，堅決克服重業務、輕黨建的傾向。",
     "要落实党建工作责任制，坚决克服重业务、轻党建的倾向。"),
    ("一些單位存在「重業務、輕黨建」現象，黨務幹部多為兼職，精力有限。",
     "一些单位存在“重业务、轻党建”现象，党务干部多为兼职，精力有限。"),
    ("要堅持黨建工作與業務工作同謀劃、同部署、同考核，防止「兩張皮」。",
     "要坚持党建工作与业务工作同谋划、同部署、同考核，防止“两张皮”。"),
]

# Real seed passages (corpus/) and their Traditional form, written by hand.
SEED_PASSAGES = [
    ("001_6760920c93c036ae.txt",
     "（二）找準責任上的結合點。壓實責任是破解「兩張皮」問題，推進黨建工作與業務工作深度融合的關鍵所在。",
     "（二）找准责任上的结合点。压实责任是破解“两张皮”问题，推进党建工作与业务工作深度融合的关键所在。"),
    ("000_1943ade65ff11aea.txt",
     "三是事後問責。建立健全黨建工作責任追究制，通過高懸問責利劍強化責任擔當，推動和促進黨員幹部將黨建責任放在心上，"
     "從而使「一崗雙責」得到很好的落實。",
     "三是事后问责。建立健全党建工作责任追究制，通过高悬问责利剑强化责任担当，推动和促进党员干部将党建责任放在心上，"
     "从而使“一岗双责”得到很好的落实。"),
]


def _summary(result: dict) -> tuple:
    """Role and every tag with its evidence spans (the quotes differ by script, the spans may not)."""
    return (result["role"], [(tag["id"], [(e["start"], e["end"]) for e in tag["evidence"]])
                             for tag in (*result["problems"], *result["measures"])])


def _tag(texts: list[str]) -> list[dict]:
    return [result.to_dict() for result in tag_texts(texts)]


def _assert_evidence_quotes_original(results: list[dict], texts: list[str]) -> int:
    count = 0
    for result, text in zip(results, texts):
        for tag in (*result["problems"], *result["measures"]):
            count += 1
            for evidence in tag["evidence"]:
                assert evidence["quote"] == text[evidence["start"]:evidence["end"]]
    return count


def _assert_same_tags(traditional: str, simplified: str) -> None:
    # One call each: passages tagged together are each other's context.
    (ours,), (reference,) = _tag([traditional]), _tag([simplified])
    assert _summary(ours) == _summary(reference)
    assert ours["problems"] or ours["measures"], "the Simplified form carries tags, so must the Traditional one"
    _assert_evidence_quotes_original([ours], [traditional])


@pytest.mark.parametrize(("traditional", "simplified"), HAND_WRITTEN, ids=["responsibility", "priority", "integration"])
def test_hand_written_traditional_sentences_get_the_simplified_tags(traditional: str, simplified: str) -> None:
    _assert_same_tags(traditional, simplified)


@pytest.mark.parametrize(("seed", "traditional", "simplified"), SEED_PASSAGES, ids=["001", "000"])
def test_traditional_seed_passages_get_the_simplified_tags(corpus_dir: Path, seed: str, traditional: str,
                                                           simplified: str) -> None:
    from dangjian_nlp.ingest import iter_documents  # noqa: PLC0415

    assert any(simplified in document.text for document in iter_documents([corpus_dir / seed]))
    _assert_same_tags(traditional, simplified)


@pytest.fixture(scope="module")
def converted_dev_passages(gold_rows: list[dict]) -> list[tuple[str, str]]:
    """(Traditional, Simplified) dev passages, converted by OpenCC's phrase-level s2t (a different
    route from our character table); kept when folding gives back the Simplified text exactly."""
    import opencc  # noqa: PLC0415

    converter = opencc.OpenCC("s2t")
    pairs = []
    for row in gold_rows:
        traditional = converter.convert(row["text"])
        if traditional != row["text"] and normalize(traditional) == normalize(row["text"]):
            pairs.append((traditional, row["text"]))
    assert len(pairs) >= 0.8 * len(gold_rows)
    return pairs


def test_folded_traditional_dev_passages_are_tagged_exactly_like_simplified(converted_dev_passages) -> None:
    traditional = [pair[0] for pair in converted_dev_passages]
    ours = _tag([normalize_keep_offsets(text) for text in traditional])
    reference = _tag([pair[1] for pair in converted_dev_passages])
    assert [_summary(row) for row in ours] == [_summary(row) for row in reference]
    # Folding keeps every offset: each span of the folded text is the same span of the original.
    spans = 0
    for row, text in zip(ours, traditional):
        for tag in (*row["problems"], *row["measures"]):
            for evidence in tag["evidence"]:
                spans += 1
                assert normalize_keep_offsets(text[evidence["start"]:evidence["end"]]) == evidence["quote"]
    assert spans >= 200


def test_raw_traditional_dev_passages_are_tagged_exactly_like_simplified(converted_dev_passages) -> None:
    traditional = [pair[0] for pair in converted_dev_passages]
    ours = _tag(traditional)
    reference = _tag([pair[1] for pair in converted_dev_passages])
    assert _assert_evidence_quotes_original(ours, traditional) >= 200
    assert [_summary(row) for row in ours] == [_summary(row) for row in reference]


def test_heading_context_carries_over_traditional_headings() -> None:
    def run(lines: list[str]) -> list[dict]:
        records = (json.dumps({"id": f"p{i:04d}", "text": text}, ensure_ascii=False) for i, text in enumerate(lines))
        return list(tag_json_lines(records))

    traditional = run(["二、存在問題的原因", "黨務幹部多為兼職，精力有限。", "考核指標單一，難以量化。"])
    simplified = run(["二、存在问题的原因", "党务干部多为兼职，精力有限。", "考核指标单一，难以量化。"])
    assert [_summary(row) for row in traditional] == [_summary(row) for row in simplified]
    assert [row["role"] for row in traditional[1:]] == ["cause", "cause"]


def test_tagging_traditional_text_is_deterministic() -> None:
    texts = [traditional for traditional, _ in HAND_WRITTEN]
    first = [result.to_dict() for result in tag_texts(texts)]
    second = [result.to_dict() for result in tag_texts(list(reversed(texts)))][::-1]
    assert json.dumps(first, ensure_ascii=False) == json.dumps(second, ensure_ascii=False)


def test_an_ingested_big5_document_gets_the_tags_of_its_simplified_form(tmp_path: Path) -> None:
    from dangjian_nlp.ingest import iter_documents  # noqa: PLC0415
    from dangjian_nlp.tagging import tag_documents  # noqa: PLC0415

    (tmp_path / "simplified.txt").write_text("\n".join(s for _, s in HAND_WRITTEN) + "\n", encoding="utf-8")
    (tmp_path / "traditional.txt").write_bytes(("\n".join(t for t, _ in HAND_WRITTEN) + "\n").encode("big5"))
    documents = sorted(iter_documents([tmp_path]), key=lambda document: document.id)
    tag_documents(documents)
    simplified, traditional = documents
    assert traditional.meta["encoding"].startswith("big5")

    def labels(document):
        return [sorted(tag.id for tag in (*p.problems, *p.measures)) for p in document.passages]

    assert any(labels(simplified))
    assert labels(traditional) == labels(simplified)
