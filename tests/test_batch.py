"""Batch runs: input shapes, field mapping, errors apart, fail-fast, parallel jobs, resume after a
real SIGKILL, and the Dask path on a LocalCluster, all checked on the records written."""
from __future__ import annotations

import csv
import gzip
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from extractor import LoadOptions
from extractor.batch import BatchOptions, BatchSummary, run
from extractor.cli import main
from extractor.io.readers import Fields

from .conftest import ROOT, SAMPLES


def sample_articles() -> list[dict]:
    return [json.loads(line) for name in ("press_releases.jsonl", "seed.jsonl")
            for line in open(SAMPLES / name, encoding="utf-8")]


def write_corpus(path, n: int) -> list[str]:
    """``n`` sample articles with ids a00000..., as JSON Lines; returns the ids."""
    arts = sample_articles()
    ids = []
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            art = dict(arts[i % len(arts)], id=f"a{i:05d}")
            ids.append(art["id"])
            fh.write(json.dumps(art, ensure_ascii=False) + "\n")
    return ids


def read(path) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def write_lines(path, items: list) -> None:
    """JSON Lines of ``items``: dicts as JSON, strings as they are (a broken line)."""
    path.write_text("".join((it if isinstance(it, str) else json.dumps(it, ensure_ascii=False)) + "\n"
                            for it in items), encoding="utf-8")


class Counting:
    """The loaded pipeline, noting the id of every item it is given to extract."""

    def __init__(self, ex):
        self.ex, self.ids = ex, []

    def extract_many(self, items):
        items = list(items)
        self.ids += [item.id for item in items]
        return self.ex.extract_many(items)


def resume(src, out, ex, **options) -> tuple[BatchSummary, list[str]]:
    """A resumed run over ``src`` into ``out``: its summary and the ids it extracted."""
    counting = Counting(ex)
    summary = run(BatchOptions(inputs=(str(src),), output=str(out), resume=True, progress=False, **options),
                  extractor=counting)
    return summary, counting.ids


def outcome(summary: BatchSummary) -> tuple[int, int, int, int]:
    """(kept, re-extracted, dropped, new) of a resumed run."""
    return summary.kept, summary.changed, summary.dropped, summary.new


@pytest.fixture
def earlier(tmp_path, ex):
    """An input of 8 sample articles (a00000...), its records written by a whole run, and the
    record lines by id."""
    src, out = tmp_path / "in.jsonl", tmp_path / "o.jsonl"
    write_corpus(src, 8)
    run(BatchOptions(inputs=(str(src),), output=str(out), progress=False), extractor=ex)
    lines = {json.loads(line)["id"]: line for line in out.read_text(encoding="utf-8").splitlines(keepends=True)}
    return src, out, lines


def test_field_mapping_for_jsonl_gzip_and_csv_with_scraper_dates(tmp_path, ex):
    art = sample_articles()[0]
    gz = tmp_path / "scraped.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"uid": "g1", "content": art["text"], "tgl": "10/17/2025 12:55", "judul": "J1"}) + "\n")
    table = tmp_path / "scraped.csv"
    with open(table, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["link", "judul", "content", "tgl"])
        w.writerow(["https://contoh.id/1", "J2", art["text"], "Senin, 9 Juni 2025 20:57 WIB"])
        w.writerow(["https://contoh.id/2", "J3", art["text"], "05/06/2025"])
    out = tmp_path / "out.jsonl"
    fields = Fields(text="content", id="uid", published="tgl", title="judul", url="link")
    summary = run(BatchOptions(inputs=(str(gz), str(table)), output=str(out), fields=fields, progress=False),
                  extractor=ex)
    recs = read(out)
    assert summary.records == 3 and not summary.failed
    assert [r["id"] for r in recs] == ["g1", "scraped:1", "scraped:2"]
    assert [r["meta"]["published"] for r in recs] == ["2025-10-17", "2025-06-09", "2025-06-05"]
    assert [r["meta"]["title"] for r in recs] == ["J1", "J2", "J3"]
    assert recs[1]["source"]["url"] == "https://contoh.id/1"
    assert recs[0]["entities"] and recs[0]["entities"] == recs[1]["entities"]  # same text, same result
    # an ambiguous day/month is read as told
    run(BatchOptions(inputs=(str(table),), output=str(out), fields=fields, date_order="MDY", progress=False), extractor=ex)
    assert [r["meta"]["published"] for r in read(out)] == ["2025-06-09", "2025-05-06"]


