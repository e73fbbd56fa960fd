"""Speed of the whole ``dangjian analyze`` against bare jieba segmentation of the same text.

Runs, in one benchmark run and alternating to share the machine's noise:
- reference: a fresh Python process that imports jieba and ``jieba.lcut``s every file;
- ours: ``dangjian analyze`` on the same files (a fresh process: start-up included).

Goal (issue 6): the whole analysis within 4x bare segmentation. Prints JSON.

Usage:
    python benchmarks/bench_analyze.py [--corpus ../shared/corpora/gov-work-reports] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "gov-work-reports"

JIEBA_SCRIPT = """
import sys, jieba
jieba.setLogLevel(60)
total = 0
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as handle:
        total += len(jieba.lcut(handle.read()))
print(total)
"""


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = sorted(str(p) for p in args.corpus.glob("*.txt"))
    chars = sum(len(Path(f).read_text(encoding="utf-8")) for f in files)
    dangjian = shutil.which("dangjian") or sys.exit("dangjian is not on PATH: pip install -e . first")
    reference, ours = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.repeat):
            reference.append(timed([sys.executable, "-c", JIEBA_SCRIPT, *files]))
            ours.append(timed([dangjian, "analyze", *files, "--out", f"{tmp}/out{round_}", "--no-progress"]))
        manifest = json.loads(Path(f"{tmp}/out0/manifest.json").read_text(encoding="utf-8"))
    ref, mine = statistics.median(reference), statistics.median(ours)
    print(json.dumps({
        "corpus": str(args.corpus), "files": len(files), "characters": chars,
        "jieba_lcut_seconds_median": round(ref, 3), "analyze_seconds_median": round(mine, 3),
        "ratio_analyze_to_jieba": round(mine / ref, 3), "goal_ratio_at_most": 4.0,
        "stage_seconds_first_run": manifest["timings"],
        "documents": manifest["counts"]["documents"], "passages": manifest["counts"]["passages"],
    }, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
