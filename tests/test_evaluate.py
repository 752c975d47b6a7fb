"""`extractor evaluate` scores like ../shared/eval/score.py (same matching rules); it says `-`
where a field has nothing to score and stops when no record belongs to the gold file."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extractor.cli import main
from extractor.evaluate import load_jsonl, score

from .conftest import SAMPLES, SHARED_EVAL

GOLD = {"id": "g1", "entities": [{"type": "PER", "name": "Heni Susila Wardoyo", "aliases": ["Heni"]},
                                 {"type": "ORG", "name": "Kantor Imigrasi Kelas II Non TPI Ponorogo", "aliases": []}],
        "awards": [{"recipient": "Kantor Imigrasi Kelas II Non TPI Ponorogo", "award": "juara I lomba inovasi"}],
        "quantities": [{"value": 64, "unit": "unit kerja"}],
        "money": [], "dates": ["2024-10-09", "2024"],
        "quotes": [{"speaker": "Heni Susila Wardoyo", "text": "Kami sangat mengapresiasi dedikasi Imigrasi Ponorogo"}]}
PRED = {"id": "g1", "entities": [
            {"id": "E1", "type": "PER", "name": "Heni", "aliases": [], "mentions": []},
            {"id": "E2", "type": "ORG", "name": "Kantor Imigrasi Kelas II TPI Ponorogo", "aliases": [], "mentions": []}],
        "facts": [{"type": "award", "recipient": "E2", "award": "juara II lomba inovasi"},
                  {"type": "quantity", "value": 64, "unit": "unit"},
                  {"type": "date", "value": "2024-10-09"}, {"type": "date", "value": "2024-10-09"},
                  {"type": "money", "value": 5, "currency": "IDR"},
                  {"type": "quote", "speaker": "E1", "text": "Kami sangat mengapresiasi dedikasi Imigrasi Ponorogo yang terus berinovasi"}]}


def test_matching_rules():
    r = score([GOLD], [PRED]).to_dict()
    assert (r["entities"]["tp"], r["entities"]["fp"], r["entities"]["fn"]) == (2, 0, 0)  # alias + token F1 >= 0.8
    assert r["awards"]["tp"] == 0  # juara II != juara I
    assert r["quantities"]["tp"] == 1  # unit token F1 0.67
    assert (r["dates"]["tp"], r["dates"]["fp"], r["dates"]["fn"]) == (1, 0, 1)  # exact repeat counts once
    assert r["money"]["fp"] == 1 and r["quotes"]["tp"] == 1
    assert "roles" not in GOLD and r["roles"]["tp"] + r["roles"]["fp"] + r["roles"]["fn"] == 0


def as_shared_scorer(report: dict) -> dict:
    """Our report as score.py writes it: 0.0 where we write null (a field with nothing to score)."""
    return {k: {m: 0.0 if x is None else x for m, x in v.items()} if isinstance(v, dict) else v
            for k, v in report.items()}


@pytest.mark.skipif(not (SHARED_EVAL / "score.py").exists(), reason="../shared/eval/score.py not present")
def test_agrees_with_shared_scorer_on_samples(tmp_path, sample_records):
    for gold_file in sorted(SAMPLES.glob("*.gold.jsonl")):
        pred = tmp_path / "pred.jsonl"
        pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in sample_records.values()), encoding="utf-8")
        theirs = json.loads(subprocess.run([sys.executable, str(SHARED_EVAL / "score.py"), str(gold_file), str(pred), "--json"],
                                           capture_output=True, text=True, check=True).stdout)
        ours = as_shared_scorer(score(load_jsonl(gold_file), load_jsonl(pred)).to_dict())
        assert ours == theirs, gold_file.name


@pytest.mark.skipif(not (SHARED_EVAL / "score.py").exists(), reason="../shared/eval/score.py not present")
def test_agrees_with_shared_scorer_on_crafted_records(tmp_path):
    gold, pred = tmp_path / "g.jsonl", tmp_path / "p.jsonl"
    gold.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    pred.write_text(json.dumps(PRED) + "\n", encoding="utf-8")
    theirs = json.loads(subprocess.run([sys.executable, str(SHARED_EVAL / "score.py"), str(gold), str(pred), "--json"],
                                       capture_output=True, text=True, check=True).stdout)
    assert as_shared_scorer(score(load_jsonl(gold), load_jsonl(pred)).to_dict()) == theirs


def test_evaluate_command_prints_table_and_errors(tmp_path, capsys):
    gold, pred = tmp_path / "g.jsonl", tmp_path / "p.jsonl"
    gold.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    pred.write_text(json.dumps(PRED) + "\n", encoding="utf-8")
    assert main(["evaluate", str(gold), str(pred), "--show-errors"]) == 0
    out = capsys.readouterr().out
    assert "micro" in out and "g1\tawards\tmissed" in out
    assert main(["evaluate", str(gold), str(pred), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["dates"]["tp"] == 1


def test_bad_gold_line_names_file_and_line(tmp_path, capsys):
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"id": "a"}\n{oops\n', encoding="utf-8")
    assert main(["evaluate", str(gold), str(gold)]) == 2
    assert "g.jsonl line 2" in capsys.readouterr().err


def write_pair(tmp_path, gold: list[dict], pred: list[dict]):
    paths = tmp_path / "g.jsonl", tmp_path / "p.jsonl"
    for path, objs in zip(paths, (gold, pred)):
        path.write_text("".join(json.dumps(o) + "\n" for o in objs), encoding="utf-8")
    return [str(p) for p in paths]


def test_a_field_with_nothing_on_either_side_is_a_dash_not_zero(tmp_path, capsys):
    gold, pred = write_pair(tmp_path, [GOLD], [PRED])
    assert main(["evaluate", gold, pred]) == 0
    rows = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()[2:]}
    assert rows["roles"] == ["-", "-", "-", "0", "0", "0"]  # roles not annotated, none predicted
    assert rows["money"] == ["0.000", "0.000", "0.000", "0", "1", "0"]  # one spurious: a real 0
    assert rows["entities"][:3] == ["1.000", "1.000", "1.000"]
    assert main(["evaluate", gold, pred, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["roles"] == {"p": None, "r": None, "f1": None, "tp": 0, "fp": 0, "fn": 0}
    assert out["money"]["p"] == 0.0 and out["entities"]["f1"] == 1.0


def test_no_record_with_a_gold_id_exits_1_and_says_so(tmp_path, capsys):
    gold, pred = write_pair(tmp_path, [GOLD], [{**PRED, "id": "other"}])
    assert main(["evaluate", gold, pred]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "no record in" in err and "g1" in err and "other" in err
    assert main(["evaluate", gold, pred, "--json"]) == 1
    assert "no record in" in capsys.readouterr().err


@pytest.mark.parametrize("gold,pred,message", [([], [PRED], "holds no gold articles"), ([GOLD], [], "holds no records")])
def test_empty_files_exit_1(tmp_path, capsys, gold, pred, message):
    assert main(["evaluate", *write_pair(tmp_path, gold, pred)]) == 1
    assert message in capsys.readouterr().err


def test_one_matching_record_is_enough_to_score(tmp_path, capsys):
    gold, pred = write_pair(tmp_path, [GOLD, {**GOLD, "id": "g2"}], [PRED])
    assert main(["evaluate", gold, pred]) == 0
    assert capsys.readouterr().out.startswith("articles 2  with a record 1\n")
