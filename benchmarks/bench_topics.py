"""Topic quality and speed of the topics stage, against a plain pipeline, in one run.

Quality (issue 4, item 6), on the passages of the seed corpus (corpus/):
- ours: ``dangjian_nlp.topics.fit_topics`` with its defaults (shared segmentation, boilerplate
  stopwords, NMF over TF-IDF, K chosen by coherence);
- plain: ``jieba.lcut`` tokens of two or more characters, ``gensim.models.LdaModel`` with
  default settings (``random_state`` fixed so the run repeats), the same K;
- our LDA backend at the same K, the alternative behind ``--backend lda``.

Every model is scored the same way: NPMI of its top 10 terms over passages, where a term is
present in a passage when the passage text contains it (independent of either tokenizer);
diversity (distinct terms among all top 10s / all top-10 slots); gensim's ``CoherenceModel``
c_v over each pipeline's own tokens; fit time.

Speed (issue 4 notes), on ../shared/corpora/gov-work-reports (paragraphs as passages): bare
``jieba.lcut`` of every file against our segmentation + topics stage, keywords and term discovery.

Prints JSON. Usage:
    python benchmarks/bench_topics.py [--seed 0] [--skip-speed]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpus"
GOV = ROOT.parent / "shared" / "corpora" / "gov-work-reports"


def seed_documents():
    """The seed corpus through the project's own ingestion."""
    from dangjian_nlp.pipeline import read_corpus

    documents, _, _ = read_corpus([SEEDS])
    return documents, "dangjian_nlp.pipeline.read_corpus"


def substring_npmi(texts: list[str], topics: list[list[str]]) -> list[float]:
    """Mean pairwise NPMI of each topic's terms, presence = substring of the passage text."""
    from dangjian_nlp.topics import topic_npmi

    vocabulary = sorted({term for topic in topics for term in topic})
    index = {term: j for j, term in enumerate(vocabulary)}
    presence = sparse.csc_matrix(np.array([[term in text for term in vocabulary] for text in texts], dtype=float))
    return topic_npmi(presence, np.array([[index[t] for t in topic] for topic in topics])).tolist()


def diversity(topics: list[list[str]]) -> float:
    flat = [term for topic in topics for term in topic]
    return len(set(flat)) / len(flat)


def gensim_cv(token_lists: list[list[str]], topics: list[list[str]]) -> float:
    from gensim.corpora import Dictionary
    from gensim.models import CoherenceModel

    dictionary = Dictionary(token_lists)
    model = CoherenceModel(topics=topics, texts=token_lists, dictionary=dictionary, coherence="c_v", processes=1)
    return float(model.get_coherence())


def scores(name: str, texts, token_lists, topics, seconds: float, extra: dict | None = None) -> dict:
    npmi = substring_npmi(texts, topics)
    row = {"pipeline": name, "k": len(topics), "npmi": round(float(np.mean(npmi)), 4),
           "diversity": round(diversity(topics), 4), "c_v_gensim": round(gensim_cv(token_lists, topics), 4),
           "fit_seconds": round(seconds, 3), "topics": [" ".join(topic) for topic in topics]}
    row.update(extra or {})
    return row


def plain_pipeline(texts: list[str], k: int, seed: int) -> tuple[list[list[str]], list[list[str]], float]:
    import jieba
    from gensim.corpora import Dictionary
    from gensim.models import LdaModel

    jieba.setLogLevel(60)
    started = time.perf_counter()
    token_lists = [[w for w in jieba.lcut(text) if len(w) >= 2] for text in texts]
    dictionary = Dictionary(token_lists)
    corpus = [dictionary.doc2bow(tokens) for tokens in token_lists]
    model = LdaModel(corpus=corpus, id2word=dictionary, num_topics=k, random_state=seed)
    topics = [[word for word, _ in model.show_topic(t, topn=10)] for t in range(k)]
    return topics, token_lists, time.perf_counter() - started


def quality(seed: int) -> dict:
    from dangjian_nlp.keywords import passage_terms
    from dangjian_nlp.topics import fit_topics

    documents, source = seed_documents()
    texts = [p.text for d in documents for p in d.passages]
    started = time.perf_counter()
    ours = fit_topics(documents, seed=seed)
    ours_seconds = time.perf_counter() - started
    our_tokens = [passage_terms(text) for text in texts]
    our_topics = [[item["term"] for item in topic["terms"]] for topic in ours.topics]
    rows = [scores("ours (nmf, K by coherence)", texts, our_tokens, our_topics, ours_seconds,
                   {"stability": ours.stability, "grid": ours.grid})]
    started = time.perf_counter()
    lda = fit_topics(documents, seed=seed, backend="lda", k=ours.k)
    lda_seconds = time.perf_counter() - started
    rows.append(scores("ours, lda backend (same K)", texts, our_tokens,
                       [[item["term"] for item in topic["terms"]] for topic in lda.topics], lda_seconds,
                       {"stability": lda.stability}))
    plain_topics, plain_tokens, plain_seconds = plain_pipeline(texts, ours.k, seed)
    rows.append(scores("plain (jieba.lcut >= 2 chars, gensim LdaModel defaults, same K)", texts, plain_tokens,
                       plain_topics, plain_seconds))
    return {"corpus": str(SEEDS.relative_to(ROOT)), "documents_from": source, "documents": len(documents),
            "passages": len(texts), "seed": seed, "k": ours.k, "models": rows,
            "ratios": {"npmi_ours_minus_plain": round(rows[0]["npmi"] - rows[2]["npmi"], 4),
                       "diversity_ours_over_plain": round(rows[0]["diversity"] / rows[2]["diversity"], 3),
                       "nmf_vs_lda_c_v": [rows[0]["c_v_gensim"], rows[1]["c_v_gensim"]],
                       "nmf_time_over_lda_time": round(ours_seconds / max(lda_seconds, 1e-9), 3)}}


def speed(seed: int) -> dict:
    import jieba

    from dangjian_nlp.keywords import annotate_keywords, discover_terms, passage_terms
    from dangjian_nlp.pipeline import read_corpus
    from dangjian_nlp.topics import fit_topics

    files = sorted(GOV.glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in files]
    documents, _, _ = read_corpus(files)
    jieba.setLogLevel(60)
    jieba.initialize()
    started = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    jieba_seconds = time.perf_counter() - started
    timings = {}
    started = time.perf_counter()
    for document in documents:
        for passage in document.passages:
            passage_terms(passage.text)
    timings["segment_passages"] = time.perf_counter() - started
    started = time.perf_counter()
    result = fit_topics(documents, seed=seed)
    timings["topics"] = time.perf_counter() - started
    started = time.perf_counter()
    annotate_keywords(documents)
    timings["keywords"] = time.perf_counter() - started
    started = time.perf_counter()
    discover_terms(documents)
    timings["discover_terms"] = time.perf_counter() - started
    return {"corpus": "../shared/corpora/gov-work-reports", "files": len(files),
            "chars": sum(len(text) for text in texts),
            "passages": sum(len(d.passages) for d in documents), "k": result.k,
            "jieba_lcut_seconds": round(jieba_seconds, 3),
            "seconds": {name: round(value, 3) for name, value in timings.items()},
            "ratio_to_jieba": {name: round(value / jieba_seconds, 3) for name, value in timings.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-speed", action="store_true", help="Only the quality comparison on the seeds.")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    sys.path.insert(0, str(ROOT / "src"))
    report = {"quality": quality(args.seed)}
    if not args.skip_speed and GOV.is_dir():
        report["speed"] = speed(args.seed)
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
