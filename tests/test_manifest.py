"""Stale outputs: what an earlier run wrote into OUT and the next run did not write again."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import pytest

from dangjian_nlp.manifest import MANIFEST_FILE, previous_outputs, remove_stale_outputs


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _earlier_run(out: Path, files: dict[str, bytes], *, extra: dict[str, str] | None = None) -> None:
    """Files as an earlier run wrote them, and its manifest listing them (plus ``extra`` entries)."""
    outputs = {key: hashlib.sha256(_write(out / key, data).read_bytes()).hexdigest() for key, data in files.items()}
    outputs.update(extra or {})
    (out / MANIFEST_FILE).write_text(json.dumps({"outputs": outputs}), encoding="utf-8")


def test_only_listed_unchanged_files_not_written_again_are_removed(tmp_path, caplog):
    out = tmp_path / "out"
    _earlier_run(out, {"documents.jsonl": b"{}\n", "tables/region_problem.csv": b"a,b\n",
                       "tables/region_measure.csv": b"c,d\n", "tables/org_problem.csv": b"e\n",
                       "topics/model.npz": b"model"})
    _write(out / "tables" / "region_notes.csv", b"the user's own file")
    _write(out / "notes.txt", b"the user's notes")
    (out / "tables" / "region_measure.csv").write_bytes(b"edited by the user")
    previous = previous_outputs(out)
    written = [out / "documents.jsonl", out / "tables" / "org_problem.csv"]

    with caplog.at_level(logging.INFO, logger="dangjian_nlp.manifest"):
        removed = remove_stale_outputs(out, previous, written)

    assert removed == [out / "tables" / "region_problem.csv", out / "topics" / "model.npz"]
    remaining = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert remaining == ["documents.jsonl", MANIFEST_FILE, "notes.txt", "tables/org_problem.csv",
                         "tables/region_measure.csv", "tables/region_notes.csv"]
    assert (out / "tables" / "region_measure.csv").read_bytes() == b"edited by the user"
    assert not (out / "topics").exists(), "a folder left empty by the removal goes too"
    assert "removed " in caplog.text and "region_problem.csv" in caplog.text
    assert "kept " in caplog.text and "region_measure.csv" in caplog.text


@pytest.mark.parametrize("key", ["../outside.txt", "tables/../../outside.txt", "/ABSOLUTE"],
                         ids=["parent", "nested-parent", "absolute"])
def test_a_manifest_entry_outside_the_output_folder_is_never_removed(tmp_path, key):
    outside = _write(tmp_path / "outside.txt", b"not ours")
    out = tmp_path / "out"
    out.mkdir()
    key = outside.as_posix() if key == "/ABSOLUTE" else key
    _earlier_run(out, {}, extra={key: hashlib.sha256(b"not ours").hexdigest()})
    assert remove_stale_outputs(out, previous_outputs(out), []) == []
    assert outside.read_bytes() == b"not ours"


def test_a_symlinked_or_folder_entry_is_left_alone(tmp_path):
    target = _write(tmp_path / "elsewhere" / "data.csv", b"x")
    out = tmp_path / "out"
    (out / "tables").mkdir(parents=True)
    (out / "tables" / "link.csv").symlink_to(target)
    digest = hashlib.sha256(b"x").hexdigest()
    _earlier_run(out, {}, extra={"tables/link.csv": digest, "tables": digest})
    assert remove_stale_outputs(out, previous_outputs(out), []) == []
    assert (out / "tables" / "link.csv").is_symlink() and target.read_bytes() == b"x"


@pytest.mark.parametrize("content", [None, b"not json", b"[1, 2]", b'{"outputs": ["a.csv"]}'],
                         ids=["missing", "not-json", "not-an-object", "outputs-not-a-mapping"])
def test_without_a_usable_earlier_manifest_nothing_is_removed(tmp_path, content):
    out = tmp_path / "out"
    _write(out / "a.csv", b"a")
    if content is not None:
        _write(out / MANIFEST_FILE, content)
    assert previous_outputs(out) == {}
    assert remove_stale_outputs(out, previous_outputs(out), []) == []
    assert (out / "a.csv").read_bytes() == b"a"