def test_csv_without_the_text_column_names_the_columns(tmp_path, ex):
    table = tmp_path / "t.csv"
    table.write_text("judul,isi\nA,Bupati hadir di Jepara.\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    summary = run(BatchOptions(inputs=(str(table),), output=str(out), progress=False), extractor=ex)
    (rec,) = read(out)
    assert summary.failed and rec["error"]["type"] == "MissingText"
    assert "--text-field" in rec["error"]["message"] and "isi" in rec["error"]["message"]


def test_html_pages_give_main_text_and_metadata(tmp_path, ex):
    pytest.importorskip("trafilatura")
    page = ("<html><head><title>Bupati Jepara Terima Penghargaan</title>"
            '<meta property="article:published_time" content="2025-06-09T20:57:00+07:00">'
            '<meta name="author" content="Budi Santoso"></head><body><nav>Beranda | Daerah | Indeks</nav>'
            "<article><h1>Bupati Jepara Terima Penghargaan</h1><p>JEPARA, KOMPAS.com - Bupati Jepara Witiarso "
            "Utomo menerima penghargaan Adipura dari Kementerian Lingkungan Hidup pada Senin (9/6/2025).</p>"
            '<p>"Kami bangga dengan capaian seluruh warga Jepara ini," ujar Witiarso.</p></article>'
            "<footer>Hak cipta dilindungi undang-undang</footer></body></html>")
    (tmp_path / "berita.html").write_text(page, encoding="utf-8")
    (tmp_path / "pages.jsonl").write_text(json.dumps({"id": "p1", "html": page}) + "\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    run(BatchOptions(inputs=(str(tmp_path / "berita.html"), str(tmp_path / "pages.jsonl")), output=str(out),
                     progress=False), extractor=ex)
    for rec in read(out):
        assert rec["meta"]["title"] == "Bupati Jepara Terima Penghargaan"
        assert rec["meta"]["published"] == "2025-06-09" and rec["meta"]["reporter"] == "Budi Santoso"
        assert rec["meta"]["dateline"] == "Jepara"
        names = {e["name"] for e in rec["entities"]}
        assert "Witiarso Utomo" in names and not any("Beranda" in n or "Hak cipta" in n for n in names)
        assert [f["value"] for f in rec["facts"] if f["type"] == "date"] == ["2025-06-09"]


def test_errors_apart_fail_fast_and_exit_status(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([json.dumps({"id": "ok1", "text": "Menteri hadir di Jakarta."}), "{not json",
                              json.dumps({"id": "ok2", "text": "Bupati hadir di Jepara."})]) + "\n", encoding="utf-8")
    out, errors = tmp_path / "o.jsonl", tmp_path / "e.jsonl"
    assert main(["extract", str(src), "-o", str(out), "--errors", str(errors)]) == 1
    assert [r["id"] for r in read(out)] == ["ok1", "in:2", "ok2"]
    (err,) = read(errors)
    assert err["id"] == "in:2" and err["error"]["type"] == "InvalidJSON"
    assert main(["extract", str(src), "-o", str(out), "--fail-fast", "--batch-size", "1"]) == 1
    assert [r["id"] for r in read(out)] == ["ok1", "in:2"]
    assert "fail-fast" in capsys.readouterr().err
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "ok1", "text": "Menteri hadir di Jakarta."}) + "\n", encoding="utf-8")
    assert main(["extract", str(good), "-o", str(out), "-q"]) == 0
    assert capsys.readouterr().err == ""  # quiet: no summary


