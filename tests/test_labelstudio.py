"""The Label Studio round trip: records out as tasks, a corrected export back as gold lines that
`extractor evaluate` scores against."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.evaluate import load_jsonl, score
from extractor.labelstudio import ExportError, gold_lines, label_config, tasks

from .conftest import SAMPLES

EXPORT = Path(__file__).resolve().parent / "data" / "label_studio_export.json"


def test_a_hand_written_export_in_label_studio_format_becomes_gold_lines(tmp_path, capsys):
    out = tmp_path / "gold.jsonl"
    assert main(["import-gold", str(EXPORT), "-o", str(out)]) == 0
    assert "1 tasks nobody annotated left out" in capsys.readouterr().err  # task 12 has no annotation
    (gold,) = load_jsonl(str(out))
    assert gold == {
        "id": "bantuan-umkm-01", "published": "2025-11-15",
        "entities": [{"type": "LOC", "name": "Kabupaten Banyuwangi", "aliases": ["BANYUWANGI"]},
                     {"type": "PER", "name": "Ipuk Fiestiandani", "aliases": ["Ipuk"]}],  # a3 has no text: cut from data
        "roles": [{"person": "Ipuk Fiestiandani", "title": "Bupati Banyuwangi"}],
        "awards": [], "metrics": [], "quantities": [],
        "money": [{"value": 2500000000, "currency": "IDR"}],
        "dates": ["2025-11-14"],
        "quotes": [{"speaker": "Ipuk Fiestiandani", "text": "Kami ingin usaha mikro naik kelas"}],
    }


def _records(ex) -> list[dict]:
    lines = [json.loads(line) for line in (SAMPLES / "press_releases.jsonl").read_text(encoding="utf-8").splitlines()]
    return [ex.extract(a["text"], published=a.get("published"), id=a["id"]).to_dict() for a in lines[:2]]


def _corrected(made: list[dict], change) -> list[dict]:
    """The tasks as an annotator would export them: the prediction accepted, then ``change``d."""
    for i, t in enumerate(made, 1):
        t["id"] = i
        t["annotations"] = [{"id": i, "was_cancelled": False, "result": change(json.loads(json.dumps(
            t["predictions"][0]["result"])))}]
    return made


def test_export_change_import_evaluate(ex, tmp_path):
    """Accepted as predicted, the gold scores the records perfectly; one relabelled entity and
    one removed date are exactly what the score then counts."""
    records = _records(ex)
    texts = {r["id"]: a for r, a in zip(records, [json.loads(line)["text"] for line in
                                                 (SAMPLES / "press_releases.jsonl").read_text(encoding="utf-8").splitlines()])}
    same, _ = gold_lines(_corrected(tasks(records, texts), lambda result: result))
    micro = score(same, records).prf("micro")
    assert micro["fp"] == micro["fn"] == 0 and micro["tp"] > 20

    def relabel_one_org_and_drop_one_date(result):
        org = next(r["id"] for r in result if r["type"] == "labels" and r["value"]["labels"] == ["ORG"])
        date = next(r["id"] for r in result if r["type"] == "labels" and r["value"]["labels"] == ["date"])
        for r in result:
            if r["id"] == org and r["type"] == "labels":
                r["value"]["labels"] = ["LOC"]
        return [r for r in result if r["id"] != date]

    made = _corrected(tasks(records, texts), relabel_one_org_and_drop_one_date)
    (tmp_path / "export.json").write_text(json.dumps(made), encoding="utf-8")
    assert main(["import-gold", str(tmp_path / "export.json"), "-o", str(tmp_path / "gold.jsonl")]) == 0
    report = score(load_jsonl(str(tmp_path / "gold.jsonl")), records)
    ents, dates, roles = report.prf("entities"), report.prf("dates"), report.prf("roles")
    assert ents["fp"] >= 1 and ents["fn"] >= 1  # the ORG became a LOC in gold (its other mentions may stay ORG)
    gold_dates = [set(g["dates"]) for g in load_jsonl(str(tmp_path / "gold.jsonl"))]
    predicted = [{f["value"] for f in r["facts"] if f["type"] == "date"} for r in records]
    assert dates["fn"] == 0 and dates["fp"] == sum(len(p - g) for p, g in zip(predicted, gold_dates)) == len(records)
    assert roles["fp"] == roles["fn"] == 0


def test_the_export_command_writes_tasks_and_the_labelling_config(tmp_path, capsys):
    rec = tmp_path / "rec.jsonl"
    assert main(["extract", str(SAMPLES / "seed.jsonl"), "-o", str(rec), "-q"]) == 0
    out = tmp_path / "tasks.json"
    assert main(["export", str(rec), "-o", str(out)]) == 2  # no text in the records, no --input
    assert "--include-text" in capsys.readouterr().err
    assert main(["export", str(rec), "--input", str(SAMPLES / "seed.jsonl"), "-o", str(out)]) == 0
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    text = task["data"]["text"]
    for r in task["predictions"][0]["result"]:  # every region quotes its text
        assert text[r["value"]["start"]:r["value"]["end"]] == (r["value"]["text"] if r["type"] == "labels"
                                                               else text[r["value"]["start"]:r["value"]["end"]])
    assert (tmp_path / "tasks.label_config.xml").read_text(encoding="utf-8") == label_config()


@pytest.mark.parametrize("export, message", [
    ({"tasks": []}, "a list of tasks"),
    ([{"id": 5, "data": {"text": "Rp 5 juta"}, "annotations": [{"result": [
        {"id": "x", "type": "labels", "value": {"start": 0, "end": 9, "text": "Rp 5 juta", "labels": ["money"]}}]}]}],
     r"task 5: a money region \('Rp 5 juta'\) has an empty fields box"),
    ([{"id": 6, "data": {"text": "Rp 5 juta"}, "annotations": [{"result": [
        {"id": "x", "type": "labels", "value": {"start": 0, "end": 9, "labels": ["money"]}},
        {"id": "x", "type": "textarea", "value": {"start": 0, "end": 9, "text": ["{value: 5}"]}}]}]}],
     "task 6 region 'x' \\(money 'Rp 5 juta'\\): its fields box is not JSON"),
    ([{"id": 7, "data": {"text": "Jepara"}, "annotations": [{"result": [
        {"id": "y", "type": "labels", "value": {"start": 0, "end": 6, "labels": ["PLACE"]}}]}]}],
     "task 7: unknown label 'PLACE'"),
])
def test_an_export_that_is_no_gold_is_named_with_its_task_and_region(export, message):
    with pytest.raises(ExportError, match=message):
        gold_lines(export, "export.json")
