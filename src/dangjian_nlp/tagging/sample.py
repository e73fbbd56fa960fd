"""Draw corpus passages for annotation: the batches behind ``models/training/silver-corpora.jsonl``.

Reads ``../shared/corpora`` with the project's own ingestion, keeps passages that are about party
work and stand verbatim (and once) in their source file, drops those overlapping an annotated
passage and near-copies of annotated, dev or seed passages, and writes batches of ``{"id", "file",
"start", "end", "sha1", "text"}`` lines for annotators (the text goes to the batch files only,
never into the project). ``dangjian-heldout/`` is never read: it stays unseen.

Usage:
    python -m dangjian_nlp.tagging.sample --out /tmp/batches --count 1200 --batches 6 --seed 2

The draw is fixed by ``--seed``: in each turn one of the party committee's own texts and activity
reports, two other passages on which the rule layer finds a label or a problem/cause role, and one
on which it finds nothing.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from dangjian_nlp.io import write_jsonl
from dangjian_nlp.tagging.base import TagRequest
from dangjian_nlp.tagging.codebook import load_codebook
from dangjian_nlp.tagging.evaluate import DEFAULT_GOLD, load_gold, squash
from dangjian_nlp.tagging.rules import PROBLEM_ROLES, RULE_THRESHOLD, analyse
from dangjian_nlp.tagging.train import DEFAULT_CORPORA, load_silver, text_hash

LOGGER = logging.getLogger(__name__)

FOLDERS = ("party-study-materials", "cpc-congress-reports")
UNSEEN = "dangjian-heldout"
PARTY_WORDS = re.compile(r"党建|党员|党组织|党支部|支部|党委|党组|党务|干部|组织生活|三会一课|主题党日|党性|党风|廉政|从严治党")
OWN_TEXTS = re.compile(r"我校|绍兴一中|支部|主题党日|党委|组织生活会|民主生活会|述职|工作思路|实施意见|总结")
"""Words in the title or opening of texts that name the school or its party bodies: the committee's
own plans, summaries and activity reports, but also study materials the school's site reposted
under its name."""
MIN_CHARS, MAX_CHARS = 40, 600
SHINGLE = 8
NEAR_COPY_SHARE = 0.5


def shingles(text: str) -> set[str]:
    """Character 8-grams of ``text`` without white space."""
    squashed = squash(text)
    return {squashed[i:i + SHINGLE] for i in range(max(1, len(squashed) - SHINGLE + 1))}


class ShingleIndex:
    """Which earlier passage each character 8-gram was first seen in: finds near-copies."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self._owner: dict[str, int] = {}
        self._count = 0
        for text in texts:
            self.add(text)

    def add(self, text: str) -> None:
        """Remember ``text`` as one more passage."""
        for gram in shingles(text):
            self._owner.setdefault(gram, self._count)
        self._count += 1

    def is_near_copy(self, text: str, *, share: float = NEAR_COPY_SHARE) -> bool:
        """Whether at least ``share`` of ``text``'s 8-grams stand in one remembered passage."""
        grams = shingles(text)
        per_owner: dict[int, int] = {}
        for gram in grams:
            owner = self._owner.get(gram)
            if owner is not None:
                per_owner[owner] = per_owner.get(owner, 0) + 1
        return any(count >= share * len(grams) for count in per_owner.values())


