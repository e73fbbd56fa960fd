"""Fixtures of the tagging tests: the packaged codebook, the taggers, the dev gold rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def codebook():
    from dangjian_nlp.tagging import load_codebook

    return load_codebook()


@pytest.fixture(scope="session")
def rule_tagger():
    from dangjian_nlp.tagging import get_tagger

    return get_tagger("rules")


@pytest.fixture(scope="session")
def hybrid_tagger():
    from dangjian_nlp.tagging import get_tagger

    return get_tagger("hybrid")


@pytest.fixture(scope="session")
def gold_rows(dev_passages_path: Path) -> list[dict]:
    if not dev_passages_path.is_file():
        pytest.skip("dev passages missing")
    return [json.loads(line) for line in dev_passages_path.read_text(encoding="utf-8").splitlines() if line.strip()]