def test_a_truncated_gzip_file_is_reported_and_the_run_goes_on(tmp_path, ex):
    whole = gzip.compress((json.dumps({"id": "x", "text": "Bupati hadir di Jepara. " * 400}) + "\n").encode())
    (tmp_path / "a.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "b.txt").write_text("Menteri hadir di Jakarta.", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    summary = run(BatchOptions(inputs=(str(tmp_path),), output=str(out), progress=False), extractor=ex)
    recs = read(out)
    assert summary.unreadable == [str(tmp_path / "a.jsonl.gz")] and summary.failed
    assert recs[0]["error"]["type"] == "UnreadableFile" and recs[-1]["id"] == "b"


@pytest.mark.parametrize("workers", ["forked", "spawned"])
def test_two_jobs_write_the_same_lines_as_one(tmp_path, ex, workers, monkeypatch):
    """Workers forked from the loaded pipeline, or (where the parent runs threads) spawned, each
    loading its own: the lines are those of one job."""
    import extractor.batch

    if workers == "spawned":
        monkeypatch.setattr(extractor.batch, "_single_threaded", lambda: False)
    started, get_context = [], multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context", lambda method: started.append(method) or get_context(method))
    src = tmp_path / "in.jsonl"
    write_corpus(src, 24)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run(BatchOptions(inputs=(str(src),), output=str(one), load=LoadOptions(batch_size=4), progress=False),
               extractor=ex).records == 24
    assert run(BatchOptions(inputs=(str(src),), output=str(two), load=LoadOptions(batch_size=4), jobs=2, progress=False)).records == 24
    assert started == [{"forked": "fork", "spawned": "spawn"}[workers]]
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_resume_cuts_a_partial_line_and_continues_the_partial_file(tmp_path, ex):
    src = tmp_path / "in.jsonl"
    ids = write_corpus(src, 10)
    out, partial = tmp_path / "o.jsonl", tmp_path / "o.jsonl.partial"
    run(BatchOptions(inputs=(str(src),), output=str(out), progress=False), extractor=ex)
    whole = out.read_text(encoding="utf-8")
    lines = whole.splitlines(keepends=True)
    out.unlink()
    partial.write_text("".join(lines[:4]) + lines[4][: len(lines[4]) // 2], encoding="utf-8")  # killed mid-write
    summary, extracted = resume(src, out, ex)
    assert extracted == ids[4:] and outcome(summary) == (4, 0, 0, 6) and summary.records == 10
    assert out.read_text(encoding="utf-8") == whole and not partial.exists()


def test_resume_of_an_unchanged_input_extracts_nothing(earlier, ex):
    src, out, lines = earlier
    before = out.read_text(encoding="utf-8")
    summary, extracted = resume(src, out, ex)
    assert extracted == [] and outcome(summary) == (8, 0, 0, 0)
    assert out.read_text(encoding="utf-8") == before
    assert ("8 articles, 8 records, 0 error records" in summary.line()
            and "8 kept from the earlier run, 0 re-extracted (input changed), 0 dropped (no longer in the input), "
                "0 new" in summary.line())


def test_resume_after_an_edit_re_extracts_the_edited_article(earlier, ex):
    src, out, lines = earlier
    arts = read(src)
    arts[3]["text"] = "JEPARA - Bupati Jepara Witiarso Utomo meresmikan pasar senilai Rp5 miliar pada Senin (9/6)."
    write_lines(src, arts)
    summary, extracted = resume(src, out, ex)
    assert extracted == ["a00003"] and outcome(summary) == (7, 1, 0, 0)
    recs = read(out)
    assert [r["id"] for r in recs] == [a["id"] for a in arts]
    assert [f["value"] for f in recs[3]["facts"] if f["type"] == "money"] == [5_000_000_000]
    assert "Witiarso Utomo" in {e["name"] for e in recs[3]["entities"]}
    assert recs[3]["source"]["fingerprint"] != json.loads(lines["a00003"])["source"]["fingerprint"]
    kept = out.read_text(encoding="utf-8").splitlines(keepends=True)
    assert [kept[i] for i in (0, 1, 2, 4, 5, 6, 7)] == [lines[a["id"]] for a in arts if a["id"] != "a00003"]


def test_resume_after_a_deletion_drops_the_records(earlier, ex):
    src, out, lines = earlier
    arts = [a for a in read(src) if a["id"] not in ("a00002", "a00005")]
    write_lines(src, arts)
    summary, extracted = resume(src, out, ex)
    assert out.read_text(encoding="utf-8") == "".join(lines[a["id"]] for a in arts)
    assert extracted == [] and outcome(summary) == (6, 0, 2, 0)


def test_resume_after_insertions_writes_the_output_in_input_order(earlier, ex):
    src, out, lines = earlier
    arts = read(src)
    text = "Menteri Keuangan Sri Mulyani hadir di Jakarta pada Rabu (9/10)."
    arts.insert(4, {"id": "n1", "text": text, "published": "2024-10-10"})
    arts.insert(0, {"id": "n0", "text": text})
    write_lines(src, arts)
    summary, extracted = resume(src, out, ex)
    recs = read(out)
    assert [r["id"] for r in recs] == [a["id"] for a in arts]
    assert extracted == ["n0", "n1"] and outcome(summary) == (8, 0, 0, 2)
    assert recs[5]["meta"]["published"] == "2024-10-10" and recs[0]["meta"]["published"] is None


def test_a_resume_with_two_jobs_writes_what_a_whole_run_writes(earlier, ex, tmp_path):
    """Chunks of kept lines only, of items only and mixed, in order across two workers."""
    src, out, _ = earlier
    arts = read(src)
    arts[6]["text"] += " Bupati Jepara Witiarso Utomo juga hadir."
    arts.insert(1, {"id": "n1", "text": "Menteri Keuangan Sri Mulyani hadir di Jakarta."})
    write_lines(src, arts)
    summary = run(BatchOptions(inputs=(str(src),), output=str(out), resume=True, jobs=2, load=LoadOptions(batch_size=2),
                               progress=False))
    assert outcome(summary) == (7, 1, 0, 1)
    whole = tmp_path / "whole.jsonl"
    run(BatchOptions(inputs=(str(src),), output=str(whole), progress=False), extractor=ex)
    assert out.read_text(encoding="utf-8") == whole.read_text(encoding="utf-8")


def test_resume_counts_each_change_keeps_duplicates_apart_and_rewrites_the_errors_file(tmp_path, ex):
    """The n-th occurrence of an id is matched with its n-th record; the errors file ends with
    the error records of the current input only."""
    arts = sample_articles()
    a0, a1, a2 = ({"id": f"a{i}", "text": arts[i]["text"]} for i in range(3))
    d1, d2 = {"id": "d", "text": arts[3]["text"]}, {"id": "d", "text": arts[4]["text"]}
    src, out, errors = tmp_path / "in.jsonl", tmp_path / "o.jsonl", tmp_path / "e.jsonl"
    write_lines(src, [a0, a1, a2, "{not json", d1, d2])
    first = run(BatchOptions(inputs=(str(src),), output=str(out), errors=str(errors), progress=False), extractor=ex)
    assert first.errors == 1 and [r["id"] for r in read(errors)] == ["in:4"]
    write_lines(src, [{"id": "n", "text": arts[5]["text"]}, a0, dict(a1, title="Judul baru"), d1,
                      dict(d2, text=arts[2]["text"])])
    summary, extracted = resume(src, out, ex, errors=str(errors))
    assert extracted == ["n", "a1", "d"] and outcome(summary) == (2, 2, 2, 1)
    recs = read(out)
    assert [r["id"] for r in recs] == ["n", "a0", "a1", "d", "d"] and recs[2]["meta"]["title"] == "Judul baru"
    assert recs[4]["entities"] != recs[3]["entities"] and not summary.failed
    assert errors.read_text(encoding="utf-8") == ""
    assert ("2 kept from the earlier run, 2 re-extracted (input changed), 2 dropped (no longer in the input), 1 new"
            in summary.line())


def test_resume_after_a_kill_keeps_the_partial_file_up_to_an_edit_made_since(tmp_path, ex):
    """A killed resume left o.jsonl.partial (6 whole lines, then a partial one) and the input was
    edited at its 6th item since: the partial file's first 5 lines stay, the edited article is
    extracted again, the rest comes from the earlier output; the errors file is written anew."""
    arts = [{"id": f"a{i}", "text": a["text"]} for i, a in enumerate(sample_articles())]
    src, out, errors = tmp_path / "in.jsonl", tmp_path / "o.jsonl", tmp_path / "e.jsonl"
    write_lines(src, arts[:3] + ["{not json"] + arts[3:])
    run(BatchOptions(inputs=(str(src),), output=str(out), errors=str(errors), progress=False), extractor=ex)
    before, error_lines = out.read_text(encoding="utf-8"), errors.read_text(encoding="utf-8")
    lines = before.splitlines(keepends=True)
    partial = tmp_path / "o.jsonl.partial"
    partial.write_text("".join(lines[:6]) + lines[6][:40], encoding="utf-8")
    (tmp_path / "e.jsonl.partial").write_text('{"id": "stale"}\n', encoding="utf-8")
    arts[4]["text"] += " Bupati Jepara Witiarso Utomo juga hadir."
    write_lines(src, arts[:3] + ["{not json"] + arts[3:])
    summary, extracted = resume(src, out, ex, errors=str(errors))
    assert extracted == ["a4"] and outcome(summary) == (6, 1, 0, 0) and summary.errors == 1
    after = out.read_text(encoding="utf-8").splitlines(keepends=True)
    assert after[:5] + after[6:] == lines[:5] + lines[6:] and after[5] != lines[5]
    assert errors.read_text(encoding="utf-8") == error_lines and not partial.exists()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_killed_with_sigkill_and_resumed_has_one_record_per_article(tmp_path, jobs):
    """The run writes o.jsonl.partial: killed, it leaves the earlier o.jsonl as it was, and
    --resume continues the partial file, which then replaces o.jsonl."""
    src = tmp_path / "in.jsonl"
    ids = write_corpus(src, 150)
    out, partial = tmp_path / "o.jsonl", tmp_path / "o.jsonl.partial"
    out.write_text('{"id": "an earlier run"}\n', encoding="utf-8")
    cmd = [sys.executable, "-m", "extractor", "extract", str(src), "-o", str(out), "--batch-size", "4", "-q",
           "--jobs", str(jobs)]
    proc = subprocess.Popen(cmd, cwd=ROOT)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if partial.exists() and partial.read_bytes().count(b"\n") >= 12:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be killed"
    workers = psutil.Process(proc.pid).children()
    assert len(workers) >= (2 if jobs == 2 else 0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    killed_at = partial.read_bytes().count(b"\n")
    assert 12 <= killed_at < 150
    assert out.read_text(encoding="utf-8") == '{"id": "an earlier run"}\n'
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, "worker processes outlived the killed run"
    done = subprocess.run(cmd + ["--resume"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    recs = read(out)
    assert [r["id"] for r in recs] == ids and not any("error" in r for r in recs) and not partial.exists()


def test_dask_local_cluster_gives_the_records_of_a_single_process_run(tmp_path, ex):
    pytest.importorskip("dask.distributed")
    from extractor.dask import plan_parts
    from extractor.dask import run as run_dask

    src = tmp_path / "in.jsonl"
    write_corpus(src, 14)
    with open(src, "a", encoding="utf-8") as fh:
        fh.write("{broken\n")  # an input error keeps its place and its line number
    single = tmp_path / "single.jsonl"
    run(BatchOptions(inputs=(str(src),), output=str(single), progress=False), extractor=ex)
    assert len(plan_parts([str(src)], lines_per_part=5)) == 3
    counts = run_dask([str(src)], tmp_path / "parts", scheduler="local", jobs=2, lines_per_part=5)
    parts = sorted((tmp_path / "parts").glob("part-*.jsonl"))
    assert counts == {"parts": 3, "articles": 15, "records": 14, "errors": 1} and len(parts) == 3
    assert "".join(p.read_text(encoding="utf-8") for p in parts) == single.read_text(encoding="utf-8")


@pytest.mark.parametrize("second", [[], ["--resume"]])
def test_a_second_run_on_the_same_output_stops_and_mixes_nothing(tmp_path, second):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_corpus(src, 12)
    cmd = [sys.executable, "-m", "extractor", "extract", str(src), "-o", str(out), "-q"]
    first = subprocess.Popen(cmd, cwd=ROOT)
    lock = tmp_path / "out.jsonl.lock"
    for _ in range(200):  # the first run takes the lock before it loads the model (seconds)
        if lock.exists() and lock.read_text(encoding="utf-8"):
            break
        time.sleep(0.05)
    other = subprocess.run(cmd + second, cwd=ROOT, capture_output=True, text=True)
    assert other.returncode == 2 and f"process {first.pid} is writing it" in other.stderr
    assert first.wait(timeout=120) == 0
    assert [r["id"] for r in read(out)] == ids and not lock.exists()