def candidate_passages(corpora: Path, annotated: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Passages of the ``FOLDERS`` of ``corpora`` fit for annotation.

    A passage qualifies when it has ``MIN_CHARS`` to ``MAX_CHARS`` characters, two occurrences of
    party-building words (one in a text of ``OWN_TEXTS``), stands exactly once and verbatim in its
    source file, and overlaps no ``annotated`` passage.

    Args:
        corpora: The corpora folder (``../shared/corpora``).
        annotated: Passages already annotated (``source``, ``start``, ``end``, as
            :func:`~dangjian_nlp.tagging.train.load_silver` gives them).

    Returns:
        Candidates in corpus order: ``file`` (relative to ``corpora``), ``start``, ``end``,
        ``text`` and ``own`` (the text names the school or its party bodies).
    """
    from dangjian_nlp.pipeline import read_corpus  # noqa: PLC0415  (the pipeline imports the tagger)

    taken: dict[str, list[tuple[int, int]]] = {}
    for row in annotated:
        taken.setdefault(row["source"], []).append((row["start"], row["end"]))
    documents, _, _ = read_corpus([corpora / folder for folder in FOLDERS if (corpora / folder).is_dir()],
                                  progress=False)
    sources: dict[str, str] = {}
    candidates = []
    for document in documents:
        rel = Path(document.source).resolve().relative_to(corpora.resolve()).as_posix()
        if rel.startswith(f"{UNSEEN}/"):  # defensive: FOLDERS never names it
            continue
        if rel not in sources:
            sources[rel] = (corpora / rel).read_text(encoding="utf-8")
        raw = sources[rel]
        own = bool(OWN_TEXTS.search(document.title or "") or OWN_TEXTS.search(document.text[:200]))
        for passage in document.passages:
            text = passage.text.strip()
            if not MIN_CHARS <= len(text) <= MAX_CHARS or len(PARTY_WORDS.findall(text)) < (1 if own else 2):
                continue
            start = raw.find(text)
            if start < 0 or raw.find(text, start + 1) >= 0:
                continue
            end = start + len(text)
            if any(s < end and start < e for s, e in taken.get(rel, ())):
                continue
            candidates.append({"file": rel, "start": start, "end": end, "text": text, "own": own})
    return candidates


def draw(candidates: list[dict[str, Any]], seen: ShingleIndex, *, count: int, seed: int) -> list[dict[str, Any]]:
    """Up to ``count`` candidates, none a near-copy of a passage of ``seen`` or of another drawn one.

    Taken in turns from three pools shuffled with ``seed``: one own text (those the rule layer
    flags first), two other passages the rule layer flags (a label or a problem/cause role), one
    of the rest.

    Args:
        candidates: From :func:`candidate_passages`; each gets a ``flagged`` key.
        seen: Passages not to copy; the drawn ones are added to it.
        count: How many to draw at most.
        seed: Seed of the shuffle.

    Returns:
        The drawn candidates, in drawing order.
    """
    codebook = load_codebook()
    for candidate, analysis in zip(candidates, analyse(codebook, [TagRequest(c["text"]) for c in candidates])):
        candidate["flagged"] = bool(analysis.role in PROBLEM_ROLES
                                    or any(score >= RULE_THRESHOLD for score, _ in analysis.labels.values()))
    shuffled = list(candidates)
    random.Random(seed).shuffle(shuffled)
    own = sorted((c for c in shuffled if c["own"]), key=lambda c: not c["flagged"])
    flagged = [c for c in shuffled if not c["own"] and c["flagged"]]
    plain = [c for c in shuffled if not c["own"] and not c["flagged"]]
    chosen: list[dict[str, Any]] = []
    turn = [own, flagged, flagged, plain]
    while len(chosen) < count and any(turn):
        for pool in turn:
            while pool and len(chosen) < count:
                candidate = pool.pop(0)
                if not seen.is_near_copy(candidate["text"]):
                    seen.add(candidate["text"])
                    chosen.append(candidate)
                    break
    return chosen


def write_batches(chosen: Sequence[dict[str, Any]], out: Path, *, batches: int, prefix: str) -> list[int]:
    """Deal ``chosen`` into ``batches`` files ``batch-K.jsonl`` (each in file order).

    Returns:
        The number of passages in each batch.
    """
    out.mkdir(parents=True, exist_ok=True)
    sizes = []
    for batch in range(batches):
        part = sorted(chosen[batch::batches], key=lambda c: (c["file"], c["start"]))
        sizes.append(write_jsonl(out / f"batch-{batch}.jsonl", (
            {"id": f"{prefix}-{batch}-{index:03d}", "file": c["file"], "start": c["start"], "end": c["end"],
             "sha1": text_hash(c["text"]), "text": c["text"]} for index, c in enumerate(part))))
    return sizes


def known_texts(annotated: Sequence[dict[str, Any]], *, gold: Path = DEFAULT_GOLD,
                seeds: Path = DEFAULT_CORPORA.parent / "seeds") -> Iterable[str]:
    """The texts a new passage must not copy: the annotated ones, the dev passages, the seed files'
    paragraphs (the last two when present)."""
    for row in annotated:
        yield row["text"]
    if gold.is_file():
        yield from (row["text"] for row in load_gold(gold))
    for seed_file in sorted(seeds.glob("*")) if seeds.is_dir() else ():
        for paragraph in seed_file.read_text(encoding="utf-8", errors="ignore").split("\n"):
            if len(paragraph) >= MIN_CHARS:
                yield paragraph


def main(argv: Sequence[str] | None = None) -> None:
    """Write the batches and print how many passages each holds."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="folder for the batch files (outside the project)")
    parser.add_argument("--count", type=int, default=1200)
    parser.add_argument("--batches", type=int, default=6)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--prefix", default="silver2", help="id prefix of the drawn passages")
    parser.add_argument("--corpora", default=str(DEFAULT_CORPORA))
    args = parser.parse_args(argv)
    corpora = Path(args.corpora)
    annotated = load_silver(corpora=corpora)
    candidates = candidate_passages(corpora, annotated)
    chosen = draw(candidates, ShingleIndex(known_texts(annotated)), count=args.count, seed=args.seed)
    sizes = write_batches(chosen, Path(args.out), batches=args.batches, prefix=args.prefix)
    print(json.dumps({"candidates": len(candidates), "chosen": len(chosen), "batches": sizes,
                      "own_texts": sum(c["own"] for c in chosen), "flagged": sum(c["flagged"] for c in chosen)}))


if __name__ == "__main__":
    main()
