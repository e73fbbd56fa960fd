"""The whole analysis on the sample corpus: every output, the manifest, byte-identical reruns."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from pathlib import Path

import pytest

from dangjian_nlp.errors import InputError
from dangjian_nlp.pipeline import STAGES, AnalyzeOptions, analyze, load_documents

EXPECTED_OUTPUTS = [
    "documents.jsonl", "tags.csv", "project.qdpx", "topics.json", "terms.json", "keywords.json",
    "report.html", "manifest.json",
]


@pytest.fixture(scope="session")
def analyzed(tmp_path_factory, corpus_dir):
    out = tmp_path_factory.mktemp("analyze") / "out"
    run = analyze([corpus_dir], out_dir=out, options=AnalyzeOptions(progress=False))
    return run


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _region_metadata(corpus_dir: Path, path: Path) -> Path:
    rows = ["file,region"] + [f"{p.name},{'厦门' if p.name.startswith('000') else '其他'}"
                              for p in sorted(corpus_dir.glob("*.txt"))]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_analyze_reads_the_24_essays_of_the_sample_corpus(analyzed):
    assert len(analyzed.documents) == 24
    assert analyzed.files == 5
    assert analyzed.errors == []


@pytest.mark.parametrize("name", EXPECTED_OUTPUTS)
def test_analyze_writes_output(analyzed, name):
    assert (analyzed.out_dir / name).stat().st_size > 0


def test_analyze_writes_an_empty_error_list_when_every_file_was_read(analyzed):
    assert (analyzed.out_dir / "errors.jsonl").read_bytes() == b""


def test_analyze_writes_graph_and_tables_folders(analyzed):
    assert any((analyzed.out_dir / "graph").iterdir())
    assert any((analyzed.out_dir / "tables").iterdir())


def test_documents_jsonl_carries_tags_and_passages(analyzed):
    rows = [json.loads(line) for line in (analyzed.out_dir / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 24
    assert all(row["schema_version"] for row in rows)
    assert sum(len(row["problems"]) for row in rows) > 0
    assert sum(len(row["measures"]) for row in rows) > 0
    for row in rows:
        for passage in row["passages"]:
            assert row["text"][passage["start"]:passage["end"]] == passage["text"]


def test_manifest_records_inputs_codebook_and_timings(analyzed, corpus_dir):
    manifest = json.loads((analyzed.out_dir / "manifest.json").read_text(encoding="utf-8"))
    hashes = {Path(item["path"]).name: item["sha256"] for item in manifest["inputs"]}
    for path in sorted(corpus_dir.glob("*.txt")):
        assert hashes[path.name] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(manifest["codebook"]["sha256"]) == 64
    assert manifest["dependencies"]["jieba"]
    assert set(manifest["timings"]) == {name for name, _ in STAGES} | {"total"}
    assert manifest["counts"]["documents"] == 24
    assert manifest["outputs"]["documents.jsonl"] == hashlib.sha256(
        (analyzed.out_dir / "documents.jsonl").read_bytes()).hexdigest()


def test_rerun_gives_identical_files_apart_from_timings(analyzed, corpus_dir, tmp_path):
    again = analyze([corpus_dir], out_dir=tmp_path / "again", options=AnalyzeOptions(progress=False))
    first, second = _files(analyzed.out_dir), _files(again.out_dir)
    assert sorted(first) == sorted(second)
    for name in first:
        if name == "manifest.json":
            continue
        assert first[name] == second[name], f"{name} differs between two runs"
    manifests = [json.loads(files["manifest.json"]) for files in (first, second)]
    for manifest in manifests:
        manifest.pop("timings")
    assert manifests[0] == manifests[1]


def test_bad_files_are_reported_and_the_rest_goes_on(corpus_dir, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(corpus_dir / "001_6760920c93c036ae.txt", folder / "好报告.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    run = analyze([folder], out_dir=tmp_path / "out", options=AnalyzeOptions(progress=False))
    assert len(run.documents) == 1
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(e["path"]).name for e in errors) == ["broken.docx", "empty.txt"]
    assert all(e["reason"] for e in errors)


def test_no_readable_document_is_an_error_and_keeps_the_error_list(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    with pytest.raises(InputError, match="no document"):
        analyze([folder], out_dir=tmp_path / "out", options=AnalyzeOptions(progress=False))
    assert (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").count("empty.txt") == 1


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        analyze([tmp_path / "nowhere"], out_dir=tmp_path / "out")


def test_load_documents_reads_back_an_output_folder(analyzed):
    documents, errors = load_documents([analyzed.out_dir])
    assert errors == []
    assert [d.to_dict() for d in documents] == [d.to_dict() for d in analyzed.documents]


@pytest.mark.parametrize("options, message", [
    (AnalyzeOptions(tagger="bogus"), "unknown tagger"),
    (AnalyzeOptions(metadata=Path("nowhere.csv")), "no such metadata file"),
    (AnalyzeOptions(graph_window="sentence"), "window"),
], ids=["tagger", "metadata", "window"])
def test_bad_options_fail_before_anything_is_written(corpus_dir, tmp_path, options, message):
    from dangjian_nlp.errors import DangjianError  # noqa: PLC0415

    with pytest.raises(DangjianError, match=message):
        analyze([corpus_dir / "004_c4f700dea521b0cf.txt"], out_dir=tmp_path / "out", options=options)
    assert not (tmp_path / "out").exists()


def test_a_jsonl_that_is_not_documents_is_an_input_error(tmp_path):
    path = tmp_path / "passages.jsonl"
    path.write_text('{"id": "a", "text": "重业务轻党建"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"passages.jsonl:1: not a dangjian-nlp document"):
        load_documents([path])


def test_compare_reuses_the_metadata_the_analysis_was_given(corpus_dir, tmp_path):
    from dangjian_nlp.manifest import file_sha256  # noqa: PLC0415
    from dangjian_nlp.tables import compare_output  # noqa: PLC0415

    metadata = _region_metadata(corpus_dir, tmp_path / "meta.csv")
    out = tmp_path / "out"
    analyze([corpus_dir / "000_1943ade65ff11aea.txt", corpus_dir / "004_c4f700dea521b0cf.txt"], out_dir=out,
            options=AnalyzeOptions(metadata=metadata, progress=False))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["metadata_sha256"] == file_sha256(metadata)
    tables = compare_output(out, by="region")
    groups = {row[0] for row in tables[0].rows}
    assert {"厦门", "其他"} <= groups


def test_graph_of_an_output_folder_equals_the_one_analyze_wrote(analyzed, tmp_path):
    from dangjian_nlp.graph import build_graphs, write_graphs  # noqa: PLC0415

    documents, _ = load_documents([analyzed.out_dir])
    written = write_graphs(build_graphs(documents, window="passage", seed=0), tmp_path)
    for path in written:
        assert path.read_bytes() == (analyzed.out_dir / "graph" / path.name).read_bytes(), path.name


def test_rerun_into_an_earlier_output_folder_removes_what_it_no_longer_writes(corpus_dir, tmp_path, caplog):
    report = corpus_dir / "004_c4f700dea521b0cf.txt"
    out = tmp_path / "out"
    analyze([report], out_dir=out,
            options=AnalyzeOptions(metadata=_region_metadata(corpus_dir, tmp_path / "meta.csv"), progress=False))
    region_tables = sorted((out / "tables").glob("region_*"))
    assert region_tables
    (out / "tables" / "region_summary_by_hand.csv").write_text("mine", encoding="utf-8")
    (out / "notes.md").write_text("mine", encoding="utf-8")

    with caplog.at_level(logging.INFO, logger="dangjian_nlp"):
        rerun = analyze([report], out_dir=out, options=AnalyzeOptions(progress=False))

    assert sorted(rerun.removed) == region_tables
    assert not any(path.exists() for path in region_tables)
    assert (out / "tables" / "region_summary_by_hand.csv").read_text(encoding="utf-8") == "mine"
    assert (out / "notes.md").read_text(encoding="utf-8") == "mine"
    for path in region_tables:
        assert f"removed {path}" in caplog.text
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    on_disk = {name for name in _files(out)} - {"manifest.json", "notes.md", "tables/region_summary_by_hand.csv"}
    assert set(manifest["outputs"]) == on_disk


def test_a_failed_rerun_leaves_the_earlier_outputs(corpus_dir, tmp_path):
    out = tmp_path / "out"
    analyze([corpus_dir / "004_c4f700dea521b0cf.txt"], out_dir=out, options=AnalyzeOptions(progress=False))
    before = _files(out)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "empty.txt").write_bytes(b"")
    with pytest.raises(InputError, match="no document"):
        analyze([tmp_path / "bad"], out_dir=out, options=AnalyzeOptions(progress=False))
    after = _files(out)
    assert sorted(after) == sorted(before)
    assert all(after[name] == before[name] for name in before if name != "errors.jsonl")
