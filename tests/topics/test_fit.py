"""fit_topics: K selection, determinism, labels, mixtures, alignment and clusters."""

from __future__ import annotations

import copy

import pytest

from dangjian_nlp import io
from dangjian_nlp.errors import DangjianError
from dangjian_nlp.keywords import keyword_stopwords
from dangjian_nlp.topics import available_backends, default_config, fit_topics, parse_config


@pytest.mark.parametrize("true_k", [3, 4, 6])
def test_k_selection_recovers_the_true_k(synthetic, vocabularies, true_k: int) -> None:
    config = default_config().replace(k_grid=[2, 3, 4, 5, 6, 7, 8])
    result = fit_topics(synthetic(true_k), seed=0, config=config)
    assert result.k == true_k
    assert [row["k"] for row in result.grid] == [2, 3, 4, 5, 6, 7, 8]
    assert [row["k"] for row in result.grid if row["chosen"]] == [true_k]
    # Each topic is one vocabulary: all its top terms come from the same list.
    for topic in result.topics:
        terms = {item["term"] for item in topic["terms"]}
        assert any(terms <= set(words.split()) for words in vocabularies[:true_k])


def test_same_seed_gives_byte_identical_json(dev_documents, dev_result) -> None:
    again = fit_topics(copy.deepcopy(dev_documents), seed=0)
    assert io.dumps(again.to_dict()) == io.dumps(dev_result.to_dict())


def test_topics_json_content(dev_result, dev_documents) -> None:
    data = dev_result.to_dict()
    assert data["backend"] == "nmf" and data["unit"] == "passage"
    assert data["k"] == len(data["topics"]) >= 4
    tried = [row["k"] for row in data["selection"]["grid"]]
    assert tried == [k for k in default_config().k_grid if k <= 223 // 5]
    assert all({"npmi", "c_v", "stability", "diversity", "coverage", "score"} <= set(row) for row in data["selection"]["grid"])
    assert data["selection"]["seeds"] == [0, 1, 2]
    assert data["coherence"]["npmi"] > 0.1 and data["coherence"]["c_v"] > 0.5
    assert 0 < data["stability"] <= 1 and 0.5 < data["diversity"] <= 1
    drop = keyword_stopwords()
    for topic in data["topics"]:
        assert len(topic["terms"]) == 10
        weights = [item["weight"] for item in topic["terms"]]
        assert weights == sorted(weights, reverse=True)
        assert topic["label"] == "、".join(item["term"] for item in topic["terms"][:3])
        assert not {item["term"] for item in topic["terms"]} & drop
    assert sum(topic["passages"] for topic in data["topics"]) <= 223
    assert set(data["documents"]) == {document.id for document in dev_documents}


def test_documents_get_their_mixtures(dev_result, dev_documents) -> None:
    for document in dev_documents:
        assert document.topics == dev_result.documents[document.id]
        weights = [item["weight"] for item in document.topics]
        assert weights == sorted(weights, reverse=True)
        assert 0.9 <= sum(weights) <= 1.0001
        assert all(0 <= item["topic"] < dev_result.k for item in document.topics)


def test_alignment_table_lines_topics_up_with_the_codebook(dev_result) -> None:
    table = dev_result.alignment
    assert table["labels"][0].startswith("role:")
    assert len(table["weights"]) == dev_result.k and len(table["weights"][0]) == len(table["labels"])
    column = {label: j for j, label in enumerate(table["labels"])}
    # The topic built on 一岗双责 leans to the responsibility-system countermeasure.
    topic = next(t for t in dev_result.topics if "一岗双责" in {item["term"] for item in t["terms"][:5]})
    assert table["lift"][topic["id"]][column["M.responsibility"]] > 2
    topic = next(t for t in dev_result.topics if t["terms"][0]["term"] == "两张皮" or t["label"].startswith("两张皮"))
    assert table["lift"][topic["id"]][column["P.disconnect"]] > 1.5
    assert sum(1 for t in dev_result.topics if t["codebook"]) >= dev_result.k // 2


def test_essay_clusters_cover_every_essay(dev_result, dev_documents) -> None:
    clusters = dev_result.clusters
    members = [doc for cluster in clusters["clusters"] for doc in cluster["documents"]]
    assert sorted(members) == sorted(document.id for document in dev_documents)
    assert 2 <= clusters["n_clusters"] <= 8 and clusters["silhouette"] is not None
    assert len(clusters["linkage"]) == len(dev_documents) - 1
    # The two court essays of the Xiamen intermediate court land together.
    court = next(c for c in clusters["clusters"] if "000-01" in c["documents"])
    assert "000-03" in court["documents"]
    assert all(" + " in cluster["label"] for cluster in clusters["clusters"])


def test_fixed_k_and_lda_backend(dev_documents) -> None:
    config = default_config().replace(seeds=1)
    result = fit_topics(copy.deepcopy(dev_documents), seed=3, backend="lda", k=6, config=config)
    assert (result.backend, result.k, [row["k"] for row in result.grid]) == ("lda", 6, [6])
    assert len(result.topics) == 6 and result.coherence["npmi"] > -1
    again = fit_topics(copy.deepcopy(dev_documents), seed=3, backend="lda", k=6, config=config)
    assert io.dumps(again.to_dict()) == io.dumps(result.to_dict())


def test_too_few_passages_give_an_empty_result(dev_documents) -> None:
    documents = copy.deepcopy(dev_documents[:1])
    documents[0].passages = documents[0].passages[:5]
    result = fit_topics(documents, seed=0)
    assert result.k == 0 and "too few passages" in result.skipped
    assert result.to_dict()["topics"] == [] and documents[0].topics == []
    assert fit_topics([], seed=0).to_dict()["skipped"].startswith("too few passages")


def test_real_third_party_text(corpora_dir) -> None:
    """Two CPC congress reports, paragraphs as passages: coherent topics without boilerplate."""
    from dangjian_nlp.types import Document, Passage

    documents = []
    for name in ("cpc_19_14.txt", "cpc_20_15.txt"):
        text = (corpora_dir / "cpc-congress-reports" / name).read_text(encoding="utf-8")
        passages, offset = [], 0
        for line in text.split("\n"):
            if len(line.strip()) >= 20:
                passages.append(Passage(id=f"{name}-p{len(passages):03d}", start=offset, end=offset + len(line),
                                        text=line))
            offset += len(line) + 1
        documents.append(Document(id=name, source=name, span=(0, len(text)), title="", authors=[], text=text,
                                  passages=passages))
    result = fit_topics(documents, seed=0)
    assert result.k >= 4 and result.coherence["npmi"] > 0.1 and result.diversity > 0.7
    terms = {item["term"] for topic in result.topics for item in topic["terms"]}
    assert not terms & keyword_stopwords()
    assert {"生态", "党的建设", "人民", "经济", "社会主义"} & terms


def test_unknown_backend_and_bad_settings_are_refused(dev_documents) -> None:
    assert available_backends() == ["lda", "nmf"]
    with pytest.raises(DangjianError, match="unknown topic backend 'bertopic'"):
        fit_topics(dev_documents, backend="bertopic")
    with pytest.raises(DangjianError, match="k_grid"):
        default_config().replace(k_grid=[1, 2])
    with pytest.raises(DangjianError, match="unknown keys"):
        parse_config({"colour": "red"})
