"""The command line: inputs of every kind, one record per article in order, bad input handled."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from extractor.cli import main

from .conftest import ROOT, SAMPLES


def run(args, capsys, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def read(path) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def test_extract_samples_directory(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    code, _, err = run(["extract", str(SAMPLES), "-o", str(out)], capsys)
    assert code == 0
    recs = read(out)
    inputs = [json.loads(line)["id"] for f in sorted(SAMPLES.glob("*.jsonl")) if not f.name.endswith(".gold.jsonl")
              for line in open(f, encoding="utf-8")]
    assert [r["id"] for r in recs] == inputs  # gold files are not inputs; order kept
    assert all(r["schema_version"] == "1" and "error" not in r for r in recs)
    assert not any("text" in r for r in recs)  # only with --include-text
    assert "records" in err


def test_include_text_gives_the_text_every_offset_indexes(tmp_path, capsys):
    import jsonschema

    from extractor.schema import json_schema

    out = tmp_path / "out.jsonl"
    assert run(["extract", str(SAMPLES), "-o", str(out), "--include-text", "-q"], capsys)[0] == 0
    recs = read(out)
    inputs = {json.loads(line)["id"]: json.loads(line)["text"] for f in SAMPLES.glob("*.jsonl")
              if not f.name.endswith(".gold.jsonl") for line in open(f, encoding="utf-8")}
    validator = jsonschema.Draft202012Validator(json_schema())
    spans = 0
    for rec in recs:
        validator.validate(rec)
        text = rec["text"]
        assert text == inputs[rec["id"]]
        for span in [m for e in rec["entities"] for m in e["mentions"]] + [f["evidence"] for f in rec["facts"]]:
            assert text[span["start"]:span["end"]] == span["text"], (rec["id"], span)
            spans += 1
    assert len(recs) == len(inputs) and spans > 100


def test_extract_stdin_to_stdout_with_default_published(capsys, monkeypatch):
    lines = "\n".join(json.dumps({"id": i, "text": f"Acara digelar Rabu (9/10) di Jakarta. Peserta {n} orang."})
                      for i, n in (("a", 10), ("b", 20)))
    code, out, _ = run(["extract", "-", "--published", "2024-10-10", "-q"], capsys, stdin=lines, monkeypatch=monkeypatch)
    assert code == 0
    recs = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in recs] == ["a", "b"]
    assert recs[0]["meta"]["published"] == "2024-10-10"
    assert {f["value"] for f in recs[0]["facts"] if f["type"] == "date"} == {"2024-10-09"}
    assert [f["value"] for f in recs[1]["facts"] if f["type"] == "quantity"] == [20]


def test_txt_input_id_is_file_name(tmp_path, capsys):
    (tmp_path / "berita-satu.txt").write_text("JAKARTA - Menteri hadir pada 9 Oktober 2024.", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert run(["extract", str(tmp_path / "berita-satu.txt"), "-o", str(out)], capsys)[0] == 0
    (rec,) = read(out)
    assert rec["id"] == "berita-satu" and rec["meta"]["dateline"] == "Jakarta"
    assert rec["source"]["path"].endswith("berita-satu.txt")


def test_bad_inputs_each_get_a_record_and_the_run_goes_on(tmp_path, capsys):
    english = "The quick brown fox jumps over the lazy dog while the committee reviews the annual budget report " * 3
    long_text = ("Bupati Banyuwangi menyerahkan bantuan Rp 2,5 miliar kepada 1.250 pelaku usaha pada Jumat (14/11/2025). " * 21000)
    assert len(long_text) > 2_000_000
    lines = [
        json.dumps({"id": "empty", "text": ""}),
        json.dumps({"id": "spaces", "text": "   \n\t "}),
        "this is not json {",
        json.dumps({"id": "no-text", "title": "judul saja"}),
        json.dumps({"id": "english", "text": english}),
        json.dumps({"id": "big", "text": long_text, "published": "2025-11-15"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "last", "text": "Menteri hadir di Jakarta."}),
    ]
    src = tmp_path / "bad.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad_txt = tmp_path / "latin1.txt"
    bad_txt.write_bytes("Bupati hadir di Kabupaten Bogor pada 9 Oktober 2024. Caf\xe9 ramai.".encode("latin-1"))
    out = tmp_path / "out.jsonl"
    code, _, err = run(["extract", str(src), str(bad_txt), "-o", str(out)], capsys)
    assert code == 1  # every item has its line, and the status says some of them are error records
    recs = read(out)
    assert [r["id"] for r in recs] == ["empty", "spaces", "bad:3", "no-text", "english", "big", "bad:7", "last", "latin1"]
    by_id = {r["id"]: r for r in recs}
    assert any("empty" in w for w in by_id["empty"]["warnings"])
    assert any("empty" in w for w in by_id["spaces"]["warnings"])
    assert by_id["bad:3"]["error"]["type"] == "InvalidJSON" and "line 3" in by_id["bad:3"]["error"]["message"]
    assert by_id["no-text"]["error"]["type"] == "MissingText" and "line 4" in by_id["no-text"]["error"]["message"]
    assert any("Indonesian" in w for w in by_id["english"]["warnings"])
    assert by_id["bad:7"]["error"]["type"] == "InvalidInput"
    # a 2.2 MB article is cut at 500,000 characters (--max-chars), at a space, and says so
    big_money = [f for f in by_id["big"]["facts"] if f["type"] == "money"]
    sentences = 500_000 // (len(long_text) // 21000)
    assert sentences - 1 <= len(big_money) <= sentences + 1 and big_money[-1]["evidence"]["end"] <= 500_000
    assert any("cut at character 499,9" in w and f"of {len(long_text):,}" in w for w in by_id["big"]["warnings"])
    latin = by_id["latin1"]
    assert any("UTF-8" in w for w in latin["warnings"])
    assert [f["value"] for f in latin["facts"] if f["type"] == "date"] == ["2024-10-09"]
    assert "bad.jsonl line 3" in err  # the message names the file and line


def _can_create(path: str) -> bool:
    try:
        open(path, "x").close()
    except OSError:
        return False
    os.remove(path)
    return True


KEPT = "".join(f'{{"id": "k{i}"}}\n' for i in range(300))  # an earlier run's output, to be kept


@pytest.mark.parametrize("case", ["missing input", "output is an input", "errors folder missing",
                                  "output is a folder", "output not writable"])
def test_bad_paths_are_usage_errors_before_anything_is_opened(tmp_path, capsys, case):
    """Each names the path, exits 2 and leaves every existing file as it was; no model is loaded
    (the check comes first), so these runs are instant."""
    good = tmp_path / "ok.jsonl"
    good.write_text('{"id": "a", "text": "Menteri hadir di Jakarta."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text(KEPT, encoding="utf-8")
    args, named = {
        "missing input": (["extract", str(tmp_path / "nope.jsonl"), str(good), "-o", str(out)], "nope.jsonl: does not exist"),
        "output is an input": (["extract", str(good), "-o", str(good)], "is an input and an output"),
        "errors folder missing": (["extract", str(good), "-o", str(out), "--errors", str(tmp_path / "no" / "e.jsonl")],
                                  "does not exist"),
        "output is a folder": (["extract", str(good), "-o", str(tmp_path)], "is a directory"),
        "output not writable": (["extract", str(good), "-o", "/sys/out.jsonl"], "cannot be written"),
    }[case]
    if case == "output not writable" and _can_create("/sys/out.jsonl"):
        pytest.skip("/sys takes new files here: no read-only place to try")
    code, _, err = run(args, capsys)
    assert code == 2 and named in err
    assert out.read_text(encoding="utf-8") == KEPT
    assert good.read_text(encoding="utf-8").startswith('{"id": "a"')


def test_an_output_inside_an_input_folder_is_never_read_back(tmp_path, ex):
    from extractor.batch import BatchOptions, run as run_batch

    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "Menteri hadir di Jakarta."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    for _ in range(2):  # the second run finds the first one's output in the folder
        summary = run_batch(BatchOptions(inputs=(str(tmp_path),), output=str(out), progress=False), extractor=ex)
        assert summary.articles == 1 and [r["id"] for r in read(out)] == ["a"]


@pytest.mark.parametrize("args,message", [
    (["extract", "x.pdf"], "unsupported input"),
    (["extract", "-", "--published", "kemarin sore"], "--published"),
])
def test_usage_errors(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    code, _, err = run(args, capsys)
    assert code == 2 and message in err


def test_python_dash_m_runs(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "extractor", "schema"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and json.loads(proc.stdout)["$defs"]["Record"]


def test_version_is_the_one_in_pyproject(tmp_path):
    import importlib.metadata
    import re

    proc = subprocess.run([sys.executable, "-m", "extractor", "--version"], capture_output=True, text=True, cwd=ROOT)
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[project]", 1)[1]
    version = re.search(r'^version\s*=\s*"([^"]+)"', project, re.M)[1]
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout == f"indonesian-news-extractor {version}\n"
    assert importlib.metadata.version("indonesian-news-extractor") == version  # installed from this pyproject
    import extractor

    assert extractor.__version__ == version


def test_version_of_a_checkout_that_was_never_installed(monkeypatch):
    import extractor

    monkeypatch.setattr(extractor, "DISTRIBUTION", "no-such-distribution-installed")
    assert extractor.__version__ == "unknown"


def test_extract_runs_thinc_without_torch_and_torch_stays_importable():
    """thinc would import torch (175 MB) into every `extractor extract` process where torch is
    installed; the spaCy models use none of it."""
    pytest.importorskip("torch")
    code = ("import sys\nfrom extractor.nlp.spacy_backend import import_thinc_without_torch\n"
            "import_thinc_without_torch()\nimport thinc.compat\n"
            "print(thinc.compat.has_torch, 'torch' in sys.modules)\nimport torch\nprint(torch.zeros(2).sum().item())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.split() == ["False", "False", "0.0"]
