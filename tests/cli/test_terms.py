"""``dangjian terms`` messages through typer's CliRunner (the terms themselves: tests/keywords)."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from dangjian_nlp.cli import app

RUNNER = CliRunner()


def test_counts_agree_with_their_nouns(corpus_dir):
    result = RUNNER.invoke(app, ["terms", str(corpus_dir / "004_c4f700dea521b0cf.txt"), "--top", "3"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^\d+ candidate terms? in 1 document \(showing \d+\)$", result.stdout, re.MULTILINE)
    for count, noun in re.findall(r"^\n?(\d+) (candidate terms?|codebook or dictionary terms?)", result.stdout,
                                  re.MULTILINE):
        assert noun.endswith("s") == (count != "1"), (count, noun)
