"""Drawing corpus passages for annotation (dangjian_nlp.tagging.sample) on corpora the tests build."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from dangjian_nlp.tagging.sample import ShingleIndex, candidate_passages, draw, write_batches

PLAN = (
    "绍兴一中党委2011年工作思路\n\n"
    "一、加强党员教育管理。要坚持“三会一课”制度，每月开展一次主题党日活动，组织党员教师集中学习党的创新理论，"
    "不断增强党员的党性修养和宗旨意识。\n\n"
    "二、落实党风廉政建设责任制。党委书记履行第一责任人职责，班子成员落实“一岗双责”，定期听取各支部党风廉政工作汇报。\n\n"
    "三、今年学校教学质量稳步提升，高考成绩再创新高。\n"
)
SPEECH = (
    "在全省组织工作会议上的讲话\n\n"
    "各级党组织要把严的基调贯穿管党治党全过程，党员干部要带头遵守党的纪律，切实发挥先锋模范作用。\n"
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
    assert "高考成绩" not in texts  # no party-building word
    plan = next(c for c in candidates if c["file"] == "party-study-materials/plan.txt")
    assert plan["own"]  # a party committee's own work plan


def test_annotated_passages_are_not_offered_again(tmp_path: Path) -> None:
    corpora = _corpora(tmp_path)
    first = candidate_passages(corpora, [])
    taken = [{"file": c["file"], "start": c["start"], "end": c["end"]} for c in first[:1]]
    again = candidate_passages(corpora, taken)
    assert len(again) == len(first) - 1
    assert all((c["file"], c["start"]) != (taken[0]["file"], taken[0]["start"]) for c in again)


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
