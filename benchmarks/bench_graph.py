"""Speed of the graph stage against bare jieba segmentation of the same text.

Reads ../shared/corpora/gov-work-reports in place (52 reports, 1.1 M characters), splits each
report into paragraph passages, tags them with the project's tagger (rule layer if no model
is trained), then times, in this process:

* ``jieba_s``: the reference, jieba's precise mode over all passage texts (one warm-up call first);
* ``tokens_s``: ``graph.passage_tokens`` (rjieba through ``segment.tokenize``), which the
  graph stage reuses when the caller passes ``tokens=``;
* ``build_cold_s``: the first ``build_graphs`` call (term selection, units, statistics,
  Louvain, bootstrap, centralities, layout) given the tokens, one-off imports included;
* ``build_s``: the same call again (warm);
* ``write_s`` and per format: ``write_graphs`` into a temporary folder.

Prints one JSON object (last on stdout); ratios are against ``jieba_s``; the total ratio uses
the cold build.

Run: python benchmarks/bench_graph.py [--corpus PATH] [--window document|passage] [--bootstrap N]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "gov-work-reports"


def paragraph_documents(folder: Path):
    """One document per ``.txt`` file, one passage per non-empty line."""
    from dangjian_nlp.types import Document, Passage

    documents = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        passages, offset = [], 0
        for number, line in enumerate(text.split("\n")):
            if line.strip():
                passages.append(Passage(id=f"{path.stem}-p{number:04d}", start=offset, end=offset + len(line),
                                        text=line))
            offset += len(line) + 1
        documents.append(Document(id=path.stem, source=path.name, span=(0, len(text)), title="", authors=[],
                                  text=text, passages=passages))
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--window", default="document")
    parser.add_argument("--bootstrap", type=int, default=None)
    args = parser.parse_args()

    import jieba

    from dangjian_nlp.graph import available_formats, build_graphs, passage_tokens, write_graphs
    from dangjian_nlp.tagging import get_tagger, tag_documents

    documents = paragraph_documents(args.corpus)
    tag_documents(documents, tagger=get_tagger("default"))
    texts = [p.text for d in documents for p in d.passages]

    jieba.setLogLevel(60)
    jieba.lcut("预热")
    started = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    jieba_s = time.perf_counter() - started

    passage_tokens(documents[:1])  # load the shared segmenter outside the timing
    started = time.perf_counter()
    tokens = passage_tokens(documents)
    tokens_s = time.perf_counter() - started

    started = time.perf_counter()
    build_graphs(documents, window=args.window, bootstrap=args.bootstrap, tokens=tokens, seed=0)
    build_cold_s = time.perf_counter() - started  # includes one-off imports (scipy.stats) and codebook load
    started = time.perf_counter()
    graphs = build_graphs(documents, window=args.window, bootstrap=args.bootstrap, tokens=tokens, seed=0)
    build_s = time.perf_counter() - started

    per_format = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in available_formats():
            started = time.perf_counter()
            write_graphs(graphs, Path(tmp), formats=[fmt])
            per_format[fmt] = round(time.perf_counter() - started, 3)
    write_s = sum(per_format.values())

    figures = {
        "corpus": str(args.corpus.name),
        "documents": len(documents),
        "passages": len(texts),
        "characters": sum(len(t) for t in texts),
        "window": args.window,
        "bootstrap": graphs.options.bootstrap,
        "cooccurrence": {k: graphs.cooccurrence.graph[k] for k in ("nodes", "edges", "units", "modularity", "stability")},
        "problem_measure": {k: graphs.problem_measure.graph[k] for k in ("nodes", "edges", "units", "modularity",
                                                                         "stability")},
        "jieba_s": round(jieba_s, 3),
        "tokens_s": round(tokens_s, 3),
        "build_cold_s": round(build_cold_s, 3),
        "build_s": round(build_s, 3),
        "write_s": round(write_s, 3),
        "write_per_format_s": per_format,
        "build_over_jieba": round(build_s / jieba_s, 3),
        "build_cold_over_jieba": round(build_cold_s / jieba_s, 3),
        "tokens_build_write_over_jieba": round((tokens_s + build_cold_s + write_s) / jieba_s, 3),
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
