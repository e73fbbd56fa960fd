"""Segmentation: domain terms kept whole, rjieba vs jieba agreement and speed.

Measured on the seed essays (``corpus/``) and ``../shared/corpora/gov-work-reports``, in one run:

- wholeness: of the occurrences of 13 party-building terms in the seeds, how many come out as
  one token with jieba's default dictionary, with jieba + our dictionary, with rjieba + ours;
- agreement: share of rjieba tokens that equal jieba's (both with our dictionary; tokens compared
  as character spans);
- speed: seconds to segment all paragraphs of gov-work-reports with each, and the ratio.

Usage:
    python benchmarks/bench_segment.py [--corpus ../shared/corpora/gov-work-reports]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from dangjian_nlp.segment import create_segmenter, domain_terms, normalize

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpus"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "gov-work-reports"

TERMS = ("三会一课", "两张皮", "一岗双责", "重业务轻党建", "党务干部", "主题党日", "述职评议", "组织生活会",
         "党建+", "民主生活会", "第一责任人", "先锋模范作用", "党员先锋岗")
"""The 13 terms: the issue's nine and four more codebook cues."""


def paragraphs(folder: Path) -> list[str]:
    """Non-empty lines of every .txt file of ``folder`` (NFKC-normalised), in name order."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        out.extend(normalize(line.strip()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return out


def spans(tokens: list[str]) -> set[tuple[int, int]]:
    """Character spans of tokens."""
    out, pos = set(), 0
    for token in tokens:
        out.add((pos, pos + len(token)))
        pos += len(token)
    return out


def wholeness(segment, texts: list[str]) -> tuple[int, int]:
    """(occurrences kept as one token, all occurrences) of ``TERMS`` in ``texts``."""
    whole = total = 0
    for text in texts:
        found = [(text.find(term, 0), term) for term in TERMS if term in text]
        if not found:
            continue
        token_spans = spans(segment(text))
        for term in TERMS:
            start = text.find(term)
            while start != -1:
                total += 1
                whole += (start, start + len(term)) in token_spans
                start = text.find(term, start + len(term))
    return whole, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    args = parser.parse_args()
    # Seeds are PDF-extracted with hard line breaks: join each file's lines so terms are not cut.
    seeds = ["".join(normalize(line.strip()) for line in path.read_text(encoding="utf-8").splitlines())
             for path in sorted(SEEDS.glob("*.txt"))]
    corpus = paragraphs(Path(args.corpus))

    jieba_plain = create_segmenter("jieba")
    jieba_ours = create_segmenter("jieba", words=domain_terms())
    rjieba_ours = create_segmenter("rjieba", words=domain_terms())
    result: dict[str, object] = {"terms": list(TERMS)}
    for name, seg in (("jieba_default", jieba_plain), ("jieba_domain", jieba_ours), ("rjieba_domain", rjieba_ours)):
        whole, total = wholeness(seg.cut, seeds)
        result[f"whole_{name}"] = whole
        result["occurrences"] = total

    same = total_tokens = 0
    timings = {}
    for name, seg in (("jieba", jieba_ours), ("rjieba", rjieba_ours)):
        started = time.perf_counter()
        cuts = [seg.cut(text) for text in corpus]
        timings[name] = time.perf_counter() - started
        if name == "jieba":
            reference = cuts
        else:
            for ours, ref in zip(cuts, reference):
                ours_spans, ref_spans = spans(ours), spans(ref)
                same += len(ours_spans & ref_spans)
                total_tokens += len(ours_spans)
    result.update({
        "corpus": args.corpus, "paragraphs": len(corpus), "chars": sum(map(len, corpus)),
        "jieba_seconds": round(timings["jieba"], 3), "rjieba_seconds": round(timings["rjieba"], 3),
        "speedup_rjieba": round(timings["jieba"] / timings["rjieba"], 2),
        "token_agreement": round(same / total_tokens, 5) if total_tokens else None,
    })
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
