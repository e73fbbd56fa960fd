"""Decoding: BOMs, UTF-8, GB18030/GBK, Big5 and UTF-16 round-tripped on real text."""

from __future__ import annotations

import pytest

from dangjian_nlp.ingest.encoding import UndecodableError, decode_bytes, looks_binary

TRADITIONAL = (
    "關於機關黨建業務工作「兩張皮」問題調研報告\n破解機關黨建與業務工作「兩張皮」問題，推動黨建工作與業務工作融合發展，"
    "既是黨中央關於機關黨的建設提出的明確要求，也是機關黨組織工作應當遵循的重要原則。"
)


@pytest.fixture(scope="module")
def seed_text(corpus_dir) -> str:
    return (corpus_dir / "001_6760920c93c036ae.txt").read_text(encoding="utf-8")[:2000]


@pytest.mark.parametrize(("codec", "expected"), [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16"),
    ("utf-16-le-bom", "utf-16"),
    ("utf-16-be-bom", "utf-16"),
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),
])
def test_simplified_text_round_trips(seed_text, codec, expected):
    if codec == "utf-16-le-bom":
        data = b"\xff\xfe" + seed_text.encode("utf-16-le")
    elif codec == "utf-16-be-bom":
        data = b"\xfe\xff" + seed_text.encode("utf-16-be")
    else:
        data = seed_text.encode(codec)
    text, encoding = decode_bytes(data)
    assert text == seed_text
    assert encoding == expected


@pytest.mark.parametrize("size", [60, len(TRADITIONAL)])
def test_big5_is_detected_not_garbled_as_gb18030(size):
    original = TRADITIONAL[:size]
    text, encoding = decode_bytes(original.encode("big5"))
    assert text == original
    assert encoding.startswith("big5")


def test_short_gbk_line_is_detected(seed_text):
    line = seed_text.splitlines()[0]
    assert decode_bytes(line.encode("gbk"))[0] == line


@pytest.mark.parametrize("data", [
    b"\x00\x01\x02\x03" * 100,
    bytes(range(256)) * 4,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 50,
])
def test_binary_content_is_refused(data):
    assert looks_binary(data)
    with pytest.raises(UndecodableError):
        decode_bytes(data)


def test_text_with_bom_is_never_binary():
    assert not looks_binary("党建".encode("utf-16"))
