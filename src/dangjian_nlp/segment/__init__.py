"""Segmentation shared by tagging, keywords and topics.

One normalisation (NFKC, so ``党建＋`` is ``党建+``, and Traditional characters folded to
Simplified one for one, so ``黨建`` is ``党建``), one domain dictionary that keeps
party-building terms whole, one stopword list for policy boilerplate. Segmenters are
picked by name from a registry (``rjieba`` by default, ``jieba`` as the reference).

Example:
    >>> from dangjian_nlp.segment import tokenize
    >>> tokenize("重业务轻党建导致两张皮")
    ['重业务轻党建', '导致', '两张皮']
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from importlib import resources

from dangjian_nlp.segment import backends as _backends  # noqa: F401  (registers the segmenters)
from dangjian_nlp.segment.base import Segmenter, available_segmenters, create_segmenter, register_segmenter

LOGGER = logging.getLogger(__name__)

DEFAULT_SEGMENTER = "rjieba"
DOMAIN_WORD_FREQ = 200_000
"""Frequency given to domain terms: high enough that both backends keep them whole."""

_CJK_OR_ALNUM = re.compile(r"[\u4e00-\u9fff]|[A-Za-z0-9]")

__all__ = [
    "DEFAULT_SEGMENTER",
    "Segmenter",
    "available_segmenters",
    "content_tokens",
    "create_segmenter",
    "domain_terms",
    "get_segmenter",
    "is_content_token",
    "normalize",
    "normalize_keep_offsets",
    "register_segmenter",
    "reset_segmenters",
    "segmenters_changed",
    "stopwords",
    "tokenize",
    "traditional_to_simplified",
]


def normalize(text: str) -> str:
    """NFKC-normalise text and fold Traditional characters to Simplified.

    Full-width letters, digits and ``＋`` become half-width; each Traditional character
    becomes its Simplified form (``黨建`` → ``党建``), one character for one (see
    :func:`traditional_to_simplified`). Simplified text only pays for a regex scan.
    NFKC maps one code point to one code point for CJK text, except for rare
    compatibility ligatures; callers that need offsets into the original use
    :func:`normalize_keep_offsets`.
    """
    return traditional_to_simplified(unicodedata.normalize("NFKC", text))


def _opencc_character_lines() -> list[str]:
    data = resources.files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text(encoding="utf-8")
    return data.splitlines()


@functools.cache
def _traditional_table() -> dict[int, str]:
    """``str.translate`` table from Traditional to Simplified characters (built once).

    Read from OpenCC's character dictionary (``TSCharacters.txt`` of the package
    ``opencc-python-reimplemented``): each Traditional character maps to its first
    Simplified candidate. Only one-character-for-one entries are kept and chains
    (A → B, B → C) are followed to the end, so folding twice changes nothing more.
    """
    first: dict[str, str] = {}
    for line in _opencc_character_lines():
        if not line.strip() or line.startswith("#"):
            continue
        source, _, candidates = line.partition("\t")
        target = candidates.split()[0] if candidates.split() else source
        if len(source) == 1 and len(target) == 1 and target != source:
            first[source] = target
    table: dict[int, str] = {}
    for source, target in first.items():
        seen = {source}
        while target in first and target not in seen:
            seen.add(target)
            target = first[target]
        table[ord(source)] = target
    LOGGER.debug("Traditional→Simplified table: %d characters", len(table))
    return table


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


@functools.cache
def _traditional_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Character classes of the characters the Traditional→Simplified table changes.

    Two classes, inside and outside the Basic Multilingual Plane: ``re`` scans a class of
    BMP characters through a bitmap (a few milliseconds per million characters), while one
    astral character in the class makes it test ranges one by one (hundreds of times slower).
    """
    chars = sorted(chr(code) for code in _traditional_table())
    bmp = "".join(re.escape(char) for char in chars if ord(char) < 0x10000)
    astral = "".join(re.escape(char) for char in chars if ord(char) >= 0x10000)
    return re.compile(f"[{bmp}]"), re.compile(f"[{astral}]" if astral else "(?!)")


def _has_traditional(text: str) -> bool:
    """True when ``text`` has a character the Traditional→Simplified table changes (fast)."""
    bmp, astral = _traditional_patterns()
    if bmp.search(text) is not None:
        return True
    return _ASTRAL.search(text) is not None and astral.search(text) is not None


