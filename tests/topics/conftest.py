"""Fixtures for the topic tests: a fitted model on the dev essays, and a synthetic corpus of known K."""

from __future__ import annotations

import copy
import random

import pytest

from dangjian_nlp.types import Document, Passage

VOCABULARIES = (
    "审判 法官 案件 诉讼 法庭 判决 证据 律师 原告 被告 上诉 裁定",
    "粮食 小麦 水稻 化肥 灌溉 农民 耕地 收成 种子 农机 播种 丰收",
    "学生 教师 课堂 考试 教材 学校 作业 毕业 招生 课程 校园 学费",
    "医院 医生 护士 病人 药品 手术 门诊 疫苗 诊断 治疗 病房 医保",
    "铁路 公路 机场 航班 列车 车站 司机 乘客 地铁 高速 港口 码头",
    "电影 导演 演员 剧本 票房 影院 镜头 观众 拍摄 剧组 片场 预告",
)


def synthetic_documents(k: int, *, passages_per_topic: int = 30, seed: int = 0) -> list[Document]:
    """Six documents whose passages each draw 8 words from one of ``k`` disjoint vocabularies."""
    rng = random.Random(seed)
    documents = []
    per_document = passages_per_topic * k // 6
    for d in range(6):
        passages, parts, offset = [], [], 0
        for i in range(per_document):
            words = rng.sample(VOCABULARIES[rng.randrange(k)].split(), 8)
            text = "，".join(words) + "。"
            passages.append(Passage(id=f"syn{d}-p{i:03d}", start=offset, end=offset + len(text), text=text))
            parts.append(text)
            offset += len(text) + 1
        text = "\n".join(parts)
        documents.append(Document(id=f"syn{d}", source=f"syn{d}.txt", span=(0, len(text)), title="", authors=[],
                                  text=text, passages=passages))
    return documents


@pytest.fixture(scope="session")
def vocabularies() -> tuple[str, ...]:
    """The word lists the synthetic topics draw from."""
    return VOCABULARIES


@pytest.fixture(scope="session")
def synthetic():
    """Factory: ``synthetic(k)`` gives a corpus with exactly ``k`` topics."""
    return synthetic_documents


@pytest.fixture(scope="session")
def dev_documents(gold_documents):
    """A private copy of the dev essays (fitting fills ``document.topics``)."""
    return copy.deepcopy(gold_documents)


@pytest.fixture(scope="session")
def dev_result(dev_documents):
    """The default topic model of the dev essays, seed 0."""
    from dangjian_nlp.topics import fit_topics

    return fit_topics(dev_documents, seed=0)
