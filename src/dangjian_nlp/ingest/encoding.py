"""Byte-to-text decoding: byte-order marks first, then strict UTF-8, then detection.

Trying UTF-8 and then GB18030 silently turns Big5 into garbage and fails on UTF-16, so
anything that is not BOM-marked or valid UTF-8 goes to charset-normalizer, which names
GB18030/GBK, Big5 and the UTF-16 family correctly.
"""

from __future__ import annotations

import codecs
import logging

from charset_normalizer import from_bytes

LOGGER = logging.getLogger(__name__)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "big5": "big5hkscs"}
"""Decode with the superset of a detected legacy encoding so rare characters survive."""

_SNIFF_BYTES = 8192
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


def looks_binary(data: bytes) -> bool:
    """True when the start of ``data`` holds NUL or many control bytes and no text BOM."""
    head = data[:_SNIFF_BYTES]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(head) // 100)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` to text and name the encoding used.

    Args:
        data: The raw file content.

    Returns:
        ``(text, encoding)``; a byte-order mark is removed from the text.

    Raises:
        UndecodableError: The content is binary or no encoding fits.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise UndecodableError(f"starts with a {encoding} byte-order mark but is not {encoding}: {exc.reason}") from None
    if looks_binary(data):
        raise UndecodableError("binary content (NUL or control bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    match = from_bytes(data).best()
    if match is None or match.encoding is None:
        raise UndecodableError("no text encoding fits (binary or unknown encoding)")
    encoding = _SUPERSETS.get(match.encoding.lower(), match.encoding.lower())
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text, encoding = str(match), match.encoding.lower()
    LOGGER.debug("detected encoding %s", encoding)
    return text, encoding
