"""Domain-term discovery: quoted expressions and character n-grams that hold together.

Two sources of candidates:

- quoted expressions (“两张皮”, “灯下黑”, “一岗双责”): the field marks its own jargon with
  quotation marks;
- character n-grams of 2 to ``max_len`` characters that are frequent, cohesive (the
  smallest pointwise mutual information over their binary splits is high) and free at both
  ends (the left and right branching entropy of neighbouring characters is high).

Candidates the shared segmenter still splits can join its dictionary for the run
(:func:`adopt_terms`); :func:`split_terms` reports which codebook or domain terms it splits.
"""

from __future__ import annotations

import logging
import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from itertools import compress
from typing import Any

import numpy as np

from dangjian_nlp.segment import DEFAULT_SEGMENTER, add_terms, domain_terms, get_segmenter, normalize, stopwords
from dangjian_nlp.types import Document


LOGGER = logging.getLogger(__name__)

QUOTED = re.compile(r"[“「『‘]([^“”「」『』‘’\n]{2,12})[”」』’]")
"""A short stretch between Chinese quotation marks (straight quotes pair too unreliably)."""
_QUOTE_CONTENT = re.compile(r"^[\u4e00-\u9fff0-9A-Za-z+·、]+$")
_TERM_TEXT = re.compile(r"^[\u4e00-\u9fff0-9A-Za-z+]+$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NON_CJK = re.compile(r"[^\u4e00-\u9fff]+")
_PHRASE_STARTS = frozenset("不没未无缺难")
_PARTICLES = frozenset("的了着过们与和及")
"""A quoted stretch starting or ending with one of these is a fragment of a sentence, not a term."""
BOUNDARY = "#"
EDGE_CHARS = frozenset("的了是在和与及或为以于从由将等也都而并又还就但这那其之有个们我你他她它不对把被着过上下中要让使得所")
"""Characters a term neither starts nor ends with (function characters)."""


@dataclass(frozen=True, slots=True)
class TermCandidate:
    """A candidate domain term.

    Attributes:
        term: The expression (normalised).
        freq: Occurrences in the texts (quoted or not).
        documents: Documents it occurs in.
        quoted: Occurrences between quotation marks.
        pmi: Smallest pointwise mutual information over its binary splits (nats; 0 for quotes
            not found by the n-gram pass).
        left_entropy: Branching entropy of the characters before it (nats).
        right_entropy: Branching entropy of the characters after it (nats).
        sources: ``quote``, ``ngram`` or both.
        known: Already in the packaged domain dictionary.
        split: The shared segmenter currently cuts it into several tokens.
    """

    term: str
    freq: int
    documents: int
    quoted: int
    pmi: float
    left_entropy: float
    right_entropy: float
    sources: tuple[str, ...]
    known: bool
    split: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data = asdict(self)
        data["sources"] = list(self.sources)
        return data


def quoted_expressions(texts: Iterable[str]) -> Counter[str]:
    """How often each short expression appears between Chinese quotation marks."""
    counts: Counter[str] = Counter()
    for text in texts:
        for match in QUOTED.finditer(normalize(text)):
            content = match.group(1).strip()
            if (_QUOTE_CONTENT.match(content) and len(_CJK.findall(content)) >= 2
                    and content[0] not in _PARTICLES and content[-1] not in _PARTICLES):
                counts[content] += 1
    return counts


def _entropy(neighbours: dict[str, int]) -> float:
    # Each text boundary counts as a distinct neighbour: a term at a paragraph edge is free.
    boundary = neighbours.get(BOUNDARY, 0)
    total = sum(neighbours.values())
    if total == 0:
        return 0.0
    value = -sum(c / total * math.log(c / total) for ch, c in neighbours.items() if ch != BOUNDARY)
    value += boundary * (1 / total) * math.log(total)
    return value


_HEAD = operator.itemgetter(slice(None, -1))
_TAIL = operator.itemgetter(slice(1, None))


def ngram_candidates(texts: Iterable[str], *, max_len: int = 6, min_freq: int = 5, min_pmi: float = 3.0,
                     min_entropy: float = 1.0) -> dict[str, tuple[int, float, float, float]]:
    """Cohesive, free n-grams of Chinese characters.

    Args:
        texts: The texts (normalised here).
        max_len: Longest n-gram considered.
        min_freq: Fewest occurrences.
        min_pmi: Smallest accepted cohesion (minimum PMI over binary splits, nats).
        min_entropy: Smallest accepted left and right branching entropy (nats).

    Returns:
        ``{term: (freq, pmi, left_entropy, right_entropy)}``.
    """
    stream = BOUNDARY + BOUNDARY.join(_NON_CJK.sub(BOUNDARY, normalize(text)) for text in texts) + BOUNDARY
    total = max(1, len(stream))
    # Apriori: an n-gram is frequent only if its (n-1)-prefix is, so count level by level.
    # (an n-gram is kept when its prefix or suffix is frequent: the suffix side feeds the left entropy).
    counts: dict[int, Counter[str]] = {1: Counter(stream)}
    frequent = {ch for ch, c in counts[1].items() if c >= min_freq and ch != BOUNDARY}
    grams = list(stream)  # the (n-1)-grams at every position of the stream
    for n in range(2, max_len + 2):
        # All in C, position by position as before: the n-gram at i has prefix grams[i] and
        # suffix grams[i + 1]; it is counted when either is frequent.
        known = list(map(frequent.__contains__, grams))
        grams = list(map(operator.add, grams, stream[n - 1:]))
        level = Counter(compress(grams, map(operator.or_, known, known[1:])))
        counts[n] = level
        frequent = {g for g, c in level.items() if c >= min_freq and BOUNDARY not in g}
        if not frequent:
            break
    flat: dict[str, int] = {}
    for level in counts.values():
        flat.update(level)
    left: dict[str, dict[str, int]] = defaultdict(dict)
    right: dict[str, dict[str, int]] = defaultdict(dict)
    candidates = {g: c for n in range(2, max_len + 1) for g, c in counts.get(n, {}).items()
                  if c >= min_freq and BOUNDARY not in g and g[0] not in EDGE_CHARS and g[-1] not in EDGE_CHARS}
    # Heads and tails are sliced and looked up in C; Python only visits the matches, in order.
    # The n-grams of a level are distinct, so each (head, next character) and (previous
    # character, tail) pair is seen once: plain assignment, no counting.
    for n in range(3, max_len + 2):
        level = counts.get(n, {})
        heads = list(map(_HEAD, level))
        tails = list(map(_TAIL, level))
        is_head = list(map(candidates.__contains__, heads))
        is_tail = list(map(candidates.__contains__, tails))
        for gram, head, tail, count, at_head, at_tail in compress(
                zip(level, heads, tails, level.values(), is_head, is_tail), map(operator.or_, is_head, is_tail)):
            if at_head:
                right[head][gram[-1]] = count
            if at_tail:
                left[tail][gram[0]] = count
    result = {}
    for gram, count in candidates.items():
        pmi = min(math.log(count * total / (flat[gram[:k]] * flat[gram[k:]])) for k in range(1, len(gram)))
        if pmi < min_pmi:
            continue
        left_h, right_h = _entropy(left[gram]), _entropy(right[gram])
        if min(left_h, right_h) < min_entropy:
            continue
        result[gram] = (count, round(pmi, 4), round(left_h, 4), round(right_h, 4))
    # A fragment of a longer expression (most of its occurrences share one neighbour: 张皮 in
    # 两张皮) is not a term of its own.
    covered = {longer[i:j] for longer in result for i in range(len(longer)) for j in range(i + 3, len(longer) + 1)}
    kept = {}
    for gram, values in result.items():
        inside = sum(c for ch, c in right[gram].items() if gram + ch in covered)
        inside += sum(c for ch, c in left[gram].items() if ch + gram in covered)
        if inside < 0.8 * values[0]:
            kept[gram] = values
    return kept


_HASH_BASE = 0x100000001B3
_HASH_MASK = (1 << 64) - 1
_SEPARATOR = "\n"
_TABLE_BITS = 20
_TABLE_MIX = np.uint64(0x9E3779B97F4A7C15)
_TABLE_SHIFT = np.uint64(64 - _TABLE_BITS)


def _term_hash(term: str) -> int:
    """Polynomial hash of ``term``'s code points modulo 2**64, as :func:`_term_counts` hashes n-grams."""
    value = 0
    for char in term:
        value = (value * _HASH_BASE + ord(char)) & _HASH_MASK
    return value


def _table_slots(hashes: np.ndarray) -> np.ndarray:
    """Slots of ``hashes`` in a bitmap of ``2**_TABLE_BITS`` entries (multiplicative hashing: top bits)."""
    return (hashes * _TABLE_MIX) >> _TABLE_SHIFT


def _has_border(term: str) -> bool:
    """Whether two occurrences of ``term`` can overlap (a proper prefix is also a suffix)."""
    return any(term[:k] == term[-k:] for k in range(1, len(term)))


def _term_counts(texts: Sequence[str], terms: Iterable[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Occurrences of each term in all texts (as ``str.count`` counts them) and how many texts hold it.

    One vectorised scan per term length instead of one ``str.count`` per term and text: the
    texts are joined and the rolling hashes of all their n-grams are matched against the terms'
    hashes with numpy (through a bitmap); every hit is then checked against the term itself,
    so a hash collision cannot count. Positions count overlapping occurrences, which equals
    ``str.count``'s non-overlapping count except for a term whose prefix is also its suffix
    (``哈哈``): those few are counted with ``str.count``, and so are terms holding the separator.

    Args:
        texts: The texts.
        terms: The terms to count.

    Returns:
        ``(occurrences, documents)``, both ``{term: count}`` for every term.
    """
    terms = set(terms)
    occurrences = dict.fromkeys(terms, 0)
    documents = dict.fromkeys(terms, 0)
    by_length: dict[int, set[str]] = defaultdict(set)
    for term in terms:
        if not term or _SEPARATOR in term:
            occurrences[term] = sum(text.count(term) for text in texts)
            documents[term] = sum(1 for text in texts if term in text)
        else:
            by_length[len(term)].add(term)
    if not texts or not by_length:
        return occurrences, documents
    joined = _SEPARATOR.join(texts)
    starts = np.cumsum([0] + [len(text) + len(_SEPARATOR) for text in texts[:-1]])
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    hashes = codes
    for n in range(1, max(by_length) + 1):
        if n > 1:
            hashes = hashes[:-1] * np.uint64(_HASH_BASE) + codes[n - 1:]  # wraps modulo 2**64
        wanted = by_length.get(n)
        if not wanted or not len(hashes):
            continue
        # A bitmap over the mixed hashes of the terms: a cheap filter that keeps every
        # occurrence (and a few false hits, dropped by the check below).
        table = np.zeros(1 << _TABLE_BITS, dtype=bool)
        table[_table_slots(np.array([_term_hash(term) for term in wanted], dtype=np.uint64))] = True
        positions = np.flatnonzero(table[_table_slots(hashes)])
        grams = list(map(joined.__getitem__, map(slice, positions.tolist(), (positions + n).tolist())))
        exact = np.fromiter(map(wanted.__contains__, grams), dtype=bool, count=len(grams))
        if not exact.all():
            positions = positions[exact]
            grams = list(compress(grams, exact.tolist()))
        if not grams:
            continue
        owners = (np.searchsorted(starts, positions, side="right") - 1).tolist()
        occurrences.update(Counter(grams))
        documents.update(Counter(map(operator.itemgetter(0), set(zip(grams, owners)))))
    for term in terms:
        if occurrences[term] and _has_border(term):
            occurrences[term] = sum(text.count(term) for text in texts)
    return occurrences, documents


def sample_text(texts: Sequence[str], *, max_chars: int, window: int = 10_000) -> Sequence[str]:
    """At most ``max_chars`` of ``texts``: evenly spaced windows when the texts are longer.

    N-gram statistics settle long before a million characters; quoted expressions are still
    read from every text.
    """
    joined = "\n".join(texts)
    if len(joined) <= max_chars:
        return texts
    count = max(1, max_chars // window)
    step = (len(joined) - window) / max(1, count - 1)
    return [joined[round(i * step):round(i * step) + window] for i in range(count)]


def _splits(term: str, segmenter: str) -> bool:
    tokens = [tok for tok in get_segmenter(segmenter).cut(normalize(term)) if tok.strip()]
    return len(tokens) > 1


def discover_terms(documents: Sequence[Document], *, min_freq: int = 5, min_quoted: int = 2, max_len: int = 6,
                   min_pmi: float = 3.0, min_entropy: float = 1.0, max_chars: int = 400_000,
                   segmenter: str = DEFAULT_SEGMENTER) -> list[TermCandidate]:
    """Candidate domain terms of a corpus, from quotation marks and from n-gram statistics.

    An n-gram the segmenter already keeps whole as an ordinary word (not a domain term)
    is not a discovery and is left out; quoted expressions are always reported.

    Args:
        documents: The corpus.
        min_freq: Fewest occurrences of an n-gram candidate (and of a once-quoted expression).
        min_quoted: Occurrences between quotation marks that make an expression a candidate
            by itself.
        max_len: Longest n-gram considered.
        min_pmi: Smallest cohesion of an n-gram candidate (nats).
        min_entropy: Smallest left and right branching entropy of an n-gram candidate (nats).
        max_chars: N-gram statistics read at most this many characters (evenly spaced windows of
            a longer corpus); ``min_freq`` applies to that sample, frequencies are counted in all texts.
        segmenter: Segmenter whose splits are reported.

    Returns:
        Candidates sorted by frequency (most frequent first), ties by term.
    """
    texts = [normalize(document.text) for document in documents]
    quoted = quoted_expressions(texts)
    sample = sample_text(texts, max_chars=max_chars)
    ngrams = ngram_candidates(sample, max_len=max_len, min_freq=min_freq, min_pmi=min_pmi, min_entropy=min_entropy)
    known = {term for term, _ in domain_terms()}
    drop = stopwords()
    terms = {t for t, c in quoted.items() if c >= min_quoted} | set(ngrams)
    terms |= {t for t, c in quoted.items() if c >= 1 and t not in terms}
    occurrences, documents_with = _term_counts(texts, terms - drop)
    kept = []
    for term in sorted(terms - drop):
        split = _splits(term, segmenter)
        if not split and term not in known and quoted.get(term, 0) < min_quoted:
            continue  # an ordinary dictionary word, not a discovery
        freq = ngrams[term][0] if term in ngrams and sample is texts else occurrences[term]
        if term not in ngrams and quoted.get(term, 0) < min_quoted and freq < min_freq:
            continue  # quoted once and rare
        kept.append((term, split, freq))
    candidates = []
    for term, split, freq in kept:
        _, pmi, left_h, right_h = ngrams.get(term, (freq, 0.0, 0.0, 0.0))
        sources = tuple(name for name, hit in (("quote", term in quoted), ("ngram", term in ngrams)) if hit)
        candidates.append(TermCandidate(
            term=term, freq=freq, documents=documents_with[term], quoted=quoted.get(term, 0), pmi=pmi,
            left_entropy=left_h, right_entropy=right_h, sources=sources, known=term in known, split=split,
        ))
    candidates.sort(key=lambda c: (-c.freq, c.term))
    return candidates


ADOPT_MIN_QUOTED = 2
ADOPT_MIN_DOCUMENTS = 2
ADOPT_MIN_PMI = 4.0
ADOPT_MIN_ENTROPY = 1.5


def is_adoptable(candidate: TermCandidate) -> bool:
    """Whether a candidate is safe to add to the segmenter for the run.

    It must be cut by the segmenter today, and either be quoted at least twice (the authors
    mark it as a term) or be a strongly cohesive, free n-gram found in several documents.
    """
    if not candidate.split or "、" in candidate.term:
        return False
    if candidate.quoted >= ADOPT_MIN_QUOTED:
        return True
    return (candidate.documents >= ADOPT_MIN_DOCUMENTS and candidate.pmi >= ADOPT_MIN_PMI
            and min(candidate.left_entropy, candidate.right_entropy) >= ADOPT_MIN_ENTROPY)


def adopt_terms(candidates: Iterable[TermCandidate], *, segmenter: str = DEFAULT_SEGMENTER) -> list[str]:
    """Add the adoptable candidates (:func:`is_adoptable`) to the shared segmenter for the rest of the run.

    Clears the shared token cache so later stages see the new words.

    Returns:
        The terms added, sorted.
    """
    new = sorted({c.term for c in candidates if is_adoptable(c)})
    if new:
        add_terms(new, name=segmenter)  # clears the shared token cache too
        LOGGER.info("added %d discovered terms to the %s segmenter", len(new), segmenter)
    return new


def codebook_terms() -> list[str]:
    """Plain-text cue phrases of the packaged codebook's problem and countermeasure labels.

    Cues with gaps (``…``), alternatives (``、``) or raw patterns (``re:``) are not single terms
    and are left out, and so are negated phrases (``不熟悉``, ``没有编制``).
    """
    try:
        from dangjian_nlp.tagging.codebook import load_codebook  # noqa: PLC0415
    except ImportError:  # the tagging stage is optional for term discovery
        return []
    book = load_codebook()
    terms = set()
    for label in (*book.problems, *book.measures):
        for cue in label.cues:
            text = normalize(cue.text)
            if _TERM_TEXT.match(text) and 2 <= len(text) <= 8 and text[0] not in _PHRASE_STARTS:
                terms.add(text)
    return sorted(terms)


def split_terms(terms: Iterable[str] | None = None, *, segmenter: str = DEFAULT_SEGMENTER) -> list[dict[str, Any]]:
    """Which terms the shared segmenter still cuts into pieces.

    Args:
        terms: Terms to check; default: the codebook's cue phrases and the domain dictionary.
        segmenter: Registry name of the segmenter.

    Returns:
        ``[{"term", "tokens"}]`` for every term cut into several tokens, sorted by term.
    """
    if terms is None:
        terms = set(codebook_terms()) | {term for term, _ in domain_terms()}
    rows = []
    for term in sorted({normalize(t) for t in terms}):
        tokens = [tok for tok in get_segmenter(segmenter).cut(term) if tok.strip()]
        if len(tokens) > 1:
            rows.append({"term": term, "tokens": tokens})
    return rows
