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
import hashlib
import json
import logging
import random
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from dangjian_nlp.tagging.base import TagRequest
from dangjian_nlp.tagging.codebook import load_codebook
from dangjian_nlp.tagging.evaluate import DEFAULT_GOLD
from dangjian_nlp.tagging.model import models_dir
from dangjian_nlp.tagging.rules import PROBLEM_ROLES, RULE_THRESHOLD, analyse
from dangjian_nlp.tagging.train import DEFAULT_CORPORA, SILVER_FILE

LOGGER = logging.getLogger(__name__)

FOLDERS = ("party-study-materials", "cpc-congress-reports")
UNSEEN = "dangjian-heldout"
PARTY_WORDS = re.compile(r"党建|党员|党组织|党支部|支部|党委|党组|党务|干部|组织生活|三会一课|主题党日|党性|党风|廉政|从严治党")
OWN_TEXTS = re.compile(r"我校|绍兴一中|支部|主题党日|党委|组织生活会|民主生活会|述职|工作思路|实施意见|总结")
"""Title or opening words of a party committee's own texts (plans, summaries, activity reports)."""
MIN_CHARS, MAX_CHARS = 40, 600
SHINGLE = 8
NEAR_COPY_SHARE = 0.5


def sha1_12(text: str) -> str:
    """First 12 hex digits of the SHA-1 of ``text`` (the annotation file's check)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def shingles(text: str) -> set[str]:
    """Character 8-grams of ``text`` without white space."""
    squashed = re.sub(r"\s+", "", text)
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
    """Passages of ``FOLDERS`` fit for annotation, with ``file``, ``start``, ``end``, ``text``, ``own``.

    A passage qualifies when it has ``MIN_CHARS`` to ``MAX_CHARS`` characters, at least two
    party-building words (one in a party committee's own text), stands exactly once and verbatim
    in its source file, and overlaps no ``annotated`` passage.
    """
    from dangjian_nlp.pipeline import read_corpus  # noqa: PLC0415  (the pipeline imports the tagger)

    taken: dict[str, list[tuple[int, int]]] = {}
    for item in annotated:
        taken.setdefault(item["file"], []).append((item["start"], item["end"]))
    documents, _, _ = read_corpus([corpora / folder for folder in FOLDERS if (corpora / folder).is_dir()],
                                  progress=False)
    sources: dict[str, str] = {}
    candidates = []
    for document in documents:
        rel = Path(document.source).resolve().relative_to(corpora.resolve()).as_posix()
        if rel.startswith(f"{UNSEEN}/"):
            continue
        raw = sources.setdefault(rel, (corpora / rel).read_text(encoding="utf-8"))
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
    """Up to ``count`` candidates, none a near-copy of ``seen`` or of another drawn one.

    Taken in turns from three pools shuffled with ``seed``: own texts (those the rule layer flags
    first), other passages the rule layer flags (twice per turn), the rest.
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
    """Deal ``chosen`` into ``batches`` files ``batch-K.jsonl`` (in file order); their sizes."""
    out.mkdir(parents=True, exist_ok=True)
    sizes = []
    for batch in range(batches):
        part = sorted(chosen[batch::batches], key=lambda c: (c["file"], c["start"]))
        lines = [json.dumps({"id": f"{prefix}-{batch}-{index:03d}", "file": c["file"], "start": c["start"],
                             "end": c["end"], "sha1": sha1_12(c["text"]), "text": c["text"]}, ensure_ascii=False)
                 for index, c in enumerate(part)]
        (out / f"batch-{batch}.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        sizes.append(len(part))
    return sizes


def known_texts(corpora: Path, annotated: Sequence[dict[str, Any]]) -> Iterable[str]:
    """The annotated corpus passages, the dev passages and the seed files' paragraphs."""
    for item in annotated:
        yield (corpora / item["file"]).read_text(encoding="utf-8")[item["start"]:item["end"]]
    if DEFAULT_GOLD.is_file():
        for line in DEFAULT_GOLD.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)["text"]
    seeds = corpora.parent / "seeds"
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
    annotation_file = models_dir() / SILVER_FILE
    annotated = [json.loads(line) for line in annotation_file.read_text(encoding="utf-8").splitlines()
                 if line.strip()] if annotation_file.is_file() else []
    candidates = candidate_passages(corpora, annotated)
    chosen = draw(candidates, ShingleIndex(known_texts(corpora, annotated)), count=args.count, seed=args.seed)
    sizes = write_batches(chosen, Path(args.out), batches=args.batches, prefix=args.prefix)
    print(json.dumps({"candidates": len(candidates), "chosen": len(chosen), "batches": sizes,
                      "own_texts": sum(c["own"] for c in chosen), "flagged": sum(c["flagged"] for c in chosen)}))


if __name__ == "__main__":
    main()
