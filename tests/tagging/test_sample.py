"""Drawing corpus passages for annotation (dangjian_nlp.tagging.sample) on corpora the tests build."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from dangjian_nlp.tagging.sample import ShingleIndex, candidate_passages, draw, main, write_batches
from dangjian_nlp.tagging.train import SILVER_FILE, text_hash

PLAN = (
    "绍兴一中党委2011年工作思路\n\n"
    "一、加强党员教育管理。要坚持“三会一课”制度，每月开展一次主题党日活动，组织党员教师集中学习党的创新理论，"
    "不断增强党员的党性修养和宗旨意识。\n\n"
    "二、落实党风廉政建设责任制。党委书记履行第一责任人职责，班子成员落实“一岗双责”，定期听取各支部党风廉政工作汇报。\n\n"
    "三、今年学校教学质量稳步提升，高考成绩再创新高，学生在各类学科竞赛中屡获佳绩，办学声誉进一步提高。\n\n"
    "四、组织党员教师深入开展家访活动，倾听家长意见建议，帮助困难学生解决实际问题，办好人民满意的教育。\n"
)
SPEECH = (
    "在全省组织工作会议上的讲话\n\n"
    "各级党组织要把严的基调贯穿管党治党全过程，党员干部要带头遵守党的纪律，切实发挥先锋模范作用。\n\n"
    "各地要组织党员深入开展调查研究，摸清群众急难愁盼问题，拿出切实可行的解决办法，推动各项工作落地见效。\n"
)


def _corpora(tmp_path: Path) -> Path:
    corpora = tmp_path / "corpora"
    for folder, name, text in (("party-study-materials", "plan.txt", PLAN),
                               ("cpc-congress-reports", "speech.txt", SPEECH),
                               ("dangjian-heldout", "plan.txt", PLAN)):
        (corpora / folder).mkdir(parents=True, exist_ok=True)
        (corpora / folder / name).write_text(text, encoding="utf-8")
    return corpora


def test_candidates_are_verbatim_party_passages_never_from_the_unseen_folder(tmp_path: Path) -> None:
    corpora = _corpora(tmp_path)
    candidates = candidate_passages(corpora, [])
    assert candidates, "the plan's party-work points qualify"
    assert all(not c["file"].startswith("dangjian-heldout/") for c in candidates)
    for candidate in candidates:
        source = (corpora / candidate["file"]).read_text(encoding="utf-8")
        assert source[candidate["start"]:candidate["end"]] == candidate["text"]
    texts = " ".join(c["text"] for c in candidates)
    assert "三会一课" in texts and "一岗双责" in texts
    assert "高考成绩" not in texts  # long enough, but no party-building word
    # One party-building word is enough in the committee's own plan, not in a speech.
    assert "家访活动" in texts and "调查研究" not in texts
    own = {c["file"]: c["own"] for c in candidates}
    assert own == {"party-study-materials/plan.txt": True, "cpc-congress-reports/speech.txt": False}


def test_annotated_passages_are_not_offered_again(tmp_path: Path) -> None:
    corpora = _corpora(tmp_path)
    first = candidate_passages(corpora, [])
    taken = [{"source": c["file"], "start": c["start"], "end": c["end"]} for c in first[:1]]
    again = candidate_passages(corpora, taken)
    assert len(again) == len(first) - 1
    assert all((c["file"], c["start"]) != (taken[0]["source"], taken[0]["start"]) for c in again)


def test_near_copies_are_dropped_and_the_draw_is_fixed_by_the_seed(tmp_path: Path) -> None:
    corpora = _corpora(tmp_path)
    candidates = candidate_passages(corpora, [])
    known = candidates[0]["text"]
    one = draw([dict(c) for c in candidates], ShingleIndex([known]), count=10, seed=3)
    two = draw([dict(c) for c in candidates], ShingleIndex([known]), count=10, seed=3)
    assert [c["text"] for c in one] == [c["text"] for c in two]
    assert known not in [c["text"] for c in one]
    assert len(one) == len(candidates) - 1


def test_shingle_index_finds_a_passage_that_repeats_half_of_a_known_one() -> None:
    known = "要坚持三会一课制度，每月开展一次主题党日活动，组织党员教师集中学习党的创新理论。"
    index = ShingleIndex([known])
    assert index.is_near_copy(known)
    assert index.is_near_copy(known[:30] + "，切实增强党性。")
    assert not index.is_near_copy("党委书记履行第一责任人职责，班子成员落实一岗双责，定期听取汇报。")


def test_batches_hold_references_hashes_and_text(tmp_path: Path) -> None:
    chosen = [{"file": "a/x.txt", "start": 10, "end": 20, "text": "党员干部要带头遵守纪律"},
              {"file": "a/w.txt", "start": 0, "end": 5, "text": "支部书记"}]
    sizes = write_batches(chosen, tmp_path / "out", batches=1, prefix="r3")
    assert sizes == [2]
    lines = [json.loads(line) for line in (tmp_path / "out" / "batch-0.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line["file"] for line in lines] == ["a/w.txt", "a/x.txt"]  # file order
    assert lines[0]["id"] == "r3-0-000"
    assert lines[1]["sha1"] == hashlib.sha1("党员干部要带头遵守纪律".encode()).hexdigest()[:12]


def test_the_command_leaves_out_what_is_annotated_and_repeats_its_draw(tmp_path: Path, monkeypatch, capsys) -> None:
    corpora = _corpora(tmp_path)
    first = candidate_passages(corpora, [])
    annotated = first[0]
    models = tmp_path / "models"
    (models / SILVER_FILE).parent.mkdir(parents=True)
    (models / SILVER_FILE).write_text(json.dumps({
        "id": "silver-0000", "file": annotated["file"], "start": annotated["start"], "end": annotated["end"],
        "sha1": text_hash(annotated["text"]), "role": "measure", "problems": [], "measures": ["M.training"],
        "annotator": "A0"}, ensure_ascii=False) + "\n", encoding="utf-8")
    monkeypatch.setenv("DANGJIAN_MODELS", str(models))
    outputs = []
    for out in ("one", "two"):
        main(["--out", str(tmp_path / out), "--batches", "2", "--corpora", str(corpora)])
        report = json.loads(capsys.readouterr().out)
        assert report["chosen"] == report["candidates"] == len(first) - 1
        outputs.append([(tmp_path / out / f"batch-{k}.jsonl").read_bytes() for k in range(2)])
    assert outputs[0] == outputs[1]
    drawn = b"".join(outputs[0]).decode("utf-8")
    assert annotated["text"] not in drawn
