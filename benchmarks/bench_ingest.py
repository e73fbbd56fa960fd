"""Ingestion speed and memory on ../shared/corpora (about 12 M characters of real Chinese text).

Figures, printed as one JSON object:
- ``chars_per_s``: characters of cleaned essay text produced per second by ``ingest`` (read,
  detect encoding, clean, split, structure, write documents.jsonl) over the whole corpora;
- ``ratio_to_jieba``: on gov-work-reports, ingestion time divided by bare ``jieba.lcut`` time on
  the same raw text, both timed in this process, alternating, median of ``--repeat`` runs
  (the ``analyze`` goal is 4x jieba for the whole analysis, so ingestion must be a small part);
- ``memory``: peak traced Python memory (tracemalloc) and peak RSS of a fresh process ingesting
  the first 1/4, 1/2 and all of the corpus (by bytes, files in sorted order): flat when
  ingestion streams.

Usage:
    python benchmarks/bench_ingest.py [--corpora ../shared/corpora] [--repeat 3] [--skip-memory]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"

MEMORY_CHILD = """
import json, resource, sys, tempfile, tracemalloc
from dangjian_nlp.ingest import ingest
files = sys.argv[1:]
baseline_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()
with tempfile.TemporaryDirectory() as out:
    summary = ingest(files, out_dir=out, progress=False)
current, peak = tracemalloc.get_traced_memory()
print(json.dumps({"files": len(files), "documents": summary.documents, "traced_peak_mb": round(peak / 2**20, 1),
                  "rss_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                  "rss_after_imports_mb": round(baseline_rss / 1024, 1)}))
"""


def ingest_seconds(paths: list[str]) -> tuple[float, int, int]:
    """Seconds to ingest ``paths`` into a temporary folder, documents and output characters."""
    from dangjian_nlp.ingest import iter_documents  # noqa: PLC0415
    from dangjian_nlp.io import dumps  # noqa: PLC0415
    from dangjian_nlp.types import Document  # noqa: PLC0415

    started = time.perf_counter()
    documents = chars = 0
    with tempfile.TemporaryDirectory() as out, open(Path(out) / "documents.jsonl", "w", encoding="utf-8") as sink:
        for item in iter_documents(paths):
            if isinstance(item, Document):
                sink.write(dumps(item.to_dict()) + "\n")
                documents += 1
                chars += len(item.text)
    return time.perf_counter() - started, documents, chars


def jieba_seconds(texts: list[str]) -> float:
    """Seconds of bare ``jieba.lcut`` over ``texts`` (dictionary already loaded)."""
    import jieba  # noqa: PLC0415

    started = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - started


def memory_profile(files: list[Path]) -> list[dict]:
    """Peak memory of fresh processes ingesting growing prefixes (1/4, 1/2, all) of ``files``."""
    sizes = [f.stat().st_size for f in files]
    total = sum(sizes)
    rows = []
    for fraction in (0.25, 0.5, 1.0):
        running, count = 0, 0
        for size in sizes:
            if running >= fraction * total:
                break
            running += size
            count += 1
        result = subprocess.run([sys.executable, "-c", MEMORY_CHILD, *map(str, files[:count])],
                                check=True, capture_output=True, text=True)
        row = json.loads(result.stdout.strip().splitlines()[-1])
        row["fraction"] = fraction
        row["mb_in"] = round(running / 2**20, 1)
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-memory", action="store_true", help="Only the speed figures.")
    args = parser.parse_args()

    import jieba  # noqa: PLC0415

    from dangjian_nlp.ingest import iter_files  # noqa: PLC0415

    jieba.setLogLevel(60)
    jieba.initialize()
    files = [path for path, _ in iter_files([args.corpora])]
    gov = [str(path) for path, _ in iter_files([args.corpora / "gov-work-reports"])]
    gov_texts = [Path(p).read_text(encoding="utf-8") for p in gov]
    ingest_seconds(gov[:3])  # warm-up: lazy imports and rule compilation

    ours, reference = [], []
    for _ in range(args.repeat):
        ours.append(ingest_seconds(gov)[0])
        reference.append(jieba_seconds(gov_texts))
    seconds, documents, chars = ingest_seconds([str(f) for f in files])
    figures = {
        "corpora": args.corpora.as_posix(),
        "files": len(files),
        "documents": documents,
        "chars_out": chars,
        "mb_in": round(sum(f.stat().st_size for f in files) / 2**20, 1),
        "seconds": round(seconds, 2),
        "chars_per_s": round(chars / seconds),
        "gov_work_reports": {
            "chars_in": sum(len(t) for t in gov_texts),
            "ingest_s": round(statistics.median(ours), 3),
            "jieba_lcut_s": round(statistics.median(reference), 3),
            "ratio_to_jieba": round(statistics.median(ours) / statistics.median(reference), 3),
        },
    }
    if not args.skip_memory:
        figures["memory"] = memory_profile(files)
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