def traditional_to_simplified(text: str) -> str:
    """Fold Traditional characters to Simplified, one character for one (length kept).

    Characters with several Simplified candidates take OpenCC's first one (``乾`` → ``干``,
    ``於`` → ``于``); characters missing from OpenCC's character table stay as they are,
    notably ``著``, which is also a Simplified character (显著, 著作), so Traditional
    ``著力`` stays ``著力`` rather than ``着力``.

    Example:
        >>> traditional_to_simplified("重業務、輕黨建，兩張皮")
        '重业务、轻党建，两张皮'
    """
    if _has_traditional(text):
        return text.translate(_traditional_table())
    return text


class _FoldTable(dict):
    """``str.translate`` table folding each character to one character: NFKC, then Simplified (cached)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        value = folded if len(folded) == 1 else char
        value = _traditional_table().get(ord(value), value)
        self[code] = value
        return value


_FOLD = _FoldTable()


def normalize_keep_offsets(text: str) -> str:
    """NFKC and Traditional→Simplified per character, keeping the string's length so offsets stay valid.

    A character whose NFKC form is not a single character is left as it was. Text that is
    already NFKC-normal and has no Traditional character comes back as it is.
    """
    if text.isascii() or (unicodedata.is_normalized("NFKC", text) and not _has_traditional(text)):
        return text
    return text.translate(_FOLD)


def _read_lines(name: str) -> list[str]:
    data = resources.files("dangjian_nlp.segment").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in data.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def domain_terms() -> tuple[tuple[str, int], ...]:
    """The packaged domain dictionary as (term, frequency) pairs.

    ``data/terms.txt`` holds one term a line, optionally followed by a frequency.
    """
    terms: dict[str, int] = {}
    for line in _read_lines("terms.txt"):
        parts = line.split()
        word = normalize(parts[0])
        terms[word] = int(parts[1]) if len(parts) > 1 else DOMAIN_WORD_FREQ
    return tuple(sorted(terms.items()))


@functools.cache
def stopwords() -> frozenset[str]:
    """Function words and policy boilerplate (总书记, 指出, 进一步 …), never domain terms."""
    domain = {term for term, _ in domain_terms()}
    return frozenset(normalize(w) for w in _read_lines("stopwords.txt")) - domain


@functools.cache
def get_segmenter(name: str = DEFAULT_SEGMENTER) -> Segmenter:
    """The shared segmenter ``name`` with the domain dictionary loaded (built once).

    Words added later with ``add_word`` (term discovery) stay for the process.
    """
    LOGGER.debug("building segmenter %s", name)
    return create_segmenter(name, words=domain_terms())


_CHANGED = {"terms": False}


def segmenters_changed() -> bool:
    """True when terms were added since the last :func:`reset_segmenters`."""
    return _CHANGED["terms"]


def reset_segmenters() -> None:
    """Forget words added during a run (discovered terms) and the tokens cut with them.

    The next :func:`get_segmenter` call builds a fresh segmenter with the packaged dictionary,
    so each analysis starts from the same state whatever ran before it in the process.
    """
    get_segmenter.cache_clear()
    content_tokens.cache_clear()
    _CHANGED["terms"] = False


def add_terms(terms: Iterable[str], *, name: str = DEFAULT_SEGMENTER, freq: int = DOMAIN_WORD_FREQ) -> None:
    """Add discovered terms to the shared segmenter for the rest of the run."""
    segmenter = get_segmenter(name)
    for term in terms:
        segmenter.add_word(normalize(term), freq)
        _CHANGED["terms"] = True
    content_tokens.cache_clear()


def is_content_token(token: str) -> bool:
    """True for tokens of two or more characters with a CJK character or letter/digit, not stopwords."""
    return len(token) >= 2 and bool(_CJK_OR_ALNUM.search(token)) and token not in stopwords() \
        and not token.isdigit()


def tokenize(text: str, *, content_only: bool = True, segmenter: str = DEFAULT_SEGMENTER) -> list[str]:
    """Normalise and segment ``text``.

    Args:
        text: Any Chinese text.
        content_only: Drop punctuation, single characters, numbers and stopwords.
        segmenter: Registry name of the segmenter.

    Returns:
        The tokens in order.
    """
    tokens = get_segmenter(segmenter).cut(normalize(text))
    if not content_only:
        return tokens
    return [tok for tok in tokens if is_content_token(tok)]


@functools.lru_cache(maxsize=262_144)
def content_tokens(text: str) -> tuple[str, ...]:
    """Content tokens of ``text`` with the default segmenter, cached by text.

    The one segmentation keywords, topics, term discovery and graphs share: each passage is
    cut once per run, by whichever stage asks first. Adding terms clears the cache.
    """
    return tuple(tokenize(text))
