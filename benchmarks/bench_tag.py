"""Speed of ``dangjian tag --jsonl`` against bare ``jieba.lcut`` over the same paragraphs.

Every non-empty line of ../shared/corpora/gov-work-reports (about 1.1 M characters) is one
passage. In one benchmark run, alternating to share the machine's noise, each ``--repeat``:

- reference: a fresh Python process imports jieba and ``jieba.lcut``s every paragraph;
- ours: a fresh ``dangjian tag --jsonl`` process reads the paragraphs as JSON Lines on stdin
  and writes one JSON line of tags each (start-up, codebook and model loading included).

Goal (issue 3): ratio ours / reference ≤ 1.0. Prints JSON (median seconds and the ratio).

Usage:
    python benchmarks/bench_tag.py [--corpus ../shared/corpora/gov-work-reports] [--repeat 3] [--tagger default]
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
import json, sys, jieba
jieba.setLogLevel(60)
total = 0
with open(sys.argv[1], encoding="utf-8") as handle:
    for line in handle:
        total += len(jieba.lcut(json.loads(line)["text"]))
print(total)
"""


def run(command: list[str], *, stdin_path: Path | None = None) -> tuple[float, bytes]:
    """Seconds a command takes (and its stdout); fails loudly when it fails."""
    started = time.perf_counter()
    with open(stdin_path, "rb") if stdin_path else open("/dev/null", "rb") as stdin:
        done = subprocess.run(command, stdin=stdin, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed: {done.stderr.decode(errors='replace')[-2000:]}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tagger", default="default")
    args = parser.parse_args()
    dangjian = shutil.which("dangjian")
    command = [dangjian] if dangjian else [sys.executable, str(ROOT / "cli.py")]
    with tempfile.TemporaryDirectory() as tmp:
        lines_path = Path(tmp) / "paragraphs.jsonl"
        paragraphs = 0
        chars = 0
        with open(lines_path, "w", encoding="utf-8") as out:
            for path in sorted(Path(args.corpus).glob("*.txt")):
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if line.strip():
                        out.write(json.dumps({"id": f"{path.stem}-{number}", "text": line.strip()},
                                             ensure_ascii=False) + "\n")
                        paragraphs += 1
                        chars += len(line.strip())
        reference, ours = [], []
        output_lines = 0
        for _ in range(args.repeat):
            seconds, _ = run([sys.executable, "-c", JIEBA_SCRIPT, str(lines_path)])
            reference.append(seconds)
            seconds, stdout = run([*command, "tag", "--jsonl", "--tagger", args.tagger], stdin_path=lines_path)
            ours.append(seconds)
            output_lines = stdout.count(b"\n")
    ref, tag = statistics.median(reference), statistics.median(ours)
    print(json.dumps({
        "corpus": args.corpus, "paragraphs": paragraphs, "chars": chars, "output_lines": output_lines,
        "tagger": args.tagger, "repeat": args.repeat,
        "jieba_lcut_seconds": round(ref, 3), "tag_jsonl_seconds": round(tag, 3),
        "ratio_tag_to_jieba": round(tag / ref, 3), "goal_ratio": 1.0,
    }, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
